//! Comparison: each fact of a page against the spec, as [`Finding`]s that name the page's line and
//! the spec's JSON pointer, and the facts that could not be compared (with why).
//!
//! A finding is accepted as a deliberate deviation only when the schema object (or operation,
//! security scheme) at its pointer says why: `x-docs-deviation: "<why, and which newer source>"`.

use super::facts::{Attr, Facts, Field, Section, TypeLine};
use super::page::{Page, Unread};
use super::spec::{Operation, Spec};
use crate::diag::join;
use serde_json::Value;

/// What a finding is about; one test per kind in `tests/docs_check.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The page's method and path are not an operation of the spec.
    Operation,
    /// The page's server URL is not one of the spec's `servers`.
    Server,
    /// The page's auth header is not the spec's security scheme.
    Auth,
    /// A request or response example does not fit the spec's schema.
    Example,
    /// A field on the page is not a property of the spec's schema.
    Field,
    /// The field's type or nullability differs.
    Type,
    /// The page and the spec disagree on whether the field is required.
    Required,
    /// String length limits differ.
    Length,
    /// Numeric range differs.
    Range,
    /// The options (enum values) differ.
    Options,
    /// The pattern differs.
    Pattern,
    /// A field's `Example:` value does not fit the property's schema.
    FieldExample,
}

impl Kind {
    /// The kind's name in reports (`operation`, `field-example`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Operation => "operation",
            Kind::Server => "server",
            Kind::Auth => "auth",
            Kind::Example => "example",
            Kind::Field => "field",
            Kind::Type => "type",
            Kind::Required => "required",
            Kind::Length => "length",
            Kind::Range => "range",
            Kind::Options => "options",
            Kind::Pattern => "pattern",
            Kind::FieldExample => "field-example",
        }
    }
}

/// One fact of the page that the spec contradicts or lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// 1-based page line of the fact.
    pub line: usize,
    /// JSON pointer of the spec node the fact is about (a schema object, operation, security
    /// scheme, or where a missing one would go).
    pub pointer: String,
    pub kind: Kind,
    /// What the page says and what the spec says.
    pub message: String,
    /// The spec's `x-docs-deviation` at `pointer`, when it explains the finding.
    pub deviation: Option<String>,
}

/// A page compared with a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub page: String,
    pub spec: String,
    /// The operation the page documents, when found.
    pub operation: Option<String>,
    /// How many facts were compared.
    pub checked: usize,
    pub findings: Vec<Finding>,
    /// What could not be read or compared, with why.
    pub unread: Vec<Unread>,
}

impl Report {
    /// Findings no `x-docs-deviation` explains.
    pub fn unexplained(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.deviation.is_none())
    }
}

/// Compares every fact of `page` (extracted as `facts`) with `spec`.
pub fn compare(spec: &Spec, page: &Page, facts: &Facts) -> Report {
    let mut c = Cmp {
        spec,
        report: Report {
            page: page.file.clone(),
            spec: spec.file.clone(),
            operation: None,
            checked: 0,
            findings: Vec::new(),
            unread: page.unread.iter().chain(&facts.unread).cloned().collect(),
        },
    };
    let Some(op) = c.operation(page, facts) else {
        let line = page.curl().map_or(1, |c| c.line);
        c.report.unread.push(Unread {
            line,
            what: "no operation to compare the fields and examples with".into(),
        });
        return c.finish();
    };
    c.report.operation = Some(op.pointer.clone());
    c.auth(page, facts, &op);
    c.examples(page, &op);
    for field in &facts.fields {
        c.field(field, &op);
    }
    c.finish()
}

struct Cmp<'s> {
    spec: &'s Spec,
    report: Report,
}

