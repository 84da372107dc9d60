//! An operation's responses: the success body the method returns, the error bodies by status,
//! and the documented headers.

use super::body::{is_json, media_examples};
use crate::diag::join;
use crate::ir::*;
use crate::lower::ctx::Ctx;
use crate::lower::Lowerer;
use openapiv3::{ParameterSchemaOrContent, ReferenceOr, Schema, StatusCode};
use std::borrow::Cow;

/// Where `load` keeps a streamed media type's OpenAPI 3.2 `itemSchema` in the 3.0 model (an
/// extension of the media type; a 3.0 author may write it too).
const ITEM_SCHEMA: &str = "x-item-schema";

/// A response body as `lower` reads it.
struct Content {
    body: Option<Shape>,
    raw: Option<RawBody>,
    media_type: Option<String>,
    examples: Vec<Example>,
    stream: Option<StreamFormat>,
    /// A 2xx offered as JSON (`body`) and streamed too: the streamed form, for the `*_streamed`
    /// methods.
    also_streamed: Option<AlsoStreamed>,
}

/// The streamed form of a 2xx response also offered as JSON.
struct AlsoStreamed {
    item: Option<Shape>,
    media_type: String,
    format: StreamFormat,
    /// The JSON pointer of its `itemSchema`.
    pointer: String,
}

impl<'a> Lowerer<'a> {
    /// A response's body (a JSON shape named `ctx` if inline, or bytes or text for other media
    /// types, or a stream of JSON items), the media type it is read as, and its JSON examples.
    /// JSON wins when several media types are listed, then a streamed one (`itemSchema`). A 2xx
    /// (`success`) offered both as JSON and streamed keeps the stream too (its inline item type
    /// named `ctx` + `Item`). Only a 2xx streams; an `itemSchema` not used is warned about.
    fn content(
        &mut self,
        resp: &'a openapiv3::Response,
        pointer: &str,
        ctx: &Ctx<'_>,
        success: bool,
    ) -> Content {
        let streamed = |(m, mt): &(&String, &openapiv3::MediaType)| {
            StreamFormat::of(m).is_some() && mt.extensions.contains_key(ITEM_SCHEMA)
        };
        let json = resp.content.iter().find(|(m, _)| is_json(m));
        let stream = resp.content.iter().find(|e| success && streamed(e));
        let picked = json.or(stream).or_else(|| resp.content.iter().next());
        let also = stream.filter(|_| json.is_some());
        let used = |m: &str| [picked, also].iter().flatten().any(|(u, _)| *u == m);
        for entry in resp.content.iter().filter(|e| streamed(e)) {
            if success && used(entry.0) {
                continue;
            }
            let why = match also.or(picked) {
                _ if !success => "an error response's body is read whole".to_owned(),
                Some((m, _)) if also.is_some() => {
                    format!("the streamed methods read the `{m}` body instead")
                }
                Some((m, _)) => format!("the method reads the `{m}` body instead"),
                None => String::new(),
            };
            self.sink.warning(
                &join(&join(&join(pointer, "content"), entry.0), ITEM_SCHEMA),
                format!("`itemSchema` (streamed items) is not used: {why}"),
                None,
            );
        }
        let Some((media, mt)) = picked else {
            return Content {
                body: None,
                raw: None,
                media_type: None,
                examples: Vec::new(),
                stream: None,
                also_streamed: None,
            };
        };
        let content = join(&join(pointer, "content"), media);
        if let (true, Some(format), Some(item)) = (
            success,
            StreamFormat::of(media),
            mt.extensions.get(ITEM_SCHEMA),
        ) {
            let at = join(&content, ITEM_SCHEMA);
            return Content {
                body: self.item_shape(item, ctx, &at),
                raw: None,
                media_type: Some(media.clone()),
                examples: Vec::new(),
                stream: Some(format),
                also_streamed: None,
            };
        }
        // The method's body first, so that its inline types keep their names.
        let (body, raw, media_type, examples) = self.read_whole(media, mt, &content, ctx);
        let also_streamed = also.and_then(|(m, mt)| {
            let at = join(&join(&join(pointer, "content"), m), ITEM_SCHEMA);
            Some(AlsoStreamed {
                item: self.item_shape(mt.extensions.get(ITEM_SCHEMA)?, &ctx.then_raw("Item"), &at),
                media_type: m.clone(),
                format: StreamFormat::of(m)?,
                pointer: at,
            })
        });
        Content {
            body,
            raw,
            media_type,
            examples,
            stream: None,
            also_streamed,
        }
    }

