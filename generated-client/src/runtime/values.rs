//! Value types the generated models use: open-enum values the spec does not list, and
//! three-state fields of partial updates.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A value an API sent that its spec does not list (a newer enum value), kept exactly as
/// received so it serializes back unchanged.
///
/// Only [`deserialize_open`] creates one, and only after the enum's [`OpenEnum::known`] found
/// no variant for the value: a value the spec lists always has its own variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unknown<T>(T);

impl<T> Unknown<T> {
    /// The value as received.
    pub fn get(&self) -> &T {
        &self.0
    }
}

impl Unknown<String> {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<T: fmt::Display> fmt::Display for Unknown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An enum that keeps values its spec does not list (implemented by generated enums).
pub trait OpenEnum<V>: Sized {
    /// The variant for a listed value.
    fn known(value: &V) -> Option<Self>;
    /// Wraps a value that [`OpenEnum::known`] did not recognize.
    fn unknown(value: Unknown<V>) -> Self;
}

/// Decodes an open enum: a listed value becomes its variant, any other is kept in `Unknown`.
///
/// # Errors
/// When the value is not a `V` at all (e.g. a number for a string enum).
pub fn deserialize_open<'de, D, V, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
    T: OpenEnum<V>,
{
    let v = V::deserialize(d)?;
    Ok(match T::known(&v) {
        Some(known) => known,
        None => T::unknown(Unknown(v)),
    })
}

/// A field of a partial update: leave it as it is, clear it (`null`), or set it.
///
/// Set it with the request's setter (`.voice_name("aria")`), clear it with the `clear_…`
/// setter; a new request leaves every field [`Patch::Unchanged`] (not sent).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Patch<T> {
    /// Not sent: the server keeps the current value.
    #[default]
    Unchanged,
    /// Sent as `null`: the server clears the value.
    Clear,
    /// Sent as this value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out of the request.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }

    /// The value being set, if any.
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Set(v) => Some(v),
            _ => None,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(v) => v.serialize(s),
            // `Unchanged` is skipped by the field's `skip_serializing_if`; alone it is `null`.
            Patch::Clear | Patch::Unchanged => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Patch::Set(v),
            None => Patch::Clear,
        })
    }
}
