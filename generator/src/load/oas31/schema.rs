//! JSON Schema 2020-12 schemas (OpenAPI 3.1/3.2) rewritten into OpenAPI 3.0 schemas: each
//! keyword becomes what a 3.0 author would write for the same values, or a located warning when
//! 3.0, and so the client, has no word for it.

use super::{At, Rewrite};
use crate::diag::join;
use serde_yaml::{Mapping, Value};

/// Keywords that cannot become Rust: the client neither models nor checks them.
pub(super) const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "if",
        "conditional subschemas (`if`/`then`/`else`) are not checked",
    ),
    ("dependentSchemas", "`dependentSchemas` is not checked"),
    ("contains", "`contains` is not checked"),
    ("propertyNames", "`propertyNames` is not checked"),
    ("unevaluatedItems", "`unevaluatedItems` is not checked"),
    (
        "$dynamicRef",
        "`$dynamicRef` is not followed: the value is any JSON value",
    ),
    (
        "contentSchema",
        "`contentSchema` is not applied: the value stays an encoded string",
    ),
];

/// Core keywords 3.0 has no use for: dropped.
pub(super) const DROPPED: [&str; 6] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$vocabulary",
];

/// Keywords that hold one subschema.
const ONE: &[&str] = &[
    "items",
    "not",
    "additionalProperties",
    "unevaluatedProperties",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "contentSchema",
    "unevaluatedItems",
];

/// Keywords that hold a map of subschemas.
const MAP: &[&str] = &[
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
    "definitions",
];

/// Keywords that hold a list of subschemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Keywords that apply to one JSON type only (moved into that type's member when a `type`
/// array names several).
const BY_TYPE: &[(&str, &[&str])] = &[
    (
        "string",
        &[
            "minLength",
            "maxLength",
            "pattern",
            "contentEncoding",
            "contentMediaType",
        ],
    ),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "array",
        &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
        ],
    ),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "unevaluatedProperties",
            "minProperties",
            "maxProperties",
            "dependentRequired",
        ],
    ),
];

/// Rewrites the schema `s` (at `pointer`) and every schema inside it.
pub(super) fn schema(s: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    if let Value::Bool(b) = s {
        // `true` allows anything, `false` nothing (`not: {}`).
        let mut map = Mapping::new();
        if !*b {
            map.insert("not".into(), Value::Mapping(Mapping::new()));
        }
        *s = Value::Mapping(map);
        return;
    }
    let Some(map) = s.as_mapping_mut() else {
        return;
    };
    // Most schemas are leaves that 3.0 reads as they are: one pass over the keys, with no
    // lookups, finds out (the lookups below were most of the rewrite's time).
    let (mut sub, mut local, mut present) = (false, false, Present::default());
    for (k, v) in map.iter() {
        let k = k.as_str().unwrap_or_default();
        sub |= holds(k).is_some();
        local |= rewritten_here(k, v);
        present.add(k);
    }
    // A `$ref` is rewritten only with siblings; alone (the commonest schema of all) it is
    // what 3.0 reads.
    local |= present.has("$ref") && map.len() > 1;
    if local || sub {
        rewrite_schema(map, at, rw, local, present);
    }
}

/// The keywords a schema holds, of those [`rewrite_schema`] looks up, as bits: a lookup hashes
/// the key (serde_yaml's `Mapping` is a hash map), and most schemas hold few of these, so the
/// first pass over the keys notes which are there and only those are looked up. Keywords that
/// a step adds are noted too (a superset of the keys is enough: a lookup of an absent key
/// finds nothing).
#[derive(Clone, Copy, Default)]
struct Present(u64);

impl Present {
    /// The bits of every key of `map`.
    fn of(map: &Mapping) -> Self {
        let mut present = Present::default();
        for k in map.keys() {
            present.add(k.as_str().unwrap_or_default());
        }
        present
    }

    /// Notes `key` (nothing if the rewrite does not look it up).
    fn add(&mut self, key: &str) {
        self.0 |= Self::bit(key);
    }

