//! Enums: string and integer enums (with `as_str`/`value`, `Display`, `FromStr`), and unions:
//! `oneOf` + discriminator as an internally tagged enum, `oneOf`/`anyOf` without one as an
//! untagged enum tried in order.

use super::docs;
use super::validate::validate_impl;
use super::Ctx;
use crate::ident::{ident, value_name};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

pub fn emit_enum(ctx: &Ctx<'_>, t: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&t.name);
    let type_name = &t.name;
    let doc = docs::attrs(&docs::type_doc(ctx.api, t));
    let n = proc_macro2::Literal::usize_unsuffixed(e.variants.len());
    let vnames: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let all = quote!(pub const ALL: [Self; #n] = [#(Self::#vnames),*];);
    if e.integer {
        let values: Vec<i64> = e
            .variants
            .iter()
            .map(|v| {
                if let EnumValue::Int(i) = v.value {
                    i
                } else {
                    0
                }
            })
            .collect();
        let docs = values.iter().map(|v| format!(" `{v}`"));
        let expected = values
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let msg = format!("{{v}} is not a valid {type_name} (expected one of {expected})");
        return quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #name { #( #[doc = #docs] #vnames, )* }

            impl #name {
                /// Every value, in spec order.
                #all
                /// The wire value.
                pub const fn value(self) -> i64 { match self { #(Self::#vnames => #values,)* } }
                /// The variant for a wire value, if it is one of the documented values.
                pub const fn from_value(v: i64) -> Option<Self> { match v { #(#values => Some(Self::#vnames),)* _ => None } }
            }
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{}", self.value()) }
            }
            impl std::str::FromStr for #name {
                type Err = rt::UnknownValue;
                fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                    s.trim().parse::<i64>().ok().and_then(Self::from_value)
                        .ok_or_else(|| rt::UnknownValue { type_name: #type_name, value: s.to_owned() })
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> { s.serialize_i64(self.value()) }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                    let v = <i64 as serde::Deserialize>::deserialize(d)?;
                    Self::from_value(v).ok_or_else(|| <D::Error as serde::de::Error>::custom(format!(#msg)))
                }
            }
        };
    }
    let values: Vec<String> = e
        .variants
        .iter()
        .map(|v| {
            if let EnumValue::Str(s) = &v.value {
                s.clone()
            } else {
                String::new()
            }
        })
        .collect();
    let vdocs = values.iter().map(|v| format!(" `{v}`"));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum #name { #( #[doc = #vdocs] #[serde(rename = #values)] #vnames, )* }

        impl #name {
            /// Every value, in spec order.
            #all
            /// The wire value.
            pub const fn as_str(self) -> &'static str { match self { #(Self::#vnames => #values,)* } }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
        impl std::str::FromStr for #name {
            type Err = rt::UnknownValue;
            fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                match s {
                    #(#values => Ok(Self::#vnames),)*
                    _ => Err(rt::UnknownValue { type_name: #type_name, value: s.to_owned() }),
                }
            }
        }
        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str { self.as_str() }
        }
    }
}

pub fn emit_tagged(ctx: &Ctx<'_>, t: &TypeDef, u: &Tagged) -> TokenStream {
    let name = ident(&t.name);
    let doc = docs::attrs(&docs::type_doc(ctx.api, t));
    let tag = &u.tag;
    let vnames: Vec<_> = u.variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<&String> = u.variants.iter().map(|v| &v.value).collect();
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let ty = ident(&v.ty);
        let value = &v.value;
        let d = format!(" `{tag}: {value}`; the other fields are in [`{}`].", v.ty);
        quote! { #[doc = #d] #[serde(rename = #value)] #vn(#ty), }
    });
    let accessor = ident(&value_name(tag));
    let accessor_doc = format!(" The discriminator `{tag}` of this value, as sent on the wire.");
    // `From` only where a struct is the payload of exactly one variant.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    u.variants
        .iter()
        .for_each(|v| *count.entry(&v.ty).or_default() += 1);
    let froms = u
        .variants
        .iter()
        .filter(|v| count[v.ty.as_str()] == 1)
        .map(|v| {
            let vn = ident(&v.rust);
            let ty = ident(&v.ty);
            quote! { impl From<#ty> for #name { fn from(v: #ty) -> Self { Self::#vn(v) } } }
        });
    let validate = validate_impl(ctx, t);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = #tag)]
        pub enum #name { #(#variants)* }

        impl #name {
            #[doc = #accessor_doc]
            pub const fn #accessor(&self) -> &'static str { match self { #(Self::#vnames(_) => #values,)* } }
        }
        #(#froms)*
        #validate
    }
}

pub fn emit_untagged(ctx: &Ctx<'_>, t: &TypeDef, u: &Untagged) -> TokenStream {
    let name = ident(&t.name);
    let mut lines = docs::type_doc(ctx.api, t);
    lines.insert(
        lines.len() - 1,
        "Decoded by trying each variant in order.".to_owned(),
    );
    lines.insert(lines.len() - 1, String::new());
    let doc = docs::attrs(&lines);
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let ty = ctx.rust_type_nullable(&v.shape);
        let d = docs::attrs(&docs::field_doc(&v.doc, &v.shape, true)[..]);
        quote! { #d #vn(#ty), }
    });
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    u.variants.iter().for_each(|v| {
        *count
            .entry(ctx.rust_type_nullable(&v.shape).to_string())
            .or_default() += 1
    });
    let froms = u
        .variants
        .iter()
        .filter(|v| {
            matches!(v.shape.ty, Ty::Named(_))
                && !v.shape.nullable
                && count[&ctx.rust_type(&v.shape).to_string()] == 1
        })
        .map(|v| {
            let vn = ident(&v.rust);
            let ty = ctx.rust_type(&v.shape);
            quote! { impl From<#ty> for #name { fn from(v: #ty) -> Self { Self::#vn(v) } } }
        });
    let validate = validate_impl(ctx, t);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name { #(#variants)* }
        #(#froms)*
        #validate
    }
}
