//! Each 2020-12 keyword rewritten as a 3.0 author writes it.

use super::*;

/// `schema` (YAML) rewritten as a component schema: the 3.0 schema and the warnings.
fn rewritten(schema: &str) -> (Value, Vec<String>) {
    let indented: String = schema.lines().map(|l| format!("      {l}\n")).collect();
    let text = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\ncomponents:\n  schemas:\n    S:\n{indented}"
    );
    let mut doc = yaml(&text);
    let rw = rewrite("x.yaml", &mut doc);
    let warnings = rw
        .sink
        .into_diagnostics()
        .0
        .into_iter()
        .map(|d| format!("{}: {}", d.pointer, d.message))
        .collect();
    (doc["components"]["schemas"]["S"].clone(), warnings)
}

/// A YAML literal of these tests (test code: a typo in one is a failed test, not spec input).
fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("the test's YAML literal parses")
}

#[test]
fn type_array_with_null_is_nullable() {
    let (s, w) = rewritten("type: [string, 'null']\nmaxLength: 3");
    assert_eq!(s, yaml("type: string\nmaxLength: 3\nnullable: true"));
    assert!(w.is_empty());
}

#[test]
fn several_types_become_a_one_of() {
    let (s, _) =
        rewritten("type: [string, integer, 'null']\nmaxLength: 3\nminimum: 1\ndescription: d");
    assert_eq!(
        s,
        yaml(
            "description: d\nnullable: true\noneOf:\n- {type: string, maxLength: 3}\n- {type: integer, minimum: 1}"
        )
    );
}

#[test]
fn const_and_examples() {
    let (s, _) = rewritten("const: cat\nexamples: [cat, dog]");
    assert_eq!(s, yaml("type: string\nenum: [cat]\nexample: cat"));
}

#[test]
fn numeric_exclusive_bounds() {
    let (s, _) = rewritten("type: number\nexclusiveMinimum: 0\nexclusiveMaximum: 10\nmaximum: 5");
    assert_eq!(
        s,
        yaml("type: number\nmaximum: 5\nminimum: 0\nexclusiveMinimum: true")
    );
}

#[test]
fn ref_with_siblings_is_an_all_of() {
    let (s, _) = rewritten("$ref: '#/components/schemas/T'\ndescription: d");
    assert_eq!(
        s,
        yaml("description: d\nallOf: [{$ref: '#/components/schemas/T'}]")
    );
}

#[test]
fn null_member_of_any_of() {
    let (s, _) = rewritten("anyOf: [{$ref: '#/components/schemas/T'}, {type: 'null'}]");
    assert_eq!(
        s,
        yaml("nullable: true\nallOf: [{$ref: '#/components/schemas/T'}]")
    );
    let (s, _) = rewritten("oneOf: [{type: string, format: uuid}, {type: 'null'}]\ndescription: d");
    assert_eq!(
        s,
        yaml("description: d\nnullable: true\ntype: string\nformat: uuid")
    );
}

#[test]
fn defs_move_to_components() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    \
                A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/A/$defs/B'}\n      \
                $defs:\n        B: {type: string, enum: [x]}\n    B: {type: integer}\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["A_B"], yaml("{type: string, enum: [x]}"));
    assert_eq!(
        schemas["A"]["properties"]["b"],
        yaml("{$ref: '#/components/schemas/A_B'}")
    );
    assert_eq!(
        rw.moved,
        [(
            "/components/schemas/A_B".to_owned(),
            "/components/schemas/A/$defs/B".to_owned()
        )]
    );
}

#[test]
fn content_keywords_are_formats() {
    let (s, _) = rewritten("type: string\ncontentEncoding: base64\ncontentMediaType: image/png");
    assert_eq!(s, yaml("type: string\nformat: byte"));
    let (s, _) = rewritten("type: string\ncontentMediaType: application/octet-stream");
    assert_eq!(s, yaml("type: string\nformat: binary"));
    let (s, _) = rewritten("type: string\ncontentMediaType: application/json");
    assert_eq!(s, yaml("type: string"));
    let (_, w) = rewritten("type: string\ncontentEncoding: quoted-printable");
    assert_eq!(
        w,
        ["/components/schemas/S/contentEncoding: `contentEncoding: quoted-printable` is not decoded: the value is the encoded string"]
    );
}

