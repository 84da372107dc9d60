//! `generator diff`: one fixture pair per rule (`tests/fixtures/diff/base.yaml` → `<case>.yaml`,
//! each proving one rule and its kind), the real Anam report (the spec as transcribed from the
//! older doc page → the current spec) against reviewed expected files, and the command line
//! (arguments, output modes, exit status, changelog file, git revisions) through the entry point
//! the binary calls.
//!
//! `UPDATE_EXPECTED=1 cargo test --test spec_diff` rewrites the expected files; review the diff
//! line by line before committing it.

use generator::diff::{self, cli, Kind, Level, Report, Rule, Version};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const OLDER: &str = "spec/history/anam-2026-older.yaml";
const CURRENT: &str = "spec/anam.yaml";
const BASE: &str = "tests/fixtures/diff/base.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn report(old: &str, new: &str, module: &str) -> Report {
    diff::diff_specs(old, &read(old), new, &read(new), module)
        .unwrap_or_else(|(side, d)| panic!("{side:?} spec does not generate:\n{d}"))
}

fn anam() -> Report {
    report(OLDER, CURRENT, "anam")
}

/// `(kind, rule, pointer)` of every change, in report order.
fn summary(r: &Report) -> Vec<(&'static str, &'static str, String)> {
    r.changes
        .iter()
        .map(|c| (c.kind().as_str(), c.rule.id(), c.pointer.clone()))
        .collect()
}

/// Diffs `base.yaml` → `<case>.yaml` and checks the changes and the verdict exactly.
fn check(case: &str, verdict: Level, expected: &[(&str, &str, &str)]) {
    let r = report(BASE, &format!("tests/fixtures/diff/{case}.yaml"), "widgets");
    let got = summary(&r);
    let want: Vec<(&str, &str, String)> = expected
        .iter()
        .map(|(k, rule, p)| (*k, *rule, (*p).to_owned()))
        .collect();
    assert_eq!(got, want, "{case}:\n{}", diff::to_text(&r, None));
    assert_eq!(r.verdict(), verdict, "{case}");
}

#[test]
fn required_request_field_added_is_breaking() {
    check(
        "required_field_added",
        Level::Major,
        &[(
            "breaking",
            "required-field-added",
            "/components/schemas/CreateWidgetRequest/properties/owner",
        )],
    );
}

#[test]
fn optional_request_field_added_is_additive() {
    check(
        "optional_request_field_added",
        Level::Minor,
        &[(
            "additive",
            "field-added",
            "/components/schemas/CreateWidgetRequest/properties/note",
        )],
    );
}

#[test]
fn enum_value_removed_is_breaking() {
    check(
        "enum_value_removed",
        Level::Major,
        &[(
            "breaking",
            "variant-removed",
            "/components/schemas/Size/enum",
        )],
    );
}

#[test]
fn max_length_tightened_is_behaviour() {
    check(
        "max_length_tightened",
        Level::Minor,
        &[(
            "behaviour",
            "constraint-tightened",
            "/components/schemas/CreateWidgetRequest/properties/name",
        )],
    );
}

#[test]
fn max_length_loosened_is_additive() {
    check(
        "max_length_loosened",
        Level::Minor,
        &[(
            "additive",
            "constraint-loosened",
            "/components/schemas/CreateWidgetRequest/properties/name",
        )],
    );
}

#[test]
fn operation_removed_is_breaking() {
    check(
        "operation_removed",
        Level::Major,
        &[(
            "breaking",
            "operation-removed",
            "/paths/~1widgets~1{id}/get",
        )],
    );
}

#[test]
fn server_changed_is_behaviour() {
    check(
        "server_changed",
        Level::Minor,
        &[("behaviour", "base-url-changed", "/servers/0/url")],
    );
}

#[test]
fn documentation_only_changes_are_an_empty_patch_report() {
    check("unchanged", Level::Patch, &[]);
    let r = report(BASE, "tests/fixtures/diff/unchanged.yaml", "widgets");
    let text = diff::to_text(&r, Some(Version::parse("0.1.0").unwrap()));
    assert!(text.contains("No changes to the generated API."), "{text}");
    assert!(text.contains("Verdict: patch"), "{text}");
    assert!(text.contains("Version: 0.1.0 -> 0.1.1"), "{text}");
    // The same file on both sides too.
    assert!(report(BASE, BASE, "widgets").changes.is_empty());
}

