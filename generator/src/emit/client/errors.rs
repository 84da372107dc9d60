//! `Error`, `ApiError` and `Result` for the API, and the error body's `ErrorSummary`.

use crate::emit::Ctx;
use crate::ident::ident;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `Error`, `ApiError` and `Result` for this API, with the vendor's error body type, and its
/// `ErrorSummary` for `Display`.
pub fn emit_error_types(ctx: &Ctx<'_>) -> TokenStream {
    let (body, summary) = match ctx.api.error_type.as_deref().and_then(|n| ctx.types.get(n)) {
        Some(t) => {
            let n = ident(&t.name);
            (quote!(#n), error_summary(ctx, t))
        }
        None => (quote!(rt::Value), quote!()),
    };
    let error_doc = match &ctx.api.error_type {
        Some(n) => format!(" Everything a call can fail with; `Api` errors carry the decoded [`{n}`] when the spec documents it for the status."),
        None => " Everything a call can fail with.".to_owned(),
    };
    // Only a module with a streamed response has the alias (the others stay as they were).
    let items = ctx
        .api
        .operations
        .iter()
        .any(|op| op.success.stream.is_some() || op.streamed.is_some())
        .then(|| {
            quote! {
                /// The items of a streamed response (`text/event-stream`, JSON lines, JSON text
                /// sequences), each decoded as it arrives: a `Stream` of `Result<T>`. See
                /// [`rt::ItemStream`] for what each item, and the end of the stream, can be.
                pub type ItemStream<T> = rt::ItemStream<T, #body>;
            }
        });
    quote! {
        #[doc = #error_doc]
        pub type Error = rt::Error<#body>;
        #items
        /// A non-2xx response: status, headers, request id, raw body, and the decoded error body.
        pub type ApiError = rt::ApiError<#body>;
        /// The result of every call of this API's [`Client`].
        pub type Result<T, E = Error> = std::result::Result<T, E>;
        #summary
    }
}

/// `impl rt::ErrorSummary`: `code: message` from the error body's `message`/`code` strings,
/// directly or under an `error` object; a string `error` counts as the message.
fn error_summary(ctx: &Ctx<'_>, t: &TypeDef) -> TokenStream {
    let TypeKind::Struct(s) = &t.kind else {
        return quote!();
    };
    let name = ident(&t.name);
    fn string_field(base: TokenStream, s: &Struct, wire: &str) -> Option<TokenStream> {
        let f = s
            .fields
            .iter()
            .find(|f| f.wire == wire && matches!(f.shape.ty, Ty::String))?;
        let n = ident(&f.rust);
        Some(if f.is_option() {
            quote!(#base.#n.as_deref())
        } else {
            quote!(Some(#base.#n.as_str()))
        })
    }
    let mut message = string_field(quote!(self), s, "message");
    let mut code = string_field(quote!(self), s, "code");
    if message.is_none() {
        message = string_field(quote!(self), s, "error");
    }
    if let Some(f) = s.fields.iter().find(|f| f.wire == "error") {
        if let Ty::Named(inner) = &f.shape.ty {
            if let Some(TypeKind::Struct(is)) = ctx.types.get(inner.as_str()).map(|t| &t.kind) {
                let n = ident(&f.rust);
                // `Some(self.error.code.as_str())`, or through `and_then` when `error` is optional.
                let nested = |wire: &str| {
                    if f.is_option() {
                        string_field(quote!(e), is, wire)
                            .map(|e| quote!(self.#n.as_ref().and_then(|e| #e)))
                    } else {
                        string_field(quote!(self.#n), is, wire)
                    }
                };
                message = message.or_else(|| nested("message"));
                code = code.or_else(|| nested("code"));
            }
        }
    }
    let message = message.unwrap_or_else(|| quote!(None::<&str>));
    let code = code.unwrap_or_else(|| quote!(None::<&str>));
    quote! {
        impl rt::ErrorSummary for #name {
            fn summary(&self) -> Option<String> {
                let code = #code;
                let message = #message;
                match (code, message) {
                    (Some(c), Some(m)) => Some(format!("{c}: {m}")),
                    (None, Some(m)) => Some(m.to_owned()),
                    (Some(c), None) => Some(c.to_owned()),
                    (None, None) => None,
                }
            }
        }
    }
}
