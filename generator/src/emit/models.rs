//! Structs for object schemas, with serde attributes and a constructor taking the required
//! fields plus one setter per optional field. Response models keep unknown fields; optional
//! nullable fields of update bodies are three-state (`rt::Patch`).

use super::docs;
use super::layout::{self, call, chain, signature, text, Node};
use super::text::{impl_for, serde_attr, str_lit, Code};
use super::validate::validate_impl;
use super::{Chunk, Ctx};
use crate::ident::{bare, Namespace};
use crate::ir::*;

/// The Rust name of the flattened map of undeclared properties, if the struct has one.
pub fn extra_field(t: &TypeDef, s: &Struct) -> Option<String> {
    if s.extra.is_none() && !t.in_response {
        return None;
    }
    let mut names = Namespace::new();
    s.fields.iter().for_each(|f| names.reserve(&f.rust));
    Some(names.claim("extra".to_owned()))
}

/// The only variant of a single-value enum (a required field that can have one value only).
fn single_variant(ctx: &Ctx<'_>, f: &Field) -> Option<String> {
    let e = ctx.enum_of(&f.shape)?;
    if !f.required || f.shape.nullable || e.variants.len() != 1 {
        return None;
    }
    Some(format!(
        "{}::{}",
        ctx.type_text(&f.shape),
        e.variants[0].rust
    ))
}

/// The struct, its `rt::open_struct!` deserializer when it keeps undeclared properties, its
/// constructor and setters, and its `Validate` impl.
pub fn emit_struct(ctx: &Ctx<'_>, t: &TypeDef, s: &Struct) -> Vec<Chunk> {
    let extra = extra_field(t, s);
    let mut code = Code::new();
    struct_def(&mut code, ctx, t, s, extra.as_deref());
    // With a map of unknown fields, `Deserialize` comes from the runtime's one-pass
    // `open_struct!` rather than the derive, whose `flatten` buffers the whole object.
    if let Some(extra) = &extra {
        code.blank();
        open_struct(&mut code, t, s, extra);
    }
    // Every model gets a constructor and `Validate`: request models need them, and users
    // building response values for their own tests need the constructor (models are
    // `#[non_exhaustive]`). Render puts no blank line after an empty `pub struct T {}`.
    if !(s.fields.is_empty() && extra.is_none()) {
        code.blank();
    }
    builder(&mut code, ctx, t, s, extra.as_deref());
    vec![Chunk::Text(code.finish()), validate_impl(ctx, t)]
}

/// `pub struct T { ... }` with its docs and serde attributes.
fn struct_def(code: &mut Code, ctx: &Ctx<'_>, t: &TypeDef, s: &Struct, extra: Option<&str>) {
    docs::write(code, &docs::type_doc(ctx.api, t));
    let deserialize = if extra.is_some() {
        ""
    } else {
        ", serde::Deserialize"
    };
    code.line(&format!(
        "#[derive(Debug, Clone, PartialEq, serde::Serialize{deserialize})]"
    ));
    code.line("#[non_exhaustive]");
    if s.fields.is_empty() && extra.is_none() {
        code.line(&format!("pub struct {} {{}}", t.name));
        return;
    }
    code.open(&format!("pub struct {} {{", t.name));
    for f in &s.fields {
        field(code, ctx, t, f);
    }
    if let Some(extra) = extra {
        let (ty, doc) = match &s.extra {
            Some(shape) => (
                ctx.type_text_nullable(shape),
                "Properties not declared in the spec (the schema allows additional properties), kept as sent or received.",
            ),
            None => (
                "rt::Value".to_owned(),
                "Fields the server sent that this version of the spec does not declare, kept so nothing is lost.",
            ),
        };
        docs::write(code, &[doc.to_owned()]);
        code.line("#[serde(flatten)]");
        let ty = format!("std::collections::BTreeMap<String, {ty}>");
        layout::type_line(code, &format!("pub {extra}: "), &ty, ",");
    }
    code.close("}");
}

