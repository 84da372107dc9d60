//! Authentication: the API key and how the spec's security scheme sends it.

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
