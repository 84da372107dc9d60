//! The fixture specs under `tests/fixtures/` and the files the suites write.

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
    "all_of",
    "composed",
    "content_params",
    "shared",
    // OpenAPI 3.1: one JSON Schema 2020-12 keyword each.
    "oas31_type_arrays",
    "oas31_const",
    "oas31_examples",
    "oas31_exclusive_bounds",
    "oas31_ref_siblings",
    "oas31_defs",
    "oas31_prefix_items",
    "oas31_dependent_required",
    "oas31_content",
    "oas31_unevaluated_properties",
    "oas31_pattern_properties",
    "oas31_webhooks",
    // OpenAPI 3.2: one document-level feature each.
    "oas32_methods",
    "oas32_item_schema",
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