    /// The shape of one streamed item, from the `itemSchema` kept as an extension: any JSON
    /// value, with a warning, when it is not a schema.
    fn item_shape(&mut self, item: &serde_json::Value, ctx: &Ctx<'_>, at: &str) -> Option<Shape> {
        match serde_json::from_value::<ReferenceOr<Schema>>(item.clone()) {
            Ok(schema) => {
                let schema = self.store.item_schemas.alloc(schema);
                Some(self.shape((&*schema).into(), ctx, at))
            }
            Err(e) => {
                self.sink.warning(
                    at,
                    format!("`itemSchema` is not a schema ({e}): each item is any JSON value"),
                    None,
                );
                Some(Shape::any())
            }
        }
    }

    /// A body read whole: its shape (JSON) or how its bytes are returned, its media type and
    /// its JSON examples.
    fn read_whole(
        &mut self,
        media: &str,
        mt: &'a openapiv3::MediaType,
        content: &str,
        ctx: &Ctx<'_>,
    ) -> (Option<Shape>, Option<RawBody>, Option<String>, Vec<Example>) {
        if !is_json(media) {
            let text = media.trim().to_ascii_lowercase().starts_with("text/");
            let raw = if text { RawBody::Text } else { RawBody::Bytes };
            return (None, Some(raw), Some(media.to_owned()), Vec::new());
        }
        let body = mt
            .schema
            .as_ref()
            .map(|schema| self.shape(schema.into(), ctx, &join(content, "schema")));
        (
            body,
            None,
            Some(media.to_owned()),
            media_examples(mt, content),
        )
    }

    /// A response's documented headers.
    fn response_headers(
        &mut self,
        resp: &'a openapiv3::Response,
        pointer: &str,
        ctx: &Ctx<'_>,
    ) -> Vec<ResponseHeader> {
        let mut out = Vec::new();
        for (name, h) in &resp.headers {
            let ptr = join(&join(pointer, "headers"), name);
            let Some(header) = self.resolve(h, &ptr) else {
                continue;
            };
            let shape = match &header.format {
                ParameterSchemaOrContent::Schema(s) => {
                    self.shape(s.into(), &ctx.then_named(name), &join(&ptr, "schema"))
                }
                ParameterSchemaOrContent::Content(_) => Shape::any(),
            };
            out.push(ResponseHeader {
                name: name.clone(),
                description: header.description.clone(),
                shape,
            });
        }
        out
    }

    /// One response with `status` (0 for `default`), its types named from `ctx`, and its
    /// streamed form when a 2xx is also offered streamed.
    fn response(
        &mut self,
        resp: &'a openapiv3::Response,
        status: u16,
        pointer: &str,
        ctx: &Ctx<'_>,
    ) -> (Response, Option<Streamed>) {
        let success = (200..300).contains(&status);
        let content = self.content(resp, pointer, ctx, success);
        let headers = self.response_headers(resp, pointer, ctx);
        let response = Response {
            status,
            description: resp.description.clone(),
            body: content.body,
            raw: content.raw,
            media_type: content.media_type,
            headers,
            examples: content.examples,
            stream: content.stream,
        };
        let streamed = content.also_streamed.map(|s| Streamed {
            response: Response {
                body: s.item,
                raw: None,
                media_type: Some(s.media_type),
                examples: Vec::new(),
                stream: Some(s.format),
                ..response.clone()
            },
            item_pointer: s.pointer,
        });
        (response, streamed)
    }