    /// Whether `key` (one the rewrite looks up) may be in the schema.
    fn has(self, key: &str) -> bool {
        let bit = Self::bit(key);
        debug_assert_ne!(bit, 0, "`{key}` has a bit in Present::bit");
        self.0 & bit != 0
    }

    /// `key`'s bit, 0 for a key the rewrite does not look up. A `match`, which compiles to a
    /// few comparisons by length and bytes, far cheaper than hashing the key (or than
    /// searching a list of the keywords, which compared the key with each).
    fn bit(key: &str) -> u64 {
        let position = match key {
            "items" => 0,
            "prefixItems" => 1,
            "properties" => 2,
            "$schema" => 3,
            "$id" => 4,
            "$anchor" => 5,
            "$dynamicAnchor" => 6,
            "$comment" => 7,
            "$vocabulary" => 8,
            "$defs" => 9,
            "definitions" => 10,
            "examples" => 11,
            "const" => 12,
            "type" => 13,
            "anyOf" => 14,
            "oneOf" => 15,
            "exclusiveMinimum" => 16,
            "exclusiveMaximum" => 17,
            "contentEncoding" => 18,
            "contentMediaType" => 19,
            "unevaluatedProperties" => 20,
            "patternProperties" => 21,
            "dependentRequired" => 22,
            "$ref" => 23,
            "if" => 24,
            "dependentSchemas" => 25,
            "contains" => 26,
            "propertyNames" => 27,
            "unevaluatedItems" => 28,
            "$dynamicRef" => 29,
            "contentSchema" => 30,
            _ => return 0,
        };
        1 << position
    }
}

/// What a keyword holds, if subschemas.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Holds {
    /// One subschema ([`ONE`]).
    One,
    /// A map of them ([`MAP`]).
    Map,
    /// A list of them ([`LIST`]).
    List,
}

/// What `key` holds: one of [`ONE`], [`MAP`] or [`LIST`] (a `match`: compiled to a few
/// comparisons, where searching the lists compared every entry), or `None`.
pub(super) fn holds(key: &str) -> Option<Holds> {
    let found = match key {
        "items"
        | "not"
        | "additionalProperties"
        | "unevaluatedProperties"
        | "contains"
        | "if"
        | "then"
        | "else"
        | "propertyNames"
        | "contentSchema"
        | "unevaluatedItems" => Some(Holds::One),
        "properties" | "patternProperties" | "dependentSchemas" | "$defs" | "definitions" => {
            Some(Holds::Map)
        }
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => Some(Holds::List),
        _ => None,
    };
    debug_assert_eq!(
        found,
        [(ONE, Holds::One), (MAP, Holds::Map), (LIST, Holds::List)]
            .iter()
            .find(|(keys, _)| keys.contains(&key))
            .map(|(_, h)| *h)
    );
    found
}

/// Whether keyword `key` with value `v` is rewritten (or warned about) by [`rewrite_schema`]
/// in the schema that holds it.
fn rewritten_here(key: &str, v: &Value) -> bool {
    match key {
        "type" => !v.is_string() || v.as_str() == Some("null"),
        "exclusiveMinimum" | "exclusiveMaximum" => v.is_number(),
        "examples"
        | "const"
        | "definitions"
        | "anyOf"
        | "oneOf"
        | "$defs"
        | "prefixItems"
        | "contentEncoding"
        | "contentMediaType"
        | "unevaluatedProperties"
        | "patternProperties"
        | "dependentRequired"
        | "$schema"
        | "$id"
        | "$anchor"
        | "$dynamicAnchor"
        | "$comment"
        | "$vocabulary" => true,
        _ => UNSUPPORTED.iter().any(|(k, _)| *k == key),
    }
}