#[test]
fn response_field_becoming_optional_is_breaking() {
    check(
        "response_field_optional",
        Level::Major,
        &[(
            "breaking",
            "field-required-changed",
            "/components/schemas/Widget/properties/name",
        )],
    );
}

#[test]
fn required_response_field_becoming_nullable_is_breaking() {
    check(
        "response_field_nullable",
        Level::Major,
        &[(
            "breaking",
            "field-nullability-changed",
            "/components/schemas/Widget/properties/name",
        )],
    );
}

#[test]
fn field_type_changed_is_breaking() {
    check(
        "field_type_changed",
        Level::Major,
        &[(
            "breaking",
            "field-type-changed",
            "/components/schemas/Widget/properties/id",
        )],
    );
}

/// The generated enums are not `#[non_exhaustive]`: a `match` naming every variant (and
/// `Unknown(_)` for an open enum) stops compiling when a value is added.
#[test]
fn enum_value_added_is_breaking_even_when_open() {
    check(
        "open_enum_value_added",
        Level::Major,
        &[(
            "breaking",
            "variant-added",
            "/components/schemas/Colour/enum",
        )],
    );
}

#[test]
fn operation_renamed_is_breaking() {
    check(
        "operation_renamed",
        Level::Major,
        &[(
            "breaking",
            "operation-renamed",
            "/paths/~1widgets~1{id}/get",
        )],
    );
}

#[test]
fn auth_changed_is_behaviour() {
    check(
        "auth_changed",
        Level::Minor,
        &[(
            "behaviour",
            "auth-changed",
            "/components/securitySchemes/ApiKey",
        )],
    );
}

#[test]
fn success_response_type_changed_is_breaking() {
    check(
        "response_type_changed",
        Level::Major,
        &[
            (
                "breaking",
                "response-type-changed",
                "/paths/~1widgets~1{id}/get/responses/200",
            ),
            ("additive", "type-added", "/components/schemas/WidgetDetail"),
        ],
    );
}

/// A response offered streamed too gets `*_streamed` methods beside the unchanged ones: an
/// addition; the other way round they are gone, which breaks their calls.
#[test]
fn streamed_methods_added_are_additive_and_removed_breaking() {
    let at = "/paths/~1widgets~1{id}/get/responses/200/content/text~1event-stream/x-item-schema";
    check(
        "streamed_added",
        Level::Minor,
        &[("additive", "streamed-added", at)],
    );
    let added = description("streamed_added", at);
    assert!(
        added.contains("new method `Client::get_widget_streamed` returns `ItemStream<Widget>`"),
        "{added}"
    );
    let r = report("tests/fixtures/diff/streamed_added.yaml", BASE, "widgets");
    let got = summary(&r);
    assert_eq!(
        got,
        [("breaking", "streamed-removed", at.to_owned())],
        "{}",
        diff::to_text(&r, None)
    );
    assert!(r.changes[0]
        .description
        .contains("`Client::get_widget_streamed` is gone"));
}

/// The description of the one change at `pointer`.
fn description(case: &str, pointer: &str) -> String {
    let r = report(BASE, &format!("tests/fixtures/diff/{case}.yaml"), "widgets");
    r.changes
        .iter()
        .find(|c| c.pointer == pointer)
        .unwrap_or_else(|| {
            panic!(
                "{case}: no change at {pointer}:\n{}",
                diff::to_text(&r, None)
            )
        })
        .description
        .clone()
}

/// A property named `extra` pushes the map of unknown fields to `extra_2`: the report names
/// the field the generated code really has, as the surface decided it.
#[test]
fn a_property_named_extra_renames_the_unknown_fields_map_to_extra_2() {
    check(
        "extra_renamed",
        Level::Major,
        &[
            (
                "additive",
                "field-added",
                "/components/schemas/Widget/properties/extra",
            ),
            ("breaking", "extra-changed", "/components/schemas/Widget"),
        ],
    );
    let renamed = description("extra_renamed", "/components/schemas/Widget");
    assert!(
        renamed.contains("`Widget.extra` is now `Widget.extra_2`"),
        "{renamed}"
    );
}

/// A field whose type would contain itself is boxed; the report shows the type as declared.
#[test]
fn a_recursive_field_is_reported_with_its_box() {
    check(
        "field_boxed",
        Level::Minor,
        &[(
            "additive",
            "field-added",
            "/components/schemas/Widget/properties/parent",
        )],
    );
    let added = description(
        "field_boxed",
        "/components/schemas/Widget/properties/parent",
    );
    assert!(added.contains("`Option<Box<Widget>>`"), "{added}");
}

