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
    let (s, w) = rewritten("type: object\ndependentRequired: {a: [b]}");
    assert_eq!(s, yaml("type: object\nx-dependent-required: {a: [b]}"));
    assert!(w.is_empty(), "{w:?}");
    let (s, w) = rewritten("type: object\ndependentRequired: {a: b}");
    assert_eq!(s, yaml("type: object"));
    assert!(w[0].contains("`dependentRequired` must map"), "{w:?}");
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
    let (s, _) = rewritten("type: object\nproperties: {a: true}");
    assert_eq!(s, yaml("type: object\nproperties: {a: {}}"));
    let (s, _) = rewritten("type: array\nitems: false");
    assert_eq!(s, yaml("type: array\nitems: {not: {}}"));
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

/// What the client does not generate from a 3.2 document is named, where it stands: an
/// `itemSchema` on a media type that is not sequential. One on a response's sequential media
/// type is kept as `x-item-schema` for `lower`, which streams it, recorded as moved.
#[test]
fn document_features_not_generated_are_warned_about() {
    let text = "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
                responses:\n        '200':\n          description: OK\n          content:\n            \
                application/jsonl: {itemSchema: {type: object}}\n            \
                text/plain: {itemSchema: {type: object}}\n\
                webhooks:\n  made: {post: {responses: {'200': {description: OK}}}}\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    let content = "/paths/~1a/get/responses/200/content";
    assert!(rw.moved.contains(&(
        format!("{content}/application~1jsonl/x-item-schema"),
        format!("{content}/application~1jsonl/itemSchema"),
    )));
    let pointers: Vec<String> = rw
        .sink
        .into_diagnostics()
        .0
        .into_iter()
        .map(|d| d.pointer)
        .collect();
    assert_eq!(pointers, [format!("{content}/text~1plain/itemSchema")]);
    let jsonl = &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/jsonl"];
    assert_eq!(jsonl["x-item-schema"], yaml("type: object"));
    assert!(jsonl.get("itemSchema").is_none());
}

/// A streamed `itemSchema` and the moves inside it are traced back to where they were
/// written: through a `query` operation gathered into `x-additional-operations`, in a path item
/// from `components/pathItems`, and through a `$ref` with siblings.
#[test]
fn item_schema_pointers_lead_back_to_the_source() {
    let text = "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  \
                /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          \
                content:\n            text/event-stream:\n              \
                itemSchema: {$ref: '#/components/schemas/S', description: d}\n  \
                /b: {$ref: '#/components/pathItems/B'}\n\
                components:\n  schemas: {S: {type: object}}\n  pathItems:\n    B:\n      query:\n        \
                responses:\n          '200':\n            description: OK\n            content:\n              \
                application/jsonl: {itemSchema: {type: object, properties: {a: {type: string}}}}\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    let source = |p: &str| crate::load::source_pointer(&rw.moved, p);
    let a = "/paths/~1a/get/responses/200/content/text~1event-stream";
    assert_eq!(
        source(&format!("{a}/x-item-schema")),
        Some(format!("{a}/itemSchema"))
    );
    assert_eq!(
        source(&format!("{a}/x-item-schema/allOf/0")),
        Some(format!("{a}/itemSchema")),
        "the `$ref` moved into `allOf` is the `itemSchema` itself"
    );
    let b = "responses/200/content/application~1jsonl";
    assert_eq!(
        source(&format!(
            "/paths/~1b/x-additional-operations/QUERY/{b}/x-item-schema/properties/a"
        )),
        Some(format!(
            "/components/pathItems/B/query/{b}/itemSchema/properties/a"
        ))
    );
    assert!(rw.sink.into_diagnostics().0.is_empty());
}

/// `dependentRequired` (kept as `x-dependent-required`) and a `$ref` with siblings (moved into
/// `allOf`) in a `query` operation and an `additionalOperations` entry of a path item from
/// `components/pathItems`: what `lower` reports about them names where they were written.
#[test]
fn diagnostics_in_gathered_operations_lead_back_to_the_source() {
    let text = r#"
openapi: 3.2.0
info: {title: t, version: '1'}
servers: [{url: 'https://x'}]
paths:
  /b: {$ref: '#/components/pathItems/B'}
components:
  pathItems:
    B:
      query:
        operationId: q
        requestBody:
          content:
            application/json:
              schema: {type: object, properties: {a: {type: string}}, dependentRequired: {a: [c]}}
        responses: {'204': {description: OK}}
      additionalOperations:
        PURGE:
          operationId: p
          requestBody:
            content:
              application/json:
                schema: {type: object, properties: {a: {type: string}}, dependentRequired: {a: [d]}}
          responses:
            '200':
              description: OK
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Missing', description: d}
"#;
    let diags = match crate::lower_spec("x.yaml", "x", text) {
        Ok((_, _, d)) | Err(d) => d,
    };
    let pointers: Vec<&str> = diags.0.iter().map(|d| d.pointer.as_str()).collect();
    let b = "/components/pathItems/B";
    let json = "content/application~1json/schema";
    let expected = [
        format!("{b}/query/requestBody/{json}/dependentRequired/a"),
        format!("{b}/additionalOperations/PURGE/requestBody/{json}/dependentRequired/a"),
        format!("{b}/additionalOperations/PURGE/responses/200/{json}"),
    ];
    assert_eq!(pointers.len(), expected.len(), "{diags}");
    for p in &expected {
        assert!(pointers.contains(&p.as_str()), "{p} not in {diags}");
    }
}