/// [`schema`] for a schema with subschemas or keywords to rewrite (`local`).
fn rewrite_schema(
    map: &mut Mapping,
    at: &At<'_>,
    rw: &mut Rewrite,
    local: bool,
    mut present: Present,
) {
    let closed_tuple =
        local && present.has("prefixItems") && matches!(map.get("items"), Some(Value::Bool(false)));
    if closed_tuple {
        map.remove("items");
    }
    if present.has("properties") {
        super::lenient::false_properties(map, at, rw);
    }
    // Subschemas, in one pass over the entries (a lookup per keyword was a cost of its own).
    for (key, v) in map.iter_mut() {
        let Some(key) = key.as_str() else {
            continue;
        };
        match holds(key) {
            Some(Holds::One) => {
                let keeps_bool = matches!(key, "additionalProperties" | "unevaluatedProperties");
                if !(keeps_bool && v.is_bool()) {
                    schema(v, &at.key(key), rw);
                }
            }
            Some(Holds::Map) => {
                if let Some(entries) = v.as_mapping_mut() {
                    let base = at.key(key);
                    for (name, entry) in entries.iter_mut() {
                        if let Some(name) = name.as_str() {
                            schema(entry, &base.key(name), rw);
                        }
                    }
                }
            }
            Some(Holds::List) => {
                if let Some(items) = v.as_sequence_mut() {
                    let base = at.key(key);
                    for (i, item) in items.iter_mut().enumerate() {
                        schema(item, &base.index(i), rw);
                    }
                }
            }
            None => {}
        }
    }
    if !local {
        return;
    }
    for key in DROPPED {
        if present.has(key) {
            map.remove(key);
        }
    }
    // `definitions` is `$defs` as drafts before 2019-09 spell it (still common in 3.1 specs).
    for key in ["$defs", "definitions"] {
        if !present.has(key) {
            continue;
        }
        if let Some(Value::Mapping(defs)) = map.remove(key) {
            let base = at.key(key).build();
            for (name, def) in defs {
                if let Some(name) = name.as_str() {
                    rw.defs.push((join(&base, name), name.to_owned(), def));
                }
            }
        }
    }
    if present.has("examples") || present.has("const") {
        annotations(map);
        present.add("type");
    }
    if present.has("type") {
        super::lenient::invalid_type(map, at, rw);
        types(map, at, rw);
        present.add("oneOf");
    }
    if present.has("anyOf") || present.has("oneOf") {
        null_members(map);
        // A member made the schema's own brings its keywords.
        present = Present::of(map);
    }
    if present.has("exclusiveMinimum") || present.has("exclusiveMaximum") {
        exclusive_bounds(map);
    }
    if present.has("contentEncoding") || present.has("contentMediaType") {
        content(map, at, rw);
    }
    if [
        "unevaluatedProperties",
        "patternProperties",
        "dependentRequired",
    ]
    .iter()
    .any(|k| present.has(k))
    {
        objects(map, at, rw);
    }
    if present.has("prefixItems") {
        tuples(map, at, rw, closed_tuple);
    }
    for (key, why) in UNSUPPORTED {
        if present.has(key) && map.contains_key(*key) {
            rw.sink.warning(
                &at.key(key).build(),
                format!("{why}: JSON Schema keyword `{key}` has no Rust form in the client"),
                None,
            );
        }
    }
    if present.has("$ref") {
        siblings_of_ref(map, at, rw);
    }
}

