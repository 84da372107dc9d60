//! Stage 1, load: spec text (YAML or JSON) → [`Document`], the `openapiv3::OpenAPI` model
//! `lower` reads. OpenAPI 3.0.x is read as it is; 3.1.x and 3.2.x are rewritten into it on the
//! way (see [`oas31`]).
//!
//! Fails with a diagnostic naming the JSON pointer of the offending node, never panics.

mod json;
mod oas31;

use crate::diag::{Diagnostics, Sink};

/// A loaded spec: the OpenAPI 3.0 model of it, and what reading a 3.1/3.2 document into that
/// model found.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document as OpenAPI 3.0 (a 3.1/3.2 document rewritten into what 3.0 says).
    pub openapi: openapiv3::OpenAPI,
    /// Warnings about keywords of a 3.1/3.2 document that the client cannot express, at
    /// pointers into [`Self::openapi`] (`lower` takes them back through [`Self::moved`]).
    pub(crate) warnings: Diagnostics,
    /// (pointer in `openapi`, pointer in the source text) for nodes the rewrite moved
    /// (`$defs` entries, path items from `components/pathItems`, the `$ref` of a schema with
    /// siblings); empty for a 3.0 document.
    pub(crate) moved: Vec<(String, String)>,
}

impl Document {
    fn v30(openapi: openapiv3::OpenAPI) -> Self {
        Document {
            openapi,
            warnings: Diagnostics::default(),
            moved: Vec::new(),
        }
    }

    /// The pointer into the source text for `pointer`, a pointer into [`Self::openapi`]
    /// (`None` when the node was not moved).
    pub(crate) fn source_pointer(&self, pointer: &str) -> Option<String> {
        source_pointer(&self.moved, pointer)
    }
}

