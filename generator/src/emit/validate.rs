//! `Validate` impls: every constraint of a request model checked, every violation reported with
//! its JSON field path. Only shapes with something to check produce code.

use super::docs;
use super::layout::{self, arm, block_head, chain, text, Node, Writer};
use super::text::{impl_for, str_lit, Code};
use super::{Chunk, Ctx};
use crate::ir::*;

/// The checks of one value, ready to be written where `value` (a reference) and `path` (a
/// `&rt::Path`) are bound.
pub struct Checks(Vec<Check>);

/// One statement of a validator.
enum Check {
    /// `{function}(args);`
    Call(&'static str, Vec<String>),
    /// A loop over the items or entries of `value`: its header, the line binding each one's
    /// `path`, and the checks of each one.
    Each(&'static str, &'static str, Checks),
    /// `if let Some(value) = value { ... }`
    IfSome(Checks),
}

impl Checks {
    /// Checks for a non-null value of `shape`.
    pub fn of(ctx: &Ctx<'_>, shape: &Shape) -> Checks {
        let r = &shape.rules;
        let mut out = Vec::new();
        match &shape.ty {
            Ty::String => {
                if r.min_length.is_some() || r.max_length.is_some() {
                    let (min, max) = (opt_u64(r.min_length), opt_u64(r.max_length));
                    out.push(check("rt::check_length", ["value", &min, &max]));
                }
                if let Some(p) = &r.pattern {
                    let p = format!("&{}", ctx.pattern_ident(p));
                    out.push(check("rt::check_pattern", ["value", &p]));
                }
                if let Some(f) = r.format {
                    let f = match f {
                        Format::Uri => "rt::Format::Uri",
                        Format::Uuid => "rt::Format::Uuid",
                        Format::Email => "rt::Format::Email",
                        Format::Byte => "rt::Format::Base64",
                    };
                    out.push(check("rt::check_format", ["value", f]));
                }
            }
            Ty::Integer { .. } | Ty::Number if r.minimum.is_some() || r.maximum.is_some() => {
                let min = bound(r.minimum, r.exclusive_minimum);
                let max = bound(r.maximum, r.exclusive_maximum);
                out.push(check("rt::check_range", ["*value as f64", &min, &max]));
            }
            Ty::Array(item) => {
                if r.min_items.is_some() || r.max_items.is_some() {
                    let (min, max) = (opt_u64(r.min_items), opt_u64(r.max_items));
                    out.push(check("rt::check_items", ["value.len()", &min, &max]));
                }
                if r.unique_items {
                    out.push(check("rt::check_unique", ["value"]));
                }
                let inner = Checks::of_nullable(ctx, item);
                if !inner.is_empty() {
                    out.push(Check::Each(
                        "for (i, value) in value.iter().enumerate() {",
                        "let path = &path.index(i);",
                        inner,
                    ));
                }
            }
            Ty::Map(item) => {
                let inner = Checks::of_nullable(ctx, item);
                if !inner.is_empty() {
                    out.push(Check::Each(
                        "for (key, value) in value.iter() {",
                        "let path = &path.key(key);",
                        inner,
                    ));
                }
            }
            Ty::Named(n) if ctx.needs_validation.contains(n.as_str()) => {
                out.push(check("rt::Validate::collect_violations", ["value"]));
            }
            _ => {}
        }
        Checks(out)
    }

