//! The fast path for JSON text: one cheap pass that refuses repeated keys, then serde_json
//! straight into `openapiv3::OpenAPI` (whose maps are `IndexMap`s, so key order is kept).
//!
//! The pass matters because deserializing text with a repeated key straight into `OpenAPI`
//! panics inside openapiv3 (its `ReferenceOr` parses the node twice, the second time through a
//! `serde_json::Value`, which keeps only the last of the repeated entries). The pass itself
//! allocates nothing per scalar: keys without escapes are borrowed from the text, and values are
//! looked at only to find the objects inside them.

use foldhash::HashSet;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

/// Whether `text` is meant as JSON: an OpenAPI document in JSON is an object, so its first
/// character (after whitespace) is `{`; a YAML document in block style never starts with one.
/// (YAML in flow style does; [`super::load`] falls back to YAML when the text is not JSON.)
pub(super) fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('{')
}

/// Why the JSON text was refused by [`scan`].
#[derive(Debug)]
pub(super) struct Problem {
    /// JSON pointer of the object holding the repeated key, or of the node being read when the
    /// syntax error was found.
    pub pointer: String,
    /// The key that appears twice, if that is the problem (otherwise a syntax error).
    pub repeated: Option<String>,
    /// serde_json's error, with the line and column.
    pub error: serde_json::Error,
}

/// Reads the whole of `text` as JSON, checking that no object repeats a key.
///
/// # Errors
/// The first repeated key or syntax error, located.
pub(super) fn scan(text: &str) -> Result<(), Problem> {
    let trail = RefCell::new(Trail::default());
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Node { trail: &trail }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    result.map_err(|error| {
        let trail = trail.into_inner();
        Problem {
            pointer: trail.pointer(),
            repeated: trail.repeated,
            error,
        }
    })
}

/// What the scan learns on the way out of a failure: the tokens of the pointer (innermost
/// first, pushed as the error passes each level) and the repeated key, if any.
#[derive(Debug, Default)]
struct Trail {
    tokens: Vec<String>,
    repeated: Option<String>,
}

impl Trail {
    /// The tokens, outermost first, as an RFC 6901 JSON pointer.
    fn pointer(&self) -> String {
        self.tokens
            .iter()
            .rev()
            .fold(String::new(), |base, token| crate::diag::join(&base, token))
    }
}

/// Any JSON value: objects are checked for repeated keys, everything else is skipped.
#[derive(Clone, Copy)]
struct Node<'t> {
    trail: &'t RefCell<Trail>,
}

impl Node<'_> {
    /// Records `token` as part of the failing node's pointer, passing the error on.
    fn within<E>(self, error: E, token: impl FnOnce() -> String) -> E {
        self.trail.borrow_mut().tokens.push(token());
        error
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while seq
            .next_element_seed(self)
            .map_err(|e| self.within(e, || index.to_string()))?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Seen::default();
        while let Some(key) = map.next_key_seed(Key)? {
            if seen.contains(&key) {
                let message = format!("duplicate entry with key {:?}", key.as_ref());
                self.trail.borrow_mut().repeated = Some(key.into_owned());
                return Err(de::Error::custom(message));
            }
            map.next_value_seed(self)
                .map_err(|e| self.within(e, || key.to_string()))?;
            seen.insert(key);
        }
        Ok(())
    }
}

/// An object key (or any string), borrowed from the text unless it has escapes; also read by
/// the 3.1 fast path (`oas31::fast`).
pub(super) struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E>(self, key: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
}

/// The keys of one object so far: a short list searched in order, a hash set once the object
/// grows (`paths` and `components/schemas` have thousands of keys).
#[derive(Default)]
struct Seen<'de> {
    few: Vec<Cow<'de, str>>,
    many: HashSet<Cow<'de, str>>,
}

impl<'de> Seen<'de> {
    /// Past this many keys, lookups go through the hash set.
    const FEW: usize = 16;

    fn contains(&self, key: &str) -> bool {
        self.few.iter().any(|k| k == key) || self.many.contains(key)
    }

    fn insert(&mut self, key: Cow<'de, str>) {
        if self.few.len() < Self::FEW {
            self.few.push(key);
        } else {
            self.many.insert(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_recognised_by_its_first_character() {
        assert!(looks_like_json("  \n{\"openapi\": \"3.0.3\"}"));
        assert!(looks_like_json("\u{feff}{}"));
        assert!(!looks_like_json("openapi: 3.0.3\n"));
        assert!(!looks_like_json("# {comment}\nopenapi: 3.0.3\n"));
    }

    #[test]
    fn distinct_keys_pass() {
        assert!(scan(r#"{"a": {"b": [1, 2.5, "x", null, true]}, "b": {"b": {}}}"#).is_ok());
    }

    #[test]
    fn a_repeated_key_is_located() {
        let p = scan("{\"a\": [{}, {\"x~/\": {\"k\": 1,\n \"k\": 2}}]}").unwrap_err();
        assert_eq!(p.repeated.as_deref(), Some("k"));
        assert_eq!(p.pointer, "/a/1/x~0~1");
        assert_eq!(p.error.line(), 2);
    }

    #[test]
    fn escaped_keys_are_compared_unescaped() {
        let p = scan(r#"{"a": 1, "\u0061": 2}"#).unwrap_err();
        assert_eq!(p.repeated.as_deref(), Some("a"));
        assert_eq!(p.pointer, "");
    }

    #[test]
    fn a_repeated_key_among_many_is_found() {
        let mut text: String = (0..100).map(|i| format!("\"k{i}\": {i}, ")).collect();
        text = format!("{{{text}\"k42\": 0}}");
        assert_eq!(scan(&text).unwrap_err().repeated.as_deref(), Some("k42"));
    }

    #[test]
    fn a_syntax_error_is_located() {
        let p = scan("{\"a\": {\"b\": [1,\n 2,]}}").unwrap_err();
        assert_eq!(p.repeated, None);
        assert_eq!(p.pointer, "/a/b/2", "where the parser was");
        assert_eq!((p.error.line(), p.error.column()), (2, 4));
        assert!(scan("{} {}").is_err(), "trailing characters");
    }
}
