//! Stage 4, emit: IR → the module as a list of [`Chunk`]s, each either tokens built with
//! `quote!` (formatted later by `render`) or text already formatted (see [`text`]). Cannot
//! fail: anything that could is refused earlier by `lower` or `check`.

mod client;
mod docs;
mod enums;
mod examples;
mod graph;
mod layout;
mod models;
pub(crate) mod text;
mod validate;

use crate::ident::ident;
use crate::ir::*;
use foldhash::{HashMap, HashSet};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// What every emitter needs to know about the whole API.
pub(crate) struct Ctx<'a> {
    pub api: &'a Api,
    /// Named types by name.
    pub types: HashMap<&'a str, &'a TypeDef>,
    /// (type, field or variant Rust name) pairs stored in a `Box`: they lead back to their own
    /// type without passing through a `Vec` or map, so the type would have infinite size.
    pub boxed: HashSet<(&'a str, &'a str)>,
    /// Types whose `collect_violations` can report something.
    pub needs_validation: HashSet<&'a str>,
    /// Pattern source → index of its `static PATTERN_n`.
    pub patterns: BTreeMap<String, usize>,
}

/// A generated module: its chunks in order, rendered one by one and joined with a blank line.
#[derive(Debug, Clone, Default)]
pub struct Module {
    pub chunks: Vec<Chunk>,
}

/// One or more items of a module.
#[derive(Debug, Clone)]
pub enum Chunk {
    /// Items as tokens, formatted by the render stage (`syn` + `prettyplease`). Held as their
    /// source (`TokenStream::to_string`), so that a module can be built on several threads.
    Tokens(String),
    /// Items already formatted exactly as the render stage would format their tokens.
    Text(String),
}

/// The whole module for one API.
pub fn emit(api: &Api) -> Module {
    let ctx = Ctx::new(api);
    let header = docs::module_doc(api);
    let parts = emit_parts(&ctx);
    // Runtime names re-exported for convenience, unless a schema already uses the name.
    let reexports: Vec<_> = [
        "ConfigError",
        "DecodeError",
        "Patch",
        "RequestOptions",
        "RetryPolicy",
        "Rule",
        "Unknown",
        "Validate",
        "ValidationError",
        "Violation",
    ]
    .iter()
    .filter(|n| !ctx.types.contains_key(*n))
    .map(|n| format_ident!("{}", n))
    .collect();
    let reexports = quote!(#[doc(no_inline)] pub use crate::runtime::{#(#reexports),*};);
    let mut chunks = vec![Chunk::tokens(quote! {
        #header
        #![allow(clippy::too_many_arguments, clippy::large_enum_variant, clippy::doc_lazy_continuation)]

        use crate::runtime as rt;
        #reexports
    })];
    chunks.push(client::emit_error_types(&ctx));
    if !ctx.patterns.is_empty() {
        let mut code = text::Code::new();
        for (i, (src, n)) in ctx.patterns.iter().enumerate() {
            if i > 0 {
                code.blank();
            }
            let lit = text::str_lit(src);
            let line = format!("static PATTERN_{n}: rt::Pattern = rt::Pattern::new({lit});");
            if code.fits(line.len()) {
                code.line(&line);
            } else {
                code.open(&format!(
                    "static PATTERN_{n}: rt::Pattern = rt::Pattern::new("
                ));
                code.line(&format!("{lit},"));
                code.close(");");
            }
        }
        chunks.push(Chunk::Text(code.finish()));
    }
    chunks.extend(parts);
    Module { chunks }
}

/// The chunks of one named type.
fn emit_type(ctx: &Ctx<'_>, t: &TypeDef) -> Vec<Chunk> {
    match &t.kind {
        TypeKind::Struct(s) => models::emit_struct(ctx, t, s),
        TypeKind::Enum(e) => enums::emit_enum(ctx, t, e),
        TypeKind::Tagged(u) => enums::emit_tagged(ctx, t, u),
        TypeKind::Untagged(u) => enums::emit_untagged(ctx, t, u),
    }
}

/// A piece of the module that can be emitted on its own: each depends only on the IR.
#[derive(Clone, Copy)]
enum Part<'a> {
    Client,
    Examples,
    /// A contiguous run of named types.
    Types(&'a [TypeDef]),
}

impl Part<'_> {
    fn emit(self, ctx: &Ctx<'_>) -> Vec<Chunk> {
        match self {
            Part::Client => vec![client::emit_client(ctx)],
            Part::Examples => vec![examples::emit_example_tests(ctx)],
            Part::Types(types) => types.iter().flat_map(|t| emit_type(ctx, t)).collect(),
        }
    }
}

