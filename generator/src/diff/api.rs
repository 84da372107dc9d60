//! The API as a whole (base URL, auth, error type) and its operations: the `Client` methods,
//! their arguments, return types, retries, paging and documented errors.

use super::bounds;
use super::rule::Rule;
use super::surface::{bare, op_name, View};
use super::Out;
use crate::diag::escape;
use crate::ir::*;
use std::collections::BTreeSet;

pub fn compare(old: &View<'_>, new: &View<'_>, out: &mut Out) {
    if old.base_url != new.base_url {
        out.push(
            Rule::BaseUrlChanged,
            "/servers/0/url",
            format!(
                "the default base URL changed from `{}` to `{}`",
                old.base_url, new.base_url
            ),
        );
    }
    if auth_key(&old.auth) != auth_key(&new.auth) {
        let pointer = match &new.auth {
            Auth::Header { scheme, .. }
            | Auth::Query { scheme, .. }
            | Auth::Cookie { scheme, .. }
            | Auth::Bearer { scheme }
            | Auth::Basic { scheme } => {
                format!("/components/securitySchemes/{}", escape(scheme))
            }
            Auth::None => "/security".to_owned(),
        };
        out.push(
            Rule::AuthChanged,
            &pointer,
            format!(
                "the API key is now sent {} (was {})",
                auth_key(&new.auth),
                auth_key(&old.auth)
            ),
        );
    }
    if old.error_type != new.error_type {
        let show = |t: &Option<String>| format!("`{}`", t.as_deref().unwrap_or("Value"));
        let why = if new.error_type.is_none() {
            ": the operations' error bodies no longer share one type"
        } else {
            ""
        };
        let pointer = type_pointer(new, new.error_type.as_deref())
            .or_else(|| type_pointer(old, old.error_type.as_deref()))
            .unwrap_or_default();
        out.push(
            Rule::ErrorTypeChanged,
            &pointer,
            format!(
                "the error body type of `Error` and `ApiError` is now {} (was {}){why}",
                show(&new.error_type),
                show(&old.error_type)
            ),
        );
    }
    operations(old, new, out);
    super::webhooks::compare(old, new, out);
}

/// How the key is sent, in words; equal words mean no change (the scheme's name does not matter).
fn auth_key(a: &Auth) -> String {
    match a {
        Auth::Header { header, .. } => format!("in the `{header}` header"),
        Auth::Query { param, .. } => format!("in the `{param}` query parameter"),
        Auth::Cookie { cookie, .. } => format!("in the `{cookie}` cookie"),
        Auth::Bearer { .. } => "as `Authorization: Bearer <key>`".to_owned(),
        Auth::Basic { .. } => "as `Authorization: Basic` (`user:password`)".to_owned(),
        Auth::None => "nowhere (no security requirement)".to_owned(),
    }
}

fn type_pointer(api: &Api, name: Option<&str>) -> Option<String> {
    let name = name?;
    api.types
        .iter()
        .find(|t| t.name == name)
        .map(|t| t.pointer.clone())
}

/// Pairs operations by `operationId`, then the rest by method and path (a rename); reports the
/// pairs' differences, then what is only new (added) or only old (removed).
fn operations(old: &View<'_>, new: &View<'_>, out: &mut Out) {
    let mut used_old: BTreeSet<usize> = BTreeSet::new();
    let mut pairs: Vec<(Option<usize>, &Operation)> = Vec::new();
    for n in &new.operations {
        let by_id = old.operations.iter().position(|o| o.id == n.id);
        if let Some(i) = by_id {
            used_old.insert(i);
        }
        pairs.push((by_id, n));
    }
    for (matched, n) in &mut pairs {
        if matched.is_none() {
            let by_route = old.operations.iter().enumerate().position(|(i, o)| {
                !used_old.contains(&i)
                    && o.method == n.method
                    && o.path == n.path
                    && !new.operations.iter().any(|x| x.id == o.id)
            });
            if let Some(i) = by_route {
                used_old.insert(i);
                *matched = Some(i);
            }
        }
    }
    for (matched, n) in pairs {
        match matched {
            Some(i) => operation(&old.operations[i], n, (old, new), out),
            None => out.push(
                Rule::OperationAdded,
                &n.pointer,
                format!("new operation {}: {}", op_name(n), new.methods(n).0),
            ),
        }
    }
    for (i, o) in old.operations.iter().enumerate() {
        if !used_old.contains(&i) {
            let (methods, several) = old.methods(o);
            out.push(
                Rule::OperationRemoved,
                &o.pointer,
                format!(
                    "operation {} removed: {methods} {} gone",
                    op_name(o),
                    if several { "are" } else { "is" }
                ),
            );
        }
    }
}

