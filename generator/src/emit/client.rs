//! The async `Client`: construction (key, environment, base URL) and one method per operation
//! that validates its input, sends it, and decodes the documented success response. Emitted as
//! formatted text; [`layout`] breaks the expressions that may not fit on a line exactly where
//! prettyplease would.

use super::docs;
use super::layout::{block_head, call, chain, line, text, tuple_call, type_node, Node, Writer};
use super::text::{impl_for, str_lit, Code};
use super::validate::Checks;
use super::{Chunk, Ctx};
use crate::ident::bare;
use crate::ir::*;

/// `Error`, `ApiError` and `Result` for this API, with the vendor's error body type, and its
/// `ErrorSummary` for `Display`.
pub fn emit_error_types(ctx: &Ctx<'_>) -> Chunk {
    let error_type = ctx.api.error_type.as_deref().and_then(|n| ctx.types.get(n));
    let body = match error_type {
        Some(t) => t.name.clone(),
        None => "rt::Value".to_owned(),
    };
    let error_doc = match &ctx.api.error_type {
        Some(n) => format!("Everything a call can fail with; `Api` errors carry the decoded [`{n}`] when the spec documents it for the status."),
        None => "Everything a call can fail with.".to_owned(),
    };
    let mut code = Code::new();
    docs::write(&mut code, &[error_doc]);
    type_alias(
        &mut code,
        "pub type Error = ",
        &format!("rt::Error<{body}>"),
    );
    code.blank();
    code.line("/// A non-2xx response: status, headers, request id, raw body, and the decoded error body.");
    type_alias(
        &mut code,
        "pub type ApiError = ",
        &format!("rt::ApiError<{body}>"),
    );
    code.blank();
    code.line("/// The result of every call of this API's [`Client`].");
    code.line("pub type Result<T, E = Error> = std::result::Result<T, E>;");
    if let Some(t) = error_type {
        error_summary(ctx, t, &mut code);
    }
    Chunk::Text(code.finish())
}

/// `<start><ty>;`, the type broken at its generic arguments if it does not fit.
fn type_alias(code: &mut Code, start: &str, ty: &str) {
    line(code, start, &type_node(ty), ";");
}

/// `impl rt::ErrorSummary`: `code: message` from the error body's `message`/`code` strings,
/// directly or under an `error` object; a string `error` counts as the message.
fn error_summary(ctx: &Ctx<'_>, t: &TypeDef, code: &mut Code) {
    let TypeKind::Struct(s) = &t.kind else {
        return;
    };
    /// `base.field` as an `Option<&str>`, for a string field with that wire name.
    fn string_field(base: &str, s: &Struct, wire: &str) -> Option<Node> {
        let f = s
            .fields
            .iter()
            .find(|f| f.wire == wire && matches!(f.shape.ty, Ty::String))?;
        let n = &f.rust;
        Some(if f.is_option() {
            chain(base, &[&format!(".{n}"), ".as_deref()"])
        } else {
            call("Some", vec![chain(base, &[&format!(".{n}"), ".as_str()"])])
        })
    }
    let mut message = string_field("self", s, "message");
    let mut error_code = string_field("self", s, "code");
    if message.is_none() {
        message = string_field("self", s, "error");
    }
    if let Some(f) = s.fields.iter().find(|f| f.wire == "error") {
        if let Ty::Named(inner) = &f.shape.ty {
            if let Some(TypeKind::Struct(is)) = ctx.types.get(inner.as_str()).map(|t| &t.kind) {
                let n = &f.rust;
                let wrap = |e: Option<Node>| {
                    e.map(|e| {
                        if f.is_option() {
                            Node::Chain {
                                base: Box::new(text("self")),
                                links: vec![
                                    text(&format!(".{n}")),
                                    text(".as_ref()"),
                                    closure_call(".and_then", "|e|", e),
                                ],
                            }
                        } else {
                            Node::Stmts(vec![
                                format!("let e = &self.{n};"),
                                e.flat().unwrap_or_default(),
                            ])
                        }
                    })
                };
                message = message.or_else(|| wrap(string_field("e", is, "message")));
                error_code = error_code.or_else(|| wrap(string_field("e", is, "code")));
            }
        }
    }
    let none = || text("None::<&str>");
    let pair = Node::List {
        open: "(".to_owned(),
        items: vec![
            error_code.unwrap_or_else(none),
            message.unwrap_or_else(none),
        ],
        close: ")".to_owned(),
    };
    code.blank();
    let name = &t.name;
    impl_for(code, "rt::ErrorSummary", name);
    code.open("fn summary(&self) -> Option<String> {");
    line(code, "match ", &pair, " {");
    code.line_at(1, "(Some(c), Some(m)) => Some(format!(\"{c}: {m}\")),");
    code.line_at(1, "(None, Some(m)) => Some(m.to_owned()),");
    code.line_at(1, "(Some(c), None) => Some(c.to_owned()),");
    code.line_at(1, "(None, None) => None,");
    code.line("}");
    code.close("}");
    code.close("}");
}

/// The `Client` type, its construction, and one method per operation.
pub fn emit_client(ctx: &Ctx<'_>) -> Chunk {
    let mut code = Code::new();
    client_type(ctx, &mut code);
    code.blank();
    code.open("impl Client {");
    client_constructors(ctx, &mut code);
    for op in &ctx.api.operations {
        operation(ctx, op, &mut code);
    }
    code.close("}");
    Chunk::Text(code.finish())
}

