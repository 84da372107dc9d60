//! Stage 1, load: spec text (YAML or JSON) → `openapiv3::OpenAPI`.
//!
//! Fails with a diagnostic naming the JSON pointer of the offending node, never panics.

use crate::diag::{Diagnostics, Sink};

/// Parses `text` (the contents of `file`) as an OpenAPI 3.0.x document.
pub fn load(file: &str, text: &str) -> Result<openapiv3::OpenAPI, Diagnostics> {
    match parse_valid(text) {
        Some(doc) => Ok(doc),
        None => diagnose(file, text),
    }
}

/// The common case: the text is a valid OpenAPI 3.0.x document. Anything else takes the slow
/// path, which finds out what is wrong.
///
/// Through an untyped YAML value first (JSON is YAML): deserializing text with a repeated key
/// straight into `openapiv3::OpenAPI` panics inside openapiv3, with serde_yaml and serde_json
/// alike (found by the fuzz target). `serde_yaml::Value` refuses repeated keys, which the slow
/// path then reports, and keeps key order (serde_json's value would sort keys, reordering
/// the generated fields).
fn parse_valid(text: &str) -> Option<openapiv3::OpenAPI> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let doc: openapiv3::OpenAPI = serde_yaml::from_value(value).ok()?;
    let v = doc.openapi.as_str();
    (v.starts_with("3.0.") || v == "3.0").then_some(doc)
}

/// The slow path, for a document [`parse_valid`] refused: syntax, version and schema errors with
/// their JSON pointers (and, should the document be fine after all, the document).
fn diagnose(file: &str, text: &str) -> Result<openapiv3::OpenAPI, Diagnostics> {
    let mut sink = Sink::new(file);
    // First as untyped YAML (JSON is YAML), to report syntax errors and the version.
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let at = e
                .location()
                .map(|l| format!(" (line {}, column {})", l.line(), l.column()))
                .unwrap_or_default();
            sink.error("", format!("not valid YAML or JSON{at}: {e}"), None);
            return Err(sink.into_diagnostics());
        }
    };
    let version = value
        .get("openapi")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    match version.as_deref() {
        Some(v) if v.starts_with("3.0.") || v == "3.0" => {}
        Some(v) if v.starts_with("3.1") => {
            sink.error(
                "/openapi",
                format!("OpenAPI {v} is not supported: this generator reads OpenAPI 3.0.x"),
                Some(
                    "convert the document to 3.0.3 (`type: [string, 'null']` becomes `type: string` \
                     with `nullable: true`, `examples` arrays become `example`)"
                        .to_owned(),
                ),
            );
            return Err(sink.into_diagnostics());
        }
        Some(v) => {
            sink.error(
                "/openapi",
                format!("unsupported OpenAPI version `{v}`"),
                Some("set `openapi: 3.0.3`".to_owned()),
            );
            return Err(sink.into_diagnostics());
        }
        None => {
            let swagger = value.get("swagger").is_some();
            sink.error(
                "/openapi",
                if swagger {
                    "this is a Swagger 2.0 document; only OpenAPI 3.0.x is supported".to_owned()
                } else {
                    "missing the `openapi` version field".to_owned()
                },
                Some("start the document with `openapi: 3.0.3`".to_owned()),
            );
            return Err(sink.into_diagnostics());
        }
    }
    let de = serde_yaml::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(de) {
        Ok(api) => Ok(api),
        Err(e) => {
            let line = e
                .inner()
                .location()
                .map(|l| format!(" (line {})", l.line()))
                .unwrap_or_default();
            let (pointer, message) = match locate(&value) {
                Some(found) => found,
                None => (
                    path_to_pointer(&e.path().to_string()),
                    strip_location(&e.into_inner().to_string()),
                ),
            };
            sink.error(
                &pointer,
                format!("does not match the OpenAPI 3.0 schema{line}: {message}"),
                Some(
                    "compare the node with the OpenAPI 3.0.3 specification's object of that kind"
                        .to_owned(),
                ),
            );
            Err(sink.into_diagnostics())
        }
    }
}

