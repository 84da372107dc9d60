//! Stage 4, emit: IR → the module's items as `TokenStream`s, built with `quote!` templates that
//! read like the code they produce. Layout is not emit's business: `render` formats each item
//! with `prettyplease`. Cannot fail: anything that could is refused earlier by `lower` or
//! `check`.

mod client;
mod derives;
pub(crate) mod docs;
mod enums;
mod examples;
mod features;
mod method;
mod models;
mod rust_type;
pub(crate) mod validate;
mod webhooks;

use crate::ir::*;
use crate::surface::{RustType, Surface, TypeSurface};
use foldhash::{HashMap, HashSet};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// What every emitter needs to know about the whole API.
pub(crate) struct Ctx<'a> {
    pub api: &'a Api,
    /// Every Rust name and type the module exposes.
    pub surface: &'a Surface,
    /// Named types by name.
    pub types: HashMap<&'a str, &'a TypeDef>,
    /// Types that implement `Validate` (they may be sent) and whose `collect_violations` can
    /// report something.
    pub needs_validation: HashSet<&'a str>,
    /// Pattern source → index of its `static PATTERN_n`.
    pub patterns: BTreeMap<String, usize>,
    /// The operations' query parameters structs (see [`derives::is_query_struct`]).
    pub query_structs: HashSet<&'a str>,
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
pub enum Part {
    /// The module docs, lints, `use` lines and re-exports.
    Header,
    /// `Error`, `ApiError`, `Result` and the error body's summary.
    Errors,
    /// The `static PATTERN_n` regexes the validators share.
    Patterns,
    /// One named type with its impls, by its index in [`Api::types`].
    Type(usize),
    /// The `Client` and its methods.
    Client,
    /// The `webhooks` module: a decoder per webhook operation.
    Webhooks,
    /// The `spec_examples` test module.
    Examples,
}

/// Every part of the module for `api`, in output order.
pub fn parts(api: &Api) -> Vec<Part> {
    let mut parts = vec![Part::Header, Part::Errors, Part::Patterns];
    parts.extend((0..api.types.len()).map(Part::Type));
    parts.push(Part::Client);
    parts.push(Part::Webhooks);
    parts.push(Part::Examples);
    parts
}

/// The whole module for one API, on this thread.
pub fn emit(api: &Api, surface: &Surface) -> Module {
    let ctx = Ctx::new(api, surface);
    Module {
        items: parts(api).into_iter().map(|p| emit_part(&ctx, p)).collect(),
    }
}

