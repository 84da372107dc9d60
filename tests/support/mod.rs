//! Helpers for the contract tests: a Prism launcher, raw HTTP requests that bypass the
//! generated clients, and a local server that records whatever reaches it.

#![allow(dead_code)]

pub mod prism;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};

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
            let location: Vec<&str> = violation["location"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
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
            let location: Vec<&str> = violation["location"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
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

/// A local HTTP server on 127.0.0.1 that records every request that reaches it (head and
/// body, verbatim) and answers each with `418 I'm a teapot`. Pointing a client at it shows
/// whether, and exactly what, the client sent.
pub struct RecordingServer {
    base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RecordingServer {
    pub async fn start() -> RecordingServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let sink = Arc::clone(&sink);
                tokio::spawn(async move {
                    let request = read_request(&mut socket).await;
                    sink.lock().unwrap_or_else(|e| e.into_inner()).push(request);
                    let _ = write_all(&socket, b"HTTP/1.1 418 I'm a teapot\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
                    // Dropping the socket closes the connection, as announced.
                });
            }
        });
        RecordingServer {
            base_url,
            requests,
            task,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every request received so far, as text.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for RecordingServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one HTTP/1.1 request: the head, then `content-length` bytes of body.
async fn read_request(socket: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                break;
            }
        }
        if socket.readable().await.is_err() {
            break;
        }
        match socket.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&data).into_owned()
}

// Plain readiness + try_read/try_write: tokio's "net" feature is enough (no "io-util").
async fn write_all(socket: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        socket.writable().await?;
        match socket.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The values of the header `name` (case-insensitive) in a recorded request, trimmed.
pub fn header_values<'a>(request: &'a str, name: &str) -> Vec<&'a str> {
    let head = request.split("\r\n\r\n").next().unwrap_or("");
    head.lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect()
}

/// The body of a recorded request, parsed as JSON (`null` when it has none).
pub fn body_json(request: &str) -> serde_json::Value {
    let body = request.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    if body.is_empty() {
        return serde_json::Value::Null;
    }
    serde_json::from_str(body).unwrap_or_else(|e| panic!("the body is not JSON ({e}): {body}"))
}

/// The request line of a recorded request: `GET /v1/avatars?perPage=5 HTTP/1.1`.
pub fn request_line(request: &str) -> &str {
    request.lines().next().unwrap_or("")
}

/// The violations of an `Error::Validation`; panics with what came instead. (`coval::Error`
/// and `anam::Error` are the same runtime type, so this serves both clients.)
pub fn validation_violations<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, api_clients::runtime::Error<E>>,
) -> Vec<api_clients::runtime::Violation> {
    match result {
        Err(api_clients::runtime::Error::Validation(e)) => e.violations().to_vec(),
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

/// A set of owned strings, for comparing paths.
pub fn set<const N: usize>(items: [&str; N]) -> BTreeSet<String> {
    items.iter().map(|p| p.to_string()).collect()
}

/// The paths of `violations`, as a set.
pub fn violation_paths(violations: &[api_clients::runtime::Violation]) -> BTreeSet<String> {
    violations.iter().map(|v| v.path.clone()).collect()
}

/// Asserts that no request reached `server` (the client refused before sending).
pub fn assert_nothing_sent(server: &RecordingServer) {
    let requests = server.requests();
    assert!(
        requests.is_empty(),
        "the client sent a request although validation failed:\n{requests:#?}"
    );
}
