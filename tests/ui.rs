//! Compile-level behaviour (trybuild):
//! - `tests/ui/pass/`: real usage compiles and runs, including every fixture's generated module
//!   (written to `tests/fixtures/generated/` first), exercised at run time;
//! - `tests/ui/fail/`: misuse does not compile, with the compiler's message in `.stderr`.

mod common;

#[test]
fn ui() {
    for name in common::FIXTURES {
        let path = common::root().join(format!("tests/fixtures/generated/{name}.rs"));
        common::write_if_changed(&path, &common::generate_fixture(name));
    }
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
