//! Mistakes real 3.1 specs make that JSON Schema reads one way and the 3.0 model cannot read
//! at all: each is read as the validator reads it, with a warning that names the keyword and
//! the fix, so the rest of the spec still generates.

use super::{At, Rewrite};
use serde_yaml::{Mapping, Value};

/// A property whose schema is `false` (no value is valid, so the property may never be sent):
/// left out of the object. Most often it is `additionalProperties: false` written under
/// `properties` by mistake (the corpus's Codat and Vercel specs).
pub(super) fn false_properties(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    let Some(Value::Mapping(props)) = map.get_mut("properties") else {
        return;
    };
    let base = at.key("properties");
    props.retain(|name, schema| {
        if *schema != Value::Bool(false) {
            return true;
        }
        let name = name.as_str().unwrap_or_default();
        rw.sink.warning(
            &base.key(name).build(),
            format!("property `{name}` has the schema `false`: no value is valid, so it is left out of the type"),
            Some(if name == "additionalProperties" {
                "`additionalProperties: false` belongs beside `properties`, on the object schema: move it there".to_owned()
            } else {
                format!("remove `{name}` from `properties`, or give it a schema")
            }),
        );
        false
    });
}

/// A `type` that is neither a type name nor a list of them (a schema written where its name
/// was meant: `itemType: {type: {enum: [...]}}`): dropped, so the schema allows any value.
pub(super) fn invalid_type(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    let valid = match map.get("type") {
        None | Some(Value::String(_)) => true,
        Some(Value::Sequence(ts)) => ts.iter().all(Value::is_string),
        Some(_) => false,
    };
    if valid {
        return;
    }
    map.remove("type");
    rw.sink.warning(
        &at.key("type").build(),
        "`type` must be a type name or a list of them; this one is ignored, so the value may be any JSON",
        Some("if the map is the schema itself, put its keywords in place of `type: {...}`; if it describes a property named `type`, move it under `properties`".to_owned()),
    );
}
