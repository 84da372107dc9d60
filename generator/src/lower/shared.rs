//! Identical inline schemas share one type. Specs assembled from shared pieces repeat the same
//! object inline wherever it appears: GitHub's has 6,501 inline objects and enums, of which
//! 2,053 are distinct (one user object is written out 222 times). Each copy was a
//! type of its own, with its own serde impls to compile. Now the first copy makes the type and
//! every later copy that is equal to it, keyword for keyword (docs, examples and extensions
//! included), names that type.
//!
//! A shared type is first named from where its first copy stands, as any inline type is. When
//! lowering is done, [`Index::names`] gives it a name that fits every place, the first one
//! free of: its `title`; the words all those places' names end with (`GetIssueResponseOwner`
//! and `GetPullResponseOwner` → `Owner`); those words after the ones they all begin with
//! (`WebhookIssuesOpenedSender`, `WebhookStarCreatedSender` → `WebhookSender`). Inline types
//! made inside it are renamed with it (`…ResponseOwnerPlan` → `OwnerPlan`).
//!
//! The type's docs and `Source:` pointer are its first copy's. A warning about a copy's
//! content is given once, at the first copy, since the copies say the same.

use crate::ident::{name_words, type_name, Namespace};
use crate::ir::*;
use foldhash::HashMap;
use openapiv3::Schema;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};

/// The inline schemas made into types so far, by a hash of their JSON form.
#[derive(Default)]
pub(super) struct Index<'a> {
    by_hash: HashMap<u64, Vec<(&'a Schema, String)>>,
    /// Each type made here → the name its first place gave (before it was made unique).
    first: HashMap<String, String>,
    /// A type made at more than one place → the name each place would give it, in order
    /// (the first place's included).
    places: HashMap<String, Vec<String>>,
}

impl<'a> Index<'a> {
    /// The type already made from a schema equal to `schema`, if any, and `schema`'s hash.
    pub fn find(&self, schema: &'a Schema) -> (u64, Option<&str>) {
        let hash = hash_of(schema);
        let found = self
            .by_hash
            .get(&hash)
            .and_then(|made| made.iter().find(|(s, _)| *s == schema))
            .map(|(_, name)| name.as_str());
        (hash, found)
    }

    /// Records that the type `name` was made from `schema` (whose hash [`Index::find`] gave),
    /// where the name `here` was given.
    pub fn made(&mut self, hash: u64, schema: &'a Schema, name: &str, here: String) {
        self.by_hash
            .entry(hash)
            .or_default()
            .push((schema, name.to_owned()));
        self.first.insert(name.to_owned(), here);
    }

    /// Records that the type `name` also stands where the name `here` would be given.
    pub fn also(&mut self, name: &str, here: String) {
        let first = &self.first;
        self.places
            .entry(name.to_owned())
            .or_insert_with(|| first.get(name).into_iter().cloned().collect())
            .push(here);
    }

    /// New names for the types made at more than one place (old → new), claimed in `names`;
    /// inline types named after one of them follow it.
    pub fn names(
        &self,
        types: &BTreeMap<String, TypeDef>,
        names: &mut Namespace,
    ) -> BTreeMap<String, String> {
        let mut renames = BTreeMap::new();
        // In name order, so that the result does not depend on hashing.
        let mut shared: Vec<(&String, &Vec<String>)> = self.places.iter().collect();
        shared.sort();
        for (old, places) in shared {
            let Some(t) = types.get(old) else { continue };
            let title = t.doc.title.as_deref().map(type_name);
            let candidates = title.into_iter().chain(common_words(places));
            if let Some(new) = candidates.filter(|c| c != old).find(|c| names.is_free(c)) {
                names.reserve(&new);
                renames.insert(old.clone(), new);
            }
        }
        // Inline types made inside a renamed type carry its old name as a prefix.
        let mut inner = BTreeMap::new();
        for name in types.keys() {
            if renames.contains_key(name) {
                continue;
            }
            let parent = renames
                .iter()
                .filter(|(old, _)| name.starts_with(old.as_str()) && name.len() > old.len())
                .max_by_key(|(old, _)| old.len());
            if let Some((old, new)) = parent {
                let candidate = format!("{new}{}", &name[old.len()..]);
                if names.is_free(&candidate) {
                    names.reserve(&candidate);
                    inner.insert(name.clone(), candidate);
                }
            }
        }
        renames.extend(inner);
        renames
    }
}