#[test]
fn every_rule_has_a_unique_id_and_a_reason() {
    let mut ids = BTreeSet::new();
    for rule in Rule::ALL {
        assert!(ids.insert(rule.id()), "duplicate id {}", rule.id());
        assert!(!rule.why().is_empty(), "{rule:?} is not documented");
    }
    assert_eq!(Kind::ALL.len(), 3);
}

/// Compares `actual` with a reviewed file, or rewrites it with `UPDATE_EXPECTED=1`.
fn expect_file(rel: &str, actual: &str) {
    let path: PathBuf = root().join(rel);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{rel}: {e} (UPDATE_EXPECTED=1 writes it)"));
    if expected != actual {
        panic!(
            "{rel} differs from the report (UPDATE_EXPECTED=1 rewrites it; review the diff):\n{actual}"
        );
    }
}

#[test]
fn anam_older_doc_page_to_current_spec_matches_the_reviewed_report() {
    let r = anam();
    let v = Some(Version::parse("0.1.0").unwrap());
    expect_file(
        "tests/fixtures/diff/anam-older-to-current.txt",
        &diff::to_text(&r, v),
    );
    expect_file(
        "tests/fixtures/diff/anam-older-to-current.changelog.md",
        &diff::changelog(&r, v),
    );
}

/// The facts the Anam report must show, independently of the expected file's wording.
#[test]
fn anam_report_shows_the_doc_version_changes() {
    let r = anam();
    let has = |rule: &str, pointer: &str, text: &str| {
        r.changes
            .iter()
            .any(|c| c.rule.id() == rule && c.pointer == pointer && c.description.contains(text))
    };
    assert_eq!(r.verdict(), Level::Major);
    assert!(has(
        "variant-added",
        "/components/schemas/AvatarModel/enum",
        "`cara-4-latest`"
    ));
    assert!(has(
        "openness-changed",
        "/components/schemas/AvatarModel",
        "now open"
    ));
    assert!(has(
        "field-added",
        "/components/schemas/CreatePersonaRequest/properties/toolIds",
        "setter `tool_ids`"
    ));
    // The response shape: Persona grew from {id, name, description} to the full persona, none
    // of it required (no source says which fields are always sent).
    assert!(has(
        "field-added",
        "/components/schemas/Persona/properties/createdAt",
        "`Option<DateTime>`"
    ));
    assert!(has(
        "field-added",
        "/components/schemas/Persona/properties/voice",
        "`Option<Voice>`"
    ));
    assert!(has(
        "error-type-changed",
        "/components/schemas/ErrorBody",
        "`ErrorBody`"
    ));
    assert!(has(
        "constraint-tightened",
        "/components/schemas/VoiceDetectionOptions/properties/silenceBeforeAutoEndTurnSeconds",
        "`minimum: 0.5` added"
    ));
    for op in [
        "listPersonas",
        "getPersona",
        "updatePersona",
        "deletePersona",
        "listAvatars",
        "getAvatar",
        "listVoices",
        "getVoice",
        "listLlms",
        "getLlm",
        "createSessionToken",
    ] {
        assert!(
            r.changes
                .iter()
                .any(|c| c.rule == Rule::OperationAdded && c.description.contains(op)),
            "{op} not reported as added"
        );
    }
    // Nothing is reported as removed: the older spec is a subset.
    assert!(!r.changes.iter().any(|c| c.rule.id().ends_with("removed")));
}

