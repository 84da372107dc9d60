//! A method's doc comment: summary, description, where it comes from, its arguments, what it
//! returns and how it can fail.

use crate::emit::docs;
use crate::emit::Ctx;
use crate::ir::*;
use proc_macro2::TokenStream;

/// `validates`: whether the method checks its input before sending it; `extra` follows the
/// line naming the operation.
pub fn method_docs(
    ctx: &Ctx<'_>,
    op: &Operation,
    validates: bool,
    extra: &[String],
) -> TokenStream {
    let api = ctx.api;
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
    let mut lines = docs::summary_and_description(op.summary.as_deref(), op.description.as_deref());
    lines.push(format!(
        "`{} {}` (operationId `{}`), from `{}#{}`.",
        op.method.as_str(),
        op.path,
        op.id,
        api.source,
        op.pointer
    ));
    lines.extend(extra.iter().cloned());
    if !arg_docs.is_empty() {
        lines.push(String::new());
        lines.push("# Arguments".to_owned());
        lines.extend(arg_docs);
    }
    lines.push(String::new());
    lines.push("# Returns".to_owned());
    let media = op.success.media_type.as_deref().unwrap_or_default();
    let returns = match (&op.success.body, op.success.raw) {
        (Some(item), None) if op.success.stream.is_some() => {
            let item = match &item.ty {
                Ty::Named(n) => format!("[`{n}`]"),
                _ => format!("`{}`", crate::surface::RustType::nullable(item).short()),
            };
            format!(
                "An [`ItemStream`] of {item}, the `{media}` body's items decoded as they arrive,"
            )
        }
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
    if op.success.stream.is_some() {
        lines.extend([
            String::new(),
            "The status is checked before the stream is returned. The timeout (60 s unless"
                .to_owned(),
            "configured) bounds the wait for the response headers, then each wait for the body's"
                .to_owned(),
            "next bytes; the stream as a whole has no deadline. Failed attempts are retried as"
                .to_owned(),
            "for any call until a 2xx arrives, never once items are streaming.".to_owned(),
        ]);
    }
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
    if validates {
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
    if op.success.stream.is_some() {
        lines.push("- [`Error::Transport`] when the request does not complete; [`Error::StreamTimeout`] when no response comes within the timeout.".to_owned());
        lines.push("- From the stream: [`Error::Decode`] for an item that does not match the spec, with its raw text (the items after it still come); [`Error::Transport`], [`Error::StreamTimeout`] or [`Error::TooLarge`] (an item over the size limit) as its last item.".to_owned());
    } else {
        lines.push(
            "- [`Error::Transport`] or [`Error::Timeout`] when the request does not complete."
                .to_owned(),
        );
    }
    match op.success.raw {
        None if op.success.stream.is_some() => {}
        Some(RawBody::Text) => lines.push("- [`Error::Decode`] when the success body is not UTF-8 text.".to_owned()),
        Some(RawBody::Bytes) => {}
        None if op.success.body.is_some() => lines.push("- [`Error::Decode`] when the success body does not match the spec, with the JSON path and the raw body.".to_owned()),
        None => {}
    }
    lines.push(
        "- [`Error::Redirect`] for a redirect to another origin (not followed); [`Error::TooLarge`] for a body over the size limit."
            .to_owned(),
    );
    docs::attrs(&lines)
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