/// `examples: [a, ...]` → `example: a`; `const: c` → `enum: [c]` (with the type it implies).
fn annotations(map: &mut Mapping) {
    if matches!(map.get("examples"), Some(Value::Sequence(_))) {
        // Moved out, not cloned: an example can be a large object.
        if let Some(Value::Sequence(examples)) = map.remove("examples") {
            let first = examples.into_iter().next();
            if let (Some(first), false) = (first, map.contains_key("example")) {
                map.insert("example".into(), first);
            }
        }
    }
    if let Some(c) = map.remove("const") {
        if !map.contains_key("type") {
            let implied = match &c {
                Value::String(_) => Some("string"),
                Value::Bool(_) => Some("boolean"),
                Value::Number(n) if n.is_f64() => Some("number"),
                Value::Number(_) => Some("integer"),
                _ => None,
            };
            if let Some(t) = implied {
                map.insert("type".into(), t.into());
            }
        }
        if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Sequence(vec![c]));
        }
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; several types other than `null` → a
/// `oneOf` with one member per type, each with the keywords that apply to it.
fn types(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    let names: Vec<String> = match map.get("type") {
        Some(Value::String(t)) if t == "null" => vec![t.clone()],
        Some(Value::Sequence(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => return,
    };
    let (nulls, rest): (Vec<String>, Vec<String>) = names.into_iter().partition(|t| t == "null");
    if !nulls.is_empty() {
        map.insert("nullable".into(), true.into());
    }
    match rest.as_slice() {
        [] => {
            map.remove("type");
        }
        [only] => {
            map.insert("type".into(), only.as_str().into());
        }
        [first, ..] => {
            if map.contains_key("oneOf") || map.contains_key("anyOf") {
                rw.sink.warning(
                    &at.key("type").build(),
                    format!(
                        "a `type` array with several types next to `oneOf`/`anyOf` is read as `type: {first}`"
                    ),
                    Some("move the types into the `oneOf`, one member each".to_owned()),
                );
                map.insert("type".into(), first.as_str().into());
                return;
            }
            map.remove("type");
            let members = rest.iter().map(|t| member_of_type(map, t, &rest)).collect();
            for (_, keys) in BY_TYPE {
                for key in *keys {
                    map.remove(*key);
                }
            }
            map.remove("enum");
            map.remove("format");
            map.insert("oneOf".into(), Value::Sequence(members));
        }
    }
}

/// The `oneOf` member for type `t` of a schema whose `type` array names `all`: the type and the
/// keywords of `map` that apply to it.
fn member_of_type(map: &Mapping, t: &str, all: &[String]) -> Value {
    let mut member = Mapping::new();
    member.insert("type".into(), t.into());
    let keys = BY_TYPE
        .iter()
        .find(|(ty, _)| *ty == t)
        .map_or(&[][..], |k| k.1);
    for key in keys {
        if let Some(v) = map.get(*key) {
            member.insert((*key).into(), v.clone());
        }
    }
    if let Some(format) = map.get("format").and_then(Value::as_str) {
        let numeric = matches!(format, "int32" | "int64" | "float" | "double");
        let owner = if numeric {
            ["integer", "number"].contains(&t)
        } else {
            t == "string" || !all.iter().any(|a| a == "string")
        };
        if owner {
            member.insert("format".into(), format.into());
        }
    }
    if let Some(Value::Sequence(values)) = map.get("enum") {
        let mine: Vec<Value> = values
            .iter()
            .filter(|v| match (t, v) {
                ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
                ("integer", Value::Number(n)) => !n.is_f64(),
                ("number", Value::Number(_)) => true,
                _ => false,
            })
            .cloned()
            .collect();
        if !mine.is_empty() {
            member.insert("enum".into(), Value::Sequence(mine));
        }
    }
    Value::Mapping(member)
}

/// `anyOf`/`oneOf: [X, {type: "null"}]` (already rewritten to `{nullable: true}`) → `X` made
/// nullable: `allOf: [$ref]` with `nullable: true` for a reference, the member's own keywords
/// for an inline schema, as a 3.0 author writes them.
fn null_members(map: &mut Mapping) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Sequence(members)) = map.get_mut(key) else {
            continue;
        };
        let before = members.len();
        members.retain(|m| !is_null_only(m));
        if members.len() == before {
            continue;
        }
        map.insert("nullable".into(), true.into());
        let Some(Value::Sequence(members)) = map.get(key) else {
            continue;
        };
        let other = if key == "anyOf" { "oneOf" } else { "anyOf" };
        if members.len() != 1 || map.contains_key(other) {
            if members.is_empty() {
                map.remove(key);
            }
            continue;
        }
        let Some(Value::Sequence(mut members)) = map.remove(key) else {
            continue;
        };
        let member = members.remove(0);
        let inline = member
            .as_mapping()
            .filter(|m| !m.contains_key("$ref") && m.keys().all(|k| !map.contains_key(k)));
        match inline {
            Some(m) => {
                for (k, v) in m {
                    map.insert(k.clone(), v.clone());
                }
            }
            None if !map.contains_key("allOf") => {
                map.insert("allOf".into(), Value::Sequence(vec![member]));
            }
            None => {
                if let Some(Value::Sequence(all)) = map.get_mut("allOf") {
                    all.insert(0, member);
                }
            }
        }
    }
}

