//! Broken specs get diagnostics, never panics. Each `tests/fixtures/broken/<case>.yaml` is paired
//! with `<case>.expected`, the exact text the generator must print. Set `UPDATE_EXPECTED=1` to
//! rewrite the expected files, then review the diff.

mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};

#[test]
fn broken_specs_get_their_exact_diagnostics() {
    let dir = support::fixtures::root().join("tests/fixtures/broken");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/broken")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
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
            Ok(g) => format!("(generated, with warnings)\n{}\n", g.warnings),
            Err(d) => format!("{d}\n"),
        };
        let expected_path = case.with_extension("expected");
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
