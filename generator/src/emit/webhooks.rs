//! The `webhooks` module: for each webhook operation (OpenAPI 3.1 `webhooks`, the requests the
//! API sends to your server), a function that decodes an incoming body into its payload type
//! and checks the spec's constraints on it, as the OpenAI and Stripe SDKs unwrap their events.

use super::docs;
use super::Ctx;
use crate::ident::ident;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `pub mod webhooks { ... }` (behind the feature `webhooks` in a module with per-tag
/// features), or nothing when the spec has no webhook with a JSON body.
pub fn emit_webhooks(ctx: &Ctx<'_>) -> TokenStream {
    let hooks = &ctx.api.webhooks;
    if hooks.is_empty() {
        return TokenStream::new();
    }
    let functions = hooks.iter().map(|h| decoder(ctx, h));
    let list = hooks
        .iter()
        .map(|h| format!("- [`{}`]: `{}` `{}`", h.rust, h.name, h.method.as_str()))
        .collect::<Vec<_>>();
    let mut lines = vec![
        "Webhooks: the requests the API sends to your server (`webhooks` in the spec). Each"
            .to_owned(),
        "function takes a request's body, as received, and returns its payload decoded and"
            .to_owned(),
        "checked against the spec, or a [`rt::WebhookError`] saying where it is not.".to_owned(),
        String::new(),
        "They read only the body: check the request's signature, as the API's docs describe,"
            .to_owned(),
        "before trusting it.".to_owned(),
        String::new(),
    ];
    lines.extend(list);
    let doc = docs::inner_attrs(&lines);
    let gate = ctx
        .surface
        .features
        .as_ref()
        .map(|_| super::features::cfg(&[crate::surface::features::WEBHOOKS.to_owned()]));
    quote! {
        #gate
        pub mod webhooks {
            #doc
            #[allow(unused_imports)]
            use super::*;
            #(#functions)*
        }
    }
}

/// One webhook operation's decoder.
fn decoder(ctx: &Ctx<'_>, h: &Webhook) -> TokenStream {
    let api = ctx.api;
    let name = ident(&h.rust);
    let webhook = &h.name;
    let shape = &h.body.shape;
    let ty = ctx.rust_type_nullable(shape);
    let mut lines = docs::summary_and_description(h.summary.as_deref(), h.description.as_deref());
    let id =
        h.id.as_ref()
            .map(|id| format!(" (operationId `{id}`)"))
            .unwrap_or_default();
    lines.push(format!(
        "Decodes the body of the `{webhook}` webhook: the `{}` request{id} the API sends, with its `{}` body; from `{}#{}`.",
        h.method.as_str(),
        h.body.media_type,
        api.source,
        h.pointer
    ));
    if let Some(d) = &h.body.description {
        lines.push(String::new());
        lines.push(format!(
            "The body: {}",
            docs::sanitize(d).replace('\n', " ")
        ));
    }
    lines.push(String::new());
    lines.push("# Errors".to_owned());
    lines.push("- [`rt::WebhookError::Decode`] when the body is not JSON or not the payload, with the JSON path.".to_owned());
    // What the API sends is decoded, not validated (as a response is): a payload breaking a
    // constraint of the spec is still the API's payload.
    let doc = docs::attrs(&lines);
    let deprecated = h.deprecated.then(|| quote!(#[deprecated]));
    let body = quote!(rt::decode_webhook(#webhook, body));
    quote! {
        #doc
        #deprecated
        pub fn #name(body: &[u8]) -> Result<#ty, rt::WebhookError> {
            #body
        }
    }
}
