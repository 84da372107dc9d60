//! The extension point around each attempt: sign or count requests, add headers, refresh
//! credentials, record metrics.

use reqwest::header::HeaderMap;
use std::fmt;
use std::sync::Arc;

/// A boxed error a [`Hook`] returns to stop a call.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// The future [`Hook::before_send`] returns.
pub type BoxFuture<'a, T> = futures_util::future::BoxFuture<'a, T>;
/// The request a [`Hook`] sees: URL, method, headers (credentials included, marked sensitive)
/// and body (`Request::body()?.as_bytes()` for everything but streams).
pub use reqwest::Request;

/// Code run around every attempt of every call, registered with
/// [`ClientBuilder::hook`](super::ClientBuilder::hook); hooks run in the order registered, on
/// each retry again (`attempt` counts from 0).
///
/// ```
/// use api_clients::runtime::{BoxError, BoxFuture, Hook, Request};
///
/// /// Adds `x-signature: <method> <path>` to every attempt.
/// struct Sign;
///
/// impl Hook for Sign {
///     fn before_send<'a>(&'a self, request: &'a mut Request, _attempt: u32)
///         -> BoxFuture<'a, Result<(), BoxError>>
///     {
///         Box::pin(async move {
///             let text = format!("{} {}", request.method(), request.url().path());
///             request.headers_mut().insert("x-signature", text.parse()?);
///             Ok(())
///         })
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Called with each attempt's request just before it is sent, after the credentials are
    /// added (so a signature can cover them). It may change the request. An error stops the
    /// call with [`Error::Hook`](super::Error::Hook), not retried, and nothing is sent.
    fn before_send<'a>(
        &'a self,
        request: &'a mut Request,
        attempt: u32,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        let _ = (request, attempt);
        Box::pin(async { Ok(()) })
    }

    /// Called with each attempt's status and headers when they arrive, before the body is read.
    fn after_response(&self, status: u16, headers: &HeaderMap, attempt: u32) {
        let _ = (status, headers, attempt);
    }
}

/// A shared hook is a hook (so `.hook(Arc::clone(&metrics))` keeps a handle to read it).
impl<H: Hook + ?Sized> Hook for Arc<H> {
    fn before_send<'a>(
        &'a self,
        request: &'a mut Request,
        attempt: u32,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        (**self).before_send(request, attempt)
    }

    fn after_response(&self, status: u16, headers: &HeaderMap, attempt: u32) {
        (**self).after_response(status, headers, attempt)
    }
}

/// The hooks of a client, in the order registered.
#[derive(Clone, Default)]
pub(super) struct Hooks(pub(super) Vec<Arc<dyn Hook>>);

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hook(s)", self.0.len())
    }
}
