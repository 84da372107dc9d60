//! `Deserialize` for models that keep unknown fields, in one pass, and their `Serialize`.
//!
//! `#[serde(flatten)]` on the map of unknown fields makes serde's derive buffer the whole object
//! into an intermediate tree and deserialize every field a second time from it (and loses the
//! position of errors). [`open_struct!`](crate::runtime::open_struct) reads the object once:
//! known keys straight into their fields, any other key into the map. Generated code invokes it
//! with one line per field, instead of deriving serde's traits. It writes `Serialize` too (known
//! fields in order, then the map's), so the struct carries no serde attributes; for a type only
//! ever received, that impl is compiled only with the including crate's cargo feature
//! `serialize-responses` (or in its tests).

use serde::de::{Deserialize, Deserializer, Error, Visitor};
use std::borrow::Cow;
use std::fmt;

/// An object key, borrowed from the input when it has no escapes.
#[doc(hidden)]
pub struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Implements `Deserialize` and `Serialize` for a struct whose last field is a map of the
/// object's unknown keys, with serde's semantics for the rest.
///
/// Decoding: `field: "wire"` is required (`missing field`); `= default` and `= optional` take
/// `Default::default()` when absent; a repeated known key is a `duplicate field` error; every
/// other key goes into the map, its value decoded as the map's value type.
///
/// Encoding: the known fields in order, under their wire names, then the map's entries; an
/// `= optional` field is left out while it is [`Absent`] (`None`, `Patch::Unchanged`, a
/// `null` value). With `received` first, `Serialize` is compiled only under
/// `cfg(any(test, feature = "serialize-responses"))` of the including crate.
///
/// ```ignore
/// rt::open_struct!(Persona { id: "id", tags: "tags" = optional, note: "note" = default } extra);
/// rt::open_struct!(received Persona { id: "id" } extra);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __open_struct {
    (received $name:ident { $($field:ident : $wire:literal $(= $default:ident)?),* $(,)? } $extra:ident) => {
        $crate::__open_struct!(@de $name { $($field : $wire $(= $default)?),* } $extra);
        #[cfg(any(test, feature = "serialize-responses"))]
        $crate::__open_struct!(@ser $name { $($field : $wire $(= $default)?),* } $extra);
    };
    ($name:ident { $($field:ident : $wire:literal $(= $default:ident)?),* $(,)? } $extra:ident) => {
        $crate::__open_struct!(@de $name { $($field : $wire $(= $default)?),* } $extra);
        $crate::__open_struct!(@ser $name { $($field : $wire $(= $default)?),* } $extra);
    };
    (@ser $name:ident { $($field:ident : $wire:literal $(= $default:ident)?),* } $extra:ident) => {
        impl $crate::runtime::__ser::Serialize for $name {
            fn serialize<S: $crate::runtime::__ser::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                use $crate::runtime::__ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                $($crate::__open_struct!(@put map, self.$field, $wire $(, $default)?);)*
                for (key, value) in &self.$extra {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    };
    (@put $map:ident, $value:expr, $wire:literal, optional) => {
        if !$crate::runtime::Absent::is_absent(&$value) {
            $map.serialize_entry($wire, &$value)?;
        }
    };
    (@put $map:ident, $value:expr, $wire:literal $(, default)?) => {
        $map.serialize_entry($wire, &$value)?;
    };
    (@de $name:ident { $($field:ident : $wire:literal $(= $default:ident)?),* } $extra:ident) => {
        impl<'de> $crate::runtime::__de::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::runtime::__de::Deserializer<'de>,
            {
                use $crate::runtime::__de::{Error as _, MapAccess};
                struct OpenVisitor;
                impl<'de> $crate::runtime::__de::Visitor<'de> for OpenVisitor {
                    type Value = $name;
                    fn expecting(
                        &self,
                        f: &mut ::std::fmt::Formatter<'_>,
                    ) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }
                    fn visit_map<A: MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$name, A::Error> {
                        $(let mut $field = ::std::option::Option::None;)*
                        let mut $extra = ::std::collections::BTreeMap::new();
                        while let ::std::option::Option::Some(key) =
                            map.next_key::<$crate::runtime::__Key<'de>>()?
                        {
                            match key.as_str() {
                                $($wire => {
                                    if $field.is_some() {
                                        return ::std::result::Result::Err(
                                            A::Error::duplicate_field($wire),
                                        );
                                    }
                                    $field = ::std::option::Option::Some(map.next_value()?);
                                })*
                                _ => {
                                    $extra.insert(key.into_string(), map.next_value()?);
                                }
                            }
                        }
                        ::std::result::Result::Ok($name {
                            $($field: $crate::__open_struct!(@get $field, $wire $(, $default)?),)*
                            $extra,
                        })
                    }
                }
                deserializer.deserialize_map(OpenVisitor)
            }
        }
    };
    (@get $field:ident, $wire:literal, default) => {
        $field.unwrap_or_default()
    };
    (@get $field:ident, $wire:literal, optional) => {
        $field.unwrap_or_default()
    };
    (@get $field:ident, $wire:literal) => {
        match $field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => {
                return ::std::result::Result::Err(A::Error::missing_field($wire))
            }
        }
    };
}

/// Whether a field's value is left out of the JSON object (`open_struct!`'s `= optional`
/// fields): `None`, [`Patch::Unchanged`](crate::runtime::Patch::Unchanged), or a `null` value.
pub trait Absent {
    /// Whether the value is left out.
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::runtime::Patch<T> {
    fn is_absent(&self) -> bool {
        self.is_unchanged()
    }
}

impl Absent for serde_json::Value {
    fn is_absent(&self) -> bool {
        self.is_null()
    }
}
