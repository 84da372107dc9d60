//! insta snapshots of the generator's output for small fixture specs, one feature each
//! (`tests/fixtures/*.yaml`). Every snapshotted module is also compiled and exercised by
//! `tests/ui.rs`. Review changes with `cargo insta review`; never accept them blindly.

mod support;

use support::fixtures::{generate_fixture, FIXTURES};

#[test]
fn object_fixture() {
    insta::assert_snapshot!("object", generate_fixture("object"));
}

#[test]
fn enums_fixture() {
    insta::assert_snapshot!("enums", generate_fixture("enums"));
}

#[test]
fn nullable_fixture() {
    insta::assert_snapshot!("nullable", generate_fixture("nullable"));
}

#[test]
fn one_of_fixture() {
    insta::assert_snapshot!("one_of", generate_fixture("one_of"));
}

#[test]
fn constraints_fixture() {
    insta::assert_snapshot!("constraints", generate_fixture("constraints"));
}

#[test]
fn recursive_fixture() {
    insta::assert_snapshot!("recursive", generate_fixture("recursive"));
}

#[test]
fn bodies_fixture() {
    insta::assert_snapshot!("bodies", generate_fixture("bodies"));
}

#[test]
fn parameters_fixture() {
    insta::assert_snapshot!("parameters", generate_fixture("parameters"));
}

#[test]
fn responses_fixture() {
    insta::assert_snapshot!("responses", generate_fixture("responses"));
}

#[test]
fn formats_fixture() {
    insta::assert_snapshot!("formats", generate_fixture("formats"));
}

#[test]
fn methods_fixture() {
    insta::assert_snapshot!("methods", generate_fixture("methods"));
}

#[test]
fn extra_fixture() {
    insta::assert_snapshot!("extra", generate_fixture("extra"));
}

#[test]
fn optional_bodies_fixture() {
    insta::assert_snapshot!("optional_bodies", generate_fixture("optional_bodies"));
}

#[test]
fn tags_fixture() {
    insta::assert_snapshot!("tags", generate_fixture("tags"));
}

#[test]
fn paths_fixture() {
    insta::assert_snapshot!("paths", generate_fixture("paths"));
}

#[test]
fn names_fixture() {
    insta::assert_snapshot!("names", generate_fixture("names"));
}

#[test]
fn all_of_fixture() {
    insta::assert_snapshot!("all_of", generate_fixture("all_of"));
}

#[test]
fn composed_fixture() {
    insta::assert_snapshot!("composed", generate_fixture("composed"));
}

#[test]
fn content_params_fixture() {
    insta::assert_snapshot!("content_params", generate_fixture("content_params"));
}

#[test]
fn oas31_type_arrays_fixture() {
    insta::assert_snapshot!("oas31_type_arrays", generate_fixture("oas31_type_arrays"));
}

#[test]
fn oas31_const_fixture() {
    insta::assert_snapshot!("oas31_const", generate_fixture("oas31_const"));
}

#[test]
fn oas31_examples_fixture() {
    insta::assert_snapshot!("oas31_examples", generate_fixture("oas31_examples"));
}

#[test]
fn oas31_exclusive_bounds_fixture() {
    insta::assert_snapshot!(
        "oas31_exclusive_bounds",
        generate_fixture("oas31_exclusive_bounds")
    );
}

#[test]
fn oas31_ref_siblings_fixture() {
    insta::assert_snapshot!("oas31_ref_siblings", generate_fixture("oas31_ref_siblings"));
}

#[test]
fn oas31_defs_fixture() {
    insta::assert_snapshot!("oas31_defs", generate_fixture("oas31_defs"));
}

#[test]
fn oas31_prefix_items_fixture() {
    insta::assert_snapshot!("oas31_prefix_items", generate_fixture("oas31_prefix_items"));
}

#[test]
fn oas31_dependent_required_fixture() {
    insta::assert_snapshot!(
        "oas31_dependent_required",
        generate_fixture("oas31_dependent_required")
    );
}

#[test]
fn oas31_content_fixture() {
    insta::assert_snapshot!("oas31_content", generate_fixture("oas31_content"));
}

#[test]
fn oas31_unevaluated_properties_fixture() {
    insta::assert_snapshot!(
        "oas31_unevaluated_properties",
        generate_fixture("oas31_unevaluated_properties")
    );
}

#[test]
fn oas31_pattern_properties_fixture() {
    insta::assert_snapshot!(
        "oas31_pattern_properties",
        generate_fixture("oas31_pattern_properties")
    );
}

