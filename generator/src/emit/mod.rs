//! Stage 4, emit: IR → the module's items as `TokenStream`s, built with `quote!` templates that
//! read like the code they produce. Layout is not emit's business: `render` formats each item
//! with `prettyplease`. Cannot fail: anything that could is refused earlier by `lower` or
//! `check`.

mod client;
mod docs;
mod enums;
mod examples;
mod graph;
mod models;
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

/// A generated module: its items in order, each group formatted on its own by `render` and
/// joined with a blank line.
#[derive(Debug, Clone, Default)]
pub struct Module {
    pub items: Vec<TokenStream>,
}

/// A piece of the module that can be emitted on its own: each depends only on the IR, so the
/// pieces can be emitted (and formatted) on several threads.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// The module docs, lints, `use` lines and re-exports.
    Header,
    /// `Error`, `ApiError`, `Result` and the error body's summary.
    Errors,
    /// The `static PATTERN_n` regexes the validators share.
    Patterns,
    /// One named type with its impls.
    Type(&'a TypeDef),
    /// The `Client` and its methods.
    Client,
    /// The `spec_examples` test module.
    Examples,
}

/// Every part of the module for `api`, in output order.
pub fn parts(api: &Api) -> Vec<Part<'_>> {
    let mut parts = vec![Part::Header, Part::Errors, Part::Patterns];
    parts.extend(api.types.iter().map(Part::Type));
    parts.push(Part::Client);
    parts.push(Part::Examples);
    parts
}

/// The whole module for one API, on this thread.
pub fn emit(api: &Api) -> Module {
    let ctx = Ctx::new(api);
    Module {
        items: parts(api).into_iter().map(|p| emit_part(&ctx, p)).collect(),
    }
}

/// The items of one part (empty tokens when the part has nothing to say).
pub fn emit_part(ctx: &Ctx<'_>, part: Part<'_>) -> TokenStream {
    match part {
        Part::Header => header(ctx),
        Part::Errors => client::emit_error_types(ctx),
        Part::Patterns => {
            let patterns = ctx.patterns.iter().map(|(src, i)| {
                let name = format_ident!("PATTERN_{}", i);
                quote! { static #name: rt::Pattern = rt::Pattern::new(#src); }
            });
            quote!(#(#patterns)*)
        }
        Part::Type(t) => match &t.kind {
            TypeKind::Struct(s) => models::emit_struct(ctx, t, s),
            TypeKind::Enum(e) => enums::emit_enum(ctx, t, e),
            TypeKind::Tagged(u) => enums::emit_tagged(ctx, t, u),
            TypeKind::Untagged(u) => enums::emit_untagged(ctx, t, u),
        },
        Part::Client => client::emit_client(ctx),
        Part::Examples => examples::emit_example_tests(ctx),
    }
}

fn header(ctx: &Ctx<'_>) -> TokenStream {
    let docs = docs::module_doc(ctx.api);
    // Runtime names re-exported for convenience, unless a schema already uses the name.
    let reexports = [
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
    .map(|n| format_ident!("{}", n));
    quote! {
        #docs
        #![allow(clippy::too_many_arguments, clippy::large_enum_variant, clippy::doc_lazy_continuation)]

        use crate::runtime as rt;
        #[doc(no_inline)]
        pub use crate::runtime::{#(#reexports),*};
    }
}

impl<'a> Ctx<'a> {
    pub fn new(api: &'a Api) -> Self {
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

    /// The Rust type of a value of this shape, without the `Option` for nullability at the top.
    pub fn rust_type(&self, s: &Shape) -> TokenStream {
        match &s.ty {
            Ty::String => quote!(String),
            Ty::DateTime => quote!(rt::DateTime),
            Ty::Date => quote!(rt::Date),
            Ty::Integer { bits32: true } => quote!(i32),
            Ty::Integer { bits32: false } => quote!(i64),
            Ty::Number => quote!(f64),
            Ty::Boolean => quote!(bool),
            Ty::Any => quote!(rt::Value),
            Ty::Object => quote!(rt::Map),
            Ty::Array(item) => {
                let t = self.rust_type_nullable(item);
                quote!(Vec<#t>)
            }
            Ty::Map(v) => {
                let t = self.rust_type_nullable(v);
                quote!(std::collections::BTreeMap<String, #t>)
            }
            Ty::Named(n) => {
                let i = ident(n);
                quote!(#i)
            }
        }
    }

    /// As [`Ctx::rust_type`], wrapped in `Option` when the shape is nullable.
    pub fn rust_type_nullable(&self, s: &Shape) -> TokenStream {
        let t = self.rust_type(s);
        if s.nullable && !matches!(s.ty, Ty::Any) {
            quote!(Option<#t>)
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

    /// The Rust type of a struct field or union variant value, boxed where recursion needs it.
    pub fn member_type(&self, ty: &str, member: &str, s: &Shape) -> TokenStream {
        let t = self.rust_type(s);
        if self.is_boxed(ty, member) {
            quote!(Box<#t>)
        } else {
            t
        }
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
