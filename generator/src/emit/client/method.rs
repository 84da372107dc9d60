//! One operation's method: its signature, then validation, the request and the call.

use super::{checks, method_docs, request, stream};
use crate::emit::rust_type::BorrowedForA;
use crate::emit::Ctx;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::{OperationSurface, RustType};
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

pub fn operation(ctx: &Ctx<'_>, op: &Operation, os: &OperationSurface) -> TokenStream {
    let bare = crate::ident::bare;
    // The streamed form's media type and `itemSchema` pointer, for both pairs' docs.
    let streamed = op
        .streamed
        .as_ref()
        .zip(os.streamed.as_ref())
        .map(|(st, s)| {
            let media = st.response.media_type.as_deref().unwrap_or_default();
            (media, st.item_pointer.as_str(), s)
        });
    let see_streamed = streamed.map(|(media, _, s)| {
        vec![
            String::new(),
            format!(
                "The response is offered as `{media}` too: [`Client::{}`] returns its items as they arrive.",
                bare(&s.method)
            ),
        ]
    });
    let names = Pair {
        method: &os.method,
        with_response: &os.with_response,
        returns: &os.returns,
    };
    let main = pair(ctx, op, os, names, see_streamed);
    let streamed = streamed.zip(op.as_streamed()).map(|((media, item, s), sop)| {
        let intro = vec![
            String::new(),
            format!(
                "[`Client::{}`] with `Accept: {media}`: the response's items (`{}#{item}`) as they arrive.",
                bare(&os.method),
                ctx.api.source
            ),
            "The server decides from the request whether to stream: set any flag the API asks for"
                .to_owned(),
            "(a `stream: true` in the body, a query parameter) yourself; this method only changes"
                .to_owned(),
            "the `Accept` header.".to_owned(),
        ];
        let names = Pair {
            method: &s.method,
            with_response: &s.with_response,
            returns: &s.returns,
        };
        pair(ctx, &sop, os, names, Some(intro))
    });
    let stream = op
        .pagination
        .as_ref()
        .zip(os.stream.as_ref())
        .map(|(p, stream)| stream::stream_method(op, os, p, stream));
    quote! {
        #main
        #stream
        #streamed
    }
}

/// The names and return type of a method and its `*_with_response` companion.
#[derive(Clone, Copy)]
struct Pair<'s> {
    method: &'s str,
    with_response: &'s str,
    returns: &'s RustType,
}

/// A method returning the body and its `*_with_response` companion, sending `op` (the
/// arguments are `os`'s); `extra_doc` lines follow the method doc's first paragraphs.
fn pair(
    ctx: &Ctx<'_>,
    op: &Operation,
    os: &OperationSurface,
    names: Pair<'_>,
    extra_doc: Option<Vec<String>>,
) -> TokenStream {
    let name = ident(names.method);
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
    let ret = names.returns;
    let with_response = ident(names.with_response);
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
    let doc = method_docs::method_docs(
        ctx,
        op,
        !validation.is_empty(),
        &extra_doc.unwrap_or_default(),
    );
    let with_response_doc = crate::emit::docs::attrs(&[
        format!(
            "[`Client::{}`], with the response's status, headers and request id: an",
            crate::ident::bare(names.method)
        ),
        "[`rt::Response`] that derefs to the body (`.into_inner()` takes it out).".to_owned(),
        String::new(),
        "# Errors".to_owned(),
        format!("As [`Client::{}`].", crate::ident::bare(names.method)),
    ]);
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the spec")]));
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
