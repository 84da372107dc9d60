//! Lowering operations: each path item's operations, with their parameters
//! ([`params`]), request body ([`body`]), responses ([`responses`]) and pagination
//! ([`pagination`]). Every `$ref` they hold goes through [`super::resolve`].

mod additional;
mod body;
mod content_param;
mod pagination;
mod params;
mod responses;
mod webhooks;

use super::Lowerer;
use crate::diag::join;
use crate::ident::{value_name, Namespace};
use crate::ir::*;
use std::collections::BTreeMap;

impl<'a> Lowerer<'a> {
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        // The names the client itself uses are claimed later, by the surface stage.
        let mut ns = Namespace::new();
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        let mut out = Vec::new();
        let doc = self.doc;
        for (path, item) in doc.paths.paths.iter() {
            let path_ptr = join("/paths", path);
            let Some(item) = self.resolve(item, &path_ptr) else {
                continue;
            };
            let standard = item.iter().map(|(key, op)| {
                (
                    join(&path_ptr, key),
                    Method::from_name(&key.to_uppercase()),
                    op,
                )
            });
            let additional = self.additional_operations(item, &path_ptr);
            for (pointer, method, op) in standard.collect::<Vec<_>>().into_iter().chain(additional)
            {
                let id = match &op.operation_id {
                    Some(id) => id.clone(),
                    None => {
                        let m = method.as_str().to_lowercase();
                        let id = format!("{m}_{}", path.replace(['{', '}'], ""));
                        self.sink.warning(
                            &pointer,
                            format!("no `operationId`; the method is named after `{m} {path}`"),
                            Some("add an `operationId`".to_owned()),
                        );
                        id
                    }
                };
                if let Some(first) = seen_ids.insert(id.clone(), pointer.clone()) {
                    self.sink.error(
                        &join(&pointer, "operationId"),
                        format!("duplicate operationId `{id}` (also at {first})"),
                        Some("operationIds must be unique across the document".to_owned()),
                    );
                }
                let rust = ns.claim(value_name(&id));
                let mut params = self.params(&item.parameters, &op.parameters, &pointer, &id);
                // Every `{name}` in the path template needs a path parameter; one the spec forgot
                // is added as a required string, with a warning.
                let mut rest = path.as_str();
                while let Some(start) = rest.find('{') {
                    let Some(len) = rest[start..].find('}') else {
                        break;
                    };
                    let name = &rest[start + 1..start + len];
                    rest = &rest[start + len + 1..];
                    if params
                        .iter()
                        .any(|p| p.location == ParamLocation::Path && p.wire == name)
                    {
                        continue;
                    }
                    self.sink.warning(
                        &pointer,
                        format!("path parameter `{name}` in `{path}` is not declared; it is taken as a required string"),
                        Some(format!("add a parameter with `name: {name}, in: path, required: true`")),
                    );
                    let mut rust = value_name(name);
                    while params.iter().any(|p| p.rust == rust) {
                        rust.push_str("_path");
                    }
                    params.push(Param {
                        wire: name.to_owned(),
                        rust,
                        location: ParamLocation::Path,
                        required: true,
                        doc: Doc::default(),
                        shape: Shape {
                            ty: Ty::String,
                            nullable: false,
                            rules: Rules::default(),
                        },
                        style: None,
                    });
                }
                let body = op
                    .request_body
                    .as_ref()
                    .and_then(|b| self.body(b, &join(&pointer, "requestBody"), &id));
                let (success, streamed, errors) =
                    self.responses(&op.responses, &join(&pointer, "responses"), &id);
                let idempotent = match op.extensions.get("x-idempotent") {
                    Some(serde_json::Value::Bool(b)) => *b,
                    Some(_) => {
                        self.sink.error(
                            &join(&pointer, "x-idempotent"),
                            "`x-idempotent` must be true or false",
                            None,
                        );
                        false
                    }
                    None => method.is_idempotent(),
                };
                let query_styles = params
                    .iter()
                    .filter(|p| p.location == ParamLocation::Query)
                    .filter_map(|p| Some((p.wire.clone(), p.style?)))
                    .collect();
                let (params, query) = self.query_struct(params, &id, &pointer);
                let pagination = self.pagination(op, &pointer, query.as_deref(), &success);
                if let Some(p) = params
                    .iter()
                    .find(|p| !(p.required && p.shape.ty == Ty::String))
                    .filter(|_| pagination.is_some() && body.is_none())
                {
                    self.sink.warning(
                        &join(&pointer, "x-pagination"),
                        format!("no `_stream` method: the stream takes only required string path, header and cookie parameters, and `{}` is not one", p.wire),
                        Some("make the parameter a required string, or page with the single-page method".to_owned()),
                    );
                }
                out.push(Operation {
                    id,
                    rust,
                    method,
                    path: path.clone(),
                    pointer,
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    tags: op.tags.clone(),
                    deprecated: op.deprecated,
                    idempotent,
                    params,
                    query,
                    query_styles,
                    pagination,
                    body,
                    success,
                    streamed,
                    errors,
                });
            }
        }
        out
    }
}
