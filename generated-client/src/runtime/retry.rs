//! When a failed attempt is sent again, and after how long.

use reqwest::header::HeaderMap;
use std::time::Duration;

/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The first backoff delay; it doubles per retry, with jitter, up to [`MAX_BACKOFF`].
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
/// The longest backoff delay.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The longest `Retry-After` / `retry-after-ms` honoured; a longer one is not waited for (the
/// call fails with the 429/503 instead of sleeping for minutes).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Whether a failed attempt may be sent again: the one decision the retry loop and
/// [`Error::is_retryable`](super::Error::is_retryable) both use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Retry {
    /// The server did not act on the request: safe to send again.
    NotSent,
    /// The server may have acted on it: only idempotent requests are sent again by default.
    MaybeProcessed,
    /// Sending it again would not help.
    No,
}

pub(super) fn classify_status(status: u16) -> Retry {
    match status {
        // Request Timeout and Too Many Requests: the server refused before acting.
        408 | 429 => Retry::NotSent,
        // Conflict (a concurrent change) and server errors: the server may have acted.
        409 | 500.. => Retry::MaybeProcessed,
        _ => Retry::No,
    }
}

/// A request that failed without a response (or whose response body broke off).
///
/// - could not connect: [`Retry::NotSent`];
/// - a timeout, a failure while sending, or the connection cut while the body was read:
///   [`Retry::MaybeProcessed`]. reqwest reports the last as kind `Decode` wrapping kind `Body`
///   (or an I/O error), because it happens inside `Response::chunk`. The runtime never asks
///   reqwest to decode a body (it reads bytes and decodes JSON itself), so every `Decode` error
///   it sees comes from reading the body;
/// - anything else (a request that could not be built, a redirect loop): [`Retry::No`].
pub(super) fn classify_transport(e: &reqwest::Error) -> Retry {
    if e.is_connect() {
        Retry::NotSent
    } else if e.is_timeout() || e.is_request() || e.is_body() || e.is_decode() {
        Retry::MaybeProcessed
    } else {
        Retry::No
    }
}

/// `retry-after-ms` (milliseconds), or `Retry-After` in seconds or as an HTTP date.
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
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
pub(super) fn backoff(attempt: u32) -> Duration {
    let base = INITIAL_BACKOFF
        .saturating_mul(1 << attempt.min(16))
        .min(MAX_BACKOFF);
    base.mul_f64(1.0 - 0.25 * fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

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
    fn statuses_are_classified() {
        assert_eq!(classify_status(429), Retry::NotSent);
        assert_eq!(classify_status(503), Retry::MaybeProcessed);
        assert_eq!(classify_status(409), Retry::MaybeProcessed);
        assert_eq!(classify_status(404), Retry::No);
    }
}
