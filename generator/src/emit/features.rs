//! Per-tag cargo features: the `#[cfg(feature = ..)]` put on each item of a gated type and on
//! each method of a gated operation (see `surface::features`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{ParseStream, Parser};

/// `#[cfg(feature = "a")]` or `#[cfg(any(feature = "a", feature = "b"))]`.
pub fn cfg(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// Puts `cfg` on every item of `tokens` (module items: a type, its impls, its macro calls).
pub fn gate_items(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            let items = file.items.iter();
            quote!(#(#cfg #items)*)
        }
        // Emit's tokens always parse; render reports them if they do not.
        Err(_) => tokens,
    }
}

/// Puts `cfg` on every associated item of `tokens` (a client method and its stream).
pub fn gate_impl_items(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
    let parser = |input: ParseStream<'_>| {
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse::<syn::ImplItem>()?);
        }
        Ok(items)
    };
    match parser.parse2(tokens.clone()) {
        Ok(items) => quote!(#(#cfg #items)*),
        Err(_) => tokens,
    }
}
