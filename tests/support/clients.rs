//! Clients pointed at a test server, the keys they send, and the same authentication for raw
//! requests.

use api_clients::{anam, coval};

pub const COVAL_KEY: &str = "contract-test-coval-key";
pub const ANAM_KEY: &str = "contract-test-anam-key";
/// `Authorization` value for [`ANAM_KEY`] (spelled out: it is what the tests compare against).
pub const ANAM_BEARER: &str = "Bearer contract-test-anam-key";

/// A Coval client that sends [`COVAL_KEY`] to `base_url`.
pub fn coval_client(base_url: &str) -> coval::Client {
    coval::Client::new(COVAL_KEY).with_base_url(base_url)
}

/// An Anam client that sends [`ANAM_KEY`] to `base_url`.
pub fn anam_client(base_url: &str) -> anam::Client {
    anam::Client::new(ANAM_KEY).with_base_url(base_url)
}

/// Coval's authentication header for raw requests, as its security scheme says.
pub fn coval_auth() -> [(&'static str, &'static str); 1] {
    [("x-api-key", COVAL_KEY)]
}

/// Anam's authentication header for raw requests, as its security scheme says.
pub fn anam_auth() -> [(&'static str, &'static str); 1] {
    [("authorization", ANAM_BEARER)]
}

/// The JSON a request model serializes to: what the client sends, reused for raw requests.
pub fn json_of<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("request models serialize")
}

/// A decoded timestamp as RFC 3339 text, to compare with the spec's examples.
pub fn rfc3339(time: Option<api_clients::runtime::DateTime>) -> Option<String> {
    time.map(|t| t.to_rfc3339())
}