/// A `$defs` entry moved to `components/schemas` takes the moves inside it along: a warning
/// about its `dependentRequired` names that keyword where it was written.
#[test]
fn dependent_required_in_defs_leads_back_to_the_source() {
    let text = r#"
openapi: 3.1.0
info: {title: t, version: '1'}
servers: [{url: 'https://x'}]
paths: {}
components:
  schemas:
    A:
      type: object
      properties: {x: {$ref: '#/components/schemas/A/$defs/X'}}
      $defs:
        X: {type: object, properties: {a: {type: string}}, dependentRequired: {a: [c]}}
"#;
    let (_, _, diags) = crate::lower_spec("x.yaml", "x", text).expect("only warnings");
    let pointers: Vec<&str> = diags.0.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/components/schemas/A/$defs/X/dependentRequired/a"],
        "{diags}"
    );
}

/// The `allOf` members a `$ref` with siblings shifts take the moves inside them along.
#[test]
fn moves_inside_shifted_all_of_members_follow_them() {
    let text =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
                S: {type: object}\n    \
                T:\n      $ref: '#/components/schemas/S'\n      description: d\n      \
                allOf: [{properties: {p: {$ref: '#/components/schemas/S', description: e}}}]\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    let t = "/components/schemas/T";
    assert_eq!(
        crate::load::source_pointer(&rw.moved, &format!("{t}/allOf/1/properties/p/allOf/0")),
        Some(format!("{t}/allOf/0/properties/p"))
    );
}

