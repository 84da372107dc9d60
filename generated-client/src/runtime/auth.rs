//! Authentication: the API key and how the spec's security scheme sends it.

use reqwest::header::{HeaderValue, COOKIE};
use reqwest::RequestBuilder;
use std::fmt;

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

/// An API key, never printed.
#[derive(Clone)]
pub struct ApiKey(String);

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"[redacted]\"")
    }
}

impl ApiKey {
    pub(super) fn new(key: String) -> Self {
        ApiKey(key)
    }

    pub(super) fn expose(&self) -> &str {
        &self.0
    }
}

impl AuthScheme {
    /// Adds the key to `req` as the scheme says, with `cookies` (the operation's cookie
    /// parameters, already encoded) in the same `Cookie` header as a cookie key. Every header
    /// that carries the key is marked sensitive (`HeaderValue::set_sensitive`): left out of
    /// `Debug` output and never added to an HTTP/2 header compression table.
    pub(super) fn apply(
        self,
        key: &ApiKey,
        mut req: RequestBuilder,
        mut cookies: Vec<String>,
    ) -> RequestBuilder {
        let secret = |text: &str| {
            // The builder refused keys that cannot be a header value, and cookie parameters are
            // percent-encoded, so this cannot fail; an empty value is sent if it ever did.
            let mut v = HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static(""));
            v.set_sensitive(true);
            v
        };
        if let AuthScheme::Cookie(name) = self {
            cookies.push(format!("{name}={}", key.expose()));
        }
        if !cookies.is_empty() {
            let value = cookies.join("; ");
            req = req.header(
                COOKIE,
                if matches!(self, AuthScheme::Cookie(_)) {
                    secret(&value)
                } else {
                    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
                },
            );
        }
        // reqwest marks `Authorization` from `bearer_auth` and `basic_auth` sensitive itself.
        match self {
            AuthScheme::Header(name) => req.header(name, secret(key.expose())),
            AuthScheme::Query(name) => req.query(&[(name, key.expose())]),
            AuthScheme::Bearer => req.bearer_auth(key.expose()),
            AuthScheme::Basic => match key.expose().split_once(':') {
                Some((user, password)) => req.basic_auth(user, Some(password)),
                None => req.basic_auth(key.expose(), None::<&str>),
            },
            AuthScheme::Cookie(_) | AuthScheme::None => req,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(scheme: AuthScheme) -> reqwest::Request {
        let req = reqwest::Client::new().get("http://127.0.0.1:9/x");
        scheme
            .apply(&ApiKey::new("k:s".into()), req, vec!["a=1".into()])
            .build()
            .expect("a valid request")
    }

    #[test]
    fn every_header_carrying_the_key_is_sensitive() {
        let header = sent(AuthScheme::Header("x-api-key"));
        assert!(header.headers()["x-api-key"].is_sensitive());
        assert!(!header.headers()["cookie"].is_sensitive(), "no key in it");
        let cookie = sent(AuthScheme::Cookie("session"));
        assert_eq!(cookie.headers()["cookie"], "a=1; session=k:s");
        assert!(cookie.headers()["cookie"].is_sensitive());
        for scheme in [AuthScheme::Bearer, AuthScheme::Basic] {
            assert!(sent(scheme).headers()["authorization"].is_sensitive());
        }
        assert_eq!(
            sent(AuthScheme::Query("key")).url().query(),
            Some("key=k%3As")
        );
    }
}
