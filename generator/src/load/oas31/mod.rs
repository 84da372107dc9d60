//! OpenAPI 3.1 and 3.2 documents, read into the OpenAPI 3.0 model (`openapiv3::OpenAPI`) that
//! `lower` reads.
//!
//! The document is rewritten as an untyped YAML value, node by node, into what the same API
//! says in OpenAPI 3.0 (`type: [string, "null"]` → `type: string, nullable: true`; `examples`
//! → `example`; numeric `exclusiveMinimum` → `minimum` + `exclusiveMinimum: true`; `$ref` with
//! siblings → `allOf: [$ref]` + siblings; `$defs` → `components/schemas`; ...). `lower` then
//! sees exactly what it would see for the 3.0 spec, so every feature of the client works the
//! same and no stage past `load` knows which version was read. What 3.0 cannot say (a key
//! pattern of `patternProperties`, `prefixItems` tuples) becomes a warning located at the
//! keyword; `dependentRequired` is kept as the extension `x-dependent-required`, and the
//! `itemSchema` of a response's sequential media type (`text/event-stream`, JSON lines, JSON
//! text sequences) as `x-item-schema`, which `lower` reads into a streamed response.
//!
//! Why not the `oas3` crate (0.22): its schema model has no `$defs`, `dependentRequired`,
//! `patternProperties`, `unevaluatedProperties`, `contentEncoding` or `contentMediaType`, and
//! no OpenAPI 3.2 (`query`, `additionalOperations`, `itemSchema`); its default feature turns on
//! serde_json's `preserve_order` for the whole build; and `lower` would need a second reader of
//! every object. Rewriting into the model `lower` already reads costs one walk over the value
//! the 3.0 YAML path parses anyway (see `benches/generate.rs`, group `load_31`).
//!
//! JSON is read by [`fast`] first: the document's parts that hold schemas typed, the schemas
//! as keyword lists, every other value as its raw text, all borrowed from the text (building
//! the YAML value was half of a 3.1 JSON load: 1.45× the 3.0 load with it, 1.14× without). It
//! rewrites the schemas as [`schema`] does and gives up, for this module's rewrite, on whatever
//! moves nodes or warns (`webhooks`, `components/pathItems`, `query`, `itemSchema`, `$defs`,
//! `prefixItems`, ...). Its tests hold it to this module's output on every fixture.

pub(crate) mod fast;
mod lenient;
mod methods;
mod paths;
mod schema;
mod webhooks;

use crate::diag::{join, Sink};
use serde_yaml::{Mapping, Value};

/// What rewriting a 3.1/3.2 document found: nodes it moved, and keywords that lose meaning.
pub(crate) struct Rewrite {
    /// (pointer in the rewritten document, pointer in the source) for each moved node.
    pub moved: Vec<(String, String)>,
    /// Warnings for keywords that the 3.0 model, and so the client, cannot express, at
    /// pointers into the rewritten document (taken back to the source through `moved`, as
    /// `lower`'s are).
    pub sink: Sink,
    /// `$defs` entries taken out of their schemas, to hoist: (pointer into the document as
    /// rewritten so far, name, rewritten schema). The pointer follows the moves of the nodes
    /// around it (a `query` operation, `webhooks`), like the moves in `moved`.
    defs: Vec<(String, String, Value)>,
}

impl Rewrite {
    /// Records that the node now at `to` was at `from` (a pointer into the document as
    /// rewritten so far): the moves already recorded inside `from` follow it, and `from` is
    /// taken back through the moves recorded before (a path item from `components/pathItems`).
    fn relocate(&mut self, from: &str, to: &str) {
        let source = self.source(from);
        self.rebase(from, to);
        self.moved.push((to.to_owned(), source));
    }

    /// Where the node at `pointer` (into the document as rewritten so far) was written: taken
    /// back through the moves recorded before (a path item from `components/pathItems`).
    fn source(&self, pointer: &str) -> String {
        crate::load::source_pointer(&self.moved, pointer).unwrap_or_else(|| pointer.to_owned())
    }

