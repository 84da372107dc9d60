//! Runtime speed of the generated client, against plain serde on the same data.
//!
//! - `create_agent`: `validate()` + serialize a fully populated coval `CreateAgentRequest`
//!   (WebSocket agent, HTTP-first metadata) vs a plain `serde_json::to_vec` of the same value
//!   (budget ≤ 1.5×). `validate` alone is there too: its share is what the budget is about,
//!   and it moves less with the machine's load than the two totals do.
//! - `persona`: decode a coval persona response with unknown fields through the client's
//!   decode path (`rt::decode_json`: unknown fields kept, errors with their JSON path) vs
//!   `serde_json::from_slice` into a mirror struct with plain derives (budget ≤ 1.3×).
//!
//! After criterion, both budgets are timed again in alternating rounds (`… interleaved`
//! lines): on a shared machine that is the ratio to read.
//!
//! `cargo bench --bench runtime` (add `-- --measurement-time 1` for a quick look).

use api_clients::coval::{CreateAgentRequest, PersonaEnvelope, Validate};
use api_clients::runtime::decode_json;
use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use std::time::Instant;

const CREATE_AGENT: &str = include_str!("fixtures/create_agent.json");
const PERSONA: &str = include_str!("fixtures/persona.json");

#[path = "support/mirror.rs"]
mod mirror;
use mirror::{FlattenPersonaEnvelope, PlainPersonaEnvelope};

fn create_agent(c: &mut Criterion) {
    let request: CreateAgentRequest = serde_json::from_str(CREATE_AGENT).expect("fixture decodes");
    request.validate().expect("fixture is valid");
    let mut g = c.benchmark_group("create_agent");
    g.bench_function("to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&request)).unwrap())
    });
    g.bench_function("validate", |b| {
        b.iter(|| black_box(&request).validate().unwrap())
    });
    g.bench_function("validate+to_vec", |b| {
        b.iter(|| {
            let r = black_box(&request);
            r.validate().unwrap();
            serde_json::to_vec(r).unwrap()
        })
    });
    g.finish();
}

fn persona(c: &mut Criterion) {
    let bytes = PERSONA.as_bytes();
    let decoded: PersonaEnvelope = decode_json(bytes).expect("fixture decodes");
    assert_eq!(decoded.persona.extra.len(), 2, "unknown fields are kept");
    assert_eq!(decoded.extra.len(), 1, "unknown fields are kept");
    let mut g = c.benchmark_group("persona");
    g.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainPersonaEnvelope>(black_box(bytes)).unwrap())
    });
    g.bench_function("decode_json", |b| {
        b.iter(|| decode_json::<PersonaEnvelope>(black_box(bytes)).unwrap())
    });
    g.bench_function("flatten_derive", |b| {
        b.iter(|| serde_json::from_slice::<FlattenPersonaEnvelope>(black_box(bytes)).unwrap())
    });
    g.finish();

    // The same body without its unknown fields: the cost of the decoding itself, apart from
    // storing what the spec does not declare.
    let mut known: serde_json::Value = serde_json::from_slice(bytes).expect("fixture is JSON");
    known.as_object_mut().unwrap().retain(|k, _| k == "persona");
    let persona = known["persona"].as_object_mut().unwrap();
    persona.remove("owner_team");
    persona.remove("experiment");
    let known = serde_json::to_vec(&known).unwrap();
    let mut g = c.benchmark_group("persona_known_fields_only");
    g.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainPersonaEnvelope>(black_box(&known)).unwrap())
    });
    g.bench_function("decode_json", |b| {
        b.iter(|| decode_json::<PersonaEnvelope>(black_box(&known)).unwrap())
    });
    g.finish();
}

/// Times `baseline` and `measured` in alternating rounds of the same process and prints the
/// medians over the rounds and their ratio against `budget`. Criterion measures one function
/// for seconds before it moves to the next, and on a shared virtual machine the same function
/// moves by 30% or more between such windows; alternating rounds see the same machine.
fn interleaved(name: &str, budget: f64, baseline: &dyn Fn(), measured: &dyn Fn()) {
    const ROUNDS: usize = 41;
    const PER_ROUND: u32 = 2_000;
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..PER_ROUND {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(PER_ROUND)
    };
    let (mut base, mut with) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        base.push(time(baseline));
        with.push(time(measured));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (base, with) = (median(&mut base), median(&mut with));
    let ratio = with / base;
    let verdict = if ratio <= budget { "ok" } else { "OVER" };
    println!(
        "{name} interleaved ({ROUNDS} rounds of {PER_ROUND}): baseline {base:.0} ns, \
         measured {with:.0} ns, ratio {ratio:.2}x {verdict} (budget {budget}x)"
    );
}

/// The two budgets, timed in alternating rounds: `validate()` + `to_vec` against `to_vec`, and
/// the client's decode against plain derives.
fn budgets(run: impl Fn(&str) -> bool) {
    if run("create_agent") {
        let request: CreateAgentRequest =
            serde_json::from_str(CREATE_AGENT).expect("fixture decodes");
        interleaved(
            "create_agent: validate+to_vec vs to_vec",
            1.5,
            &|| {
                black_box(serde_json::to_vec(black_box(&request)).unwrap());
            },
            &|| {
                let r = black_box(&request);
                r.validate().unwrap();
                black_box(serde_json::to_vec(r).unwrap());
            },
        );
    }
    if run("persona") {
        let bytes = PERSONA.as_bytes();
        interleaved(
            "persona: decode_json vs plain_derive",
            1.3,
            &|| {
                black_box(
                    serde_json::from_slice::<PlainPersonaEnvelope>(black_box(bytes)).unwrap(),
                );
            },
            &|| {
                black_box(decode_json::<PersonaEnvelope>(black_box(bytes)).unwrap());
            },
        );
    }
}

criterion_group!(benches, create_agent, persona);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench --bench runtime -- persona` asks for the persona benches only. Numbers are
    // the values of options such as `--measurement-time 2`, not filters.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-') && a.parse::<f64>().is_err());
    budgets(|group| {
        filter
            .as_deref()
            .is_none_or(|f| group.contains(f) || f.contains(group))
    });
}