/// `pointer` taken back through `moved` ((to, from) pairs): by the most specific move whose
/// `to` holds it (a node moved inside a moved node, such as a streamed `itemSchema` in a path
/// item from `components/pathItems`), `None` when no move holds it.
pub(crate) fn source_pointer(moved: &[(String, String)], pointer: &str) -> Option<String> {
    moved
        .iter()
        .filter_map(|(to, from)| {
            let rest = pointer.strip_prefix(to.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then_some((to.len(), from, rest))
        })
        .max_by_key(|(len, ..)| *len)
        .map(|(_, from, rest)| format!("{from}{rest}"))
}

/// Parses `text` (the contents of `file`) as an OpenAPI 3.0.x, 3.1.x or 3.2.x document.
///
/// JSON is told from YAML by the text, not by `file`: the name is only for diagnostics (tests
/// and tools pass any), a spec may be saved under the other extension, and the first character
/// decides reliably (see [`json::looks_like_json`]).
pub fn load(file: &str, text: &str) -> Result<Document, Diagnostics> {
    let newer = declared_version(text).is_some_and(oas31::reads);
    if json::looks_like_json(text) {
        // A 3.1/3.2 document is read by the fast path (typed parts borrowed from the text),
        // and what that gives up on into the untyped value the rewrite needs. Both refuse a
        // repeated key themselves: so the text is parsed once or twice, and scanned only when
        // reading fails, to say why.
        if newer {
            let doc = oas31::fast::read(file, text).or_else(|| read_newer_tree(file, text));
            if let Some(doc) = doc {
                return Ok(doc);
            }
        }
        match json::scan(text) {
            Ok(()) => {
                if let Some(openapi) = (!newer).then(|| parse_json(text)).flatten() {
                    return Ok(Document::v30(openapi));
                }
            }
            Err(problem) if problem.repeated.is_some() || !is_yaml(text) => {
                return Err(json_problem(file, problem));
            }
            // Not JSON but YAML in flow style (`{openapi: 3.0.3, ...}`): read as YAML below.
            Err(_) => {}
        }
    }
    match parse_valid(file, text) {
        Some(doc) => Ok(doc),
        None => diagnose(file, text),
    }
}

/// The `openapi` field's value as the text spells it near its start, without parsing: which
/// path to try first (both check the version they read, so a wrong guess costs only time).
fn declared_version(text: &str) -> Option<&str> {
    let at = text.find("openapi")?;
    let rest = text[at + "openapi".len()..].trim_start_matches(['"', '\'', ' ']);
    let rest = rest.strip_prefix(':')?.trim_start_matches([' ', '"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    Some(&rest[..end])
}

/// A 3.1/3.2 document in JSON, through the untyped tree (the path [`oas31::fast`] falls back
/// to, and is tested against); `None` if it is not one, or it does not fit the model.
pub(crate) fn read_newer_tree(file: &str, text: &str) -> Option<Document> {
    serde_json::from_str(text)
        .ok()
        .and_then(|value| read_newer(file, value))
}

/// A 3.1/3.2 document (as an untyped value) rewritten into the 3.0 model; `None` if it is not
/// one or does not fit the model (the slow path then says why).
fn read_newer(file: &str, mut value: serde_yaml::Value) -> Option<Document> {
    let version = value.get("openapi").and_then(|v| v.as_str())?;
    if !oas31::reads(version) {
        return None;
    }
    let rw = oas31::rewrite(file, &mut value);
    let openapi = from_tree(value)?;
    Some(Document {
        openapi,
        warnings: rw.sink.into_diagnostics(),
        moved: rw.moved,
    })
}

/// The fast path for JSON, whose keys [`json::scan`] found distinct: straight into
/// `openapiv3::OpenAPI`, about four times faster than through a YAML value.
///
/// `None` sends the text on to the YAML path, which finds out what is wrong, and also takes
/// the few documents serde_json refuses and serde_yaml does not (YAML reads any scalar as a
/// string where openapiv3 wants one: `"version": 1.0`).
fn parse_json(text: &str) -> Option<openapiv3::OpenAPI> {
    serde_json::from_str(text).ok().filter(is_30)
}

/// Whether `text` is YAML (of any shape).
fn is_yaml(text: &str) -> bool {
    serde_yaml::from_str::<serde_yaml::Value>(text).is_ok()
}

/// The diagnostic for JSON text [`json::scan`] refused: a repeated key, or a syntax error.
fn json_problem(file: &str, problem: json::Problem) -> Diagnostics {
    let mut sink = Sink::new(file);
    let at = format!(
        "(line {}, column {})",
        problem.error.line(),
        problem.error.column()
    );
    match problem.repeated {
        Some(key) => sink.error(
            &problem.pointer,
            format!("duplicate entry with key {key:?} {at}"),
            Some("an object names each key once: remove or merge the repeated entry".to_owned()),
        ),
        None => sink.error(
            &problem.pointer,
            format!(
                "not valid JSON {at}: {}",
                strip_location(&problem.error.to_string())
            ),
            None,
        ),
    }
    sink.into_diagnostics()
}

/// The common case for YAML: the text is a valid OpenAPI 3.0.x document. Anything else takes
/// the slow path, which finds out what is wrong.
///
/// Through an untyped YAML value first (JSON is YAML): deserializing text with a repeated key
/// straight into `openapiv3::OpenAPI` panics inside openapiv3, with serde_yaml and serde_json
/// alike (found by the fuzz target). `serde_yaml::Value` refuses repeated keys, which the slow
/// path then reports, and keeps key order (serde_json's value would sort keys, reordering
/// the generated fields).
///
/// For YAML, a separate pass for repeated keys followed by `serde_yaml::from_str::<OpenAPI>`
/// (as JSON does) is no faster: parsing YAML is most of the cost, and that way it is done
/// twice (measured on `spec/coval.yaml`: about 10 ms against 7 ms through the value).
fn parse_valid(file: &str, text: &str) -> Option<Document> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let version = value
        .get("openapi")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    if oas31::reads(version) {
        return read_newer(file, value);
    }
    from_tree(value).filter(is_30).map(Document::v30)
}

/// The typed model of a parsed (and, for 3.1/3.2, rewritten) document, deserialized from a
/// borrow of the tree: strings reach openapiv3 as borrowed `&str`, which its untagged
/// `ReferenceOr` buffers without copying. Deserializing the owned tree (`from_value`) moved
/// every string into serde's buffer and copied it out again, and was 2.4× slower on Coval's
/// spec (2.1 against 0.9 ms).
///
/// `paths` and `components`, most of a document, are read first, each on its own, and their
/// part of the tree is freed as soon as it is read: at the peak the process holds the rest of
/// the tree and the model read so far, not the whole tree and the whole model (GitHub's spec
/// as OpenAPI 3.1: scripts/corpus.sh, `github-31`).
fn from_tree(mut value: serde_yaml::Value) -> Option<openapiv3::OpenAPI> {
    use serde::Deserialize;
    let root = value.as_mapping_mut()?;
    // `paths` is required: an empty map stands in for it while the rest is read.
    let paths = root
        .get_mut("paths")
        .map(|p| std::mem::replace(p, serde_yaml::Value::Mapping(serde_yaml::Mapping::new())));
    let paths = match paths {
        Some(tree) => Some(openapiv3::Paths::deserialize(&tree).ok()?),
        None => None,
    };
    let components = match root.remove("components") {
        Some(tree) => Some(openapiv3::Components::deserialize(&tree).ok()?),
        None => None,
    };
    let mut openapi = openapiv3::OpenAPI::deserialize(&value).ok()?;
    if let Some(paths) = paths {
        openapi.paths = paths;
    }
    openapi.components = components;
    Some(openapi)
}

/// Whether the document declares OpenAPI 3.0.x, the version this generator reads.
fn is_30(doc: &openapiv3::OpenAPI) -> bool {
    let v = doc.openapi.as_str();
    v.starts_with("3.0.") || v == "3.0"
}

/// The slow path, for a document [`parse_valid`] refused: syntax, version and schema errors with
/// their JSON pointers (and, should the document be fine after all, the document).
fn diagnose(file: &str, text: &str) -> Result<Document, Diagnostics> {
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
        Some(v) if oas31::reads(v) => return diagnose_newer(file, v, value),
        Some(v) => {
            sink.error(
                "/openapi",
                format!("unsupported OpenAPI version `{v}`"),
                Some("set `openapi: 3.1.1` (or `3.0.3`, `3.2.0`) to the version the document follows".to_owned()),
            );
            return Err(sink.into_diagnostics());
        }
        None => {
            let swagger = value.get("swagger").is_some();
            sink.error(
                "/openapi",
                if swagger {
                    "this is a Swagger 2.0 document; only OpenAPI 3.0, 3.1 and 3.2 are supported"
                        .to_owned()
                } else {
                    "missing the `openapi` version field".to_owned()
                },
                Some(
                    "start the document with `openapi: 3.1.1` (or the 3.x version it follows)"
                        .to_owned(),
                ),
            );
            return Err(sink.into_diagnostics());
        }
    }
    let de = serde_yaml::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(de) {
        Ok(api) => Ok(Document::v30(api)),
        Err(e) => {
            let line = e
                .inner()
                .location()
                .map(|l| format!(" (line {})", l.line()))
                .unwrap_or_default();
            let (pointer, message) = locate(&value).unwrap_or_else(|| {
                (
                    path_to_pointer(&e.path().to_string()),
                    strip_location(&e.into_inner().to_string()),
                )
            });
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

/// The slow path for a 3.1/3.2 document (`version`) that does not fit the model after the
/// rewrite: the node that does not, at its pointer in the source.
fn diagnose_newer(
    file: &str,
    version: &str,
    mut value: serde_yaml::Value,
) -> Result<Document, Diagnostics> {
    let rw = oas31::rewrite(file, &mut value);
    let mut doc = Document {
        openapi: openapiv3::OpenAPI::default(),
        warnings: rw.sink.into_diagnostics(),
        moved: rw.moved,
    };
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(value.clone()) {
        Ok(api) => {
            doc.openapi = api;
            Ok(doc)
        }
        Err(e) => {
            let (pointer, message) = locate(&value).unwrap_or_else(|| {
                (
                    path_to_pointer(&e.path().to_string()),
                    strip_location(&e.into_inner().to_string()),
                )
            });
            let pointer = doc.source_pointer(&pointer).unwrap_or(pointer);
            let mut sink = Sink::new(file);
            sink.error(
                &pointer,
                format!("does not match the OpenAPI {version} schema: {message}"),
                Some(format!(
                    "compare the node with the OpenAPI {version} specification's object of that kind"
                )),
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
        // 3.1 JSON skips the scan when it reads; the tree it reads into refuses the key, and
        // the scan then locates it.
        let d = only_error(&json.replace("3.0.3", "3.1.0"));
        assert_eq!(d.pointer, "/paths/~1a/get");
        assert!(
            d.message
                .starts_with(r#"duplicate entry with key "responses""#),
            "{}",
            d.message
        );
    }

    #[test]
    fn reads_31_and_32() {
        for v in ["3.1.0", "3.1.1", "3.2.0"] {
            let yaml = format!("openapi: {v}\ninfo: {{title: t, version: '1'}}\n");
            let doc = load("x.yaml", &yaml).unwrap();
            assert!(
                doc.openapi.paths.paths.is_empty(),
                "{v}: `paths` is optional"
            );
            let json = format!(r#"{{"openapi": "{v}", "info": {{"title": "t", "version": "1"}}}}"#);
            assert_eq!(load("x.json", &json).unwrap(), doc, "{v}");
        }
        let err = load("x.yaml", "openapi: 3.3.0\ninfo: {title: t, version: '1'}\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("unsupported OpenAPI version `3.3.0`"),
            "{err}"
        );
    }

    #[test]
    fn version_is_sniffed_from_the_text() {
        assert_eq!(declared_version("openapi: 3.1.0\n"), Some("3.1.0"));
        assert_eq!(declared_version("{\"openapi\": \"3.2.0\","), Some("3.2.0"));
        assert_eq!(declared_version("openapi: '3.0.3'\n"), Some("3.0.3"));
        assert_eq!(declared_version("info: {}\n"), None);
    }

    /// A JSON document: `info` and `paths` around `extra`, which goes inside the path item.
    fn json_doc(extra: &str) -> String {
        format!(
            r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}},
"paths": {{"/a": {{{extra}"get": {{"responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"#
        )
    }

    /// The one diagnostic of a load that must fail.
    fn only_error(text: &str) -> crate::Diagnostic {
        let mut err = load("x.json", text).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        err.0.remove(0)
    }

    #[test]
    fn json_loads_through_the_fast_path() {
        let doc = load("x.json", &json_doc("")).unwrap();
        assert!(doc.openapi.paths.paths.contains_key("/a"));
    }

    #[test]
    fn json_repeated_key_at_the_top_is_located() {
        let text = json_doc("").replacen(
            r#""openapi": "3.0.3","#,
            r#""openapi": "3.0.3", "openapi": "3.0.3","#,
            1,
        );
        let d = only_error(&text);
        assert_eq!(d.pointer, "");
        assert_eq!(
            d.message,
            r#"duplicate entry with key "openapi" (line 1, column 30)"#
        );
        assert!(d.help.is_some());
    }

    #[test]
    fn json_repeated_key_in_a_path_item_is_located() {
        let text = json_doc(r#""get": {"responses": {}}, "#);
        let d = only_error(&text);
        assert_eq!(d.pointer, "/paths/~1a");
        assert_eq!(
            d.message,
            r#"duplicate entry with key "get" (line 2, column 48)"#
        );
    }

    #[test]
    fn json_keeps_key_order() {
        let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/z": {}, "/a": {}, "/m": {}},
            "components": {"schemas": {"S": {"type": "object",
                "properties": {"zeta": {"type": "string"}, "alpha": {"type": "string"}}}}}}"#;
        let doc = load("x.json", text).unwrap();
        let paths: Vec<&str> = doc.openapi.paths.paths.keys().map(String::as_str).collect();
        assert_eq!(paths, ["/z", "/a", "/m"]);
        let schema = &doc.openapi.components.unwrap().schemas["S"];
        let openapiv3::ReferenceOr::Item(openapiv3::Schema {
            schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::Object(o)),
            ..
        }) = schema
        else {
            panic!("an object schema: {schema:?}");
        };
        let props: Vec<&str> = o.properties.keys().map(String::as_str).collect();
        assert_eq!(props, ["zeta", "alpha"]);
    }

    #[test]
    fn invalid_json_is_located() {
        let text = json_doc("").replacen(r#""get": {"#, r#""get" {"#, 1);
        let d = only_error(&text);
        assert_eq!(d.pointer, "/paths/~1a/get");
        assert_eq!(
            d.message,
            "not valid JSON (line 2, column 24): expected `:`"
        );
        let d = only_error(r#"{"openapi": "3.0.3", "info": {"#);
        assert!(
            d.message
                .starts_with("not valid JSON (line 1, column 30): EOF"),
            "{}",
            d.message
        );
    }

    /// The same document in YAML and in JSON loads the same, numbers included.
    #[test]
    fn json_and_yaml_agree() {
        let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"N": {"type": "number", "minimum": 0.1,
                "maximum": 2.2250738585072011e-308, "example": 9007199254740993.3,
                "enum": [0.30000000000000004, 1e-7, 123456789.12345678, 5e-324]}}}}"#;
        let from_json = load("x.json", json).unwrap();
        let from_yaml = serde_yaml::from_value(serde_yaml::from_str(json).unwrap()).unwrap();
        assert_eq!(from_json.openapi, from_yaml);
    }

    /// YAML in flow style starts with `{` too, and is not JSON.
    #[test]
    fn flow_yaml_is_still_yaml() {
        let doc = load(
            "x.yaml",
            "{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {}}",
        )
        .unwrap();
        assert_eq!(doc.openapi.info.title, "t");
    }

    /// serde_json refuses a number where openapiv3 wants a string; serde_yaml reads it as one,
    /// and so JSON documents that did load keep loading.
    #[test]
    fn json_that_only_yaml_reads_still_loads() {
        let doc = load(
            "x.json",
            &json_doc("").replace(r#""version": "1""#, r#""version": 1.5"#),
        )
        .unwrap();
        assert_eq!(doc.openapi.info.version, "1.5");
    }
}
