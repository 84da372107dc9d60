//! Turns OpenAPI 3.0, 3.1 and 3.2 specs into typed async Rust clients.
//!
//! The core is a pure function, [`generate`]: spec text in, Rust source out, in six stages,
//! one module each:
//!
//! | stage | in → out |
//! |---|---|
//! | `load` | YAML/JSON text (OpenAPI 3.0, 3.1, 3.2) → `openapiv3::OpenAPI` (3.1/3.2 rewritten) |
//! | `lower` | `OpenAPI` → [`ir::Api`] (names resolved, all diagnostics collected) |
//! | `check` | `ir::Api` → diagnostics (patterns, variant misuse) |
//! | `surface` | `ir::Api` → [`surface::Surface`]: every Rust name and type the module exposes |
//! | `emit` | `ir::Api` → [`stages::Module`]: the items as tokens, from `quote!` templates |
//! | `render` | items → `String` (each group through `syn::File` → `prettyplease`) |
//!
//! Each stage is also callable on its own through [`stages`] (for benchmarks and tools).
//!
//! File IO (reading `spec/`, writing only changed files, `--check`) lives in [`job`], shared by
//! the build script and the command-line program.

pub mod diag;
pub mod diff;
pub mod docs_check;
pub mod ir;
pub mod job;
pub mod surface;

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
    /// From this size of spec text on, the parsed document is freed on another thread.
    const BACKGROUND_FREE_BYTES: usize = 1 << 20;
    let doc = stages::load(file, text)?;
    let lowered = stages::lower(file, module, &doc);
    std::thread::scope(|scope| {
        // Freeing a large document (GitHub's: 12-15 ms, measured) overlaps emit,
        // which does not need it.
        if text.len() >= BACKGROUND_FREE_BYTES {
            scope.spawn(move || drop(doc));
        } else {
            drop(doc);
        }
        let (api, mut warnings) = lowered?;
        let surface = stages::surface(file, &api, &mut warnings)?;
        let source = stages::emit_and_render(&api, &surface, file)?;
        Ok(Generated {
            source,
            summary: summarize(&api),
            warnings,
        })
    })
}

/// Loads, lowers and checks a spec and decides its surface without emitting code: what other
/// tools (the spec diff) compare. Returns the IR, its surface and the warnings.
///
/// # Errors
/// Every problem found, as [`generate`] reports them.
pub fn lower_spec(
    file: &str,
    module: &str,
    text: &str,
) -> Result<(ir::Api, surface::Surface, Diagnostics), Diagnostics> {
    let doc = stages::load(file, text)?;
    let (api, mut warnings) = stages::lower(file, module, &doc)?;
    let surface = stages::surface(file, &api, &mut warnings)?;
    Ok((api, surface, warnings))
}

/// The stages [`generate`] runs, one function each, so that benchmarks and tools can run or time
/// them separately. Running them in order (`load`, `lower`, `emit`, `render`) gives exactly what
/// [`generate`] returns as `source`.
pub mod stages {
    pub use crate::emit::Module;
    pub use crate::load::Document;
    use crate::{check, diag, ir, Diagnostic, Diagnostics, Severity};
    pub use openapiv3::OpenAPI;
    pub use proc_macro2::TokenStream;

    /// Stage 1: parses the spec text (YAML or JSON) of `file`, OpenAPI 3.0.x, 3.1.x or 3.2.x,
    /// into the OpenAPI 3.0 model `lower` reads.
    ///
    /// # Errors
    /// Syntax errors, an OpenAPI version other than 3.0, 3.1 or 3.2, or nodes that do not match
    /// the version's schema, each with a JSON pointer.
    pub fn load(file: &str, text: &str) -> Result<Document, Diagnostics> {
        crate::load::load(file, text)
    }

    /// Stages 2 and 3: lowers the document to the IR and checks it. Returns the IR and the
    /// warnings.
    ///
    /// # Errors
    /// Every problem found, errors first.
    pub fn lower(
        file: &str,
        module: &str,
        doc: &Document,
    ) -> Result<(ir::Api, Diagnostics), Diagnostics> {
        let (api, mut warnings) = crate::lower::lower(file, module, doc)?;
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

    /// Stage 4, surface: every Rust name and type the module exposes. Renamed items (a name
    /// already taken) add a warning to `warnings`.
    ///
    /// # Errors
    /// Pagination fields that do not resolve, with the warnings so far.
    pub fn surface(
        file: &str,
        api: &ir::Api,
        warnings: &mut Diagnostics,
    ) -> Result<crate::surface::Surface, Diagnostics> {
        let mut sink = diag::Sink::new(file);
        let surface = crate::surface::surface(api, &mut sink);
        let found = sink.into_diagnostics();
        warnings.0.extend(found.0);
        if warnings.has_errors() {
            return Err(std::mem::take(warnings));
        }
        Ok(surface)
    }

    /// Stage 5: the module's items as tokens. Cannot fail: a checked IR always emits.
    pub fn emit(api: &ir::Api, surface: &crate::surface::Surface) -> Module {
        crate::emit::emit(api, surface)
    }

    /// Stage 6: formats the module's items as its source, with the `@generated` header naming
    /// `file`, on this thread.
    ///
    /// # Errors
    /// Only on a generator bug (tokens that do not parse), as one diagnostic.
    pub fn render(module: Module, file: &str) -> Result<String, Diagnostics> {
        crate::render::render(module, file).map_err(|m| generator_bug(file, m))
    }

    /// Stages 5 and 6 together, as [`generate`](crate::generate) runs them: each part of the module (a type, the
    /// client, ...) is emitted and formatted on one thread per core. The same bytes as
    /// `render(emit(api, surface), file)`.
    ///
    /// # Errors
    /// Only on a generator bug (tokens that do not parse), as one diagnostic.
    pub fn emit_and_render(
        api: &ir::Api,
        surface: &crate::surface::Surface,
        file: &str,
    ) -> Result<String, Diagnostics> {
        let ctx = crate::emit::Ctx::new(api, surface);
        let parts = crate::emit::parts(api);
        // The client is the largest part: taken first, it does not end up alone at the end.
        let client = parts
            .iter()
            .position(|p| matches!(p, crate::emit::Part::Client));
        let queue: Vec<usize> = client
            .into_iter()
            .chain((0..parts.len()).filter(|i| Some(*i) != client))
            .collect();
        let texts = crate::render::format_parallel(parts.len(), &queue, |i| {
            crate::emit::emit_part(&ctx, parts[i])
        })
        .map_err(|m| generator_bug(file, m))?;
        Ok(crate::render::join(file, texts))
    }

    fn generator_bug(file: &str, message: String) -> Diagnostics {
        Diagnostics(vec![Diagnostic {
            file: file.to_owned(),
            pointer: String::new(),
            message,
            help: Some("this is a bug in the generator; please report it with the spec".to_owned()),
            severity: Severity::Error,
        }])
    }
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
        if !matches!(t.kind, TypeKind::Enum(_)) && surface::is_sent(t) {
            s.validators += 1;
        }
    }
    s
}