impl Cmp<'_> {
    fn finding(&mut self, line: usize, pointer: &str, kind: Kind, message: String) {
        let deviation = self
            .spec
            .at(pointer)
            .and_then(|n| n.get("x-docs-deviation"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.report.findings.push(Finding {
            line,
            pointer: pointer.to_owned(),
            kind,
            message,
            deviation,
        });
    }

    fn unread(&mut self, line: usize, what: String) {
        self.report.unread.push(Unread { line, what });
    }

    fn finish(mut self) -> Report {
        self.report.findings.sort_by_key(|f| (f.line, f.kind));
        self.report.unread.sort_by_key(|u| u.line);
        self.report
    }

    /// The operation from the curl command, the `METHOD` / path lines, or the page's title
    /// (matched against operation summaries), in that order.
    fn operation(&mut self, page: &Page, facts: &Facts) -> Option<Operation> {
        if let Some(curl) = page.curl() {
            self.report.checked += 1;
            if let Some(op) = self.spec.operation(&curl.method, &curl.url) {
                return Some(op);
            }
            let servers = self.servers();
            if !servers
                .iter()
                .any(|s| curl.url.starts_with(s.trim_end_matches('/')))
            {
                self.finding(
                    curl.url_line,
                    "/servers",
                    Kind::Server,
                    format!(
                        "the page calls {}; no server of the spec is its prefix",
                        curl.url
                    ),
                );
            } else {
                self.finding(
                    curl.line,
                    "/paths",
                    Kind::Operation,
                    format!("no operation for {} {}", curl.method, curl.url),
                );
            }
            return None;
        }
        if let Some((line, method, path)) = &facts.route {
            self.report.checked += 1;
            for server in self.servers() {
                let base = server
                    .split_once("://")
                    .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
                    .unwrap_or_default();
                let rel = path
                    .strip_prefix(base.trim_end_matches('/'))
                    .unwrap_or(path);
                for url in [
                    format!("{}{rel}", server.trim_end_matches('/')),
                    format!("{server}{path}"),
                ] {
                    if let Some(op) = self.spec.operation(method, &url) {
                        return Some(op);
                    }
                }
            }
            self.finding(
                *line,
                "/paths",
                Kind::Operation,
                format!("no operation for {method} {path}"),
            );
            return None;
        }
        let (line, title) = page.title.clone()?;
        let found = self.operations().into_iter().find(|(_, op)| {
            self.spec
                .at(&op.pointer)
                .and_then(|o| o.get("summary"))
                .and_then(Value::as_str)
                == Some(title.as_str())
        });
        match found {
            Some((_, op)) => {
                self.unread(
                    line,
                    format!(
                        "no method and path on the page; the operation is the one whose summary is the title `{title}`"
                    ),
                );
                Some(op)
            }
            None => {
                self.unread(line, format!("no method and path on the page, and no operation has the summary `{title}`"));
                None
            }
        }
    }

    fn servers(&self) -> Vec<String> {
        self.spec
            .at("/servers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| s.get("url")?.as_str().map(str::to_owned))
            .collect()
    }

    fn operations(&self) -> Vec<(String, Operation)> {
        let mut out = Vec::new();
        let Some(paths) = self.spec.at("/paths").and_then(Value::as_object) else {
            return out;
        };
        for (path, item) in paths {
            for method in ["get", "put", "post", "delete", "patch", "head", "options"] {
                if item.get(method).is_some() {
                    out.push((
                        method.to_owned(),
                        Operation {
                            pointer: join(&join("/paths", path), method),
                            server: String::new(),
                            path: path.clone(),
                        },
                    ));
                }
            }
        }
        out
    }

    /// The auth header of the curl command and the `Authorizations` list against the spec's
    /// security schemes for the operation.
    fn auth(&mut self, page: &Page, facts: &Facts, op: &Operation) {
        let mut stated: Vec<(usize, String, String)> = page
            .curl()
            .into_iter()
            .flat_map(|c| &c.headers)
            .filter(|h| !["content-type", "accept"].contains(&h.name.to_ascii_lowercase().as_str()))
            .map(|h| (h.line, h.name.clone(), h.value.clone()))
            .collect();
        stated.extend(
            facts
                .fields
                .iter()
                .filter(|f| f.section == Section::Auth)
                .filter_map(|f| Some((f.line, f.name.clone()?, String::new()))),
        );
        let schemes = self.schemes(op);
        for (line, name, value) in stated {
            self.report.checked += 1;
            let bearer = name.eq_ignore_ascii_case("authorization")
                && value.to_ascii_lowercase().starts_with("bearer");
            let matches = |s: &Value| match s.get("type").and_then(Value::as_str) {
                Some("apiKey") => {
                    s.get("in").and_then(Value::as_str) == Some("header")
                        && s.get("name")
                            .and_then(Value::as_str)
                            .is_some_and(|n| n.eq_ignore_ascii_case(&name))
                }
                Some("http") => {
                    name.eq_ignore_ascii_case("authorization")
                        && (!bearer
                            || s.get("scheme")
                                .and_then(Value::as_str)
                                .is_some_and(|x| x.eq_ignore_ascii_case("bearer")))
                }
                _ => false,
            };
            if !schemes.iter().any(|(_, s)| matches(s)) {
                let pointer = schemes
                    .first()
                    .map_or("/components/securitySchemes".to_owned(), |(p, _)| p.clone());
                self.finding(
                    line,
                    &pointer,
                    Kind::Auth,
                    format!("the page authenticates with the header `{name}`; no security scheme of the operation sends it"),
                );
            }
        }
    }

    /// `(pointer, scheme)` of the security schemes the operation uses.
    fn schemes(&self, op: &Operation) -> Vec<(String, Value)> {
        let security = self
            .spec
            .at(&join(&op.pointer, "security"))
            .or_else(|| self.spec.at("/security"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        security
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|req| req.keys().cloned().collect::<Vec<_>>())
            .filter_map(|name| {
                let pointer = join("/components/securitySchemes", &name);
                let scheme = self.spec.at(&self.spec.resolve(&pointer))?.clone();
                Some((pointer, scheme))
            })
            .collect()
    }

    /// The curl body against the request schema, each response example against the 2xx ones.
    fn examples(&mut self, page: &Page, op: &Operation) {
        let request = self.spec.request_schema(&op.pointer);
        for body in page.curls.iter().filter_map(|c| c.data.as_ref()) {
            self.report.checked += 1;
            match &request {
                Some(schema) => {
                    for (path, at, msg) in self.spec.check(schema, &body.value, "") {
                        self.finding(
                            body.line,
                            &at,
                            Kind::Example,
                            format!("request example at {path}: {msg}"),
                        );
                    }
                }
                None => self.finding(
                    body.line,
                    &op.pointer,
                    Kind::Example,
                    "the page sends a JSON body; the operation has no JSON request body".into(),
                ),
            }
        }
        let schemas = self.spec.success_schemas(&op.pointer);
        for example in &page.responses {
            self.report.checked += 1;
            let results: Vec<_> = schemas
                .iter()
                .map(|(_, s)| self.spec.check(s, &example.value, ""))
                .collect();
            if results.iter().any(Vec::is_empty) {
                continue;
            }
            match results.into_iter().min_by_key(Vec::len) {
                Some(problems) => {
                    for (path, at, msg) in problems {
                        self.finding(
                            example.line,
                            &at,
                            Kind::Example,
                            format!("response example at {path}: {msg}"),
                        );
                    }
                }
                None => self.finding(
                    example.line,
                    &join(&op.pointer, "responses"),
                    Kind::Example,
                    "the page shows a JSON response; the operation has no 2xx JSON response".into(),
                ),
            }
        }
    }

    /// The schema a field of `section` belongs to, and the pointers of the property (or
    /// parameter schema) that declares it.
    fn declared(&self, field: &Field, op: &Operation) -> Option<(String, Vec<String>)> {
        let root = match field.section {
            Section::Body => self.spec.request_schema(&op.pointer)?,
            Section::Response => self.spec.success_schemas(&op.pointer).into_iter().next()?.1,
            Section::Path | Section::Query => {
                let name = field.name.as_deref()?;
                let params = self.parameters(op);
                let found = params
                    .into_iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, p)| join(&p, "schema"))
                    .collect();
                return Some((join(&op.pointer, "parameters"), found));
            }
            Section::Auth => return None,
        };
        let props = self.spec.properties(&root);
        let found = match (&field.name, &field.description) {
            (Some(name), _) => props
                .into_iter()
                .filter(|(n, _)| n == name)
                .map(|(_, p)| p)
                .collect(),
            (None, Some(desc)) => props
                .into_iter()
                .filter(|(_, p)| self.describes(p, desc))
                .map(|(_, p)| p)
                .take(1)
                .collect(),
            (None, None) => Vec::new(),
        };
        Some((root, found))
    }

    /// Whether the property at `pointer` has the page's description (whitespace and a final
    /// period aside; the spec may add sentences after it).
    fn describes(&self, pointer: &str, desc: &str) -> bool {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let page = norm(desc);
        let page = page.trim_end_matches('.');
        let Some(spec) = self
            .spec
            .at(pointer)
            .and_then(|p| p.get("description"))
            .and_then(Value::as_str)
        else {
            return false;
        };
        !page.is_empty() && norm(spec).starts_with(page)
    }

    /// `(name, pointer)` of the operation's parameters and its path item's.
    fn parameters(&self, op: &Operation) -> Vec<(String, String)> {
        let item = op
            .pointer
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_owned();
        let mut out = Vec::new();
        for list in [join(&item, "parameters"), join(&op.pointer, "parameters")] {
            let n = self
                .spec
                .at(&list)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            for i in 0..n {
                let p = self.spec.resolve(&join(&list, &i.to_string()));
                if let Some(name) = self
                    .spec
                    .at(&p)
                    .and_then(|v| v.get("name"))
                    .and_then(Value::as_str)
                {
                    out.push((name.to_owned(), p));
                }
            }
        }
        out
    }

    fn field(&mut self, field: &Field, op: &Operation) {
        let Some((root, declared)) = self.declared(field, op) else {
            return;
        };
        let label = field
            .name
            .clone()
            .or_else(|| {
                field
                    .description
                    .clone()
                    .map(|d| format!("described `{d}`"))
            })
            .unwrap_or_default();
        if declared.is_empty() {
            if field.name.is_some() {
                self.report.checked += 1;
                self.finding(
                    field.line,
                    &root,
                    Kind::Field,
                    format!("`{label}` is on the page; the schema does not declare it"),
                );
            } else if !self.flat_context(field, op, &root) {
                self.unread(
                    field.line,
                    format!("{label}: no property of {root} has this description"),
                );
            }
            return;
        }
        let required_attr = field
            .attrs
            .iter()
            .find(|(_, a)| *a == Attr::Required)
            .map(|(l, _)| *l);
        if field.name.is_some() && field.section != Section::Path {
            self.required(field, &root, required_attr);
        }
        for (line, attr) in &field.attrs {
            self.report.checked += 1;
            if let (Attr::Options(options), true) = (attr, declared.len() > 1) {
                // Declared by several union variants, each narrowing the values: the variants'
                // values together are the schema's options; a difference is the body's.
                let views: Vec<_> = declared.iter().map(|p| self.spec.view(p)).collect();
                let merged = super::schema::View {
                    enums: Some((
                        views
                            .iter()
                            .filter_map(|v| v.enums.as_ref())
                            .flat_map(|e| e.0.clone())
                            .collect(),
                        String::new(),
                    )),
                    open: views.iter().any(|v| v.open),
                    ..Default::default()
                };
                for msg in options_problems(&merged, options) {
                    self.finding(
                        *line,
                        &self.spec.resolve(&root),
                        Kind::Options,
                        format!("{label}: {msg}"),
                    );
                }
                continue;
            }
            let problems: Vec<Vec<String>> = declared.iter().map(|p| self.attr(p, attr)).collect();
            if problems.iter().any(Vec::is_empty) {
                continue;
            }
            let kind = match attr {
                Attr::Type(_) => Kind::Type,
                Attr::Required => continue,
                Attr::Length { .. } => Kind::Length,
                Attr::Range { .. } => Kind::Range,
                Attr::Options(_) => Kind::Options,
                Attr::Pattern(_) => Kind::Pattern,
                Attr::Example(_) => Kind::FieldExample,
            };
            for msg in &problems[0] {
                self.finding(*line, &declared[0], kind, format!("{label}: {msg}"));
            }
        }
    }

    /// A flat-layout line that is not a property: the operation's summary, the description of
    /// the body or response schema, or the auth scheme (`Bearer authentication header ...`,
    /// compared with the operation's security schemes). Returns whether it was one.
    fn flat_context(&mut self, field: &Field, op: &Operation, root: &str) -> bool {
        let Some(desc) = field.description.as_deref() else {
            return false;
        };
        let summary = join(&op.pointer, "summary");
        let body = self.spec.resolve(&join(&op.pointer, "requestBody"));
        if [summary.as_str()]
            .iter()
            .any(|p| self.spec.at(p).and_then(Value::as_str) == Some(desc))
            || [root.to_owned(), self.spec.resolve(root), body]
                .iter()
                .any(|p| self.describes(p, desc))
        {
            self.report.checked += 1;
            return true;
        }
        if desc.starts_with("Bearer authentication header") {
            self.report.checked += 1;
            let bearer = self.schemes(op).iter().any(|(_, s)| {
                s.get("type").and_then(Value::as_str) == Some("http")
                    && s.get("scheme")
                        .and_then(Value::as_str)
                        .is_some_and(|x| x.eq_ignore_ascii_case("bearer"))
            });
            if !bearer {
                self.finding(
                    field.line,
                    "/components/securitySchemes",
                    Kind::Auth,
                    "the page authenticates with a bearer token; no security scheme of the operation is `http` `bearer`".into(),
                );
            }
            return true;
        }
        false
    }

    /// Page `required` (or its absence) against the schema's `required` lists. Inside a union,
    /// a field required by only some variants is a conditional requirement, which the page
    /// states in prose; that is not reported.
    fn required(&mut self, field: &Field, root: &str, page_line: Option<usize>) {
        let Some(name) = field.name.as_deref() else {
            return;
        };
        self.report.checked += 1;
        let variants = self.variants(root);
        let required_in: Vec<String> = variants
            .iter()
            .filter_map(|v| self.spec.required(v, name))
            .collect();
        match page_line {
            Some(line) if required_in.len() < variants.len() => {
                let at = variants[required_in.len().min(variants.len() - 1)].clone();
                self.finding(
                    line,
                    &self.spec.resolve(&at),
                    Kind::Required,
                    format!("{name}: the page says required; the schema does not require it"),
                );
            }
            None if !required_in.is_empty() && required_in.len() == variants.len() => {
                let at = required_in[0].trim_end_matches("/required").to_owned();
                self.finding(
                    field.line,
                    &at,
                    Kind::Required,
                    format!("{name}: the schema requires it; the page does not"),
                );
            }
            _ => {}
        }
    }

    /// The branches of a union body (`oneOf`/`anyOf` at the top), else the schema itself.
    fn variants(&self, root: &str) -> Vec<String> {
        let at = self.spec.resolve(root);
        for key in ["oneOf", "anyOf"] {
            if let Some(n) = self
                .spec
                .at(&at)
                .and_then(|s| s.get(key))
                .and_then(Value::as_array)
                .map(Vec::len)
            {
                return (0..n)
                    .map(|i| join(&join(&at, key), &i.to_string()))
                    .collect();
            }
        }
        vec![at]
    }

    /// What the property at `pointer` says against one statement of the page; empty when it
    /// agrees.
    fn attr(&self, pointer: &str, attr: &Attr) -> Vec<String> {
        let v = self.spec.view(pointer);
        let mut out = Vec::new();
        match attr {
            Attr::Type(t) => type_problems(self, &v, t, &mut out),
            Attr::Required => {}
            Attr::Length { min, max } => {
                let (smin, smax) = (
                    v.min_length.as_ref().map(|x| x.0),
                    v.max_length.as_ref().map(|x| x.0),
                );
                if min.is_some() && *min != smin || *max != smax && max.is_some() {
                    out.push(format!(
                        "the page says length {} - {}; the schema says minLength {} maxLength {}",
                        show(min),
                        show(max),
                        show(&smin),
                        show(&smax)
                    ));
                }
            }
            Attr::Range { min, max } => {
                let (smin, smax) = (
                    v.minimum.as_ref().map(|x| x.0),
                    v.maximum.as_ref().map(|x| x.0),
                );
                if *min != smin || *max != smax {
                    out.push(format!(
                        "the page says range {} <= x <= {}; the schema says minimum {} maximum {}",
                        show(min),
                        show(max),
                        show(&smin),
                        show(&smax)
                    ));
                }
            }
            Attr::Options(options) => out.extend(options_problems(&v, options)),
            Attr::Pattern(p) => {
                // On a list (`string[]`), the page's pattern is the items'.
                let patterns = match &v.items {
                    Some(items) => self.spec.view(items).patterns,
                    None => v.patterns,
                };
                if !patterns.iter().any(|(sp, _)| sp == p) {
                    let have: Vec<&String> = patterns.iter().map(|x| &x.0).collect();
                    out.push(format!(
                        "the page's pattern `{p}` is not the schema's ({})",
                        if have.is_empty() {
                            "none".into()
                        } else {
                            join_list(&have)
                        }
                    ));
                }
            }
            Attr::Example(value) => {
                for (path, _, msg) in self.spec.check(pointer, value, "") {
                    out.push(format!("the page's example {value} at {path}: {msg}"));
                }
            }
        }
        out
    }
}

/// The page's options against a schema's `enum` values.
fn options_problems(v: &super::schema::View, options: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let listed: Vec<String> = v
        .enums
        .as_ref()
        .map(|(e, _)| {
            e.iter()
                .map(|x| x.as_str().map_or(x.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let missing: Vec<&String> = options.iter().filter(|o| !listed.contains(o)).collect();
    let extra: Vec<&String> = listed.iter().filter(|o| !options.contains(o)).collect();
    if !missing.is_empty() {
        out.push(format!(
            "options the schema does not list: {}",
            join_list(&missing)
        ));
    }
    if !extra.is_empty() {
        out.push(format!(
            "the schema lists options the page does not: {}",
            join_list(&extra)
        ));
    }
    if v.open && v.enums.is_some() {
        out.push(
            "the schema also accepts values outside its `enum` (a union branch without one)".into(),
        );
    }
    out
}

fn type_problems(c: &Cmp<'_>, v: &super::schema::View, t: &TypeLine, out: &mut Vec<String>) {
    if v.types.is_empty() {
        out.push(format!(
            "the page types it `{}`; the schema gives no type",
            t.ty
        ));
    } else if !v.types.contains(&t.ty) {
        out.push(format!(
            "the page types it `{}`; the schema says `{}`",
            t.ty,
            v.types.join(" | ")
        ));
    }
    if t.nullable && !v.nullable {
        out.push("the page allows null; the schema is not nullable".into());
    }
    if !t.nullable && v.nullable {
        out.push("the schema is nullable; the page does not allow null".into());
    }
    if t.is_enum && v.enums.is_none() {
        out.push("the page says enum; the schema has no `enum`".into());
    }
    if let (Some(item), Some(items)) = (&t.items, &v.items) {
        let iv = c.spec.view(items);
        if !iv.types.is_empty() && !iv.types.contains(item) {
            out.push(format!(
                "items: the page says `{item}`; the schema says `{}`",
                iv.types.join(" | ")
            ));
        }
    }
}

fn show<T: std::fmt::Display>(x: &Option<T>) -> String {
    x.as_ref().map_or("none".to_owned(), ToString::to_string)
}

fn join_list(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
