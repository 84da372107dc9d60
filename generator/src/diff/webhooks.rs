//! The webhooks: one decoder per webhook operation in the generated `webhooks` module, paired
//! by the webhook's name and HTTP method.

use super::rule::Rule;
use super::surface::View;
use super::Out;
use crate::ir::Webhook;
use crate::surface::RustType;

pub fn compare(old: &View<'_>, new: &View<'_>, out: &mut Out) {
    let key = |h: &Webhook| (h.name.clone(), h.method.as_str().to_owned());
    let payload = |h: &Webhook| RustType::nullable(&h.body.shape).short();
    for n in &new.webhooks {
        match old.webhooks.iter().find(|o| key(o) == key(n)) {
            None => out.push(
                Rule::WebhookAdded,
                &n.pointer,
                format!(
                    "new webhook `{}`: `webhooks::{}` decodes its `{}` payload",
                    n.name,
                    n.rust,
                    payload(n)
                ),
            ),
            Some(o) if payload(o) != payload(n) => out.push(
                Rule::WebhookPayloadChanged,
                &n.pointer,
                format!(
                    "`webhooks::{}` now returns `{}` (was `{}`)",
                    n.rust,
                    payload(n),
                    payload(o)
                ),
            ),
            Some(_) => {}
        }
    }
    for o in &old.webhooks {
        if !new.webhooks.iter().any(|n| key(n) == key(o)) {
            out.push(
                Rule::WebhookRemoved,
                &o.pointer,
                format!(
                    "webhook `{}` removed: `webhooks::{}` is gone",
                    o.name, o.rust
                ),
            );
        }
    }
}
