//! Lowering operations: parameters, request bodies and responses, `$ref`s to components resolved.

use super::ctx::Ctx;
use super::view::SchemaRef;
use super::Lowerer;
use crate::diag::join;
use crate::ident::{type_name, value_name, Namespace};
use crate::ir::*;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, StatusCode};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Client method names the emitter uses itself.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "with_base_url",
    "base_url",
    "clone",
    "fmt",
];

/// A media type's `example` and inline `examples` values, with their JSON pointers.
fn media_examples(mt: &openapiv3::MediaType, pointer: &str) -> Vec<Example> {
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

fn is_json(media: &str) -> bool {
    let m = media.split(';').next().unwrap_or("").trim();
    m == "application/json" || m.ends_with("+json") || m == "*/*"
}

impl<'a> Lowerer<'a> {
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let mut ns = Namespace::new();
        for r in RESERVED_METHODS {
            ns.reserve(r);
        }
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        let mut out = Vec::new();
        let doc = self.doc;
        for (path, item) in doc.paths.paths.iter() {
            let path_ptr = join("/paths", path);
            let item = match item {
                ReferenceOr::Item(i) => i,
                ReferenceOr::Reference { .. } => {
                    self.sink.error(
                        &path_ptr,
                        "path item `$ref` is not supported",
                        Some("inline the path item".to_owned()),
                    );
                    continue;
                }
            };
            for (method, op) in item.iter() {
                let pointer = join(&path_ptr, method);
                let id = match &op.operation_id {
                    Some(id) => id.clone(),
                    None => {
                        let id = format!("{method}_{}", path.replace(['{', '}'], ""));
                        self.sink.warning(
                            &pointer,
                            format!(
                                "no `operationId`; the method is named after `{method} {path}`"
                            ),
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
                let (success, errors) =
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
                    None => !matches!(method, "post" | "patch"),
                };
                let query_styles = params
                    .iter()
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
                    method: match method {
                        "get" => Method::Get,
                        "put" => Method::Put,
                        "post" => Method::Post,
                        "delete" => Method::Delete,
                        "options" => Method::Options,
                        "head" => Method::Head,
                        "patch" => Method::Patch,
                        _ => Method::Trace,
                    },
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
                    errors,
                });
            }
        }
        out
    }

    fn params(
        &mut self,
        shared: &'a [ReferenceOr<Parameter>],
        own: &'a [ReferenceOr<Parameter>],
        pointer: &str,
        op_id: &str,
    ) -> Vec<Param> {
        let mut out: Vec<Param> = Vec::new();
        let mut ns = Namespace::new();
        ns.reserve("body");
        ns.reserve("options");
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
                let p = match p {
                    ReferenceOr::Item(p) => p,
                    ReferenceOr::Reference { reference } => {
                        let name = reference.strip_prefix("#/components/parameters/");
                        match name.and_then(|n| self.doc.components.as_ref()?.parameters.get(n)) {
                            Some(ReferenceOr::Item(p)) => p,
                            _ => {
                                self.sink.error(
                                    &ptr,
                                    format!("cannot resolve `$ref: {reference}`"),
                                    Some(
                                        "point it at an existing `#/components/parameters/<Name>`"
                                            .to_owned(),
                                    ),
                                );
                                continue;
                            }
                        }
                    }
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
                let shape = match &data.format {
                    ParameterSchemaOrContent::Schema(s) => {
                        let s: SchemaRef<'a> = s.into();
                        let op = Ctx::named(op_id);
                        self.shape(s, &op.then_named(&data.name), &join(&ptr, "schema"))
                    }
                    ParameterSchemaOrContent::Content(_) => {
                        self.sink.error(
                            &ptr,
                            "parameters with `content` are not supported",
                            Some("describe the parameter with `schema`".to_owned()),
                        );
                        continue;
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

    fn body(
        &mut self,
        b: &'a ReferenceOr<openapiv3::RequestBody>,
        pointer: &str,
        op_id: &str,
    ) -> Option<Body> {
        let body = match b {
            ReferenceOr::Item(b) => b,
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/requestBodies/");
                match name.and_then(|n| self.doc.components.as_ref()?.request_bodies.get(n)) {
                    Some(ReferenceOr::Item(b)) => b,
                    _ => {
                        self.sink.error(
                            pointer,
                            format!("cannot resolve `$ref: {reference}`"),
                            Some(
                                "point it at an existing `#/components/requestBodies/<Name>`"
                                    .to_owned(),
                            ),
                        );
                        return None;
                    }
                }
            }
        };
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
            self.sink.error(
                &join(pointer, "content"),
                "the request body lists no media type",
                Some("add `content: {application/json: {schema: ...}}`".to_owned()),
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

    /// Moves the query parameters into a named struct (`ListPersonasParams`): required ones
    /// become constructor arguments, optional ones setters, and its `Validate` checks them.
    fn query_struct(
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
            }),
            in_request: false,
            in_response: false,
            in_update: false,
        };
        self.types.insert(name.clone(), t);
        (rest, Some(name))
    }

    /// Reads and checks `x-pagination`.
    fn pagination(
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

    /// A response's documented headers, following `$ref`s to `#/components/headers/<Name>`.
    fn response_headers(
        &mut self,
        resp: &'a openapiv3::Response,
        pointer: &str,
        ctx: &Ctx<'_>,
    ) -> Vec<ResponseHeader> {
        let mut out = Vec::new();
        for (name, h) in &resp.headers {
            let ptr = join(&join(pointer, "headers"), name);
            let header = match h {
                ReferenceOr::Item(h) => h,
                ReferenceOr::Reference { reference } => {
                    let found = reference
                        .strip_prefix("#/components/headers/")
                        .and_then(|n| self.doc.components.as_ref()?.headers.get(n));
                    match found {
                        Some(ReferenceOr::Item(h)) => h,
                        _ => {
                            self.sink.error(
                                &ptr,
                                format!("cannot resolve `$ref: {reference}`"),
                                Some(
                                    "point it at an existing `#/components/headers/<Name>`"
                                        .to_owned(),
                                ),
                            );
                            continue;
                        }
                    }
                }
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

    /// A response, following a `$ref` to `#/components/responses/<Name>`.
    fn response(
        &mut self,
        r: &'a ReferenceOr<openapiv3::Response>,
        pointer: &str,
    ) -> Option<&'a openapiv3::Response> {
        match r {
            ReferenceOr::Item(r) => Some(r),
            ReferenceOr::Reference { reference } => {
                let found = reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|n| self.doc.components.as_ref()?.responses.get(n));
                match found {
                    Some(ReferenceOr::Item(r)) => Some(r),
                    _ => {
                        self.sink.error(
                            pointer,
                            format!("cannot resolve `$ref: {reference}`"),
                            Some(
                                "point it at an existing `#/components/responses/<Name>`"
                                    .to_owned(),
                            ),
                        );
                        None
                    }
                }
            }
        }
    }

    fn responses(
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
            let Some(resp) = self.response(r, &ptr) else {
                continue;
            };
            let is_success = (200..300).contains(&status);
            let suffix: Cow<str> = if is_success {
                Cow::Borrowed("Response")
            } else {
                Cow::Owned(format!("Error{status}"))
            };
            let ctx = op.then_raw(&suffix);
            let (body, raw, media_type, examples) = self.content(resp, &ptr, &ctx);
            let headers = self.response_headers(resp, &ptr, &ctx);
            let lowered = Response {
                status,
                description: resp.description.clone(),
                body,
                raw,
                media_type,
                headers,
                examples,
            };
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
            let resp = self.response(r, &ptr);
            if let Some(resp) = resp {
                let ctx = op.then_raw("ErrorDefault");
                let (body, raw, media_type, examples) = self.content(resp, &ptr, &ctx);
                let headers = self.response_headers(resp, &ptr, &ctx);
                errors.push(Response {
                    status: 0,
                    description: resp.description.clone(),
                    body,
                    raw,
                    media_type,
                    headers,
                    examples,
                });
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