/// Whether `m` is a rewritten `{type: "null"}` (which is `{nullable: true}`).
fn is_null_only(m: &Value) -> bool {
    m.as_mapping().is_some_and(|m| {
        m.get("nullable") == Some(&Value::Bool(true))
            && m.keys()
                .all(|k| matches!(k.as_str(), Some("nullable" | "description" | "title")))
    })
}

/// Numeric `exclusiveMinimum: x` → `minimum: x, exclusiveMinimum: true` (and the same for the
/// maximum); when an inclusive bound is stricter it alone stays.
fn exclusive_bounds(map: &mut Mapping) {
    for (exclusive, inclusive, stricter) in [
        ("exclusiveMinimum", "minimum", 1.0),
        ("exclusiveMaximum", "maximum", -1.0),
    ] {
        let Some(x) = map.get(exclusive).and_then(Value::as_f64) else {
            continue;
        };
        let Some(bound) = map.remove(exclusive) else {
            continue;
        };
        let keep_inclusive = map
            .get(inclusive)
            .and_then(Value::as_f64)
            .is_some_and(|m| (m - x) * stricter > 0.0);
        if !keep_inclusive {
            map.insert(inclusive.into(), bound);
            map.insert(exclusive.into(), true.into());
        }
    }
}

/// `contentEncoding: base64` → `format: byte`; `contentMediaType` of a binary type (and no
/// encoding) → `format: binary`, as OpenAPI 3.1 §4.3 maps 3.0's formats.
fn content(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format")
        || !matches!(
            map.get("type").and_then(Value::as_str),
            Some("string") | None
        )
    {
        return;
    }
    match encoding.as_ref().map(|e| e.as_str().unwrap_or_default()) {
        Some("base64") => {
            map.insert("format".into(), "byte".into());
        }
        Some(other) => rw.sink.warning(
            &at.key("contentEncoding").build(),
            format!("`contentEncoding: {other}` is not decoded: the value is the encoded string"),
            Some("use `contentEncoding: base64` for bytes the client should decode".to_owned()),
        ),
        None => {
            let binary = media
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|m| !is_textual(m));
            if binary {
                map.insert("format".into(), "binary".into());
            }
        }
    }
}

/// Whether values of media type `m` are text the client keeps as a `String`.
pub(super) fn is_textual(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    m.starts_with("text/")
        || ["json", "xml", "yaml", "x-www-form-urlencoded", "javascript"]
            .iter()
            .any(|t| m.contains(t))
}

/// `unevaluatedProperties` → `additionalProperties` (what it means for a schema the client
/// models as one struct, `allOf` members merged); `patternProperties` → `additionalProperties`
/// with a warning that key patterns are not checked; `dependentRequired` → `x-dependent-required`.
fn objects(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    if let Some(u) = map.remove("unevaluatedProperties") {
        if !map.contains_key("additionalProperties") && u != Value::Bool(true) {
            map.insert("additionalProperties".into(), u);
        }
    }
    if let Some(Value::Mapping(patterns)) = map.remove("patternProperties") {
        let schemas: Vec<&Value> = patterns.values().collect();
        let all_same = schemas.windows(2).all(|w| w[0] == w[1]);
        let chosen = match (map.get("additionalProperties"), schemas.first()) {
            (_, None) => None,
            (None | Some(Value::Bool(false)), Some(first)) if all_same => Some((*first).clone()),
            (Some(a), Some(first)) if all_same && a == *first => None,
            _ => Some(Value::Bool(true)),
        };
        let keys: Vec<&str> = patterns.keys().filter_map(Value::as_str).collect();
        rw.sink.warning(
            &at.key("patternProperties").build(),
            format!(
                "`patternProperties` key patterns ({}) are not checked: the entries are a map{}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if all_same {
                    ""
                } else {
                    " of any JSON values (the patterns' schemas differ)"
                }
            ),
            None,
        );
        if let Some(chosen) = chosen {
            map.insert("additionalProperties".into(), chosen);
        }
    }
    dependent_required(map, at, rw);
}