#[test]
fn object_keywords() {
    let (s, w) = rewritten("type: object\nunevaluatedProperties: false");
    assert_eq!(s, yaml("type: object\nadditionalProperties: false"));
    assert!(w.is_empty());
    let (s, w) = rewritten("type: object\npatternProperties: {'^x-': {type: string}}");
    assert_eq!(
        s,
        yaml("type: object\nadditionalProperties: {type: string}")
    );
    assert_eq!(w.len(), 1);
    assert!(
        w[0].starts_with("/components/schemas/S/patternProperties: "),
        "{w:?}"
    );
    let (_, w) = rewritten("type: object\ndependentRequired: {a: [b]}");
    assert!(w[0].contains("`dependentRequired` is not checked"), "{w:?}");
}

#[test]
fn tuples() {
    let (s, w) =
        rewritten("type: array\nprefixItems: [{type: number}, {type: number}]\nitems: false");
    assert_eq!(s, yaml("type: array\nitems: {type: number}\nmaxItems: 2"));
    assert!(w.is_empty());
    let (s, w) = rewritten("type: array\nprefixItems: [{type: number}, {type: string}]");
    assert_eq!(s, yaml("type: array\nitems: {}"));
    assert!(
        w[0].starts_with("/components/schemas/S/prefixItems: "),
        "{w:?}"
    );
}

#[test]
fn unsupported_keywords_are_named() {
    let (_, w) = rewritten("type: object\nif: {required: [a]}\nthen: {required: [b]}");
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("keyword `if`"), "{w:?}");
}

#[test]
fn boolean_schemas() {
    let (s, _) = rewritten("type: object\nproperties: {a: true, b: false}");
    assert_eq!(s, yaml("type: object\nproperties: {a: {}, b: {not: {}}}"));
}

#[test]
fn path_items_from_components() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: '#/components/pathItems/A'}\n\
                components:\n  pathItems:\n    A:\n      get:\n        responses: {'200': {description: OK}}\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    assert_eq!(doc["paths"]["/a"], doc["components"]["pathItems"]["A"]);
    assert_eq!(
        rw.moved,
        [(
            "/paths/~1a".to_owned(),
            "/components/pathItems/A".to_owned()
        )]
    );
}

/// What the client does not generate from a 3.2 document is named, where it stands.
#[test]
fn document_features_not_generated_are_warned_about() {
    let text = "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    query:\n      \
                responses:\n        '200':\n          description: OK\n          content:\n            \
                application/jsonl: {itemSchema: {type: object}}\n\
                webhooks:\n  made: {post: {responses: {'200': {description: OK}}}}\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    let pointers: Vec<String> = rw
        .sink
        .into_diagnostics()
        .0
        .into_iter()
        .map(|d| d.pointer)
        .collect();
    assert_eq!(
        pointers,
        [
            "/paths/~1a/query/responses/200/content/application~1jsonl/itemSchema",
            "/paths/~1a/query",
            "/webhooks"
        ]
    );
}

/// Drafts before 2019-09 spell `$defs` as `definitions`; both move the same way.
#[test]
fn definitions_move_like_defs() {
    let (s, _) = rewritten("type: object\nproperties: {b: {$ref: '#/components/schemas/S/definitions/B'}}\ndefinitions: {B: {type: string}}");
    assert_eq!(
        s,
        yaml("type: object\nproperties: {b: {$ref: '#/components/schemas/B'}}")
    );
}

/// FastAPI (Pydantic 2) writes an optional field as `anyOf: [T, {type: null}]` beside its
/// `title` and `default: null`: the same field as `type: T, nullable: true`.
#[test]
fn pydantic_optional_field() {
    let (s, w) = rewritten(
        "anyOf: [{type: string, maxLength: 5}, {type: 'null'}]\ntitle: Nick\ndefault: null",
    );
    assert_eq!(
        s,
        yaml("title: Nick\ndefault: null\nnullable: true\ntype: string\nmaxLength: 5")
    );
    assert!(w.is_empty());
}
