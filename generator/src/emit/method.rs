//! An operation's HTTP method as the expression the generated `rt::Call` holds.

use crate::ident::ident;
use crate::ir::Method;
use proc_macro2::TokenStream;
use quote::quote;

/// `rt::Method::GET` for the methods reqwest names; `rt::extension_method("QUERY")` for the
/// others (OpenAPI 3.2's `query` and `additionalOperations`; `lower` checked the name is an
/// HTTP token).
pub fn expr(method: &Method) -> TokenStream {
    match method {
        Method::Query | Method::Other(_) => {
            let name = method.as_str();
            quote!(rt::extension_method(#name))
        }
        standard => {
            let name = ident(standard.as_str());
            quote!(rt::Method::#name)
        }
    }
}
