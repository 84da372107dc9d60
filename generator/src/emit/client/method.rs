//! One operation's method: its signature, then validation, the request and the call.

use super::{checks, method_docs, request, stream};
use crate::emit::rust_type::BorrowedForA;
use crate::emit::Ctx;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::OperationSurface;
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

pub fn operation(ctx: &Ctx<'_>, op: &Operation, os: &OperationSurface) -> TokenStream {
    let name = ident(&os.method);
    // Both methods borrow their arguments for the returned future's lifetime `'a`.
    let args_a: Vec<TokenStream> = os
        .args
        .iter()
        .map(|(n, t)| {
            let n = ident(n);
            let t = BorrowedForA(t);
            quote!(#n: #t)
        })
        .collect();
    let ret = &os.returns;
    let with_response = ident(&os.with_response);
    let arg_names = os.args.iter().map(|(n, _)| ident(n));
    let validation = checks::input_checks(ctx, op);
    let query = request::query(ctx, op);
    let (prepared, send) = request::call(ctx, op);
    // Checked and encoded when the method is called; the returned future only sends. A
    // preparation that can fail (`?`) runs in a closure, so that its error becomes the value.
    let steps = quote!(#validation #query #prepared);
    let fallible = has_try(steps.clone());
    let prepare = if fallible {
        quote!(let prepared = (|| -> Result<_> { #steps })();)
    } else {
        quote!(let prepared: Result<_> = { #steps };)
    };
    let doc = method_docs::method_docs(ctx, op, !validation.is_empty());
    let with_response_doc = crate::emit::docs::attrs(&[
        format!(
            "[`Client::{}`], with the response's status, headers and request id: an",
            crate::ident::bare(&os.method)
        ),
        "[`rt::Response`] that derefs to the body (`.into_inner()` takes it out).".to_owned(),
        String::new(),
        "# Errors".to_owned(),
        format!("As [`Client::{}`].", crate::ident::bare(&os.method)),
    ]);
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the spec")]));
    let stream = op
        .pagination
        .as_ref()
        .zip(os.stream.as_ref())
        .map(|(p, stream)| stream::stream_method(op, os, p, stream));
    quote! {
        #doc
        #deprecated
        pub fn #name<'a>(&'a self, #(#args_a),*) -> impl std::future::Future<Output = Result<#ret>> + 'a {
            rt::body_of(self.#with_response(#(#arg_names),*))
        }
        #with_response_doc
        #deprecated
        pub fn #with_response<'a>(&'a self, #(#args_a),*) -> impl std::future::Future<Output = Result<rt::Response<#ret>>> + 'a {
            #prepare
            #send
        }
        #stream
    }
}

/// Whether `tokens` use the `?` operator (outside string literals).
fn has_try(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|t| match t {
        TokenTree::Punct(p) => p.as_char() == '?',
        TokenTree::Group(g) => has_try(g.stream()),
        _ => false,
    })
}