    /// Checks for a value of `shape` that may be `null` per the shape.
    pub fn of_nullable(ctx: &Ctx<'_>, shape: &Shape) -> Checks {
        let inner = Checks::of(ctx, shape);
        if !inner.is_empty() && shape.nullable && !matches!(shape.ty, Ty::Any) {
            Checks(vec![Check::IfSome(inner)])
        } else {
            inner
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The statements, at the writer's depth.
    pub fn write(&self, code: &mut Code) {
        for c in &self.0 {
            match c {
                Check::Call(function, args) => {
                    let args = args.iter().map(|a| text(a)).collect();
                    layout::line(code, "", &layout::call(function, args), ";");
                }
                Check::Each(header, path, inner) => {
                    code.open(header);
                    code.line(path);
                    inner.write(code);
                    code.close("}");
                }
                Check::IfSome(inner) => {
                    code.open("if let Some(value) = value {");
                    inner.write(code);
                    code.close("}");
                }
            }
        }
    }
}

/// A call of a runtime check with `args`, then `path, out`.
fn check<const N: usize>(function: &'static str, args: [&str; N]) -> Check {
    let args = args.iter().chain(&["path", "out"]).map(|a| a.to_string());
    Check::Call(function, args.collect())
}

/// `Some(n)` or `None`, as `quote!` prints an unsuffixed integer literal.
fn opt_u64(v: Option<u64>) -> String {
    v.map_or_else(|| "None".to_owned(), |n| format!("Some({n})"))
}

/// `Some((n, exclusive))` or `None`, as `quote!` prints an unsuffixed float literal (always
/// with a `.`).
fn bound(v: Option<f64>, exclusive: bool) -> String {
    match v {
        Some(n) => {
            let mut n = n.to_string();
            if !n.contains('.') {
                n.push_str(".0");
            }
            format!("Some(({n}, {exclusive}))")
        }
        None => "None".to_owned(),
    }
}

/// `impl rt::Validate for T`.
pub fn validate_impl(ctx: &Ctx<'_>, t: &TypeDef) -> Chunk {
    let body = Body::of(ctx, t);
    let mut code = Code::new();
    impl_for(&mut code, "rt::Validate", &t.name);
    docs::write(
        &mut code,
        &[format!(
            "Checks every constraint `{}` states in the spec; see [`rt::Validate::validate`].",
            t.name
        )],
    );
    if body.is_empty() {
        code.line(
            "fn collect_violations(&self, _path: &rt::Path<'_>, _out: &mut Vec<rt::Violation>) {}",
        );
    } else {
        code.open(
            "fn collect_violations(&self, path: &rt::Path<'_>, out: &mut Vec<rt::Violation>) {",
        );
        body.write(&mut code);
        code.close("}");
    }
    code.close("}");
    Chunk::Text(code.finish())
}

/// What `collect_violations` checks.
enum Body {
    /// A struct's fields (how each is bound, its wire name, its checks), then the checks of
    /// each entry of its map of undeclared properties.
    Fields(Vec<(Binding, String, Checks)>, Option<(String, Checks)>),
    /// A union's variants with something to check (a variant's own `Validate`, or its value's
    /// checks), and whether other variants need a `_` arm.
    Match(Vec<(String, Option<Checks>)>, bool),
}

/// How a struct field's value is bound to `value`.
enum Binding {
    /// `if let rt::Patch::Set(value) = &self.field`
    Patch(String),
    /// `if let Some(value) = &self.field`
    Option(String),
    /// `let value = &self.field;` in a block.
    Plain(String),
}

impl Body {
    fn of(ctx: &Ctx<'_>, t: &TypeDef) -> Body {
        match &t.kind {
            TypeKind::Struct(s) => {
                let fields = s.fields.iter().filter_map(|f| {
                    let checks = Checks::of(ctx, &f.shape);
                    if checks.is_empty() {
                        return None;
                    }
                    let name = f.rust.clone();
                    let binding = if Ctx::is_patch(t, f) {
                        Binding::Patch(name)
                    } else if f.is_option() && !matches!(f.shape.ty, Ty::Any) {
                        Binding::Option(name)
                    } else {
                        Binding::Plain(name)
                    };
                    Some((binding, f.wire.clone(), checks))
                });
                let extra = s
                    .extra
                    .as_ref()
                    .zip(super::models::extra_field(t, s))
                    .map(|(shape, name)| (name, Checks::of_nullable(ctx, shape)))
                    .filter(|(_, checks)| !checks.is_empty());
                Body::Fields(fields.collect(), extra)
            }
            TypeKind::Tagged(u) => {
                let arms: Vec<_> = u
                    .variants
                    .iter()
                    .filter(|v| ctx.needs_validation.contains(v.ty.as_str()))
                    .map(|v| (v.rust.clone(), None))
                    .collect();
                let partial = arms.len() != u.variants.len();
                Body::Match(arms, partial)
            }
            TypeKind::Untagged(u) => {
                let arms: Vec<_> = u
                    .variants
                    .iter()
                    .map(|v| (v.rust.clone(), Checks::of_nullable(ctx, &v.shape)))
                    .filter(|(_, checks)| !checks.is_empty())
                    .map(|(name, checks)| (name, Some(checks)))
                    .collect();
                let partial = arms.len() != u.variants.len() || t.in_response;
                Body::Match(arms, partial)
            }
            TypeKind::Enum(_) => Body::Match(Vec::new(), false),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Body::Fields(fields, extra) => fields.is_empty() && extra.is_none(),
            Body::Match(arms, _) => arms.is_empty(),
        }
    }

    fn write(&self, code: &mut Code) {
        match self {
            Body::Fields(fields, extra) => {
                for (binding, wire, checks) in fields {
                    match binding {
                        Binding::Patch(f) => {
                            open_on_field(code, "if let rt::Patch::Set(value) = ", f)
                        }
                        Binding::Option(f) => open_on_field(code, "if let Some(value) = ", f),
                        Binding::Plain(f) => {
                            code.open("{");
                            layout::line(code, "let value = &", &field(f), ";");
                        }
                    }
                    let path = chain("path", &[&format!(".field({})", str_lit(wire))]);
                    layout::line(code, "let path = &", &path, ";");
                    checks.write(code);
                    code.close("}");
                }
                if let Some((extra, checks)) = extra {
                    open_on_field(code, "for (key, value) in ", extra);
                    code.line("let path = &path.key(key);");
                    checks.write(code);
                    code.close("}");
                }
            }
            Body::Match(arms, partial) => {
                code.open("match self {");
                for (variant, checks) in arms {
                    let pattern = layout::call(&format!("Self::{variant}"), vec![text("value")]);
                    match checks {
                        None => {
                            let collect = "rt::Validate::collect_violations(value, path, out)";
                            arm(code, &pattern, &text(collect));
                        }
                        Some(checks) => {
                            let mut w = Writer::new(code, "");
                            w.put(&pattern, Some(" => {".len()));
                            w.finish_open(" => {");
                            checks.write(code);
                            code.close("}");
                        }
                    }
                }
                if *partial {
                    code.line("_ => {}");
                }
                code.close("}");
            }
        }
    }
}

/// `{head}&self.{field} {` (an `if let` or `for` over a field).
fn open_on_field(code: &mut Code, head: &str, f: &str) {
    block_head(code, &format!("{head}&"), &field(f));
}

/// `self.{f}`, breakable before `.{f}`.
fn field(f: &str) -> Node {
    chain("self", &[&format!(".{f}")])
}
