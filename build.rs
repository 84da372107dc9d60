//! Build script of the `api-clients` crate (`generated-client/Cargo.toml` points `build` here).
//!
//! With the crate's `regenerate` feature (on in this workspace, through the root package):
//! regenerates `generated-client/src/<spec>.rs` from `spec/*.yaml` before the crate compiles, so
//! one `cargo build` after a spec edit always compiles the new code. Files are rewritten only
//! when their bytes change. Without the feature (an application depending on the crate) the
//! script does nothing and the generator is not compiled; without a `spec/` directory (a
//! packaged crate) the checked-in sources are used as they are.

#[cfg(feature = "regenerate")]
use std::path::PathBuf;

/// Dependents (and `cargo build -p api-clients` alone): the checked-in sources are the crate.
#[cfg(not(feature = "regenerate"))]
fn main() {}

#[cfg(feature = "regenerate")]
fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let spec_dir = manifest.join("../spec");
    if !spec_dir.is_dir() {
        return;
    }
    let specs = match generator::job::spec_files(&spec_dir) {
        Ok(s) => s,
        Err(e) => fail(&e.to_string()),
    };
    for spec in &specs {
        println!("cargo:rerun-if-changed={}", spec.display());
    }
    match generator::job::run(
        &spec_dir,
        &manifest.join("src"),
        generator::job::Mode::Write,
    ) {
        Ok(reports) => {
            // One `cargo:warning=` per line: cargo prints each on its own line, so the
            // rustc-style snippet (file:line:column, source line, caret, help) stays readable.
            for r in &reports {
                for w in r.warnings.warnings() {
                    for line in w.render(Some(&r.source)).lines() {
                        println!("cargo:warning={line}");
                    }
                }
            }
        }
        Err(e) => fail(&e.to_string()),
    }
}

#[cfg(feature = "regenerate")]
fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{message}");
    std::process::exit(1);
}
