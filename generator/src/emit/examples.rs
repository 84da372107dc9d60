//! The spec's examples as tests of the generated module (`#[cfg(test)] mod spec_examples`):
//! request examples decode, validate and round-trip; response and schema examples decode and
//! round-trip with nothing lost. A docs change whose example no longer fits fails `cargo test`.

use super::Ctx;
use crate::ident::{ident, value_name, Namespace};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

struct Case {
    pointer: String,
    json: String,
    ty: TokenStream,
    request: bool,
}

pub fn emit_example_tests(ctx: &Ctx<'_>) -> TokenStream {
    let mut cases = Vec::new();
    for t in &ctx.api.types {
        if let Some(v) = &t.doc.example {
            let name = ident(&t.name);
            let request = t.in_request && !matches!(t.kind, TypeKind::Enum(_));
            cases.push(Case {
                pointer: format!("{}#{}", ctx.api.source, t.pointer),
                json: v.to_string(),
                ty: quote!(#name),
                request,
            });
        }
    }
    for op in &ctx.api.operations {
        if let Some(b) = &op.body {
            let ty = ctx.rust_type_nullable(&b.shape);
            let request = matches!(b.shape.ty, Ty::Named(_)) && !b.shape.nullable;
            for e in &b.examples {
                cases.push(Case {
                    pointer: format!("{}#{}", ctx.api.source, e.pointer),
                    json: e.value.to_string(),
                    ty: ty.clone(),
                    request,
                });
            }
        }
        for r in op.responses() {
            let Some(shape) = &r.body else { continue };
            let ty = ctx.rust_type_nullable(shape);
            for e in &r.examples {
                cases.push(Case {
                    pointer: format!("{}#{}", ctx.api.source, e.pointer),
                    json: e.value.to_string(),
                    ty: ty.clone(),
                    request: false,
                });
            }
        }
    }
    if cases.is_empty() {
        return quote!();
    }
    let mut names = Namespace::new();
    let tests = cases.iter().map(|c| {
        let fn_name =
            ident(&names.claim(value_name(c.pointer.split('#').nth(1).unwrap_or("example"))));
        let (pointer, json, ty) = (&c.pointer, &c.json, &c.ty);
        let check = if c.request {
            quote!(check_request)
        } else {
            quote!(check_response)
        };
        quote! {
            #[test]
            fn #fn_name() {
                rt::examples::#check::<#ty>(#pointer, #json);
            }
        }
    });
    quote! {
        /// Every example in the spec, checked against the generated types.
        #[cfg(test)]
        mod spec_examples {
            use super::*;
            #(#tests)*
        }
    }
}