/// `ClientBuilder`, the `Client` struct and its `rt::FromHttpClient` impl.
fn client_type(ctx: &Ctx<'_>, code: &mut Code) {
    let api = ctx.api;
    let base = &api.base_url;
    let url_var = format!("{}_BASE_URL", api.env_prefix);
    let (auth, auth_doc) = match &api.auth {
        Auth::Header { header, scheme } => (
            call("rt::AuthScheme::Header", vec![text(&str_lit(header))]),
            format!("the API key in the `{header}` header (security scheme `{scheme}`)"),
        ),
        Auth::Bearer { scheme } => (
            text("rt::AuthScheme::Bearer"),
            format!("the API key as `Authorization: Bearer <key>` (security scheme `{scheme}`)"),
        ),
        Auth::Query { scheme, param } => (
            call("rt::AuthScheme::Query", vec![text(&str_lit(param))]),
            format!("the API key in the `{param}` query parameter (security scheme `{scheme}`)"),
        ),
        Auth::Cookie { scheme, cookie } => (
            call("rt::AuthScheme::Cookie", vec![text(&str_lit(cookie))]),
            format!("the API key in the `{cookie}` cookie (security scheme `{scheme}`)"),
        ),
        Auth::Basic { scheme } => (
            text("rt::AuthScheme::Basic"),
            format!("HTTP basic authentication, the key being `user:password` (security scheme `{scheme}`)"),
        ),
        Auth::None => (text("rt::AuthScheme::None"), "none".to_owned()),
    };
    code.line(
        "/// Builds a [`Client`]: API key, base URL, timeouts, retries, user agent, or your own",
    );
    code.line("/// `reqwest::Client`.");
    code.line("pub type ClientBuilder = rt::ClientBuilder<Client>;");
    item_doc(code, &[
        format!("Async client for the {}.", docs::sanitize(&api.title)),
        String::new(),
        format!("- Base URL: `{base}` by default; `{url_var}`, [`ClientBuilder::base_url`] or [`Client::with_base_url`] override it."),
        format!("- Authentication: {}.", auth_doc.replace('<', "\\<").replace('>', "\\>")),
        "- Every method validates its input against the spec before sending anything, and".to_owned(),
        "  decodes the documented success response; see [`Error`] for what can fail.".to_owned(),
        "- Timeouts: 60 s per attempt, 10 s to connect. Retries: up to 2, with jittered exponential".to_owned(),
        "  backoff (0.5 s doubling to 8 s) honouring `Retry-After`; see [`RetryPolicy`] for which".to_owned(),
        "  failures are retried. Change them with [`Client::builder`] or per call with".to_owned(),
        "  [`Client::with_options`].".to_owned(),
        "- Cheap to clone: clones share one connection pool.".to_owned(),
        "- The API key never appears in `Debug` output or errors.".to_owned(),
    ]);
    code.line("#[derive(Clone, Debug)]");
    code.open("pub struct Client {");
    code.line("http: rt::HttpClient,");
    code.close("}");
    code.blank();
    code.open("impl rt::FromHttpClient for Client {");
    code.open("const API: rt::ApiInfo = rt::ApiInfo {");
    code.line(&format!("name: {},", str_lit(&api.title)));
    code.line(&format!("default_base_url: {},", str_lit(base)));
    line(code, "auth: ", &auth, ",");
    code.line(&format!(
        "api_key_var: {},",
        str_lit(&format!("{}_API_KEY", api.env_prefix))
    ));
    code.line(&format!("base_url_var: {},", str_lit(&url_var)));
    code.close("};");
    code.blank();
    code.open("fn from_http(http: rt::HttpClient) -> Self {");
    code.line("Client { http }");
    code.close("}");
    code.close("}");
}

/// The constants and constructors at the top of `impl Client`.
fn client_constructors(ctx: &Ctx<'_>, code: &mut Code) {
    let api = ctx.api;
    let key_var = str_lit(&format!("{}_API_KEY", api.env_prefix));
    let url_var = format!("{}_BASE_URL", api.env_prefix);
    code.line("/// The first server of the spec's `servers`.");
    code.line(&format!(
        "pub const DEFAULT_BASE_URL: &'static str = {};",
        str_lit(&api.base_url)
    ));
    code.blank();
    code.line("/// The environment variable [`Client::from_env`] reads the API key from.");
    code.line(&format!("pub const API_KEY_VAR: &'static str = {key_var};"));
    code.blank();
    code.line("/// The environment variable [`Client::from_env`] reads a base URL override from.");
    code.line(&format!(
        "pub const BASE_URL_VAR: &'static str = {};",
        str_lit(&url_var)
    ));
    fixed_lines(code, CONSTRUCTORS_HEAD);
    docs::write(code, &[format!(
        "A client configured from the environment: the key from `{}_API_KEY`, the base URL from `{url_var}` if set.",
        api.env_prefix
    )]);
    fixed_lines(code, CONSTRUCTORS_TAIL);
}

/// Lines written as they are, at the current depth; an empty one is a blank line.
fn fixed_lines(code: &mut Code, lines: &[&str]) {
    for line in lines {
        if line.is_empty() {
            code.blank();
        } else {
            code.line(line);
        }
    }
}

