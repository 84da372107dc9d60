//! OpenAPI 3.1 `webhooks` (which `load` moves to the root's `x-webhooks`, the extension Redoc
//! reads in 3.0 specs): the requests the API sends to its users. Each operation with a JSON
//! body becomes a [`Webhook`], whose body type the user's server decodes.

use super::super::Lowerer;
use crate::diag::join;
use crate::ident::{value_name, Namespace};
use crate::ir::*;
use openapiv3::{PathItem, ReferenceOr};

/// The extension holding the webhooks in the 3.0 model.
const KEY: &str = "x-webhooks";

impl<'a> Lowerer<'a> {
    /// Every webhook operation with a JSON body, in spec order; one without a body, or with a
    /// body that is not JSON, gets a warning (there is nothing to decode into a type).
    pub(in crate::lower) fn webhooks(&mut self) -> Vec<Webhook> {
        let doc = self.doc;
        let Some(hooks) = doc.extensions.get(KEY).and_then(|v| v.as_object()) else {
            return Vec::new();
        };
        let base = join("", KEY);
        let mut ns = Namespace::new();
        let mut out = Vec::new();
        // Extensions beside the webhooks (`x-sdk-exclude: true` in Apideck's `x-webhooks`)
        // are not webhooks.
        for (name, item) in hooks.iter().filter(|(k, _)| !k.starts_with("x-")) {
            let item_ptr = join(&base, name);
            let item = match serde_json::from_value::<ReferenceOr<PathItem>>(item.clone()) {
                Ok(item) => self.store.webhooks.alloc(item),
                Err(e) => {
                    self.sink.warning(
                        &item_ptr,
                        format!("webhook `{name}` is not a path item ({e}): no decoder is generated for it"),
                        Some("give it an operation per method, such as `post: {requestBody: ..., responses: ...}`".to_owned()),
                    );
                    continue;
                }
            };
            let Some(item) = self.resolve(&*item, &item_ptr) else {
                continue;
            };
            let standard: Vec<_> = item
                .iter()
                .map(|(key, op)| {
                    (
                        join(&item_ptr, key),
                        Method::from_name(&key.to_uppercase()),
                        op,
                    )
                })
                .collect();
            let several = standard.len()
                + item
                    .extensions
                    .get("x-additional-operations")
                    .map_or(0, |_| 1)
                > 1;
            let additional = self.additional_operations(item, &item_ptr);
            for (pointer, method, op) in standard.into_iter().chain(additional) {
                // Named after the webhook, or its operationId; with several methods, the method too.
                let id = match &op.operation_id {
                    Some(id) => id.clone(),
                    None if several => format!("{name}_{}", method.as_str().to_lowercase()),
                    None => name.clone(),
                };
                let body = op
                    .request_body
                    .as_ref()
                    .and_then(|b| self.body(b, &join(&pointer, "requestBody"), &id));
                let body = match body {
                    Some(b) if b.kind == BodyKind::Json => b,
                    Some(b) => {
                        self.sink.warning(
                            &join(&pointer, "requestBody"),
                            format!("webhook `{name}` sends `{}`, not JSON: no decoder is generated for it", b.media_type),
                            Some("read the body as bytes in your handler".to_owned()),
                        );
                        continue;
                    }
                    None => {
                        self.sink.warning(
                            &pointer,
                            format!("webhook `{name}` has no request body: no decoder is generated for it"),
                            Some("describe the payload under `requestBody` to get a type and a decoder".to_owned()),
                        );
                        continue;
                    }
                };
                out.push(Webhook {
                    name: name.clone(),
                    id: op.operation_id.clone(),
                    rust: ns.claim(value_name(&id)),
                    method,
                    pointer,
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    deprecated: op.deprecated,
                    body,
                });
            }
        }
        out
    }
}
