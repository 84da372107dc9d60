//! Sending requests: base URL, authentication, JSON bodies, status handling.

use super::error::{ApiError, DecodeError, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::time::Duration;

pub use reqwest::Method;

/// How the spec's security scheme sends the API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// An `apiKey` scheme: the key in this header.
    Header(&'static str),
    /// An `http` `bearer` scheme: `Authorization: Bearer <key>`.
    Bearer,
    /// No authentication.
    None,
}

/// An API key, never printed.
#[derive(Clone)]
pub struct ApiKey(String);

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"[redacted]\"")
    }
}

/// The `User-Agent` the clients send.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION"));

/// Default whole-request timeout: 60 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default connect timeout: 10 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP side of a generated `Client`.
#[derive(Clone, Debug)]
pub struct HttpClient {
    http: reqwest::Client,
    base_url: String,
    auth: AuthScheme,
    key: ApiKey,
}

impl HttpClient {
    /// A client for `base_url` sending `key` as `auth` says.
    pub fn new(base_url: &str, auth: AuthScheme, key: String) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(DEFAULT_TIMEOUT)
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .build()
            .unwrap_or_default();
        HttpClient {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            auth,
            key: ApiKey(key),
        }
    }

    /// Reads the key from `key_var` and, if set, the base URL from `url_var`.
    ///
    /// # Errors
    /// [`Error::Config`] when `key_var` is unset or empty.
    pub fn from_env(
        default_base_url: &str,
        auth: AuthScheme,
        key_var: &str,
        url_var: &str,
    ) -> Result<Self, Error> {
        let key = std::env::var(key_var).ok().filter(|k| !k.trim().is_empty());
        let Some(key) = key else {
            return Err(Error::Config(format!(
                "environment variable {key_var} is not set"
            )));
        };
        let base = std::env::var(url_var).ok().filter(|u| !u.trim().is_empty());
        Ok(HttpClient::new(
            base.as_deref().unwrap_or(default_base_url),
            auth,
            key,
        ))
    }

    /// Replaces the base URL (e.g. a mock server's).
    pub fn set_base_url(&mut self, base_url: &str) {
        self.base_url = base_url.trim_end_matches('/').to_owned();
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends a request and decodes a 2xx JSON body into `R`.
    ///
    /// # Errors
    /// [`Error::Transport`], [`Error::Timeout`], [`Error::Api`] for non-2xx, [`Error::Decode`].
    pub async fn send<B: Serialize + ?Sized, R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<R, Error> {
        let body = encode(body)?;
        let (status, request_id, bytes) = self.execute(method, path, query, body).await?;
        decode(status, request_id, &bytes)
    }

    /// Sends a request whose success response has no body worth decoding.
    ///
    /// # Errors
    /// As [`HttpClient::send`], without [`Error::Decode`].
    pub async fn send_empty<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<(), Error> {
        let body = encode(body)?;
        self.execute(method, path, query, body).await.map(|_| ())
    }

    async fn execute(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<(u16, Option<String>, Vec<u8>), Error> {
        let url = format!("{}{}", self.base_url, path);
        let mut req = self
            .http
            .request(method, &url)
            .header(reqwest::header::ACCEPT, "application/json");
        if !query.is_empty() {
            req = req.query(query);
        }
        req = match self.auth {
            AuthScheme::Header(name) => req.header(name, &self.key.0),
            AuthScheme::Bearer => req.bearer_auth(&self.key.0),
            AuthScheme::None => req,
        };
        if let Some(body) = body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let resp = req.send().await.map_err(Error::from_reqwest)?;
        let status = resp.status().as_u16();
        let request_id = ["x-request-id", "x-amzn-requestid"].iter().find_map(|h| {
            resp.headers()
                .get(*h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        let bytes = resp.bytes().await.map_err(Error::from_reqwest)?.to_vec();
        if !(200..300).contains(&status) {
            return Err(Error::Api(ApiError {
                status,
                request_id,
                body: String::from_utf8_lossy(&bytes).into_owned(),
            }));
        }
        Ok((status, request_id, bytes))
    }
}

fn encode<B: Serialize + ?Sized>(body: Option<&B>) -> Result<Option<Vec<u8>>, Error> {
    body.map(|b| {
        serde_json::to_vec(b)
            .map_err(|e| Error::Config(format!("the request body could not be serialized: {e}")))
    })
    .transpose()
}

fn decode<R: DeserializeOwned>(
    status: u16,
    request_id: Option<String>,
    bytes: &[u8],
) -> Result<R, Error> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        Error::Decode(DecodeError {
            status,
            request_id,
            path: e.path().to_string(),
            message: e.inner().to_string(),
            body: String::from_utf8_lossy(bytes).into_owned(),
        })
    })
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters pass through).
pub fn encode_path(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path("abc/../x y"), "abc%2F..%2Fx%20y");
    }

    #[test]
    fn key_is_redacted() {
        let c = HttpClient::new("https://x", AuthScheme::Bearer, "sk-secret".into());
        assert!(!format!("{c:?}").contains("sk-secret"));
    }
}
