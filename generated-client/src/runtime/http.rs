//! Sending requests: one call with its retries, one attempt with its headers, auth and body.

use super::auth::{ApiKey, AuthScheme};
use super::body::RequestBody;
use super::builder::{check_base_url, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};
use super::encode::encode_unreserved;
use super::error::{
    ConfigError, DecodeError, Error, RedirectError, StreamTimeoutError, TooLargeError,
};
use super::framing::Framing;
use super::hook::{BoxError, Hooks};
use super::items::ItemStream;
use super::options::{RequestOptions, RetryPolicy};
use super::response::{api_error, decode, request_id, Response};
use super::retry::{
    backoff, classify_status, classify_transport, retry_after, Retry, DEFAULT_MAX_RETRIES,
    MAX_RETRY_AFTER,
};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use reqwest::Method;

/// One request as a generated method prepares it: what it knows about the operation, and the
/// arguments already checked and encoded. It owns its parts, so the future that sends it
/// borrows nothing the method built.
#[derive(Debug, Clone)]
pub struct Call {
    /// The spec's `operationId` (for tracing).
    pub operation: &'static str,
    pub method: Method,
    /// The spec's path template, `/personas/{persona_id}` (for tracing: it holds no values).
    pub template: &'static str,
    /// The path with parameters already encoded, relative to the base URL.
    pub path: String,
    /// The query parameters, as `(name, value)` pairs in order (not yet percent-encoded).
    pub query: Vec<(String, String)>,
    /// Whether sending it twice has the effect of sending it once.
    pub idempotent: bool,
    /// Non-2xx statuses whose body the spec documents with the API's error type.
    pub error_statuses: &'static [u16],
    /// Whether the spec documents a `default` error response with that type.
    pub default_error: bool,
    /// The `Accept` header: the documented response media types, the success one first.
    pub accept: &'static str,
    /// Header parameters, as `(name, value)`.
    pub headers: Vec<(&'static str, String)>,
    /// Cookie parameters, as `(name, value)`: sent (with a cookie API key) in one `Cookie`
    /// header, `a=1; b=2`, each value percent-encoded.
    pub cookies: Vec<(&'static str, String)>,
}

/// The HTTP side of a generated `Client`. Cheap to clone (the connection pool is shared).
#[derive(Clone, Debug)]
pub struct HttpClient {
    /// The API's title, for tracing.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    pub(super) api: &'static str,
    pub(super) hooks: Hooks,
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    pub(super) auth: AuthScheme,
    pub(super) key: ApiKey,
    pub(super) user_agent: String,
    pub(super) options: RequestOptions,
    /// A configuration problem every call reports (from `Client::new`: the key, or the HTTP
    /// client).
    pub(super) deferred: Option<ConfigError>,
    /// The base URL is invalid (the spec's, for a spec without `servers`, or one given to
    /// `with_base_url`): every call reports it until a valid one is set.
    pub(super) base_url_error: Option<ConfigError>,
}

impl HttpClient {
    /// Replaces the base URL; an invalid one makes every call fail with [`ConfigError`] (until
    /// a valid one is set).
    pub fn set_base_url_or_defer(&mut self, base_url: &str) {
        if let Err(e) = self.set_base_url(base_url) {
            self.base_url_error = Some(e);
        }
    }

    /// Replaces the base URL (e.g. a mock server's).
    ///
    /// # Errors
    /// [`ConfigError`] when `base_url` is not an absolute http(s) URL.
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), ConfigError> {
        check_base_url(base_url)?;
        self.base_url = base_url.trim_end_matches('/').to_owned();
        self.base_url_error = None;
        Ok(())
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The same client with `options` overriding its defaults.
    pub fn with_options(&self, options: RequestOptions) -> HttpClient {
        let mut c = self.clone();
        c.options = options.merged_over(&self.options);
        c
    }

    /// Sends a request and decodes a 2xx JSON body into `R`; `()` accepts any body.
    ///
    /// # Errors
    /// [`Error::Transport`], [`Error::Timeout`], [`Error::Api`] for non-2xx, [`Error::Decode`],
    /// [`Error::Redirect`], [`Error::TooLarge`].
    pub async fn send<B, R, E>(
        &self,
        prepared: Result<(Call, Option<&B>), Error<E>>,
    ) -> Result<Response<R>, Error<E>>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
        E: DeserializeOwned,
    {
        let (call, body) = prepared?;
        let body = match body {
            Some(b) => Some(RequestBody::Json(serde_json::to_vec(b).map_err(|e| {
                ConfigError(format!("the request body could not be serialized: {e}"))
            })?)),
            None => None,
        };
        self.send_body(Ok((call, body))).await
    }

    /// Sends a request with a body in any encoding and decodes a 2xx JSON body into `R`.
    ///
    /// # Errors
    /// As [`HttpClient::send`].
    pub async fn send_body<R, E>(
        &self,
        prepared: Result<(Call, Option<RequestBody>), Error<E>>,
    ) -> Result<Response<R>, Error<E>>
    where
        R: DeserializeOwned,
        E: DeserializeOwned,
    {
        let (call, body) = prepared?;
        let raw = self.fetch(call, body, false).await?;
        let body = decode(raw.status, &raw.headers, &raw.bytes)?;
        Ok(Response::new(raw.status, raw.headers, body))
    }

    /// Sends a request and returns a 2xx body as it came (for media types that are not JSON).
    ///
    /// # Errors
    /// As [`HttpClient::send`], without [`Error::Decode`].
    pub async fn send_for_bytes<E>(
        &self,
        prepared: Result<(Call, Option<RequestBody>), Error<E>>,
    ) -> Result<Response<bytes::Bytes>, Error<E>>
    where
        E: DeserializeOwned,
    {
        let (call, body) = prepared?;
        let raw = self.fetch(call, body, false).await?;
        Ok(Response::new(raw.status, raw.headers, raw.bytes))
    }

    /// Sends a request and returns a 2xx body as text (`text/*` media types).
    ///
    /// # Errors
    /// As [`HttpClient::send_for_bytes`], and [`Error::Decode`] when the body is not UTF-8.
    pub async fn send_for_text<E>(
        &self,
        prepared: Result<(Call, Option<RequestBody>), Error<E>>,
    ) -> Result<Response<String>, Error<E>>
    where
        E: DeserializeOwned,
    {
        let (call, body) = prepared?;
        let raw = self.fetch(call, body, false).await?;
        match String::from_utf8(raw.bytes.to_vec()) {
            Ok(text) => Ok(Response::new(raw.status, raw.headers, text)),
            Err(e) => Err(Error::Decode(DecodeError {
                status: raw.status,
                request_id: request_id(&raw.headers),
                path: String::new(),
                message: format!("the text body is not UTF-8: {e}"),
                body: String::from_utf8_lossy(&raw.bytes).into_owned(),
            })),
        }
    }

    /// Sends a request and returns its 2xx body as a stream of items in `framing`, each
    /// decoded into `T` as it arrives (OpenAPI 3.2 `itemSchema`).
    ///
    /// The timeout (the call's, else the client's, default 60 s) bounds each attempt up to the
    /// response headers (a non-2xx body included), then each wait for the body's next bytes;
    /// the stream as a whole has no deadline. Attempts are retried as for any call until a 2xx
    /// arrives, never after: items already returned would be returned again.
    ///
    /// # Errors
    /// As [`HttpClient::send_for_bytes`]; a timeout is [`Error::StreamTimeout`]. What can fail
    /// while the items are read is in [`ItemStream`]'s documentation.
    pub async fn send_for_items<T, E>(
        &self,
        prepared: Result<(Call, Option<RequestBody>), Error<E>>,
        framing: Framing,
    ) -> Result<Response<ItemStream<T, E>>, Error<E>>
    where
        E: DeserializeOwned,
    {
        let (call, body) = prepared?;
        let mut raw = self.fetch(call, body, true).await?;
        let Some(live) = raw.live.take() else {
            // Not reached: a 2xx of a streamed call is always returned unread.
            return Err(Error::Config(ConfigError(
                "the streamed response was read whole".to_owned(),
            )));
        };
        let stream = ItemStream::new(
            live,
            framing,
            Some(self.stream_timeout()),
            self.max_response_bytes(),
        );
        Ok(Response::new(raw.status, raw.headers, stream))
    }

    /// The timeout of a streamed call: up to the headers, then per read.
    fn stream_timeout(&self) -> std::time::Duration {
        self.options.timeout.unwrap_or(DEFAULT_TIMEOUT)
    }

    fn max_response_bytes(&self) -> u64 {
        self.options
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES)
    }

    /// Sends a request, with retries; a non-2xx status is [`Error::Api`], a redirect that was
    /// not followed [`Error::Redirect`]. With `stream`, a 2xx body is left unread in
    /// `Raw::live`.
    async fn fetch<E: DeserializeOwned>(
        &self,
        call: Call,
        body: Option<RequestBody>,
        stream: bool,
    ) -> Result<Raw, Error<E>> {
        let run = self.execute(&call, body.as_ref(), stream);
        #[cfg(feature = "tracing")]
        let run = tracing::Instrument::instrument(
            run,
            tracing::info_span!(
                "api_call",
                api = self.api,
                operation = call.operation,
                method = %call.method,
                path = call.template
            ),
        );
        let raw = run.await.map_err(fail)?;
        if (200..300).contains(&raw.status) {
            return Ok(raw);
        }
        // A 3xx with a `Location` reaches here only when the redirect policy stopped it.
        let location = raw
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok());
        match location {
            Some(location) if (300..400).contains(&raw.status) => {
                Err(Error::Redirect(RedirectError {
                    status: raw.status,
                    location: location.to_owned(),
                    request_id: request_id(&raw.headers),
                }))
            }
            _ => Err(api_error(&call, raw.status, raw.headers, &raw.bytes)),
        }
    }

