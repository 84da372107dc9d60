//! Broken specs get diagnostics, never panics. Each `tests/fixtures/broken/<case>.yaml` (or
//! `.json`) is paired with `<case>.expected`, the exact text the generator prints: rustc-style,
//! with `file:line:column`, the spec's line, a caret under the node the JSON pointer names, and
//! the fix. Set `UPDATE_EXPECTED=1` to rewrite the expected files, then review the diff.

mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};

#[test]
fn broken_specs_get_their_exact_diagnostics() {
    let dir = support::fixtures::root().join("tests/fixtures/broken");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/broken")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the broken-spec cases, found {}",
        cases.len()
    );
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(case).unwrap();
        let got = match generator::generate(&format!("broken/{name}"), "broken", &text) {
            Ok(g) => format!("(generated, with warnings)\n{}\n", g.warnings.render(&text)),
            Err(d) => format!("{}\n", d.render(&text)),
        };
        let expected_path = if case.extension().is_some_and(|e| e == "json") {
            case.with_extension("json.expected")
        } else {
            case.with_extension("expected")
        };
        if update {
            support::fixtures::write_if_changed(&expected_path, &got);
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_diagnostic_names_file_and_pointer() {
    let text = std::fs::read_to_string(
        support::fixtures::root().join("tests/fixtures/broken/bad_ref.yaml"),
    )
    .unwrap();
    let d = generator::generate("spec/x.yaml", "x", &text).unwrap_err();
    let first = &d.0[0];
    assert_eq!(first.file, "spec/x.yaml");
    assert_eq!(
        first.pointer,
        "/components/schemas/Persona/properties/voice"
    );
    assert!(first.help.is_some(), "a diagnostic says how to fix it");
}

/// Every diagnostic of every broken spec is placed on the node its pointer names (or, for a node
/// that is not in the file, its nearest ancestor; for unreadable text, the syntax error): the
/// line named holds the pointer's last existing token.
#[test]
fn every_diagnostic_is_located_on_its_node() {
    let dir = support::fixtures::root().join("tests/fixtures/broken");
    let mut located = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        if !case.extension().is_some_and(|e| e == "yaml" || e == "json") {
            continue;
        }
        let text = std::fs::read_to_string(&case).unwrap();
        let diagnostics = match generator::generate("broken/x", "broken", &text) {
            Ok(g) => g.warnings,
            Err(d) => d,
        };
        for d in &diagnostics.0 {
            let at = d
                .locate(&text)
                .unwrap_or_else(|| panic!("{}: {d} has no location", case.display()));
            let line = text.lines().nth(at.line - 1).unwrap_or_default();
            let named = match &at.found {
                generator::diag::locate::Found::Exact => d.pointer.as_str(),
                generator::diag::locate::Found::Ancestor(p) => p.as_str(),
                generator::diag::locate::Found::SyntaxError(_) => {
                    located += 1;
                    continue;
                }
            };
            let last = named.rsplit('/').next().unwrap_or_default();
            let last = last.replace("~1", "/").replace("~0", "~");
            if last.bytes().all(|b| b.is_ascii_digit()) {
                // A sequence item: its line holds the item, not its index.
                located += 1;
                continue;
            }
            assert!(
                line.contains(&last),
                "{}: {d}: line {} `{line}` does not hold `{last}`",
                case.display(),
                at.line
            );
            located += 1;
        }
    }
    assert!(located >= 20, "only {located} diagnostics located");
}

/// Every prefix of the real specs (cut at line boundaries) is either generated or diagnosed:
/// the generator never panics on malformed input.
#[test]
fn truncated_specs_never_panic() {
    for spec in ["spec/coval.yaml", "spec/anam.yaml"] {
        let text = std::fs::read_to_string(support::fixtures::root().join(spec)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for n in (0..lines.len()).step_by(5) {
            let prefix = lines[..n].join("\n");
            let result = catch_unwind(AssertUnwindSafe(|| generator::generate(spec, "x", &prefix)));
            assert!(
                result.is_ok(),
                "{spec} cut after {n} lines made the generator panic"
            );
        }
    }
}

/// A fresh directory under cargo's scratch space for integration tests.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    dir
}

/// `generate --check` on a stale module: the report says Stale and carries a unified diff from
/// the checked-in file to the generated one; nothing is written.
#[test]
fn check_mode_reports_a_stale_module_with_its_diff() {
    use generator::job::{run, Mode, Status};
    let dir = scratch("stale_diff");
    let fixture = support::fixtures::root().join("tests/fixtures/enums.yaml");
    std::fs::copy(&fixture, dir.join("spec/enums.yaml")).unwrap();
    let out = dir.join("out");
    run(&dir.join("spec"), &out, Mode::Write).unwrap();
    let module = out.join("enums.rs");
    let fresh = std::fs::read_to_string(&module).unwrap();
    let edited = fresh.replacen("pub enum", "pub(crate) enum", 1);
    assert_ne!(edited, fresh);
    std::fs::write(&module, &edited).unwrap();

    let reports = run(&dir.join("spec"), &out, Mode::Check).unwrap();
    assert_eq!(reports[0].status, Status::Stale);
    let diff = reports[0]
        .diff
        .as_deref()
        .expect("a diff of the stale module");
    assert!(
        diff.contains("(checked in)") && diff.contains("(generated)"),
        "{diff}"
    );
    assert!(
        diff.lines().any(|l| l.starts_with("-pub(crate) enum")),
        "{diff}"
    );
    assert!(diff.lines().any(|l| l.starts_with("+pub enum")), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&module).unwrap(),
        edited,
        "check writes nothing"
    );
}

/// A broken spec in a job: the error renders each diagnostic with its spec's line, and the
/// JSON form carries the same file, line and column.
#[test]
fn a_failing_job_renders_its_diagnostics_with_the_spec_lines() {
    let dir = scratch("job_error");
    let broken = support::fixtures::root().join("tests/fixtures/broken/bad_ref.yaml");
    std::fs::copy(&broken, dir.join("spec/bad_ref.yaml")).unwrap();
    let err = generator::job::run(
        &dir.join("spec"),
        &dir.join("out"),
        generator::job::Mode::Write,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("--> spec/bad_ref.yaml:9:9"), "{text}");
    assert!(
        text.contains("9 |         voice: {$ref: '#/components/schemas/Voice'}"),
        "{text}"
    );
    let generator::job::JobError::Spec { diagnostics, .. } = &err else {
        panic!("{err}")
    };
    let json = diagnostics.0[0].to_json(err.source_of("spec/bad_ref.yaml"));
    assert_eq!(
        (json["line"].as_u64(), json["column"].as_u64()),
        (Some(9), Some(9))
    );
    assert_eq!(
        json["pointer"],
        "/components/schemas/Persona/properties/voice"
    );
    assert!(!dir.join("out").exists(), "nothing written");
}
