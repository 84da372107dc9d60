//! One operation's method: its signature, then validation, the request and the call.

use super::{checks, method_docs, request, stream};
use crate::emit::Ctx;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::OperationSurface;
use proc_macro2::TokenStream;
use quote::quote;

pub fn operation(ctx: &Ctx<'_>, op: &Operation, os: &OperationSurface) -> TokenStream {
    let name = ident(&os.method);
    let args = os.args.iter().map(|(n, t)| {
        let n = ident(n);
        quote!(#n: #t)
    });
    let ret = &os.returns;
    let with_response = ident(&os.with_response);
    let arg_names = os.args.iter().map(|(n, _)| ident(n));
    let args_again = args.clone();
    let validation = checks::input_checks(ctx, op);
    let query = request::query(ctx, op);
    let call = request::call(ctx, op);
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
        pub async fn #name(&self, #(#args),*) -> Result<#ret> {
            self.#with_response(#(#arg_names),*).await.map(rt::Response::into_inner)
        }
        #with_response_doc
        #deprecated
        pub async fn #with_response(&self, #(#args_again),*) -> Result<rt::Response<#ret>> {
            #validation
            #query
            #call
        }
        #stream
    }
}
