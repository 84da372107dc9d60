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
