//! Structs for object schemas, with serde attributes and a constructor taking the required
//! fields plus one setter per optional field. Response models keep unknown fields; optional
//! nullable fields of update bodies are three-state (`rt::Patch`).

use super::docs;
use super::validate::validate_impl;
use super::Ctx;
use crate::ident::{bare, ident, Namespace};
use crate::ir::*;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The Rust name of the flattened map of undeclared properties, if the struct has one.
pub fn extra_field(t: &TypeDef, s: &Struct) -> Option<String> {
    if s.extra.is_none() && !t.in_response {
        return None;
    }
    let mut names = Namespace::new();
    s.fields.iter().for_each(|f| names.reserve(&f.rust));
    Some(names.claim("extra".to_owned()))
}

/// The only variant of a single-value enum (a required field that can have one value only).
fn single_variant(ctx: &Ctx<'_>, f: &Field) -> Option<TokenStream> {
    let e = ctx.enum_of(&f.shape)?;
    if !f.required || f.shape.nullable || e.variants.len() != 1 {
        return None;
    }
    let ty = ctx.rust_type(&f.shape);
    let v = ident(&e.variants[0].rust);
    Some(quote!(#ty::#v))
}

pub fn emit_struct(ctx: &Ctx<'_>, t: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&t.name);
    let doc = docs::attrs(&docs::type_doc(ctx.api, t));
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust);
        let patch = Ctx::is_patch(t, f);
        let mut lines = docs::field_doc(&f.doc, &f.shape, f.required);
        if patch {
            lines.push(String::new());
            lines.push(format!(
                "Three-state: unchanged (not sent), cleared (sent as `null`, see `clear_{0}`), or set (see `{0}`).",
                bare(&f.rust)
            ));
        }
        let fdoc = docs::attrs(&lines);
        let inner = ctx.member_type(&t.name, &f.rust, &f.shape);
        let ty = if patch {
            quote!(rt::Patch<#inner>)
        } else if f.is_option() && !matches!(f.shape.ty, Ty::Any) {
            quote!(Option<#inner>)
        } else {
            inner
        };
        let rename = (bare(&f.rust) != f.wire).then(|| {
            let w = &f.wire;
            quote!(#[serde(rename = #w)])
        });
        let serde = if patch {
            quote!(#[serde(default, skip_serializing_if = "rt::Patch::is_unchanged")])
        } else if !f.required {
            if matches!(f.shape.ty, Ty::Any) {
                quote!(#[serde(default, skip_serializing_if = "rt::Value::is_null")])
            } else {
                quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
            }
        } else if f.shape.nullable {
            quote!(#[serde(default)])
        } else {
            quote!()
        };
        quote! { #fdoc #rename #serde pub #fname: #ty, }
    });
    let extra_name = extra_field(t, s);
    let extra = extra_name.as_ref().map(|n| {
        let n = ident(n);
        let (ty, doc) = match &s.extra {
            Some(shape) => (
                ctx.rust_type_nullable(shape),
                " Properties not declared in the spec (the schema allows additional properties), kept as sent or received.",
            ),
            None => (
                quote!(rt::Value),
                " Fields the server sent that this version of the spec does not declare, kept so nothing is lost.",
            ),
        };
        quote! {
            #[doc = #doc]
            #[serde(flatten)]
            pub #n: std::collections::BTreeMap<String, #ty>,
        }
    });
    // Every model gets a constructor and `Validate`: request models need them, and users
    // building response values for their own tests need the constructor (models are
    // `#[non_exhaustive]`).
    let builder = builder(ctx, t, s, extra_name.as_deref());
    let validate = validate_impl(ctx, t);
    // With a map of unknown fields, `Deserialize` comes from the runtime's one-pass
    // `open_struct!` rather than the derive, whose `flatten` buffers the whole object.
    let (derive_de, open_de) = match &extra_name {
        Some(extra) => {
            let extra = ident(extra);
            let entries = s.fields.iter().map(|f| {
                let fname = ident(&f.rust);
                let wire = &f.wire;
                let defaulted = Ctx::is_patch(t, f) || !f.required || f.shape.nullable;
                if defaulted {
                    quote!(#fname: #wire = default)
                } else {
                    quote!(#fname: #wire)
                }
            });
            (
                quote!(),
                quote!(rt::open_struct!(#name { #(#entries),* } #extra);),
            )
        }
        None => (quote!(, serde::Deserialize), quote!()),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize #derive_de)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #open_de
        #builder
        #validate
    }
}

/// The parameter type a constructor or setter takes for a value of `shape`, and how to turn the
/// argument `value` into the field's value (without an `Option`/`Patch` wrapper).
pub fn setter_arg(ctx: &Ctx<'_>, shape: &Shape, value: &Ident) -> (TokenStream, TokenStream) {
    match &shape.ty {
        Ty::String => (quote!(impl Into<String>), quote!(#value.into())),
        Ty::Any => (quote!(impl Into<rt::Value>), quote!(#value.into())),
        Ty::Named(_) => {
            let t = ctx.rust_type(shape);
            (quote!(impl Into<#t>), quote!(#value.into()))
        }
        Ty::Array(item) if !item.nullable && matches!(item.ty, Ty::String | Ty::Named(_)) => {
            let t = ctx.rust_type(item);
            (
                quote!(impl IntoIterator<Item = impl Into<#t>>),
                quote!(#value.into_iter().map(Into::into).collect()),
            )
        }
        Ty::Array(item) => {
            let t = ctx.rust_type_nullable(item);
            (
                quote!(impl IntoIterator<Item = #t>),
                quote!(#value.into_iter().collect()),
            )
        }
        _ => {
            let t = ctx.rust_type(shape);
            (quote!(#t), quote!(#value))
        }
    }
}

fn builder(ctx: &Ctx<'_>, t: &TypeDef, s: &Struct, extra: Option<&str>) -> TokenStream {
    let name = ident(&t.name);
    let args: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.required && single_variant(ctx, f).is_none())
        .collect();
    let mut methods = Namespace::new();
    methods.reserve("new");
    let params = args.iter().map(|f| {
        let n = ident(&f.rust);
        let arg = if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
            let t = ctx.rust_type(&f.shape);
            quote!(Option<#t>)
        } else {
            setter_arg(ctx, &f.shape, &n).0
        };
        quote!(#n: #arg)
    });
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.rust);
        if let Some(only) = single_variant(ctx, f) {
            quote!(#n: #only,)
        } else if f.required {
            if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
                quote!(#n,)
            } else {
                let (_, conv) = setter_arg(ctx, &f.shape, &n);
                if ctx.is_boxed(&t.name, &f.rust) {
                    quote!(#n: Box::new(#conv),)
                } else if conv.to_string() == n.to_string() {
                    quote!(#n,)
                } else {
                    quote!(#n: #conv,)
                }
            }
        } else if Ctx::is_patch(t, f) {
            quote!(#n: rt::Patch::Unchanged,)
        } else if matches!(f.shape.ty, Ty::Any) {
            quote!(#n: rt::Value::Null,)
        } else {
            quote!(#n: None,)
        }
    });
    let extra_init = extra.map(|e| {
        let e = ident(e);
        quote!(#e: Default::default(),)
    });
    let fixed: Vec<String> = s
        .fields
        .iter()
        .filter(|f| single_variant(ctx, f).is_some())
        .map(|f| format!("`{}`", f.wire))
        .collect();
    let mut new_doc = if args.is_empty() {
        format!(" A new `{}`. It has no required fields to pass.", t.name)
    } else {
        format!(
            " A new `{}`. Takes the required fields ({}); set optional ones with the setters.",
            t.name,
            args.iter()
                .map(|f| format!("`{}`", f.wire))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if !fixed.is_empty() {
        new_doc.push_str(&format!(
            " {} can have only one value and is filled in.",
            fixed.join(", ")
        ));
    }
    let value = format_ident!("value");
    let setters: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| {
            let n = ident(&f.rust);
            let setter = ident(&methods.claim(f.rust.clone()));
            let (arg, conv) = setter_arg(ctx, &f.shape, &value);
            let conv = if ctx.is_boxed(&t.name, &f.rust) {
                quote!(Box::new(#conv))
            } else {
                conv
            };
            let first = f
                .doc
                .description
                .as_deref()
                .and_then(|d| d.lines().next())
                .map(|l| format!(" {}", docs::sanitize(l)))
                .unwrap_or_default();
            let constraints = docs::constraints(&f.shape);
            let constraints = if constraints.is_empty() {
                String::new()
            } else {
                format!(" ({})", constraints.join("; "))
            };
            let doc = format!(" Sets `{}`.{first}{constraints}", f.wire);
            let patch = Ctx::is_patch(t, f);
            let assigned = if patch {
                quote!(rt::Patch::Set(#conv))
            } else if matches!(f.shape.ty, Ty::Any) {
                conv
            } else {
                quote!(Some(#conv))
            };
            let clear = patch.then(|| {
                let clear = ident(&methods.claim(format!("clear_{}", bare(&f.rust))));
                let doc = format!(" Clears `{}`: sends it as `null`.", f.wire);
                quote! {
                    #[doc = #doc]
                    #[must_use]
                    pub fn #clear(mut self) -> Self {
                        self.#n = rt::Patch::Clear;
                        self
                    }
                }
            });
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: #arg) -> Self {
                    self.#n = #assigned;
                    self
                }
                #clear
            }
        })
        .collect();
    let extra_setter = extra.zip(s.extra.as_ref()).map(|(e, shape)| {
        let e = ident(e);
        let m = ident(&methods.claim("with_extra".to_owned()));
        let ty = ctx.rust_type_nullable(shape);
        quote! {
            /// Adds a property the spec does not declare (the schema allows additional properties).
            #[must_use]
            pub fn #m(mut self, key: impl Into<String>, value: impl Into<#ty>) -> Self {
                self.#e.insert(key.into(), value.into());
                self
            }
        }
    });
    let default = args.is_empty().then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self { Self::new() }
            }
        }
    });
    quote! {
        #default
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #extra_init }
            }
            #(#setters)*
            #extra_setter
        }
    }
}