/// `dependentRequired` → `x-dependent-required` (the 3.0 model keeps extensions only), which
/// `lower` reads into the struct's dependencies and `validate()` checks. A value that is not a
/// map of property names to lists of names gets a warning and is dropped.
fn dependent_required(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    let Some(deps) = map.remove("dependentRequired") else {
        return;
    };
    let well_formed = deps.as_mapping().is_some_and(|m| {
        m.iter().all(|(k, v)| {
            k.is_string()
                && v.as_sequence()
                    .is_some_and(|names| names.iter().all(Value::is_string))
        })
    });
    if well_formed {
        map.insert("x-dependent-required".into(), deps);
        rw.relocate(
            &at.key("dependentRequired").build(),
            &at.key("x-dependent-required").build(),
        );
    } else {
        rw.sink.warning(
            &at.key("dependentRequired").build(),
            "`dependentRequired` must map property names to lists of property names; it is not checked",
            Some("write it as `dependentRequired: {card: [billing_address]}`".to_owned()),
        );
    }
}

/// `prefixItems` (a tuple) → `items`: the one schema all positions share, or any JSON value
/// (with a warning) when they differ; a closed tuple (`items: false`) also gets `maxItems`.
fn tuples(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite, closed: bool) {
    let Some(Value::Sequence(prefix)) = map.remove("prefixItems") else {
        return;
    };
    let rest = map.get("items");
    let same = prefix.windows(2).all(|w| w[0] == w[1])
        && (closed || rest.is_none() || rest == prefix.first());
    let items = match prefix.first() {
        Some(first) if same => first.clone(),
        _ => {
            rw.sink.warning(
                &at.key("prefixItems").build(),
                "`prefixItems` (a tuple of different types) has no Rust form in the client: \
                 the elements are any JSON values",
                Some(
                    "give every position the same schema, or use an object with named properties"
                        .to_owned(),
                ),
            );
            Value::Mapping(Mapping::new())
        }
    };
    map.insert("items".into(), items);
    if closed && !map.contains_key("maxItems") {
        map.insert("maxItems".into(), prefix.len().into());
    }
}

/// `$ref` with siblings (allowed since 3.1: a description, `nullable`) → `allOf: [$ref]` with
/// the siblings, the 3.0 idiom, which `lower` reads as the referenced type with those additions.
fn siblings_of_ref(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    if !map.contains_key("$ref") || map.len() == 1 {
        return;
    }
    let Some(reference) = map.remove("$ref") else {
        return;
    };
    let mut only = Mapping::new();
    only.insert("$ref".into(), reference);
    let only = Value::Mapping(only);
    match map.get_mut("allOf") {
        Some(Value::Sequence(all)) => {
            let all_of = at.key("allOf");
            // From the last, so that each member's moves follow it once.
            for i in (0..all.len()).rev() {
                rw.relocate(&all_of.index(i).build(), &all_of.index(i + 1).build());
            }
            all.insert(0, only);
        }
        _ => {
            map.insert("allOf".into(), Value::Sequence(vec![only]));
        }
    }
    // Only the `$ref` moved: the moves inside the schema stay where they are.
    let source = rw.source(&at.build());
    rw.moved.push((at.key("allOf").index(0).build(), source));
}

