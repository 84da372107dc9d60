//! The objects of a 3.1/3.2 document that hold schemas (path items, operations, parameters,
//! headers, request bodies, responses, media types, components), walked to rewrite each schema.

use super::{child, each_entry, schema::schema, At, Rewrite};
use crate::diag::{join, unescape};
use crate::ir::StreamFormat;
use serde_yaml::{Mapping, Value};

/// Where a streamed media type's `itemSchema` is kept in the 3.0 model (read by `lower`).
const ITEM_SCHEMA: &str = "x-item-schema";

/// The operations of a path item, by their key; `query` is OpenAPI 3.2's.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Every schema in the document, rewritten into OpenAPI 3.0.
pub(super) fn document(root: &mut Mapping, rw: &mut Rewrite) {
    each_entry(root, "paths", &At::ROOT, rw, path_item);
    each_entry(root, "webhooks", &At::ROOT, rw, path_item);
    let Some(components) = child(root, "components") else {
        return;
    };
    let c = &At::ROOT.key("components");
    each_entry(components, "schemas", c, rw, schema);
    each_entry(components, "parameters", c, rw, parameter);
    each_entry(components, "headers", c, rw, parameter);
    each_entry(components, "requestBodies", c, rw, content_holder);
    each_entry(components, "responses", c, rw, response);
    each_entry(components, "pathItems", c, rw, path_item);
    each_entry(components, "callbacks", c, rw, callback);
}

/// `$ref: '#/components/pathItems/X'` under `paths` and `webhooks` (OpenAPI 3.1 has a place for
/// path items under `components`; the 3.0 model has not): replaced by the path item it names,
/// which is recorded as moved so that diagnostics and docs point into `components/pathItems`.
pub(super) fn inline_path_item_refs(root: &mut Mapping, rw: &mut Rewrite) {
    let items = root
        .get("components")
        .and_then(|c| c.get("pathItems"))
        .and_then(Value::as_mapping)
        .cloned();
    let Some(items) = items else {
        return;
    };
    for key in ["paths", "webhooks"] {
        let Some(entries) = child(root, key) else {
            continue;
        };
        for (path, item) in entries.iter_mut() {
            let Some(path) = path.as_str() else {
                continue;
            };
            let mut source = None;
            // A chain of references is followed to its end (bounded: a cycle stays a `$ref`,
            // which lower reports as unresolved).
            for _ in 0..crate::diag::MAX_REF_LINKS {
                let Some(name) = item
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/pathItems/"))
                    .map(|n| unescape(n).into_owned())
                else {
                    break;
                };
                let Some(target) = items.get(name.as_str()) else {
                    break;
                };
                source = Some(join("/components/pathItems", &name));
                *item = target.clone();
            }
            if let Some(source) = source {
                rw.moved.push((join(&join("", key), path), source));
            }
        }
    }
}

/// A path item (or a `$ref` to one, left as it is).
pub(super) fn path_item(item: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    let Some(map) = item.as_mapping_mut() else {
        return;
    };
    each_item(map, "parameters", at, rw, parameter);
    for method in METHODS {
        if let Some(op) = map.get_mut(*method) {
            operation(op, &at.key(method), rw);
        }
    }
    each_entry(map, "additionalOperations", at, rw, operation);
    super::methods::gather(map, at, rw);
}

fn operation(op: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    let Some(map) = op.as_mapping_mut() else {
        return;
    };
    each_item(map, "parameters", at, rw, parameter);
    if let Some(body) = map.get_mut("requestBody") {
        content_holder(body, &at.key("requestBody"), rw);
    }
    each_entry(map, "responses", at, rw, response);
    each_entry(map, "callbacks", at, rw, callback);
}

/// A callback: runtime expressions → path items.
fn callback(cb: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    if let Some(map) = cb.as_mapping_mut() {
        for (k, v) in map.iter_mut() {
            if let Some(k) = k.as_str() {
                path_item(v, &at.key(k), rw);
            }
        }
    }
}

/// A parameter or a header: a `schema`, or a `content` map.
fn parameter(p: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    let Some(map) = p.as_mapping_mut() else {
        return;
    };
    if let Some(s) = map.get_mut("schema") {
        schema(s, &at.key("schema"), rw);
    }
    each_entry(map, "content", at, rw, media_type_read_whole);
}

/// A request body (or anything else with just a `content` map).
fn content_holder(b: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    if let Some(map) = b.as_mapping_mut() {
        each_entry(map, "content", at, rw, media_type_read_whole);
    }
}

/// A response: its media types may stream items (`itemSchema`).
fn response(r: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    let Some(map) = r.as_mapping_mut() else {
        return;
    };
    each_entry(map, "headers", at, rw, parameter);
    let Some(content) = child(map, "content") else {
        return;
    };
    let base = at.key("content");
    for (media, m) in content.iter_mut() {
        let Some(media) = media.as_str() else {
            continue;
        };
        let at = base.key(media);
        let streamed = StreamFormat::of(media).is_some();
        media_type(m, &at, rw, streamed);
    }
}

/// A media type of a request body, parameter or header: `itemSchema` is not read there.
fn media_type_read_whole(m: &mut Value, at: &At<'_>, rw: &mut Rewrite) {
    media_type(m, at, rw, false);
}

/// A media type; with `streamed` (a response's sequential media type), its `itemSchema` is
/// kept as `x-item-schema` (the 3.0 model keeps extensions only) for `lower` to read, which
/// streams the items; elsewhere it gets a warning.
fn media_type(m: &mut Value, at: &At<'_>, rw: &mut Rewrite, streamed: bool) {
    let Some(map) = m.as_mapping_mut() else {
        return;
    };
    if let Some(s) = map.get_mut("schema") {
        schema(s, &at.key("schema"), rw);
    }
    if let Some(mut s) = map.remove("itemSchema") {
        if streamed {
            let source = at.key("itemSchema");
            schema(&mut s, &source, rw);
            map.insert(ITEM_SCHEMA.into(), s);
            rw.relocate(&source.build(), &at.key(ITEM_SCHEMA).build());
        } else {
            schema(&mut s, &at.key("itemSchema"), rw);
            map.insert("itemSchema".into(), s);
            rw.sink.warning(
                &at.key("itemSchema").build(),
                "`itemSchema` (OpenAPI 3.2 streamed items) is not used here: only a response \
                 body of a sequential media type is streamed; this body is read whole, as its \
                 `schema` (or as bytes) says",
                Some(
                    "stream responses as `text/event-stream`, `application/jsonl`, \
                     `application/x-ndjson` or `application/json-seq`"
                        .to_owned(),
                ),
            );
        }
    }
    each_entry(map, "encoding", at, rw, |e, at, rw| {
        if let Some(e) = e.as_mapping_mut() {
            each_entry(e, "headers", at, rw, parameter);
        }
    });
}

/// Calls `f` on every element of the sequence at `map[key]`, with its pointer.
fn each_item(
    map: &mut Mapping,
    key: &str,
    at: &At<'_>,
    rw: &mut Rewrite,
    f: impl Fn(&mut Value, &At<'_>, &mut Rewrite),
) {
    if let Some(items) = map.get_mut(key).and_then(Value::as_sequence_mut) {
        let base = at.key(key);
        for (i, v) in items.iter_mut().enumerate() {
            f(v, &base.index(i), rw);
        }
    }
}
