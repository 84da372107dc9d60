//! A JSON Schema 2020-12 schema read from the text as a list of keywords (subschemas parsed,
//! every other value kept as its raw JSON text, borrowed), rewritten into its OpenAPI 3.0 form
//! exactly as [`crate::load::oas31::schema`] rewrites a tree, and presented to openapiv3 as a
//! serde `Deserializer`.
//!
//! Only the keywords real 3.1 specs use are rewritten here (`type` arrays with `null`, `const`,
//! `examples`, numeric exclusive bounds, `$ref` with siblings, `null` members of `anyOf` and
//! `oneOf`, `contentEncoding`/`contentMediaType`, the core keywords 3.0 drops); a schema with
//! anything that moves nodes or gets a warning there is left to the tree path ([`Bail`]).

use super::{bail, checked_raw, distinct, Bail};
use crate::load::json;
use crate::load::oas31::schema::{holds, is_textual, Holds, DROPPED, UNSUPPORTED};
use crate::load::oas31::At;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// A schema: `true`/`false`, or an object of keywords.
pub(super) enum Schema<'a> {
    Bool(bool),
    Object(Keywords<'a>),
}

/// A schema object's keywords, in the order written (rewrites replace a keyword in place and
/// append new ones, as the tree's `IndexMap` does).
#[derive(Default)]
pub(super) struct Keywords<'a>(Vec<(Key<'a>, Value<'a>)>);

/// A key, borrowed from the text when it has no escapes.
pub(super) type Key<'a> = Cow<'a, str>;

