//! `dependentRequired` (JSON Schema 2020-12; `load` keeps a 3.1 document's as the extension
//! `x-dependent-required`, which a 3.0 author may write too): which properties must be present
//! while another one is, checked by the struct's `validate()`.

use super::Lowerer;
use crate::diag::join;
use crate::ir::Field;
use openapiv3::Schema;
use serde_json::Value;

/// The extension that holds the dependencies in the 3.0 model.
const KEY: &str = "x-dependent-required";

impl Lowerer<'_> {
    /// The dependencies the object schema at `pointer` states, by wire name, kept only where
    /// both sides are among `fields` (a name that is not a property gets a warning: the client
    /// cannot tell whether an undeclared key is present). Each dependent field's description
    /// says which property needs it.
    pub(super) fn dependent_required(
        &mut self,
        schema: &Schema,
        pointer: &str,
        fields: &mut [Field],
    ) -> Vec<(String, Vec<String>)> {
        let Some(deps) = schema.schema_data.extensions.get(KEY) else {
            return Vec::new();
        };
        let at = join(pointer, KEY);
        let Some(deps) = deps.as_object() else {
            self.sink.warning(
                &at,
                "`dependentRequired` must map property names to lists of property names; it is not checked",
                Some("write it as `dependentRequired: {card: [billing_address]}`".to_owned()),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (trigger, required) in deps {
            let names: Vec<&str> = required
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let missing: Vec<&str> = std::iter::once(trigger.as_str())
                .chain(names.iter().copied())
                .filter(|n| !fields.iter().any(|f| f.wire == *n))
                .collect();
            if !missing.is_empty() {
                self.sink.warning(
                    &join(&at, trigger),
                    format!(
                        "`dependentRequired` names {} that {} not among the properties; this dependency is not checked",
                        missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                        if missing.len() == 1 { "is" } else { "are" }
                    ),
                    Some("declare every name under `properties`".to_owned()),
                );
                continue;
            }
            // A property that is always present (required, or its own trigger) needs no check.
            let names: Vec<String> = names
                .into_iter()
                .filter(|n| *n != trigger && !fields.iter().any(|f| f.wire == *n && f.required))
                .map(str::to_owned)
                .collect();
            for f in fields.iter_mut().filter(|f| names.contains(&f.wire)) {
                let note = format!("Required when `{trigger}` is present (`dependentRequired`).");
                f.doc.description = Some(match f.doc.description.take() {
                    Some(d) => format!("{d}\n\n{note}"),
                    None => note,
                });
            }
            if !names.is_empty() {
                out.push((trigger.clone(), names));
            }
        }
        out
    }
}