/// `Client::new` and `Client::builder`, after the constants.
const CONSTRUCTORS_HEAD: &[&str] = &[
    "",
    "/// A client for [`Client::DEFAULT_BASE_URL`] authenticating with `api_key`, with the",
    "/// default timeouts and retries.",
    "///",
    "/// A key that cannot be used (empty, or not sendable in a header) makes every call",
    "/// fail with [`Error::Config`]; [`Client::builder`] reports it up front instead.",
    "pub fn new(api_key: impl Into<String>) -> Self {",
    "    Self::builder().api_key(api_key).build_or_defer()",
    "}",
    "",
    "/// A builder for every setting; finish with `.build()`.",
    "pub fn builder() -> ClientBuilder {",
    "    rt::ClientBuilder::new()",
    "}",
    "",
];

/// `Client::from_env` (after its first doc line) and the other constructors.
const CONSTRUCTORS_TAIL: &[&str] = &[
    "///",
    "/// # Errors",
    "/// [`Error::Config`] when the key variable is unset or empty, or the base URL is invalid.",
    "pub fn from_env() -> Result<Self> {",
    "    Ok(Self::builder().from_env().build()?)",
    "}",
    "",
    "/// The same client sending requests to `base_url` instead (e.g. a mock server). An",
    "/// invalid URL makes every call fail with [`Error::Config`].",
    "#[must_use]",
    "pub fn with_base_url(mut self, base_url: impl AsRef<str>) -> Self {",
    "    self.http.set_base_url_or_defer(base_url.as_ref());",
    "    self",
    "}",
    "",
    "/// The same client with `options` (timeout, retries, retry policy, extra headers)",
    "/// applied to the calls made through it:",
    "/// `client.with_options(RequestOptions::new().max_retries(0)).create_persona(&body)`.",
    "#[must_use]",
    "pub fn with_options(&self, options: rt::RequestOptions) -> Self {",
    "    Client {",
    "        http: self.http.with_options(options),",
    "    }",
    "}",
    "",
    "/// The base URL requests go to.",
    "pub fn base_url(&self) -> &str {",
    "    self.http.base_url()",
    "}",
];

/// The type of a path, header or cookie parameter argument.
fn param_type(ctx: &Ctx<'_>, p: &Param) -> String {
    let base = match &p.shape.ty {
        Ty::String => "&str".to_owned(),
        Ty::Array(item) => format!("&[{}]", ctx.type_text_nullable(item)),
        _ => ctx.type_text(&p.shape),
    };
    if p.required {
        base
    } else {
        format!("Option<{base}>")
    }
}

/// Where a parameter goes, for docs.
fn location_word(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The blank line between two items, then the doc comment of the second. Render puts no
/// blank line before a `/** */` doc comment.
fn item_doc(code: &mut Code, lines: &[String]) {
    let block = lines
        .first()
        .is_some_and(|l| l.contains('\n') && docs::can_be_block_comment(&format!(" {l}")));
    if !block {
        code.blank();
    }
    docs::write(code, lines);
}

/// `: description` on one line, or nothing.
fn desc_suffix(d: Option<&str>) -> String {
    d.map(|d| format!(": {}", docs::sanitize(d).replace('\n', " ")))
        .unwrap_or_default()
}

/// One async method for `op`, then its `_stream` method if it pages.
fn operation(ctx: &Ctx<'_>, op: &Operation, code: &mut Code) {
    let (args, arg_docs) = method_args(ctx, op);
    let ret = match (&op.success.body, op.success.raw) {
        (_, Some(RawBody::Bytes)) => "rt::Bytes".to_owned(),
        (_, Some(RawBody::Text)) => "String".to_owned(),
        (Some(s), None) => ctx.type_text_nullable(s),
        (None, None) => "()".to_owned(),
    };
    let checks = input_checks(ctx, op);
    item_doc(code, &operation_doc(ctx, op, arg_docs, !checks.is_empty()));
    if op.deprecated {
        code.line("#[deprecated(note = \"deprecated in the spec\")]");
    }
    signature(
        code,
        &format!("pub async fn {}", op.rust),
        args,
        &format!("Result<{ret}>"),
    );
    validation(code, &checks);
    query_string(ctx, op, code);
    call_info(ctx, op, code);
    send(op, code);
    code.close("}");
    if let Some(p) = &op.pagination {
        stream_method(ctx, op, p, code);
    }
}

/// The method's parameters after `&self` (path, header and cookie parameters, the query
/// struct, the body), and their lines of the `# Arguments` doc.
fn method_args(ctx: &Ctx<'_>, op: &Operation) -> (Vec<Node>, Vec<String>) {
    let mut args = vec![text("&self")];
    let mut arg_docs = Vec::new();
    for p in &op.params {
        args.push(typed(&p.rust, &param_type(ctx, p)));
        let c = docs::constraints(&p.shape);
        let c = if c.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.join("; "))
        };
        arg_docs.push(format!(
            "- `{}`: {} parameter `{}`{}{c}",
            bare(&p.rust),
            location_word(p.location),
            p.wire,
            desc_suffix(p.doc.description.as_deref()),
        ));
    }
    if let Some(q) = &op.query {
        args.push(typed("params", &format!("&{q}")));
        arg_docs.push(format!(
            "- `params`: the query parameters, [`{q}`] (`{q}::new()` and its setters)"
        ));
    }
    if let Some(b) = &op.body {
        let (arg, what) = match b.kind {
            BodyKind::Json | BodyKind::Form => (
                format!("&{}", ctx.type_text_nullable(&b.shape)),
                match &b.shape.ty {
                    Ty::Named(n) if b.kind == BodyKind::Form => format!("[`{n}`], sent as a form"),
                    Ty::Named(n) => format!("[`{n}`]"),
                    _ => "the JSON body".to_owned(),
                },
            ),
            BodyKind::Multipart => (
                "Vec<rt::Part>".to_owned(),
                format!("the `{}` parts (text fields and files)", b.media_type),
            ),
            BodyKind::Raw => (
                "Vec<u8>".to_owned(),
                format!(
                    "the bytes sent as `{}` (a `String` converts with `.into()`)",
                    b.media_type
                ),
            ),
        };
        let arg = if b.required {
            arg
        } else {
            format!("Option<{arg}>")
        };
        args.push(typed("body", &arg));
        arg_docs.push(format!(
            "- `body`: the request body, {what}{}",
            desc_suffix(b.description.as_deref())
        ));
    }
    (args, arg_docs)
}

