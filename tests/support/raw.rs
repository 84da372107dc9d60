//! Raw HTTP requests that bypass the generated clients, and what Prism said of them.

use std::collections::BTreeSet;

/// A response to a raw request, with the request violations Prism reported.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub body: String,
    /// Prism's `sl-violations` header (the JSON array it adds to every refused request), or
    /// `[]` when absent.
    pub violations: serde_json::Value,
}

impl RawResponse {
    /// The request-body locations Prism flagged, rendered like the generated validator renders
    /// its paths: property names joined by `.`, array indexes as `[i]`
    /// (`["request","body","test_set_ids","1"]` becomes `test_set_ids[1]`).
    pub fn body_violation_paths(&self) -> BTreeSet<String> {
        let mut paths = BTreeSet::new();
        for violation in self.violations.as_array().into_iter().flatten() {
            let location = location(violation);
            if let ["request", "body", rest @ ..] = location.as_slice() {
                paths.insert(render_path(rest));
            }
        }
        paths
    }

    /// Every violation Prism reported: those of its `sl-violations` header (sent when the spec
    /// documents a 400 it can answer with) and those of the `validation` array of the
    /// `application/problem+json` 422 it writes itself when the spec documents none.
    pub fn all_violations(&self) -> Vec<serde_json::Value> {
        let mut all: Vec<serde_json::Value> =
            self.violations.as_array().cloned().unwrap_or_default();
        if let Ok(problem) = serde_json::from_str::<serde_json::Value>(&self.body) {
            if let Some(validation) = problem.get("validation").and_then(|v| v.as_array()) {
                all.extend(validation.iter().cloned());
            }
        }
        all
    }

    /// The names of the `part` (`"path"`, `"query"` or `"header"`) parameters Prism flagged, in
    /// lower case: Prism lowercases query parameter names in its own 422 bodies (`perPage` is
    /// reported as `perpage`). Locations are `["request", part, name]` in `sl-violations` and
    /// `[part, name]` in a 422 body; both are read.
    pub fn parameter_violations(&self, part: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for violation in self.all_violations() {
            let location = location(&violation);
            let location = match location.as_slice() {
                ["request", rest @ ..] => rest,
                all => all,
            };
            match location {
                [p, name, ..] if *p == part => {
                    names.insert(name.to_ascii_lowercase());
                }
                // A missing (empty) path parameter is reported at `[part]` alone, named only in
                // the message: "Request path must have required property 'agent_id'".
                [p] if *p == part && violation["code"] == "required" => {
                    let message = violation["message"].as_str().unwrap_or("");
                    if let Some(name) = message.split('\'').nth(1) {
                        names.insert(name.to_ascii_lowercase());
                    }
                }
                _ => {}
            }
        }
        names
    }

    /// Asserts Prism refused the request as invalid (400 or 422).
    pub fn assert_refused_as_invalid(&self) {
        assert!(
            self.status == 400 || self.status == 422,
            "Prism should refuse this request with 400/422, got {}. Body: {}. Violations: {}",
            self.status,
            self.body,
            self.violations
        );
    }
}

/// A violation's `location`, as its segments.
fn location(violation: &serde_json::Value) -> Vec<&str> {
    violation["location"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
        .collect()
}

fn render_path(segments: &[&str]) -> String {
    let mut out = String::new();
    for seg in segments {
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    if out.is_empty() {
        out.push_str("(body)");
    }
    out
}

/// Sends `body` as JSON with exactly the given extra headers (no authentication unless one of
/// them is), the way a hand-written caller would, bypassing the generated client.
pub async fn send_raw(
    method: reqwest::Method,
    url: &str,
    headers: &[(&str, &str)],
    body: &serde_json::Value,
) -> RawResponse {
    let request = reqwest::Client::new().request(method, url).json(body);
    send_built(request, url, headers).await
}

/// Like [`send_raw`], but without a body (and without `content-type`), as a GET or DELETE is
/// sent: Prism answers a GET that carries a JSON body with 415. Query parameters go in `url`.
pub async fn send_raw_without_body(
    method: reqwest::Method,
    url: &str,
    headers: &[(&str, &str)],
) -> RawResponse {
    let request = reqwest::Client::new().request(method, url);
    send_built(request, url, headers).await
}

async fn send_built(
    mut request: reqwest::RequestBuilder,
    url: &str,
    headers: &[(&str, &str)],
) -> RawResponse {
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("raw request to {url} failed: {e}"));
    let status = response.status().as_u16();
    let violations = response
        .headers()
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            serde_json::from_str(v)
                .unwrap_or_else(|e| panic!("sl-violations is not JSON ({e}): {v}"))
        })
        .unwrap_or_else(|| serde_json::json!([]));
    let body = response
        .text()
        .await
        .unwrap_or_else(|e| panic!("reading the body from {url} failed: {e}"));
    RawResponse {
        status,
        body,
        violations,
    }
}
