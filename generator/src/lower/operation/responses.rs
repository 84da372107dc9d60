//! An operation's responses: the success body the method returns, the error bodies by status,
//! and the documented headers.

use super::body::{is_json, media_examples};
use crate::diag::join;
use crate::ir::*;
use crate::lower::ctx::Ctx;
use crate::lower::Lowerer;
use openapiv3::{ParameterSchemaOrContent, StatusCode};
use std::borrow::Cow;

impl<'a> Lowerer<'a> {
    /// A response's body (a JSON shape named `ctx` if inline, or bytes or text for other media
    /// types), the media type it is read as, and its JSON examples. JSON wins when several
    /// media types are listed.
    fn content(
        &mut self,
        resp: &'a openapiv3::Response,
        pointer: &str,
        ctx: &Ctx<'_>,
    ) -> (Option<Shape>, Option<RawBody>, Option<String>, Vec<Example>) {
        let Some((media, mt)) = resp
            .content
            .iter()
            .find(|(m, _)| is_json(m))
            .or_else(|| resp.content.iter().next())
        else {
            return (None, None, None, Vec::new());
        };
        if !is_json(media) {
            let text = media.trim().to_ascii_lowercase().starts_with("text/");
            let raw = if text { RawBody::Text } else { RawBody::Bytes };
            return (None, Some(raw), Some(media.clone()), Vec::new());
        }
        let content = join(&join(pointer, "content"), media);
        let body = mt
            .schema
            .as_ref()
            .map(|schema| self.shape(schema.into(), ctx, &join(&content, "schema")));
        (
            body,
            None,
            Some(media.clone()),
            media_examples(mt, &content),
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

    /// One response with `status` (0 for `default`), its types named from `ctx`.
    fn response(
        &mut self,
        resp: &'a openapiv3::Response,
        status: u16,
        pointer: &str,
        ctx: &Ctx<'_>,
    ) -> Response {
        let (body, raw, media_type, examples) = self.content(resp, pointer, ctx);
        let headers = self.response_headers(resp, pointer, ctx);
        Response {
            status,
            description: resp.description.clone(),
            body,
            raw,
            media_type,
            headers,
            examples,
        }
    }

    pub(super) fn responses(
        &mut self,
        responses: &'a openapiv3::Responses,
        pointer: &str,
        op_id: &str,
    ) -> (Response, Vec<Response>) {
        let mut success: Option<Response> = None;
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
            let lowered = self.response(resp, status, &ptr, &op.then_raw(&suffix));
            let empty = |r: &Response| r.body.is_none() && r.raw.is_none();
            if is_success {
                match &mut success {
                    None => success = Some(lowered),
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
                errors.push(self.response(resp, 0, &ptr, &op.then_raw("ErrorDefault")));
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
            }
        });
        (success, errors)
    }
}
