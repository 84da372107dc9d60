//! Sending requests: base URL, authentication, JSON bodies, retries, timeouts, status handling.

use super::body::RequestBody;
use super::error::{retryable_status, ApiError, ConfigError, DecodeError, Error};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
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
    /// An `apiKey` scheme in a query parameter of this name.
    Query(&'static str),
    /// An `apiKey` scheme in a cookie of this name.
    Cookie(&'static str),
    /// An `http` `bearer` scheme: `Authorization: Bearer <key>`.
    Bearer,
    /// An `http` `basic` scheme: the key is `user:password`.
    Basic,
    /// No authentication.
    None,
}

/// What a generated client knows about its API (from the spec).
#[derive(Debug, Clone, Copy)]
pub struct ApiInfo {
    /// The API's title, for messages.
    pub name: &'static str,
    /// The spec's first server.
    pub default_base_url: &'static str,
    pub auth: AuthScheme,
    /// E.g. `COVAL_API_KEY`.
    pub api_key_var: &'static str,
    /// E.g. `COVAL_BASE_URL`.
    pub base_url_var: &'static str,
}

/// An API key, never printed.
#[derive(Clone)]
pub struct ApiKey(String);

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"[redacted]\"")
    }
}

/// The `User-Agent` the clients send: `api-clients-rust/<version>`.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION"));
/// Default whole-request timeout: 60 seconds (per attempt).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default connect timeout: 10 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The first backoff delay; it doubles per retry, with jitter, up to [`MAX_BACKOFF`].
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
/// The longest backoff delay.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The longest `Retry-After` / `retry-after-ms` honoured; a longer one is not waited for (the
/// call fails with the 429/503 instead of sleeping for minutes).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Which failed requests are sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RetryPolicy {
    /// Retry only when the server cannot have acted on the request, or acting twice is
    /// harmless. Idempotent operations (GET, HEAD, PUT, DELETE, OPTIONS, and operations the spec
    /// marks `x-idempotent: true`) are retried on connection failures, timeouts, 408, 409, 429
    /// and 5xx. Others (POST, PATCH) are retried only on failures to connect, 408 and 429: a
    /// timeout or a 5xx may come after the server created the resource, and sending it again
    /// could create it twice.
    #[default]
    Safe,
    /// Retry every operation on connection failures, timeouts, 408, 409, 429 and 5xx, as if all
    /// were idempotent. Use when duplicates are harmless or detected by the server.
    Always,
    /// Never retry.
    Never,
}

/// Per-call settings, applied with the generated `Client::with_options`.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    retry_policy: Option<RetryPolicy>,
    headers: Vec<(String, String)>,
}

impl RequestOptions {
    pub fn new() -> Self {
        Self::default()
    }

    /// The whole-request timeout of each attempt.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed request may be sent again (0 disables retries).
    #[must_use]
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Which failures are retried; see [`RetryPolicy`].
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// An extra header sent with the request (replacing one of the same name).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn merged_over(mut self, base: &RequestOptions) -> RequestOptions {
        self.timeout = self.timeout.or(base.timeout);
        self.max_retries = self.max_retries.or(base.max_retries);
        self.retry_policy = self.retry_policy.or(base.retry_policy);
        let mut headers = base.headers.clone();
        headers.extend(self.headers);
        self.headers = headers;
        self
    }
}

/// What a generated method knows about one operation.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    pub method: Method,
    /// The path with parameters already encoded, relative to the base URL.
    pub path: &'a str,
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

/// Builds a client: key, base URL, timeouts, retries, user agent, or your own `reqwest::Client`.
#[derive(Debug, Clone)]
pub struct ClientBuilder<C> {
    info: ApiInfo,
    api_key: Option<ApiKey>,
    base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    options: RequestOptions,
    _client: std::marker::PhantomData<fn() -> C>,
}

/// Implemented by each generated `Client`.
pub trait FromHttpClient {
    /// The API's settings from its spec.
    const API: ApiInfo;
    fn from_http(http: HttpClient) -> Self;
}