    pub(super) fn responses(
        &mut self,
        responses: &'a openapiv3::Responses,
        pointer: &str,
        op_id: &str,
    ) -> (Response, Option<Streamed>, Vec<Response>) {
        let mut success: Option<Response> = None;
        let mut streamed: Option<Streamed> = None;
        let mut errors = Vec::new();
        let op = Ctx::named(op_id);
        for (code, r) in &responses.responses {
            let (status, key) = match code {
                StatusCode::Code(c) => (*c, c.to_string()),
                StatusCode::Range(r) => (*r * 100, format!("{r}XX")),
            };
            let ptr = join(pointer, &key);
            let Some(resp) = self.resolve(r, &ptr) else {
                continue;
            };
            let is_success = (200..300).contains(&status);
            let suffix: Cow<str> = if is_success {
                Cow::Borrowed("Response")
            } else {
                Cow::Owned(format!("Error{status}"))
            };
            let (lowered, also) = self.response(resp, status, &ptr, &op.then_raw(&suffix));
            let empty = |r: &Response| r.body.is_none() && r.raw.is_none();
            if is_success {
                // The streamed methods stream the first 2xx's stream; another one is unused.
                match (&success, &streamed, also) {
                    (None, _, also) => streamed = also,
                    (Some(first), kept, Some(also))
                        if kept.as_ref().map(|k| (&k.response.body, k.response.stream))
                            != Some((&also.response.body, also.response.stream)) =>
                    {
                        self.sink.warning(
                            &also.item_pointer,
                            format!("`itemSchema` (streamed items) is not used: the methods return the {} response", first.status),
                            None,
                        );
                    }
                    _ => {}
                }
                match &mut success {
                    None => success = Some(lowered),
                    // A stream and another 2xx: the method streams (or reads the first body).
                    Some(first)
                        if (first.stream.is_some() || lowered.stream.is_some())
                            && (first.stream != lowered.stream || first.body != lowered.body) =>
                    {
                        self.sink.warning(
                            &ptr,
                            format!("several 2xx responses with different bodies; the method returns the {} body", first.status),
                            None,
                        );
                    }
                    // One 2xx with a JSON body and another without (200 with JSON, or 204):
                    // the method returns `Option<T>`, `None` for the empty one. Bytes or text
                    // and an empty 2xx: the empty one is empty bytes or text.
                    Some(first) if empty(&lowered) || empty(first) => {
                        if let Some(b) = first.body.as_mut().or(lowered.body.clone().as_mut()) {
                            b.nullable = true;
                            first.body = Some(b.clone());
                        }
                        if first.raw.is_none() && lowered.raw.is_some() {
                            first.raw = lowered.raw;
                            first.media_type = lowered.media_type;
                        }
                    }
                    Some(first) if first.body != lowered.body || first.raw != lowered.raw => {
                        self.sink.warning(
                            &ptr,
                            format!("several 2xx responses with different bodies; the method returns the {} body", first.status),
                            None,
                        );
                    }
                    Some(_) => {}
                }
            } else {
                errors.push(lowered);
            }
        }
        if let Some(r) = &responses.default {
            let ptr = join(pointer, "default");
            if let Some(resp) = self.resolve(r, &ptr) {
                errors.push(self.response(resp, 0, &ptr, &op.then_raw("ErrorDefault")).0);
            }
        }
        let success = success.unwrap_or_else(|| {
            self.sink.warning(
                pointer,
                "no 2xx response is documented; the method returns no value",
                Some("document the success response".to_owned()),
            );
            Response {
                status: 200,
                description: String::new(),
                body: None,
                raw: None,
                media_type: None,
                headers: Vec::new(),
                examples: Vec::new(),
                stream: None,
            }
        });
        (success, streamed, errors)
    }
}
