//! Rust types as the generated module writes them: the one place that maps a spec [`Shape`] to
//! a Rust type, wrappers (`Option`, `Box`, `rt::Patch`, `Vec`) included.

use crate::ir::{Shape, Ty};
use std::fmt;

/// A type of the standard library or the runtime that a shape maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    String,
    DateTime,
    Date,
    I32,
    I64,
    F64,
    Bool,
    /// Any JSON value (`rt::Value`).
    Value,
    /// A free-form JSON object (`rt::Map`).
    Object,
    /// A non-JSON body's bytes (`rt::Bytes`).
    Bytes,
    /// A multipart body's part (`rt::Part`).
    Part,
    U8,
    /// `()`: a response without a body.
    Unit,
    /// `&str`: a string argument.
    Str,
}

impl Prim {
    /// The type's path as the generated module writes it.
    pub fn path(self) -> &'static str {
        match self {
            Prim::String => "String",
            Prim::DateTime => "rt::DateTime",
            Prim::Date => "rt::Date",
            Prim::I32 => "i32",
            Prim::I64 => "i64",
            Prim::F64 => "f64",
            Prim::Bool => "bool",
            Prim::Value => "rt::Value",
            Prim::Object => "rt::Map",
            Prim::Bytes => "rt::Bytes",
            Prim::Part => "rt::Part",
            Prim::U8 => "u8",
            Prim::Unit => "()",
            Prim::Str => "&str",
        }
    }
}

/// A Rust type of the generated module's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    Prim(Prim),
    /// A named type of this module (its Rust name).
    Named(String),
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `std::collections::BTreeMap<String, T>`.
    Map(Box<RustType>),
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `Box<T>`: a member that recursion would give infinite size.
    Boxed(Box<RustType>),
    /// `rt::Patch<T>`: a three-state field of an update body.
    Patch(Box<RustType>),
    /// `&T`.
    Ref(Box<RustType>),
    /// `&[T]`.
    Slice(Box<RustType>),
    /// `ItemStream<T>`: a streamed response's items (the module's alias of `rt::ItemStream`).
    Items(Box<RustType>),
}

impl RustType {
    /// The type of a value of `shape`, without the `Option` for nullability at the top.
    pub fn value(shape: &Shape) -> RustType {
        match &shape.ty {
            Ty::String => RustType::Prim(Prim::String),
            Ty::DateTime => RustType::Prim(Prim::DateTime),
            Ty::Date => RustType::Prim(Prim::Date),
            Ty::Integer { bits32: true } => RustType::Prim(Prim::I32),
            Ty::Integer { bits32: false } => RustType::Prim(Prim::I64),
            Ty::Number => RustType::Prim(Prim::F64),
            Ty::Boolean => RustType::Prim(Prim::Bool),
            Ty::Any => RustType::Prim(Prim::Value),
            Ty::Object => RustType::Prim(Prim::Object),
            Ty::Array(item) => RustType::Vec(Box::new(RustType::nullable(item))),
            Ty::Map(v) => RustType::Map(Box::new(RustType::nullable(v))),
            Ty::Named(n) => RustType::Named(n.clone()),
        }
    }

    /// As [`RustType::value`], in an `Option` when the shape is nullable (`rt::Value` holds
    /// `null` itself).
    pub fn nullable(shape: &Shape) -> RustType {
        let t = RustType::value(shape);
        if shape.nullable && !matches!(shape.ty, Ty::Any) {
            RustType::Option(Box::new(t))
        } else {
            t
        }
    }

    pub fn option(self) -> RustType {
        RustType::Option(Box::new(self))
    }

    pub fn boxed(self) -> RustType {
        RustType::Boxed(Box::new(self))
    }

    pub fn patch(self) -> RustType {
        RustType::Patch(Box::new(self))
    }

    pub fn by_ref(self) -> RustType {
        RustType::Ref(Box::new(self))
    }

    /// The type as a reader of a diff sees it: without the `rt::` and `std::collections::`
    /// paths.
    pub fn short(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, true);
        s
    }

    fn write(&self, out: &mut String, short: bool) {
        let wrap = |name: &str, inner: &RustType, out: &mut String| {
            out.push_str(name);
            out.push('<');
            inner.write(out, short);
            out.push('>');
        };
        match self {
            RustType::Prim(p) if short => out.push_str(p.path().trim_start_matches("rt::")),
            RustType::Prim(p) => out.push_str(p.path()),
            RustType::Named(n) => out.push_str(n),
            RustType::Vec(t) => wrap("Vec", t, out),
            RustType::Map(t) => {
                out.push_str(if short {
                    "BTreeMap<String, "
                } else {
                    "std::collections::BTreeMap<String, "
                });
                t.write(out, short);
                out.push('>');
            }
            RustType::Option(t) => wrap("Option", t, out),
            RustType::Boxed(t) => wrap("Box", t, out),
            RustType::Patch(t) => wrap(if short { "Patch" } else { "rt::Patch" }, t, out),
            RustType::Ref(t) => {
                out.push('&');
                t.write(out, short);
            }
            RustType::Slice(t) => {
                out.push_str("&[");
                t.write(out, short);
                out.push(']');
            }
            RustType::Items(t) => wrap("ItemStream", t, out),
        }
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write(&mut s, false);
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Rules;

    fn shape(ty: Ty, nullable: bool) -> Shape {
        Shape {
            ty,
            nullable,
            rules: Rules::default(),
        }
    }

    #[test]
    fn shapes_map_to_their_rust_types_with_wrappers() {
        let items = shape(Ty::Array(Box::new(shape(Ty::DateTime, true))), false);
        assert_eq!(
            RustType::value(&items).to_string(),
            "Vec<Option<rt::DateTime>>"
        );
        let map = shape(
            Ty::Map(Box::new(shape(Ty::Named("Pet".into()), false))),
            true,
        );
        assert_eq!(
            RustType::nullable(&map).to_string(),
            "Option<std::collections::BTreeMap<String, Pet>>"
        );
        assert_eq!(
            RustType::nullable(&map).short(),
            "Option<BTreeMap<String, Pet>>"
        );
        // `Value` holds null itself.
        assert_eq!(
            RustType::nullable(&shape(Ty::Any, true)).to_string(),
            "rt::Value"
        );
        let boxed = RustType::Named("Node".into()).boxed().option();
        assert_eq!(boxed.to_string(), "Option<Box<Node>>");
        assert_eq!(boxed.short(), "Option<Box<Node>>");
        let patch = RustType::Prim(Prim::F64).patch();
        assert_eq!(
            (patch.to_string(), patch.short()),
            ("rt::Patch<f64>".into(), "Patch<f64>".into())
        );
        let slice = RustType::Slice(Box::new(RustType::Prim(Prim::String))).option();
        assert_eq!(slice.to_string(), "Option<&[String]>");
    }
}
