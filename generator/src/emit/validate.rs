//! `Validate` impls: every constraint of a request model checked, every violation reported with
//! its JSON field path. Only shapes with something to check produce code.

use super::Ctx;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::{StructSurface, Wrapper};
use proc_macro2::TokenStream;
use quote::quote;

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

fn bound(v: Option<f64>, exclusive: bool) -> TokenStream {
    match v {
        Some(n) => {
            let n = proc_macro2::Literal::f64_unsuffixed(n);
            quote!(Some((#n, #exclusive)))
        }
        None => quote!(None),
    }
}

/// Checks for a value bound to `value` (a reference) at `path` (a `&rt::Path`), when the value
/// may be `null` per its shape.
pub fn checks_nullable(ctx: &Ctx<'_>, shape: &Shape) -> TokenStream {
    let inner = checks(ctx, shape);
    if inner.is_empty() {
        return inner;
    }
    if shape.nullable && !matches!(shape.ty, Ty::Any) {
        quote!(if let Some(value) = value { #inner })
    } else {
        inner
    }
}

/// Checks for a non-null value bound to `value` (a reference) at `path` (a `&rt::Path`).
pub fn checks(ctx: &Ctx<'_>, shape: &Shape) -> TokenStream {
    let r = &shape.rules;
    let mut out = Vec::new();
    match &shape.ty {
        Ty::String => {
            if r.min_length.is_some() || r.max_length.is_some() {
                let (min, max) = (opt_u64(r.min_length), opt_u64(r.max_length));
                out.push(quote!(rt::check_length(value, #min, #max, path, out);));
            }
            if let Some(p) = &r.pattern {
                let p = ctx.pattern_ident(p);
                out.push(quote!(rt::check_pattern(value, &#p, path, out);));
            }
            if let Some(f) = r.format {
                let f = match f {
                    Format::Uri => quote!(rt::Format::Uri),
                    Format::Uuid => quote!(rt::Format::Uuid),
                    Format::Email => quote!(rt::Format::Email),
                    Format::Byte => quote!(rt::Format::Base64),
                };
                out.push(quote!(rt::check_format(value, #f, path, out);));
            }
        }
        Ty::Integer { .. } | Ty::Number if r.minimum.is_some() || r.maximum.is_some() => {
            let (min, max) = (
                bound(r.minimum, r.exclusive_minimum),
                bound(r.maximum, r.exclusive_maximum),
            );
            let value = if matches!(shape.ty, Ty::Number) {
                quote!(*value)
            } else {
                quote!(*value as f64)
            };
            out.push(quote!(rt::check_range(#value, #min, #max, path, out);));
        }
        Ty::Array(item) => {
            if r.min_items.is_some() || r.max_items.is_some() {
                let (min, max) = (opt_u64(r.min_items), opt_u64(r.max_items));
                out.push(quote!(rt::check_items(value.len(), #min, #max, path, out);));
            }
            if r.unique_items {
                out.push(quote!(rt::check_unique(value, path, out);));
            }
            let inner = checks_nullable(ctx, item);
            if !inner.is_empty() {
                out.push(quote! {
                    for (i, value) in value.iter().enumerate() {
                        let path = &path.index(i);
                        #inner
                    }
                });
            }
        }
        Ty::Map(item) => {
            let inner = checks_nullable(ctx, item);
            if !inner.is_empty() {
                out.push(quote! {
                    for (key, value) in value.iter() {
                        let path = &path.key(key);
                        #inner
                    }
                });
            }
        }
        Ty::Named(n) if ctx.needs_validation.contains(n.as_str()) => {
            out.push(quote!(rt::Validate::collect_violations(value, path, out);));
        }
        _ => {}
    }
    quote!(#(#out)*)
}

/// One variant's checks: its pattern, the statements, and the one expression they are, if so.
type Arm = (TokenStream, TokenStream, Option<TokenStream>);

/// The checks of a union's variants: `if let` for one variant among others, otherwise a
/// `match` (with `_ => {}` unless `every` variant has checks).
fn match_variants(arms: &[Arm], every: bool) -> TokenStream {
    match arms {
        [] => quote!(),
        [(pattern, body, _)] if !every => quote!(if let #pattern = self { #body }),
        _ => {
            let arms = arms.iter().map(|(p, b, e)| match e {
                Some(e) => quote!(#p => #e,),
                None => quote!(#p => { #b }),
            });
            let rest = (!every).then(|| quote!(_ => {}));
            quote!(match self { #(#arms)* #rest })
        }
    }
}

/// `impl rt::Validate for T`; `fields` is the surface of a struct's fields.
/// Nothing for a type that is never sent (see [`crate::surface::is_sent`]).
pub fn validate_impl(ctx: &Ctx<'_>, t: &TypeDef, fields: Option<&StructSurface>) -> TokenStream {
    if !crate::surface::is_sent(t) {
        return TokenStream::new();
    }
    let name = ident(&t.name);
    let body = match (&t.kind, fields) {
        (TypeKind::Struct(s), Some(ss)) => {
            let fields = s.fields.iter().zip(&ss.fields).filter_map(|(f, fs)| {
                let inner = checks(ctx, &f.shape);
                if inner.is_empty() {
                    return None;
                }
                let fname = ident(&fs.name);
                let wire = &f.wire;
                Some(match fs.wrapper {
                    Wrapper::Patch => quote! { if let rt::Patch::Set(value) = &self.#fname { let path = &path.field(#wire); #inner } },
                    Wrapper::Option => quote! { if let Some(value) = &self.#fname { let path = &path.field(#wire); #inner } },
                    Wrapper::Plain => quote! { { let value = &self.#fname; let path = &path.field(#wire); #inner } },
                })
            });
            let extra = s
                .extra
                .as_ref()
                .zip(ss.extra.as_ref())
                .and_then(|(shape, e)| {
                    let inner = checks_nullable(ctx, shape);
                    (!inner.is_empty()).then(|| {
                        let e = ident(&e.field);
                        quote! { for (key, value) in &self.#e { let path = &path.key(key); #inner } }
                    })
                });
            let dependencies = dependencies(s, ss);
            quote!(#(#fields)* #extra #dependencies)
        }
        (TypeKind::Tagged(u), _) => {
            let arms: Vec<_> = u
                .variants
                .iter()
                .filter(|v| ctx.needs_validation.contains(v.ty.as_str()))
                .map(|v| {
                    let vn = ident(&v.rust);
                    let call = quote!(rt::Validate::collect_violations(value, path, out));
                    (quote!(Self::#vn(value)), quote!(#call;), Some(call))
                })
                .collect();
            match_variants(&arms, arms.len() == u.variants.len())
        }
        (TypeKind::Untagged(u), _) => {
            let arms: Vec<_> = u
                .variants
                .iter()
                .filter_map(|v| {
                    let inner = checks_nullable(ctx, &v.shape);
                    (!inner.is_empty()).then(|| {
                        let vn = ident(&v.rust);
                        (quote!(Self::#vn(value)), inner, None)
                    })
                })
                .collect();
            match_variants(&arms, arms.len() == u.variants.len() && !t.in_response)
        }
        _ => quote!(),
    };
    let (path, out) = if body.is_empty() {
        (quote!(_path), quote!(_out))
    } else {
        (quote!(path), quote!(out))
    };
    let doc = format!(
        " Checks every constraint `{}` states in the spec; see [`rt::Validate::validate`].",
        t.name
    );
    quote! {
        impl rt::Validate for #name {
            #[doc = #doc]
            fn collect_violations(&self, #path: &rt::Path<'_>, #out: &mut Vec<rt::Violation>) {
                #body
            }
        }
    }
}

/// `dependentRequired`: for each property that is present, a check that the properties it
/// needs are present too (a required property always is; an `Option` is when `Some`; an
/// `rt::Patch` unless `Unchanged`).
fn dependencies(s: &Struct, ss: &StructSurface) -> TokenStream {
    let present = |wire: &str| {
        let (f, fs) = s
            .fields
            .iter()
            .zip(&ss.fields)
            .find(|(f, _)| f.wire == wire)?;
        let name = ident(&fs.name);
        match fs.wrapper {
            _ if f.required => None,
            Wrapper::Plain => None,
            Wrapper::Option => Some(quote!(self.#name.is_some())),
            Wrapper::Patch => Some(quote!(!self.#name.is_unchanged())),
        }
    };
    let checks = s.dependent_required.iter().map(|(trigger, required)| {
        let needed = required.iter().map(|r| {
            let is = present(r).unwrap_or_else(|| quote!(true));
            quote!((#r, #is))
        });
        let check = quote!(rt::check_dependent_required(#trigger, &[#(#needed),*], path, out););
        match present(trigger) {
            Some(is) => quote!(if #is { #check }),
            None => check,
        }
    });
    quote!(#(#checks)*)
}
