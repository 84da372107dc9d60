//! Stage 3, check: problems that only show on the lowered whole (patterns the regex engine
//! cannot compile, discriminated variants used on their own).

use crate::diag::{join, Sink};
use crate::ir::*;

pub fn check(api: &Api, sink: &mut Sink) {
    for t in &api.types {
        match &t.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    check_shape(&f.shape, &f.pointer, sink);
                }
            }
            TypeKind::Untagged(u) => {
                for v in &u.variants {
                    check_shape(&v.shape, &t.pointer, sink);
                }
            }
            _ => {}
        }
    }
    for op in &api.operations {
        for p in &op.params {
            check_shape(&p.shape, &join(&op.pointer, "parameters"), sink);
        }
    }
    // A struct that is the payload of a discriminated variant loses its discriminator property;
    // used anywhere else it would be sent without it.
    let variant_structs: Vec<&str> = api
        .types
        .iter()
        .filter_map(|t| {
            if let TypeKind::Tagged(u) = &t.kind {
                Some(u)
            } else {
                None
            }
        })
        .flat_map(|u| u.variants.iter().map(|v| v.ty.as_str()))
        .collect();
    for t in &api.types {
        let TypeKind::Struct(s) = &t.kind else {
            continue;
        };
        for f in &s.fields {
            if let Ty::Named(n) = &f.shape.ty {
                if variant_structs.contains(&n.as_str()) {
                    sink.warning(
                        &f.pointer,
                        format!("`{n}` is a variant of a discriminated `oneOf` and is used directly here; its discriminator property is not sent"),
                        Some("refer to the `oneOf` schema instead".to_owned()),
                    );
                }
            }
        }
    }
}

fn check_shape(s: &Shape, pointer: &str, sink: &mut Sink) {
    // Patterns are checked (and unusable ones dropped with a warning) while lowering; this is a
    // safety net so that generated code never carries a pattern the runtime cannot compile.
    if let Some(p) = &s.rules.pattern {
        if regex::Regex::new(p).is_err() {
            sink.error(
                &join(pointer, "pattern"),
                format!("internal error: pattern `{p}` survived lowering"),
                None,
            );
        }
    }
    if let Ty::Array(i) | Ty::Map(i) = &s.ty {
        check_shape(i, pointer, sink);
    }
}