/// The chunks of every named type in order, then the client's and the example tests'.
///
/// A small API is emitted on this thread. A large one (GitHub's spec has thousands of types and
/// operations) is cut into parts that threads, one per core, take in turn from a shared queue:
/// the client first (the largest single part), then runs of types small enough that no thread
/// is left with much more than another. The parts are put back in order at the end, so the
/// output is the same on any number of cores.
fn emit_parts(ctx: &Ctx<'_>) -> Vec<Chunk> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    /// Below this many types per thread, starting a thread costs more than it saves.
    const MIN_PER_THREAD: usize = 64;
    /// Runs per thread: enough that the last runs taken are short.
    const RUNS_PER_THREAD: usize = 16;
    let types = &ctx.api.types;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(types.len() / MIN_PER_THREAD).max(1);
    let run = types.len().div_ceil(threads * RUNS_PER_THREAD).max(1);
    // Queue order: the client first; output order: types, client, examples.
    let mut queue = vec![(usize::MAX - 1, Part::Client)];
    queue.extend(types.chunks(run).map(Part::Types).enumerate());
    queue.push((usize::MAX, Part::Examples));
    if threads == 1 {
        queue.sort_by_key(|(order, _)| *order);
        return queue.into_iter().flat_map(|(_, p)| p.emit(ctx)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&(order, part)) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((order, part.emit(ctx)));
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for handle in others {
            // A panic on a worker is re-raised here, as if it had happened on this thread.
            done.extend(
                handle
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        done
    });
    done.sort_by_key(|(order, _)| *order);
    done.into_iter().flat_map(|(_, chunks)| chunks).collect()
}

impl Chunk {
    /// A chunk of items built with `quote!`.
    pub fn tokens(tokens: TokenStream) -> Chunk {
        Chunk::Tokens(tokens.to_string())
    }
}

impl<'a> Ctx<'a> {
    fn new(api: &'a Api) -> Self {
        let types = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut patterns = BTreeMap::new();
        let mut add = |s: &Shape| collect_patterns(s, &mut patterns);
        for t in &api.types {
            t.member_shapes().for_each(&mut add);
        }
        for op in &api.operations {
            op.params.iter().for_each(|p| add(&p.shape));
            if let Some(b) = &op.body {
                add(&b.shape);
            }
        }
        let n = patterns.len();
        let patterns = patterns.into_keys().zip(0..n).collect();
        Ctx {
            api,
            types,
            boxed: graph::recursive_edges(api),
            needs_validation: graph::needs_validation(api),
            patterns,
        }
    }

    /// The Rust type of a value of this shape, without the `Option` for nullability at the top,
    /// as formatted text (`Vec<String>`, `rt::DateTime`).
    pub fn type_text(&self, s: &Shape) -> String {
        match &s.ty {
            Ty::String => "String".to_owned(),
            Ty::DateTime => "rt::DateTime".to_owned(),
            Ty::Date => "rt::Date".to_owned(),
            Ty::Integer { bits32: true } => "i32".to_owned(),
            Ty::Integer { bits32: false } => "i64".to_owned(),
            Ty::Number => "f64".to_owned(),
            Ty::Boolean => "bool".to_owned(),
            Ty::Any => "rt::Value".to_owned(),
            Ty::Object => "rt::Map".to_owned(),
            Ty::Array(item) => format!("Vec<{}>", self.type_text_nullable(item)),
            Ty::Map(v) => format!(
                "std::collections::BTreeMap<String, {}>",
                self.type_text_nullable(v)
            ),
            Ty::Named(n) => ident(n).to_string(),
        }
    }

    /// As [`Ctx::type_text`], wrapped in `Option` when the shape is nullable.
    pub fn type_text_nullable(&self, s: &Shape) -> String {
        let t = self.type_text(s);
        if s.nullable && !matches!(s.ty, Ty::Any) {
            format!("Option<{t}>")
        } else {
            t
        }
    }

    /// The Rust type of a struct field or union variant value, boxed where recursion needs it.
    pub fn member_type_text(&self, ty: &str, member: &str, s: &Shape) -> String {
        let t = self.type_text(s);
        if self.is_boxed(ty, member) {
            format!("Box<{t}>")
        } else {
            t
        }
    }

    /// The enum a shape names, if it names one.
    pub fn enum_of(&self, s: &Shape) -> Option<&'a Enum> {
        match &s.ty {
            Ty::Named(n) => match self.types.get(n.as_str()).map(|t| &t.kind) {
                Some(TypeKind::Enum(e)) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether `member` of type `ty` is stored in a `Box`.
    pub fn is_boxed(&self, ty: &str, member: &str) -> bool {
        self.boxed.contains(&(ty, member))
    }

    /// Whether a struct's optional nullable field is three-state (`rt::Patch`): it is in an
    /// update body (PATCH/PUT) and `null` clears it — JSON merge-patch semantics, unless the
    /// spec says `x-null-means: unchanged` on the body schema (then only fields marked
    /// `x-null-means: clear` are three-state).
    pub fn is_patch(t: &TypeDef, f: &Field) -> bool {
        let clears = match &t.kind {
            TypeKind::Struct(s) if s.null_means_unchanged => f.null_clears == Some(true),
            _ => f.null_clears != Some(false),
        };
        t.in_update && clears && !f.required && f.shape.nullable && !matches!(f.shape.ty, Ty::Any)
    }

    pub fn pattern_ident(&self, pattern: &str) -> proc_macro2::Ident {
        format_ident!(
            "PATTERN_{}",
            self.patterns.get(pattern).copied().unwrap_or_default()
        )
    }
}

fn collect_patterns(s: &Shape, out: &mut BTreeMap<String, ()>) {
    if let Some(p) = &s.rules.pattern {
        out.insert(p.clone(), ());
    }
    if let Ty::Array(i) | Ty::Map(i) = &s.ty {
        collect_patterns(i, out);
    }
}