/// A keyword's value.
pub(super) enum Value<'a> {
    /// Any JSON value but subschemas, as written.
    Raw(&'a RawValue),
    /// One subschema (`items`, `not`, `additionalProperties`).
    One(Box<Schema<'a>>),
    /// A list of them (`allOf`, `anyOf`, `oneOf`).
    List(Vec<Schema<'a>>),
    /// A map of them (`properties`).
    Map(Vec<(Key<'a>, Schema<'a>)>),
    /// Values the rewrite writes.
    Bool(bool),
    Str(&'static str),
    Raws(Vec<&'a RawValue>),
}

/// Keywords only the tree path rewrites: they move nodes, or get a warning there.
fn tree_only(key: &str) -> bool {
    matches!(
        key,
        "prefixItems"
            | "$defs"
            | "definitions"
            | "patternProperties"
            | "dependentRequired"
            | "unevaluatedProperties"
            | "then"
            | "else"
    ) || UNSUPPORTED.iter().any(|(k, _)| *k == key)
}

impl<'a> Keywords<'a> {
    fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// Replaces `key`'s value where it stands, or appends it.
    fn insert(&mut self, key: &'static str, value: Value<'a>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((Cow::Borrowed(key), value)),
        }
    }

    /// The raw text of `key`'s value, if it is one written in the document.
    fn raw(&self, key: &str) -> Option<&'a str> {
        match self.get(key) {
            Some(Value::Raw(r)) => Some(r.get()),
            _ => None,
        }
    }
}

/// The string a raw JSON value holds, if it is a string.
fn as_str(raw: &str) -> Option<Cow<'_, str>> {
    raw.starts_with('"')
        .then(|| serde_json::from_str::<Cow<'_, str>>(raw).ok())
        .flatten()
}

/// The number a raw JSON value holds, if it is a number.
fn as_number(raw: &str) -> Option<serde_json::Number> {
    raw.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        .then(|| serde_json::from_str(raw).ok())
        .flatten()
}

/// Whether `key` with value `v` is rewritten by the tree path in the schema that holds it (its
/// `rewritten_here`).
fn rewritten_here(key: &str, v: &Value<'_>) -> bool {
    let raw = match v {
        Value::Raw(r) => Some(r.get()),
        _ => None,
    };
    match key {
        "type" => raw.is_none_or(|r| as_str(r).is_none_or(|t| t == "null")),
        "exclusiveMinimum" | "exclusiveMaximum" => raw.is_some_and(|r| as_number(r).is_some()),
        "examples" | "const" | "anyOf" | "oneOf" | "contentEncoding" | "contentMediaType" => true,
        k => DROPPED.contains(&k) || tree_only(k),
    }
}

/// Rewrites `s` (at `at`) and every schema inside it into OpenAPI 3.0, recording in `moved`
/// each (pointer in the rewritten document, pointer in the source) pair the tree path records
/// (a `$ref` with siblings becomes `allOf: [$ref]`); `Err(Bail)` for what only the tree path
/// handles.
pub(super) fn rewrite(
    s: &mut Schema<'_>,
    at: &At<'_>,
    moved: &mut Vec<(String, String)>,
) -> Result<(), Bail> {
    match s {
        Schema::Bool(b) => {
            // `true` allows anything, `false` nothing (`not: {}`).
            let mut k = Keywords::default();
            if !*b {
                k.insert(
                    "not",
                    Value::One(Box::new(Schema::Object(Keywords::default()))),
                );
            }
            *s = Schema::Object(k);
            Ok(())
        }
        Schema::Object(k) => keywords(k, at, moved),
    }
}

fn keywords(
    k: &mut Keywords<'_>,
    at: &At<'_>,
    moved: &mut Vec<(String, String)>,
) -> Result<(), Bail> {
    let (mut sub, mut local) = (false, false);
    for (key, v) in &k.0 {
        if tree_only(key) {
            return Err(Bail);
        }
        sub |= holds(key).is_some();
        local |= rewritten_here(key, v);
    }
    local |= k.has("$ref") && k.0.len() > 1;
    if !(local || sub) {
        return Ok(());
    }
    // A property whose schema is `false` gets a warning on the tree path.
    if let Some(Value::Map(props)) = k.get("properties") {
        if props.iter().any(|(_, s)| matches!(s, Schema::Bool(false))) {
            return Err(Bail);
        }
    }
    for (key, v) in &mut k.0 {
        match v {
            // `additionalProperties: true/false` stays a boolean.
            Value::One(s) if key == "additionalProperties" && matches!(**s, Schema::Bool(_)) => {}
            Value::One(s) => rewrite(s, &at.key(key), moved)?,
            Value::Map(entries) => {
                let base = at.key(key);
                for (name, s) in entries {
                    rewrite(s, &base.key(name), moved)?;
                }
            }
            Value::List(items) => {
                let base = at.key(key);
                for (i, s) in items.iter_mut().enumerate() {
                    rewrite(s, &base.index(i), moved)?;
                }
            }
            _ => {}
        }
    }
    if !local {
        return Ok(());
    }
    for key in DROPPED {
        k.remove(key);
    }
    annotations(k)?;
    types(k)?;
    null_members(k);
    exclusive_bounds(k);
    content(k)?;
    siblings_of_ref(k, at, moved)?;
    Ok(())
}

/// `examples: [a, ...]` → `example: a`; `const: c` → `enum: [c]` (with the type it implies).
fn annotations(k: &mut Keywords<'_>) -> Result<(), Bail> {
    if let Some(raw) = k.raw("examples").filter(|r| r.starts_with('[')) {
        let examples: Vec<&RawValue> = serde_json::from_str(raw).map_err(|_| Bail)?;
        k.remove("examples");
        if let (Some(first), false) = (examples.first(), k.has("example")) {
            k.insert("example", Value::Raw(first));
        }
    }
    if let Some(c) = k.remove("const") {
        let Value::Raw(c) = c else { return Err(Bail) };
        if !k.has("type") {
            let text = c.get();
            let implied = if text.starts_with('"') {
                Some("string")
            } else if text == "true" || text == "false" {
                Some("boolean")
            } else {
                as_number(text).map(|n| if n.is_f64() { "number" } else { "integer" })
            };
            if let Some(t) = implied {
                k.insert("type", Value::Str(t));
            }
        }
        if !k.has("enum") {
            k.insert("enum", Value::Raws(vec![c]));
        }
    }
    Ok(())
}

/// `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` → `nullable: true`.
/// Several types other than `null`, and a `type` that is not names, are the tree path's.
fn types(k: &mut Keywords<'_>) -> Result<(), Bail> {
    let names: Vec<String> = match k.get("type") {
        None | Some(Value::Str(_)) => return Ok(()),
        Some(Value::Raw(r)) => {
            let r = r.get();
            if let Some(t) = as_str(r) {
                if t != "null" {
                    return Ok(());
                }
                vec![t.into_owned()]
            } else {
                serde_json::from_str::<Vec<String>>(r).map_err(|_| Bail)?
            }
        }
        Some(_) => return Err(Bail),
    };
    let (nulls, rest): (Vec<String>, Vec<String>) = names.into_iter().partition(|t| t == "null");
    if !nulls.is_empty() {
        k.insert("nullable", Value::Bool(true));
    }
    match rest.as_slice() {
        [] => {
            k.remove("type");
        }
        [only] => {
            let known = ["string", "number", "integer", "boolean", "array", "object"];
            let Some(t) = known.iter().find(|t| *t == only) else {
                return Err(Bail);
            };
            k.insert("type", Value::Str(t));
        }
        _ => return Err(Bail),
    }
    Ok(())
}

/// `anyOf`/`oneOf: [X, {type: "null"}]` → `X` made nullable (the tree path's `null_members`).
fn null_members(k: &mut Keywords<'_>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::List(members)) = k.0.iter_mut().find(|(n, _)| n == key).map(|(_, v)| v)
        else {
            continue;
        };
        let before = members.len();
        members.retain(|m| !null_only_exact(m));
        if members.len() == before {
            continue;
        }
        let left = members.len();
        k.insert("nullable", Value::Bool(true));
        let other = if key == "anyOf" { "oneOf" } else { "anyOf" };
        if left != 1 || k.has(other) {
            if left == 0 {
                k.remove(key);
            }
            continue;
        }
        let Some(Value::List(mut members)) = k.remove(key) else {
            continue;
        };
        let member = members.remove(0);
        let inline = match &member {
            Schema::Object(m) => !m.has("$ref") && m.0.iter().all(|(n, _)| !k.has(n)),
            Schema::Bool(_) => false,
        };
        match member {
            Schema::Object(m) if inline => k.0.extend(m.0),
            member => match k.0.iter_mut().find(|(n, _)| n == "allOf") {
                Some((_, Value::List(all))) => all.insert(0, member),
                _ => k.insert("allOf", Value::List(vec![member])),
            },
        }
    }
}

/// Whether `s` is a rewritten `{type: "null"}`, as the tree path's `is_null_only` tests it:
/// `nullable: true` (written, or written by the rewrite) and nothing but `description` and
/// `title` beside it.
fn null_only_exact(s: &Schema<'_>) -> bool {
    let Schema::Object(k) = s else { return false };
    let nullable = match k.get("nullable") {
        Some(Value::Bool(true)) => true,
        Some(Value::Raw(r)) => r.get() == "true",
        _ => false,
    };
    nullable
        && k.0
            .iter()
            .all(|(key, _)| matches!(&**key, "nullable" | "description" | "title"))
}

/// Numeric `exclusiveMinimum: x` → `minimum: x, exclusiveMinimum: true` (and the maximum);
/// when an inclusive bound is stricter it alone stays.
fn exclusive_bounds(k: &mut Keywords<'_>) {
    for (exclusive, inclusive, stricter) in [
        ("exclusiveMinimum", "minimum", 1.0),
        ("exclusiveMaximum", "maximum", -1.0),
    ] {
        let Some(x) = k
            .raw(exclusive)
            .and_then(as_number)
            .and_then(|n| n.as_f64())
        else {
            continue;
        };
        let Some(bound) = k.remove(exclusive) else {
            continue;
        };
        let keep_inclusive = k
            .raw(inclusive)
            .and_then(as_number)
            .and_then(|n| n.as_f64())
            .is_some_and(|m| (m - x) * stricter > 0.0);
        if !keep_inclusive {
            match k.0.iter_mut().find(|(n, _)| n == inclusive) {
                Some((_, v)) => *v = bound,
                None => k.0.push((Cow::Borrowed(inclusive), bound)),
            }
            k.insert(exclusive, Value::Bool(true));
        }
    }
}

/// `contentEncoding: base64` → `format: byte`; a binary `contentMediaType` → `format: binary`.
/// Another encoding gets a warning on the tree path.
fn content(k: &mut Keywords<'_>) -> Result<(), Bail> {
    let encoding = k.remove("contentEncoding");
    let media = k.remove("contentMediaType");
    let string_or_untyped = match k.get("type") {
        None => true,
        Some(Value::Str(t)) => *t == "string",
        Some(Value::Raw(r)) => as_str(r.get()).is_some_and(|t| t == "string"),
        Some(_) => false,
    };
    if k.has("format") || !string_or_untyped {
        return Ok(());
    }
    let text = |v: &Option<Value<'_>>| match v {
        Some(Value::Raw(r)) => Some(as_str(r.get()).map(Cow::into_owned).unwrap_or_default()),
        Some(_) => Some(String::new()),
        None => None,
    };
    match text(&encoding).as_deref() {
        Some("base64") => k.insert("format", Value::Str("byte")),
        Some(_) => return Err(Bail),
        None => {
            let binary = match &media {
                Some(Value::Raw(r)) => as_str(r.get()).is_some_and(|m| !is_textual(&m)),
                _ => false,
            };
            if binary {
                k.insert("format", Value::Str("binary"));
            }
        }
    }
    Ok(())
}

