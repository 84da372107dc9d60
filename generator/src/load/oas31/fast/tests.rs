//! The fast path against the tree path on every fixture, as OpenAPI 3.1 JSON: the same
//! document, or a bail.

use super::read;
use crate::load::read_newer_tree;
use std::path::Path;

/// Every spec and fixture in YAML or JSON under `dir` (not `broken/`).
fn specs(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("broken") {
                specs(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
            out.push(path);
        }
    }
}

/// The document at `path` as OpenAPI 3.1 JSON (a 3.0 one declared 3.1, which both paths read
/// alike), with its keys in order; `None` if it is not an OpenAPI 3.x document.
fn as_31_json(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut value: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    let version = value.get("openapi")?.as_str()?.to_owned();
    if version.starts_with("3.0") {
        value["openapi"] = "3.1.0".into();
    } else if !(version.starts_with("3.1") || version.starts_with("3.2")) {
        return None;
    }
    serde_json::to_string(&value).ok()
}

/// Reads the 3.1/3.2 JSON `text` (of `name`) both ways and asserts the fast path gives what
/// the tree path gives: `Some(true)` if it read it, `Some(false)` if it bailed, `None` if the
/// tree path refuses the document too.
fn compare(name: &str, text: &str) -> Option<bool> {
    let tree = read_newer_tree(name, text)?;
    let Some(doc) = read(name, text) else {
        return Some(false);
    };
    assert_eq!(doc.openapi, tree.openapi, "{name}");
    assert_eq!(doc.warnings, tree.warnings, "{name}");
    assert_eq!(doc.moved, tree.moved, "{name}");
    Some(true)
}

#[test]
fn every_fixture_reads_as_on_the_tree_path_or_bails() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = Vec::new();
    for dir in ["spec", "tests/fixtures"] {
        specs(&root.join(dir), &mut paths);
    }
    paths.sort();
    let (mut fast, mut bailed) = (Vec::new(), Vec::new());
    for path in &paths {
        let Some(text) = as_31_json(path) else {
            continue;
        };
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        match compare(&name, &text) {
            Some(true) => fast.push(name),
            Some(false) => bailed.push(name),
            None => {}
        }
    }
    // The budget's document, and what real tools write, take the fast path.
    for must in [
        "tests/fixtures/oas31/coval.yaml",
        "spec/coval.yaml",
        "spec/anam.yaml",
        "tests/fixtures/tools/fastapi.json",
        "tests/fixtures/tools/utoipa.json",
    ] {
        assert!(
            fast.iter().any(|f| f == must),
            "{must} bailed; fast: {fast:?}"
        );
    }
    assert!(fast.len() > 30, "fast: {fast:?}\nbailed: {bailed:?}");
    eprintln!("fast path: {} documents; tree path: {bailed:?}", fast.len());
}

/// The same check over a directory of real specs (`API_CLIENTS_FAST_PATH_SPECS`: the corpus's
/// `package/api`, or a directory holding GitHub's spec rewritten as 3.1): every OpenAPI
/// 3.1/3.2 JSON document among them reads as on the tree path, or bails.
/// `API_CLIENTS_FAST_PATH_SPECS=… cargo test -p generator --lib -- --ignored fast_path_on`
#[test]
#[ignore = "needs API_CLIENTS_FAST_PATH_SPECS, a directory of real specs"]
fn fast_path_on_real_specs() {
    let dir = std::env::var_os("API_CLIENTS_FAST_PATH_SPECS")
        .expect("API_CLIENTS_FAST_PATH_SPECS names a directory of specs");
    let mut paths = Vec::new();
    specs(Path::new(&dir), &mut paths);
    paths.sort();
    let (mut fast, mut bailed) = (0, Vec::new());
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = if text.trim_start().starts_with('{') {
            text
        } else {
            match serde_yaml::from_str::<serde_yaml::Value>(&text)
                .ok()
                .and_then(|v| serde_json::to_string(&v).ok())
            {
                Some(json) => json,
                None => continue,
            }
        };
        let declared = text
            .find("\"openapi\"")
            .map(|i| &text[i..(i + 20).min(text.len())]);
        if !declared.is_some_and(|d| d.contains("\"3.1") || d.contains("\"3.2")) {
            continue;
        }
        let name = path.display().to_string();
        match compare(&name, &text) {
            Some(true) => fast += 1,
            Some(false) => bailed.push(name),
            None => {}
        }
    }
    eprintln!(
        "fast path: {fast} documents; tree path: {} {bailed:?}",
        bailed.len()
    );
    assert!(fast > 0, "no 3.1/3.2 document read on the fast path");
}