/// One field of the struct: docs, serde attributes, `pub name: Type,`.
fn field(code: &mut Code, ctx: &Ctx<'_>, t: &TypeDef, f: &Field) {
    let patch = Ctx::is_patch(t, f);
    let mut lines = docs::field_doc(&f.doc, &f.shape, f.required);
    if patch {
        lines.push(String::new());
        lines.push(format!(
            "Three-state: unchanged (not sent), cleared (sent as `null`, see `clear_{0}`), or set (see `{0}`).",
            bare(&f.rust)
        ));
    }
    docs::write(code, &lines);
    if bare(&f.rust) != f.wire {
        serde_attr(code, "rename", &f.wire);
    }
    if patch {
        code.line(r#"#[serde(default, skip_serializing_if = "rt::Patch::is_unchanged")]"#);
    } else if !f.required {
        if matches!(f.shape.ty, Ty::Any) {
            code.line(r#"#[serde(default, skip_serializing_if = "rt::Value::is_null")]"#);
        } else {
            code.line(r#"#[serde(default, skip_serializing_if = "Option::is_none")]"#);
        }
    } else if f.shape.nullable {
        code.line("#[serde(default)]");
    }
    let inner = ctx.member_type_text(&t.name, &f.rust, &f.shape);
    let ty = if patch {
        format!("rt::Patch<{inner}>")
    } else if f.is_option() && !matches!(f.shape.ty, Ty::Any) {
        format!("Option<{inner}>")
    } else {
        inner
    };
    layout::type_line(code, &format!("pub {}: ", f.rust), &ty, ",");
}

/// `rt::open_struct!(T { field: "wire" = default, ... } extra);`, one field a line as the
/// render stage lays it out.
fn open_struct(code: &mut Code, t: &TypeDef, s: &Struct, extra: &str) {
    code.open(&format!("rt::open_struct!({} {{", t.name));
    for f in &s.fields {
        let defaulted = Ctx::is_patch(t, f) || !f.required || f.shape.nullable;
        let default = if defaulted { " = default" } else { "" };
        code.line(&format!("{}: {}{default},", f.rust, str_lit(&f.wire)));
    }
    code.close(&format!("}} {extra});"));
}

/// How the argument of a constructor or setter becomes the field's value.
#[derive(Clone, Copy, PartialEq)]
enum Conv {
    /// As it is.
    Moved,
    /// `.into()`
    Into,
    /// Each item `.into()`, collected.
    CollectInto,
    /// Collected.
    Collect,
}

impl Conv {
    /// The method calls applied to the argument.
    fn calls(self) -> &'static [&'static str] {
        match self {
            Conv::Moved => &[],
            Conv::Into => &[".into()"],
            Conv::CollectInto => &[".into_iter()", ".map(Into::into)", ".collect()"],
            Conv::Collect => &[".into_iter()", ".collect()"],
        }
    }

    /// The conversion of `arg` as an expression.
    fn apply(self, arg: &str) -> String {
        format!("{arg}{}", self.calls().concat())
    }
}

/// The parameter type a constructor or setter takes for a value of `shape`, and how it becomes
/// the field's value (without an `Option`/`Patch` wrapper).
fn setter_arg(ctx: &Ctx<'_>, shape: &Shape) -> (String, Conv) {
    match &shape.ty {
        Ty::String => ("impl Into<String>".to_owned(), Conv::Into),
        Ty::Any => ("impl Into<rt::Value>".to_owned(), Conv::Into),
        Ty::Named(_) => (format!("impl Into<{}>", ctx.type_text(shape)), Conv::Into),
        Ty::Array(item) if !item.nullable && matches!(item.ty, Ty::String | Ty::Named(_)) => (
            format!(
                "impl IntoIterator<Item = impl Into<{}>>",
                ctx.type_text(item)
            ),
            Conv::CollectInto,
        ),
        Ty::Array(item) => (
            format!("impl IntoIterator<Item = {}>", ctx.type_text_nullable(item)),
            Conv::Collect,
        ),
        _ => (ctx.type_text(shape), Conv::Moved),
    }
}

/// A field's value in the constructor's struct literal.
enum Init {
    /// The parameter of the same name, as it is (`name`).
    Param,
    /// The parameter of the same name converted (`name: name.into()`), maybe boxed.
    Converted(Conv, bool),
    /// A fixed value (`name: None`).
    Fixed(String),
}

impl Init {
    /// The field `name` of the struct literal: its name (empty for the shorthand) and value.
    fn field(&self, name: &str) -> (String, Node) {
        let value = match self {
            Init::Param => return (String::new(), text(name)),
            Init::Converted(conv, false) => chain(name, conv.calls()),
            Init::Converted(conv, true) => call("Box::new", vec![text(&conv.apply(name))]),
            Init::Fixed(value) => text(value),
        };
        (name.to_owned(), value)
    }
}

/// The constructor's `Self { ... }`.
fn struct_literal(code: &mut Code, inits: &[(String, Init)]) {
    let fields = inits.iter().map(|(n, init)| init.field(n)).collect();
    let literal = Node::Struct {
        path: "Self".to_owned(),
        fields,
    };
    layout::line(code, "", &literal, "");
}

/// `impl Default` (when nothing is required) and `impl T { new, setters, with_extra }`.
fn builder(code: &mut Code, ctx: &Ctx<'_>, t: &TypeDef, s: &Struct, extra: Option<&str>) {
    let args: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.required && single_variant(ctx, f).is_none())
        .collect();
    if args.is_empty() {
        impl_for(code, "Default", &t.name);
        code.open("fn default() -> Self {");
        code.line("Self::new()");
        code.close("}");
        code.close("}");
        code.blank();
    }
    code.open(&format!("impl {} {{", t.name));
    constructor(code, ctx, t, s, &args, extra);
    let mut methods = Namespace::new();
    methods.reserve("new");
    for f in s.fields.iter().filter(|f| !f.required) {
        setter(code, ctx, t, f, &mut methods);
    }
    if let Some((e, shape)) = extra.zip(s.extra.as_ref()) {
        let m = methods.claim("with_extra".to_owned());
        let ty = ctx.type_text_nullable(shape);
        code.blank();
        docs::write(
            code,
            &["Adds a property the spec does not declare (the schema allows additional properties).".to_owned()],
        );
        code.line("#[must_use]");
        let params = [
            ("mut self".to_owned(), String::new()),
            ("key: ".to_owned(), "impl Into<String>".to_owned()),
            ("value: ".to_owned(), format!("impl Into<{ty}>")),
        ];
        signature(code, &format!("pub fn {m}"), &params, " -> Self");
        code.line(&format!("self.{e}.insert(key.into(), value.into());"));
        code.line("self");
        code.close("}");
    }
    code.close("}");
}

/// `pub fn new(required fields) -> Self`.
fn constructor(
    code: &mut Code,
    ctx: &Ctx<'_>,
    t: &TypeDef,
    s: &Struct,
    args: &[&Field],
    extra: Option<&str>,
) {
    let fixed: Vec<String> = s
        .fields
        .iter()
        .filter(|f| single_variant(ctx, f).is_some())
        .map(|f| format!("`{}`", f.wire))
        .collect();
    let mut doc = if args.is_empty() {
        format!("A new `{}`. It has no required fields to pass.", t.name)
    } else {
        let wires: Vec<String> = args.iter().map(|f| format!("`{}`", f.wire)).collect();
        format!(
            "A new `{}`. Takes the required fields ({}); set optional ones with the setters.",
            t.name,
            wires.join(", ")
        )
    };
    if !fixed.is_empty() {
        doc.push_str(&format!(
            " {} can have only one value and is filled in.",
            fixed.join(", ")
        ));
    }
    docs::write(code, &[doc]);
    let params: Vec<(String, String)> = args
        .iter()
        .map(|f| {
            let ty = if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
                format!("Option<{}>", ctx.type_text(&f.shape))
            } else {
                setter_arg(ctx, &f.shape).0
            };
            (format!("{}: ", f.rust), ty)
        })
        .collect();
    signature(code, "pub fn new", &params, " -> Self");
    let mut inits: Vec<(String, Init)> = s
        .fields
        .iter()
        .map(|f| (f.rust.clone(), init(ctx, t, f)))
        .collect();
    if let Some(e) = extra {
        inits.push((e.to_owned(), Init::Fixed("Default::default()".to_owned())));
    }
    struct_literal(code, &inits);
    code.close("}");
}

