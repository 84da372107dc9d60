//! The fast path's schema rewrite against the tree path's, schema by schema: the same
//! openapiv3 schema and the same moves, or a bail.

use super::schema::{rewrite, Schema};
use crate::diag::Sink;
use crate::load::oas31::{schema::schema, At, Rewrite};
use openapiv3::{ReferenceOr, Schema as Schema30};
use serde::Deserialize;

/// A schema as openapiv3 reads it, and the moves recorded on the way.
type Read = (ReferenceOr<Schema30>, Vec<(String, String)>);

/// The tree path's reading of `json` (one schema): the schema, its moves, how many warnings.
fn tree(json: &str) -> (ReferenceOr<Schema30>, Vec<(String, String)>, usize) {
    let mut v: serde_yaml::Value = serde_json::from_str(json).expect("JSON");
    let mut rw = Rewrite {
        moved: Vec::new(),
        sink: Sink::new("x.json"),
        defs: Vec::new(),
    };
    let at = At::ROOT.key("s");
    schema(&mut v, &at, &mut rw);
    let warnings = rw.sink.into_diagnostics().0.len();
    (
        ReferenceOr::<Schema30>::deserialize(&v).expect("3.0 schema"),
        rw.moved,
        warnings,
    )
}

/// The fast path's: `None` when it bails.
fn fast(json: &str) -> Option<Read> {
    let mut s: Schema<'_> = serde_json::from_str(json).ok()?;
    let mut moved = Vec::new();
    rewrite(&mut s, &At::ROOT.key("s"), &mut moved).ok()?;
    Some((
        ReferenceOr::<Schema30>::deserialize(&s).expect("presented"),
        moved,
    ))
}

/// Every case reads the same both ways; `bails` lists those the fast path leaves to the tree.
#[test]
fn fast_schemas_read_as_the_tree_reads_them() {
    let same = [
        r#"{"type": "string"}"#,
        r#"{"type": ["string", "null"], "maxLength": 3}"#,
        r#"{"type": "null"}"#,
        r#"{"type": ["integer", "null"], "format": "int64", "minimum": 1}"#,
        r#"{"const": "a"}"#,
        r#"{"const": 1.5}"#,
        r#"{"const": 2}"#,
        r#"{"const": true, "description": "d"}"#,
        r#"{"type": "string", "const": "x", "enum": ["y"]}"#,
        r#"{"type": "string", "examples": ["a", "b"]}"#,
        r#"{"examples": [{"a": 1}], "example": 2}"#,
        r#"{"examples": {"a": 1}}"#,
        r#"{"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10.5}"#,
        r#"{"type": "number", "exclusiveMinimum": 0, "minimum": 5}"#,
        r#"{"type": "number", "exclusiveMinimum": 5, "minimum": 0}"#,
        r#"{"type": "integer", "exclusiveMaximum": true, "maximum": 3}"#,
        r##"{"$ref": "#/components/schemas/A"}"##,
        r##"{"$ref": "#/components/schemas/A", "description": "d"}"##,
        r##"{"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}"##,
        r#"{"anyOf": [{"type": "string", "maxLength": 2}, {"type": "null"}], "title": "t"}"#,
        r#"{"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}"#,
        r#"{"anyOf": [{"type": "null"}]}"#,
        r#"{"anyOf": [{"type": "string", "nullable": true}, {"type": "null"}]}"#,
        r##"{"anyOf": [{"$ref": "#/a"}, {"type": "null"}], "allOf": [{"$ref": "#/b"}]}"##,
        r#"{"type": "string", "contentEncoding": "base64"}"#,
        r#"{"type": "string", "contentMediaType": "image/png"}"#,
        r#"{"type": "string", "contentMediaType": "application/json"}"#,
        r#"{"type": "string", "format": "uri", "contentEncoding": "base64"}"#,
        r#"{"$schema": "x", "$id": "y", "$comment": "z", "type": "string"}"#,
        r#"{"type": "object", "properties": {"a": {"type": ["string", "null"]}, "b": true},
            "additionalProperties": false, "required": ["a"]}"#,
        r#"{"type": "object", "additionalProperties": {"type": ["string", "null"]}}"#,
        r#"{"type": "array", "items": {"const": 3}}"#,
        r#"{"type": "array", "items": false}"#,
        r#"{"not": {"type": "null"}}"#,
        r#"{"allOf": [{"type": "object", "properties": {"x": {"examples": [1]}}}], "x-a": {"b": [1]}}"#,
        r#"{"type": "object", "properties": {"a\"b": {"type": "string", "description": "é\n"}}}"#,
        r#"true"#,
        r#"false"#,
    ];
    for json in same {
        let (tree_schema, tree_moved, warnings) = tree(json);
        assert_eq!(
            warnings, 0,
            "{json}: the tree warns, so the fast path must bail"
        );
        let (fast_schema, fast_moved) = fast(json).unwrap_or_else(|| panic!("{json}: bailed"));
        assert_eq!(fast_schema, tree_schema, "{json}");
        assert_eq!(fast_moved, tree_moved, "{json}");
    }
    let bails = [
        r#"{"type": ["string", "integer"]}"#,
        r#"{"type": {"a": 1}}"#,
        r#"{"prefixItems": [{"type": "string"}]}"#,
        r#"{"$defs": {"A": {"type": "string"}}}"#,
        r#"{"patternProperties": {"^a": {"type": "string"}}}"#,
        r#"{"dependentRequired": {"a": ["b"]}}"#,
        r#"{"type": "object", "properties": {"a": false}}"#,
        r#"{"type": "string", "contentEncoding": "base32"}"#,
        r#"{"if": {"type": "string"}}"#,
        r##"{"$ref": "#/a", "allOf": [{"$ref": "#/b"}], "description": "d"}"##,
        r#"{"type": "string", "type": "integer"}"#,
        r#"{"type": "object", "properties": {"a": {}, "a": {}}}"#,
        r#"{"type": "string", "example": {"a": 1, "a": 2}}"#,
    ];
    for json in bails {
        assert!(fast(json).is_none(), "{json}: the fast path must bail");
    }
}
