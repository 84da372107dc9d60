//! The graph of named types: which members need a `Box` (recursion) and which types have
//! something to validate. Both are linear in the number of types and members: GitHub's spec
//! has thousands of types, and the naive fixpoint / per-edge search were quadratic.

use crate::ir::*;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// The named type a value holds inline (not behind a `Vec` or map), if any.
fn inline_target(s: &Shape) -> Option<&str> {
    match &s.ty {
        Ty::Named(n) => Some(n),
        _ => None,
    }
}

/// (type, member) edges of every type to the types its members hold inline.
fn inline_members(api: &Api) -> Vec<(&str, Vec<(&str, &str)>)> {
    api.types
        .iter()
        .map(|t| {
            let out: Vec<(&str, &str)> = match &t.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .filter_map(|f| inline_target(&f.shape).map(|n| (f.rust.as_str(), n)))
                    .collect(),
                TypeKind::Tagged(u) => u
                    .variants
                    .iter()
                    .map(|v| (v.rust.as_str(), v.ty.as_str()))
                    .collect(),
                TypeKind::Untagged(u) => u
                    .variants
                    .iter()
                    .filter_map(|v| inline_target(&v.shape).map(|n| (v.rust.as_str(), n)))
                    .collect(),
                TypeKind::Enum(_) => Vec::new(),
            };
            (t.name.as_str(), out)
        })
        .collect()
}

/// Members (type, member) whose target can reach the type again through inline members only:
/// stored inline, the type would have infinite size. Such an edge joins two types of the same
/// strongly connected component (or a type to itself).
pub fn recursive_edges(api: &Api) -> HashSet<(&str, &str)> {
    let members = inline_members(api);
    let index: HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (*n, i))
        .collect();
    let succ: Vec<Vec<usize>> = members
        .iter()
        .map(|(_, ms)| {
            ms.iter()
                .filter_map(|(_, t)| index.get(t).copied())
                .collect()
        })
        .collect();
    let comp = components(&succ);
    let mut boxed = HashSet::new();
    for (i, (ty, ms)) in members.iter().enumerate() {
        for (member, target) in ms {
            if index.get(target).is_some_and(|&j| comp[j] == comp[i]) {
                boxed.insert((*ty, *member));
            }
        }
    }
    boxed
}

/// Strongly connected components (Tarjan's algorithm, iterative so that a deep type graph
/// cannot overflow the stack): the component number of each node.
fn components(succ: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = succ.len();
    let (mut order, mut low, mut comp) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut next, mut comps) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next successor to visit)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut at)) = work.last_mut() {
            if *at == 0 {
                order[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = succ[v].get(*at) {
                *at += 1;
                if order[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    comp
}

/// Types whose `collect_violations` can report something: a type with a rule in one of its
/// shapes, and every type that names such a type (through any depth of arrays and maps, or as
/// a tagged union's variant).
pub fn needs_validation(api: &Api) -> HashSet<&str> {
    let mut named_by: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut marked: HashSet<&str> = HashSet::new();
    for t in &api.types {
        let mut direct = false;
        for shape in t.member_shapes() {
            walk(shape, &t.name, &mut direct, &mut named_by);
        }
        if let TypeKind::Struct(s) = &t.kind {
            direct |= !s.dependent_required.is_empty();
        }
        if let TypeKind::Tagged(u) = &t.kind {
            for v in &u.variants {
                named_by.entry(v.ty.as_str()).or_default().push(&t.name);
            }
        }
        if direct {
            marked.insert(&t.name);
        }
    }
    let mut queue: Vec<&str> = marked.iter().copied().collect();
    while let Some(n) = queue.pop() {
        for &user in named_by.get(n).into_iter().flatten() {
            if marked.insert(user) {
                queue.push(user);
            }
        }
    }
    marked
}

/// Records whether `s` (or an array/map item inside it) has a rule, and which types it names.
fn walk<'a>(
    s: &'a Shape,
    owner: &'a str,
    direct: &mut bool,
    named_by: &mut HashMap<&'a str, Vec<&'a str>>,
) {
    *direct |= !s.rules.is_empty();
    match &s.ty {
        Ty::Named(n) => named_by.entry(n.as_str()).or_default().push(owner),
        Ty::Array(i) | Ty::Map(i) => walk(i, owner, direct, named_by),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_group_cycles_and_keep_acyclic_nodes_apart() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 3 loops on itself; 4 → 0 is not in the cycle.
        let succ = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = components(&succ);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[4], c[3]);
    }
}