/// `$ref` with siblings → `allOf: [$ref]` with the siblings. Beside an `allOf` (whose members
/// would move) it is the tree path's.
fn siblings_of_ref(
    k: &mut Keywords<'_>,
    at: &At<'_>,
    moved: &mut Vec<(String, String)>,
) -> Result<(), Bail> {
    if !k.has("$ref") || k.0.len() == 1 {
        return Ok(());
    }
    if k.has("allOf") {
        return Err(Bail);
    }
    let Some(reference) = k.remove("$ref") else {
        return Ok(());
    };
    let only = Keywords(vec![(Cow::Borrowed("$ref"), reference)]);
    k.insert("allOf", Value::List(vec![Schema::Object(only)]));
    moved.push((at.key("allOf").index(0).build(), at.build()));
    Ok(())
}

// Reading: a schema from the text, refusing a repeated key anywhere inside it.

impl<'de: 'a, 'a> de::Deserialize<'de> for Schema<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SchemaVisitor)
    }
}

struct SchemaVisitor;

impl<'de> Visitor<'de> for SchemaVisitor {
    type Value = Schema<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a schema (an object or a boolean)")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Schema<'de>, E> {
        Ok(Schema::Bool(b))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Schema<'de>, M::Error> {
        let mut k = Keywords(Vec::with_capacity(m.size_hint().unwrap_or(4)));
        while let Some(key) = m.next_key_seed(json::Key)? {
            let value = match holds(&key) {
                Some(Holds::One) => Value::One(Box::new(m.next_value()?)),
                Some(Holds::List) => Value::List(m.next_value()?),
                Some(Holds::Map) => Value::Map(m.next_value::<SchemaMap<'de>>()?.0),
                None => Value::Raw(checked_raw(m.next_value()?)?),
            };
            k.0.push((key, value));
        }
        if !distinct(&k.0) {
            return Err(bail("a repeated key"));
        }
        Ok(Schema::Object(k))
    }
}