impl<C: FromHttpClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: FromHttpClient> ClientBuilder<C> {
    pub fn new() -> Self {
        ClientBuilder {
            info: C::API,
            api_key: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: None,
            http: None,
            options: RequestOptions::default(),
            _client: std::marker::PhantomData,
        }
    }

    /// The API key, sent as the spec's security scheme says.
    #[must_use]
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey(api_key.into()));
        self
    }

    /// Reads the API key, and the base URL if set, from the API's environment variables.
    #[must_use]
    pub fn from_env(mut self) -> Self {
        if let Some(key) = std::env::var(self.info.api_key_var)
            .ok()
            .filter(|k| !k.trim().is_empty())
        {
            self.api_key = Some(ApiKey(key));
        }
        if let Some(url) = std::env::var(self.info.base_url_var)
            .ok()
            .filter(|u| !u.trim().is_empty())
        {
            self.base_url = Some(url);
        }
        self
    }

    /// Where requests go instead of the spec's server (a mock, a proxy, a regional host).
    #[must_use]
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The whole-request timeout of each attempt (default 60 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.options.timeout = Some(timeout);
        self
    }

    /// The connect timeout (default 10 s). Ignored with [`ClientBuilder::http_client`].
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed request may be sent again (default 2; 0 disables retries).
    #[must_use]
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Which failures are retried (default [`RetryPolicy::Safe`]).
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.options.retry_policy = Some(policy);
        self
    }

    /// A `User-Agent` prefix, e.g. `my-app/1.2`; ours is appended.
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request.
    #[must_use]
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Your own `reqwest::Client` (proxies, TLS roots, connection pool settings).
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client, or one whose every call fails with this [`ConfigError`] (what
    /// `Client::new` uses, so that it cannot fail or panic).
    #[doc(hidden)]
    pub fn build_or_defer(self) -> C {
        let info = self.info;
        let key = self.api_key.clone().unwrap_or(ApiKey(String::new()));
        match self.build() {
            Ok(c) => c,
            Err(e) => C::from_http(HttpClient {
                http: reqwest::Client::new(),
                base_url: info.default_base_url.to_owned(),
                auth: info.auth,
                key,
                user_agent: USER_AGENT.to_owned(),
                options: RequestOptions::default(),
                deferred: Some(e),
            }),
        }
    }

    /// The client.
    ///
    /// # Errors
    /// [`ConfigError`] when no API key was given (nor found by [`ClientBuilder::from_env`]), the
    /// key cannot be sent in a header, or the base URL is not an absolute http(s) URL.
    pub fn build(self) -> Result<C, ConfigError> {
        let Some(key) = self.api_key else {
            return Err(ConfigError(format!(
                "no API key: pass one to `api_key` or set the environment variable {}",
                self.info.api_key_var
            )));
        };
        if key.0.trim().is_empty() {
            return Err(ConfigError("the API key is empty".to_owned()));
        }
        if HeaderValue::from_str(&key.0).is_err() {
            return Err(ConfigError(
                "the API key contains characters that cannot be sent in a header".to_owned(),
            ));
        }
        let base_url = self
            .base_url
            .unwrap_or_else(|| self.info.default_base_url.to_owned());
        check_base_url(&base_url)?;
        let user_agent = match self.user_agent {
            Some(ua) => format!("{ua} {USER_AGENT}"),
            None => USER_AGENT.to_owned(),
        };
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(user_agent.clone())
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(|e| ConfigError(format!("the HTTP client could not be built: {e}")))?,
        };
        Ok(C::from_http(HttpClient {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            auth: self.info.auth,
            key,
            user_agent,
            options: self.options,
            deferred: None,
        }))
    }
}

fn check_base_url(url: &str) -> Result<(), ConfigError> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Ok(()),
        _ => Err(ConfigError(format!(
            "base URL `{url}` is not an absolute http(s) URL"
        ))),
    }
}

