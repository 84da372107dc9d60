//! Compile-level behaviour (trybuild):
//! - `tests/ui/pass/`: real usage compiles and runs, including every fixture's generated module
//!   (written to `tests/fixtures/generated/` first), exercised at run time;
//! - `tests/ui/fail/`: misuse does not compile, with the compiler's message in `.stderr`.

mod support;

#[test]
fn ui() {
    for name in support::fixtures::FIXTURES {
        let path = support::fixtures::root().join(format!("tests/fixtures/generated/{name}.rs"));
        support::fixtures::write_if_changed(&path, &support::fixtures::generate_fixture(name));
    }
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
