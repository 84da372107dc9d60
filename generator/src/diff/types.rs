//! Named types, matched by Rust name, and struct fields, matched by wire name (with the
//! `extra` map). Enums and unions are compared in `variants`.

use super::bounds;
use super::rule::Rule;
use super::surface::{self, View};
use super::{variants, Out};
use crate::ir::*;
use crate::surface::Wrapper;
use std::collections::BTreeSet;

/// Every type name of either side, in name order: added, removed, or compared.
pub fn compare(old: &View<'_>, new: &View<'_>, out: &mut Out) {
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

type Side<'a> = (&'a View<'a>, &'a TypeDef);

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
    let o = old.1;
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
                    old.0.field_name(o, of)
                ),
            );
        }
    }
    extra(old, new, b, out);
}

fn added_field((view, t): Side<'_>, f: &Field, out: &mut Out) {
    let name = &t.name;
    if view.is_new_arg(t, f) {
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
                view.field_name(t, f)
            ),
        );
        return;
    }
    let how = if view.is_fixed(t, f) {
        " (a single-value enum, filled in by `new`)".to_owned()
    } else if let (true, (Some(setter), _)) = (t.in_request, view.setters(t, f)) {
        format!(" (setter `{setter}`)")
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
            view.field_type(t, f)
        ),
    );
}

fn field(old: Side<'_>, of: &Field, new: Side<'_>, nf: &Field, out: &mut Out) {
    let (o, n) = (old.1, new.1);
    let subject = format!("`{}.{}`", n.name, nf.wire);
    let p = nf.pointer.as_str();
    let (name_a, name_b) = (old.0.field_name(o, of), new.0.field_name(n, nf));
    if name_a != name_b {
        out.push(
            Rule::FieldRenamed,
            p,
            format!("{subject}: the Rust field is now `{name_b}` (was `{name_a}`)"),
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
    let (ta, tb) = (old.0.field_type(o, of), new.0.field_type(n, nf));
    let type_changed = ta != tb && same_type;
    let (arg_a, arg_b) = (old.0.is_new_arg(o, of), new.0.is_new_arg(n, nf));
    let (wrap_a, wrap_b) = (old.0.wrapper(o, of), new.0.wrapper(n, nf));
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
    } else if wrap_a != wrap_b {
        let rule = if of.shape.nullable != nf.shape.nullable {
            Rule::FieldNullabilityChanged
        } else {
            Rule::FieldThreeStateChanged
        };
        let what = match (wrap_b, of.shape.nullable != nf.shape.nullable) {
            (Some(Wrapper::Patch), _) => format!(
                "is now three-state (unchanged, cleared with `{}`, or set)",
                new.0.setters(n, nf).1.unwrap_or_default()
            ),
            (_, _) if wrap_a == Some(Wrapper::Patch) => "is no longer three-state".to_owned(),
            (_, true) if nf.shape.nullable => "is now nullable".to_owned(),
            (_, true) => "is no longer nullable".to_owned(),
            (_, false) => "changed wrapper".to_owned(),
        };
        out.push(
            rule,
            p,
            format!("{subject} {what}: the field is `{tb}` (was `{ta}`)"),
        );
    } else if type_changed {
        // Same wire type and wrapper, another Rust type: a `Box` that recursion added or removed.
        out.push(
            Rule::FieldTypeChanged,
            p,
            format!("{subject}: the field is now `{tb}` (was `{ta}`)"),
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

/// The map of undeclared properties (`extra`, or `extra_2`, ... when a property takes the
/// name) and its setter (`with_extra`, or another name when a setter takes that one).
fn extra(old: Side<'_>, new: Side<'_>, b: &Struct, out: &mut Out) {
    let n = new.1;
    let name = &n.name;
    let pointer = if b.extra.is_some() {
        format!("{}/additionalProperties", n.pointer)
    } else {
        n.pointer.clone()
    };
    let (xa, xb) = (old.0.extra(old.1), new.0.extra(n));
    fn setter<'s>(x: &Option<(&'s str, String, Option<&'s str>)>) -> Option<&'s str> {
        x.as_ref().and_then(|x| x.2)
    }
    match (&xa, &xb) {
        (None, Some((field, t, _))) => {
            let setter = setter(&xb)
                .map(|s| format!(" and a `{s}` setter"))
                .unwrap_or_default();
            out.push(
                Rule::ExtraAdded,
                &pointer,
                format!("`{name}` keeps properties the spec does not declare: a new field `{field}: BTreeMap<String, {t}>`{setter}"),
            )
        }
        (Some((field, _, _)), None) => out.push(
            Rule::ExtraRemoved,
            &pointer,
            format!("`{name}.{field}` is gone (undeclared properties are no longer kept)"),
        ),
        (Some((fa, x, _)), Some((fb, y, _))) if fa != fb => out.push(
            Rule::ExtraChanged,
            &pointer,
            format!("`{name}.{fa}` is now `{name}.{fb}` (holding `{y}` values, was `{x}`)"),
        ),
        (Some((field, x, _)), Some((_, y, _))) if x != y => out.push(
            Rule::ExtraChanged,
            &pointer,
            format!("`{name}.{field}` now holds `{y}` values (was `{x}`)"),
        ),
        _ => match (setter(&xa), setter(&xb)) {
            (None, Some(s)) => out.push(
                Rule::ExtraAdded,
                &pointer,
                format!("new setter `{name}::{s}` (the schema now allows additional properties)"),
            ),
            (Some(s), None) => out.push(
                Rule::ExtraRemoved,
                &pointer,
                format!(
                    "`{name}::{s}` is gone (the schema no longer allows additional properties)"
                ),
            ),
            _ => {}
        },
    }
}