/// The parameters fixture is generated with exactly these warnings: a header parameter OpenAPI
/// says to ignore, a paginated operation that gets no stream method, and a method named from
/// its method and path.
#[test]
fn parameters_fixture_warnings() {
    let text =
        std::fs::read_to_string(support::fixtures::root().join("tests/fixtures/parameters.yaml"))
            .expect("fixture");
    let g = generator::generate("tests/fixtures/parameters.yaml", "parameters", &text)
        .expect("generates");
    assert_eq!(
        g.warnings.to_string(),
        "warning: tests/fixtures/parameters.yaml: /paths/~1things~1{thing_id}/get/parameters/3: \
         header parameter `Accept` is ignored: OpenAPI leaves `Accept`, `Content-Type` and \
         `Authorization` to the media types and security schemes\n  help: remove the parameter\n\
         warning: tests/fixtures/parameters.yaml: /paths/~1things~1{thing_id}~1events/get/x-pagination: \
         no `_stream` method: the stream takes only required string path, header and cookie \
         parameters, and `X-Tenant` is not one\n  \
         help: make the parameter a required string, or page with the single-page method\n\
         warning: tests/fixtures/parameters.yaml: /paths/~1things~1{thing_id}~1parts~1{part}/delete: \
         no `operationId`; the method is named after `delete /things/{thing_id}/parts/{part}`\n  help: add an `operationId`"
    );
    assert!(g
        .source
        .contains("pub fn delete_things_thing_id_parts_part<'a>("));
    assert!(g.source.contains("pub fn list_thing_events<'a>("));
    assert!(!g.source.contains("fn list_thing_events_stream("));
}

#[test]
fn output_is_deterministic() {
    for name in FIXTURES {
        assert_eq!(
            generate_fixture(name),
            generate_fixture(name),
            "{name} differs between runs"
        );
    }
    let spec = std::fs::read_to_string(support::fixtures::root().join("spec/coval.yaml"))
        .expect("spec/coval.yaml");
    let a = generator::generate("spec/coval.yaml", "coval", &spec).expect("coval generates");
    let b = generator::generate("spec/coval.yaml", "coval", &spec).expect("coval generates");
    assert_eq!(a.source, b.source);
}

#[test]
fn output_starts_with_generated_header() {
    for name in FIXTURES {
        let src = generate_fixture(name);
        assert!(
            src.starts_with("// @generated by the `generator` crate from tests/fixtures/"),
            "{name}: {}",
            &src[..80]
        );
    }
}

/// JSON specs take serde_json's parser (much faster on large specs); the same document in
/// YAML and in JSON generates the same module.
#[test]
fn json_and_yaml_of_one_spec_generate_the_same_code() {
    for name in ["coval", "anam"] {
        let file = format!("spec/{name}.yaml");
        let yaml = std::fs::read_to_string(support::fixtures::root().join(&file)).expect("spec");
        // serde_yaml's Value keeps the order of keys (serde_json's, here, would sort them).
        let value: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("spec is YAML");
        let json = serde_json::to_string_pretty(&value).unwrap();
        let a = generator::generate(&file, name, &yaml).expect("generates from YAML");
        let b = generator::generate(&file, name, &json).expect("generates from JSON");
        if a.source != b.source {
            let first = a.source.lines().zip(b.source.lines()).find(|(x, y)| x != y);
            panic!("{name}: JSON and YAML differ, first at {first:?}");
        }
    }
}

#[test]
fn oas32_methods_fixture() {
    insta::assert_snapshot!("oas32_methods", generate_fixture("oas32_methods"));
}

#[test]
fn oas32_item_schema_fixture() {
    insta::assert_snapshot!("oas32_item_schema", generate_fixture("oas32_item_schema"));
}

/// An `itemSchema` that does not stream (on a request body, an error response, or a second
/// sequential media type beside the one streamed) gets a warning at the keyword as written; the
/// streamed ones get none, a 2xx offered as JSON too included (its `*_streamed` methods use it).
#[test]
fn oas32_item_schema_fixture_warnings() {
    let file = "tests/fixtures/oas32_item_schema.yaml";
    let text = std::fs::read_to_string(support::fixtures::root().join(file)).expect("fixture");
    let g = generator::generate(file, "oas32_item_schema", &text).expect("generates");
    let mut pointers: Vec<&str> = g.warnings.0.iter().map(|d| d.pointer.as_str()).collect();
    pointers.sort_unstable();
    assert_eq!(
        pointers,
        [
            "/paths/~1chat/post/responses/400/content/text~1event-stream/itemSchema",
            "/paths/~1snapshot/get/responses/200/content/application~1jsonl/itemSchema",
            "/paths/~1uploads/post/requestBody/content/application~1jsonl/itemSchema",
        ]
    );
    let text = g.warnings.to_string();
    assert!(text.contains("the streamed methods read the `text/event-stream` body instead"));
    assert!(text.contains("an error response's body is read whole"));
}

#[test]
fn oas31_webhooks_fixture() {
    insta::assert_snapshot!("oas31_webhooks", generate_fixture("oas31_webhooks"));
}

#[test]
fn shared_fixture() {
    insta::assert_snapshot!("shared", generate_fixture("shared"));
}
