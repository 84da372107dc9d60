//! Per-tag cargo features (`x-rust-features: tags` at the root of a spec): each tag's operations,
//! and the types only they use, compile only with the cargo feature of that tag. A user of three
//! of GitHub's tags then type-checks a small part of the module. With `x-rust-features: paths`
//! (for specs without tags, such as Stripe's) the group is the path's resource instead (see
//! [`FeatureGroups::Paths`]); what follows says "tag" for either.
//!
//! A type is behind the features of every tag whose operations reach it (through fields, items,
//! map values and union variants), so whatever reaches it is never compiled without it. Always
//! compiled: operations without tags, the types they reach, and the error type and the types it
//! reaches. The `webhooks` module, and the types only webhook payloads reach, are behind the
//! feature `webhooks`. Types no operation reaches (and what they name) are behind the feature `schemas`.

use crate::ir::*;
use foldhash::HashMap;
use std::collections::BTreeSet;

/// The feature of the types no operation or webhook uses.
pub const SCHEMAS: &str = "schemas";

/// The feature of the `webhooks` module and the types only its payloads use.
pub const WEBHOOKS: &str = "webhooks";

/// Which cargo feature gates each item of the module.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Every feature, sorted (one per tag).
    pub all: Vec<String>,
    /// One entry per [`Api::types`]: the features any of which enables the type, or `None`
    /// when it is always compiled.
    pub types: Vec<Option<Vec<String>>>,
    /// One entry per [`Api::operations`]: the feature of the operation's first tag, or `None`.
    pub operations: Vec<Option<String>>,
}

/// The cargo feature name of a tag: lowercase ASCII letters, digits, `-` and `_`; anything else
/// becomes `-` (`Secret Scanning` → `secret-scanning`).
pub fn feature_name(tag: &str) -> String {
    let name: String = tag
        .trim()
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '-' | '_') => c,
            _ => '-',
        })
        .collect();
    if name.is_empty() {
        "untagged".to_owned()
    } else {
        name
    }
}

/// The path resource of `path`: its first segment that is neither a version (`v1`, `v2.1`, a
/// date) nor a parameter; `None` for `/` or a path of parameters only.
pub fn path_resource(path: &str) -> Option<&str> {
    path.split('/').find(|seg| {
        let version = seg.starts_with(|c: char| c.is_ascii_digit())
            || (seg.len() > 1
                && seg.starts_with(['v', 'V'])
                && seg[1..].chars().all(|c| c.is_ascii_digit() || c == '.'));
        !seg.is_empty() && !seg.starts_with('{') && !version
    })
}

/// The features of `api`, one per tag (or path resource).
pub fn by_group(api: &Api, groups: FeatureGroups) -> Features {
    let index: HashMap<&str, usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = api
        .types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for s in t.member_shapes() {
                named(s, &index, &mut out);
            }
            if let TypeKind::Tagged(u) = &t.kind {
                out.extend(u.variants.iter().filter_map(|v| index.get(v.ty.as_str())));
            }
            out
        })
        .collect();
    let reach = |roots: Vec<usize>| {
        let mut seen = vec![false; edges.len()];
        let mut stack = roots;
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(&edges[i]);
            }
        }
        seen
    };
    // Per type: `None` = always compiled, else the features reaching it (empty: none yet).
    let mut gates: Vec<Option<BTreeSet<String>>> = vec![Some(BTreeSet::new()); api.types.len()];
    let ungate = |seen: Vec<bool>, gates: &mut Vec<Option<BTreeSet<String>>>| {
        for (g, s) in gates.iter_mut().zip(seen) {
            if s {
                *g = None;
            }
        }
    };
    let error_roots = api
        .error_type
        .iter()
        .filter_map(|n| index.get(n.as_str()).copied())
        .collect();
    ungate(reach(error_roots), &mut gates);
    let mut operations = Vec::new();
    let mut all = BTreeSet::new();
    for op in &api.operations {
        let mut roots = Vec::new();
        for s in op_shapes(op) {
            named(s, &index, &mut roots);
        }
        roots.extend(op.query.as_deref().and_then(|q| index.get(q)));
        // A tag named `schemas` would share that feature; it only compiles more.
        let feature = match groups {
            FeatureGroups::Tags => op.tags.first().map(|t| feature_name(t)),
            FeatureGroups::Paths => path_resource(&op.path).map(feature_name),
        };
        let seen = reach(roots);
        match &feature {
            None => ungate(seen, &mut gates),
            Some(f) => {
                all.insert(f.clone());
                for (g, s) in gates.iter_mut().zip(seen) {
                    if let (Some(g), true) = (g, s) {
                        g.insert(f.clone());
                    }
                }
            }
        }
        operations.push(feature);
    }
    // The `webhooks` module is behind the feature `webhooks`, and so is what its payloads
    // reach (GitHub's spec has hundreds, which a user of a few tags should not compile).
    if !api.webhooks.is_empty() {
        let mut roots = Vec::new();
        for h in &api.webhooks {
            named(&h.body.shape, &index, &mut roots);
        }
        all.insert(WEBHOOKS.to_owned());
        for (g, s) in gates.iter_mut().zip(reach(roots)) {
            if let (Some(g), true) = (g, s) {
                g.insert(WEBHOOKS.to_owned());
            }
        }
    }
    // Types nothing reaches (an empty set) are behind the feature `schemas`, and so is
    // everything they name.
    let free: Vec<usize> = gates
        .iter()
        .enumerate()
        .filter(|(_, g)| g.as_ref().is_some_and(BTreeSet::is_empty))
        .map(|(i, _)| i)
        .collect();
    if !free.is_empty() {
        all.insert(SCHEMAS.to_owned());
        for (g, s) in gates.iter_mut().zip(reach(free)) {
            if let (Some(g), true) = (g, s) {
                g.insert(SCHEMAS.to_owned());
            }
        }
    }
    Features {
        all: all.into_iter().collect(),
        types: gates
            .into_iter()
            .map(|g| g.map(|g| g.into_iter().collect()))
            .collect(),
        operations,
    }
}

/// The shapes an operation sends and receives.
fn op_shapes(op: &Operation) -> impl Iterator<Item = &Shape> {
    op.params
        .iter()
        .map(|p| &p.shape)
        .chain(op.body.iter().map(|b| &b.shape))
        .chain(op.responses().filter_map(|r| r.body.as_ref()))
}

/// The index of the named type a shape is or holds (as array items or map values).
fn named(s: &Shape, index: &HashMap<&str, usize>, out: &mut Vec<usize>) {
    match &s.ty {
        Ty::Named(n) => out.extend(index.get(n.as_str())),
        Ty::Array(i) | Ty::Map(i) => named(i, index, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{feature_name, path_resource};

    #[test]
    fn feature_names_are_cargo_names() {
        assert_eq!(feature_name("repos"), "repos");
        assert_eq!(feature_name("Secret Scanning"), "secret-scanning");
        assert_eq!(feature_name("code_security/v2"), "code_security-v2");
        assert_eq!(feature_name(" "), "untagged");
    }

    #[test]
    fn a_path_resource_skips_versions_and_parameters() {
        assert_eq!(path_resource("/v1/customers/{id}"), Some("customers"));
        assert_eq!(path_resource("/v2.1/invoices"), Some("invoices"));
        assert_eq!(path_resource("/2024-01-01/events"), Some("events"));
        assert_eq!(path_resource("/{tenant}/users"), Some("users"));
        assert_eq!(path_resource("/voice/calls"), Some("voice"));
        assert_eq!(path_resource("/"), None);
        assert_eq!(path_resource("/v1/{id}"), None);
    }
}
