//! A method's checks of its inputs (path, header and cookie parameters, the query struct and
//! the body) against the spec, before anything is sent.

use crate::emit::validate::checks_nullable;
use crate::emit::Ctx;
use crate::ident::ident;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// Statements collecting every violation of the inputs and returning them as an error; empty
/// when nothing can be violated.
pub fn input_checks(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let mut checks = Vec::new();
    // A model validated as a whole (the query struct, a required body), when it is the only
    // input to check: `rt::Validate::validate(model)?` says it all.
    let mut whole = Vec::new();
    for p in &op.params {
        let n = ident(&p.rust);
        let wire = &p.wire;
        let mut inner = checks_nullable(
            ctx,
            &Shape {
                nullable: false,
                ..p.shape.clone()
            },
        );
        if p.location == ParamLocation::Path && matches!(p.shape.ty, Ty::String) {
            inner = quote!(rt::check_path_param(value, path, out); #inner);
        }
        if inner.is_empty() {
            continue;
        }
        let value = if matches!(p.shape.ty, Ty::String | Ty::Array(_)) {
            quote!(#n)
        } else {
            quote!(&#n)
        };
        checks.push(if p.required {
            quote! { { let value = #value; let path = &rt::Path::ROOT.field(#wire); #inner } }
        } else {
            quote! { if let Some(value) = #n { let value = &value; let path = &rt::Path::ROOT.field(#wire); #inner } }
        });
    }
    if op
        .query
        .as_ref()
        .is_some_and(|q| ctx.needs_validation.contains(q.as_str()))
    {
        checks.push(quote! { rt::Validate::collect_violations(params, &rt::Path::ROOT, out); });
        whole.push(quote!(params));
    }
    // The body argument is `Option<&T>` when the body is optional (nullable or not: see
    // `surface::operations::args`), `&T` or `&Option<T>` when it is required.
    let named = op.body.as_ref().and_then(|b| match &b.shape.ty {
        Ty::Named(n)
            if (!b.shape.nullable || !b.required) && ctx.needs_validation.contains(n.as_str()) =>
        {
            Some(b)
        }
        _ => None,
    });
    if let Some(b) = named {
        checks.push(if b.required {
            whole.push(quote!(body));
            quote! { rt::Validate::collect_violations(body, &rt::Path::ROOT, out); }
        } else {
            quote! { if let Some(body) = body { rt::Validate::collect_violations(body, &rt::Path::ROOT, out); } }
        });
    } else if let Some(b) = &op.body {
        let inner = checks_nullable(
            ctx,
            &Shape {
                nullable: b.shape.nullable && b.required,
                ..b.shape.clone()
            },
        );
        if !inner.is_empty() {
            checks.push(if b.required {
                quote! { { let value = body; let path = &rt::Path::ROOT; #inner } }
            } else {
                quote! { if let Some(value) = body { let path = &rt::Path::ROOT; #inner } }
            });
        }
    }
    match (&checks[..], &whole[..]) {
        ([], _) => quote!(),
        ([_], [model]) => quote!(rt::Validate::validate(#model)?;),
        _ => quote! {
            let mut violations = Vec::new();
            let out = &mut violations;
            #(#checks)*
            rt::ensure_valid(violations)?;
        },
    }
}