/// How the constructor fills in field `f`.
fn init(ctx: &Ctx<'_>, t: &TypeDef, f: &Field) -> Init {
    if let Some(only) = single_variant(ctx, f) {
        Init::Fixed(only)
    } else if f.required {
        if f.shape.nullable && !matches!(f.shape.ty, Ty::Any) {
            return Init::Param;
        }
        let (_, conv) = setter_arg(ctx, &f.shape);
        let boxed = ctx.is_boxed(&t.name, &f.rust);
        if conv == Conv::Moved && !boxed {
            Init::Param
        } else {
            Init::Converted(conv, boxed)
        }
    } else if Ctx::is_patch(t, f) {
        Init::Fixed("rt::Patch::Unchanged".to_owned())
    } else if matches!(f.shape.ty, Ty::Any) {
        Init::Fixed("rt::Value::Null".to_owned())
    } else {
        Init::Fixed("None".to_owned())
    }
}

/// `self.{field} = value;`: when `self.{field} = ` does not fit, the field access breaks
/// (`self`, then `.{field}` below it) and the value follows it on that line, broken (if it
/// must be) relative to the statement's indentation.
fn assign(code: &mut Code, field: &str, value: Node) {
    let lhs = chain("self", &[&format!(".{field}")]);
    let stmt = Node::Seq(vec![lhs, text(" = "), Node::Stop, value]);
    layout::line(code, "", &stmt, ";");
}

