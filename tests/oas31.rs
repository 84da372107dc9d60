//! OpenAPI 3.1 and 3.2 specs generate the same client as the same API written in 3.0:
//! Coval's spec rewritten as 3.1 (`tests/fixtures/oas31/coval.yaml`, made by
//! `scripts/to-oas31.py`) lowers to the same IR and surface as `spec/coval.yaml`, and
//! `generator diff` reports no change between them.

mod support;

use generator::diff;

const COVAL_30: &str = "spec/coval.yaml";
const COVAL_31: &str = "tests/fixtures/oas31/coval.yaml";

fn read(rel: &str) -> String {
    std::fs::read_to_string(support::fixtures::root().join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn lowered(
    rel: &str,
) -> (
    generator::ir::Api,
    generator::surface::Surface,
    generator::Diagnostics,
) {
    generator::lower_spec(rel, "coval", &read(rel)).unwrap_or_else(|d| panic!("{rel}:\n{d}"))
}

/// The IR, the surface and the warnings are those of the 3.0 spec (only the source file's name
/// differs). If this fails after `spec/coval.yaml` changed, re-run
/// `scripts/to-oas31.py spec/coval.yaml > tests/fixtures/oas31/coval.yaml`.
#[test]
fn coval_as_31_lowers_like_coval_as_30() {
    let (api30, surface30, warnings30) = lowered(COVAL_30);
    let (mut api31, surface31, warnings31) = lowered(COVAL_31);
    api31.source = api30.source.clone();
    assert_eq!(surface31, surface30);
    assert_eq!(api31, api30);
    let messages = |w: &generator::Diagnostics| {
        w.0.iter()
            .map(|d| (d.pointer.clone(), d.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(messages(&warnings31), messages(&warnings30));
}

#[test]
fn diff_reports_no_change_across_versions() {
    let report = diff::diff_specs(
        COVAL_30,
        &read(COVAL_30),
        COVAL_31,
        &read(COVAL_31),
        "coval",
    )
    .unwrap_or_else(|(side, d)| panic!("{side:?}:\n{d}"));
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
}

/// Given the same file name (which the module cites), the generated module is the same bytes.
#[test]
fn coval_as_31_generates_the_same_module() {
    let generate = |rel: &str| {
        generator::generate(COVAL_30, "coval", &read(rel))
            .unwrap_or_else(|d| panic!("{rel}:\n{d}"))
            .source
    };
    let (a, b) = (generate(COVAL_30), generate(COVAL_31));
    let first = a.lines().zip(b.lines()).position(|(x, y)| x != y);
    if let Some(i) = first {
        let around = |s: &str| {
            s.lines()
                .skip(i.saturating_sub(3))
                .take(7)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "line {}:\n3.0:\n{}\n3.1:\n{}",
            i + 1,
            around(&a),
            around(&b)
        );
    }
    assert_eq!(a.len(), b.len());
}

/// The same 3.1 document as JSON (key order kept) generates the same module as the YAML.
#[test]
fn coval_as_31_json_generates_like_yaml() {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&read(COVAL_31)).expect("YAML");
    let json = serde_json::to_string_pretty(&yaml).expect("JSON");
    let generate = |text: &str| {
        generator::generate(COVAL_30, "coval", text)
            .unwrap_or_else(|d| panic!("{d}"))
            .source
    };
    assert!(json.starts_with('{'));
    assert_eq!(generate(&json), generate(&read(COVAL_31)));
}

/// Keywords that cannot become Rust each get one warning that names them, at their pointer; the
/// keywords that can (`dependentRequired`, `webhooks` among them) get none.
#[test]
fn keywords_without_a_rust_form_are_warned_about_where_they_stand() {
    let warnings = |name: &str| {
        let rel = format!("tests/fixtures/{name}.yaml");
        let g =
            generator::generate(&rel, name, &read(&rel)).unwrap_or_else(|d| panic!("{rel}:\n{d}"));
        g.warnings
            .0
            .into_iter()
            .map(|d| format!("{}: {}", d.pointer, d.message))
            .collect::<Vec<_>>()
    };
    let thing = "/components/schemas/Thing";
    assert_eq!(
        warnings("oas31_pattern_properties"),
        [format!("{thing}/patternProperties: `patternProperties` key patterns (`^x-`) are not checked: the entries are a map")]
    );
    assert_eq!(
        warnings("oas31_prefix_items"),
        [format!("{thing}/properties/pair/prefixItems: `prefixItems` (a tuple of different types) has no Rust form in the client: the elements are any JSON values")]
    );
    let warned = ["oas31_pattern_properties", "oas31_prefix_items"];
    let others = support::fixtures::FIXTURES
        .iter()
        .filter(|n| n.starts_with("oas31_") && !warned.contains(n));
    for name in others {
        assert_eq!(warnings(name), Vec::<String>::new(), "{name}");
    }
}