    /// One attempt after another, as the retry policy allows.
    async fn execute(
        &self,
        call: &Call,
        body: Option<&RequestBody>,
        stream: bool,
    ) -> Result<Raw, Failure> {
        let max_retries = self.options.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        let policy = self.options.retry_policy.unwrap_or_default();
        let mut attempt = 0;
        loop {
            let result = self.attempt(call, body, attempt, stream).await;
            let delay = (attempt < max_retries)
                .then(|| retry_delay(&result, call.idempotent, policy, attempt))
                .flatten();
            #[cfg(feature = "tracing")]
            trace_attempt(&result, attempt, delay);
            let Some(delay) = delay else {
                return result;
            };
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// The request of one attempt: URL, query, headers, credentials, body.
    fn request(
        &self,
        call: &Call,
        body: Option<&RequestBody>,
        stream: bool,
    ) -> Result<reqwest::RequestBuilder, Failure> {
        if let Some(e) = self.deferred.as_ref().or(self.base_url_error.as_ref()) {
            return Err(Failure::Config(e.0.clone()));
        }
        let url = format!("{}{}", self.base_url, call.path);
        let mut req = self
            .http
            .request(call.method.clone(), &url)
            .header(reqwest::header::ACCEPT, call.accept);
        req = req.header(reqwest::header::USER_AGENT, &self.user_agent);
        if !call.query.is_empty() {
            req = req.query(&call.query);
        }
        for (name, value) in &call.headers {
            let value = HeaderValue::from_str(value)
                .map_err(|_| Failure::Config(format!("invalid value for header `{name}`")))?;
            req = req.header(*name, value);
        }
        let cookies: Vec<String> = call
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_unreserved(value)))
            .collect();
        req = self.auth.apply(&self.key, req, cookies);
        if stream {
            // No deadline for the whole body, overriding the HTTP client's (the streamed
            // call bounds the wait for the headers and for each read itself).
            req = req.timeout(NO_DEADLINE);
        } else if let Some(t) = self.options.timeout {
            req = req.timeout(t);
        }
        // Extra headers replace any header of the same name (`RequestBuilder::headers` replaces,
        // `header` would append a second value).
        let mut extra = HeaderMap::new();
        for (name, value) in &self.options.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Failure::Config(format!("invalid header name `{name}`")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| Failure::Config(format!("invalid value for header `{name}`")))?;
            extra.insert(name, value);
        }
        if !extra.is_empty() {
            req = req.headers(extra);
        }
        if let Some(body) = body {
            req = body.apply(req);
        }
        Ok(req)
    }

    /// One attempt. A call read whole reads the body (within the request's timeout); a
    /// streamed call returns a 2xx unread, and any other status with its body read, within
    /// its timeout.
    async fn attempt(
        &self,
        call: &Call,
        body: Option<&RequestBody>,
        attempt: u32,
        stream: bool,
    ) -> Result<Raw, Failure> {
        let run = async {
            let mut request = self
                .request(call, body, stream)?
                .build()
                .map_err(Failure::Http)?;
            for hook in &self.hooks.0 {
                hook.before_send(&mut request, attempt)
                    .await
                    .map_err(Failure::Hook)?;
            }
            let resp = self.http.execute(request).await.map_err(Failure::Http)?;
            for hook in &self.hooks.0 {
                hook.after_response(resp.status().as_u16(), resp.headers(), attempt);
            }
            let status = resp.status().as_u16();
            if stream && (200..300).contains(&status) {
                return Ok(Raw {
                    status,
                    headers: resp.headers().clone(),
                    bytes: bytes::Bytes::new(),
                    live: Some(resp),
                });
            }
            read(resp, self.max_response_bytes()).await
        };
        if !stream {
            return run.await;
        }
        let waited = self.stream_timeout();
        tokio::time::timeout(waited, run)
            .await
            .unwrap_or(Err(Failure::StreamTimeout(waited)))
    }
}

