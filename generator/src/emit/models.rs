//! Structs for object schemas, with serde attributes and, for request models, a constructor
//! taking the required fields and one setter per optional field.

use super::docs;
use super::validate::validate_impl;
use super::Ctx;
use crate::ident::{bare, ident, Namespace};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_struct(ctx: &Ctx<'_>, t: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&t.name);
    let doc = docs::attrs(&docs::type_doc(ctx.api, t));
    let mut names = Namespace::new();
    s.fields.iter().for_each(|f| names.reserve(&f.rust));
    let extra_name = s.extra.as_ref().map(|_| names.claim("extra".to_owned()));
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust);
        let fdoc = docs::attrs(&docs::field_doc(&f.doc, &f.shape, f.required));
        let ty = ctx.rust_type(&f.shape);
        let ty = if f.is_option() && !matches!(f.shape.ty, Ty::Any) {
            quote!(Option<#ty>)
        } else {
            ty
        };
        let rename = (bare(&f.rust) != f.wire).then(|| {
            let w = &f.wire;
            quote!(#[serde(rename = #w)])
        });
        let serde = if !f.required {
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
    let extra = s.extra.as_ref().zip(extra_name.as_ref()).map(|(shape, n)| {
        let n = ident(n);
        let ty = ctx.rust_type_nullable(shape);
        quote! {
            /// Properties not declared in the spec (the schema allows additional properties),
            /// kept as they were sent or received.
            #[serde(flatten)]
            pub #n: std::collections::BTreeMap<String, #ty>,
        }
    });
    // Every model gets a constructor and `Validate`: request models need them, and users
    // building response values for their own tests need the constructor (models are
    // `#[non_exhaustive]`).
    let builder = builder(ctx, t, s, extra_name.as_deref());
    let validate = validate_impl(ctx, t);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #builder
        #validate
    }
}

/// The parameter type a constructor or setter takes for a value of `shape`, and how to turn the
/// argument `v` into the field's value (without the `Option` wrapper).
pub fn setter_arg(
    ctx: &Ctx<'_>,
    shape: &Shape,
    value: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
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
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    let mut methods = Namespace::new();
    methods.reserve("new");
    let params = required.iter().map(|f| {
        let n = ident(&f.rust);
        let (arg, _) = setter_arg(ctx, &f.shape, &n);
        let arg = if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
            let t = ctx.rust_type(&f.shape);
            quote!(Option<#t>)
        } else {
            arg
        };
        quote!(#n: #arg)
    });
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.rust);
        if f.required {
            if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
                quote!(#n,)
            } else {
                let (_, conv) = setter_arg(ctx, &f.shape, &n);
                if conv.to_string() == n.to_string() {
                    quote!(#n,)
                } else {
                    quote!(#n: #conv,)
                }
            }
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
    let required_list = if required.is_empty() {
        "It has no required fields.".to_owned()
    } else {
        format!(
            "Takes the required fields ({}); set optional ones with the setters.",
            required
                .iter()
                .map(|f| format!("`{}`", f.wire))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let new_doc = format!(" A new `{}`. {required_list}", t.name);
    let setters: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| {
            let n = ident(&f.rust);
            let setter = ident(&methods.claim(f.rust.clone()));
            let (arg, conv) = setter_arg(ctx, &f.shape, &quote::format_ident!("value"));
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
            let value = if matches!(f.shape.ty, Ty::Any) {
                conv
            } else {
                quote!(Some(#conv))
            };
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: #arg) -> Self {
                    self.#n = #value;
                    self
                }
            }
        })
        .collect();
    let extra_setter = extra.map(|e| {
        let e = ident(e);
        let m = ident(&methods.claim("with_extra".to_owned()));
        let ty = ctx.rust_type_nullable(s.extra.as_ref().unwrap_or(&Shape::any()));
        quote! {
            /// Adds a property the spec does not declare (the schema allows additional properties).
            #[must_use]
            pub fn #m(mut self, key: impl Into<String>, value: impl Into<#ty>) -> Self {
                self.#e.insert(key.into(), value.into());
                self
            }
        }
    });
    let default = required.is_empty().then(|| {
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