/// The setter of optional field `f`, and `clear_f` when the field is three-state.
fn setter(code: &mut Code, ctx: &Ctx<'_>, t: &TypeDef, f: &Field, methods: &mut Namespace) {
    let name = methods.claim(f.rust.clone());
    let (arg, conv) = setter_arg(ctx, &f.shape);
    let value = if ctx.is_boxed(&t.name, &f.rust) {
        format!("Box::new({})", conv.apply("value"))
    } else {
        conv.apply("value")
    };
    let first = f
        .doc
        .description
        .as_deref()
        .and_then(|d| d.lines().next())
        .map(|l| format!(" {}", docs::sanitize(l)))
        .unwrap_or_default();
    let constraints = docs::constraints(&f.shape);
    let constraints = if constraints.is_empty() {
        String::new()
    } else {
        format!(" ({})", constraints.join("; "))
    };
    code.blank();
    docs::write(code, &[format!("Sets `{}`.{first}{constraints}", f.wire)]);
    code.line("#[must_use]");
    let params = [
        ("mut self".to_owned(), String::new()),
        ("value: ".to_owned(), arg),
    ];
    signature(code, &format!("pub fn {name}"), &params, " -> Self");
    let patch = Ctx::is_patch(t, f);
    let value = if patch {
        call("rt::Patch::Set", vec![text(&value)])
    } else if matches!(f.shape.ty, Ty::Any) {
        chain("value", conv.calls())
    } else {
        call("Some", vec![text(&value)])
    };
    assign(code, &f.rust, value);
    code.line("self");
    code.close("}");
    if patch {
        let clear = methods.claim(format!("clear_{}", bare(&f.rust)));
        code.blank();
        docs::write(code, &[format!("Clears `{}`: sends it as `null`.", f.wire)]);
        code.line("#[must_use]");
        let params = [("mut self".to_owned(), String::new())];
        signature(code, &format!("pub fn {clear}"), &params, " -> Self");
        assign(code, &f.rust, text("rt::Patch::Clear"));
        code.line("self");
        code.close("}");
    }
}