/// How long to wait before sending a failed attempt again, or `None` when it is not sent
/// again (a success, a failure the policy does not retry, a `Retry-After` over
/// [`MAX_RETRY_AFTER`]).
fn retry_delay(
    result: &Result<Raw, Failure>,
    idempotent: bool,
    policy: RetryPolicy,
    attempt: u32,
) -> Option<std::time::Duration> {
    let (kind, after) = match result {
        Ok(raw) if !(200..300).contains(&raw.status) => {
            (classify_status(raw.status), retry_after(&raw.headers))
        }
        Err(Failure::Http(e)) => (classify_transport(e), None),
        Err(Failure::StreamTimeout(_)) => (Retry::MaybeProcessed, None),
        _ => return None,
    };
    let allowed = match (policy, kind) {
        (_, Retry::No) | (RetryPolicy::Never, _) => false,
        (RetryPolicy::Always, _) | (_, Retry::NotSent) => true,
        (RetryPolicy::Safe, Retry::MaybeProcessed) => idempotent,
    };
    match after {
        _ if !allowed => None,
        Some(d) => (d <= MAX_RETRY_AFTER).then_some(d),
        None => Some(backoff(attempt)),
    }
}

/// One event per attempt (feature `tracing`, level DEBUG): its number, the status, the
/// request id, the delay before the next attempt if there is one, and what failed. Never the
/// URL (a query API key would be in it) nor any header.
#[cfg(feature = "tracing")]
fn trace_attempt(result: &Result<Raw, Failure>, attempt: u32, delay: Option<std::time::Duration>) {
    let (status, headers, error) = match result {
        Ok(raw) => (Some(raw.status), Some(&raw.headers), None),
        Err(Failure::TooLarge {
            status, headers, ..
        }) => (
            Some(*status),
            Some(headers),
            Some("body over the size limit"),
        ),
        Err(Failure::Http(e)) => (None, None, Some(transport_kind(e))),
        Err(Failure::Config(_)) => (None, None, Some("configuration")),
        Err(Failure::Hook(_)) => (None, None, Some("refused by a hook")),
        Err(Failure::StreamTimeout(_)) => (None, None, Some("timeout")),
    };
    let request_id = headers.and_then(request_id);
    tracing::debug!(
        attempt,
        status,
        request_id = request_id.as_deref(),
        retry_delay_ms = delay.map(|d| d.as_millis() as u64),
        error,
        "attempt"
    );
}

