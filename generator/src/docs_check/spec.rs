//! The spec side of docs-check: the spec as a plain JSON value, addressed by JSON pointers, so
//! every finding can name the node it is about. Finds the operation a page's curl command calls
//! and the schemas of its request body and responses.

use crate::diag::join;
use serde_json::Value;

/// A spec, parsed (YAML or JSON) into a JSON value.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The spec's name as given (used in reports).
    pub file: String,
    /// The whole document.
    pub root: Value,
}

/// The operation a page documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// JSON pointer of the operation object, e.g. `/paths/~1personas/post`.
    pub pointer: String,
    /// The server URL the page's URL starts with (`/servers/N/url`).
    pub server: String,
    /// The path template, e.g. `/personas/{persona_id}`.
    pub path: String,
}

impl Spec {
    /// Parses YAML or JSON spec text.
    ///
    /// # Errors
    /// The parser's message when the text is neither.
    pub fn parse(file: &str, text: &str) -> Result<Spec, String> {
        let root: Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        Ok(Spec {
            file: file.to_owned(),
            root,
        })
    }

    /// The node at `pointer`, if any.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        self.root.pointer(pointer)
    }

    /// The operation a `method` + full `url` calls: the URL must be a server URL followed by a
    /// path template of the spec (`{name}` matches one segment, or itself as written on a page).
    pub fn operation(&self, method: &str, url: &str) -> Option<Operation> {
        let servers = self.root.get("servers")?.as_array()?;
        let paths = self.root.get("paths")?.as_object()?;
        let method = method.to_ascii_lowercase();
        for server in servers.iter().filter_map(|s| s.get("url")?.as_str()) {
            let Some(rest) = url.strip_prefix(server.trim_end_matches('/')) else {
                continue;
            };
            for (path, item) in paths {
                if item.get(&method).is_some() && template_matches(path, rest) {
                    return Some(Operation {
                        pointer: join(&join("/paths", path), &method),
                        server: server.to_owned(),
                        path: path.clone(),
                    });
                }
            }
        }
        None
    }

    /// Follows `$ref`s (local ones only) from `pointer`; returns the pointer of the node reached.
    pub fn resolve(&self, pointer: &str) -> String {
        let mut at = pointer.to_owned();
        for _ in 0..crate::diag::MAX_REF_LINKS {
            match self
                .at(&at)
                .and_then(|v| v.get("$ref"))
                .and_then(Value::as_str)
                .and_then(crate::diag::reference_pointer)
            {
                Some(target) => at = target,
                None => break,
            }
        }
        at
    }

    /// Pointer of the JSON request body schema of the operation at `op`.
    pub fn request_schema(&self, op: &str) -> Option<String> {
        let body = self.resolve(&join(op, "requestBody"));
        let pointer = format!("{body}/content/application~1json/schema");
        self.at(&pointer).map(|_| pointer)
    }

    /// `(status, pointer)` of each 2xx JSON response schema of the operation at `op`.
    pub fn success_schemas(&self, op: &str) -> Vec<(String, String)> {
        let responses = join(op, "responses");
        let Some(map) = self.at(&responses).and_then(Value::as_object) else {
            return Vec::new();
        };
        map.keys()
            .filter(|status| status.starts_with('2'))
            .filter_map(|status| {
                let response = self.resolve(&join(&responses, status));
                let pointer = format!("{response}/content/application~1json/schema");
                self.at(&pointer).map(|_| (status.clone(), pointer))
            })
            .collect()
    }
}

/// Whether `path` (a path template) matches the concrete or templated `actual` path.
fn template_matches(path: &str, actual: &str) -> bool {
    let want: Vec<&str> = path.trim_matches('/').split('/').collect();
    let got: Vec<&str> = actual.trim_matches('/').split('/').collect();
    want.len() == got.len()
        && want
            .iter()
            .zip(&got)
            .all(|(w, g)| w == g || (w.starts_with('{') && w.ends_with('}') && !g.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "servers: [{url: 'https://x.test/v1'}]\npaths:\n  /things/{id}:\n    patch:\n      requestBody: {$ref: '#/components/requestBodies/T'}\n      responses:\n        '200': {content: {application/json: {schema: {type: object}}}}\n        '404': {description: no}\ncomponents:\n  requestBodies:\n    T: {content: {application/json: {schema: {type: object}}}}\n";

    #[test]
    fn finds_the_operation_and_its_schemas() {
        let spec = Spec::parse("s.yaml", SPEC).unwrap();
        let op = spec
            .operation("PATCH", "https://x.test/v1/things/{id}")
            .unwrap();
        assert_eq!(op.pointer, "/paths/~1things~1{id}/patch");
        assert_eq!(
            spec.request_schema(&op.pointer).unwrap(),
            "/components/requestBodies/T/content/application~1json/schema"
        );
        assert_eq!(spec.success_schemas(&op.pointer).len(), 1);
        assert!(spec
            .operation("GET", "https://x.test/v1/things/1")
            .is_none());
        assert!(spec
            .operation("PATCH", "https://y.test/v1/things/1")
            .is_none());
    }
}
