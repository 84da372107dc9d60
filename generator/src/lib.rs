//! Turns hand-written OpenAPI 3.0 specs into typed async Rust clients.
//!
//! The core is a pure function, [`generate`]: spec text in, Rust source out, in five stages,
//! one module each:
//!
//! | stage | in → out |
//! |---|---|
//! | `load` | YAML/JSON text → `openapiv3::OpenAPI` |
//! | `lower` | `OpenAPI` → [`ir::Api`] (names resolved, all diagnostics collected) |
//! | `check` | `ir::Api` → diagnostics (patterns, variant misuse) |
//! | `emit` | `ir::Api` → `TokenStream` (`quote!`) |
//! | `render` | tokens → `syn::File` → `prettyplease` → `String` |
//!
//! File IO (reading `spec/`, writing only changed files, `--check`) lives in [`job`], shared by
//! the build script and the command-line program.

pub mod diag;
pub mod diff;
pub mod ir;
pub mod job;

mod check;
mod emit;
mod ident;
mod load;
mod lower;
mod render;

pub use diag::{Diagnostic, Diagnostics, Severity};

/// What was generated from one spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The formatted Rust module, starting with the `@generated` header.
    pub source: String,
    /// Counts and names, for the command-line summary.
    pub summary: Summary,
    /// Warnings: generation succeeded but the spec should be fixed.
    pub warnings: Diagnostics,
}

/// What a generated module contains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// `(operationId, "METHOD /path")`, in spec order.
    pub operations: Vec<(String, String)>,
    pub structs: usize,
    pub enums: usize,
    pub unions: usize,
    /// Types with a `Validate` impl (every struct and union).
    pub validators: usize,
}

/// Generates the Rust module for one spec.
///
/// `file` names the spec in diagnostics and docs (e.g. `spec/coval.yaml`), `module` is the Rust
/// module name, `text` the spec's YAML or JSON.
///
/// # Errors
/// Every problem found, each with the file, a JSON pointer and a suggested fix. Never panics on
/// any input.
pub fn generate(file: &str, module: &str, text: &str) -> Result<Generated, Diagnostics> {
    generate_unsorted(file, module, text).map_err(|mut d| {
        // Errors first, then warnings; each group in the order found.
        d.0.sort_by_key(|d| d.severity == Severity::Warning);
        d
    })
}

fn generate_unsorted(file: &str, module: &str, text: &str) -> Result<Generated, Diagnostics> {
    let (api, warnings) = lower_spec(file, module, text)?;
    let tokens = emit::emit(&api);
    let source = render::render(tokens, file).map_err(|message| {
        Diagnostics(vec![Diagnostic {
            file: file.to_owned(),
            pointer: String::new(),
            message,
            help: Some("this is a bug in the generator; please report it with the spec".to_owned()),
            severity: Severity::Error,
        }])
    })?;
    Ok(Generated {
        source,
        summary: summarize(&api),
        warnings,
    })
}

/// Loads, lowers and checks a spec without emitting code: the IR other tools (the spec diff)
/// compare. Returns the IR and the warnings.
///
/// # Errors
/// Every problem found, as [`generate`] reports them.
pub fn lower_spec(
    file: &str,
    module: &str,
    text: &str,
) -> Result<(ir::Api, Diagnostics), Diagnostics> {
    let doc = load::load(file, text)?;
    let (api, mut warnings) = lower::lower(file, module, &doc)?;
    let mut sink = diag::Sink::new(file);
    check::check(&api, &mut sink);
    let checked = sink.into_diagnostics();
    if checked.has_errors() {
        warnings.0.extend(checked.0);
        warnings.0.sort_by_key(|d| d.severity == Severity::Warning);
        return Err(warnings);
    }
    warnings.0.extend(checked.0);
    Ok((api, warnings))
}

fn summarize(api: &ir::Api) -> Summary {
    use ir::TypeKind;
    let mut s = Summary {
        operations: api
            .operations
            .iter()
            .map(|o| (o.id.clone(), format!("{} {}", o.method.as_str(), o.path)))
            .collect(),
        ..Summary::default()
    };
    for t in &api.types {
        match t.kind {
            TypeKind::Struct(_) => s.structs += 1,
            TypeKind::Enum(_) => s.enums += 1,
            TypeKind::Tagged(_) | TypeKind::Untagged(_) => s.unions += 1,
        }
        if !matches!(t.kind, TypeKind::Enum(_)) {
            s.validators += 1;
        }
    }
    s
}
