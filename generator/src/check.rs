//! Stage 3, check: problems that only show on the lowered whole (patterns the regex engine
//! cannot compile, discriminated variants used on their own).

use crate::diag::{join, Sink};
use crate::ir::*;
use foldhash::{HashMap, HashSet};

pub fn check(api: &Api, sink: &mut Sink) {
    let mut patterns = Patterns::default();
    for t in &api.types {
        match &t.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    check_shape(&f.shape, &f.pointer, &mut patterns, sink);
                }
            }
            TypeKind::Untagged(u) => {
                for v in &u.variants {
                    check_shape(&v.shape, &t.pointer, &mut patterns, sink);
                }
            }
            _ => {}
        }
    }
    for op in &api.operations {
        for p in &op.params {
            let pointer = join(&op.pointer, "parameters");
            check_shape(&p.shape, &pointer, &mut patterns, sink);
        }
    }
    // A struct that is the payload of a discriminated variant loses its discriminator property;
    // used anywhere else it would be sent without it.
    let variant_structs: HashSet<&str> = api
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

/// Whether each distinct pattern compiles, found out once per pattern.
#[derive(Default)]
struct Patterns<'a> {
    compiles: HashMap<&'a str, bool>,
}

impl<'a> Patterns<'a> {
    fn compiles(&mut self, pattern: &'a str) -> bool {
        *self
            .compiles
            .entry(pattern)
            .or_insert_with(|| regex::Regex::new(pattern).is_ok())
    }
}

/// Checks one shape, found at `pointer`, and the shapes inside it.
fn check_shape<'a>(s: &'a Shape, pointer: &str, patterns: &mut Patterns<'a>, sink: &mut Sink) {
    // Patterns are checked (and unusable ones dropped with a warning) while lowering; this is a
    // safety net so that generated code never carries a pattern the runtime cannot compile.
    if let Some(p) = &s.rules.pattern {
        if !patterns.compiles(p) {
            sink.error(
                &join(pointer, "pattern"),
                format!("internal error: pattern `{p}` survived lowering"),
                None,
            );
        }
    }
    if let Ty::Array(i) | Ty::Map(i) = &s.ty {
        check_shape(i, pointer, patterns, sink);
    }
}