fn operation(old: &Operation, new: &Operation, apis: (&View<'_>, &View<'_>), out: &mut Out) {
    let p = new.pointer.as_str();
    let (a, b) = (apis.0.method(old), apis.1.method(new));
    let name = format!("`Client::{b}`");
    if a != b {
        let what = if old.id == new.id {
            format!("operation `{}`: `Client::{a}` is now `Client::{b}`", new.id)
        } else {
            format!(
                "operation `{}` renamed to `{}` (`{} {}`): `Client::{a}` is now `Client::{b}`",
                old.id,
                new.id,
                new.method.as_str(),
                new.path
            )
        };
        out.push(Rule::OperationRenamed, p, what);
    }
    if (&old.method, &old.path) != (&new.method, &new.path) {
        out.push(
            Rule::OperationMoved,
            p,
            format!(
                "{name} now sends `{} {}` (was `{} {}`)",
                new.method.as_str(),
                new.path,
                old.method.as_str(),
                old.path
            ),
        );
    }
    params(old, new, apis, &name, out);
    query_and_body(old, new, apis, &name, out);
    let (a, b) = (apis.0.return_type(old), apis.1.return_type(new));
    if a != b {
        out.push(
            Rule::ResponseTypeChanged,
            &format!("{p}/responses/{}", new.success.status),
            format!("{name} now returns `{b}` (was `{a}`)"),
        );
    }
    errors(old, new, apis, &name, out);
    if old.idempotent != new.idempotent {
        let what = if new.idempotent {
            "is now idempotent: the default retry policy also retries it after timeouts, 409 and 5xx"
        } else {
            "is no longer idempotent: the default retry policy no longer retries it after timeouts, 409 and 5xx"
        };
        out.push(Rule::RetryChanged, p, format!("{name} {what}"));
    }
    pagination(old, new, apis, &name, out);
    streamed(old, new, apis, &name, out);
    if old.deprecated != new.deprecated {
        let what = if new.deprecated {
            "is now deprecated (`#[deprecated]`)"
        } else {
            "is no longer deprecated"
        };
        out.push(Rule::DeprecationChanged, p, format!("{name} {what}"));
    }
}

