//! String enums of a spec: one trait holding the table of listed values, and one macro that
//! gives each generated enum its inherent methods and trait impls from that table, instead of
//! a page of hand-expanded impls (and serde's derive) per enum. GitHub's REST spec has some
//! 3,000 enums, so what each costs to compile counts.

use super::UnknownValue;
use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::Serializer;

/// A string enum the spec declares (implemented by `str_enum!` for every generated one).
pub trait StrEnum: Sized + Clone + 'static {
    /// The type's name, for errors.
    const NAME: &'static str;
    /// Every listed value with its variant, in spec order.
    const VALUES: &'static [(&'static str, Self)];
    /// The wire value.
    fn wire(&self) -> &str;
}

/// The variant for a listed `value`, if any.
pub fn listed<T: StrEnum>(value: &str) -> Option<T> {
    T::VALUES
        .iter()
        .find(|(wire, _)| *wire == value)
        .map(|(_, v)| v.clone())
}

/// `FromStr` of a generated enum: a listed value, anything else is an error (also for open
/// enums: only decoding creates `Unknown`).
///
/// # Errors
/// [`UnknownValue`] naming the type and the value, when the value is not listed.
pub fn parse_enum<T: StrEnum>(value: &str) -> Result<T, UnknownValue> {
    listed(value).ok_or_else(|| UnknownValue {
        type_name: T::NAME,
        value: value.to_owned(),
    })
}

/// `Serialize` of a generated enum: its wire value as a JSON string.
///
/// # Errors
/// Those of the serializer.
pub fn serialize_enum<T: StrEnum, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.wire())
}

/// `Deserialize` of a closed generated enum (one the server never sends): a listed value
/// becomes its variant, any other is refused. Open enums decode through
/// [`deserialize_open`](super::deserialize_open), which keeps unlisted values.
///
/// # Errors
/// When the value is not a string, or not listed (the message lists the expected values).
pub fn deserialize_enum<'de, T: StrEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let value = String::deserialize(d)?;
    listed(&value).ok_or_else(|| {
        let expected: Vec<&str> = T::VALUES.iter().map(|(w, _)| *w).collect();
        D::Error::custom(format!(
            "unknown variant `{value}` of {}, expected one of {expected:?}",
            T::NAME
        ))
    })
}

/// What `str_enum!` expands to needs from serde.
#[doc(hidden)]
pub mod __ser {
    pub use serde::de::{Deserialize, Deserializer};
    pub use serde::ser::{Serialize, SerializeMap, Serializer};
}

/// The inherent methods (`ALL`, `as_str`, and `is_unknown` for open enums) and the impls
/// (`StrEnum`, `Display`, `FromStr`, `AsRef<str>`, `Serialize`, `Deserialize`) of a generated
/// string enum, from its variants and their wire values:
///
/// ```ignore
/// rt::str_enum!(SortOrder { Asc: "asc", Desc: "desc" });          // closed, `Copy`
/// rt::str_enum!(Status { Active: "active" }, Unknown);             // open: keeps unlisted values
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __str_enum {
    ($name:ident { $($variant:ident : $wire:literal),* $(,)? }) => {
        impl $name {
            /// Every value the spec lists, in spec order.
            pub const ALL: [Self; <[&str]>::len(&[$($wire),*])] = [$(Self::$variant),*];
            /// The wire value.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $wire,)* }
            }
        }
        impl $crate::runtime::StrEnum for $name {
            const NAME: &'static str = stringify!($name);
            const VALUES: &'static [(&'static str, Self)] = &[$(($wire, Self::$variant)),*];
            fn wire(&self) -> &str {
                self.as_str()
            }
        }
        impl<'de> $crate::runtime::__ser::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::__ser::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_enum(d)
            }
        }
        $crate::__str_enum!(@impls $name);
    };
    ($name:ident { $($variant:ident : $wire:literal),* $(,)? }, $unknown:ident) => {
        impl $name {
            /// Every value the spec lists, in spec order.
            pub const ALL: [Self; <[&str]>::len(&[$($wire),*])] = [$(Self::$variant),*];
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self { $(Self::$variant => $wire,)* Self::$unknown(u) => u.as_str() }
            }
            /// Whether this is a value the spec does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::$unknown(_))
            }
        }
        impl $crate::runtime::StrEnum for $name {
            const NAME: &'static str = stringify!($name);
            const VALUES: &'static [(&'static str, Self)] = &[$(($wire, Self::$variant)),*];
            fn wire(&self) -> &str {
                self.as_str()
            }
        }
        impl $crate::runtime::OpenEnum<String> for $name {
            fn known(value: &String) -> Option<Self> {
                $crate::runtime::listed(value)
            }
            fn unknown(value: $crate::runtime::Unknown<String>) -> Self {
                Self::$unknown(value)
            }
        }
        impl<'de> $crate::runtime::__ser::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::__ser::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_open::<D, String, Self>(d)
            }
        }
        $crate::__str_enum!(@impls $name);
    };
    (@impls $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = $crate::runtime::UnknownValue;
            /// Parses a value the spec lists; anything else is an error.
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::runtime::parse_enum(s)
            }
        }
        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl $crate::runtime::__ser::Serialize for $name {
            fn serialize<S: $crate::runtime::__ser::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_enum(self, s)
            }
        }
    };
}