/// The HTTP side of a generated `Client`. Cheap to clone (the connection pool is shared).
#[derive(Clone, Debug)]
pub struct HttpClient {
    http: reqwest::Client,
    base_url: String,
    auth: AuthScheme,
    key: ApiKey,
    user_agent: String,
    options: RequestOptions,
    /// A configuration problem every call reports (from `Client::new` or `with_base_url`).
    deferred: Option<ConfigError>,
}

impl HttpClient {
    /// Replaces the base URL; an invalid one makes every call fail with [`ConfigError`].
    pub fn set_base_url_or_defer(&mut self, base_url: &str) {
        if let Err(e) = self.set_base_url(base_url) {
            self.deferred = Some(e);
        }
    }

    /// Replaces the base URL (e.g. a mock server's).
    ///
    /// # Errors
    /// [`ConfigError`] when `base_url` is not an absolute http(s) URL.
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), ConfigError> {
        check_base_url(base_url)?;
        self.base_url = base_url.trim_end_matches('/').to_owned();
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
    /// [`Error::Transport`], [`Error::Timeout`], [`Error::Api`] for non-2xx, [`Error::Decode`].
    pub async fn send<B, R, E>(
        &self,
        call: Call<'_>,
        query: &[(String, String)],
        body: Option<&B>,
    ) -> Result<R, Error<E>>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
        E: DeserializeOwned,
    {
        let body = match body {
            Some(b) => Some(RequestBody::Json(serde_json::to_vec(b).map_err(|e| {
                ConfigError(format!("the request body could not be serialized: {e}"))
            })?)),
            None => None,
        };
        self.send_body(call, query, body).await
    }

    /// Sends a request with a body in any encoding and decodes a 2xx JSON body into `R`.
    ///
    /// # Errors
    /// As [`HttpClient::send`].
    pub async fn send_body<R, E>(
        &self,
        call: Call<'_>,
        query: &[(String, String)],
        body: Option<RequestBody>,
    ) -> Result<R, Error<E>>
    where
        R: DeserializeOwned,
        E: DeserializeOwned,
    {
        let (status, headers, bytes) = self.fetch(call, query, body).await?;
        decode(status, &headers, &bytes)
    }

    /// Sends a request and returns a 2xx body as it came (for media types that are not JSON).
    ///
    /// # Errors
    /// [`Error::Transport`], [`Error::Timeout`], [`Error::Api`] for non-2xx (with the raw body).
    pub async fn send_for_bytes<E>(
        &self,
        call: Call<'_>,
        query: &[(String, String)],
        body: Option<RequestBody>,
    ) -> Result<bytes::Bytes, Error<E>>
    where
        E: DeserializeOwned,
    {
        Ok(self.fetch(call, query, body).await?.2)
    }

    /// Sends a request and returns a 2xx body as text (`text/*` media types).
    ///
    /// # Errors
    /// As [`HttpClient::send_for_bytes`], and [`Error::Decode`] when the body is not UTF-8.
    pub async fn send_for_text<E>(
        &self,
        call: Call<'_>,
        query: &[(String, String)],
        body: Option<RequestBody>,
    ) -> Result<String, Error<E>>
    where
        E: DeserializeOwned,
    {
        let (status, headers, bytes) = self.fetch(call, query, body).await?;
        String::from_utf8(bytes.to_vec()).map_err(|e| {
            Error::Decode(DecodeError {
                status,
                request_id: request_id(&headers),
                path: String::new(),
                message: format!("the text body is not UTF-8: {e}"),
                body: String::from_utf8_lossy(&bytes).into_owned(),
            })
        })
    }

    /// Sends a request, with retries; a non-2xx status is [`Error::Api`].
    async fn fetch<E: DeserializeOwned>(
        &self,
        call: Call<'_>,
        query: &[(String, String)],
        body: Option<RequestBody>,
    ) -> Result<(u16, HeaderMap, bytes::Bytes), Error<E>> {
        let (status, headers, bytes) = self
            .execute(&call, query, body.as_ref())
            .await
            .map_err(fail)?;
        if !(200..300).contains(&status) {
            return Err(api_error(&call, status, headers, &bytes));
        }
        Ok((status, headers, bytes))
    }

    /// One attempt after another, as the retry policy allows.
    async fn execute(
        &self,
        call: &Call<'_>,
        query: &[(String, String)],
        body: Option<&RequestBody>,
    ) -> Result<(u16, HeaderMap, bytes::Bytes), Failure> {
        let max_retries = self.options.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        let policy = self.options.retry_policy.unwrap_or_default();
        let mut attempt = 0;
        loop {
            let result = self.attempt(call, query, body).await;
            let outcome = match &result {
                Ok((status, headers, _)) if !(200..300).contains(status) => {
                    Some((classify_status(*status), retry_after(headers)))
                }
                Ok(_) => None,
                Err(Failure::Http(e)) if e.is_connect() => Some((Retry::NotSent, None)),
                Err(Failure::Http(e)) if e.is_timeout() => Some((Retry::MaybeProcessed, None)),
                Err(Failure::Http(e)) if e.is_request() || e.is_body() => {
                    Some((Retry::MaybeProcessed, None))
                }
                Err(_) => None,
            };
            let Some((kind, after)) = outcome else {
                return result;
            };
            let allowed = match (policy, kind) {
                (_, Retry::No) | (RetryPolicy::Never, _) => false,
                (RetryPolicy::Always, _) | (_, Retry::NotSent) => true,
                (RetryPolicy::Safe, Retry::MaybeProcessed) => call.idempotent,
            };
            if !allowed || attempt >= max_retries {
                return result;
            }
            let delay = match after {
                Some(d) if d <= MAX_RETRY_AFTER => d,
                Some(_) => return result,
                None => backoff(attempt),
            };
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        call: &Call<'_>,
        query: &[(String, String)],
        body: Option<&RequestBody>,
    ) -> Result<(u16, HeaderMap, bytes::Bytes), Failure> {
        if let Some(e) = &self.deferred {
            return Err(Failure::Config(e.0.clone()));
        }
        let url = format!("{}{}", self.base_url, call.path);
        let mut req = self
            .http
            .request(call.method.clone(), &url)
            .header(reqwest::header::ACCEPT, call.accept);
        req = req.header(reqwest::header::USER_AGENT, &self.user_agent);
        if !query.is_empty() {
            req = req.query(query);
        }
        for (name, value) in &call.headers {
            let value = HeaderValue::from_str(value)
                .map_err(|_| Failure::Config(format!("invalid value for header `{name}`")))?;
            req = req.header(*name, value);
        }
        let mut cookies: Vec<String> = call
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_unreserved(value)))
            .collect();
        if let AuthScheme::Cookie(name) = self.auth {
            cookies.push(format!("{name}={}", self.key.0));
        }
        if !cookies.is_empty() {
            req = req.header(reqwest::header::COOKIE, cookies.join("; "));
        }
        req = match self.auth {
            AuthScheme::Header(name) => req.header(name, &self.key.0),
            AuthScheme::Query(name) => req.query(&[(name, &self.key.0)]),
            AuthScheme::Cookie(_) => req,
            AuthScheme::Bearer => req.bearer_auth(&self.key.0),
            AuthScheme::Basic => match self.key.0.split_once(':') {
                Some((user, password)) => req.basic_auth(user, Some(password)),
                None => req.basic_auth(&self.key.0, None::<&str>),
            },
            AuthScheme::None => req,
        };
        if let Some(t) = self.options.timeout {
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
        let resp = req.send().await.map_err(Failure::Http)?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map_err(Failure::Http)?;
        Ok((status, headers, bytes))
    }
}