/// What kind of transport failure `e` is, in words that hold no URL.
#[cfg(feature = "tracing")]
fn transport_kind(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "connection cut while reading the body"
    } else if e.is_redirect() {
        "redirect"
    } else {
        "request failed"
    }
}

/// The per-request timeout of a streamed call, overriding the HTTP client's whole-request one:
/// far enough to be no deadline (a year).
const NO_DEADLINE: std::time::Duration = std::time::Duration::from_secs(365 * 24 * 3600);

/// A response as received, before its status is judged.
struct Raw {
    status: u16,
    headers: HeaderMap,
    bytes: bytes::Bytes,
    /// A streamed call's 2xx response, its body unread (`bytes` is then empty).
    live: Option<reqwest::Response>,
}

/// Reads a response body of at most `limit` bytes; a larger one is refused from its
/// `Content-Length` before reading, or as soon as the bytes read pass the limit.
async fn read(mut resp: reqwest::Response, limit: u64) -> Result<Raw, Failure> {
    let status = resp.status().as_u16();
    let headers = std::mem::take(resp.headers_mut());
    let too_large = |headers: HeaderMap, content_length| Failure::TooLarge {
        status,
        headers,
        limit,
        content_length,
    };
    let announced = resp.content_length();
    if announced.is_some_and(|len| len > limit) {
        return Err(too_large(headers, announced));
    }
    let mut chunks: Vec<bytes::Bytes> = Vec::new();
    let mut total: u64 = 0;
    while let Some(chunk) = resp.chunk().await.map_err(Failure::Http)? {
        total += chunk.len() as u64;
        if total > limit {
            return Err(too_large(headers, announced));
        }
        chunks.push(chunk);
    }
    let bytes = match chunks.len() {
        0 => bytes::Bytes::new(),
        1 => chunks.swap_remove(0),
        _ => chunks.concat().into(),
    };
    Ok(Raw {
        status,
        headers,
        bytes,
        live: None,
    })
}

fn fail<E>(f: Failure) -> Error<E> {
    match f {
        Failure::Http(e) if e.is_builder() => Error::Config(ConfigError(format!(
            "the request could not be built: {}",
            e.without_url()
        ))),
        Failure::Http(e) => Error::from_reqwest(e),
        Failure::Config(m) => Error::Config(ConfigError(m)),
        Failure::Hook(e) => Error::Hook(e),
        Failure::TooLarge {
            status,
            headers,
            limit,
            content_length,
        } => Error::TooLarge(TooLargeError {
            status,
            request_id: request_id(&headers),
            limit,
            content_length,
        }),
        Failure::StreamTimeout(waited) => Error::StreamTimeout(StreamTimeoutError {
            waited,
            streaming: false,
            request_id: None,
        }),
    }
}

enum Failure {
    Http(reqwest::Error),
    Config(String),
    Hook(BoxError),
    TooLarge {
        status: u16,
        headers: HeaderMap,
        limit: u64,
        content_length: Option<u64>,
    },
    /// A streamed call's attempt got no response headers (or error body) within this timeout.
    StreamTimeout(std::time::Duration),
}
