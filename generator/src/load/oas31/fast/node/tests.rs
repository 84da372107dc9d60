//! The document around the schemas: read as the tree path reads it, or refused. (Documents
//! without schemas; every fixture is compared with the tree path in `fast`'s own tests.)

use super::read;
use crate::load::read_newer_tree;

/// A 3.1 document with `rest` after `info`.
fn doc(rest: &str) -> String {
    format!(r#"{{"openapi": "3.1.0", "info": {{"title": "t", "version": "1"}}{rest}}}"#)
}

/// `text` reads on the fast path, as on the tree path.
fn same(text: &str) {
    let tree = read_newer_tree("x.json", text).unwrap_or_else(|| {
        let why = crate::load::load("x.json", text).unwrap_err();
        panic!("the tree path refuses it: {why}")
    });
    let fast = read("x.json", text).expect("the fast path reads it");
    assert_eq!(fast, tree);
}

/// `text` is left to the tree path.
fn bails(text: &str) {
    assert!(read("x.json", text).is_none(), "{text}");
}

#[test]
fn the_version_reads_as_3_0_3_and_paths_default_to_empty() {
    let text = doc("");
    let d = read("x.json", &text).unwrap();
    assert_eq!(d.openapi.openapi, "3.0.3");
    assert!(d.openapi.paths.paths.is_empty());
    assert!(d.moved.is_empty());
    same(&text);
    same(&doc(r#", "paths": {}"#).replace("3.1.0", "3.2.0"));
}

#[test]
fn a_document_without_schemas_reads_as_on_the_tree_path() {
    let content = r#"{"application/json": {"example": {"a": [1, 2.5]},
        "encoding": {"a": {"style": "form", "explode": true,
            "headers": {"X-E": {"content": {"text/plain": {}}}}}}}}"#;
    let op = format!(
        r##"{{"operationId": "op", "tags": ["t"], "x-op": {{"k": null}},
        "parameters": [{{"name": "q", "in": "query", "content": {content}}},
                       {{"$ref": "#/components/parameters/P"}}],
        "requestBody": {{"content": {content}}},
        "responses": {{"200": {{"description": "OK",
            "headers": {{"X-R": {{"content": {content}}}}}, "content": {content}}},
            "default": {{"$ref": "#/components/responses/R"}},
            "x-resp": {{"201": {{"description": "not a response"}}}}, "x-flag": true}},
        "callbacks": {{"cb": {{"{{$request.body#/url}}": {{"post": {{"responses": {{}}}}}},
            "x-cb": {{"summary": "x"}}}}}}}}"##
    );
    let text = doc(&format!(
        r#", "servers": [{{"url": "https://e.x"}}], "x-top": [{{"a": 1}}],
        "paths": {{"/a/{{id}}": {{"summary": "s", "get": {op}, "patch": {op},
            "parameters": [{{"name": "id", "in": "path", "required": true, "content": {content}}}]}},
            "x-paths": {{"get": {op}}}, "x-none": "n"}},
        "components": {{"parameters": {{"P": {{"name": "h", "in": "header", "content": {content}}}}},
            "responses": {{"R": {{"description": "r", "content": {content}}}}},
            "requestBodies": {{"B": {{"content": {content}}}}},
            "headers": {{"H": {{"content": {content}}}}},
            "callbacks": {{"C": {{"/x": {{"get": {{"responses": {{}}}}}}}},
                "D": {{"$ref": "C"}}}},
            "securitySchemes": {{"k": {{"type": "apiKey", "name": "k", "in": "header"}}}}}},
        "security": [{{"k": []}}], "tags": [{{"name": "t"}}]"#
    ));
    same(&text);
    let d = read("x.json", &text).unwrap();
    let paths: Vec<_> = d.openapi.paths.paths.keys().collect();
    assert_eq!(paths, ["/a/{id}"]);
    assert!(d.openapi.paths.extensions.contains_key("x-paths"));
}

#[test]
fn what_moves_nodes_is_left_to_the_tree_path() {
    let item = r#"{"get": {"responses": {}}}"#;
    bails(&doc(&format!(r#", "webhooks": {{"w": {item}}}"#)));
    bails(&doc(r#", "paths": {"/a": {"query": {"responses": {}}}}"#));
    bails(&doc(
        r#", "paths": {"/a": {"additionalOperations": {"PURGE": {"responses": {}}}}}"#,
    ));
    bails(&doc(
        r##", "paths": {"/a": {"$ref": "#/components/pathItems/A"}}"##,
    ));
    bails(&doc(&format!(
        r#", "components": {{"pathItems": {{"A": {item}}}}}"#
    )));
    bails(&doc(
        r#", "paths": {"/a": {"get": {"responses": {"200": {"description": "OK",
            "content": {"text/event-stream": {"itemSchema": true}}}}}}}"#,
    ));
    // Inside an extension the tree path reads as a path item, too.
    bails(&doc(r#", "paths": {"x-a": {"query": {"responses": {}}}}"#));
}

#[test]
fn repeated_keys_are_left_to_the_tree_path() {
    // In an object read as a map, in a raw value, in a raw list, in an extension, at the top.
    bails(&doc(r#", "paths": {"/a": {}, "/a": {}}"#));
    bails(&doc(r#", "servers": [{"url": "a", "url": "b"}]"#));
    bails(&doc(r#", "x-e": {"a": {"b": 1, "b": 2}}"#));
    bails(&doc(r#", "paths": {"x-e": {"a": 1, "a": 2}}"#));
    bails(&doc(r#", "paths": {"x-e": [{"a": 1, "a": 2}]}"#));
    bails(&doc(r#", "info": {}"#));
    // Keys compare unescaped; many keys go through a hash set.
    bails(&doc(r#", "paths": {"/a": {}, "\/a": {}}"#));
    let many: String = (0..40).map(|i| format!(r#""/p{i}": {{}}, "#)).collect();
    same(&doc(&format!(r#", "paths": {{{many}"/q": {{}}}}"#)));
    bails(&doc(&format!(r#", "paths": {{{many}"/p7": {{}}}}"#)));
}

#[test]
fn what_does_not_fit_is_left_to_the_tree_path() {
    bails(&doc(r#", "paths": []"#));
    bails(&doc(r#", "paths": {"/a": {"parameters": {}}}"#));
    bails(&doc(
        r#", "paths": {"/a": {"get": {"responses": {"200": 1}}}}"#,
    ));
    bails(&doc("").replace("3.1.0", "3.0.3"));
    bails(r#"{"info": {"title": "t", "version": "1"}}"#);
    bails(&format!("{} {{}}", doc("")));
    bails("[]");
    // The model refuses it (no `info` title): the tree path reports it.
    bails(r#"{"openapi": "3.1.0", "info": {"version": "1"}}"#);
}
