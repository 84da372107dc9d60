//! The fast path for OpenAPI 3.1/3.2 documents in JSON: read straight from the text into typed,
//! borrowed parts (no `serde_yaml` tree), the schemas rewritten as [`super::schema`] rewrites
//! them, then handed to openapiv3's own `Deserialize` in their 3.0 form. A document using what
//! only the tree path handles (see [`Bail`]) is read by the tree path instead; both give the
//! same [`Document`](crate::load::Document) (`tests`, against every fixture).

mod node;
mod schema;
#[cfg(test)]
mod schema_tests;
#[cfg(test)]
mod tests;

/// Why the fast path gives up on a document: a feature only the tree path handles (document
/// moves, keywords with warnings or moves of their own), a repeated key, or text that is not
/// a document. The tree path then reads it, and reports what is wrong.
#[derive(Debug)]
pub(super) struct Bail;

pub(crate) use node::read;

use serde::de;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// Whether the keys of `entries` are distinct (the tree path refuses, and reports, a repeated
/// key anywhere): compared in pairs while few, through a hash set past that (`paths` and
/// `components/schemas` have thousands).
fn distinct<T>(entries: &[(Cow<'_, str>, T)]) -> bool {
    const FEW: usize = 16;
    if entries.len() <= FEW {
        return (1..entries.len()).all(|i| entries[..i].iter().all(|(k, _)| *k != entries[i].0));
    }
    let mut seen = foldhash::HashSet::default();
    seen.reserve(entries.len());
    entries.iter().all(|(k, _)| seen.insert(k.as_ref()))
}

/// `raw`, unless an object in it repeats a key (checked by [`crate::load::json::scan`] for
/// objects and arrays; a scalar holds no keys).
fn checked_raw<E: de::Error>(raw: &RawValue) -> Result<&RawValue, E> {
    let text = raw.get();
    if text.starts_with(['{', '[']) && crate::load::json::scan(text).is_err() {
        return Err(bail("a repeated key"));
    }
    Ok(raw)
}

/// The error that makes the fast path give up (serde's way out of a seed).
fn bail<E: de::Error>(why: &str) -> E {
    E::custom(format_args!("for the tree path: {why}"))
}
