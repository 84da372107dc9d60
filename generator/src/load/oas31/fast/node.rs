//! The document around the schemas (SKELETON: the helper fills this in).
#![allow(dead_code, unused_variables)]

use crate::load::Document;

/// The fast path: `None` when the document must be read by the tree path.
pub(crate) fn read(file: &str, text: &str) -> Option<Document> {
    None
}
