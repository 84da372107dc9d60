//! Parameters described with `content` instead of `schema` (OpenAPI 3.0.3, "Parameter Object":
//! `content` holds exactly one media type, and the value is serialized in it). A JSON media
//! type sends the value's JSON text (`q={"page":2}` before percent-encoding); the generator
//! encodes no other media type, so such a parameter is a string the caller encodes.

use super::body::is_json;
use crate::diag::join;
use crate::ir::*;
use crate::lower::ctx::Ctx;
use crate::lower::Lowerer;
use openapiv3::{Content, ParameterData};

impl<'a> Lowerer<'a> {
    /// The shape and serialization of a parameter with `content` (the parameter at `pointer`).
    /// `None` when `content` lists no media type (an error).
    pub(super) fn content_param(
        &mut self,
        content: &'a Content,
        data: &'a ParameterData,
        pointer: &str,
        op_id: &str,
    ) -> Option<(Shape, QueryStyle)> {
        let content_ptr = join(pointer, "content");
        let Some((media, media_type)) = content.iter().next() else {
            self.sink.error(
                &content_ptr,
                format!("parameter `{}` has an empty `content`", data.name),
                Some("list one media type with its `schema`, or describe the parameter with `schema`".to_owned()),
            );
            return None;
        };
        let media_ptr = join(&content_ptr, media);
        if content.len() > 1 {
            self.sink.warning(
                &content_ptr,
                format!(
                    "parameter `{}` lists {} media types; OpenAPI allows one, and only `{media}` is used",
                    data.name,
                    content.len()
                ),
                Some("keep one media type under `content`".to_owned()),
            );
        }
        if !is_json(media) {
            self.sink.warning(
                &media_ptr,
                format!("parameter `{}` is sent as `{media}`, which the generator does not encode; it is a string, sent as given", data.name),
                Some("encode the value yourself, or describe the parameter with `schema` or `application/json` content".to_owned()),
            );
            let shape = Shape {
                ty: Ty::String,
                nullable: false,
                rules: Rules::default(),
            };
            return Some((shape, QueryStyle::Form { explode: true }));
        }
        let shape = match &media_type.schema {
            Some(s) => {
                let op = Ctx::named(op_id);
                self.shape(
                    s.into(),
                    &op.then_named(&data.name),
                    &join(&media_ptr, "schema"),
                )
            }
            None => Shape::any(),
        };
        Some((shape, QueryStyle::Json))
    }
}
