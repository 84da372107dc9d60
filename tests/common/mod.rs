//! Helpers shared by the generator test suites.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The fixture specs with one feature each, under `tests/fixtures/`.
pub const FIXTURES: &[&str] = &[
    "object",
    "enums",
    "nullable",
    "one_of",
    "constraints",
    "recursive",
    "bodies",
    "parameters",
    "responses",
    "formats",
    "names",
    "methods",
    "extra",
    "optional_bodies",
    "tags",
];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Generates the module for `tests/fixtures/<name>.yaml`, panicking with the diagnostics.
pub fn generate_fixture(name: &str) -> String {
    let path = root().join(format!("tests/fixtures/{name}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match generator::generate(&format!("tests/fixtures/{name}.yaml"), name, &text) {
        Ok(g) => g.source,
        Err(d) => panic!("fixture {name} did not generate:\n{d}"),
    }
}

/// Writes `contents` to `path` unless it already holds exactly those bytes.
pub fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
        std::fs::write(path, contents).expect("write");
    }
}