/// Names that fit every one of `names` (the names a type's places would give it), best first:
/// the words they all end with, alone (`IssueOwner`, `PullOwner` → `Owner`), from after the
/// last of the generator's own suffixes, which say where a type stands and not what it is
/// (`IssueResponseOwner`, `PullResponseOwner` → `Owner`; `…ResponseItem` → none); then the
/// words they all begin with followed by those (`WebhookIssuesOpenedSender`,
/// `WebhookStarCreatedSender` → `WebhookSender`). None when the names do not end alike.
fn common_words(names: &[String]) -> Vec<String> {
    let split: Vec<Vec<&str>> = names.iter().map(|n| name_words(n)).collect();
    let Some(shortest) = split.iter().map(Vec::len).min() else {
        return Vec::new();
    };
    let agree = |word: &dyn Fn(&[&str]) -> usize| {
        split
            .iter()
            .all(|w| w[word(w)] == split[0][word(&split[0])])
    };
    let suffix = (0..shortest)
        .take_while(|&i| agree(&|w| w.len() - 1 - i))
        .count();
    if suffix == 0 {
        // A name must say what the type is, and the last word (`Sender`, `Owner`) is what does.
        return Vec::new();
    }
    let prefix = (0..shortest - suffix)
        .take_while(|&i| agree(&|_| i))
        .count();
    let first = &split[0];
    let end = &first[first.len() - suffix..];
    // `…RunnersForOrgResponse` and `…RunnersForRepoResponse`: not `…RunnersForResponse`.
    let prefix = first[..prefix]
        .iter()
        .rposition(|w| !CONNECTIVES.contains(w))
        .map_or(0, |last| last + 1);
    let mut out = Vec::new();
    // The words after the last role word (`ResponseOwner` → `Owner`).
    let what = end
        .iter()
        .rposition(|w| {
            ROLES.iter().any(|r| w.starts_with(r)) || w.starts_with(|c: char| c.is_ascii_digit())
        })
        .map_or(0, |role| role + 1);
    if what < end.len() {
        out.push(end[what..].concat());
    }
    if prefix > 0 {
        out.push(first[..prefix].iter().chain(end).copied().collect());
    }
    out
}

/// The words `lower` appends to say where an inline type stands (`…Request`, `…Response`,
/// `…Item`, `…Error404`): a shared type is not named by them alone.
const ROLES: &[&str] = &[
    "Request", "Response", "Item", "Value", "Extra", "Error", "Default",
];

/// Words that only join the ones around them, so a name does not end its first part with one.
const CONNECTIVES: &[&str] = &[
    "And", "By", "For", "From", "In", "Of", "On", "Or", "To", "With",
];

/// Renames the types in `renames` (old → new) wherever the IR names them.
pub(super) fn apply(
    renames: &BTreeMap<String, String>,
    types: &mut BTreeMap<String, TypeDef>,
    ops: &mut [Operation],
    hooks: &mut [Webhook],
) {
    if renames.is_empty() {
        return;
    }
    let fix = |name: &mut String| {
        if let Some(new) = renames.get(name.as_str()) {
            new.clone_into(name);
        }
    };
    let old = std::mem::take(types);
    for (mut name, mut t) in old {
        fix(&mut name);
        fix(&mut t.name);
        t.member_shapes_mut().for_each(|s| in_shape(s, &fix));
        if let TypeKind::Tagged(u) = &mut t.kind {
            u.variants.iter_mut().for_each(|v| fix(&mut v.ty));
        }
        types.insert(name, t);
    }
    for op in ops {
        op.params
            .iter_mut()
            .for_each(|p| in_shape(&mut p.shape, &fix));
        op.query.iter_mut().for_each(fix);
        op.body
            .iter_mut()
            .for_each(|b| in_shape(&mut b.shape, &fix));
        for r in op.responses_mut() {
            r.body.iter_mut().for_each(|b| in_shape(b, &fix));
            r.headers
                .iter_mut()
                .for_each(|h| in_shape(&mut h.shape, &fix));
        }
    }
    for h in hooks {
        in_shape(&mut h.body.shape, &fix);
    }
}

fn in_shape(shape: &mut Shape, fix: &impl Fn(&mut String)) {
    if let Some(name) = shape.named_mut() {
        fix(name);
    }
}

/// A hash of `schema`'s JSON form, written straight into the hasher.
fn hash_of(schema: &Schema) -> u64 {
    struct Feed(foldhash::fast::FoldHasher<'static>);
    impl std::io::Write for Feed {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut feed = Feed(foldhash::fast::FixedState::with_seed(0).build_hasher());
    // Writing into a hasher cannot fail; a schema serde_json refuses (none: every key is a
    // string) would only hash short.
    let _ = serde_json::to_writer(&mut feed, schema);
    feed.0.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn common_last_words_first_then_both_ends() {
        let n = names(&["WebhookIssuesOpenedSender", "WebhookStarCreatedSender"]);
        assert_eq!(common_words(&n), ["Sender", "WebhookSender"]);
        let n = names(&["OrderBillingAddress", "OrderShippingAddress"]);
        assert_eq!(common_words(&n), ["Address", "OrderAddress"]);
    }

    #[test]
    fn roles_alone_do_not_name_a_type() {
        let n = names(&["RunnersForOrgResponse", "RunnersForRepoResponse"]);
        assert_eq!(common_words(&n), ["RunnersResponse"]);
        let n = names(&["ListTagsResponseItem", "ListLabelsResponseItem"]);
        assert_eq!(common_words(&n), ["ListResponseItem"]);
        let n = names(&["GetIssueResponseOwner", "GetPullResponseOwner"]);
        assert_eq!(common_words(&n), ["Owner", "GetResponseOwner"]);
        let n = names(&["GetA200", "PutB200"]);
        assert!(common_words(&n).is_empty());
    }

    #[test]
    fn common_words_need_a_common_last_word() {
        let n = names(&["OrderBilling", "OrderShipping"]);
        assert!(common_words(&n).is_empty());
    }
}
