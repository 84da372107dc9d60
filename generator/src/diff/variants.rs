//! Enum values and union variants: enums by wire value, tagged unions by discriminator value,
//! untagged unions by variant name and order; and openness (`Unknown(..)`/`Other(..)`), which
//! follows whether the type is reachable from a response.

use super::bounds;
use super::rule::Rule;
use super::surface;
use super::Out;
use crate::ir::*;

fn value_text(v: &EnumValue) -> String {
    match v {
        EnumValue::Str(s) => s.clone(),
        EnumValue::Int(i) => i.to_string(),
    }
}

pub fn enums(o: &TypeDef, a: &Enum, n: &TypeDef, b: &Enum, out: &mut Out) {
    let name = &n.name;
    let at = format!("{}/enum", n.pointer);
    openness(o, n, "`Unknown(..)`", out);
    for v in &b.variants {
        match a.variants.iter().find(|x| x.value == v.value) {
            None => out.push(
                Rule::VariantAdded,
                &at,
                format!(
                    "`{name}` has a new value `{}` (`{name}::{}`; a `match` listing every variant needs a new arm)",
                    value_text(&v.value),
                    v.rust
                ),
            ),
            Some(x) if x.rust != v.rust => out.push(
                Rule::VariantChanged,
                &at,
                format!(
                    "`{name}`: the value `{}` is now `{name}::{}` (was `{name}::{}`)",
                    value_text(&v.value),
                    v.rust,
                    x.rust
                ),
            ),
            Some(_) => {}
        }
    }
    for x in &a.variants {
        if !b.variants.iter().any(|v| v.value == x.value) {
            let decode = if n.in_response {
                " (the server's value now decodes into `Unknown`)"
            } else {
                ""
            };
            out.push(
                Rule::VariantRemoved,
                &format!("{}/enum", o.pointer),
                format!(
                    "`{name}` no longer has the value `{}`: `{name}::{}` is gone{decode}",
                    value_text(&x.value),
                    x.rust
                ),
            );
        }
    }
}

/// Enums reachable from a response are open (`Unknown(..)`), unions have `Other(..)`.
fn openness(o: &TypeDef, n: &TypeDef, fallback: &str, out: &mut Out) {
    if o.in_response == n.in_response {
        return;
    }
    let is_enum = matches!(n.kind, TypeKind::Enum(_));
    let what = match (n.in_response, is_enum) {
        (true, true) => format!("is now open (it is in a response): a new variant {fallback} holds values the spec does not list; it is no longer `Copy`, and `as_str` takes `&self` and is no longer `const`"),
        (false, true) => format!("is now closed (no longer in a response): the {fallback} variant is gone; it is `Copy`"),
        (true, false) => format!("is now in a response: a new variant {fallback} holds a value matching no variant"),
        (false, false) => format!("is no longer in a response: the {fallback} variant is gone"),
    };
    out.push(
        Rule::OpennessChanged,
        &n.pointer,
        format!("`{}` {what}", n.name),
    );
}

pub fn tagged(n: &TypeDef, a: &Tagged, b: &Tagged, out: &mut Out) {
    let name = &n.name;
    if a.tag != b.tag {
        out.push(
            Rule::TagChanged,
            &format!("{}/discriminator", n.pointer),
            format!("`{name}` is tagged by `{}` (was `{}`)", b.tag, a.tag),
        );
    }
    let at = format!("{}/oneOf", n.pointer);
    for v in &b.variants {
        match a.variants.iter().find(|x| x.value == v.value) {
            None => out.push(
                Rule::VariantAdded,
                &at,
                format!(
                    "`{name}` has a new variant `{name}::{}({})` for `{}: {}` (a `match` listing every variant needs a new arm)",
                    v.rust, v.ty, b.tag, v.value
                ),
            ),
            Some(x) if (&x.rust, &x.ty) != (&v.rust, &v.ty) => out.push(
                Rule::VariantChanged,
                &at,
                format!(
                    "`{name}`: `{}: {}` is now `{name}::{}({})` (was `{name}::{}({})`)",
                    b.tag, v.value, v.rust, v.ty, x.rust, x.ty
                ),
            ),
            Some(_) => {}
        }
    }
    for x in &a.variants {
        if !b.variants.iter().any(|v| v.value == x.value) {
            out.push(
                Rule::VariantRemoved,
                &at,
                format!(
                    "`{name}` no longer has the variant `{name}::{}` (`{}: {}`)",
                    x.rust, a.tag, x.value
                ),
            );
        }
    }
}

pub fn untagged(o: &TypeDef, a: &Untagged, n: &TypeDef, b: &Untagged, out: &mut Out) {
    let name = &n.name;
    let at = format!("{}/oneOf", n.pointer);
    openness(o, n, "`Other(..)`", out);
    for v in &b.variants {
        match a.variants.iter().find(|x| x.rust == v.rust) {
            None => out.push(
                Rule::VariantAdded,
                &at,
                format!(
                    "`{name}` has a new variant `{name}::{}({})` (a `match` listing every variant needs a new arm)",
                    v.rust,
                    surface::ty_nullable(&v.shape)
                ),
            ),
            Some(x) => {
                let (ta, tb) = (
                    surface::ty_nullable(&x.shape),
                    surface::ty_nullable(&v.shape),
                );
                if ta != tb {
                    out.push(
                        Rule::VariantChanged,
                        &at,
                        format!("`{name}::{}` now holds `{tb}` (was `{ta}`)", v.rust),
                    );
                } else {
                    let subject = format!("`{name}::{}`", v.rust);
                    bounds::compare_shape(&x.shape, &v.shape, &subject, &at, out);
                }
            }
        }
    }
    for x in &a.variants {
        if !b.variants.iter().any(|v| v.rust == x.rust) {
            out.push(
                Rule::VariantRemoved,
                &at,
                format!("`{name}` no longer has the variant `{name}::{}`", x.rust),
            );
        }
    }
    let common = |p: &Untagged, q: &Untagged| -> Vec<String> {
        p.variants
            .iter()
            .filter(|v| q.variants.iter().any(|x| x.rust == v.rust))
            .map(|v| v.rust.clone())
            .collect()
    };
    if common(a, b) != common(b, a) {
        out.push(
            Rule::VariantOrderChanged,
            &at,
            format!(
                "`{name}` tries its variants in another order ({}): a value may decode into another variant",
                common(b, a).join(", ")
            ),
        );
    }
}
