//! OpenAPI 3.1 `webhooks`, which the 3.0 model has no field for: moved to the root's
//! `x-webhooks` (the extension Redoc reads in 3.0 specs, with the same shape), where `lower`
//! reads them.

use super::Rewrite;
use serde_yaml::Mapping;

/// The extension they are moved to.
const KEY: &str = "x-webhooks";

/// Moves `webhooks` to [`KEY`], recording the move (and re-basing the moves already recorded
/// inside it, such as path items from `components/pathItems`, and its `$defs` entries).
pub(super) fn move_webhooks(root: &mut Mapping, rw: &mut Rewrite) {
    let Some(hooks) = root.remove("webhooks") else {
        return;
    };
    root.insert(KEY.into(), hooks);
    let to = format!("/{KEY}");
    rw.rebase("/webhooks", &to);
    rw.moved.push((to, "/webhooks".to_owned()));
}
