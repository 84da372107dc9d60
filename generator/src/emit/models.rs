//! Structs for object schemas, with serde attributes and a constructor taking the required
//! fields plus one setter per optional field. Response models keep unknown fields; optional
//! nullable fields of update bodies are three-state (`rt::Patch`).

use super::derives::{derives, is_query_struct, serialize_gated, struct_serde, SerdeImpls};
use super::docs;
use super::validate::validate_impl;
use super::Ctx;
use crate::ident::{bare, ident};
use crate::ir::*;
use crate::surface::{FieldSurface, StructSurface, Wrapper};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub fn emit_struct(ctx: &Ctx<'_>, t: &TypeDef, s: &Struct, ss: &StructSurface) -> TokenStream {
    let name = ident(&t.name);
    let doc = docs::attrs(&docs::type_doc(ctx.api, t));
    let query_struct = is_query_struct(ctx, t);
    // `open_struct!` implements both serde traits: its fields carry no serde attributes.
    let open = matches!(struct_serde(ss), SerdeImpls::OpenStruct);
    let fields = s.fields.iter().zip(&ss.fields).map(|(f, fs)| {
        let fname = ident(&fs.name);
        let patch = fs.wrapper == Wrapper::Patch;
        let mut lines = docs::field_doc(&f.doc, &f.shape, f.required);
        if let (Some(clear), Some(setter)) = (&fs.clear, &fs.setter) {
            lines.push(String::new());
            lines.push(format!(
                "Three-state: unchanged (not sent), cleared (sent as `null`, see `{}`), or set (see `{}`).",
                bare(clear),
                bare(setter)
            ));
        }
        let fdoc = docs::attrs(&lines);
        let ty = &fs.ty;
        if query_struct || open {
            return quote! { #fdoc pub #fname: #ty, };
        }
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
    let extra = ss.extra.as_ref().map(|e| {
        let n = ident(&e.field);
        let ty = &e.value;
        let doc = if e.declared {
            " Properties not declared in the spec (the schema allows additional properties), kept as sent or received."
        } else {
            " Fields the server sent that this version of the spec does not declare, kept so nothing is lost."
        };
        quote! {
            #[doc = #doc]
            pub #n: std::collections::BTreeMap<String, #ty>,
        }
    });
    // Every model gets a constructor: users building response values for their own tests need
    // it (models are `#[non_exhaustive]`). Setters and `Validate` only where the type may be
    // sent (the surface leaves out the setters of the others); fields are public for the rest.
    let builder = builder(ctx, t, s, ss);
    let validate = validate_impl(ctx, t, Some(ss));
    // With a map of unknown fields, serde's traits come from the runtime's `open_struct!`: the
    // derive's `flatten` buffers the whole object to decode it.
    let open_impls = ss.extra.as_ref().map(|extra| {
        let extra = ident(&extra.field);
        let entries = s.fields.iter().zip(&ss.fields).map(|(f, fs)| {
            let fname = ident(&fs.name);
            let wire = &f.wire;
            if fs.wrapper == Wrapper::Patch || !f.required {
                quote!(#fname: #wire = optional)
            } else if f.shape.nullable {
                quote!(#fname: #wire = default)
            } else {
                quote!(#fname: #wire)
            }
        });
        let received = serialize_gated(ctx, t).then(|| quote!(received));
        quote!(rt::open_struct!(#received #name { #(#entries),* } #extra);)
    });
    let derives = derives(ctx, t, struct_serde(ss));
    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #open_impls
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

fn builder(ctx: &Ctx<'_>, t: &TypeDef, s: &Struct, ss: &StructSurface) -> TokenStream {
    let name = ident(&t.name);
    let fields: Vec<(&Field, &FieldSurface)> = s.fields.iter().zip(&ss.fields).collect();
    let args: Vec<_> = fields.iter().filter(|(f, fs)| fs.is_new_arg(f)).collect();
    let params = args.iter().map(|(f, fs)| {
        let n = ident(&fs.name);
        let arg = if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
            let t = ctx.rust_type(&f.shape);
            quote!(Option<#t>)
        } else {
            setter_arg(ctx, &f.shape, &n).0
        };
        quote!(#n: #arg)
    });
    let inits = fields.iter().map(|(f, fs)| {
        let n = ident(&fs.name);
        if let Some(only) = &fs.fixed {
            let ty = ctx.rust_type(&f.shape);
            let v = ident(only);
            quote!(#n: #ty::#v,)
        } else if f.required {
            if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
                quote!(#n,)
            } else {
                let (_, conv) = setter_arg(ctx, &f.shape, &n);
                if fs.boxed {
                    quote!(#n: Box::new(#conv),)
                } else if n == conv.to_string() {
                    quote!(#n,)
                } else {
                    quote!(#n: #conv,)
                }
            }
        } else if fs.wrapper == Wrapper::Patch {
            quote!(#n: rt::Patch::Unchanged,)
        } else if matches!(f.shape.ty, Ty::Any) {
            quote!(#n: rt::Value::Null,)
        } else {
            quote!(#n: None,)
        }
    });
    let extra_init = ss.extra.as_ref().map(|e| {
        let e = ident(&e.field);
        quote!(#e: Default::default(),)
    });
    let fixed: Vec<String> = fields
        .iter()
        .filter(|(_, fs)| fs.fixed.is_some())
        .map(|(f, _)| format!("`{}`", f.wire))
        .collect();
    let mut new_doc = if args.is_empty() {
        format!(" A new `{}`. It has no required fields to pass.", t.name)
    } else {
        format!(
            " A new `{}`. Takes the required fields ({}); set optional ones with the setters.",
            t.name,
            args.iter()
                .map(|(f, _)| format!("`{}`", f.wire))
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
    let setters: Vec<TokenStream> = fields
        .iter()
        .filter_map(|(f, fs)| Some((f, fs, fs.setter.as_ref()?)))
        .map(|(f, fs, setter)| {
            let n = ident(&fs.name);
            let setter = ident(setter);
            let (arg, conv) = setter_arg(ctx, &f.shape, &value);
            let conv = if fs.boxed {
                quote!(Box::new(#conv))
            } else {
                conv
            };
            let first = f
                .doc
                .description
                .as_deref()
                .map(|d| format!(" {}", docs::first_sentence(d)))
                .unwrap_or_default();
            let constraints = docs::constraints(&f.shape);
            let constraints = if constraints.is_empty() {
                String::new()
            } else {
                format!(" ({})", constraints.join("; "))
            };
            let doc = format!(" Sets `{}`{constraints}.{first}", f.wire);
            let assigned = match fs.wrapper {
                Wrapper::Patch => quote!(rt::Patch::Set(#conv)),
                _ if matches!(f.shape.ty, Ty::Any) => conv,
                _ => quote!(Some(#conv)),
            };
            let clear = fs.clear.as_ref().map(|clear| {
                let clear = ident(clear);
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
    let extra_setter = ss.extra.as_ref().and_then(|e| {
        let m = ident(e.setter.as_ref()?);
        let field = ident(&e.field);
        let ty = &e.value;
        Some(quote! {
            /// Adds a property the spec does not declare (the schema allows additional properties).
            #[must_use]
            pub fn #m(mut self, key: impl Into<String>, value: impl Into<#ty>) -> Self {
                self.#field.insert(key.into(), value.into());
                self
            }
        })
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
