//! An operation's parameters, and the struct its query parameters become.

use crate::diag::join;
use crate::ident::{type_name, value_name, Namespace};
use crate::ir::*;
use crate::lower::ctx::Ctx;
use crate::lower::view::SchemaRef;
use crate::lower::Lowerer;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};

impl<'a> Lowerer<'a> {
    pub(super) fn params(
        &mut self,
        shared: &'a [ReferenceOr<Parameter>],
        own: &'a [ReferenceOr<Parameter>],
        pointer: &str,
        op_id: &str,
    ) -> Vec<Param> {
        let mut out: Vec<Param> = Vec::new();
        let mut ns = Namespace::new();
        for name in crate::surface::METHOD_LOCALS {
            ns.reserve(name);
        }
        for (list, base) in [
            (
                shared,
                format!(
                    "{}/parameters",
                    pointer.rsplit_once('/').map_or("", |p| p.0)
                ),
            ),
            (own, join(pointer, "parameters")),
        ] {
            for (i, p) in list.iter().enumerate() {
                let ptr = format!("{base}/{i}");
                let Some(p) = self.resolve(p, &ptr) else {
                    continue;
                };
                let (location, data, style) = match p {
                    Parameter::Path { parameter_data, .. } => {
                        (ParamLocation::Path, parameter_data, None)
                    }
                    Parameter::Query {
                        parameter_data,
                        style,
                        ..
                    } => {
                        let explode = parameter_data.explode;
                        let style = match style {
                            openapiv3::QueryStyle::Form => QueryStyle::Form {
                                explode: explode.unwrap_or(true),
                            },
                            openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                            openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                            openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                        };
                        (ParamLocation::Query, parameter_data, Some(style))
                    }
                    Parameter::Header { parameter_data, .. } => {
                        let name = parameter_data.name.to_ascii_lowercase();
                        if matches!(name.as_str(), "accept" | "content-type" | "authorization") {
                            self.sink.warning(
                                &ptr,
                                format!("header parameter `{}` is ignored: OpenAPI leaves `Accept`, `Content-Type` and `Authorization` to the media types and security schemes", parameter_data.name),
                                Some("remove the parameter".to_owned()),
                            );
                            continue;
                        }
                        (ParamLocation::Header, parameter_data, None)
                    }
                    Parameter::Cookie { parameter_data, .. } => {
                        (ParamLocation::Cookie, parameter_data, None)
                    }
                };
                let (shape, style) = match &data.format {
                    ParameterSchemaOrContent::Schema(s) => {
                        let s: SchemaRef<'a> = s.into();
                        let op = Ctx::named(op_id);
                        let shape =
                            self.shape(s, &op.then_named(&data.name), &join(&ptr, "schema"));
                        (shape, style)
                    }
                    ParameterSchemaOrContent::Content(content) => {
                        let Some((shape, encoding)) =
                            self.content_param(content, data, &ptr, op_id)
                        else {
                            continue;
                        };
                        // A JSON value is its JSON text in every location; other media types
                        // are strings, sent as a query parameter's default style sends them.
                        let json = encoding == QueryStyle::Json;
                        (shape, (json || style.is_some()).then_some(encoding))
                    }
                };
                if style == Some(QueryStyle::DeepObject)
                    && !matches!(shape.ty, Ty::Named(_) | Ty::Object | Ty::Map(_) | Ty::Any)
                {
                    self.sink.warning(
                        &ptr,
                        format!(
                            "`style: deepObject` applies to objects; `{}` is sent as `{}=value`",
                            data.name, data.name
                        ),
                        Some(
                            "give the parameter an object schema, or use `style: form`".to_owned(),
                        ),
                    );
                }
                let doc = Doc {
                    description: data.description.clone(),
                    example: data.example.clone(),
                    deprecated: data.deprecated.unwrap_or(false),
                    ..Doc::default()
                };
                let param = Param {
                    rust: String::new(),
                    wire: data.name.clone(),
                    location,
                    required: data.required || location == ParamLocation::Path,
                    doc,
                    shape,
                    style,
                };
                // An operation's own parameter overrides the path item's one of the same name and place.
                match out
                    .iter_mut()
                    .find(|q| q.wire == param.wire && q.location == param.location)
                {
                    Some(q) => *q = param,
                    None => out.push(param),
                }
            }
        }
        for p in &mut out {
            p.rust = ns.claim(value_name(&p.wire));
        }
        out
    }

    /// Moves the query parameters into a named struct (`ListPersonasParams`): required ones
    /// become constructor arguments, optional ones setters, and its `Validate` checks them.
    pub(super) fn query_struct(
        &mut self,
        params: Vec<Param>,
        op_id: &str,
        pointer: &str,
    ) -> (Vec<Param>, Option<String>) {
        let (query, rest): (Vec<Param>, Vec<Param>) = params
            .into_iter()
            .partition(|p| p.location == ParamLocation::Query);
        if query.is_empty() {
            return (rest, None);
        }
        let name = self.names.claim(type_name(&format!("{op_id}Params")));
        let mut ns = Namespace::new();
        let fields = query
            .into_iter()
            .map(|p| Field {
                rust: ns.claim(value_name(&p.wire)),
                pointer: join(pointer, "parameters"),
                wire: p.wire,
                doc: p.doc,
                shape: p.shape,
                required: p.required,
                null_clears: None,
            })
            .collect();
        let doc = Doc {
            description: Some(format!("The query parameters of `{op_id}`.")),
            ..Doc::default()
        };
        let t = TypeDef {
            name: name.clone(),
            pointer: join(pointer, "parameters"),
            doc,
            kind: TypeKind::Struct(Struct {
                fields,
                extra: None,
                null_means_unchanged: false,
                dependent_required: Vec::new(),
            }),
            in_request: false,
            in_response: false,
            in_update: false,
        };
        self.types.insert(name.clone(), t);
        (rest, Some(name))
    }
}
