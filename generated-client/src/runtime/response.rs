//! Reading a response: decoding a 2xx body, the request id, and a non-2xx status as
//! [`Error::Api`].

use super::error::{ApiError, DecodeError, Error};
use super::http::Call;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use std::ops::{Deref, DerefMut};

/// A success response: the decoded body with the status, the headers and the request id,
/// returned by each operation's `*_with_response` method. Derefs to the body.
///
/// ```no_run
/// # async fn run(client: api_clients::coval::Client) -> Result<(), api_clients::coval::Error> {
/// let response = client.get_persona_with_response("3zfmuDbVQsi4GaseDtiVcS").await?;
/// println!("request id {:?}, status {}", response.request_id, response.status);
/// if let Some(remaining) = response.headers.get("x-ratelimit-remaining") {
///     println!("{remaining:?} calls left");
/// }
/// println!("{}", response.persona.name); // derefs to the body
/// let persona = response.into_inner(); // the body, as `get_persona` returns it
/// # let _ = persona; Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The response headers (rate limits, `Location`, ...).
    pub headers: HeaderMap,
    /// `x-request-id` or `x-amzn-requestid`, if the server sent one: quote it to support.
    pub request_id: Option<String>,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    pub(super) fn new(status: u16, headers: HeaderMap, body: T) -> Self {
        Response {
            status,
            request_id: request_id(&headers),
            headers,
            body,
        }
    }

    /// The body, dropping the rest.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The same response with its body changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            body: f(self.body),
        }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T> DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}

// `Error<E>` keeps the status, headers and raw body of a failed call by design.
#[allow(clippy::result_large_err)]
pub(super) fn decode<R: DeserializeOwned, E: DeserializeOwned>(
    status: u16,
    headers: &HeaderMap,
    bytes: &[u8],
) -> Result<R, Error<E>> {
    super::decode_json(bytes).map_err(|e| {
        Error::Decode(DecodeError {
            status,
            request_id: request_id(headers),
            path: e.path,
            message: e.message,
            body: String::from_utf8_lossy(bytes).into_owned(),
        })
    })
}

pub(super) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "x-amzn-requestid"].iter().find_map(|h| {
        headers
            .get(*h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    })
}

/// Turns a non-2xx response into [`Error::Api`], decoding the body when the spec documents it
/// for this status (by status code, never by the body's shape).
pub(super) fn api_error<E: DeserializeOwned>(
    call: &Call,
    status: u16,
    headers: HeaderMap,
    bytes: &bytes::Bytes,
) -> Error<E> {
    let documented = call.default_error || call.error_statuses.contains(&status);
    let error = if documented {
        serde_json::from_slice(bytes).ok()
    } else {
        None
    };
    Error::Api(ApiError {
        status,
        request_id: request_id(&headers),
        headers,
        body: String::from_utf8_lossy(bytes).into_owned(),
        bytes: bytes.clone(),
        error,
    })
}

/// The future [`body_of`] returns: `call`'s, its `Ok` value mapped to the response's body.
pub type BodyOf<F, T> = futures_util::future::MapOk<F, fn(Response<T>) -> T>;

/// What a generated method returns: the future of its `…_with_response` companion, resolving
/// to the body alone (`get_persona(id).await` is `get_persona_with_response(id).await` without
/// the status and headers). A plain future adapter rather than an `async fn` of its own: one
/// more state machine per operation was a tenth of a large module's compile time.
pub fn body_of<F, T, E>(call: F) -> BodyOf<F, T>
where
    F: std::future::Future<Output = Result<Response<T>, E>>,
{
    futures_util::TryFutureExt::map_ok(call, Response::into_inner as fn(Response<T>) -> T)
}

/// The future of a call whose success response has no body the spec describes: `call`'s, the
/// body (read and ignored) dropped.
pub type NoBody<F> =
    futures_util::future::MapOk<F, fn(Response<serde::de::IgnoredAny>) -> Response<()>>;

/// What a generated method whose success response has no documented body returns: `call`'s
/// future, its body (any JSON, or none) dropped.
pub fn no_body<F, E>(call: F) -> NoBody<F>
where
    F: std::future::Future<Output = Result<Response<serde::de::IgnoredAny>, E>>,
{
    fn drop_body(r: Response<serde::de::IgnoredAny>) -> Response<()> {
        r.map(|_| ())
    }
    futures_util::TryFutureExt::map_ok(call, drop_body as fn(_) -> _)
}
