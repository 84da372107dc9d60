//! Named types, matched by Rust name, and struct fields, matched by wire name (with the
//! `extra` map). Enums and unions are compared in `variants`.

use super::bounds;
use super::rule::Rule;
use super::surface::{self, bare, Wrapper};
use super::{variants, Out};
use crate::ir::*;
use std::collections::BTreeSet;

/// Every type name of either side, in name order: added, removed, or compared.
pub fn compare(old: &Api, new: &Api, out: &mut Out) {
    let names: BTreeSet<&str> = old
        .types
        .iter()
        .chain(&new.types)
        .map(|t| t.name.as_str())
        .collect();
    for name in names {
        let o = old.types.iter().find(|t| t.name == name);
        let n = new.types.iter().find(|t| t.name == name);
        match (o, n) {
            (None, Some(n)) => out.push(
                Rule::TypeAdded,
                &n.pointer,
                format!("new {} `{}`", kind_name(n), n.name),
            ),
            (Some(o), None) => out.push(
                Rule::TypeRemoved,
                &o.pointer,
                format!("{} `{}` removed", kind_name(o), o.name),
            ),
            (Some(o), Some(n)) => typedef((old, o), (new, n), out),
            (None, None) => {}
        }
    }
}

fn kind_name(t: &TypeDef) -> &'static str {
    match &t.kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(e) if e.integer => "integer enum",
        TypeKind::Enum(_) => "enum",
        TypeKind::Tagged(_) => "tagged union",
        TypeKind::Untagged(_) => "untagged union",
    }
}

type Side<'a> = (&'a Api, &'a TypeDef);

