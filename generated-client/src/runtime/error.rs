//! The one error type every generated client method returns.

use super::validate::ValidationError;
use std::fmt;

/// Everything that can go wrong in a call. Never a panic.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request broke a constraint of the spec; nothing was sent.
    #[error("invalid request, nothing was sent: {0}")]
    Validation(#[from] ValidationError),
    /// The request did not complete: connection refused, DNS, TLS, or the connection dropped.
    #[error("request to the API failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// The request or the connection attempt took longer than the configured timeout.
    #[error("request to the API timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// The server answered with a non-2xx status.
    #[error("{0}")]
    Api(ApiError),
    /// A 2xx response whose body does not match the spec's schema for it.
    #[error("{0}")]
    Decode(DecodeError),
    /// The client is misconfigured (missing API key, invalid base URL).
    #[error("client configuration: {0}")]
    Config(String),
}

impl Error {
    /// The HTTP status, for [`Error::Api`] and [`Error::Decode`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The request id the server sent (`x-request-id` or `x-amzn-requestid`), if any.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The raw response body, for [`Error::Api`] and [`Error::Decode`].
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            Error::Api(e) => Some(&e.body),
            Error::Decode(e) => Some(&e.body),
            _ => None,
        }
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Error {
        if e.is_timeout() {
            Error::Timeout(e.without_url())
        } else {
            Error::Transport(e.without_url())
        }
    }
}

/// A non-2xx response, with its body kept verbatim.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// `x-request-id` or `x-amzn-requestid`, if the server sent one.
    pub request_id: Option<String>,
    /// The response body as received (lossy UTF-8).
    pub body: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        let body = self.body.trim();
        if !body.is_empty() {
            let short: String = body.chars().take(500).collect();
            write!(f, ": {short}")?;
            if short.len() < body.len() {
                f.write_str("…")?;
            }
        }
        Ok(())
    }
}

/// A success response whose body could not be decoded into the documented type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    pub status: u16,
    pub request_id: Option<String>,
    /// JSON path where decoding failed (`persona.voice_speed`), `.` for the whole body.
    pub path: String,
    /// What serde reported there.
    pub message: String,
    /// The response body as received (lossy UTF-8).
    pub body: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the HTTP {} response at `{}`: {}",
            self.status, self.path, self.message
        )
    }
}
