//! An operation's `x-pagination`: which query parameter and response fields page through a list.

use crate::diag::join;
use crate::ir::*;
use crate::lower::Lowerer;

impl<'a> Lowerer<'a> {
    /// Reads and checks `x-pagination`.
    pub(super) fn pagination(
        &mut self,
        op: &openapiv3::Operation,
        pointer: &str,
        query: Option<&str>,
        success: &Response,
    ) -> Option<Pagination> {
        let raw = op.extensions.get("x-pagination")?;
        let ptr = join(pointer, "x-pagination");
        let help = || {
            Some("write `x-pagination: {style: token|page, request: <query parameter>, response: <property path>, items: <property>}`".to_owned())
        };
        let get = |k: &str| raw.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        let (Some(style), Some(request), Some(response), Some(items)) =
            (get("style"), get("request"), get("response"), get("items"))
        else {
            self.sink.error(
                &ptr,
                "`x-pagination` needs string `style`, `request`, `response` and `items`",
                help(),
            );
            return None;
        };
        let style = match style.as_str() {
            "token" => PageStyle::Token,
            "page" => PageStyle::Page,
            other => {
                self.sink.error(
                    &join(&ptr, "style"),
                    format!("unknown pagination style `{other}`"),
                    help(),
                );
                return None;
            }
        };
        let cursor = query.and_then(|q| match self.types.get(q).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => s
                .fields
                .iter()
                .find(|f| f.wire == request)
                .map(|f| f.shape.ty.clone()),
            _ => None,
        });
        let expected = match style {
            PageStyle::Token => Ty::String,
            PageStyle::Page => Ty::Integer { bits32: false },
        };
        match cursor {
            Some(ty)
                if ty == expected
                    || matches!((&ty, style), (Ty::Integer { .. }, PageStyle::Page)) => {}
            Some(_) => {
                self.sink.error(
                    &join(&ptr, "request"),
                    format!(
                        "query parameter `{request}` must be a {} for `{}` paging",
                        if style == PageStyle::Token {
                            "string"
                        } else {
                            "integer"
                        },
                        if style == PageStyle::Token {
                            "token"
                        } else {
                            "page"
                        }
                    ),
                    None,
                );
                return None;
            }
            None => {
                self.sink.error(
                    &join(&ptr, "request"),
                    format!("`{request}` is not a query parameter of this operation"),
                    help(),
                );
                return None;
            }
        }
        // The items and the next cursor must be where it says, in the success response.
        let Some(Shape {
            ty: Ty::Named(resp),
            ..
        }) = &success.body
        else {
            self.sink.error(
                &ptr,
                "a paginated operation needs a success response with a named object body",
                None,
            );
            return None;
        };
        let response: Vec<String> = response.split('.').map(str::to_owned).collect();
        let mut at = resp.clone();
        for (i, seg) in response.iter().enumerate() {
            let field = match self.types.get(&at).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => s.fields.iter().find(|f| &f.wire == seg).cloned(),
                _ => None,
            };
            match field {
                Some(f) if i + 1 == response.len() => {
                    let ok = matches!(
                        (&f.shape.ty, style),
                        (Ty::String, PageStyle::Token) | (Ty::Integer { .. }, PageStyle::Page)
                    );
                    if !ok {
                        self.sink.error(
                            &join(&ptr, "response"),
                            format!(
                                "`{}` must be a {}",
                                response.join("."),
                                if style == PageStyle::Token {
                                    "string"
                                } else {
                                    "integer"
                                }
                            ),
                            None,
                        );
                        return None;
                    }
                }
                Some(Field {
                    shape:
                        Shape {
                            ty: Ty::Named(n), ..
                        },
                    ..
                }) => at = n,
                _ => {
                    self.sink.error(
                        &join(&ptr, "response"),
                        format!(
                            "`{}` is not a property path of the success response `{resp}`",
                            response.join(".")
                        ),
                        help(),
                    );
                    return None;
                }
            }
        }
        let items_ok = match self.types.get(resp).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => s
                .fields
                .iter()
                .any(|f| f.wire == items && matches!(f.shape.ty, Ty::Array(_))),
            _ => false,
        };
        if !items_ok {
            self.sink.error(
                &join(&ptr, "items"),
                format!("`{items}` is not an array property of the success response `{resp}`"),
                help(),
            );
            return None;
        }
        Some(Pagination {
            style,
            request,
            response,
            items,
        })
    }
}
