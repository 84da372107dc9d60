//! A method's request: the path with its encoded parameters, the query string, header and
//! cookie parameters, the body, and the runtime call that sends it.

use crate::emit::Ctx;
use crate::ident::ident;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// The URL path, with the path parameters encoded.
fn path(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
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
            fmt_args.push(if p.style == Some(QueryStyle::Json) {
                quote!(rt::encode_path(&rt::json_text(&#n)))
            } else if matches!(p.shape.ty, Ty::String) {
                quote!(rt::encode_path(#n))
            } else {
                let text = param_text(ctx, &p.shape, quote!(#n));
                quote!(rt::encode_path(&#text))
            });
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    if fmt_args.is_empty() {
        quote!(#fmt.to_owned())
    } else {
        quote!(format!(#fmt, #(#fmt_args),*))
    }
}

/// `let query = ...;`: the query string's pairs, from the params struct's fields.
pub fn query(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let query_fields: Vec<&Field> = op
        .query
        .as_deref()
        .and_then(|q| match ctx.types.get(q).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => Some(s.fields.iter().collect()),
            _ => None,
        })
        .unwrap_or_default();
    if query_fields.is_empty() {
        quote!(let query = Vec::new();)
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
                _ if style == QueryStyle::Json => quote!(query.push((#wire.to_owned(), rt::json_text(value)));),
                Ty::Array(item) if scalar(item) && style == (QueryStyle::Form { explode: true }) => quote!(for item in value.iter() { query.push((#wire.to_owned(), item.to_string())); }),
                _ if scalar(&f.shape) => quote!(query.push((#wire.to_owned(), value.to_string()));),
                _ => {
                    let style = match style {
                        QueryStyle::Form { explode } => quote!(rt::QueryStyle::Form { explode: #explode }),
                        QueryStyle::SpaceDelimited => quote!(rt::QueryStyle::SpaceDelimited),
                        QueryStyle::PipeDelimited => quote!(rt::QueryStyle::PipeDelimited),
                        QueryStyle::DeepObject => quote!(rt::QueryStyle::DeepObject),
                        // Sent above, as its JSON text.
                        QueryStyle::Json => quote!(rt::QueryStyle::Form { explode: true }),
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
    }
}

/// The header or cookie parameters at `location`, as `(name, text)` pairs.
fn sent(ctx: &Ctx<'_>, op: &Operation, location: ParamLocation) -> TokenStream {
    let pushes: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.location == location)
        .map(|p| {
            let n = ident(&p.rust);
            let wire = &p.wire;
            let text = if p.style == Some(QueryStyle::Json) {
                quote!(rt::json_text(&value))
            } else {
                param_text(ctx, &p.shape, quote!(value))
            };
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
}

/// Which runtime call sends a request whose response is JSON read whole.
#[derive(Clone, Copy)]
enum Send {
    /// `HttpClient::send`: the body (if any) serialized as `application/json` by the runtime.
    Json,
    /// `HttpClient::send_body`: the body already built as a `rt::RequestBody` (another media
    /// type, a form, multipart, bytes), or none.
    Body,
}

/// The request, prepared: the `rt::Call` describing it and the body to send, as the value
/// `Ok((call, body))` that ends the method's preparation; and the runtime call that sends it
/// (`prepared`) and decodes the response, as a future.
pub fn call(ctx: &Ctx<'_>, op: &Operation) -> (TokenStream, TokenStream) {
    let api = ctx.api;
    let method = crate::emit::method::expr(&op.method);
    let path_expr = path(ctx, op);
    let headers = sent(ctx, op, ParamLocation::Header);
    let cookies = sent(ctx, op, ParamLocation::Cookie);
    let accept = accept(op);
    let raw = op.success.raw;
    let stream = op.success.stream;
    // Bodies go to `send_body` (as a `rt::RequestBody`) unless the response is JSON read whole.
    let not_json = raw.is_some() || stream.is_some();
    // JSON bodies go through `send` (a `+json` media type, and any body of an operation whose
    // response is not JSON, through `send_body`); the other encodings are built as a
    // `rt::RequestBody`.
    let (send, send_body) = match &op.body {
        Some(b) if b.kind == BodyKind::Json && (not_json || b.media_type != "application/json") => {
            let media = &b.media_type;
            (
                Send::Body,
                if b.required {
                    quote!(Some(rt::RequestBody::json(#media, body)?))
                } else {
                    quote!(match body { Some(body) => Some(rt::RequestBody::json(#media, body)?), None => None })
                },
            )
        }
        Some(b) if b.kind == BodyKind::Json => (
            Send::Json,
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
            (Send::Body, value)
        }
        None if not_json => (Send::Body, quote!(None)),
        None => (Send::Json, quote!(None::<&()>)),
    };
    let (statuses, default_error) = op.error_statuses(api.error_type.as_deref());
    let statuses = statuses
        .into_iter()
        .map(proc_macro2::Literal::u16_unsuffixed);
    let idempotent = op.idempotent;
    let (operation, template) = (&op.id, &op.path);
    let call_info = quote! {
        let call = rt::Call {
            operation: #operation,
            method: #method,
            template: #template,
            path: #path_expr,
            query,
            idempotent: #idempotent,
            error_statuses: &[#(#statuses),*],
            default_error: #default_error,
            accept: #accept,
            headers: #headers,
            cookies: #cookies,
        };
    };
    let prepared = quote!(#call_info Ok((call, #send_body)));
    let send = if let Some(format) = stream {
        let framing = match format {
            StreamFormat::EventStream => quote!(rt::Framing::EventStream),
            StreamFormat::JsonLines => quote!(rt::Framing::JsonLines),
            StreamFormat::JsonSeq => quote!(rt::Framing::JsonSeq),
        };
        quote!(self.http.send_for_items(prepared, #framing))
    } else if let Some(raw) = raw {
        let method = match raw {
            RawBody::Bytes => quote!(send_for_bytes),
            RawBody::Text => quote!(send_for_text),
        };
        quote!(self.http.#method(prepared))
    } else if op.success.body.is_some() {
        match send {
            Send::Json => quote!(self.http.send(prepared)),
            Send::Body => quote!(self.http.send_body(prepared)),
        }
    } else {
        match send {
            Send::Json => quote!(rt::no_body(
                self.http.send::<_, rt::IgnoredAny, _>(prepared)
            )),
            Send::Body => quote!(rt::no_body(
                self.http.send_body::<rt::IgnoredAny, _>(prepared)
            )),
        }
    };
    (prepared, send)
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