fn fail<E>(f: Failure) -> Error<E> {
    match f {
        Failure::Http(e) if e.is_builder() => Error::Config(ConfigError(format!(
            "the request could not be built: {}",
            e.without_url()
        ))),
        Failure::Http(e) => Error::from_reqwest(e),
        Failure::Config(m) => Error::Config(ConfigError(m)),
    }
}

enum Failure {
    Http(reqwest::Error),
    Config(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// The server did not act on the request: safe to send again.
    NotSent,
    /// The server may have acted on it: only idempotent requests are sent again by default.
    MaybeProcessed,
    /// Sending it again would not help.
    No,
}

fn classify_status(status: u16) -> Retry {
    match status {
        // Request Timeout and Too Many Requests: the server refused before acting.
        408 | 429 => Retry::NotSent,
        s if retryable_status(s) => Retry::MaybeProcessed,
        _ => Retry::No,
    }
}

/// `retry-after-ms` (milliseconds), or `Retry-After` in seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let value = get("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// 0.5 s doubling per attempt up to 8 s, minus up to 25% jitter so clients spread out.
fn backoff(attempt: u32) -> Duration {
    let base = INITIAL_BACKOFF
        .saturating_mul(1 << attempt.min(16))
        .min(MAX_BACKOFF);
    base.mul_f64(1.0 - 0.25 * fastrand::f64())
}

// `Error<E>` keeps the status, headers and raw body of a failed call by design.
#[allow(clippy::result_large_err)]
fn decode<R: DeserializeOwned, E: DeserializeOwned>(
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

fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "x-amzn-requestid"].iter().find_map(|h| {
        headers
            .get(*h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    })
}

/// Turns a non-2xx response into [`Error::Api`], decoding the body when the spec documents it
/// for this status (by status code, never by the body's shape).
fn api_error<E: DeserializeOwned>(
    call: &Call<'_>,
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

/// How a query parameter is serialized (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`. Exploded (the default): a list `ids=1&ids=2`, an object one `key=value` pair per
    /// property; not exploded: `ids=1,2`, an object `name=k1,v1,k2,v2`.
    Form { explode: bool },
    /// `spaceDelimited`: `ids=1 2` (the space percent-encoded).
    SpaceDelimited,
    /// `pipeDelimited`: `ids=1|2`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value` per property, nested objects as `name[a][b]=value`, a
    /// list as repeated `name[key]` pairs.
    DeepObject,
}

fn query_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Adds a query parameter whose value is not a plain scalar, as `style` says. Null values and
/// null properties are left out; scalars are `name=value` in every style.
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Vec<(String, String)>,
    name: &str,
    value: &T,
    style: QueryStyle,
) {
    fn deep(query: &mut Vec<(String, String)>, key: String, v: &serde_json::Value) {
        match v {
            serde_json::Value::Null => {}
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    deep(query, format!("{key}[{k}]"), v);
                }
            }
            serde_json::Value::Array(items) => {
                for v in items {
                    deep(query, key.clone(), v);
                }
            }
            other => query.push((key, query_text(other))),
        }
    }
    let delimiter = match style {
        QueryStyle::Form { explode: true } | QueryStyle::DeepObject => None,
        QueryStyle::Form { explode: false } => Some(","),
        QueryStyle::SpaceDelimited => Some(" "),
        QueryStyle::PipeDelimited => Some("|"),
    };
    let value = match serde_json::to_value(value) {
        Ok(serde_json::Value::Null) | Err(_) => return,
        Ok(v) => v,
    };
    match (value, delimiter) {
        (v @ serde_json::Value::Object(_), None) if style == QueryStyle::DeepObject => {
            deep(query, name.to_owned(), &v)
        }
        (serde_json::Value::Object(map), None) => query.extend(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), query_text(v))),
        ),
        (serde_json::Value::Object(map), Some(d)) => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .flat_map(|(k, v)| [k.clone(), query_text(v)])
                .collect();
            query.push((name.to_owned(), parts.join(d)));
        }
        (serde_json::Value::Array(items), None) => {
            query.extend(items.iter().map(|v| (name.to_owned(), query_text(v))))
        }
        (serde_json::Value::Array(items), Some(d)) => {
            let parts: Vec<String> = items.iter().map(query_text).collect();
            query.push((name.to_owned(), parts.join(d)));
        }
        (other, _) => query.push((name.to_owned(), query_text(&other))),
    }
}

