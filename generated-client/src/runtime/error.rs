//! The one error type every generated client method returns.

use super::retry::{classify_status, classify_transport, Retry};
use super::validate::ValidationError;
use std::fmt;

/// Everything that can go wrong in a call. Never a panic.
///
/// `E` is the API's documented error body (e.g. `coval::ErrorBody`); each generated module
/// names its own `Error = rt::Error<ErrorBody>`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The request broke a constraint of the spec; nothing was sent.
    Validation(ValidationError),
    /// The request did not complete: connection refused, DNS, TLS, or the connection dropped.
    Transport(reqwest::Error),
    /// The request, or connecting, took longer than the configured timeout.
    Timeout(reqwest::Error),
    /// The server answered with a non-2xx status (after any retries).
    Api(ApiError<E>),
    /// A 2xx response whose body does not match the spec's schema for it.
    Decode(DecodeError),
    /// The client is misconfigured (missing API key, invalid base URL or header).
    Config(ConfigError),
    /// The server redirected the call to another origin (scheme, host or port). Such a
    /// redirect is not followed, so that no credential leaves the base URL's origin.
    Redirect(RedirectError),
    /// The response body is larger than the client's limit (default 64 MiB,
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](super::DEFAULT_MAX_RESPONSE_BYTES)); reading stopped there.
    TooLarge(TooLargeError),
    /// A [`Hook`](super::Hook) refused to send the request (nothing was sent).
    Hook(super::BoxError),
    /// A streamed call ([`ItemStream`](super::ItemStream)) waited longer than its timeout: for
    /// the response headers, or between two reads of the body. (A call that reads its body
    /// whole reports [`Error::Timeout`] instead.)
    StreamTimeout(StreamTimeoutError),
}

impl<E> Error<E> {
    /// The HTTP status, for [`Error::Api`], [`Error::Decode`], [`Error::Redirect`] and
    /// [`Error::TooLarge`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Redirect(e) => Some(e.status),
            Error::TooLarge(e) => Some(e.status),
            _ => None,
        }
    }

    /// The request id the server sent (`x-request-id` or `x-amzn-requestid`), if any.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            Error::Redirect(e) => e.request_id.as_deref(),
            Error::TooLarge(e) => e.request_id.as_deref(),
            Error::StreamTimeout(e) => e.request_id.as_deref(),
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

    /// Whether trying the same call again later may succeed: connection failures (a connection
    /// cut while the response body was read included), timeouts, and statuses 408, 409, 429
    /// and 5xx. (The client already retried as its policy allows.) The retry loop decides with
    /// the same function.
    pub fn is_retryable(&self) -> bool {
        let kind = match self {
            Error::Transport(e) | Error::Timeout(e) => classify_transport(e),
            Error::Api(e) => classify_status(e.status),
            Error::StreamTimeout(_) => Retry::MaybeProcessed,
            _ => Retry::No,
        };
        kind != Retry::No
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout(e.without_url())
        } else {
            Error::Transport(e.without_url())
        }
    }
}

impl<E: ErrorSummary> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(v) => write!(f, "invalid request, nothing was sent: {v}"),
            Error::Transport(e) => write!(f, "request to the API failed: {e}"),
            Error::Timeout(e) => write!(f, "request to the API timed out: {e}"),
            Error::Api(e) => write!(f, "{e}"),
            Error::Decode(e) => write!(f, "{e}"),
            Error::Config(e) => write!(f, "{e}"),
            Error::Redirect(e) => write!(f, "{e}"),
            Error::TooLarge(e) => write!(f, "{e}"),
            Error::Hook(e) => write!(f, "a hook stopped the request: {e}"),
            Error::StreamTimeout(e) => write!(f, "{e}"),
        }
    }
}

impl<E: ErrorSummary + fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(v) => Some(v),
            Error::Transport(e) | Error::Timeout(e) => Some(e),
            Error::Config(e) => Some(e),
            Error::Hook(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(v: ValidationError) -> Self {
        Error::Validation(v)
    }
}

impl<E> From<ConfigError> for Error<E> {
    fn from(c: ConfigError) -> Self {
        Error::Config(c)
    }
}

/// A one-line summary of a vendor error body, for `Display`. Generated error types implement it.
pub trait ErrorSummary {
    /// E.g. `NOT_FOUND: Persona not found`; `None` when the body says nothing useful.
    fn summary(&self) -> Option<String>;
}

impl ErrorSummary for serde_json::Value {
    fn summary(&self) -> Option<String> {
        let message = self
            .get("message")
            .or_else(|| self.pointer("/error/message"))
            .and_then(|m| m.as_str());
        message.map(str::to_owned)
    }
}

/// A non-2xx response, with its body kept verbatim.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError<E = serde_json::Value> {
    /// HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// `x-request-id` or `x-amzn-requestid`, if the server sent one.
    pub request_id: Option<String>,
    /// The response body as received (lossy UTF-8), always kept.
    pub body: String,
    /// The response body's bytes exactly as received (a binary error body survives intact).
    pub bytes: bytes::Bytes,
    /// The vendor's error body, decoded when the spec documents a body for this status and the
    /// body matches it. Never guessed from the body's shape.
    pub error: Option<E>,
}

impl<E: ErrorSummary> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered HTTP {}", self.status)?;
        if let Some(summary) = self.error.as_ref().and_then(ErrorSummary::summary) {
            write!(f, ": {summary}")?;
        } else {
            let body = self.body.trim();
            if !body.is_empty() {
                let short: String = body.chars().take(300).collect();
                let more = if short.len() < body.len() { "…" } else { "" };
                write!(f, ": {short}{more}")?;
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
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

/// A streamed call waited longer than its timeout (see [`Error::StreamTimeout`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StreamTimeoutError {
    /// How long it waited: the client's (or the call's) timeout.
    pub waited: std::time::Duration,
    /// Whether the response had begun (a 2xx status and headers came, and items may have been
    /// returned): the wait was for the body's next bytes, not for the response.
    pub streaming: bool,
    pub request_id: Option<String>,
}

impl fmt::Display for StreamTimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.streaming {
            "the streamed response sent nothing"
        } else {
            "no response headers came"
        };
        write!(f, "{what} for {:?} (the timeout)", self.waited)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// The client is misconfigured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub(crate) String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client configuration: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A redirect to another origin, not followed (see [`Error::Redirect`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RedirectError {
    /// The redirect's status (301, 302, 303, 307 or 308).
    pub status: u16,
    /// The `Location` the server named, as sent.
    pub location: String,
    pub request_id: Option<String>,
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the API redirected (HTTP {}) to another origin, `{}`; not followed, so that the \
             credentials are not sent there (if that server is right, make it the base URL)",
            self.status, self.location
        )
    }
}

/// A response body over the client's size limit (see [`Error::TooLarge`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TooLargeError {
    pub status: u16,
    pub request_id: Option<String>,
    /// The limit, in bytes.
    pub limit: u64,
    /// The `Content-Length` the server announced, if any (otherwise the body was read up to
    /// the limit and dropped).
    pub content_length: Option<u64>,
}

impl fmt::Display for TooLargeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the HTTP {} response body is larger than the limit of {} bytes",
            self.status, self.limit
        )?;
        if let Some(len) = self.content_length {
            write!(f, " (Content-Length {len})")?;
        }
        write!(
            f,
            "; raise it with `ClientBuilder::max_response_bytes` or `RequestOptions::max_response_bytes`"
        )
    }
}