/// Path and header parameters: positional arguments, matched by place and wire name.
fn params(
    old: &Operation,
    new: &Operation,
    apis: (&View<'_>, &View<'_>),
    name: &str,
    out: &mut Out,
) {
    let at = format!("{}/parameters", new.pointer);
    let key = |p: &Param| (p.location, p.wire.clone());
    let find = |list: &[Param], p: &Param| list.iter().find(|q| key(q) == key(p)).cloned();
    for n in &new.params {
        match find(&old.params, n) {
            None => out.push(
                Rule::ArgumentAdded,
                &at,
                format!(
                    "{name} takes a new argument `{}: {}` ({})",
                    bare(&n.rust),
                    apis.1.arg_type(new, &n.rust),
                    describe_param(n)
                ),
            ),
            Some(o) => {
                let (a, b) = (apis.0.arg_type(old, &o.rust), apis.1.arg_type(new, &n.rust));
                if a != b {
                    out.push(
                        Rule::ArgumentChanged,
                        &at,
                        format!(
                            "{name}: the argument for {} is now `{b}` (was `{a}`)",
                            describe_param(n)
                        ),
                    );
                } else {
                    let subject = format!("{name}, {}", describe_param(n));
                    bounds::compare_shape(&o.shape, &n.shape, &subject, &at, out);
                }
            }
        }
    }
    for o in &old.params {
        if find(&new.params, o).is_none() {
            out.push(
                Rule::ArgumentRemoved,
                &format!("{}/parameters", old.pointer),
                format!(
                    "{name} no longer takes the argument `{}` ({})",
                    bare(&o.rust),
                    describe_param(o)
                ),
            );
        }
    }
    // The parameters both sides have, in each side's order.
    let common = |a: &[Param], b: &[Param]| -> Vec<(ParamLocation, String)> {
        a.iter()
            .filter(|p| b.iter().any(|q| key(q) == key(p)))
            .map(key)
            .collect()
    };
    if common(&old.params, &new.params) != common(&new.params, &old.params) {
        let order: Vec<String> = new
            .params
            .iter()
            .map(|p| format!("`{}`", bare(&p.rust)))
            .collect();
        out.push(
            Rule::ArgumentsReordered,
            &at,
            format!(
                "{name}: the parameters are in another order ({}); calls with arguments of one type compile with the values swapped",
                order.join(", ")
            ),
        );
    }
}

fn describe_param(p: &Param) -> String {
    let place = match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    format!("{place} parameter `{}`", p.wire)
}

/// The query-parameter struct argument and the body argument.
fn query_and_body(
    old: &Operation,
    new: &Operation,
    apis: (&View<'_>, &View<'_>),
    name: &str,
    out: &mut Out,
) {
    let at = format!("{}/parameters", new.pointer);
    match (&old.query, &new.query) {
        (None, Some(q)) => out.push(
            Rule::ArgumentAdded,
            &at,
            format!("{name} takes a new argument `params: &{q}` (it has query parameters now)"),
        ),
        (Some(q), None) => out.push(
            Rule::ArgumentRemoved,
            &format!("{}/parameters", old.pointer),
            format!("{name} no longer takes `params: &{q}` (it has no query parameters now)"),
        ),
        (Some(a), Some(b)) if a != b => out.push(
            Rule::ArgumentChanged,
            &at,
            format!("{name} takes its query parameters as `&{b}` (was `&{a}`)"),
        ),
        _ => {}
    }
    let at = format!("{}/requestBody", new.pointer);
    match (&old.body, &new.body) {
        (None, Some(_)) => out.push(
            Rule::ArgumentAdded,
            &at,
            format!(
                "{name} takes a new argument `body: {}` (a request body)",
                apis.1.arg_type(new, "body")
            ),
        ),
        (Some(_), None) => out.push(
            Rule::ArgumentRemoved,
            &format!("{}/requestBody", old.pointer),
            format!(
                "{name} no longer takes a request body (`body: {}`)",
                apis.0.arg_type(old, "body")
            ),
        ),
        (Some(a), Some(b)) => {
            let (ta, tb) = (apis.0.arg_type(old, "body"), apis.1.arg_type(new, "body"));
            if a.media_type != b.media_type {
                out.push(
                    Rule::BodyMediaTypeChanged,
                    &at,
                    format!(
                        "{name} sends its body as `{}` (was `{}`)",
                        b.media_type, a.media_type
                    ),
                );
            }
            if ta != tb {
                out.push(
                    Rule::ArgumentChanged,
                    &at,
                    format!("{name}: the body argument is now `{tb}` (was `{ta}`)"),
                );
            } else {
                let subject = format!("{name}, request body");
                bounds::compare_shape(&a.shape, &b.shape, &subject, &at, out);
            }
        }
        (None, None) => {}
    }
}

/// Statuses whose error body `ApiError::error` decodes (the API's common error type), as text.
fn decoded(op: &Operation, api_error: Option<&str>) -> BTreeSet<String> {
    let (statuses, default) = op.error_statuses(api_error);
    let mut set: BTreeSet<String> = statuses.iter().map(u16::to_string).collect();
    if default {
        set.insert("default".to_owned());
    }
    set
}

