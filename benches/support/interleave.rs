//! Budgets timed in alternating rounds of one process, for `benches/runtime.rs` and
//! `benches/generate.rs`.
//!
//! Criterion measures one function for seconds before it moves to the next, and on a shared
//! virtual machine the same function moves by 30% or more between such windows. Rounds that
//! alternate between the baseline and the measured function see the same machine, so their
//! ratio is the one to read.

use std::time::Instant;

/// How many rounds, and how many calls of each function per round.
pub struct Rounds {
    pub rounds: usize,
    pub per_round: u32,
}

/// Times `baseline` and `measured` in alternating rounds and prints the medians over the rounds
/// (per call) and their ratio against `budget`.
pub fn interleaved(
    name: &str,
    budget: f64,
    r: Rounds,
    baseline: &mut dyn FnMut(),
    measured: &mut dyn FnMut(),
) {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..r.per_round {
            f();
        }
        start.elapsed().as_secs_f64() / f64::from(r.per_round)
    };
    let (mut base, mut with) = (Vec::new(), Vec::new());
    for _ in 0..r.rounds {
        base.push(time(baseline));
        with.push(time(measured));
    }
    let (base, with) = (median(&mut base), median(&mut with));
    let ratio = with / base;
    let verdict = if ratio <= budget { "ok" } else { "OVER" };
    println!(
        "{name} interleaved ({} rounds of {}): baseline {}, measured {}, ratio {ratio:.2}x \
         {verdict} (budget {budget}x)",
        r.rounds,
        r.per_round,
        show(base),
        show(with)
    );
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Seconds, in the unit that suits them.
fn show(secs: f64) -> String {
    if secs >= 1e-3 {
        format!("{:.1} ms", secs * 1e3)
    } else if secs >= 1e-6 {
        format!("{:.2} µs", secs * 1e6)
    } else {
        format!("{:.0} ns", secs * 1e9)
    }
}

/// The benches a filter on the command line asks for (`cargo bench --bench X -- persona`):
/// whether `group` runs. Numbers are the values of options such as `--measurement-time 2`,
/// not filters.
pub fn selected(group: &str) -> bool {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-') && a.parse::<f64>().is_err());
    filter.is_none_or(|f| group.contains(f.as_str()) || f.contains(group))
}
