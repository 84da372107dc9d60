//! Sending requests: one call with its retries, one attempt with its headers, auth and body.

use super::auth::{ApiKey, AuthScheme};
use super::body::RequestBody;
use super::builder::check_base_url;
use super::encode::encode_unreserved;
use super::error::{ConfigError, DecodeError, Error};
use super::options::{RequestOptions, RetryPolicy};
use super::response::{api_error, decode, request_id};
use super::retry::{
    backoff, classify_status, retry_after, Retry, DEFAULT_MAX_RETRIES, MAX_RETRY_AFTER,
};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use reqwest::Method;

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

/// The HTTP side of a generated `Client`. Cheap to clone (the connection pool is shared).
#[derive(Clone, Debug)]
pub struct HttpClient {
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    pub(super) auth: AuthScheme,
    pub(super) key: ApiKey,
    pub(super) user_agent: String,
    pub(super) options: RequestOptions,
    /// A configuration problem every call reports (from `Client::new` or `with_base_url`).
    pub(super) deferred: Option<ConfigError>,
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
            cookies.push(format!("{name}={}", self.key.expose()));
        }
        if !cookies.is_empty() {
            req = req.header(reqwest::header::COOKIE, cookies.join("; "));
        }
        req = match self.auth {
            AuthScheme::Header(name) => req.header(name, self.key.expose()),
            AuthScheme::Query(name) => req.query(&[(name, self.key.expose())]),
            AuthScheme::Cookie(_) => req,
            AuthScheme::Bearer => req.bearer_auth(self.key.expose()),
            AuthScheme::Basic => match self.key.expose().split_once(':') {
                Some((user, password)) => req.basic_auth(user, Some(password)),
                None => req.basic_auth(self.key.expose(), None::<&str>),
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
