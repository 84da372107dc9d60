//! The client's methods: one per operation, named against [`CLIENT_METHODS`], then the
//! `*_with_response` and `*_stream` methods, with the pagination fields resolved to Rust fields,
//! and last the `*_streamed` methods of operations whose success response also streams.

use super::models::claim;
use super::*;
use crate::diag::join;
use crate::ident::{bare, Namespace};

type Index<'a> = HashMap<&'a str, &'a TypeDef>;

pub fn operation_surfaces(api: &Api, index: &Index<'_>, sink: &mut Sink) -> Vec<OperationSurface> {
    let mut names = Namespace::new();
    CLIENT_METHODS.iter().for_each(|m| names.reserve(m));
    // Every operation's own method first, so that adding a companion never renames one.
    let methods: Vec<String> = api
        .operations
        .iter()
        .map(|op| claim(&mut names, &op.rust, &op.pointer, "the method", sink))
        .collect();
    let with_response: Vec<String> = api
        .operations
        .iter()
        .zip(&methods)
        .map(|(op, method)| {
            let name = format!("{}_with_response", bare(method));
            claim(
                &mut names,
                &name,
                &op.pointer,
                "the method with the response",
                sink,
            )
        })
        .collect();
    let mut out: Vec<OperationSurface> = api
        .operations
        .iter()
        .zip(methods)
        .zip(with_response)
        .map(|((op, method), with_response)| {
            let stream = op
                .pagination
                .as_ref()
                .filter(|_| op.has_stream())
                .and_then(|p| {
                    let pointer = join(&op.pointer, "x-pagination");
                    let found = stream(index, op, p);
                    if found.is_none() {
                        sink.error(
                            &pointer,
                            "the pagination fields do not resolve to the query struct's and the \
                         response's fields",
                            Some(
                                "point `request`, `response` and `items` at existing properties"
                                    .to_owned(),
                            ),
                        );
                    }
                    let (cursor, items, item, next, next_type) = found?;
                    let name = format!("{}_stream", bare(&method));
                    Some(Stream {
                        method: claim(&mut names, &name, &pointer, "the stream method", sink),
                        cursor,
                        items,
                        item,
                        next,
                        next_type,
                    })
                });
            OperationSurface {
                args: args(op),
                returns: returns(&op.success),
                method,
                with_response,
                stream,
                streamed: None,
            }
        })
        .collect();
    // Claimed last, so that no other method is renamed for them.
    for (op, os) in api.operations.iter().zip(&mut out) {
        let Some(s) = &op.streamed else { continue };
        let name = format!("{}_streamed", bare(&os.method));
        let method = claim(&mut names, &name, &op.pointer, "the streamed method", sink);
        let name = format!("{}_with_response", bare(&method));
        let what = "the streamed method with the response";
        os.streamed = Some(StreamedMethods {
            with_response: claim(&mut names, &name, &op.pointer, what, sink),
            method,
            returns: returns(&s.response),
        });
    }
    out
}

/// The argument types, in order: path, header and cookie parameters, `params`, `body`.
fn args(op: &Operation) -> Vec<(String, RustType)> {
    let mut out: Vec<(String, RustType)> = op
        .params
        .iter()
        .map(|p| {
            let base = match &p.shape.ty {
                Ty::String => RustType::Prim(Prim::Str),
                Ty::Array(item) => RustType::Slice(Box::new(RustType::nullable(item))),
                _ => RustType::value(&p.shape),
            };
            let ty = if p.required { base } else { base.option() };
            (p.rust.clone(), ty)
        })
        .collect();
    if let Some(q) = &op.query {
        out.push(("params".to_owned(), RustType::Named(q.clone()).by_ref()));
    }
    if let Some(b) = &op.body {
        // An optional body that may also be `null` (GitHub's create-webhook) is one `Option`:
        // leaving it out says what `null` would.
        let model = if b.required {
            RustType::nullable(&b.shape)
        } else {
            RustType::value(&b.shape)
        };
        let base = match b.kind {
            BodyKind::Json | BodyKind::Form => model.by_ref(),
            BodyKind::Multipart => RustType::Vec(Box::new(RustType::Prim(Prim::Part))),
            BodyKind::Raw => RustType::Vec(Box::new(RustType::Prim(Prim::U8))),
        };
        let ty = if b.required { base } else { base.option() };
        out.push(("body".to_owned(), ty));
    }
    out
}

/// What a method returning `success` returns inside `Result`.
fn returns(success: &Response) -> RustType {
    if let (Some(_), Some(item)) = (success.stream, &success.body) {
        return RustType::Items(Box::new(RustType::nullable(item)));
    }
    match (&success.body, success.raw) {
        (_, Some(RawBody::Bytes)) => RustType::Prim(Prim::Bytes),
        (_, Some(RawBody::Text)) => RustType::Prim(Prim::String),
        (Some(s), None) => RustType::nullable(s),
        (None, None) => RustType::Prim(Prim::Unit),
    }
}

type Resolved = (
    (String, RustType),
    (String, bool),
    RustType,
    Vec<(String, bool)>,
    RustType,
);

/// The cursor field of the query struct, the items field of the response, the item type and the
/// path to the next cursor, by the wire names `x-pagination` gives.
fn stream(index: &Index<'_>, op: &Operation, p: &Pagination) -> Option<Resolved> {
    let structure = |name: &str| match index.get(name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => Some(s),
        _ => None,
    };
    let query = structure(op.query.as_deref()?)?;
    let cursor = query.fields.iter().find(|f| f.wire == p.request)?;
    let Some(Shape {
        ty: Ty::Named(response),
        ..
    }) = &op.success.body
    else {
        return None;
    };
    let mut at = structure(response)?;
    let items = at.fields.iter().find(|f| f.wire == p.items)?;
    let Ty::Array(item) = &items.shape.ty else {
        return None;
    };
    let mut next = Vec::new();
    let mut next_type = RustType::Prim(Prim::Unit);
    for (i, segment) in p.response.iter().enumerate() {
        let f = at.fields.iter().find(|f| &f.wire == segment)?;
        next.push((f.rust.clone(), f.is_option()));
        next_type = RustType::value(&f.shape);
        if i + 1 < p.response.len() {
            let Ty::Named(inner) = &f.shape.ty else {
                return None;
            };
            at = structure(inner)?;
        }
    }
    Some((
        (cursor.rust.clone(), RustType::value(&cursor.shape)),
        (items.rust.clone(), items.is_option()),
        RustType::nullable(item),
        next,
        next_type,
    ))
}
