//! A JSON Schema 2020-12 schema read typed from the text, rewritten into its OpenAPI 3.0 form,
//! and presented to openapiv3 as a serde `Deserializer`.
#![allow(dead_code, unused_variables)] // SKELETON: filled in by the integrator

use super::Bail;
use crate::load::oas31::At;
use serde::de::{self, Deserializer, Visitor};

/// A schema: `true`/`false`, or an object of keywords. Strings borrow from the text.
pub(super) struct Schema<'a> {
    _text: std::marker::PhantomData<&'a str>,
}

impl<'de: 'a, 'a> de::Deserialize<'de> for Schema<'a> {
    /// Reads a schema; fails (so the fast path bails) on a repeated key, anywhere inside it.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        todo!()
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
    todo!()
}

impl<'de, 'a: 'de> Deserializer<'de> for &'de Schema<'a> {
    type Error = serde_json::Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        todo!()
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
