//! `allOf` of scalars (`[{type: string, minLength: 1}, {type: string, maxLength: 9}]`): one value
//! of the members' type, checked against every member's constraints. A member of another type
//! cannot hold the same value, so its constraints are left out with a warning.

use super::view::View;
use super::Lowerer;
use crate::ir::*;

impl<'a> Lowerer<'a> {
    /// Adds to `shape` (lowered from member `chosen` of the `allOf` of `v`, at `pointer`) the
    /// constraints of the schema itself and of its other members: the tighter bound of each kind
    /// wins. A member whose type differs from the chosen one's is left out with a warning.
    pub(super) fn combine_scalar_all_of(
        &mut self,
        v: &View<'a>,
        chosen: usize,
        shape: &mut Shape,
        pointer: &str,
    ) {
        let Some(kind) = scalar_kind(&shape.ty) else {
            return;
        };
        let own = self.rules(v, pointer);
        self.tighten(&mut shape.rules, own, pointer);
        for (i, m) in v.all_of.iter().enumerate() {
            if i == chosen {
                continue;
            }
            let Some(schema) = self.schema_of(*m) else {
                continue;
            };
            let mv = View::of(schema);
            let ptr = format!("{pointer}/allOf/{i}");
            match mv.typ {
                Some(t) if !same_kind(kind, t) => self.sink.warning(
                    &ptr,
                    format!("`allOf` member of type `{t}` cannot hold the same value as the `{kind}` members; its constraints are left out"),
                    Some(format!("give every `allOf` member the type `{kind}`, or use `oneOf` for alternatives")),
                ),
                _ => {
                    let rules = self.rules(&mv, &ptr);
                    self.tighten(&mut shape.rules, rules, &ptr);
                }
            }
        }
    }

    /// `into` and `other` both hold: the larger lower bound, the smaller upper bound. Two
    /// different patterns cannot be one regex (the engine has no look-ahead): the first is
    /// kept and a warning says the second is not checked.
    fn tighten(&mut self, into: &mut Rules, other: Rules, pointer: &str) {
        into.min_length = max(into.min_length, other.min_length);
        into.max_length = min(into.max_length, other.max_length);
        into.min_items = max(into.min_items, other.min_items);
        into.max_items = min(into.max_items, other.max_items);
        into.unique_items |= other.unique_items;
        into.format = into.format.or(other.format);
        match (into.minimum, other.minimum) {
            (Some(a), Some(b)) if a == b => into.exclusive_minimum |= other.exclusive_minimum,
            (Some(a), Some(b)) if a > b => {}
            (_, Some(b)) => {
                into.minimum = Some(b);
                into.exclusive_minimum = other.exclusive_minimum;
            }
            _ => {}
        }
        match (into.maximum, other.maximum) {
            (Some(a), Some(b)) if a == b => into.exclusive_maximum |= other.exclusive_maximum,
            (Some(a), Some(b)) if a < b => {}
            (_, Some(b)) => {
                into.maximum = Some(b);
                into.exclusive_maximum = other.exclusive_maximum;
            }
            _ => {}
        }
        match (&into.pattern, other.pattern) {
            (Some(a), Some(b)) if *a != b => self.sink.warning(
                &crate::diag::join(pointer, "pattern"),
                format!("a second pattern `{b}` for the same value is not checked (only `{a}` is)"),
                Some("combine the patterns into one".to_owned()),
            ),
            (None, Some(b)) => into.pattern = Some(b),
            _ => {}
        }
    }
}

/// The JSON Schema type of a scalar shape whose constraints are checked, if it is one.
fn scalar_kind(ty: &Ty) -> Option<&'static str> {
    Some(match ty {
        Ty::String | Ty::DateTime | Ty::Date => "string",
        Ty::Integer { .. } => "integer",
        Ty::Number => "number",
        Ty::Boolean => "boolean",
        Ty::Array(_) => "array",
        _ => return None,
    })
}

/// Whether a member of type `t` can hold a value of the kind `kind` (an integer is a number).
fn same_kind(kind: &str, t: &str) -> bool {
    kind == t || (kind == "integer" && t == "number")
}

fn max<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b > a { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn min<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b < a { b } else { a }),
        (a, b) => a.or(b),
    }
}

impl Lowerer<'_> {
    /// An `allOf` member of type `t` (at `pointer`, or the target of its `$ref`), which no
    /// object value can satisfy: it is left out of the struct.
    pub(super) fn not_an_object(&mut self, t: &str, pointer: &str, reference: Option<&str>) {
        let member = match reference {
            Some(r) => format!("`allOf` member `$ref: {r}` (type `{t}`)"),
            None => format!("`allOf` member of type `{t}`"),
        };
        self.sink.warning(
            pointer,
            format!("{member} cannot be merged into an object; it is left out (no value is both)"),
            Some("remove the member, or make it an object schema".to_owned()),
        );
    }

    /// An object schema's own `type: t` beside its properties or `allOf` objects: ignored.
    pub(super) fn ignore_type(&mut self, t: &str, pointer: &str) {
        self.sink.warning(
            &crate::diag::join(pointer, "type"),
            format!("`type: {t}` beside object properties or `allOf` objects is ignored; the schema is generated as an object"),
            Some("remove `type`, or make it `object`".to_owned()),
        );
    }
}
