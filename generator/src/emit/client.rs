//! The async `Client`: construction (key, environment, base URL) and one method per operation
//! that validates its input, sends it, and decodes the documented success response.

use super::docs;
use super::validate::checks_nullable;
use super::Ctx;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::{OperationSurface, Stream};
use proc_macro2::TokenStream;
use quote::quote;

/// `Error`, `ApiError` and `Result` for this API, with the vendor's error body type, and its
/// `ErrorSummary` for `Display`.
pub fn emit_error_types(ctx: &Ctx<'_>) -> TokenStream {
    let (body, summary) = match ctx.api.error_type.as_deref().and_then(|n| ctx.types.get(n)) {
        Some(t) => {
            let n = ident(&t.name);
            (quote!(#n), error_summary(ctx, t))
        }
        None => (quote!(rt::Value), quote!()),
    };
    let error_doc = match &ctx.api.error_type {
        Some(n) => format!(" Everything a call can fail with; `Api` errors carry the decoded [`{n}`] when the spec documents it for the status."),
        None => " Everything a call can fail with.".to_owned(),
    };
    quote! {
        #[doc = #error_doc]
        pub type Error = rt::Error<#body>;
        /// A non-2xx response: status, headers, request id, raw body, and the decoded error body.
        pub type ApiError = rt::ApiError<#body>;
        /// The result of every call of this API's [`Client`].
        pub type Result<T, E = Error> = std::result::Result<T, E>;
        #summary
    }
}

/// `impl rt::ErrorSummary`: `code: message` from the error body's `message`/`code` strings,
/// directly or under an `error` object; a string `error` counts as the message.
fn error_summary(ctx: &Ctx<'_>, t: &TypeDef) -> TokenStream {
    let TypeKind::Struct(s) = &t.kind else {
        return quote!();
    };
    let name = ident(&t.name);
    fn string_field(base: TokenStream, s: &Struct, wire: &str) -> Option<TokenStream> {
        let f = s
            .fields
            .iter()
            .find(|f| f.wire == wire && matches!(f.shape.ty, Ty::String))?;
        let n = ident(&f.rust);
        Some(if f.is_option() {
            quote!(#base.#n.as_deref())
        } else {
            quote!(Some(#base.#n.as_str()))
        })
    }
    let mut message = string_field(quote!(self), s, "message");
    let mut code = string_field(quote!(self), s, "code");
    if message.is_none() {
        message = string_field(quote!(self), s, "error");
    }
    if let Some(f) = s.fields.iter().find(|f| f.wire == "error") {
        if let Ty::Named(inner) = &f.shape.ty {
            if let Some(TypeKind::Struct(is)) = ctx.types.get(inner.as_str()).map(|t| &t.kind) {
                let n = ident(&f.rust);
                let wrap = |e: Option<TokenStream>| {
                    e.map(|e| {
                        if f.is_option() {
                            quote!(self.#n.as_ref().and_then(|e| #e))
                        } else {
                            quote!({ let e = &self.#n; #e })
                        }
                    })
                };
                message = message.or_else(|| wrap(string_field(quote!(e), is, "message")));
                code = code.or_else(|| wrap(string_field(quote!(e), is, "code")));
            }
        }
    }
    let message = message.unwrap_or_else(|| quote!(None::<&str>));
    let code = code.unwrap_or_else(|| quote!(None::<&str>));
    quote! {
        impl rt::ErrorSummary for #name {
            fn summary(&self) -> Option<String> {
                match (#code, #message) {
                    (Some(c), Some(m)) => Some(format!("{c}: {m}")),
                    (None, Some(m)) => Some(m.to_owned()),
                    (Some(c), None) => Some(c.to_owned()),
                    (None, None) => None,
                }
            }
        }
    }
}

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
        .map(|(op, os)| operation(ctx, op, os));
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

            /// A client for [`Client::DEFAULT_BASE_URL`] authenticating with `api_key`, with the
            /// default timeouts and retries.
            ///
            /// A key that cannot be used (empty, or not sendable in a header) makes every call
            /// fail with [`Error::Config`]; [`Client::builder`] reports it up front instead.
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

fn operation(ctx: &Ctx<'_>, op: &Operation, os: &OperationSurface) -> TokenStream {
    let api = ctx.api;
    let name = ident(&os.method);
    let method = ident(op.method.as_str());

    // Signature.
    let args = os.args.iter().map(|(n, t)| {
        let n = ident(n);
        quote!(#n: #t)
    });
    let mut arg_docs = Vec::new();
    for p in &op.params {
        let where_ = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let desc = p
            .doc
            .description
            .as_deref()
            .map(|d| format!(": {}", docs::sanitize(d).replace('\n', " ")))
            .unwrap_or_default();
        let c = docs::constraints(&p.shape);
        let c = if c.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.join("; "))
        };
        arg_docs.push(format!(
            "- `{}`: {where_} parameter `{}`{desc}{c}",
            crate::ident::bare(&p.rust),
            p.wire
        ));
    }
    if let Some(q) = &op.query {
        arg_docs.push(format!(
            "- `params`: the query parameters, [`{q}`] (`{q}::new()` and its setters)"
        ));
    }
    if let Some(b) = &op.body {
        let what = match b.kind {
            BodyKind::Json | BodyKind::Form => match &b.shape.ty {
                Ty::Named(n) => format!(
                    "[`{n}`]{}",
                    if b.kind == BodyKind::Form {
                        ", sent as a form"
                    } else {
                        ""
                    }
                ),
                _ => "the JSON body".to_owned(),
            },
            BodyKind::Multipart => format!("the `{}` parts (text fields and files)", b.media_type),
            BodyKind::Raw => format!(
                "the bytes sent as `{}` (a `String` converts with `.into()`)",
                b.media_type
            ),
        };
        arg_docs.push(format!(
            "- `body`: the request body, {what}{}",
            b.description
                .as_deref()
                .map(|d| format!(": {}", docs::sanitize(d).replace('\n', " ")))
                .unwrap_or_default()
        ));
    }
    let ret = &os.returns;

    // Validation of every input.
    let mut checks = Vec::new();
    for p in &op.params {
        let n = ident(&p.rust);
        let wire = &p.wire;
        let mut inner = checks_nullable(
            ctx,
            &Shape {
                nullable: false,
                ..p.shape.clone()
            },
        );
        if p.location == ParamLocation::Path && matches!(p.shape.ty, Ty::String) {
            inner = quote!(rt::check_path_param(value, path, out); #inner);
        }
        if inner.is_empty() {
            continue;
        }
        let value = if matches!(p.shape.ty, Ty::String | Ty::Array(_)) {
            quote!(#n)
        } else {
            quote!(&#n)
        };
        checks.push(if p.required {
            quote! { { let value = #value; let path = &rt::Path::ROOT.field(#wire); #inner } }
        } else {
            quote! { if let Some(value) = #n { let value = &value; let path = &rt::Path::ROOT.field(#wire); #inner } }
        });
    }
    if op
        .query
        .as_ref()
        .is_some_and(|q| ctx.needs_validation.contains(q.as_str()))
    {
        checks.push(quote! { rt::Validate::collect_violations(params, &rt::Path::ROOT, out); });
    }
    if let Some(b) = &op.body {
        let inner = checks_nullable(
            ctx,
            &Shape {
                nullable: false,
                ..b.shape.clone()
            },
        );
        if !inner.is_empty() {
            checks.push(if b.required {
                quote! { { let value = body; let path = &rt::Path::ROOT; #inner } }
            } else {
                quote! { if let Some(value) = body { let path = &rt::Path::ROOT; #inner } }
            });
        }
    }
    let validation = if checks.is_empty() {
        quote!()
    } else {
        quote! {
            let mut violations = Vec::new();
            { let out = &mut violations; #(#checks)* }
            rt::ensure_valid(violations)?;
        }
    };

    // URL path with encoded path parameters.
    let mut fmt = String::new();
    let mut fmt_args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        fmt.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        let pname = &rest[start + 1..end];
        fmt.push_str("{}");
        if let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire == pname)
        {
            let n = ident(&p.rust);
            let text = param_text(ctx, &p.shape, quote!(#n));
            fmt_args.push(quote!(rt::encode_path(&#text)));
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let path_expr = if fmt_args.is_empty() {
        quote!(#fmt)
    } else {
        quote!(&format!(#fmt, #(#fmt_args),*))
    };

    // Query string, from the params struct's fields.
    let query_fields: Vec<&Field> = op
        .query
        .as_deref()
        .and_then(|q| match ctx.types.get(q).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => Some(s.fields.iter().collect()),
            _ => None,
        })
        .unwrap_or_default();
    let query = if query_fields.is_empty() {
        quote!(let query: [(String, String); 0] = [];)
    } else {
        let pushes = query_fields.iter().map(|f| {
            let n = ident(&f.rust);
            let wire = &f.wire;
            // Scalars (and enums) by their Display; arrays of them as repeated keys; objects
            // and anything else exploded into key=value pairs (OpenAPI's default form style).
            // Anything else as its `style` says (a date-time in RFC 3339, which its Display is not).
            let scalar = |s: &Shape| displays_as_wire(ctx, s) && !s.nullable;
            let style = op
                .query_styles
                .iter()
                .find(|(w, _)| w == wire)
                .map_or(QueryStyle::Form { explode: true }, |(_, s)| *s);
            let push = match &f.shape.ty {
                Ty::Array(item) if scalar(item) && style == (QueryStyle::Form { explode: true }) => quote!(for item in value.iter() { query.push((#wire.to_owned(), item.to_string())); }),
                _ if scalar(&f.shape) => quote!(query.push((#wire.to_owned(), value.to_string()));),
                _ => {
                    let style = match style {
                        QueryStyle::Form { explode } => quote!(rt::QueryStyle::Form { explode: #explode }),
                        QueryStyle::SpaceDelimited => quote!(rt::QueryStyle::SpaceDelimited),
                        QueryStyle::PipeDelimited => quote!(rt::QueryStyle::PipeDelimited),
                        QueryStyle::DeepObject => quote!(rt::QueryStyle::DeepObject),
                    };
                    quote!(rt::push_query(&mut query, #wire, value, #style);)
                }
            };
            if f.is_option() {
                quote!(if let Some(value) = &params.#n { #push })
            } else {
                quote!({ let value = &params.#n; #push })
            }
        });
        quote!(let mut query: Vec<(String, String)> = Vec::new(); #(#pushes)*)
    };
    // Header and cookie parameters, as text.
    let sent = |location: ParamLocation| {
        let pushes: Vec<TokenStream> = op
            .params
            .iter()
            .filter(|p| p.location == location)
            .map(|p| {
                let n = ident(&p.rust);
                let wire = &p.wire;
                let text = param_text(ctx, &p.shape, quote!(value));
                if p.required {
                    quote!({ let value = #n; list.push((#wire, #text)); })
                } else {
                    quote!(if let Some(value) = #n { list.push((#wire, #text)); })
                }
            })
            .collect();
        if pushes.is_empty() {
            quote!(Vec::new())
        } else {
            quote!({ let mut list = Vec::new(); #(#pushes)* list })
        }
    };
    let headers = sent(ParamLocation::Header);
    let cookies = sent(ParamLocation::Cookie);
    let accept = accept(op);
    let raw = op.success.raw;
    // JSON bodies go through `send` (a `+json` media type, and any body of an operation whose
    // response is not JSON, through `send_body`); the other encodings are built as a
    // `rt::RequestBody`.
    let (send, send_body) = match &op.body {
        Some(b)
            if b.kind == BodyKind::Json
                && (raw.is_some() || b.media_type != "application/json") =>
        {
            let media = &b.media_type;
            (
                quote!(send_body),
                if b.required {
                    quote!(Some(rt::RequestBody::json(#media, body)?))
                } else {
                    quote!(match body { Some(body) => Some(rt::RequestBody::json(#media, body)?), None => None })
                },
            )
        }
        Some(b) if b.kind == BodyKind::Json => (
            quote!(send),
            if b.required {
                quote!(Some(body))
            } else {
                quote!(body)
            },
        ),
        Some(b) => {
            let media = &b.media_type;
            let build = match b.kind {
                BodyKind::Form => quote!(rt::RequestBody::form(body)?),
                BodyKind::Multipart => quote!(rt::RequestBody::Multipart(body)),
                _ => quote!(rt::RequestBody::Raw { content_type: #media, bytes: body }),
            };
            let value = if b.required {
                quote!(Some({ #build }))
            } else {
                quote!(match body { Some(body) => Some({ #build }), None => None })
            };
            (quote!(send_body), value)
        }
        None if raw.is_some() => (quote!(send_body), quote!(None)),
        None => (quote!(send), quote!(None::<&()>)),
    };
    let (statuses, default_error) = op.error_statuses(api.error_type.as_deref());
    let idempotent = op.idempotent;
    let call_info = quote! {
        let call = rt::Call {
            method: rt::Method::#method,
            path: #path_expr,
            idempotent: #idempotent,
            error_statuses: &[#(#statuses),*],
            default_error: #default_error,
            accept: #accept,
            headers: #headers,
            cookies: #cookies,
        };
    };
    let call = if let Some(raw) = raw {
        let method = match raw {
            RawBody::Bytes => quote!(send_for_bytes),
            RawBody::Text => quote!(send_for_text),
        };
        quote!(#call_info self.http.#method(call, &query, #send_body).await)
    } else if op.success.body.is_some() {
        quote!(#call_info self.http.#send(call, &query, #send_body).await)
    } else if send.to_string() == "send" {
        quote!(#call_info self.http.send::<_, rt::IgnoredAny, _>(call, &query, #send_body).await.map(|_| ()))
    } else {
        quote!(#call_info self.http.send_body::<rt::IgnoredAny, _>(call, &query, #send_body).await.map(|_| ()))
    };

    // Docs.
    let mut lines = Vec::new();
    if let Some(s) = &op.summary {
        lines.push(format!("{}.", docs::sanitize(s).trim_end_matches('.')));
        lines.push(String::new());
    }
    if let Some(d) = &op.description {
        lines.extend(docs::sanitize(d).lines().map(str::to_owned));
        lines.push(String::new());
    }
    lines.push(format!(
        "`{} {}` (operationId `{}`), from `{}#{}`.",
        op.method.as_str(),
        op.path,
        op.id,
        api.source,
        op.pointer
    ));
    if !arg_docs.is_empty() {
        lines.push(String::new());
        lines.push("# Arguments".to_owned());
        lines.extend(arg_docs);
    }
    lines.push(String::new());
    lines.push("# Returns".to_owned());
    let media = op.success.media_type.as_deref().unwrap_or_default();
    let returns = match (&op.success.body, op.success.raw) {
        (_, Some(RawBody::Bytes)) => format!("The `{media}` body's bytes, as received,"),
        (_, Some(RawBody::Text)) => format!("The `{media}` body as text"),
        (
            Some(Shape {
                ty: Ty::Named(n), ..
            }),
            None,
        ) => format!("[`{n}`]"),
        (Some(_), None) => "the decoded body".to_owned(),
        (None, None) => "nothing".to_owned(),
    };
    lines.push(format!(
        "{returns} on HTTP {} ({}).",
        op.success.status,
        docs::sanitize(&op.success.description).replace('\n', " ")
    ));
    if !op.success.headers.is_empty() {
        lines.push(String::new());
        lines.push("Documented response headers (not returned; the body is):".to_owned());
        for h in &op.success.headers {
            let desc = h
                .description
                .as_deref()
                .map(|d| format!(": {}", docs::sanitize(d).replace('\n', " ")))
                .unwrap_or_default();
            lines.push(format!("- `{}` ({}){desc}", h.name, shape_words(&h.shape)));
        }
    }
    lines.push(String::new());
    lines.push("# Errors".to_owned());
    if !checks_is_empty(&validation) {
        lines.push(
            "- [`Error::Validation`] with every violated constraint, before anything is sent."
                .to_owned(),
        );
    }
    let documented: Vec<String> = op
        .errors
        .iter()
        .map(|e| {
            format!(
                "{} ({})",
                if e.status == 0 {
                    "other statuses".to_owned()
                } else {
                    e.status.to_string()
                },
                docs::sanitize(&e.description)
                    .replace('\n', " ")
                    .trim_end_matches('.')
            )
        })
        .collect();
    if documented.is_empty() {
        lines.push("- [`Error::Api`] for a non-2xx status, with the raw body.".to_owned());
    } else {
        lines.push(format!(
            "- [`Error::Api`] for a non-2xx status, with the raw body; documented: {}.",
            documented.join(", ")
        ));
    }
    lines.push(
        "- [`Error::Transport`] or [`Error::Timeout`] when the request does not complete."
            .to_owned(),
    );
    match op.success.raw {
        Some(RawBody::Text) => lines.push("- [`Error::Decode`] when the success body is not UTF-8 text.".to_owned()),
        Some(RawBody::Bytes) => {}
        None if op.success.body.is_some() => lines.push("- [`Error::Decode`] when the success body does not match the spec, with the JSON path and the raw body.".to_owned()),
        None => {}
    }
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the spec")]));
    let doc = docs::attrs(&lines);
    let stream = op
        .pagination
        .as_ref()
        .zip(os.stream.as_ref())
        .map(|(p, stream)| stream_method(op, os, p, stream));
    quote! {
        #doc
        #deprecated
        pub async fn #name(&self, #(#args),*) -> Result<#ret> {
            #validation
            #query
            #call
        }
        #stream
    }
}

/// `<op>_stream`: every item of a paginated list operation, fetching pages lazily.
fn stream_method(op: &Operation, os: &OperationSurface, p: &Pagination, s: &Stream) -> TokenStream {
    let (cursor_name, cursor_ty) = (ident(&s.cursor.0), &s.cursor.1);
    let item_ty = &s.item;
    let items_name = ident(&s.items.0);
    let items = if s.items.1 {
        quote!(page.#items_name.unwrap_or_default())
    } else {
        quote!(page.#items_name)
    };
    // `Some(&page)` followed by one step per path segment, ending in `Option<&cursor>`.
    let mut next = quote!(Some(&page));
    for (field, optional) in &s.next {
        let n = ident(field);
        next = if *optional {
            quote!(#next.and_then(|v| v.#n.as_ref()))
        } else {
            quote!(#next.map(|v| &v.#n))
        };
    }
    let next = match p.style {
        PageStyle::Token => quote!(#next.filter(|t| !t.is_empty()).cloned()),
        PageStyle::Page => quote!(#next.and_then(|n| <#cursor_ty>::try_from(*n).ok())),
    };
    let method = ident(&os.method);
    let name = ident(&s.method);
    let path_args: Vec<_> = op.params.iter().map(|p| ident(&p.rust)).collect();
    let path_sig = path_args.iter().map(|n| quote!(#n: impl Into<String>));
    let owned = path_args
        .iter()
        .map(|n| quote!(let #n: String = #n.into();));
    let cloned = path_args.iter().map(|n| quote!(let #n = #n.clone();));
    let query_ty = ident(op.query.as_deref().unwrap_or_default());
    let how = match p.style {
        PageStyle::Token => format!(
            "token paging: `{}` is sent with each response's `{}` until it is empty",
            p.request,
            p.response.join(".")
        ),
        PageStyle::Page => format!(
            "page-number paging: `{}` is sent with each response's `{}` until it is null",
            p.request,
            p.response.join(".")
        ),
    };
    let doc = docs::attrs(&[
        format!("Every item of [`Client::{}`], across all pages, fetched lazily as the stream is read ({how}).", crate::ident::bare(&os.method)),
        String::new(),
        "Starts from the page `params` selects (the first page unless you set the cursor). An error".to_owned(),
        "is yielded as the stream's last item. Pages are requested one at a time, each with the".to_owned(),
        "client's retries and timeouts. Read it with `futures::StreamExt::next`; `StreamExt::boxed`".to_owned(),
        "turns it into a [`rt::BoxStream`] to store it in a named type.".to_owned(),
    ]);
    quote! {
        #doc
        pub fn #name(&self, #(#path_sig,)* params: #query_ty) -> impl rt::Stream<Item = Result<#item_ty>> + Unpin + Send + 'static {
            let client = self.clone();
            #(#owned)*
            rt::paginate(move |cursor: Option<#cursor_ty>| {
                let client = client.clone();
                let mut params = params.clone();
                #(#cloned)*
                async move {
                    if let Some(cursor) = cursor {
                        params.#cursor_name = Some(cursor);
                    }
                    let page = client.#method(#(&#path_args,)* &params).await?;
                    let next = #next;
                    Ok((#items, next))
                }
            })
        }
    }
}

/// Whether a value's `Display` is its wire text: strings, numbers, booleans, dates and enums
/// (not date-times: their `Display` is not RFC 3339).
fn displays_as_wire(ctx: &Ctx<'_>, s: &Shape) -> bool {
    match &s.ty {
        Ty::String | Ty::Integer { .. } | Ty::Number | Ty::Boolean | Ty::Date => true,
        Ty::Named(_) => ctx.enum_of(s).is_some(),
        _ => false,
    }
}

/// The wire text of a path, header or cookie parameter `value`.
fn param_text(ctx: &Ctx<'_>, s: &Shape, value: TokenStream) -> TokenStream {
    if displays_as_wire(ctx, s) {
        quote!(#value.to_string())
    } else {
        quote!(rt::param_text(&#value))
    }
}

/// The `Accept` header: the success response's media type (JSON when it has none), then the
/// error responses' others, each once.
fn accept(op: &Operation) -> String {
    let mut types: Vec<&str> = vec![op
        .success
        .media_type
        .as_deref()
        .unwrap_or("application/json")];
    for e in &op.errors {
        if let Some(m) = e.media_type.as_deref() {
            if !types.contains(&m) {
                types.push(m);
            }
        }
    }
    types.join(", ")
}

/// A short description of a header's type for docs.
fn shape_words(s: &Shape) -> &'static str {
    match s.ty {
        Ty::String => "string",
        Ty::DateTime => "date-time",
        Ty::Date => "date",
        Ty::Integer { .. } => "integer",
        Ty::Number => "number",
        Ty::Boolean => "boolean",
        Ty::Array(_) => "list",
        _ => "value",
    }
}

fn checks_is_empty(t: &TokenStream) -> bool {
    t.is_empty()
}