/// `query` and `additionalOperations` are gathered into `x-additional-operations`, by the
/// method name as sent, each recorded as moved from where it was written (through a path item
/// from `components/pathItems` too); a method given twice keeps the first.
#[test]
fn query_and_additional_operations_are_gathered() {
    let text = "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    \
                query: {operationId: q, responses: {'200': {description: OK}}}\n    \
                additionalOperations:\n      PURGE: {operationId: p, responses: {'204': {description: OK}}}\n      \
                QUERY: {operationId: q2, responses: {'204': {description: OK}}}\n  \
                /b: {$ref: '#/components/pathItems/B'}\n\
                components:\n  pathItems:\n    B:\n      additionalOperations:\n        \
                LINK: {operationId: l, responses: {'204': {description: OK}}}\n";
    let mut doc = yaml(text);
    let rw = rewrite("x.yaml", &mut doc);
    let ops = &doc["paths"]["/a"]["x-additional-operations"];
    let names: Vec<&str> = ops
        .as_mapping()
        .unwrap()
        .keys()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(names, ["QUERY", "PURGE"]);
    assert_eq!(ops["QUERY"]["operationId"], Value::from("q"));
    assert!(doc["paths"]["/a"].get("query").is_none());
    assert_eq!(
        doc["paths"]["/b"]["x-additional-operations"]["LINK"]["operationId"],
        Value::from("l")
    );
    let source = |p: &str| crate::load::source_pointer(&rw.moved, p);
    assert_eq!(
        source("/paths/~1a/x-additional-operations/QUERY/responses").as_deref(),
        Some("/paths/~1a/query/responses")
    );
    assert_eq!(
        source("/paths/~1a/x-additional-operations/PURGE").as_deref(),
        Some("/paths/~1a/additionalOperations/PURGE")
    );
    assert_eq!(
        source("/paths/~1b/x-additional-operations/LINK").as_deref(),
        Some("/components/pathItems/B/additionalOperations/LINK")
    );
    let warnings = rw.sink.into_diagnostics();
    assert_eq!(warnings.0.len(), 1);
    assert_eq!(
        warnings.0[0].pointer,
        "/paths/~1a/additionalOperations/QUERY"
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

/// A `false` property schema (a misplaced `additionalProperties: false`) is left out, and a
/// `type` that is a map is dropped, each with a warning naming the keyword and the fix (two of
/// the corpus's Codat specs).
#[test]
fn mistakes_of_real_specs_are_read_leniently() {
    let (s, w) =
        rewritten("type: object\nproperties: {additionalProperties: false, a: {type: string}}");
    assert_eq!(s, yaml("type: object\nproperties: {a: {type: string}}"));
    assert!(
        w[0].starts_with("/components/schemas/S/properties/additionalProperties: property `additionalProperties` has the schema `false`"),
        "{w:?}"
    );
    let (s, w) = rewritten("type: {enum: [a, b], type: string}");
    assert_eq!(s, yaml("{}"));
    assert!(
        w[0].starts_with("/components/schemas/S/type: `type` must be"),
        "{w:?}"
    );
}

/// A `$ref` into a `definitions` entry (`.../definitions/B/allOf/1`) follows the entry to
/// `components/schemas`.
#[test]
fn refs_into_moved_definitions_follow_them() {
    let (s, _) = rewritten(
        "type: object\nproperties: {b: {$ref: '#/components/schemas/S/definitions/B/allOf/0'}}\n\
         definitions: {B: {allOf: [{type: string}]}}",
    );
    assert_eq!(
        s,
        yaml("type: object\nproperties: {b: {$ref: '#/components/schemas/B/allOf/0'}}")
    );
}

/// The pointers of the warnings `lower_spec` gives for `text`.
fn warning_pointers(text: &str) -> Vec<String> {
    let diags = match crate::lower_spec("x.yaml", "x", text) {
        Ok((_, _, d)) | Err(d) => d,
    };
    diags.0.into_iter().map(|d| d.pointer).collect()
}

/// A `$defs` entry with a tuple of different types (a warning from the rewrite) and a
/// `dependentRequired` naming an undeclared property (a warning from `lower`), as YAML flow.
const DEF: &str = "{type: object, properties: {a: {type: array, prefixItems: [{type: string}, {type: integer}]}}, \
                   dependentRequired: {a: [zz]}}";

/// A `$defs` entry inside an operation that moves (a 3.2 `query` operation, gathered into
/// `x-additional-operations`; a webhook's, moved to `x-webhooks`) is hoisted to
/// `components/schemas` after the operation moved: warnings inside it name it where it was
/// written.
#[test]
fn defs_inside_moved_operations_lead_back_to_the_source() {
    let query = "openapi: 3.2.0\npaths:\n  /x:\n    query:";
    let webhook = "openapi: 3.1.0\npaths: {}\nwebhooks:\n  w:\n    post:";
    for (head, op) in [(query, "/paths/~1x/query"), (webhook, "/webhooks/w/post")] {
        let schema = format!("{op}/requestBody/content/application~1json/schema");
        let text = format!(
            "{head}\n      operationId: o\n      requestBody:\n        content:\n          application/json:\n            \
             schema: {{$ref: '#{schema}/$defs/D', $defs: {{D: {DEF}}}}}\n      \
             responses: {{'204': {{description: OK}}}}\n\
             info: {{title: t, version: '1'}}\nservers: [{{url: 'https://x'}}]\n"
        );
        let d = format!("{schema}/$defs/D");
        assert_eq!(
            warning_pointers(&text),
            [
                format!("{d}/properties/a/prefixItems"),
                format!("{d}/dependentRequired/a")
            ]
        );
    }
}

/// A `$ref` with siblings shifts the `allOf` members after the warnings inside them were given
/// and their `$defs` entries taken out: both name the member where it was written (`allOf/0`),
/// not the schema whose `$ref` moved into that place.
#[test]
fn warnings_inside_shifted_all_of_members_lead_back_to_the_source() {
    let text = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x'}}]\npaths: {{}}\ncomponents:\n  schemas:\n    \
         S: {{type: object, properties: {{s: {{type: string}}}}}}\n    \
         T:\n      $ref: '#/components/schemas/S'\n      description: d\n      allOf:\n      \
         - $defs: {{D: {DEF}}}\n        properties:\n          d: {{$ref: '#/components/schemas/T/allOf/0/$defs/D'}}\n          \
         t: {{type: array, prefixItems: [{{type: string}}, {{type: integer}}]}}\n"
    );
    let t = "/components/schemas/T/allOf/0";
    assert_eq!(
        warning_pointers(&text),
        [
            format!("{t}/$defs/D/properties/a/prefixItems"),
            format!("{t}/properties/t/prefixItems"),
            format!("{t}/$defs/D/dependentRequired/a"),
        ]
    );
}
