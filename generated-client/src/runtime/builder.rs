//! Building a client: the API's settings from its spec, the key, base URL, timeouts, retries
//! and user agent, or the user's own `reqwest::Client`.

use super::auth::{ApiKey, AuthScheme};
use super::error::ConfigError;
use super::hook::{Hook, Hooks};
use super::http::HttpClient;
use super::options::{RequestOptions, RetryPolicy};
use super::redirect::same_origin_redirects;
use reqwest::header::HeaderValue;
use std::time::Duration;

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

/// The `User-Agent` the clients send: `api-clients-rust/<version>`.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION"));
/// Default whole-request timeout: 60 seconds (per attempt).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default largest response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// Default connect timeout: 10 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    hooks: Hooks,
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
            hooks: Hooks::default(),
            _client: std::marker::PhantomData,
        }
    }

    /// The API key, sent as the spec's security scheme says.
    #[must_use]
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey::new(api_key.into()));
        self
    }

    /// Reads the API key, and the base URL if set, from the API's environment variables.
    #[must_use]
    pub fn from_env(mut self) -> Self {
        if let Some(key) = std::env::var(self.info.api_key_var)
            .ok()
            .filter(|k| !k.trim().is_empty())
        {
            self.api_key = Some(ApiKey::new(key));
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

    /// The largest response body read, in bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`],
    /// 64 MiB). A body announced or found larger is [`Error::TooLarge`](super::Error::TooLarge),
    /// and is not read past the limit.
    #[must_use]
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.options.max_response_bytes = Some(limit);
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

    /// Code run around every attempt: signing, counting, extra headers, refreshing a
    /// credential (see [`Hook`]). Hooks run in the order added.
    #[must_use]
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.0.push(std::sync::Arc::new(hook));
        self
    }

    /// Your own `reqwest::Client` (proxies, TLS roots, connection pool settings).
    ///
    /// Build it with `.redirect(`[`same_origin_redirects`]`())`: the client then follows
    /// redirects only within the base URL's origin, as its own does. With reqwest's default
    /// policy, a redirect to another host would carry an API key sent in a header, query or
    /// cookie there (reqwest strips only `Authorization` and `Cookie`).
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client, or one whose every call fails with this [`ConfigError`] (what
    /// `Client::new` uses, so that it cannot fail or panic). A base URL problem is cleared by a
    /// later valid `with_base_url`; a key problem is not.
    #[doc(hidden)]
    pub fn build_or_defer(self) -> C {
        let info = self.info;
        let key = self.key();
        let base_url = self.base_url_or_default();
        let base_url_error = check_base_url(&base_url).err();
        let (key, key_error) = match key {
            Ok(key) => (key, None),
            Err(e) => (ApiKey::new(String::new()), Some(e)),
        };
        match self.assemble(key.clone(), base_url.clone()) {
            Ok(mut http) => {
                http.deferred = key_error;
                http.base_url_error = base_url_error;
                C::from_http(http)
            }
            Err(e) => C::from_http(HttpClient {
                api: info.name,
                hooks: Hooks::default(),
                http: reqwest::Client::new(),
                base_url,
                auth: info.auth,
                key,
                user_agent: USER_AGENT.to_owned(),
                options: RequestOptions::default(),
                deferred: Some(e),
                base_url_error,
            }),
        }
    }

    /// The client.
    ///
    /// # Errors
    /// [`ConfigError`] when no API key was given (nor found by [`ClientBuilder::from_env`]) for
    /// an API whose spec declares a security scheme, the key cannot be sent in a header, or the
    /// base URL is not an absolute http(s) URL.
    pub fn build(self) -> Result<C, ConfigError> {
        let key = self.key()?;
        let base_url = self.base_url_or_default();
        check_base_url(&base_url)?;
        Ok(C::from_http(self.assemble(key, base_url)?))
    }

    /// The API key, checked; none is needed when the spec declares no security scheme.
    fn key(&self) -> Result<ApiKey, ConfigError> {
        let Some(key) = self.api_key.clone() else {
            if matches!(self.info.auth, AuthScheme::None) {
                return Ok(ApiKey::new(String::new()));
            }
            return Err(ConfigError(format!(
                "no API key: pass one to `api_key` or set the environment variable {}",
                self.info.api_key_var
            )));
        };
        if matches!(self.info.auth, AuthScheme::None) {
            return Ok(key);
        }
        if key.expose().trim().is_empty() {
            return Err(ConfigError("the API key is empty".to_owned()));
        }
        if HeaderValue::from_str(key.expose()).is_err() {
            return Err(ConfigError(
                "the API key contains characters that cannot be sent in a header".to_owned(),
            ));
        }
        Ok(key)
    }

    fn base_url_or_default(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| self.info.default_base_url.to_owned())
    }

    /// The HTTP client, from checked parts.
    fn assemble(self, key: ApiKey, base_url: String) -> Result<HttpClient, ConfigError> {
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
                .redirect(same_origin_redirects())
                .build()
                .map_err(|e| ConfigError(format!("the HTTP client could not be built: {e}")))?,
        };
        Ok(HttpClient {
            api: self.info.name,
            hooks: self.hooks,
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            auth: self.info.auth,
            key,
            user_agent,
            options: self.options,
            deferred: None,
            base_url_error: None,
        })
    }
}

pub(super) fn check_base_url(url: &str) -> Result<(), ConfigError> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Ok(()),
        _ => Err(ConfigError(format!(
            "base URL `{url}` is not an absolute http(s) URL"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Test(HttpClient);
    impl FromHttpClient for Test {
        const API: ApiInfo = ApiInfo {
            name: "test",
            default_base_url: "https://127.0.0.1:9",
            auth: AuthScheme::Header("x-api-key"),
            api_key_var: "TEST_API_KEY",
            base_url_var: "TEST_BASE_URL",
        };
        fn from_http(http: HttpClient) -> Self {
            Test(http)
        }
    }

    /// With the `rustls` or the `native-tls` feature, an https:// base URL gets as far as a TLS
    /// handshake (here with a server that hangs up): a transport error, not a request the
    /// client cannot build for want of TLS.
    #[cfg(any(feature = "rustls", feature = "native-tls"))]
    #[tokio::test]
    async fn https_is_supported() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("https://{}", listener.local_addr().expect("address"));
        let hang_up = std::thread::spawn(move || drop(listener.accept()));
        let client: Test = ClientBuilder::new()
            .api_key("k")
            .base_url(base)
            .max_retries(0)
            .build()
            .expect("valid");
        let call = super::super::http::Call {
            operation: "get",
            method: reqwest::Method::GET,
            template: "/",
            path: "/".to_owned(),
            query: Vec::new(),
            idempotent: true,
            error_statuses: &[],
            default_error: false,
            accept: "application/json",
            headers: Vec::new(),
            cookies: Vec::new(),
        };
        let err = client
            .0
            .send::<(), serde_json::Value, serde_json::Value>(Ok((call, None)))
            .await
            .expect_err("the server hangs up");
        hang_up.join().expect("accepted");
        assert!(matches!(err, super::super::Error::Transport(_)), "{err:?}");
    }
}
