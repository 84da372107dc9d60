//! [`RustType`] as tokens, so that templates interpolate the surface's types directly.

use crate::surface::{Prim, RustType};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

impl ToTokens for RustType {
    fn to_tokens(&self, out: &mut TokenStream) {
        out.extend(match self {
            RustType::Prim(p) => prim(*p),
            RustType::Named(n) => crate::ident::ident(n).into_token_stream(),
            RustType::Vec(t) => quote!(Vec<#t>),
            RustType::Map(t) => quote!(std::collections::BTreeMap<String, #t>),
            RustType::Option(t) => quote!(Option<#t>),
            RustType::Boxed(t) => quote!(Box<#t>),
            RustType::Patch(t) => quote!(rt::Patch<#t>),
            RustType::Ref(t) => quote!(&#t),
            RustType::Slice(t) => quote!(&[#t]),
            RustType::Items(t) => quote!(ItemStream<#t>),
        });
    }
}

fn prim(p: Prim) -> TokenStream {
    match p {
        Prim::String => quote!(String),
        Prim::DateTime => quote!(rt::DateTime),
        Prim::Date => quote!(rt::Date),
        Prim::I32 => quote!(i32),
        Prim::I64 => quote!(i64),
        Prim::F64 => quote!(f64),
        Prim::Bool => quote!(bool),
        Prim::Value => quote!(rt::Value),
        Prim::Object => quote!(rt::Map),
        Prim::Bytes => quote!(rt::Bytes),
        Prim::Part => quote!(rt::Part),
        Prim::U8 => quote!(u8),
        Prim::Unit => quote!(()),
        Prim::Str => quote!(&str),
    }
}