/// A map of subschemas (`properties`), refusing a repeated name.
struct SchemaMap<'a>(Vec<(Key<'a>, Schema<'a>)>);

impl<'de: 'a, 'a> de::Deserialize<'de> for SchemaMap<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SchemaMap<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of schemas")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<SchemaMap<'de>, M::Error> {
                let mut entries: Vec<(Key<'de>, Schema<'de>)> =
                    Vec::with_capacity(m.size_hint().unwrap_or(4));
                while let Some(key) = m.next_key_seed(json::Key)? {
                    entries.push((key, m.next_value()?));
                }
                if !distinct(&entries) {
                    return Err(bail("a repeated key"));
                }
                Ok(SchemaMap(entries))
            }
        }
        d.deserialize_map(V)
    }
}

// Presenting: the rewritten schema as openapiv3 reads a 3.0 one.

type Error = serde_json::Error;

impl<'de, 'a: 'de> Deserializer<'de> for &'de Schema<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Schema::Bool(b) => v.visit_bool(*b),
            Schema::Object(k) => v.visit_map(Entries {
                entries: k.0.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, 'a: 'de> de::IntoDeserializer<'de, Error> for &'de Schema<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// A schema object's entries, as a serde map.
struct Entries<'s, 'a> {
    entries: std::slice::Iter<'s, (Key<'a>, Value<'a>)>,
    value: Option<&'s Value<'a>>,
}

impl<'de, 'a: 'de> MapAccess<'de> for Entries<'de, 'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(value)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

impl<'de, 'a: 'de> Deserializer<'de> for &'de Value<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Value::Raw(r) => de::IntoDeserializer::into_deserializer(*r).deserialize_any(v),
            Value::One(s) => (&**s).deserialize_any(v),
            Value::List(items) => v.visit_seq(de::value::SeqDeserializer::new(items.iter())),
            Value::Map(entries) => v.visit_map(de::value::MapDeserializer::new(
                entries
                    .iter()
                    .map(|(k, s)| (de::value::BorrowedStrDeserializer::new(k), s)),
            )),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Str(s) => v.visit_borrowed_str(s),
            Value::Raws(items) => {
                v.visit_seq(de::value::SeqDeserializer::new(items.iter().copied()))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Value::Raw(r) => de::IntoDeserializer::into_deserializer(*r).deserialize_option(v),
            _ => v.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