/// Moves every `$defs` (and `definitions`) entry found to `components/schemas` (the only place `lower` names
/// schemas from), under its own name if free, and points the references to it there; the moves
/// recorded inside an entry (its `x-dependent-required`) follow it.
pub(super) fn hoist_defs(root: &mut Mapping, rw: &mut Rewrite) {
    if rw.defs.is_empty() {
        return;
    }
    let components = root
        .entry("components".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    let Some(components) = components.as_mapping_mut() else {
        return;
    };
    let schemas = components
        .entry("schemas".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    let Some(schemas) = schemas.as_mapping_mut() else {
        return;
    };
    let mut renamed = Vec::new();
    for (at, name, def) in std::mem::take(&mut rw.defs) {
        // Where the entry was written: what a `$ref` to it says.
        let source = rw.source(&at);
        let owner = source
            .strip_prefix("/components/schemas/")
            .and_then(|r| r.split('/').next())
            .unwrap_or("Inline");
        let mut key = name.clone();
        let mut n = 1;
        while schemas.contains_key(key.as_str()) {
            n += 1;
            key = if n == 2 {
                format!("{owner}_{name}")
            } else {
                format!("{owner}_{name}{n}")
            };
        }
        let target = join("/components/schemas", &key);
        renamed.push((format!("#{source}"), format!("#{target}")));
        rw.relocate(&at, &target);
        schemas.insert(key.into(), def);
    }
    let mut doc = Value::Mapping(std::mem::take(root));
    retarget(&mut doc, &renamed);
    if let Value::Mapping(m) = doc {
        *root = m;
    }
}

/// Points every `$ref` to a node named in `renamed` (old → new), or into one, at its new
/// place, anywhere in `v`.
fn retarget(v: &mut Value, renamed: &[(String, String)]) {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m.iter_mut() {
                if k.as_str() == Some("$ref") {
                    if let Some(r) = child.as_str() {
                        let decoded = percent_encoding::percent_decode_str(r).decode_utf8_lossy();
                        // The entry itself, or a node inside it (`.../definitions/B/allOf/1`);
                        // the longest match, for an entry inside another.
                        let moved = renamed
                            .iter()
                            .filter_map(|(old, new)| {
                                let rest = decoded.strip_prefix(old.as_str())?;
                                (rest.is_empty() || rest.starts_with('/'))
                                    .then(|| (old.len(), format!("{new}{rest}")))
                            })
                            .max_by_key(|(len, _)| *len);
                        if let Some((_, new)) = moved {
                            *child = new.into();
                        }
                    }
                } else {
                    retarget(child, renamed);
                }
            }
        }
        Value::Sequence(s) => s.iter_mut().for_each(|c| retarget(c, renamed)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A keyword that [`rewritten_here`] acts on but [`Present`] has no bit for would be left
    /// as it is, silently: every keyword of the JSON Schema 2020-12 vocabularies (and
    /// OpenAPI's) that is rewritten has one.
    #[test]
    fn every_rewritten_keyword_has_a_bit() {
        const KEYWORDS: &[&str] = &[
            // core
            "$schema",
            "$vocabulary",
            "$id",
            "$ref",
            "$anchor",
            "$dynamicRef",
            "$dynamicAnchor",
            "$defs",
            "$comment",
            "definitions",
            // applicator
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "dependentSchemas",
            "prefixItems",
            "items",
            "contains",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            // unevaluated
            "unevaluatedItems",
            "unevaluatedProperties",
            // validation
            "type",
            "enum",
            "const",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxContains",
            "minContains",
            "maxProperties",
            "minProperties",
            "required",
            "dependentRequired",
            // meta-data, format, content
            "title",
            "description",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "examples",
            "format",
            "contentEncoding",
            "contentMediaType",
            "contentSchema",
            // OpenAPI
            "discriminator",
            "xml",
            "externalDocs",
            "example",
            "nullable",
        ];
        let values = [
            Value::Null,
            Value::Bool(false),
            1.into(),
            0.5.into(),
            "null".into(),
            Value::Sequence(vec!["string".into(), "null".into()]),
            Value::Mapping(Mapping::new()),
        ];
        for key in KEYWORDS {
            if values.iter().any(|v| rewritten_here(key, v)) {
                assert_ne!(Present::bit(key), 0, "`{key}` is rewritten: it needs a bit");
            }
        }
    }
}
