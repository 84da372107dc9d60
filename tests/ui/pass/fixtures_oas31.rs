//! The OpenAPI 3.1 fixtures' generated modules compile, and their 2020-12 keywords behave as a
//! 3.0 author's equivalents do at run time.
#![allow(dead_code)]

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/oas31_type_arrays.rs"]
mod type_arrays;
#[path = "../../fixtures/generated/oas31_const.rs"]
mod constant;
#[path = "../../fixtures/generated/oas31_examples.rs"]
mod examples;
#[path = "../../fixtures/generated/oas31_exclusive_bounds.rs"]
mod exclusive_bounds;
#[path = "../../fixtures/generated/oas31_ref_siblings.rs"]
mod ref_siblings;
#[path = "../../fixtures/generated/oas31_defs.rs"]
mod defs;
#[path = "../../fixtures/generated/oas31_prefix_items.rs"]
mod prefix_items;
#[path = "../../fixtures/generated/oas31_dependent_required.rs"]
mod dependent_required;
#[path = "../../fixtures/generated/oas31_content.rs"]
mod content;
#[path = "../../fixtures/generated/oas31_unevaluated_properties.rs"]
mod unevaluated_properties;
#[path = "../../fixtures/generated/oas31_pattern_properties.rs"]
mod pattern_properties;

use runtime::Validate as _;
use serde_json::json;

fn paths(e: runtime::ValidationError) -> Vec<String> {
    e.violations().iter().map(|v| v.path.clone()).collect()
}

/// `type: [T, "null"]` is an `Option`, required or not; `type: [string, integer]` a union;
/// `anyOf: [$ref, {type: null}]` an optional `Owner`.
fn type_arrays() {
    use type_arrays::{Owner, Thing, ThingId};
    let t: Thing = serde_json::from_value(json!({"name": "n", "nickname": null, "age": null, "id": 7, "owner": null})).unwrap();
    assert_eq!((t.nickname, t.age, t.owner), (None, None, None));
    assert_eq!(t.id, Some(ThingId::Integer(7)));
    let t: Thing = serde_json::from_value(json!({"name": "n", "nickname": "nick", "id": "x"})).unwrap();
    assert_eq!(t.nickname.as_deref(), Some("nick"));
    assert_eq!(t.id, Some(ThingId::String("x".into())));
    let sent = Thing::new("n", None).id("").owner(Owner::new().name("o"));
    assert_eq!(serde_json::to_value(&sent).unwrap(), json!({"name": "n", "nickname": null, "id": "", "owner": {"name": "o"}}));
    assert_eq!(paths(sent.validate().unwrap_err()), ["id"], "minLength applies to the string member");
    assert_eq!(paths(Thing::new("n", None).id(0).age(-1).validate().unwrap_err()), ["age", "id"]);
}

/// `const` is a one-value enum, filled in by the constructor.
fn constant() {
    use constant::{Thing, ThingKind, ThingVersion};
    let t = Thing::new().version(ThingVersion::V2);
    assert_eq!(t.kind, ThingKind::Created);
    assert_eq!(serde_json::to_value(&t).unwrap(), json!({"kind": "created", "version": 2}));
}

/// Numeric `exclusiveMinimum`/`exclusiveMaximum` exclude the bound itself.
fn exclusive_bounds() {
    use exclusive_bounds::Thing;
    assert!(Thing::new(0.5).count(10).validate().is_ok());
    assert_eq!(paths(Thing::new(0.0).count(0).validate().unwrap_err()), ["ratio", "count"]);
    assert_eq!(paths(Thing::new(1.0).validate().unwrap_err()), ["ratio"]);
}

/// A `$ref` with a sibling `description` is the referenced type.
fn ref_siblings() {
    use ref_siblings::{Owner, Thing};
    let t = Thing::new(Owner::new().name("ada")).previous(Owner::new());
    assert_eq!(serde_json::to_value(&t).unwrap(), json!({"owner": {"name": "ada"}, "previous": {}}));
}

/// A `$defs` entry is a named type of its own.
fn defs() {
    use defs::{Line, Thing};
    let t = Thing::new([Line::new("sku-1").quantity(0)]);
    assert_eq!(paths(t.validate().unwrap_err()), ["lines[0].quantity"]);
}

/// A tuple of one type is a `Vec` of it, with the tuple's length as `maxItems`.
fn prefix_items() {
    use prefix_items::Thing;
    assert!(Thing::new().point([1.0, 2.0]).validate().is_ok());
    assert_eq!(paths(Thing::new().point([1.0, 2.0, 3.0]).validate().unwrap_err()), ["point"]);
    let t: Thing = serde_json::from_value(json!({"pair": ["a", 1]})).unwrap();
    assert_eq!(t.pair, Some(vec![json!("a"), json!(1)]));
}

/// `contentEncoding: base64` is checked as base64 text.
fn content() {
    use content::Thing;
    assert!(Thing::new().avatar("aGk=").settings("{}").validate().is_ok());
    assert_eq!(paths(Thing::new().avatar("not base64!").validate().unwrap_err()), ["avatar"]);
}

/// `unevaluatedProperties`/`patternProperties` with a schema type the extra entries.
fn maps() {
    let labels = unevaluated_properties::Labels::new().name("n").with_extra("colour", "red");
    assert_eq!(serde_json::to_value(&labels).unwrap(), json!({"name": "n", "colour": "red"}));
    let t: pattern_properties::Thing = serde_json::from_value(json!({"name": "n", "x-a": "b"})).unwrap();
    assert_eq!(t.extra.get("x-a").map(String::as_str), Some("b"));
}

/// `dependentRequired`: a card without its billing address and security code is refused, each
/// missing property at its own path; with them, or without a card, the thing is valid.
fn dependent_required() {
    use dependent_required::Thing;
    let e = Thing::new("n").card("4242").validate().unwrap_err();
    assert_eq!(paths(e.clone()), ["billing_address", "cvc"]);
    assert_eq!(
        e.violations()[0].to_string(),
        "billing_address: is required when `card` is present (dependentRequired)"
    );
    assert_eq!(paths(Thing::new("n").card("4242").cvc("1").validate().unwrap_err()), ["billing_address"]);
    Thing::new("n").card("4242").cvc("1").billing_address("a").validate().unwrap();
    Thing::new("n").nickname("x").cvc("1").validate().unwrap();
}

/// `dependentRequired` in `allOf` members: the merged struct checks the referenced member's
/// (a phone needs its country) and the inline member's, which names the referenced member's
/// `phone` (a card needs a billing address and a phone), every violation at its own path.
fn dependent_required_in_all_of() {
    use dependent_required::Payment;
    let e = Payment::new(5).card("4242").validate().unwrap_err();
    assert_eq!(paths(e.clone()), ["billing_address", "phone"]);
    assert_eq!(
        e.violations()[1].to_string(),
        "phone: is required when `card` is present (dependentRequired)"
    );
    let e = Payment::new(5).card("4242").billing_address("a").phone("1").validate().unwrap_err();
    assert_eq!(paths(e), ["phone_country"]);
    Payment::new(5).card("4242").billing_address("a").phone("1").phone_country("GB").validate().unwrap();
    Payment::new(5).validate().unwrap();
}

fn main() {
    type_arrays();
    constant();
    exclusive_bounds();
    ref_siblings();
    defs();
    prefix_items();
    content();
    maps();
    dependent_required();
    dependent_required_in_all_of();
    let _ = examples::Thing::new("Ada");
}