/// `name: ty` as a function parameter.
fn typed(name: &str, ty: &str) -> Node {
    Node::Seq(vec![text(&format!("{name}: ")), type_node(ty)])
}

/// `<start>(<args>) -> <ret> {`, the parameters one per line if it does not fit; what follows
/// is the body, one level deeper.
fn signature(code: &mut Code, start: &str, args: Vec<Node>, ret: &str) {
    let sig = Node::Seq(vec![
        Node::List {
            open: "(".to_owned(),
            items: args,
            close: ")".to_owned(),
        },
        text(" -> "),
        type_node(ret),
    ]);
    let mut w = Writer::new(code, start);
    w.put(&sig, Some(2));
    w.finish_open(" {");
}

/// The doc comment of an operation's method.
fn operation_doc(
    ctx: &Ctx<'_>,
    op: &Operation,
    arg_docs: Vec<String>,
    validates: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(s) = &op.summary {
        lines.push(format!("{}.", docs::sanitize(s).trim_end_matches('.')));
        lines.push(String::new());
    }
    if let Some(d) = &op.description {
        lines.extend(docs::sanitize(d).lines().map(str::to_owned));
        lines.push(String::new());
    }
    lines.push(format!(
        "`{} {}` (operationId `{}`), from `{}#{}`.",
        op.method.as_str(),
        op.path,
        op.id,
        ctx.api.source,
        op.pointer
    ));
    if !arg_docs.is_empty() {
        lines.push(String::new());
        lines.push("# Arguments".to_owned());
        lines.extend(arg_docs);
    }
    lines.push(String::new());
    lines.push("# Returns".to_owned());
    let media = op.success.media_type.as_deref().unwrap_or_default();
    let returns = match (&op.success.body, op.success.raw) {
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
    if !op.success.headers.is_empty() {
        lines.push(String::new());
        lines.push("Documented response headers (not returned; the body is):".to_owned());
        for h in &op.success.headers {
            lines.push(format!(
                "- `{}` ({}){}",
                h.name,
                shape_words(&h.shape),
                desc_suffix(h.description.as_deref())
            ));
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
    lines.push(
        "- [`Error::Transport`] or [`Error::Timeout`] when the request does not complete."
            .to_owned(),
    );
    match op.success.raw {
        Some(RawBody::Text) => lines.push("- [`Error::Decode`] when the success body is not UTF-8 text.".to_owned()),
        Some(RawBody::Bytes) => {}
        None if op.success.body.is_some() => lines.push("- [`Error::Decode`] when the success body does not match the spec, with the JSON path and the raw body.".to_owned()),
        None => {}
    }
    lines
}

/// A check of one input before anything is sent.
enum InputCheck {
    /// A path, header or cookie parameter (Rust name, wire name, required), bound to `value`
    /// as `value_expr`; `path_param` adds `rt::check_path_param`; `rules` are `validate`'s
    /// checks.
    Param {
        name: String,
        wire: String,
        required: bool,
        value_expr: String,
        path_param: bool,
        rules: Checks,
    },
    /// The query parameters struct.
    Query,
    /// The body, required or not, with `validate`'s checks.
    Body { required: bool, rules: Checks },
}

/// Every input of `op` that has something to check.
fn input_checks(ctx: &Ctx<'_>, op: &Operation) -> Vec<InputCheck> {
    let mut checks = Vec::new();
    for p in &op.params {
        let rules = Checks::of_nullable(
            ctx,
            &Shape {
                nullable: false,
                ..p.shape.clone()
            },
        );
        let path_param = p.location == ParamLocation::Path && matches!(p.shape.ty, Ty::String);
        if rules.is_empty() && !path_param {
            continue;
        }
        let value_expr = if matches!(p.shape.ty, Ty::String | Ty::Array(_)) {
            p.rust.clone()
        } else {
            format!("&{}", p.rust)
        };
        checks.push(InputCheck::Param {
            name: p.rust.clone(),
            wire: p.wire.clone(),
            required: p.required,
            value_expr,
            path_param,
            rules,
        });
    }
    if op
        .query
        .as_ref()
        .is_some_and(|q| ctx.needs_validation.contains(q.as_str()))
    {
        checks.push(InputCheck::Query);
    }
    if let Some(b) = &op.body {
        let rules = Checks::of_nullable(
            ctx,
            &Shape {
                nullable: false,
                ..b.shape.clone()
            },
        );
        if !rules.is_empty() {
            checks.push(InputCheck::Body {
                required: b.required,
                rules,
            });
        }
    }
    checks
}

/// Collects every violation of the inputs' constraints and fails before sending if any.
fn validation(code: &mut Code, checks: &[InputCheck]) {
    if checks.is_empty() {
        return;
    }
    code.line("let mut violations = Vec::new();");
    code.open("{");
    code.line("let out = &mut violations;");
    for c in checks {
        match c {
            InputCheck::Param {
                name,
                wire,
                required,
                value_expr,
                path_param,
                rules,
            } => {
                if *required {
                    code.open("{");
                    code.line(&format!("let value = {value_expr};"));
                } else {
                    code.open(&format!("if let Some(value) = {name} {{"));
                    code.line("let value = &value;");
                }
                let path = Node::Chain {
                    base: Box::new(text("rt::Path::ROOT")),
                    links: vec![call(".field", vec![text(&str_lit(wire))])],
                };
                line(code, "let path = &", &path, ";");
                if *path_param {
                    code.line("rt::check_path_param(value, path, out);");
                }
                rules.write(code);
                code.close("}");
            }
            InputCheck::Query => {
                code.line("rt::Validate::collect_violations(params, &rt::Path::ROOT, out);");
            }
            InputCheck::Body { required, rules } => {
                if *required {
                    code.open("{");
                    code.line("let value = body;");
                } else {
                    code.open("if let Some(value) = body {");
                }
                code.line("let path = &rt::Path::ROOT;");
                rules.write(code);
                code.close("}");
            }
        }
    }
    code.close("}");
    code.line("rt::ensure_valid(violations)?;");
}

/// The query string, from the params struct's fields: `query`, a list of pairs.
fn query_string(ctx: &Ctx<'_>, op: &Operation, code: &mut Code) {
    let fields: Vec<&Field> = op
        .query
        .as_deref()
        .and_then(|q| match ctx.types.get(q).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => Some(s.fields.iter().collect()),
            _ => None,
        })
        .unwrap_or_default();
    if fields.is_empty() {
        code.line("let query: [(String, String); 0] = [];");
        return;
    }
    code.line("let mut query: Vec<(String, String)> = Vec::new();");
    for f in fields {
        let n = &f.rust;
        if f.is_option() {
            if_let_field(code, n);
        } else {
            code.open("{");
            line(
                code,
                "let value = &",
                &chain("params", &[&format!(".{n}")]),
                ";",
            );
        }
        query_push(ctx, op, f, code);
        code.close("}");
    }
}

/// `if let Some(value) = &params.<field> {`. A condition too long for the line puts the `{` on
/// the next line, after breaking before `.<field>` if that is still too long.
fn if_let_field(code: &mut Code, field: &str) {
    let access = chain("params", &[&format!(".{field}")]);
    block_head(code, "if let Some(value) = &", &access);
}

/// Adds the query field `f`, bound to `value`, to `query`. Scalars (and enums) by their
/// `Display`; arrays of them as repeated keys; anything else as its `style` says (a
/// date-time in RFC 3339, which its `Display` is not; objects exploded into pairs).
fn query_push(ctx: &Ctx<'_>, op: &Operation, f: &Field, code: &mut Code) {
    let wire = str_lit(&f.wire);
    let scalar = |s: &Shape| displays_as_wire(ctx, s) && !s.nullable;
    let style = op
        .query_styles
        .iter()
        .find(|(w, _)| *w == f.wire)
        .map_or(QueryStyle::Form { explode: true }, |(_, s)| *s);
    let pair = |item: &str| Node::Chain {
        base: Box::new(text("query")),
        links: vec![tuple_call(
            ".push",
            vec![
                chain(&wire, &[".to_owned()"]),
                text(&format!("{item}.to_string()")),
            ],
        )],
    };
    let node = match &f.shape.ty {
        Ty::Array(item) if scalar(item) && style == (QueryStyle::Form { explode: true }) => {
            code.open("for item in value.iter() {");
            line(code, "", &pair("item"), ";");
            code.close("}");
            return;
        }
        _ if scalar(&f.shape) => pair("value"),
        _ => {
            let style = match style {
                QueryStyle::Form { explode } => Node::Struct {
                    path: "rt::QueryStyle::Form".to_owned(),
                    fields: vec![("explode".to_owned(), text(&explode.to_string()))],
                },
                QueryStyle::SpaceDelimited => text("rt::QueryStyle::SpaceDelimited"),
                QueryStyle::PipeDelimited => text("rt::QueryStyle::PipeDelimited"),
                QueryStyle::DeepObject => text("rt::QueryStyle::DeepObject"),
            };
            call(
                "rt::push_query",
                vec![text("&mut query"), text(&wire), text("value"), style],
            )
        }
    };
    line(code, "", &node, ";");
}

/// `let call = rt::Call { .. };`: what the runtime needs to send the request.
fn call_info(ctx: &Ctx<'_>, op: &Operation, code: &mut Code) {
    code.open("let call = rt::Call {");
    code.line(&format!("method: rt::Method::{},", op.method.as_str()));
    path_field(ctx, op, code);
    code.line(&format!("idempotent: {},", op.idempotent));
    let (statuses, default_error) = op.error_statuses(ctx.api.error_type.as_deref());
    statuses_field(&statuses, code);
    code.line(&format!("default_error: {default_error},"));
    code.line(&format!("accept: {},", str_lit(&accept(op))));
    sent_params(ctx, op, ParamLocation::Header, "headers", code);
    sent_params(ctx, op, ParamLocation::Cookie, "cookies", code);
    code.close("};");
}

/// `path: "/a",` or `path: &format!("/a/{}", rt::encode_path(& id.to_string())),`: the URL
/// path with its parameters encoded. prettyplease prints a macro's arguments as tokens, filling
/// lines: a token may go on the next line at every space, and before a `.` after a name.
fn path_field(ctx: &Ctx<'_>, op: &Operation, code: &mut Code) {
    let mut fmt = String::new();
    // (space before, text) pieces of the arguments, each piece unbreakable.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        fmt.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        let pname = &rest[start + 1..end];
        fmt.push_str("{}");
        if let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire == pname)
        {
            if let Some(last) = pieces.last_mut() {
                last.1.push(',');
            }
            pieces.push((true, "rt::encode_path(&".to_owned()));
            if displays_as_wire(ctx, &p.shape) {
                pieces.push((true, p.rust.clone()));
                pieces.push((false, ".to_string())".to_owned()));
            } else {
                pieces.push((true, "rt::param_text(&".to_owned()));
                pieces.push((true, format!("{}))", p.rust)));
            }
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let fmt = str_lit(&fmt);
    if pieces.is_empty() {
        code.line(&format!("path: {fmt},"));
        return;
    }
    pieces.insert(0, (false, format!("{fmt},")));
    let mut flat = String::new();
    for (space, piece) in &pieces {
        if *space {
            flat.push(' ');
        }
        flat.push_str(piece);
    }
    let line = format!("path: &format!({flat}),");
    if code.fits(line.len()) {
        code.line(&line);
        return;
    }
    code.open("path: &format!(");
    fill(code, &pieces);
    code.close("),");
}

/// Pieces filled onto lines at the current depth: a piece goes on the current line (after a
/// space if it has one) when it fits, otherwise it starts the next line.
fn fill(code: &mut Code, pieces: &[(bool, String)]) {
    let mut line = String::new();
    for (space, piece) in pieces {
        if line.is_empty() {
            line.push_str(piece);
        } else if code.fits(line.len() + usize::from(*space) + piece.len()) {
            if *space {
                line.push(' ');
            }
            line.push_str(piece);
        } else {
            code.line(&line);
            line.clear();
            line.push_str(piece);
        }
    }
    code.line(&line);
}

/// `error_statuses: &[400u16, 404u16],`, filled onto lines inside the brackets if too long.
fn statuses_field(statuses: &[u16], code: &mut Code) {
    let items: Vec<String> = statuses.iter().map(|s| format!("{s}u16")).collect();
    let line = format!("error_statuses: &[{}],", items.join(", "));
    if code.fits(line.len()) {
        code.line(&line);
        return;
    }
    code.open("error_statuses: &[");
    let mut current = String::new();
    for (i, item) in items.iter().enumerate() {
        // A comma between items counts towards the width; the last one's does not.
        let counted = if i + 1 < items.len() { 1 } else { 0 };
        if current.is_empty() {
            current.push_str(item);
        } else if code.fits(current.len() + 1 + item.len() + counted) {
            current.push(' ');
            current.push_str(item);
        } else {
            code.line(&current);
            current.clear();
            current.push_str(item);
        }
        current.push(',');
    }
    code.line(&current);
    code.close("],");
}

/// `headers:`/`cookies:` — `Vec::new()`, or a block collecting (name, text) pairs of the
/// header or cookie parameters.
fn sent_params(
    ctx: &Ctx<'_>,
    op: &Operation,
    location: ParamLocation,
    field: &str,
    code: &mut Code,
) {
    let params: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location == location)
        .collect();
    if params.is_empty() {
        code.line(&format!("{field}: Vec::new(),"));
        return;
    }
    code.open(&format!("{field}: {{"));
    code.line("let mut list = Vec::new();");
    for p in params {
        if p.required {
            code.open("{");
            code.line(&format!("let value = {};", p.rust));
        } else {
            code.open(&format!("if let Some(value) = {} {{", p.rust));
        }
        let push = tuple_call(
            "list.push",
            vec![text(&str_lit(&p.wire)), param_text(ctx, &p.shape, "value")],
        );
        line(code, "", &push, ";");
        code.close("}");
    }
    code.line("list");
    code.close("},");
}

/// The request: sends `call` with the query and body, and decodes the response.
fn send(op: &Operation, code: &mut Code) {
    let raw = op.success.raw;
    // JSON bodies go through `send` (a `+json` media type, and any body of an operation whose
    // response is not JSON, through `send_body`); the other encodings are built as a
    // `rt::RequestBody`.
    let (send_body, body) = match &op.body {
        Some(b)
            if b.kind == BodyKind::Json
                && (raw.is_some() || b.media_type != "application/json") =>
        {
            let json = Node::Seq(vec![
                text("rt::RequestBody::json"),
                Node::List {
                    open: "(".to_owned(),
                    items: vec![text(&str_lit(&b.media_type)), text("body")],
                    close: ")?".to_owned(),
                },
            ]);
            (true, optional_body(b.required, call("Some", vec![json])))
        }
        Some(b) if b.kind == BodyKind::Json => {
            (false, text(if b.required { "Some(body)" } else { "body" }))
        }
        Some(b) => {
            let build = match b.kind {
                BodyKind::Form => call("rt::RequestBody::form", vec![text("body")]).then("?"),
                BodyKind::Multipart => call("rt::RequestBody::Multipart", vec![text("body")]),
                _ => Node::Struct {
                    path: "rt::RequestBody::Raw".to_owned(),
                    fields: vec![
                        ("content_type".to_owned(), text(&str_lit(&b.media_type))),
                        ("bytes".to_owned(), text("body")),
                    ],
                },
            };
            let some = Node::Seq(vec![text("Some("), Node::Block(Box::new(build)), text(")")]);
            (true, optional_body(b.required, some))
        }
        None if raw.is_some() => (true, text("None")),
        None => (false, text("None::<&()>")),
    };
    let method = match raw {
        Some(RawBody::Bytes) => ".send_for_bytes",
        Some(RawBody::Text) => ".send_for_text",
        None if send_body => ".send_body",
        None => ".send",
    };
    let ignored = raw.is_none() && op.success.body.is_none();
    let mut link = vec![text(method)];
    if ignored {
        let generics: &[&str] = if send_body {
            &["rt::IgnoredAny", "_"]
        } else {
            &["_", "rt::IgnoredAny", "_"]
        };
        link.push(Node::List {
            open: "::<".to_owned(),
            items: generics.iter().map(|g| text(g)).collect(),
            close: ">".to_owned(),
        });
    }
    link.push(Node::List {
        open: "(".to_owned(),
        items: vec![text("call"), text("&query"), body],
        close: ")".to_owned(),
    });
    let mut links = vec![Node::Seq(link), text(".await")];
    if ignored {
        links.push(text(".map(|_| ())"));
    }
    let request = Node::Chain {
        base: Box::new(text("self.http")),
        links,
    };
    line(code, "", &request, "");
}

/// `body` as built when required, or matched on when optional.
fn optional_body(required: bool, some: Node) -> Node {
    if required {
        return some;
    }
    Node::Match {
        head: "match body".to_owned(),
        arms: vec![(text("Some(body)"), some), (text("None"), text("None"))],
    }
}

/// `<op>_stream`: every item of a paginated list operation, fetching pages lazily.
fn stream_method(ctx: &Ctx<'_>, op: &Operation, p: &Pagination, code: &mut Code) -> Option<()> {
    if !op.has_stream() {
        return None;
    }
    let q = op.query.as_deref()?;
    let Some(TypeKind::Struct(qs)) = ctx.types.get(q).map(|t| &t.kind) else {
        return None;
    };
    let cursor_field = qs.fields.iter().find(|f| f.wire == p.request)?;
    let cursor_ty = ctx.type_text(&cursor_field.shape);
    let Some(Shape {
        ty: Ty::Named(resp),
        ..
    }) = &op.success.body
    else {
        return None;
    };
    let Some(TypeKind::Struct(rs)) = ctx.types.get(resp.as_str()).map(|t| &t.kind) else {
        return None;
    };
    let items_field = rs.fields.iter().find(|f| f.wire == p.items)?;
    let Ty::Array(item_shape) = &items_field.shape.ty else {
        return None;
    };
    let next = next_cursor(ctx, rs, p, &cursor_ty)?;
    let items_name = format!(".{}", items_field.rust);
    let items = if items_field.is_option() {
        chain("page", &[&items_name, ".unwrap_or_default()"])
    } else {
        chain("page", &[&items_name])
    };
    let how = match p.style {
        PageStyle::Token => format!(
            "token paging: `{}` is sent with each response's `{}` until it is empty",
            p.request,
            p.response.join(".")
        ),
        PageStyle::Page => format!(
            "page-number paging: `{}` is sent with each response's `{}` until it is null",
            p.request,
            p.response.join(".")
        ),
    };
    let method = bare(&op.rust);
    item_doc(code, &[
        format!("Every item of [`Client::{method}`], across all pages, fetched lazily as the stream is read ({how})."),
        String::new(),
        "Starts from the page `params` selects (the first page unless you set the cursor). An error".to_owned(),
        "is yielded as the stream's last item. Pages are requested one at a time, each with the".to_owned(),
        "client's retries and timeouts. Read it with `futures::StreamExt::next`; `StreamExt::boxed`".to_owned(),
        "turns it into a [`rt::BoxStream`] to store it in a named type.".to_owned(),
    ]);
    let mut args = vec![text("&self")];
    args.extend(
        op.params
            .iter()
            .map(|p| typed(&p.rust, "impl Into<String>")),
    );
    args.push(typed("params", q));
    signature(
        code,
        &format!("pub fn {method}_stream"),
        args,
        &format!(
            "impl rt::Stream<Item = Result<{}>> + Unpin + Send + 'static",
            ctx.type_text_nullable(item_shape)
        ),
    );
    paginate(code, op, &cursor_field.rust, &cursor_ty, items, next);
    code.close("}");
    Some(())
}

/// The links after `Some(&page)` that make the next page's cursor (`Option<cursor>`): one step
/// per segment of the response path, then the end test.
fn next_cursor(ctx: &Ctx<'_>, rs: &Struct, p: &Pagination, cursor_ty: &str) -> Option<Vec<Node>> {
    let mut next = Vec::new();
    let mut at = rs;
    for (i, seg) in p.response.iter().enumerate() {
        let f = at.fields.iter().find(|f| &f.wire == seg)?;
        let field = format!(".{}", f.rust);
        next.push(if f.is_option() {
            closure_call(".and_then", "|v|", chain("v", &[&field, ".as_ref()"]))
        } else {
            closure_call(
                ".map",
                "|v|",
                Node::Seq(vec![text("&"), chain("v", &[&field])]),
            )
        });
        if i + 1 < p.response.len() {
            let Ty::Named(inner) = &f.shape.ty else {
                return None;
            };
            let Some(TypeKind::Struct(is)) = ctx.types.get(inner.as_str()).map(|t| &t.kind) else {
                return None;
            };
            at = is;
        }
    }
    match p.style {
        PageStyle::Token => {
            next.push(text(".filter(|t| !t.is_empty())"));
            next.push(text(".cloned()"));
        }
        PageStyle::Page => next.push(text(&format!(
            ".and_then(|n| <{cursor_ty}>::try_from(*n).ok())"
        ))),
    }
    Some(next)
}

/// The stream method's body: `rt::paginate` with a closure fetching the page at a cursor
/// (into the params field `cursor`) and returning its `items` and the `next` cursor.
fn paginate(
    code: &mut Code,
    op: &Operation,
    cursor: &str,
    cursor_ty: &str,
    items: Node,
    next: Vec<Node>,
) {
    code.line("let client = self.clone();");
    for p in &op.params {
        line(
            code,
            &format!("let {}: String = ", p.rust),
            &chain(&p.rust, &[".into()"]),
            ";",
        );
    }
    code.open(&format!(
        "rt::paginate(move |cursor: Option<{cursor_ty}>| {{"
    ));
    code.line("let client = client.clone();");
    code.line("let mut params = params.clone();");
    for p in &op.params {
        line(
            code,
            &format!("let {} = ", p.rust),
            &chain(&p.rust, &[".clone()"]),
            ";",
        );
    }
    code.open("async move {");
    code.open("if let Some(cursor) = cursor {");
    let set = Node::Seq(vec![
        chain("params", &[&format!(".{cursor}")]),
        text(" = "),
        Node::Stop,
        call("Some", vec![text("cursor")]),
    ]);
    line(code, "", &set, ";");
    code.close("}");
    let mut page_args: Vec<Node> = op
        .params
        .iter()
        .map(|p| text(&format!("&{}", p.rust)))
        .collect();
    page_args.push(text("&params"));
    let fetch = Node::Chain {
        base: Box::new(text("client")),
        links: vec![call(&format!(".{}", op.rust), page_args), text(".await")],
    };
    line(code, "let page = ", &fetch, "?;");
    let next = Node::Chain {
        base: Box::new(call("Some", vec![text("&page")])),
        links: next,
    };
    line(code, "let next = ", &next, ";");
    let ok = tuple_call("Ok", vec![items, text("next")]);
    line(code, "", &ok, "");
    code.close("}");
    code.close("})");
}

/// `method(params body)`: a method call whose only argument is a closure.
fn closure_call(method: &str, params: &str, body: Node) -> Node {
    Node::Seq(vec![
        text(&format!("{method}(")),
        Node::Closure {
            params: params.to_owned(),
            body: Box::new(body),
        },
        text(")"),
    ])
}

/// Whether a value's `Display` is its wire text: strings, numbers, booleans, dates and enums
/// (not date-times: their `Display` is not RFC 3339).
fn displays_as_wire(ctx: &Ctx<'_>, s: &Shape) -> bool {
    match &s.ty {
        Ty::String | Ty::Integer { .. } | Ty::Number | Ty::Boolean | Ty::Date => true,
        Ty::Named(_) => ctx.enum_of(s).is_some(),
        _ => false,
    }
}

/// The wire text of a header or cookie parameter bound to `value`.
fn param_text(ctx: &Ctx<'_>, s: &Shape, value: &str) -> Node {
    if displays_as_wire(ctx, s) {
        chain(value, &[".to_string()"])
    } else {
        call("rt::param_text", vec![text(&format!("&{value}"))])
    }
}

/// The `Accept` header: the success response's media type (JSON when it has none), then the
/// error responses' others, each once.
fn accept(op: &Operation) -> String {
    let mut types: Vec<&str> = vec![op
        .success
        .media_type
        .as_deref()
        .unwrap_or("application/json")];
    for e in &op.errors {
        if let Some(m) = e.media_type.as_deref() {
            if !types.contains(&m) {
                types.push(m);
            }
        }
    }
    types.join(", ")
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
