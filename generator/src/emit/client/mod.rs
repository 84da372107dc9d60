//! The async `Client`: construction (key, environment, base URL) and one method per operation
//! that validates its input, sends it, and decodes the documented success response.

mod checks;
mod errors;
mod method;
mod method_docs;
mod request;
mod stream;

pub use errors::emit_error_types;

use crate::emit::docs;
use crate::emit::Ctx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_client(ctx: &Ctx<'_>) -> TokenStream {
    let api = ctx.api;
    let base = &api.base_url;
    let title = &api.title;
    let key_var = format!("{}_API_KEY", api.env_prefix);
    let url_var = format!("{}_BASE_URL", api.env_prefix);
    let (auth, auth_doc) = match &api.auth {
        Auth::Header { header, scheme } => (
            quote!(rt::AuthScheme::Header(#header)),
            format!("the API key in the `{header}` header (security scheme `{scheme}`)"),
        ),
        Auth::Bearer { scheme } => (
            quote!(rt::AuthScheme::Bearer),
            format!("the API key as `Authorization: Bearer <key>` (security scheme `{scheme}`)"),
        ),
        Auth::Query { scheme, param } => (
            quote!(rt::AuthScheme::Query(#param)),
            format!("the API key in the `{param}` query parameter (security scheme `{scheme}`)"),
        ),
        Auth::Cookie { scheme, cookie } => (
            quote!(rt::AuthScheme::Cookie(#cookie)),
            format!("the API key in the `{cookie}` cookie (security scheme `{scheme}`)"),
        ),
        Auth::Basic { scheme } => (
            quote!(rt::AuthScheme::Basic),
            format!("HTTP basic authentication, the key being `user:password` (security scheme `{scheme}`)"),
        ),
        Auth::None => (quote!(rt::AuthScheme::None), "none".to_owned()),
    };
    let doc = docs::attrs(&[
        format!("Async client for the {}.", docs::sanitize(&api.title)),
        String::new(),
        format!("- Base URL: `{base}` by default; `{url_var}`, [`ClientBuilder::base_url`] or [`Client::with_base_url`] override it."),
        format!("- Authentication: {}.", auth_doc.replace('<', "\\<").replace('>', "\\>")),
        "- Every method validates its input against the spec before sending anything, and".to_owned(),
        "  decodes the documented success response; see [`Error`] for what can fail.".to_owned(),
        "- Timeouts: 60 s per attempt, 10 s to connect. Retries: up to 2, with jittered exponential".to_owned(),
        "  backoff (0.5 s doubling to 8 s) honouring `Retry-After`; see [`RetryPolicy`] for which".to_owned(),
        "  failures are retried. Change them with [`Client::builder`] or per call with".to_owned(),
        "  [`Client::with_options`].".to_owned(),
        "- Cheap to clone: clones share one connection pool.".to_owned(),
        "- The API key never appears in `Debug` output or errors.".to_owned(),
    ]);
    let ops = api
        .operations
        .iter()
        .zip(&ctx.surface.operations)
        .enumerate()
        .map(|(i, (op, os))| {
            crate::emit::gate_methods(
                method::operation(ctx, op, os),
                crate::emit::operation_cfg(ctx, i),
            )
        });
    let new_doc = if matches!(api.auth, Auth::None) {
        docs::attrs(&[
            "A client for [`Client::DEFAULT_BASE_URL`], with the default timeouts and retries.".to_owned(),
            String::new(),
            "The spec declares no security scheme, so `api_key` is not sent (pass `\"\"`), and".to_owned(),
            "[`Client::builder`] needs none. Without a default base URL (a spec with no `servers`),".to_owned(),
            "every call fails with [`Error::Config`] until [`Client::with_base_url`] sets one.".to_owned(),
        ])
    } else {
        docs::attrs(&[
            "A client for [`Client::DEFAULT_BASE_URL`] authenticating with `api_key`, with the"
                .to_owned(),
            "default timeouts and retries.".to_owned(),
            String::new(),
            "A key that cannot be used (empty, or not sendable in a header) makes every call"
                .to_owned(),
            "fail with [`Error::Config`]; [`Client::builder`] reports it up front instead."
                .to_owned(),
        ])
    };
    let from_env_doc = format!(" A client configured from the environment: the key from `{key_var}`, the base URL from `{url_var}` if set.");
    quote! {
        /// Builds a [`Client`]: API key, base URL, timeouts, retries, user agent, or your own
        /// `reqwest::Client`.
        pub type ClientBuilder = rt::ClientBuilder<Client>;

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            http: rt::HttpClient,
        }

        impl rt::FromHttpClient for Client {
            const API: rt::ApiInfo = rt::ApiInfo {
                name: #title,
                default_base_url: #base,
                auth: #auth,
                api_key_var: #key_var,
                base_url_var: #url_var,
            };
            fn from_http(http: rt::HttpClient) -> Self {
                Client { http }
            }
        }

        impl Client {
            /// The first server of the spec's `servers`.
            pub const DEFAULT_BASE_URL: &'static str = #base;
            /// The environment variable [`Client::from_env`] reads the API key from.
            pub const API_KEY_VAR: &'static str = #key_var;
            /// The environment variable [`Client::from_env`] reads a base URL override from.
            pub const BASE_URL_VAR: &'static str = #url_var;

            #new_doc
            pub fn new(api_key: impl Into<String>) -> Self {
                Self::builder().api_key(api_key).build_or_defer()
            }

            /// A builder for every setting; finish with `.build()`.
            pub fn builder() -> ClientBuilder {
                rt::ClientBuilder::new()
            }

            #[doc = #from_env_doc]
            ///
            /// # Errors
            /// [`Error::Config`] when the key variable is unset or empty, or the base URL is invalid.
            pub fn from_env() -> Result<Self> {
                Ok(Self::builder().from_env().build()?)
            }

            /// The same client sending requests to `base_url` instead (e.g. a mock server). An
            /// invalid URL makes every call fail with [`Error::Config`].
            #[must_use]
            pub fn with_base_url(mut self, base_url: impl AsRef<str>) -> Self {
                self.http.set_base_url_or_defer(base_url.as_ref());
                self
            }

            /// The same client with `options` (timeout, retries, retry policy, extra headers)
            /// applied to the calls made through it:
            /// `client.with_options(RequestOptions::new().max_retries(0)).create_persona(&body)`.
            #[must_use]
            pub fn with_options(&self, options: rt::RequestOptions) -> Self {
                Client { http: self.http.with_options(options) }
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.http.base_url()
            }

            #(#ops)*
        }
    }
}
