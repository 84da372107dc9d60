//! How the IR shows up in the generated crate: the Rust type of a value, the wrapper of a struct
//! field, which fields are `new()` arguments, the `extra` map, method argument types. Mirrors
//! `emit` (`Ctx::rust_type`, `models::emit_struct`, `client::param_type`); the three-state rule
//! is `emit`'s own [`Ctx::is_patch`]. Types are written without the `rt::` prefix.
//!
//! Not mirrored: `Box<T>` for fields that recursion forces into a box (a spec becoming recursive
//! is not reported as a field type change).

use crate::emit::Ctx;
use crate::ir::*;

/// The Rust type of a value, without the `Option` for nullability at the top.
pub fn ty(s: &Shape) -> String {
    match &s.ty {
        Ty::String => "String".to_owned(),
        Ty::DateTime => "DateTime".to_owned(),
        Ty::Date => "Date".to_owned(),
        Ty::Integer { bits32: true } => "i32".to_owned(),
        Ty::Integer { bits32: false } => "i64".to_owned(),
        Ty::Number => "f64".to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::Any => "Value".to_owned(),
        Ty::Object => "Map".to_owned(),
        Ty::Array(item) => format!("Vec<{}>", ty_nullable(item)),
        Ty::Map(v) => format!("BTreeMap<String, {}>", ty_nullable(v)),
        Ty::Named(n) => n.clone(),
    }
}

/// As [`ty`], in an `Option` when the value is nullable (`Value` holds `null` itself).
pub fn ty_nullable(s: &Shape) -> String {
    if s.nullable && !matches!(s.ty, Ty::Any) {
        format!("Option<{}>", ty(s))
    } else {
        ty(s)
    }
}

/// What a struct field's value is wrapped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// `T`: required and not nullable (or a `Value`).
    Plain,
    /// `Option<T>`: optional or nullable.
    Option,
    /// `rt::Patch<T>`: three-state.
    Patch,
}

pub fn wrapper(t: &TypeDef, f: &Field) -> Wrapper {
    if Ctx::is_patch(t, f) {
        Wrapper::Patch
    } else if f.is_option() && !matches!(f.shape.ty, Ty::Any) {
        Wrapper::Option
    } else {
        Wrapper::Plain
    }
}

/// The Rust type of a struct field, as declared.
pub fn field_type(t: &TypeDef, f: &Field) -> String {
    let inner = ty(&f.shape);
    match wrapper(t, f) {
        Wrapper::Plain => inner,
        Wrapper::Option => format!("Option<{inner}>"),
        Wrapper::Patch => format!("Patch<{inner}>"),
    }
}

/// Whether the field is a required enum with a single value: `new()` fills it in.
pub fn is_fixed(api: &Api, f: &Field) -> bool {
    let Ty::Named(n) = &f.shape.ty else {
        return false;
    };
    let one = api
        .types
        .iter()
        .find(|t| &t.name == n)
        .is_some_and(|t| matches!(&t.kind, TypeKind::Enum(e) if e.variants.len() == 1));
    one && f.required && !f.shape.nullable
}

/// Whether the field is an argument of the struct's `new()`.
pub fn is_new_arg(api: &Api, f: &Field) -> bool {
    f.required && !is_fixed(api, f)
}

/// The value type of the struct's `extra` map, if it has one: every response model has one
/// (unknown fields are kept), and so has every model with `additionalProperties`.
pub fn extra(t: &TypeDef, s: &Struct) -> Option<String> {
    match &s.extra {
        Some(shape) => Some(ty_nullable(shape)),
        None if t.in_response => Some("Value".to_owned()),
        None => None,
    }
}

/// The type of a path or header parameter argument.
pub fn param_type(p: &Param) -> String {
    let base = match &p.shape.ty {
        Ty::String => "&str".to_owned(),
        Ty::Array(item) => format!("&[{}]", ty_nullable(item)),
        _ => ty(&p.shape),
    };
    if p.required {
        base
    } else {
        format!("Option<{base}>")
    }
}

/// The type of the body argument.
pub fn body_type(b: &Body) -> String {
    let t = ty_nullable(&b.shape);
    if b.required {
        format!("&{t}")
    } else {
        format!("Option<&{t}>")
    }
}

/// What the method returns (inside `Result`).
pub fn return_type(op: &Operation) -> String {
    match op.success.raw {
        Some(RawBody::Bytes) => "rt::Bytes".to_owned(),
        Some(RawBody::Text) => "String".to_owned(),
        None => op
            .success
            .body
            .as_ref()
            .map_or_else(|| "()".to_owned(), ty_nullable),
    }
}

/// Whether the operation has a `<op>_stream` method.
pub fn has_stream(op: &Operation) -> bool {
    op.has_stream()
}

/// `Client::<method>`, with the stream method when there is one.
pub fn methods(op: &Operation) -> String {
    let name = crate::ident::bare(&op.rust);
    if has_stream(op) {
        format!("`Client::{name}`, `Client::{name}_stream`")
    } else {
        format!("`Client::{name}`")
    }
}

/// `createPersona` (`POST /v1/personas`).
pub fn op_name(op: &Operation) -> String {
    format!("`{}` (`{} {}`)", op.id, op.method.as_str(), op.path)
}

/// A bare Rust identifier (without `r#`).
pub fn bare(rust: &str) -> &str {
    crate::ident::bare(rust)
}
