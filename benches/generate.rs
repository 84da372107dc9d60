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
//! `cargo bench --bench generate` (add `-- --measurement-time 1` for a quick look).

use criterion::{criterion_group, BatchSize, Criterion};
use generator::stages;
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

criterion_group!(benches, ours, large);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