/// The items of one part (empty tokens when the part has nothing to say).
pub fn emit_part(ctx: &Ctx<'_>, part: Part) -> TokenStream {
    match part {
        Part::Header => header(ctx),
        Part::Errors => client::emit_error_types(ctx),
        Part::Patterns => {
            let patterns = ctx.patterns.iter().map(|(src, i)| {
                let name = format_ident!("PATTERN_{}", i);
                // With per-tag features, the types using a pattern may all be compiled out.
                let allow = ctx
                    .surface
                    .features
                    .is_some()
                    .then(|| quote!(#[allow(dead_code)]));
                quote! { #allow static #name: rt::Pattern = rt::Pattern::new(#src); }
            });
            quote!(#(#patterns)*)
        }
        Part::Type(i) => {
            let items = emit_type(ctx, i);
            match ctx
                .surface
                .features
                .as_ref()
                .and_then(|f| f.types[i].as_ref())
            {
                Some(gate) => features::gate_items(items, &features::cfg(gate)),
                None => items,
            }
        }
        Part::Client => client::emit_client(ctx),
        Part::Webhooks => webhooks::emit_webhooks(ctx),
        // A module with per-tag features has no example tests: each would need its type's
        // features.
        Part::Examples if ctx.surface.features.is_some() => TokenStream::new(),
        Part::Examples => examples::emit_example_tests(ctx),
    }
}

/// The items of the type at `i` in [`Api::types`].
fn emit_type(ctx: &Ctx<'_>, i: usize) -> TokenStream {
    let t = &ctx.api.types[i];
    match (&t.kind, &ctx.surface.types[i]) {
        (TypeKind::Struct(s), TypeSurface::Struct(ss)) => models::emit_struct(ctx, t, s, ss),
        (TypeKind::Enum(e), _) => enums::emit_enum(ctx, t, e),
        (TypeKind::Tagged(u), TypeSurface::Tagged(us)) => enums::emit_tagged(ctx, t, u, us),
        (TypeKind::Untagged(u), TypeSurface::Untagged(us)) => enums::emit_untagged(ctx, t, u, us),
        // The surface has one entry of the same kind per type.
        _ => TokenStream::new(),
    }
}

/// The cfg of the operation at `i` in [`Api::operations`], when it is behind a feature.
pub(crate) fn operation_cfg(ctx: &Ctx<'_>, i: usize) -> Option<TokenStream> {
    let f = ctx.surface.features.as_ref()?.operations[i].as_ref()?;
    Some(features::cfg(std::slice::from_ref(f)))
}

/// Puts `cfg` on each method in `tokens` (see [`operation_cfg`]).
pub(crate) fn gate_methods(tokens: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    match cfg {
        Some(cfg) => features::gate_impl_items(tokens, &cfg),
        None => tokens,
    }
}

fn header(ctx: &Ctx<'_>) -> TokenStream {
    let docs = docs::module_doc(ctx.api);
    let features = ctx.surface.features.as_ref().map(|f| {
        let group = match ctx.api.features {
            Some(FeatureGroups::Paths) => "path resource",
            _ => "tag",
        };
        let line = format!(
            " Cargo features, one per {} (declare them in the crate that includes this module): {}. Each compiles that {}'s operations and the types they use; `schemas` compiles the types no operation uses{}.",
            group,
            f.all.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
            group,
            if ctx.api.webhooks.is_empty() { "" } else { "; `webhooks` the `webhooks` module and its payload types" }
        );
        quote!(#![doc = ""] #![doc = #line])
    });
    // rustc's `unexpected_cfgs` check of `cfg_attr` cannot be allowed from inside the module:
    // the including crate declares the feature (a warning with that advice otherwise).
    let sent_only = derives::any_sent_only(ctx).then(|| {
        let line = format!(
            " Cargo feature `{}` (declare it in the crate that includes this module): the types only ever sent derive `serde::Deserialize` too.",
            derives::DESERIALIZE_REQUESTS
        );
        quote!(#![doc = ""] #![doc = #line])
    });
    let received_only = derives::any_received_only(ctx).then(|| {
        let line = format!(
            " Cargo feature `{}` (declare it in the crate that includes this module): the types only ever received derive `serde::Serialize` too.",
            derives::SERIALIZE_RESPONSES
        );
        quote!(#![doc = ""] #![doc = #line])
    });
    // Runtime names re-exported for convenience.
    let reexports = ctx.surface.reexports.iter().map(|n| format_ident!("{}", n));
    quote! {
        #docs
        #features
        #sent_only
        #received_only
        #![allow(clippy::too_many_arguments, clippy::large_enum_variant, clippy::result_large_err, clippy::doc_lazy_continuation)]

        use crate::runtime as rt;
        #[doc(no_inline)]
        pub use crate::runtime::{#(#reexports),*};
    }
}

impl<'a> Ctx<'a> {
    pub fn new(api: &'a Api, surface: &'a Surface) -> Self {
        let types: HashMap<&str, &TypeDef> =
            api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut patterns = BTreeMap::new();
        let mut add = |s: &Shape| collect_patterns(s, &mut patterns);
        // Only types that are validated use patterns.
        for t in api.types.iter().filter(|t| crate::surface::is_sent(t)) {
            t.member_shapes().for_each(&mut add);
        }
        api.webhooks.iter().for_each(|h| add(&h.body.shape));
        for op in &api.operations {
            op.params.iter().for_each(|p| add(&p.shape));
            if let Some(b) = &op.body {
                add(&b.shape);
            }
        }
        let mut needs_validation = crate::surface::graph::needs_validation(api);
        needs_validation.retain(|n| types.get(n).is_some_and(|t| crate::surface::is_sent(t)));
        let n = patterns.len();
        let patterns = patterns.into_keys().zip(0..n).collect();
        Ctx {
            api,
            surface,
            types,
            needs_validation,
            patterns,
            query_structs: api
                .operations
                .iter()
                .filter_map(|op| op.query.as_deref())
                .collect(),
        }
    }

    /// The Rust type of a value of this shape, without the `Option` for nullability at the top.
    pub fn rust_type(&self, s: &Shape) -> TokenStream {
        let t = RustType::value(s);
        quote!(#t)
    }

    /// As [`Ctx::rust_type`], wrapped in `Option` when the shape is nullable.
    pub fn rust_type_nullable(&self, s: &Shape) -> TokenStream {
        let t = RustType::nullable(s);
        quote!(#t)
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
