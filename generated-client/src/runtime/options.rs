//! Per-call settings: timeout, retries, retry policy and extra headers.

use std::time::Duration;

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
    pub(super) timeout: Option<Duration>,
    pub(super) max_retries: Option<u32>,
    pub(super) retry_policy: Option<RetryPolicy>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) max_response_bytes: Option<u64>,
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

    /// The largest response body read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](super::DEFAULT_MAX_RESPONSE_BYTES), 64 MiB); a larger one is
    /// [`Error::TooLarge`](super::Error::TooLarge).
    #[must_use]
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// An extra header sent with the request (replacing one of the same name).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub(super) fn merged_over(mut self, base: &RequestOptions) -> RequestOptions {
        self.timeout = self.timeout.or(base.timeout);
        self.max_retries = self.max_retries.or(base.max_retries);
        self.retry_policy = self.retry_policy.or(base.retry_policy);
        self.max_response_bytes = self.max_response_bytes.or(base.max_response_bytes);
        let mut headers = base.headers.clone();
        headers.extend(self.headers);
        self.headers = headers;
        self
    }
}
