//! The async `Client`: construction (key, environment, base URL) and one method per operation
//! that validates its input, sends it, and decodes the documented success response.

use super::docs;
use super::validate::checks_nullable;
use super::Ctx;
use crate::ident::ident;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_client(ctx: &Ctx<'_>) -> TokenStream {
    let api = ctx.api;
    let base = &api.base_url;
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
        Auth::None => (quote!(rt::AuthScheme::None), "none".to_owned()),
    };
    let doc = docs::attrs(&[
        format!("Async client for the {}.", docs::sanitize(&api.title)),
        String::new(),
        format!("- Base URL: `{base}` by default; `{url_var}` or [`Client::with_base_url`] override it."),
        format!("- Authentication: {}.", auth_doc.replace('<', "\\<").replace('>', "\\>")),
        "- Every method validates its input against the spec before sending anything, and".to_owned(),
        "  decodes the documented success response; see [`Error`] for what can fail.".to_owned(),
        "- Cheap to clone: clones share one connection pool.".to_owned(),
        "- The API key never appears in `Debug` output or errors.".to_owned(),
    ]);
    let ops = api.operations.iter().map(|op| operation(ctx, op));
    let from_env_doc = format!(" A client configured from the environment: the key from `{key_var}`, the base URL from `{url_var}` if set.");
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            http: rt::HttpClient,
        }

        impl Client {
            /// The first server of the spec's `servers`.
            pub const DEFAULT_BASE_URL: &'static str = #base;
            /// The environment variable [`Client::from_env`] reads the API key from.
            pub const API_KEY_VAR: &'static str = #key_var;
            /// The environment variable [`Client::from_env`] reads a base URL override from.
            pub const BASE_URL_VAR: &'static str = #url_var;

            /// A client for [`Client::DEFAULT_BASE_URL`] authenticating with `api_key`.
            pub fn new(api_key: impl Into<String>) -> Self {
                Client { http: rt::HttpClient::new(Self::DEFAULT_BASE_URL, #auth, api_key.into()) }
            }

            #[doc = #from_env_doc]
            ///
            /// # Errors
            /// [`Error::Config`] when the key variable is unset or empty.
            pub fn from_env() -> Result<Self> {
                rt::HttpClient::from_env(Self::DEFAULT_BASE_URL, #auth, Self::API_KEY_VAR, Self::BASE_URL_VAR).map(|http| Client { http })
            }

            /// The same client sending requests to `base_url` instead (e.g. a mock server).
            #[must_use]
            pub fn with_base_url(mut self, base_url: impl AsRef<str>) -> Self {
                self.http.set_base_url(base_url.as_ref());
                self
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.http.base_url()
            }

            #(#ops)*
        }
    }
}

fn param_type(ctx: &Ctx<'_>, p: &Param) -> TokenStream {
    let base = match &p.shape.ty {
        Ty::String => quote!(&str),
        Ty::Array(item) => {
            let t = ctx.rust_type_nullable(item);
            quote!(&[#t])
        }
        _ => ctx.rust_type(&p.shape),
    };
    if p.required {
        base
    } else {
        quote!(Option<#base>)
    }
}

fn operation(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let api = ctx.api;
    let name = ident(&op.rust);
    let method = ident(op.method.as_str());

    // Signature.
    let mut args = Vec::new();
    let mut arg_docs = Vec::new();
    for p in &op.params {
        let n = ident(&p.rust);
        let t = param_type(ctx, p);
        args.push(quote!(#n: #t));
        let where_ = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
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
    let body_ty = op.body.as_ref().map(|b| ctx.rust_type_nullable(&b.shape));
    if let (Some(t), Some(b)) = (&body_ty, &op.body) {
        if b.required {
            args.push(quote!(body: &#t));
        } else {
            args.push(quote!(body: Option<&#t>));
        }
        let what = match &b.shape.ty {
            Ty::Named(n) => format!("[`{n}`]"),
            _ => "the JSON body".to_owned(),
        };
        arg_docs.push(format!(
            "- `body`: the request body, {what}{}",
            b.description
                .as_deref()
                .map(|d| format!(": {}", docs::sanitize(d).replace('\n', " ")))
                .unwrap_or_default()
        ));
    }
    let ret = match &op.success.body {
        Some(s) => ctx.rust_type_nullable(s),
        None => quote!(()),
    };

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
            fmt_args.push(quote!(rt::encode_path(&#n.to_string())));
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let path_expr = if fmt_args.is_empty() {
        quote!(#fmt)
    } else {
        quote!(&format!(#fmt, #(#fmt_args),*))
    };

    // Query string.
    let query_params: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .collect();
    let query = if query_params.is_empty() {
        quote!(let query: [(&str, String); 0] = [];)
    } else {
        let pushes = query_params.iter().map(|p| {
            let n = ident(&p.rust);
            let wire = &p.wire;
            let push = if matches!(p.shape.ty, Ty::Array(_)) {
                quote!(for item in value.iter() { query.push((#wire, item.to_string())); })
            } else {
                quote!(query.push((#wire, value.to_string()));)
            };
            if p.required {
                quote!({ let value = &#n; #push })
            } else {
                quote!(if let Some(value) = &#n { #push })
            }
        });
        quote!(let mut query: Vec<(&str, String)> = Vec::new(); #(#pushes)*)
    };
    let send_body = match &op.body {
        Some(b) if b.required => quote!(Some(body)),
        Some(_) => quote!(body),
        None => quote!(None::<&()>),
    };
    let call = if op.success.body.is_some() {
        quote!(self.http.send(rt::Method::#method, #path_expr, &query, #send_body).await)
    } else {
        quote!(self.http.send_empty(rt::Method::#method, #path_expr, &query, #send_body).await)
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
    let returns = match &op.success.body {
        Some(Shape {
            ty: Ty::Named(n), ..
        }) => format!("[`{n}`]"),
        Some(_) => "the decoded body".to_owned(),
        None => "nothing".to_owned(),
    };
    lines.push(format!(
        "{returns} on HTTP {} ({}).",
        op.success.status,
        docs::sanitize(&op.success.description).replace('\n', " ")
    ));
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
                e.status,
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
    if op.success.body.is_some() {
        lines.push("- [`Error::Decode`] when the success body does not match the spec, with the JSON path and the raw body.".to_owned());
    }
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the spec")]));
    let doc = docs::attrs(&lines);
    quote! {
        #doc
        #deprecated
        pub async fn #name(&self, #(#args),*) -> Result<#ret> {
            #validation
            #query
            #call
        }
    }
}

fn checks_is_empty(t: &TokenStream) -> bool {
    t.is_empty()
}