fn typedef(old: Side<'_>, new: Side<'_>, out: &mut Out) {
    let (o, n) = (old.1, new.1);
    match (&o.kind, &n.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => structs(old, a, new, b, out),
        (TypeKind::Enum(a), TypeKind::Enum(b)) if a.integer == b.integer => {
            variants::enums(o, a, n, b, out)
        }
        (TypeKind::Tagged(a), TypeKind::Tagged(b)) => variants::tagged(n, a, b, out),
        (TypeKind::Untagged(a), TypeKind::Untagged(b)) => variants::untagged(o, a, n, b, out),
        _ => out.push(
            Rule::TypeKindChanged,
            &n.pointer,
            format!(
                "`{}` is now {} {} (was {} {})",
                n.name,
                article(kind_name(n)),
                kind_name(n),
                article(kind_name(o)),
                kind_name(o)
            ),
        ),
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn structs(old: Side<'_>, a: &Struct, new: Side<'_>, b: &Struct, out: &mut Out) {
    let (o, n) = (old.1, new.1);
    for nf in &b.fields {
        match a.fields.iter().find(|f| f.wire == nf.wire) {
            Some(of) => field(old, of, new, nf, out),
            None => added_field(new, nf, out),
        }
    }
    for of in &a.fields {
        if !b.fields.iter().any(|f| f.wire == of.wire) {
            out.push(
                Rule::FieldRemoved,
                &of.pointer,
                format!(
                    "`{}.{}` removed (the field `{}` is gone)",
                    o.name,
                    of.wire,
                    bare(&of.rust)
                ),
            );
        }
    }
    extra(o, a, n, b, out);
}

fn added_field((api, t): Side<'_>, f: &Field, out: &mut Out) {
    let name = &t.name;
    if surface::is_new_arg(api, f) {
        let decode = if t.in_response {
            ", and a response without it no longer decodes"
        } else {
            ""
        };
        out.push(
            Rule::RequiredFieldAdded,
            &f.pointer,
            format!(
                "`{name}` has a new required field `{}`: `{name}::new` takes a new argument `{}`{decode}",
                f.wire,
                bare(&f.rust)
            ),
        );
        return;
    }
    let how = if surface::is_fixed(api, f) {
        " (a single-value enum, filled in by `new`)".to_owned()
    } else if t.in_request {
        format!(" (setter `{}`)", bare(&f.rust))
    } else {
        String::new()
    };
    let which = if f.required { "required" } else { "optional" };
    out.push(
        Rule::FieldAdded,
        &f.pointer,
        format!(
            "`{name}` has a new {which} field `{}`: `{}`{how}",
            f.wire,
            surface::field_type(t, f)
        ),
    );
}

fn field(old: Side<'_>, of: &Field, new: Side<'_>, nf: &Field, out: &mut Out) {
    let (o, n) = (old.1, new.1);
    let subject = format!("`{}.{}`", n.name, nf.wire);
    let p = nf.pointer.as_str();
    if bare(&of.rust) != bare(&nf.rust) {
        out.push(
            Rule::FieldRenamed,
            p,
            format!(
                "{subject}: the Rust field is now `{}` (was `{}`)",
                bare(&nf.rust),
                bare(&of.rust)
            ),
        );
    }
    let same_type = bounds::same_type(&of.shape, &nf.shape);
    if !same_type {
        out.push(
            Rule::FieldTypeChanged,
            p,
            format!(
                "{subject} is now `{}` (was `{}`)",
                surface::ty(&nf.shape),
                surface::ty(&of.shape)
            ),
        );
    }
    let (ta, tb) = (surface::field_type(o, of), surface::field_type(n, nf));
    let type_changed = ta != tb && same_type;
    let (arg_a, arg_b) = (
        surface::is_new_arg(old.0, of),
        surface::is_new_arg(new.0, nf),
    );
    if of.required != nf.required {
        let field = if type_changed {
            format!("the field is `{tb}` (was `{ta}`), ")
        } else {
            String::new()
        };
        let what = if nf.required {
            format!(
                "is now required: {field}`{}::new` takes it as an argument and its setter is gone",
                n.name
            )
        } else {
            format!(
                "is now optional: {field}`{}::new` no longer takes it and it has a setter",
                n.name
            )
        };
        out.push(Rule::FieldRequiredChanged, p, format!("{subject} {what}"));
    } else if arg_a != arg_b {
        let what = if arg_b { "takes" } else { "no longer takes" };
        out.push(
            Rule::FieldRequiredChanged,
            p,
            format!(
                "`{}::new` {what} {subject} as an argument (its enum's number of values changed)",
                n.name
            ),
        );
    } else if surface::wrapper(o, of) != surface::wrapper(n, nf) {
        let rule = if of.shape.nullable != nf.shape.nullable {
            Rule::FieldNullabilityChanged
        } else {
            Rule::FieldThreeStateChanged
        };
        let what = match (
            surface::wrapper(n, nf),
            of.shape.nullable != nf.shape.nullable,
        ) {
            (Wrapper::Patch, _) => format!(
                "is now three-state (unchanged, cleared with `clear_{}`, or set)",
                bare(&nf.rust)
            ),
            (_, _) if surface::wrapper(o, of) == Wrapper::Patch => {
                "is no longer three-state".to_owned()
            }
            (_, true) if nf.shape.nullable => "is now nullable".to_owned(),
            (_, true) => "is no longer nullable".to_owned(),
            (_, false) => "changed wrapper".to_owned(),
        };
        out.push(
            rule,
            p,
            format!("{subject} {what}: the field is `{tb}` (was `{ta}`)"),
        );
    } else if of.shape.nullable != nf.shape.nullable
        && !nf.required
        && o.in_response
        && n.in_response
    {
        // Optional field, still `Option<T>`: only decoding of responses notices. A request-only
        // model never sends `null` for an optional field (`None` is left out), so nothing changes
        // there and nothing is reported.
        if nf.shape.nullable {
            out.push(
                Rule::FieldNullAccepted,
                p,
                format!("{subject} may now be `null` in a response (it reads as `None`)"),
            );
        } else {
            out.push(
                Rule::FieldNullRefused,
                p,
                format!("{subject} may no longer be `null`: a response with `null` there fails to decode"),
            );
        }
    }
    if same_type {
        bounds::compare_shape(&of.shape, &nf.shape, &subject, p, out);
    }
}

/// The `extra` map (undeclared properties) and its `with_extra` setter.
fn extra(o: &TypeDef, a: &Struct, n: &TypeDef, b: &Struct, out: &mut Out) {
    let name = &n.name;
    let pointer = if b.extra.is_some() {
        format!("{}/additionalProperties", n.pointer)
    } else {
        n.pointer.clone()
    };
    let setter = if b.extra.is_some() {
        " and a `with_extra` setter"
    } else {
        ""
    };
    match (surface::extra(o, a), surface::extra(n, b)) {
        (None, Some(t)) => out.push(
            Rule::ExtraAdded,
            &pointer,
            format!("`{name}` keeps properties the spec does not declare: a new field `extra: BTreeMap<String, {t}>`{setter}"),
        ),
        (Some(_), None) => out.push(
            Rule::ExtraRemoved,
            &pointer,
            format!("`{name}.extra` is gone (undeclared properties are no longer kept)"),
        ),
        (Some(x), Some(y)) if x != y => out.push(
            Rule::ExtraChanged,
            &pointer,
            format!("`{name}.extra` now holds `{y}` values (was `{x}`)"),
        ),
        _ if a.extra.is_some() != b.extra.is_some() => {
            if b.extra.is_some() {
                out.push(
                    Rule::ExtraAdded,
                    &pointer,
                    format!("new setter `{name}::with_extra` (the schema now allows additional properties)"),
                );
            } else {
                out.push(
                    Rule::ExtraRemoved,
                    &pointer,
                    format!("`{name}::with_extra` is gone (the schema no longer allows additional properties)"),
                );
            }
        }
        _ => {}
    }
}
