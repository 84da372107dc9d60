//! `generator docs-check`: one test per kind of finding, each with a small page and spec in
//! `tests/fixtures/docs_check/<case>/` (a copy of `agrees/`, which has no finding, with one fact
//! changed); plus an accepted deviation, what cannot be read, Anam's flat page layout, and the
//! five vendor pages against the specs, as CI runs it.

use generator::docs_check::{check, compare::Report, spec::Spec};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs docs-check on a fixture case.
fn run(case: &str) -> Report {
    let dir = root().join("tests/fixtures/docs_check").join(case);
    let spec_text = std::fs::read_to_string(dir.join("spec.yaml")).unwrap();
    let spec = Spec::parse("spec.yaml", &spec_text).unwrap();
    let page = std::fs::read_to_string(dir.join("page.txt")).unwrap();
    check(&spec, "page.txt", &page)
}

/// `(kind, page line, spec pointer)` of every finding.
fn findings(report: &Report) -> Vec<(&'static str, usize, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.kind.name(), f.line, f.pointer.clone()))
        .collect()
}

fn one(kind: &'static str, line: usize, pointer: &str) -> Vec<(&'static str, usize, String)> {
    vec![(kind, line, pointer.to_owned())]
}

const BODY: &str = "/components/schemas/ThingUpdate";

#[test]
fn a_page_the_spec_agrees_with_has_no_finding_and_everything_is_read() {
    let r = run("agrees");
    assert_eq!(findings(&r), []);
    assert_eq!(r.unread, []);
    assert_eq!(
        r.operation.as_deref(),
        Some("/paths/~1things~1{thing_id}/patch")
    );
    assert!(r.checked >= 20, "{} facts compared", r.checked);
}

#[test]
fn operation_a_path_the_spec_lacks() {
    let r = run("operation");
    assert_eq!(findings(&r), one("operation", 6, "/paths"));
    assert!(r.unread[0].what.contains("no operation"), "{:?}", r.unread);
}

#[test]
fn server_a_base_url_the_spec_lacks() {
    assert_eq!(findings(&run("server")), one("server", 7, "/servers"));
}

#[test]
fn auth_a_header_no_security_scheme_sends() {
    let scheme = "/components/securitySchemes/ApiKey".to_owned();
    assert_eq!(
        findings(&run("auth")),
        [("auth", 9, scheme.clone()), ("auth", 22, scheme)],
        "the curl header and the Authorizations list"
    );
}

#[test]
fn example_a_request_example_the_schema_refuses() {
    let r = run("example");
    assert_eq!(
        findings(&r),
        one("example", 11, &format!("{BODY}/properties/color"))
    );
    assert!(
        r.findings[0].message.contains("\"green\""),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn field_a_field_the_schema_does_not_declare() {
    let body = "/paths/~1things~1{thing_id}/patch/requestBody/content/application~1json/schema";
    assert_eq!(findings(&run("field")), one("field", 64, body));
}

#[test]
fn type_a_different_type_and_nullability() {
    let at = format!("{BODY}/properties/weight");
    assert_eq!(
        findings(&run("type")),
        [("type", 54, at.clone()), ("type", 54, at)],
        "`number | null` against `integer`, not nullable"
    );
}

#[test]
fn required_a_field_the_schema_requires_and_the_page_does_not() {
    // The page's request example lacks it too, so that example is refused as well.
    assert_eq!(
        findings(&run("required")),
        [
            ("example", 11, BODY.to_owned()),
            ("required", 53, BODY.to_owned())
        ]
    );
}

#[test]
fn length_a_different_maximum_length() {
    assert_eq!(
        findings(&run("length")),
        one("length", 42, &format!("{BODY}/properties/name"))
    );
}

#[test]
fn range_a_different_maximum() {
    assert_eq!(
        findings(&run("range")),
        one("range", 56, &format!("{BODY}/properties/weight"))
    );
}

#[test]
fn options_a_value_the_page_does_not_list() {
    let r = run("options");
    assert_eq!(
        findings(&r),
        one("options", 50, &format!("{BODY}/properties/color"))
    );
    assert!(r.findings[0].message.contains("`green`"));
    assert_eq!(r.unexplained().count(), 1);
}

#[test]
fn pattern_a_different_items_pattern() {
    assert_eq!(
        findings(&run("pattern")),
        one("pattern", 60, &format!("{BODY}/properties/ids"))
    );
}

#[test]
fn field_example_a_field_example_the_property_refuses() {
    assert_eq!(
        findings(&run("field_example")),
        one("field-example", 45, &format!("{BODY}/properties/name"))
    );
}

#[test]
fn a_deviation_marked_at_the_pointer_explains_the_finding() {
    let r = run("deviation");
    assert_eq!(
        findings(&r),
        one("options", 50, &format!("{BODY}/properties/color"))
    );
    assert_eq!(
        r.findings[0].deviation.as_deref(),
        Some("a newer source adds green")
    );
    assert_eq!(r.unexplained().count(), 0);
}

#[test]
fn what_cannot_be_read_is_reported_with_its_line() {
    let r = run("unread");
    assert_eq!(findings(&r), []);
    assert_eq!(r.unread.len(), 1);
    assert_eq!(r.unread[0].line, 56);
    assert!(
        r.unread[0].what.contains("light to heavy"),
        "{:?}",
        r.unread
    );
}

#[test]
fn the_flat_layout_is_matched_by_description_and_says_what_it_could_not_match() {
    let r = run("flat");
    let at = format!("{BODY}/properties/color");
    assert_eq!(
        findings(&r),
        [("options", 5, at.clone()), ("options", 5, at)]
    );
    let unread: Vec<usize> = r.unread.iter().map(|u| u.line).collect();
    assert_eq!(unread, [1, 6], "{:?}", r.unread);
    assert!(
        r.unread[0].what.contains("summary"),
        "the operation found by the title"
    );
}

/// What CI runs (scripts/test.sh): the five pages in ../shared/docs against the specs that
/// transcribe them, with no finding left unexplained.
#[test]
fn the_vendor_pages_have_no_unexplained_finding() {
    let docs = root().join("../shared/docs");
    let pairs = [
        ("spec/coval.yaml", "coval-create-persona.txt"),
        ("spec/coval.yaml", "coval-update-persona.txt"),
        ("spec/coval.yaml", "coval-create-agent.txt"),
        ("spec/anam.yaml", "anam-create-persona-newer.txt"),
        (
            "spec/history/anam-2026-older.yaml",
            "anam-create-persona-older.txt",
        ),
    ];
    let mut problems = Vec::new();
    for (spec_path, page) in pairs {
        let spec = Spec::parse(
            spec_path,
            &std::fs::read_to_string(root().join(spec_path)).unwrap(),
        )
        .unwrap();
        let text = std::fs::read_to_string(docs.join(page)).unwrap();
        let r = check(&spec, page, &text);
        assert!(r.operation.is_some(), "{page}: operation found");
        assert!(r.checked >= 10, "{page}: {} facts compared", r.checked);
        problems.extend(
            r.unexplained()
                .map(|f| format!("{page}:{}: {}: {}", f.line, f.pointer, f.message)),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
