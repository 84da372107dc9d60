//! Generation speed, stage by stage, so the slow stage is visible.
//!
//! For each of our specs (`spec/*.yaml`): `load` (text → `openapiv3::OpenAPI`), `lower` (with
//! `check`), `emit`, `render`, and `generate` end to end (budget: under 50 ms each).
//!
//! With `API_CLIENTS_BENCH_SPECS=<dir>`, every `*.json`/`*.yaml` spec in that directory is also
//! benchmarked (`scripts/bench.sh` puts GitHub's REST spec there): `parse` is the bare
//! `openapiv3::OpenAPI` deserialization, the baseline of the budget "generation ≤ 3× parse".
//! After criterion, that budget is timed again in alternating rounds (`… interleaved` lines):
//! on a shared machine that is the ratio to read.
//!
//! `cargo bench --bench generate` (add `-- --measurement-time 1` for a quick look).

use criterion::{criterion_group, BatchSize, Criterion};
use generator::stages;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "support/interleave.rs"]
mod interleave;
use interleave::{interleaved, selected, Rounds};

/// The allocator of the `generator` binary, so that the stages are timed as the CLI runs them
/// (parsing, the budget's baseline, uses it too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Benchmarks every stage of one spec, in group `group`.
fn stages_of(c: &mut Criterion, group: &str, file: &str, text: &str, large: bool) {
    let module = "bench";
    let doc = stages::load(file, text).unwrap_or_else(|d| panic!("{file}: {d}"));
    let (api, _) = stages::lower(file, module, &doc).unwrap_or_else(|d| panic!("{file}: {d}"));
    let emitted = stages::emit(&api);

    let mut g = c.benchmark_group(group);
    if large {
        // Seconds per iteration: criterion's minimum of 10 samples is plenty.
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(1));
        g.bench_function("parse", |b| {
            b.iter(|| parse_only(file, text));
        });
    }
    g.bench_function("load", |b| b.iter(|| stages::load(file, text)));
    g.bench_function("lower", |b| b.iter(|| stages::lower(file, module, &doc)));
    g.bench_function("emit", |b| b.iter(|| stages::emit(&api)));
    g.bench_function("render", |b| {
        b.iter_batched(
            || emitted.clone(),
            |t| stages::render(t, file),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("generate", |b| {
        b.iter(|| generator::generate(file, module, text))
    });
    g.finish();
}

/// The bare deserialization into `openapiv3::OpenAPI`, with the parser for the file's syntax.
fn parse_only(file: &str, text: &str) -> stages::OpenAPI {
    if file.ends_with(".json") {
        serde_json::from_str(text).expect("spec parses")
    } else {
        serde_yaml::from_str(text).expect("spec parses")
    }
}

fn ours(c: &mut Criterion) {
    for name in ["coval", "anam"] {
        let file = format!("spec/{name}.yaml");
        let text = std::fs::read_to_string(root().join(&file)).expect("spec readable");
        stages_of(c, &format!("generate/{name}"), &file, &text, false);
    }
}

/// `(path, text)` of every spec in `API_CLIENTS_BENCH_SPECS`, sorted; none when it is unset.
fn large_specs() -> Vec<(PathBuf, String)> {
    let Some(dir) = std::env::var_os("API_CLIENTS_BENCH_SPECS") else {
        return Vec::new();
    };
    let mut specs: Vec<PathBuf> = std::fs::read_dir(Path::new(&dir))
        .expect("API_CLIENTS_BENCH_SPECS is a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "yaml"))
        .collect();
    specs.sort();
    specs
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("spec readable");
            (p, text)
        })
        .collect()
}

fn large(c: &mut Criterion) {
    for (path, text) in large_specs() {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        stages_of(c, &format!("large/{stem}"), &file, &text, true);
    }
}

/// The large specs' budget, generation ≤ 3× parsing, timed again in alternating rounds (one
/// call each), after criterion: see `support/interleave.rs`.
fn large_interleaved() {
    for (path, text) in large_specs() {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        interleaved(
            &format!("large/{stem}: generate vs parse"),
            3.0,
            Rounds {
                rounds: 21,
                per_round: 1,
            },
            &mut || {
                black_box(parse_only(&file, &text));
            },
            &mut || {
                black_box(generator::generate(&file, "bench", &text).expect("spec generates"));
            },
        );
    }
}

criterion_group!(benches, ours, large);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if selected("large") {
        large_interleaved();
    }
}