    /// The moves recorded inside the node at `from`, which is now at `to`, follow it, and so
    /// do the `$defs` entries taken out of it (hoisted only at the end, from where they are
    /// then) and the warnings about it (`lower` takes them back through `moved` with its
    /// own): a pointer left behind would be taken back to the wrong place.
    fn rebase(&mut self, from: &str, to: &str) {
        let pointers = (self.moved.iter_mut().map(|(moved, _)| moved))
            .chain(self.defs.iter_mut().map(|(at, ..)| at))
            .chain(self.sink.out.0.iter_mut().map(|d| &mut d.pointer));
        for p in pointers {
            if let Some(rest) = p.strip_prefix(from) {
                if rest.is_empty() || rest.starts_with('/') {
                    *p = format!("{to}{rest}");
                }
            }
        }
    }
}

/// Whether `version` (the `openapi` field) is one this module reads: 3.1.x or 3.2.x.
pub(crate) fn reads(version: &str) -> bool {
    ["3.1", "3.2"]
        .iter()
        .any(|v| version == *v || version.strip_prefix(v).is_some_and(|r| r.starts_with('.')))
}

/// Rewrites the 3.1/3.2 document `doc` in place into OpenAPI 3.0.3.
pub(crate) fn rewrite(file: &str, doc: &mut Value) -> Rewrite {
    let mut rw = Rewrite {
        moved: Vec::new(),
        sink: Sink::new(file),
        defs: Vec::new(),
    };
    let Some(root) = doc.as_mapping_mut() else {
        return rw;
    };
    root.insert("openapi".into(), "3.0.3".into());
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    paths::inline_path_item_refs(root, &mut rw);
    paths::document(root, &mut rw);
    webhooks::move_webhooks(root, &mut rw);
    schema::hoist_defs(root, &mut rw);
    rw
}

/// A JSON pointer in parts, each borrowed from a caller's frame, made into a string only when a
/// warning or a moved node needs it (making one for every node was most of the rewrite's time).
#[derive(Clone, Copy)]
pub(super) struct At<'p> {
    up: Option<&'p At<'p>>,
    token: Token<'p>,
}

#[derive(Clone, Copy)]
enum Token<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> At<'p> {
    /// The whole document (`""`).
    pub const ROOT: At<'static> = At {
        up: None,
        token: Token::Root,
    };

    /// The entry `key` of this node.
    pub fn key(&'p self, key: &'p str) -> At<'p> {
        At {
            up: Some(self),
            token: Token::Key(key),
        }
    }

    /// The element `index` of this node.
    pub fn index(&'p self, index: usize) -> At<'p> {
        At {
            up: Some(self),
            token: Token::Index(index),
        }
    }

    /// The RFC 6901 JSON pointer.
    pub fn build(&self) -> String {
        let base = self.up.map(At::build).unwrap_or_default();
        match self.token {
            Token::Root => base,
            Token::Key(k) => join(&base, k),
            Token::Index(i) => join(&base, &i.to_string()),
        }
    }
}

/// The entry `key` of the mapping `map`, if it is a mapping.
fn child<'v>(map: &'v mut Mapping, key: &str) -> Option<&'v mut Mapping> {
    map.get_mut(key).and_then(Value::as_mapping_mut)
}

/// Calls `f` on every entry of the mapping at `map[key]`, with where it stands.
fn each_entry(
    map: &mut Mapping,
    key: &str,
    at: &At<'_>,
    rw: &mut Rewrite,
    mut f: impl FnMut(&mut Value, &At<'_>, &mut Rewrite),
) {
    let Some(entries) = child(map, key) else {
        return;
    };
    let base = at.key(key);
    for (k, v) in entries.iter_mut() {
        if let Some(k) = k.as_str() {
            f(v, &base.key(k), rw);
        }
    }
}

#[cfg(test)]
mod tests;
