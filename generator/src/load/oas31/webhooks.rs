//! OpenAPI 3.1 `webhooks`, which the 3.0 model has no field for: moved to the root's
//! `x-webhooks` (the extension Redoc reads in 3.0 specs, with the same shape), where `lower`
//! reads them.

use super::Rewrite;
use serde_yaml::Mapping;

/// The extension they are moved to.
const KEY: &str = "x-webhooks";

/// Moves `webhooks` to [`KEY`], recording the move (and re-basing the moves already recorded
/// inside it, such as path items from `components/pathItems`).
pub(super) fn move_webhooks(root: &mut Mapping, rw: &mut Rewrite) {
    let Some(hooks) = root.remove("webhooks") else {
        return;
    };
    root.insert(KEY.into(), hooks);
    for (to, _) in &mut rw.moved {
        if let Some(rest) = to.strip_prefix("/webhooks/") {
            *to = format!("/{KEY}/{rest}");
        }
    }
    rw.moved.push((format!("/{KEY}"), "/webhooks".to_owned()));
}