/// A header or cookie parameter's text (OpenAPI's `simple` style): a scalar as itself (a
/// date-time in RFC 3339), a list `a,b`, an object `k1,v1,k2,v2`.
pub fn param_text<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => {
            items.iter().map(query_text).collect::<Vec<_>>().join(",")
        }
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .flat_map(|(k, v)| [k.clone(), query_text(v)])
            .collect::<Vec<_>>()
            .join(","),
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(v) => query_text(&v),
    }
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters pass through).
pub fn encode_path(segment: &str) -> String {
    encode_unreserved(segment)
}

/// Percent-encodes every byte but RFC 3986's unreserved characters, which leaves only valid
/// path-segment characters and cookie-octets (RFC 6265).
fn encode_unreserved(segment: &str) -> String {
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
    fn backoff_doubles_with_jitter_and_caps() {
        for attempt in 0..10 {
            let d = backoff(attempt);
            let base = (0.5 * f64::from(1u32 << attempt)).min(8.0);
            assert!(
                d.as_secs_f64() <= base && d.as_secs_f64() >= base * 0.75,
                "attempt {attempt}: {d:?}"
            );
        }
    }

    #[test]
    fn retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after-ms", HeaderValue::from_static("150"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(150)));
        let mut h = HeaderMap::new();
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(
            retry_after(&h),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
    }

    #[test]
    fn object_query_values_are_exploded() {
        let mut q = Vec::new();
        let form = QueryStyle::Form { explode: true };
        push_query(
            &mut q,
            "filter",
            &serde_json::json!({"name": "a b", "limit": 5, "skip": null}),
            form,
        );
        push_query(&mut q, "ids", &serde_json::json!([1, 2]), form);
        assert_eq!(
            q,
            [
                ("limit".into(), "5".into()),
                ("name".into(), "a b".into()),
                ("ids".into(), "1".into()),
                ("ids".into(), "2".into())
            ]
        );
    }

    #[test]
    fn query_styles() {
        let pairs = |value: serde_json::Value, style| {
            let mut q = Vec::new();
            push_query(&mut q, "p", &value, style);
            q.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        let list = || serde_json::json!([1, "a", true]);
        let object = || serde_json::json!({"status": "active", "limit": 3, "skip": null});
        assert_eq!(
            pairs(list(), QueryStyle::Form { explode: false }),
            "p=1,a,true"
        );
        assert_eq!(pairs(list(), QueryStyle::SpaceDelimited), "p=1 a true");
        assert_eq!(pairs(list(), QueryStyle::PipeDelimited), "p=1|a|true");
        assert_eq!(
            pairs(object(), QueryStyle::DeepObject),
            "p[limit]=3&p[status]=active"
        );
        assert_eq!(
            pairs(
                serde_json::json!({"a": {"b": 1}, "c": [1, 2]}),
                QueryStyle::DeepObject
            ),
            "p[a][b]=1&p[c]=1&p[c]=2"
        );
        assert_eq!(
            pairs(object(), QueryStyle::Form { explode: false }),
            "p=limit,3,status,active"
        );
        assert_eq!(pairs(serde_json::json!("x"), QueryStyle::DeepObject), "p=x");
        assert_eq!(pairs(serde_json::Value::Null, QueryStyle::DeepObject), "");
    }

    #[test]
    fn header_and_cookie_text() {
        assert_eq!(param_text(&[1, 2]), "1,2");
        assert_eq!(param_text("a b"), "a b");
        assert_eq!(param_text(&serde_json::json!({"a": 1})), "a,1");
        assert_eq!(encode_unreserved("a b;c=\"d\""), "a%20b%3Bc%3D%22d%22");
    }

    #[test]
    fn statuses_are_classified() {
        assert_eq!(classify_status(429), Retry::NotSent);
        assert_eq!(classify_status(503), Retry::MaybeProcessed);
        assert_eq!(classify_status(409), Retry::MaybeProcessed);
        assert_eq!(classify_status(404), Retry::No);
    }
}
