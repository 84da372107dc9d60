//! `Deserialize` for models that keep unknown fields, in one pass.
//!
//! `#[serde(flatten)]` on the map of unknown fields makes serde's derive buffer the whole object
//! into an intermediate tree and deserialize every field a second time from it (and loses the
//! position of errors). [`open_struct!`](crate::runtime::open_struct) reads the object once:
//! known keys straight into their fields, any other key into the map. Generated code invokes it
//! with one line per field, instead of deriving `Deserialize`; `Serialize` is still derived
//! (flattening on the way out costs nothing).

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

/// Implements `Deserialize` for a struct whose last field is a map of the object's unknown
/// keys, with serde's semantics for the rest: `field: "wire"` is required (`missing field`),
/// `field: "wire" = default` takes `Default::default()` when absent, a repeated known key is a
/// `duplicate field` error, and every other key goes into the map, value decoded as the map's
/// value type.
///
/// ```ignore
/// rt::open_struct!(Persona { id: "id", tags: "tags" = default } extra);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __open_struct {
    ($name:ident { $($field:ident : $wire:literal $(= $default:ident)?),* $(,)? } $extra:ident) => {
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
    (@get $field:ident, $wire:literal) => {
        match $field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => {
                return ::std::result::Result::Err(A::Error::missing_field($wire))
            }
        }
    };
}
