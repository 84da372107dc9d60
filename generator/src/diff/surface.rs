//! One side of the diff: the IR with the surface the generator decided for it, so that the
//! report names the real Rust items (`extra_2`, `Option<Box<Node>>`, `with_options_2`). Nothing
//! here works a name or type out again: it only looks them up in [`Surface`]. Types are written
//! without the `rt::` and `std::collections::` paths ([`RustType::short`]).

use crate::ir::*;
use crate::surface::{ExtraMap, FieldSurface, OperationSurface, RustType, Surface};
use std::collections::HashMap;

/// A lowered spec and its surface, looked up by type name, field wire name and operationId.
/// Dereferences to the [`Api`].
pub struct View<'a> {
    pub api: &'a Api,
    fields: HashMap<(&'a str, &'a str), &'a FieldSurface>,
    extras: HashMap<&'a str, &'a ExtraMap>,
    operations: HashMap<&'a str, &'a OperationSurface>,
}

impl<'a> View<'a> {
    pub fn new(api: &'a Api, surface: &'a Surface) -> Self {
        let mut fields = HashMap::new();
        let mut extras = HashMap::new();
        for (i, t) in api.types.iter().enumerate() {
            if let (TypeKind::Struct(s), Some(ss)) = (&t.kind, surface.structure(i)) {
                for (f, fs) in s.fields.iter().zip(&ss.fields) {
                    fields.insert((t.name.as_str(), f.wire.as_str()), fs);
                }
                if let Some(e) = &ss.extra {
                    extras.insert(t.name.as_str(), e);
                }
            }
        }
        let operations = api
            .operations
            .iter()
            .zip(&surface.operations)
            .map(|(o, s)| (o.id.as_str(), s))
            .collect();
        View {
            api,
            fields,
            extras,
            operations,
        }
    }

    /// The surface of field `f` of struct `t`.
    fn field(&self, t: &TypeDef, f: &Field) -> Option<&'a FieldSurface> {
        self.fields
            .get(&(t.name.as_str(), f.wire.as_str()))
            .copied()
    }

    /// The Rust field name (without `r#`).
    pub fn field_name<'f>(&self, t: &TypeDef, f: &'f Field) -> &'f str
    where
        'a: 'f,
    {
        self.field(t, f).map_or(bare(&f.rust), |s| bare(&s.name))
    }

    /// The declared type of a struct field, wrappers and `Box` included.
    pub fn field_type(&self, t: &TypeDef, f: &Field) -> String {
        self.field(t, f)
            .map_or_else(|| ty(&f.shape), |s| s.ty.short())
    }

    /// What the field's value is wrapped in.
    pub fn wrapper(&self, t: &TypeDef, f: &Field) -> Option<crate::surface::Wrapper> {
        self.field(t, f).map(|s| s.wrapper)
    }

    /// The setter of an optional field and the `clear_*` method of a three-state one.
    pub fn setters(&self, t: &TypeDef, f: &Field) -> (Option<&'a str>, Option<&'a str>) {
        self.field(t, f).map_or((None, None), |s| {
            (s.setter.as_deref().map(bare), s.clear.as_deref().map(bare))
        })
    }

    /// Whether the field is an argument of the struct's `new()`.
    pub fn is_new_arg(&self, t: &TypeDef, f: &Field) -> bool {
        self.field(t, f).is_some_and(|s| s.is_new_arg(f))
    }

    /// Whether `new()` fills the field in (a required single-value enum).
    pub fn is_fixed(&self, t: &TypeDef, f: &Field) -> bool {
        self.field(t, f).is_some_and(|s| s.fixed.is_some())
    }

    /// The struct's map of undeclared properties: its field name, value type and setter.
    pub fn extra(&self, t: &TypeDef) -> Option<(&'a str, String, Option<&'a str>)> {
        self.extras.get(t.name.as_str()).map(|e| {
            (
                bare(&e.field),
                e.value.short(),
                e.setter.as_deref().map(bare),
            )
        })
    }

    fn operation(&self, op: &Operation) -> Option<&'a OperationSurface> {
        self.operations.get(op.id.as_str()).copied()
    }

    /// The client method of an operation (without `r#`).
    pub fn method<'o>(&self, op: &'o Operation) -> &'o str
    where
        'a: 'o,
    {
        self.operation(op)
            .map_or(bare(&op.rust), |s| bare(&s.method))
    }

    /// The `*_stream` method of an operation, if it has one.
    pub fn stream(&self, op: &Operation) -> Option<&'a str> {
        self.operation(op)?.stream.as_ref().map(|s| bare(&s.method))
    }

    /// The `*_streamed` method of an operation whose success response also streams, and what
    /// it returns (inside `Result`).
    pub fn streamed(&self, op: &Operation) -> Option<(&'a str, String)> {
        let s = self.operation(op)?.streamed.as_ref()?;
        Some((bare(&s.method), s.returns.short()))
    }

    /// The type of the argument `name` (a parameter's Rust name, `params` or `body`).
    pub fn arg_type(&self, op: &Operation, name: &str) -> String {
        self.operation(op)
            .and_then(|s| s.args.iter().find(|(n, _)| n == name))
            .map_or_else(String::new, |(_, t)| t.short())
    }

    /// What the method returns (inside `Result`).
    pub fn return_type(&self, op: &Operation) -> String {
        self.operation(op)
            .map_or_else(String::new, |s| s.returns.short())
    }

    /// `Client::<method>`, with the stream and streamed methods when there are; and whether
    /// there are several.
    pub fn methods(&self, op: &Operation) -> (String, bool) {
        let names: Vec<String> = std::iter::once(self.method(op))
            .chain(self.stream(op))
            .chain(self.streamed(op).map(|s| s.0))
            .map(|n| format!("`Client::{n}`"))
            .collect();
        (names.join(", "), names.len() > 1)
    }
}

impl std::ops::Deref for View<'_> {
    type Target = Api;
    fn deref(&self) -> &Api {
        self.api
    }
}

/// The Rust type of a value, without the `Option` for nullability at the top.
pub fn ty(s: &Shape) -> String {
    RustType::value(s).short()
}

/// As [`ty`], in an `Option` when the value is nullable (`Value` holds `null` itself).
pub fn ty_nullable(s: &Shape) -> String {
    RustType::nullable(s).short()
}

/// `createPersona` (`POST /v1/personas`).
pub fn op_name(op: &Operation) -> String {
    format!("`{}` (`{} {}`)", op.id, op.method.as_str(), op.path)
}

/// A bare Rust identifier (without `r#`).
pub fn bare(rust: &str) -> &str {
    crate::ident::bare(rust)
}