/// `... at line 4 column 3` → `...` (the line is reported separately).
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// openapiv3 deserializes maps (paths, components) by hand, which cuts serde's error path short.
/// Deserializing each entry on its own finds the node that is wrong.
fn locate(doc: &serde_yaml::Value) -> Option<(String, String)> {
    use openapiv3::{
        Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    };
    fn each<T: serde::de::DeserializeOwned>(
        base: &str,
        map: Option<&serde_yaml::Value>,
    ) -> Option<(String, String)> {
        for (k, v) in map?.as_mapping()? {
            let key = k
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{k:?}"));
            if let Err(e) = serde_path_to_error::deserialize::<_, T>(v.clone()) {
                let inner = path_to_pointer(&e.path().to_string());
                return Some((
                    format!("{}{inner}", crate::diag::join(base, &key)),
                    strip_location(&e.into_inner().to_string()),
                ));
            }
        }
        None
    }
    let components = doc.get("components");
    each::<PathItem>("/paths", doc.get("paths"))
        .or_else(|| {
            each::<ReferenceOr<Schema>>(
                "/components/schemas",
                components.and_then(|c| c.get("schemas")),
            )
        })
        .or_else(|| {
            each::<ReferenceOr<Response>>(
                "/components/responses",
                components.and_then(|c| c.get("responses")),
            )
        })
        .or_else(|| {
            each::<ReferenceOr<Parameter>>(
                "/components/parameters",
                components.and_then(|c| c.get("parameters")),
            )
        })
        .or_else(|| {
            each::<ReferenceOr<RequestBody>>(
                "/components/requestBodies",
                components.and_then(|c| c.get("requestBodies")),
            )
        })
        .or_else(|| {
            each::<ReferenceOr<SecurityScheme>>(
                "/components/securitySchemes",
                components.and_then(|c| c.get("securitySchemes")),
            )
        })
}

/// Turns serde_path_to_error's dotted path (`paths./personas.post`) into a JSON pointer.
fn path_to_pointer(path: &str) -> String {
    if path == "." || path.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    // Keys may contain dots (e.g. `/v1.2/x`); serde_path_to_error does not escape them,
    // so split on dots only outside of path-like keys beginning with '/'.
    let mut rest = path;
    while !rest.is_empty() {
        let (token, tail) = if rest.starts_with('/') {
            // A path key runs up to the next `.` that is followed by an HTTP method or key.
            match rest.find(".") {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, ""),
            }
        } else {
            match rest.find('.') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, ""),
            }
        };
        let token = token.trim_start_matches('[').trim_end_matches(']');
        out.push('/');
        out.push_str(&crate::diag::escape(token));
        rest = tail;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_from_path() {
        assert_eq!(
            path_to_pointer("paths./personas.post"),
            "/paths/~1personas/post"
        );
        assert_eq!(path_to_pointer("."), "");
    }

    /// Found by `scripts/fuzz.sh`: a repeated key inside a path item made openapiv3's
    /// `ReferenceOr` deserializer panic ("somehow this parsed successfully the second time")
    /// when the text was deserialized straight into `OpenAPI`.
    #[test]
    fn repeated_keys_are_a_diagnostic() {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
                    responses: {'200': {description: OK}}\n      responses: {'200': {description: OK}}\n";
        let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a":
            {"get": {"responses": {"200": {"description": "OK"}},
                     "responses": {"200": {"description": "OK"}}}}}}"#;
        for text in [yaml, json] {
            let err = load("x.yaml", text).unwrap_err();
            assert!(err.to_string().contains("duplicate entry"), "{err}");
        }
    }

    #[test]
    fn rejects_31() {
        let err = load(
            "x.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("OpenAPI 3.1.0 is not supported"),
            "{err}"
        );
    }
}
