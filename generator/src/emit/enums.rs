//! Enums: string and integer enums (with `as_str`/`value`, `Display`, `FromStr`), and unions:
//! `oneOf` + discriminator as an internally tagged enum, `oneOf`/`anyOf` without one as an
//! untagged enum tried in order.

use super::derives::{derives, SerdeImpls};
use super::docs;
use super::validate::validate_impl;
use super::Ctx;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::UnionSurface;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

pub fn emit_enum(ctx: &Ctx<'_>, t: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&t.name);
    let type_name = &t.name;
    // Enums the server sends are open: a value the spec does not list decodes into `Unknown`.
    let open = t.in_response;
    let mut lines = docs::type_doc(ctx.api, t);
    if open {
        lines.insert(
            lines.len() - 1,
            "Open: a value this spec does not list decodes into `Unknown`, kept verbatim."
                .to_owned(),
        );
        lines.insert(lines.len() - 1, String::new());
    }
    let doc = docs::attrs(&lines);
    let n = proc_macro2::Literal::usize_unsuffixed(e.variants.len());
    let vnames: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let all = quote!(pub const ALL: [Self; #n] = [#(Self::#vnames),*];);
    let unknown_doc =
        " A value this version of the spec does not list, exactly as the server sent it.";
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
        let (derive, unknown_variant, unknown_arm, serde_de, constness) = if open {
            (
                quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]),
                quote!(#[doc = #unknown_doc] Unknown(rt::Unknown<i64>),),
                quote!(Self::Unknown(u) => *u.get(),),
                quote! {
                    impl rt::OpenEnum<i64> for #name {
                        fn known(v: &i64) -> Option<Self> { Self::from_value(*v) }
                        fn unknown(v: rt::Unknown<i64>) -> Self { Self::Unknown(v) }
                    }
                    impl<'de> serde::Deserialize<'de> for #name {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                            rt::deserialize_open::<D, i64, Self>(d)
                        }
                    }
                },
                quote!(),
            )
        } else {
            (
                quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]),
                quote!(),
                quote!(),
                quote! {
                    impl<'de> serde::Deserialize<'de> for #name {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                            let v = <i64 as serde::Deserialize>::deserialize(d)?;
                            Self::from_value(v).ok_or_else(|| <D::Error as serde::de::Error>::custom(format!(#msg)))
                        }
                    }
                },
                quote!(const),
            )
        };
        return quote! {
            #doc
            #derive
            pub enum #name { #( #[doc = #docs] #vnames, )* #unknown_variant }

            impl #name {
                /// Every value the spec lists, in spec order.
                #all
                /// The wire value.
                pub #constness fn value(&self) -> i64 { match self { #(Self::#vnames => #values,)* #unknown_arm } }
                /// The variant for a value the spec lists.
                pub const fn from_value(v: i64) -> Option<Self> { match v { #(#values => Some(Self::#vnames),)* _ => None } }
            }
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{}", self.value()) }
            }
            impl std::str::FromStr for #name {
                type Err = rt::UnknownValue;
                /// Parses a value the spec lists; anything else is an error.
                fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                    s.trim().parse::<i64>().ok().and_then(Self::from_value)
                        .ok_or_else(|| rt::UnknownValue { type_name: #type_name, value: s.to_owned() })
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> { s.serialize_i64(self.value()) }
            }
            #serde_de
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
    let vdocs: Vec<String> = values.iter().map(|v| format!(" `{v}`")).collect();
    // `rt::str_enum!` gives it `ALL`, `as_str` (and `is_unknown`) and the trait impls, from
    // the table of variants and wire values.
    let table = quote!(#name { #(#vnames: #values),* });
    if open {
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #name {
                #( #[doc = #vdocs] #vnames, )*
                #[doc = #unknown_doc]
                Unknown(rt::Unknown<String>),
            }
            rt::str_enum!(#table, Unknown);
        };
    }
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name { #( #[doc = #vdocs] #vnames, )* }
        rt::str_enum!(#table);
    }
}

pub fn emit_tagged(ctx: &Ctx<'_>, t: &TypeDef, u: &Tagged, us: &UnionSurface) -> TokenStream {
    let name = ident(&t.name);
    let doc = docs::attrs(&docs::type_doc(ctx.api, t));
    let tag = &u.tag;
    let vnames: Vec<_> = u.variants.iter().map(|v| ident(&v.rust)).collect();
    let values: Vec<&String> = u.variants.iter().map(|v| &v.value).collect();
    let variants = u.variants.iter().zip(&us.variants).map(|(v, vs)| {
        let vn = ident(&v.rust);
        let ty = &vs.ty;
        let value = &v.value;
        let d = format!(" `{tag}: {value}`; the other fields are in [`{}`].", v.ty);
        quote! { #[doc = #d] #[serde(rename = #value)] #vn(#ty), }
    });
    let accessor = ident(us.accessor.as_deref().unwrap_or("tag"));
    let accessor_doc = format!(" The discriminator `{tag}` of this value, as sent on the wire.");
    // `From` only where a struct is the payload of exactly one variant.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    u.variants
        .iter()
        .for_each(|v| *count.entry(&v.ty).or_default() += 1);
    let froms = u
        .variants
        .iter()
        .zip(&us.variants)
        .filter(|(v, _)| count[v.ty.as_str()] == 1)
        .map(|(v, vs)| {
            let vn = ident(&v.rust);
            let ty = ident(&v.ty);
            let wrap = if vs.boxed {
                quote!(Box::new(v))
            } else {
                quote!(v)
            };
            quote! { impl From<#ty> for #name { fn from(v: #ty) -> Self { Self::#vn(#wrap) } } }
        });
    let validate = validate_impl(ctx, t, None);
    let derives = derives(ctx, t, SerdeImpls::Derived);
    quote! {
        #doc
        #derives
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

pub fn emit_untagged(ctx: &Ctx<'_>, t: &TypeDef, u: &Untagged, us: &UnionSurface) -> TokenStream {
    let name = ident(&t.name);
    let mut lines = docs::type_doc(ctx.api, t);
    lines.insert(
        lines.len() - 1,
        "Decoded by trying each variant in order.".to_owned(),
    );
    lines.insert(lines.len() - 1, String::new());
    let doc = docs::attrs(&lines);
    let variants = u.variants.iter().zip(&us.variants).map(|(v, vs)| {
        let vn = ident(&v.rust);
        let ty = &vs.ty;
        let d = docs::attrs(&docs::field_doc(&v.doc, &v.shape, true)[..]);
        quote! { #d #vn(#ty), }
    });
    // A response value matching no variant is kept, not a decoding failure.
    let fallback = us.fallback.as_ref().map(|other| {
        let other = ident(other);
        quote! {
            /// A value matching none of the variants the spec lists, kept as received.
            #other(rt::Value),
        }
    });
    let types: Vec<String> = u
        .variants
        .iter()
        .map(|v| ctx.rust_type_nullable(&v.shape).to_string())
        .collect();
    let has_named = u
        .variants
        .iter()
        .any(|v| matches!(v.shape.ty, Ty::Named(_)));
    let froms = u.variants.iter().zip(&us.variants).zip(&types).filter(|(_, ty)| types.iter().filter(|t| t == ty).count() == 1).filter_map(|((v, vs), _)| {
        let vn = ident(&v.rust);
        let ty = ctx.rust_type_nullable(&v.shape);
        let wrap = if vs.boxed { quote!(Box::new(v)) } else { quote!(v) };
        match &v.shape.ty {
            _ if v.shape.nullable => None,
            Ty::Named(_) | Ty::Object | Ty::Array(_) | Ty::Map(_) | Ty::Number | Ty::Boolean | Ty::Integer { .. } => {
                Some(quote! { impl From<#ty> for #name { fn from(v: #ty) -> Self { Self::#vn(#wrap) } } })
            }
            // A plain string converts only when no variant is a string enum, or "office" could
            // silently become the free-form variant.
            Ty::String if !has_named => Some(quote! {
                impl From<String> for #name { fn from(v: String) -> Self { Self::#vn(v) } }
                impl From<&str> for #name { fn from(v: &str) -> Self { Self::#vn(v.to_owned()) } }
            }),
            _ => None,
        }
    });
    let validate = validate_impl(ctx, t, None);
    let derives = derives(ctx, t, SerdeImpls::Derived);
    quote! {
        #doc
        #derives
        #[serde(untagged)]
        pub enum #name { #(#variants)* #fallback }
        #(#froms)*
        #validate
    }
}
