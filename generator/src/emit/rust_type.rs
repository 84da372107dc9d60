//! [`RustType`] as tokens, so that templates interpolate the surface's types directly.

use crate::surface::{Prim, RustType};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

impl ToTokens for RustType {
    fn to_tokens(&self, out: &mut TokenStream) {
        out.extend(tokens(self, &quote!()));
    }
}

/// A type whose references all carry the lifetime `'a` (`&'a str`, `Option<&'a T>`): a client
/// method's argument, borrowed by the future the method returns.
pub struct BorrowedForA<'t>(pub &'t RustType);

impl ToTokens for BorrowedForA<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        out.extend(tokens(self.0, &quote!('a)));
    }
}

/// `t` as tokens, each reference in it with `lifetime` (none when empty).
fn tokens(t: &RustType, lifetime: &TokenStream) -> TokenStream {
    let inner = |t: &RustType| tokens(t, lifetime);
    match t {
        RustType::Prim(Prim::Str) => quote!(&#lifetime str),
        RustType::Prim(p) => prim(*p),
        RustType::Named(n) => crate::ident::ident(n).into_token_stream(),
        RustType::Vec(t) => {
            let t = inner(t);
            quote!(Vec<#t>)
        }
        RustType::Map(t) => {
            let t = inner(t);
            quote!(std::collections::BTreeMap<String, #t>)
        }
        RustType::Option(t) => {
            let t = inner(t);
            quote!(Option<#t>)
        }
        RustType::Boxed(t) => {
            let t = inner(t);
            quote!(Box<#t>)
        }
        RustType::Patch(t) => {
            let t = inner(t);
            quote!(rt::Patch<#t>)
        }
        RustType::Ref(t) => {
            let t = inner(t);
            quote!(&#lifetime #t)
        }
        RustType::Slice(t) => {
            let t = inner(t);
            quote!(&#lifetime [#t])
        }
        RustType::Items(t) => {
            let t = inner(t);
            quote!(ItemStream<#t>)
        }
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

#[cfg(test)]
mod tests {
    use super::BorrowedForA;
    use crate::surface::{Prim, RustType};
    use quote::quote;

    #[test]
    fn every_reference_gets_the_lifetime() {
        let t = |ty: RustType| {
            let b = BorrowedForA(&ty);
            quote!(#b).to_string()
        };
        let named = || Box::new(RustType::Named("Pet".into()));
        assert_eq!(t(RustType::Prim(Prim::Str)), quote!(&'a str).to_string());
        assert_eq!(
            t(RustType::Option(Box::new(RustType::Ref(named())))),
            quote!(Option<&'a Pet>).to_string()
        );
        assert_eq!(
            t(RustType::Slice(Box::new(RustType::Prim(Prim::String)))),
            quote!(&'a [String]).to_string()
        );
        assert_eq!(t(RustType::Prim(Prim::I64)), quote!(i64).to_string());
        let plain = RustType::Ref(named());
        assert_eq!(quote!(#plain).to_string(), quote!(&Pet).to_string());
    }
}
