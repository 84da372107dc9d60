//! Generation speed, stage by stage, so the slow stage is visible.
//!
//! For each of our specs (`spec/*.yaml`): `load` (text → `openapiv3::OpenAPI`), `lower` (with
//! `check`), `surface`, `emit` (tokens), `render` (prettyplease, on this thread), and
//! `generate` end to end, which emits and formats on every core (budget: under 50 ms each).
//!
//! With `API_CLIENTS_BENCH_SPECS=<dir>`, every `*.json`/`*.yaml` spec in that directory is also
//! benchmarked (`scripts/bench.sh` puts GitHub's REST spec there; budget for it: `generate`
//! end to end within 1.5 s on the 2-core machine). The budget against progenitor is timed by
//! `scripts/bench-generate.sh`, in alternating rounds of the two tools.
//!
//! Group `load_31`: loading Coval's spec written as OpenAPI 3.1
//! (`tests/fixtures/oas31/coval.yaml`) against the same spec as 3.0, in YAML and in JSON; after
//! criterion the budget (3.1 at most 1.2× 3.0) is timed again in alternating rounds
//! (`… interleaved`), the ratio to read on a shared machine.
//!
//! `cargo bench --bench generate` (add `-- --measurement-time 1` for a quick look;
//! `cargo bench --bench generate -- load_31` for the 3.1 budget alone).

#[path = "support/interleave.rs"]
mod interleave;

use criterion::{black_box, criterion_group, BatchSize, Criterion};
use generator::stages;
use interleave::{interleaved, selected, Rounds};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The allocator of the `generator` binary, so that the stages are timed as the CLI runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Benchmarks every stage of one spec, in group `group`.
fn stages_of(c: &mut Criterion, group: &str, file: &str, text: &str, large: bool) {
    let module = "bench";
    let doc = stages::load(file, text).unwrap_or_else(|d| panic!("{file}: {d}"));
    let (api, mut warnings) =
        stages::lower(file, module, &doc).unwrap_or_else(|d| panic!("{file}: {d}"));
    let surface =
        stages::surface(file, &api, &mut warnings).unwrap_or_else(|d| panic!("{file}: {d}"));
    let emitted = stages::emit(&api, &surface);

    let mut g = c.benchmark_group(group);
    if large {
        // Seconds per iteration: criterion's minimum of 10 samples is plenty.
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(1));
    }
    g.bench_function("load", |b| b.iter(|| stages::load(file, text)));
    g.bench_function("lower", |b| b.iter(|| stages::lower(file, module, &doc)));
    g.bench_function("surface", |b| {
        b.iter(|| stages::surface(file, &api, &mut generator::Diagnostics::default()))
    });
    g.bench_function("emit", |b| b.iter(|| stages::emit(&api, &surface)));
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

/// Coval's spec as 3.0 (`spec/coval.yaml`) and as 3.1 (`tests/fixtures/oas31/coval.yaml`),
/// each as YAML and as JSON (key order kept): `[(format, 3.0 text, 3.1 text)]`.
fn coval_30_and_31() -> Vec<(&'static str, String, String)> {
    let read = |rel: &str| std::fs::read_to_string(root().join(rel)).expect("spec readable");
    let (yaml30, yaml31) = (
        read("spec/coval.yaml"),
        read("tests/fixtures/oas31/coval.yaml"),
    );
    let json = |yaml: &str| {
        let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("YAML");
        serde_json::to_string(&value).expect("JSON")
    };
    let (json30, json31) = (json(&yaml30), json(&yaml31));
    vec![("yaml", yaml30, yaml31), ("json", json30, json31)]
}

fn load_31(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_31");
    for (format, text30, text31) in coval_30_and_31() {
        g.bench_function(format!("coval_30_{format}"), |b| {
            b.iter(|| stages::load("coval", black_box(&text30)))
        });
        g.bench_function(format!("coval_31_{format}"), |b| {
            b.iter(|| stages::load("coval", black_box(&text31)))
        });
    }
    g.finish();
}

/// The budget: loading the 3.1 spec takes at most 1.2× loading the same spec as 3.0.
fn load_31_budget() {
    if !selected("load_31") {
        return;
    }
    for (format, text30, text31) in coval_30_and_31() {
        interleaved(
            &format!("load_31/coval_{format}: 3.1 vs 3.0"),
            1.2,
            Rounds {
                rounds: 31,
                per_round: 20,
            },
            &mut || {
                black_box(stages::load("coval", black_box(&text30)).expect("3.0 loads"));
            },
            &mut || {
                black_box(stages::load("coval", black_box(&text31)).expect("3.1 loads"));
            },
        );
    }
}

criterion_group!(benches, ours, load_31, large);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    load_31_budget();
}
