//! The read (and rewritten) document presented to openapiv3's `Deserialize` as a serde
//! `Deserializer`: raw values through serde_json, schemas through [`Schema`]'s deserializer
//! (their 3.0 form), maps and lists through serde's value deserializers.

use super::Node;
use serde::de::value::{BorrowedStrDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{Deserialize, Deserializer, IntoDeserializer, Visitor};
use serde_json::Error;

/// What the `openapi` field reads as: the version the document is rewritten into.
const VERSION: &str = "3.0.3";

/// The model of `root` (a [`Node::Map`] of the document). As `load::from_tree` does, `paths`
/// and `components`, most of a document, are read on their own first, each freed once read.
pub(super) fn openapi(mut root: Node<'_>) -> Result<openapiv3::OpenAPI, Error> {
    let Node::Map(_, entries) = &mut root else {
        return Err(serde::de::Error::custom("not an object"));
    };
    // `paths` is required: an empty map stands in for it while the rest is read.
    let paths = (entries.iter_mut().find(|(k, _)| k == "paths"))
        .map(|(_, node)| std::mem::replace(node, Node::Map(None, Vec::new())));
    let paths = paths
        .map(|node| openapiv3::Paths::deserialize(&node))
        .transpose()?;
    let components = (entries.iter().position(|(k, _)| k == "components"))
        .map(|i| entries.remove(i).1)
        .map(|node| openapiv3::Components::deserialize(&node))
        .transpose()?;
    let mut openapi = openapiv3::OpenAPI::deserialize(&root)?;
    if let Some(paths) = paths {
        openapi.paths = paths;
    }
    openapi.components = components;
    Ok(openapi)
}

impl<'de, 'a: 'de> IntoDeserializer<'de, Error> for &'de Node<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Methods that a raw value (or a schema) takes to its own deserializer, and the rest to
/// `deserialize_any`.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*))*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* v: V) -> Result<V::Value, Error> {
            match self {
                Node::Raw(raw) => raw.$method($($arg,)* v),
                Node::Schema(schema) => schema.$method($($arg,)* v),
                _ => self.deserialize_any(v),
            }
        }
    )*};
}

impl<'de, 'a: 'de> Deserializer<'de> for &'de Node<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Node::Raw(raw) => raw.deserialize_any(v),
            Node::Version => v.visit_borrowed_str(VERSION),
            Node::Schema(schema) => schema.deserialize_any(v),
            Node::Map(_, entries) => {
                let entries = entries
                    .iter()
                    .map(|(k, node)| (BorrowedStrDeserializer::new(k.as_ref()), node));
                let mut map = MapDeserializer::new(entries);
                let value = v.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
            Node::List(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let value = v.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
        }
    }

    /// A raw value says itself whether it is `null`; anything else is there.
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Node::Raw(raw) => raw.deserialize_option(v),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::Raw(raw) => raw.deserialize_newtype_struct(name, v),
            _ => v.visit_newtype_struct(self),
        }
    }

    forward! {
        deserialize_bool() deserialize_i8() deserialize_i16() deserialize_i32()
        deserialize_i64() deserialize_i128() deserialize_u8() deserialize_u16()
        deserialize_u32() deserialize_u64() deserialize_u128() deserialize_f32()
        deserialize_f64() deserialize_char() deserialize_str() deserialize_string()
        deserialize_bytes() deserialize_byte_buf() deserialize_unit() deserialize_seq()
        deserialize_map() deserialize_identifier() deserialize_ignored_any()
        deserialize_unit_struct(name: &'static str)
        deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize)
        deserialize_struct(name: &'static str, fields: &'static [&'static str])
        deserialize_enum(name: &'static str, variants: &'static [&'static str])
    }
}
