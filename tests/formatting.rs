//! Text emitted directly must be formatted exactly as the render stage formats tokens.
//!
//! Most of a module (models, enums, validators) is emitted as formatted text, not as tokens
//! formatted by `syn` + `prettyplease`: that is what makes generation fast. This suite keeps
//! it honest: for every fixture and both specs, each text chunk, tokenized and formatted the
//! slow way, must come back byte for byte. With `API_CLIENTS_FORMAT_SPECS=<dir>`, every
//! `*.yaml`/`*.json` spec in that directory is checked too (e.g. GitHub's, from
//! `scripts/bench.sh`).

mod common;

use common::{root, FIXTURES};
use generator::stages::{self, Chunk};
use std::path::PathBuf;

/// (file as named in diagnostics, path) of every spec to check.
fn specs() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = FIXTURES
        .iter()
        .map(|f| {
            let file = format!("tests/fixtures/{f}.yaml");
            (file.clone(), root().join(file))
        })
        .chain(["coval", "anam"].iter().map(|s| {
            let file = format!("spec/{s}.yaml");
            (file.clone(), root().join(file))
        }))
        .collect();
    if let Some(dir) = std::env::var_os("API_CLIENTS_FORMAT_SPECS") {
        let mut extra: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("API_CLIENTS_FORMAT_SPECS is a directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "yaml"))
            .collect();
        extra.sort();
        out.extend(extra.into_iter().map(|p| (p.display().to_string(), p)));
    }
    out
}

#[test]
fn text_chunks_are_formatted_as_render_formats_tokens() {
    let mut failures = Vec::new();
    let mut text_chunks = 0;
    for (file, path) in specs() {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc = stages::load(&file, &text).unwrap_or_else(|d| panic!("{d}"));
        let (api, _) = stages::lower(&file, "m", &doc).unwrap_or_else(|d| panic!("{d}"));
        let module = stages::emit(&api);
        text_chunks += module
            .chunks
            .iter()
            .filter(|c| matches!(c, Chunk::Text(_)))
            .count();
        for (i, diff) in stages::unformatted(&module) {
            let Chunk::Text(t) = &module.chunks[i] else {
                unreachable!()
            };
            let first = t.lines().find(|l| !l.starts_with("///")).unwrap_or("");
            failures.push(format!("{file}, chunk {i} (`{first}`): {diff}"));
        }
    }
    assert!(
        text_chunks > 0,
        "no text chunks were emitted: nothing was checked"
    );
    assert!(
        failures.is_empty(),
        "{} text chunks differ from their formatted tokens:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