/// Statuses whose error body is decoded, each side with its own error type. Nothing to say when
/// the new side has no common error type (that change is reported once, for the whole API).
fn errors(
    old: &Operation,
    new: &Operation,
    apis: (&View<'_>, &View<'_>),
    name: &str,
    out: &mut Out,
) {
    let Some(error) = apis.1.error_type.as_deref() else {
        return;
    };
    let before = decoded(old, apis.0.error_type.as_deref());
    let after = decoded(new, Some(error));
    let list = |s: Vec<&String>| s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ");
    let added: Vec<&String> = after.difference(&before).collect();
    if !added.is_empty() {
        out.push(
            Rule::ErrorBodyDecoded,
            &format!("{}/responses", new.pointer),
            format!(
                "{name}: errors with status {} now carry the decoded `{error}` in `ApiError::error`",
                list(added)
            ),
        );
    }
    let removed: Vec<&String> = before.difference(&after).collect();
    if !removed.is_empty() {
        out.push(
            Rule::ErrorBodyNotDecoded,
            &format!("{}/responses", new.pointer),
            format!(
                "{name}: errors with status {} no longer carry a decoded `{error}` (`ApiError::error` is `None`)",
                list(removed)
            ),
        );
    }
}

fn pagination(
    old: &Operation,
    new: &Operation,
    apis: (&View<'_>, &View<'_>),
    name: &str,
    out: &mut Out,
) {
    let at = format!("{}/x-pagination", new.pointer);
    let (a, b) = (apis.0.stream(old), apis.1.stream(new));
    let stream = format!("`Client::{}`", b.or(a).unwrap_or_default());
    match (a.is_some(), b.is_some()) {
        (false, true) => out.push(
            Rule::PaginationAdded,
            &at,
            format!("{name} pages: new method {stream} yields every item across pages"),
        ),
        (true, false) => out.push(
            Rule::PaginationRemoved,
            &format!("{}/x-pagination", old.pointer),
            format!("{stream} is gone (the operation no longer pages)"),
        ),
        (true, true) if old.pagination != new.pagination => out.push(
            Rule::PaginationChanged,
            &at,
            format!("{stream} pages differently (`x-pagination` changed)"),
        ),
        _ => {}
    }
}

/// The `*_streamed` methods (a success response offered both as JSON and streamed): added,
/// removed, or returning other items. A new name is the old method removed and a new one added.
fn streamed(
    old: &Operation,
    new: &Operation,
    apis: (&View<'_>, &View<'_>),
    name: &str,
    out: &mut Out,
) {
    let at = |op: &Operation| {
        op.streamed.as_ref().map_or_else(
            || format!("{}/responses", op.pointer),
            |s| s.item_pointer.clone(),
        )
    };
    let media = |op: &Operation| {
        op.streamed
            .as_ref()
            .and_then(|s| s.response.media_type.clone())
            .unwrap_or_default()
    };
    let added = |(method, returns): (&str, String), out: &mut Out| {
        out.push(
            Rule::StreamedAdded,
            &at(new),
            format!(
                "{name}'s response is offered as `{}` too: new method `Client::{method}` returns `{returns}`",
                media(new)
            ),
        );
    };
    let removed = |(method, _): (&str, String), out: &mut Out| {
        out.push(
            Rule::StreamedRemoved,
            &at(old),
            format!(
                "`Client::{method}` is gone (the response is no longer offered as `{}`)",
                media(old)
            ),
        );
    };
    match (apis.0.streamed(old), apis.1.streamed(new)) {
        (None, Some(b)) => added(b, out),
        (Some(a), None) => removed(a, out),
        (Some(a), Some(b)) if a.0 != b.0 => {
            removed(a, out);
            added(b, out);
        }
        (Some((_, a)), Some((method, b))) if a != b => out.push(
            Rule::ResponseTypeChanged,
            &at(new),
            format!("`Client::{method}` now returns `{b}` (was `{a}`)"),
        ),
        _ => {}
    }
}
