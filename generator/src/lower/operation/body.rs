//! An operation's request body: the media type it is sent as, its schema and its examples.

use crate::diag::join;
use crate::ir::*;
use crate::lower::ctx::Ctx;
use crate::lower::Lowerer;
use openapiv3::ReferenceOr;

/// A media type's `example` and inline `examples` values, with their JSON pointers.
pub(super) fn media_examples(mt: &openapiv3::MediaType, pointer: &str) -> Vec<Example> {
    let mut out: Vec<Example> = mt
        .example
        .iter()
        .map(|v| Example {
            pointer: join(pointer, "example"),
            value: v.clone(),
        })
        .collect();
    for (name, e) in &mt.examples {
        if let ReferenceOr::Item(e) = e {
            if let Some(v) = &e.value {
                out.push(Example {
                    pointer: join(&join(&join(pointer, "examples"), name), "value"),
                    value: v.clone(),
                });
            }
        }
    }
    out
}

pub(super) fn is_json(media: &str) -> bool {
    let m = media.split(';').next().unwrap_or("").trim();
    m == "application/json" || m.ends_with("+json") || m == "*/*"
}

impl<'a> Lowerer<'a> {
    pub(super) fn body(
        &mut self,
        b: &'a ReferenceOr<openapiv3::RequestBody>,
        pointer: &str,
        op_id: &str,
    ) -> Option<Body> {
        let body = self.resolve(b, pointer)?;
        // JSON first, then a form, then multipart, then anything else as raw bytes.
        let base = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        };
        let pick = body
            .content
            .iter()
            .find(|(m, _)| is_json(m))
            .map(|(m, mt)| (m, mt, BodyKind::Json))
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(m, _)| base(m) == "application/x-www-form-urlencoded")
                    .map(|(m, mt)| (m, mt, BodyKind::Form))
            })
            .or_else(|| {
                body.content
                    .iter()
                    .find(|(m, _)| base(m).starts_with("multipart/"))
                    .map(|(m, mt)| (m, mt, BodyKind::Multipart))
            })
            .or_else(|| {
                body.content
                    .iter()
                    .next()
                    .map(|(m, mt)| (m, mt, BodyKind::Raw))
            });
        let Some((media, mt, kind)) = pick else {
            // Nothing says what to send: the method takes no body, and the spec is pointed at.
            self.sink.warning(
                &join(pointer, "content"),
                "the request body lists no media type; the method sends no body",
                Some(
                    "add `content: {application/json: {schema: ...}}`, or remove `requestBody`"
                        .to_owned(),
                ),
            );
            return None;
        };
        let ptr = join(&join(&join(pointer, "content"), media), "schema");
        let shape = match (kind, &mt.schema) {
            (BodyKind::Json | BodyKind::Form, Some(schema)) => {
                let op = Ctx::named(op_id);
                self.shape(schema.into(), &op.then_raw("Request"), &ptr)
            }
            (BodyKind::Json | BodyKind::Form, None) => {
                self.sink.error(
                    &ptr,
                    "the request body has no `schema`",
                    Some("add a schema for the body".to_owned()),
                );
                return None;
            }
            // Multipart parts and raw bytes are built by the caller; the schema documents them.
            _ => Shape::any(),
        };
        Some(Body {
            kind,
            shape,
            required: body.required,
            media_type: media.clone(),
            description: body.description.clone(),
            examples: media_examples(mt, &join(&join(pointer, "content"), media)),
        })
    }
}
