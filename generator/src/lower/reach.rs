//! Which types are used, and how: the named types form a graph (a struct names the types of its
//! fields), walked from the components and from the operations' parameters, bodies and
//! responses. Walked by index, with names borrowed: GitHub's spec has thousands of types, and
//! cloning and comparing their names on every step was a cost of its own.

use crate::ir::*;
use foldhash::HashMap;
use std::collections::BTreeMap;

/// The types, each with the indices (in name order) of the types it names.
struct Graph<'t> {
    index: HashMap<&'t str, usize>,
    edges: Vec<Vec<usize>>,
}

impl<'t> Graph<'t> {
    fn of(types: &'t BTreeMap<String, TypeDef>) -> Self {
        let index: HashMap<&str, usize> = types
            .keys()
            .enumerate()
            .map(|(i, name)| (name.as_str(), i))
            .collect();
        let mut names = Vec::new();
        let edges = types
            .values()
            .map(|t| {
                names.clear();
                refs_of(t, &mut names);
                names.iter().filter_map(|n| index.get(n).copied()).collect()
            })
            .collect();
        Graph { index, edges }
    }

    /// Whether each type (in name order) can be reached from `roots`.
    fn reach(&self, roots: &[&str]) -> Vec<bool> {
        let mut seen = vec![false; self.edges.len()];
        let mut stack: Vec<usize> = roots
            .iter()
            .filter_map(|r| self.index.get(r).copied())
            .collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(&self.edges[i]);
            }
        }
        seen
    }
}

/// Removes the types that neither `components` nor any operation reaches (inline types nothing
/// refers to any more: discriminator enums absorbed by a tag).
pub(super) fn drop_orphans<'c>(
    types: &mut BTreeMap<String, TypeDef>,
    components: impl Iterator<Item = &'c str>,
    ops: &[Operation],
    hooks: &[Webhook],
) {
    let mut roots: Vec<&str> = components.collect();
    hooks
        .iter()
        .for_each(|h| named_in(&h.body.shape, &mut roots));
    for op in ops {
        op.body.iter().for_each(|b| named_in(&b.shape, &mut roots));
        op.params
            .iter()
            .for_each(|p| named_in(&p.shape, &mut roots));
        roots.extend(op.query.as_deref());
        op.responses()
            .filter_map(|r| r.body.as_ref())
            .for_each(|b| named_in(b, &mut roots));
    }
    let keep = Graph::of(types).reach(&roots);
    let mut keep = keep.into_iter();
    types.retain(|_, _| keep.next().unwrap_or(true));
}

/// Marks the types reachable from request bodies and parameters, from responses, and from
/// PATCH/PUT bodies. A webhook's body is received (the API sends it to the user's server): it
/// counts as a response (enums stay open, unknown fields are kept, nothing is validated: like a
/// response, what the API sends is decoded, not checked). A type no operation or webhook
/// reaches counts as received too (see [`TypeDef::in_response`]): its values come from
/// elsewhere (stored data), so it decodes leniently and gets no setters or `Validate`.
pub(super) fn mark_reachable(
    types: &mut BTreeMap<String, TypeDef>,
    ops: &[Operation],
    hooks: &[Webhook],
) {
    let mut req = Vec::new();
    let mut resp = Vec::new();
    let mut update = Vec::new();
    for h in hooks {
        named_in(&h.body.shape, &mut resp);
    }
    for op in ops {
        if let Some(b) = &op.body {
            named_in(&b.shape, &mut req);
            if matches!(op.method, Method::Patch | Method::Put) {
                named_in(&b.shape, &mut update);
            }
        }
        for p in &op.params {
            named_in(&p.shape, &mut req);
        }
        req.extend(op.query.as_deref());
        for r in op.responses() {
            if let Some(b) = &r.body {
                named_in(b, &mut resp);
            }
        }
    }
    let graph = Graph::of(types);
    let (req, mut resp, update) = (graph.reach(&req), graph.reach(&resp), graph.reach(&update));
    // Received too: the types no operation reaches, and whatever they name.
    let unused: Vec<&str> = types
        .iter()
        .enumerate()
        .filter(|&(i, (_, t))| !(req[i] || resp[i] || t.in_request || t.in_response))
        .map(|(_, (name, _))| name.as_str())
        .collect();
    for (r, u) in resp.iter_mut().zip(graph.reach(&unused)) {
        *r |= u;
    }
    for (i, t) in types.values_mut().enumerate() {
        t.in_request |= req[i];
        t.in_response |= resp[i];
        t.in_update |= update[i];
    }
}

/// The types `t` names directly.
fn refs_of<'t>(t: &'t TypeDef, out: &mut Vec<&'t str>) {
    out.extend(t.member_shapes().filter_map(Shape::named));
    if let TypeKind::Tagged(u) = &t.kind {
        out.extend(u.variants.iter().map(|v| v.ty.as_str()));
    }
}

/// The named type a shape is, or holds (as array items or map values).
fn named_in<'t>(shape: &'t Shape, out: &mut Vec<&'t str>) {
    out.extend(shape.named());
}