/// Runs `generator diff ARGS` in-process (the function `main` calls) and returns
/// (status, stdout, stderr).
fn run(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run_with_args(args.iter().copied(), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("spec-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn cli_exit_status_follows_allow_and_deny_breaking() {
    let (code, out, err) = run(&[OLDER, CURRENT, "--version", "0.1.0"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Spec diff of module `anam`"), "{out}");
    assert!(out.contains("Version: 0.1.0 -> 0.2.0"), "{out}");

    let (code, out, err) = run(&[OLDER, CURRENT, "--deny-breaking"]);
    assert_eq!(code, 1);
    assert!(out.contains("Verdict: major"), "{out}");
    assert!(
        err.contains("the verdict is major but only minor is allowed"),
        "{err}"
    );

    let server = "tests/fixtures/diff/server_changed.yaml";
    assert_eq!(run(&[BASE, server, "--deny-breaking"]).0, 0);
    assert_eq!(run(&[BASE, server, "--allow", "minor"]).0, 0);
    assert_eq!(run(&[BASE, server, "--allow", "patch"]).0, 1);
    assert_eq!(
        run(&[
            BASE,
            "tests/fixtures/diff/unchanged.yaml",
            "--allow",
            "patch"
        ])
        .0,
        0
    );
}

#[test]
fn cli_json_document() {
    let (code, out, err) = run(&[OLDER, CURRENT, "--json", "--version", "0.1.0"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["verdict"], "major");
    assert_eq!(doc["module"], "anam");
    assert_eq!(doc["version"]["next"], "0.2.0");
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(
        doc["counts"]["breaking"].as_u64().unwrap() as usize,
        changes.iter().filter(|c| c["kind"] == "breaking").count()
    );
    assert!(changes.iter().any(|c| c["rule"] == "variant-added"
        && c["pointer"] == "/components/schemas/AvatarModel/enum"
        && c["kind"] == "breaking"));
}

#[test]
fn cli_changelog_is_printed_and_prepended() {
    let (code, out, _) = run(&[OLDER, CURRENT, "--changelog", "--version", "0.1.0"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        read("tests/fixtures/diff/anam-older-to-current.changelog.md")
    );

    let dir = temp_dir("changelog");
    let file = dir.join("CHANGELOG.md");
    let file_arg = file.to_str().unwrap();
    let server = "tests/fixtures/diff/server_changed.yaml";
    let (code, _, err) = run(&[
        OLDER,
        CURRENT,
        "--changelog-file",
        file_arg,
        "--version",
        "0.1.0",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        BASE,
        server,
        "--changelog-file",
        file_arg,
        "--version",
        "0.2.0",
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Changelog\n\n## 0.2.1\n\n"), "{text}");
    let newer = text.find("## 0.2.1").unwrap();
    let older = text.find("## 0.2.0").unwrap();
    assert!(newer < older, "{text}");
    assert!(text.contains("### Changed behaviour\n\n- The default base URL changed"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_reads_git_revisions() {
    let in_git = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root())
        .output()
        .is_ok_and(|o| o.status.success());
    if !in_git || std::env::current_dir().unwrap() != root() {
        eprintln!("skipped: not run from a git checkout");
        return;
    }
    let rev = "HEAD:spec/anam.yaml";
    let (code, out, err) = run(&[rev, rev, "--allow", "patch"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("module `anam`"), "{out}");
    assert!(out.contains("No changes to the generated API."), "{out}");
    let (code, _, err) = run(&["HEAD:no/such/spec.yaml", CURRENT]);
    assert_eq!(code, 2);
    assert!(err.contains("git show HEAD:no/such/spec.yaml"), "{err}");
}

#[test]
fn cli_errors_and_help() {
    let (code, _, err) = run(&["no/such/spec.yaml", CURRENT]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");

    let dir = temp_dir("broken");
    let broken = dir.join("broken.yaml");
    std::fs::write(
        &broken,
        "openapi: 3.3.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    let (code, _, err) = run(&[BASE, broken.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot generate from"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();

    assert_eq!(run(&[BASE, CURRENT, "--version", "1.0"]).0, 2);
    assert_eq!(run(&[BASE, CURRENT, "--json", "--changelog"]).0, 2);

    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Exit status:"), "{out}");
    assert!(out.contains("--deny-breaking"), "{out}");
}

#[test]
fn webhooks_are_paired_by_name_and_method() {
    let r = report(
        "tests/fixtures/diff/webhooks_base.yaml",
        "tests/fixtures/diff/webhooks_changed.yaml",
        "hooks",
    );
    let got = summary(&r);
    let want = [
        (
            "breaking",
            "webhook-payload-changed",
            "/x-webhooks/orderPaid/post",
        ),
        (
            "additive",
            "webhook-added",
            "/x-webhooks/orderRefunded/post",
        ),
        (
            "breaking",
            "webhook-removed",
            "/x-webhooks/orderShipped/post",
        ),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(k, rule, p)| (*k, *rule, (*p).to_owned()))
        .collect();
    assert_eq!(got, want, "{}", diff::to_text(&r, None));
    assert_eq!(r.verdict(), Level::Major);
    let text = diff::to_text(&r, None);
    assert!(
        text.contains("`webhooks::order_paid` now returns `Refund` (was `Order`)"),
        "{text}"
    );
}
