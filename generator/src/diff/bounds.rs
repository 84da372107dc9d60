//! Constraints: whether each of a value's rules (lengths, ranges, patterns, formats, item counts,
//! uniqueness) got tighter, looser, or was replaced. The generated `validate()` checks all of
//! them before every request, so tighter means input accepted before may now be refused.

use super::rule::Rule;
use super::{surface, Out};
use crate::ir::{Format, Rules, Shape, Ty};
use std::collections::BTreeSet;

/// One rule's change.
struct Delta {
    rule: Rule,
    what: String,
}

/// Compares the rules of a value and of its items or map values (when both sides are arrays or
/// maps), reporting the changes under `pointer` as `` `subject`: … ``, one line per rule (a
/// range added is one line: `` `minimum: 0` added, `maximum: 1` added ``).
pub fn compare_shape(old: &Shape, new: &Shape, subject: &str, pointer: &str, out: &mut Out) {
    let deltas = compare(&old.rules, &new.rules);
    let rules: BTreeSet<Rule> = deltas.iter().map(|d| d.rule).collect();
    for rule in rules {
        let what: Vec<&str> = deltas
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.what.as_str())
            .collect();
        out.push(rule, pointer, format!("{subject}: {}", what.join(", ")));
    }
    match (&old.ty, &new.ty) {
        (Ty::Array(a), Ty::Array(b)) => {
            compare_shape(a, b, &format!("{subject} (each item)"), pointer, out)
        }
        (Ty::Map(a), Ty::Map(b)) => {
            compare_shape(a, b, &format!("{subject} (each value)"), pointer, out)
        }
        _ => {}
    }
}

/// Whether two shapes have the same Rust type (nullability at the top aside).
pub fn same_type(old: &Shape, new: &Shape) -> bool {
    surface::ty(old) == surface::ty(new)
}

fn compare(old: &Rules, new: &Rules) -> Vec<Delta> {
    let mut out = Vec::new();
    lower_count("minLength", old.min_length, new.min_length, &mut out);
    upper_count("maxLength", old.max_length, new.max_length, &mut out);
    lower_count("minItems", old.min_items, new.min_items, &mut out);
    upper_count("maxItems", old.max_items, new.max_items, &mut out);
    bound(
        "minimum",
        Side::Lower,
        old.minimum.map(|v| (v, old.exclusive_minimum)),
        new.minimum.map(|v| (v, new.exclusive_minimum)),
        &mut out,
    );
    bound(
        "maximum",
        Side::Upper,
        old.maximum.map(|v| (v, old.exclusive_maximum)),
        new.maximum.map(|v| (v, new.exclusive_maximum)),
        &mut out,
    );
    text(
        "pattern",
        old.pattern.as_deref(),
        new.pattern.as_deref(),
        &mut out,
    );
    text(
        "format",
        old.format.map(format_name),
        new.format.map(format_name),
        &mut out,
    );
    match (old.unique_items, new.unique_items) {
        (false, true) => out.push(Delta {
            rule: Rule::ConstraintTightened,
            what: "items must now be unique (`uniqueItems`)".to_owned(),
        }),
        (true, false) => out.push(Delta {
            rule: Rule::ConstraintLoosened,
            what: "items no longer need to be unique (`uniqueItems` removed)".to_owned(),
        }),
        _ => {}
    }
    out
}

fn format_name(f: Format) -> &'static str {
    f.as_str()
}

fn tighter(what: String) -> Delta {
    Delta {
        rule: Rule::ConstraintTightened,
        what,
    }
}

fn looser(what: String) -> Delta {
    Delta {
        rule: Rule::ConstraintLoosened,
        what,
    }
}

/// A lower bound on a count (`minLength`, `minItems`): 0 is the same as none.
fn lower_count(name: &str, old: Option<u64>, new: Option<u64>, out: &mut Vec<Delta>) {
    let (a, b) = (old.unwrap_or(0), new.unwrap_or(0));
    if b > a {
        out.push(tighter(match old.filter(|v| *v > 0) {
            Some(a) => format!("`{name}` raised from {a} to {b}"),
            None => format!("`{name}: {b}` added"),
        }));
    } else if b < a {
        out.push(looser(match new.filter(|v| *v > 0) {
            Some(b) => format!("`{name}` lowered from {a} to {b}"),
            None => format!("`{name}: {a}` removed"),
        }));
    }
}

/// An upper bound on a count (`maxLength`, `maxItems`).
fn upper_count(name: &str, old: Option<u64>, new: Option<u64>, out: &mut Vec<Delta>) {
    match (old, new) {
        (None, Some(b)) => out.push(tighter(format!("`{name}: {b}` added"))),
        (Some(a), None) => out.push(looser(format!("`{name}: {a}` removed"))),
        (Some(a), Some(b)) if b < a => {
            out.push(tighter(format!("`{name}` lowered from {a} to {b}")))
        }
        (Some(a), Some(b)) if b > a => out.push(looser(format!("`{name}` raised from {a} to {b}"))),
        _ => {}
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Lower,
    Upper,
}

/// A numeric bound with its exclusiveness: `minimum`/`exclusiveMinimum`, `maximum`/`exclusiveMaximum`.
fn bound(
    name: &str,
    side: Side,
    old: Option<(f64, bool)>,
    new: Option<(f64, bool)>,
    out: &mut Vec<Delta>,
) {
    let show = |(v, excl): (f64, bool)| {
        if excl {
            format!("{v} (exclusive)")
        } else {
            v.to_string()
        }
    };
    match (old, new) {
        (None, Some(b)) => out.push(tighter(format!("`{name}: {}` added", show(b)))),
        (Some(a), None) => out.push(looser(format!("`{name}: {}` removed", show(a)))),
        (Some(a), Some(b)) if a != b => {
            // Positive when `b` admits fewer values than `a`.
            let narrower = match side {
                Side::Lower => b.0 > a.0 || (b.0 == a.0 && b.1 && !a.1),
                Side::Upper => b.0 < a.0 || (b.0 == a.0 && b.1 && !a.1),
            };
            let what = format!("`{name}` changed from {} to {}", show(a), show(b));
            out.push(if narrower {
                tighter(what)
            } else {
                looser(what)
            });
        }
        _ => {}
    }
}

/// A rule that is there or not and can be replaced (`pattern`, `format`).
fn text(name: &str, old: Option<&str>, new: Option<&str>, out: &mut Vec<Delta>) {
    match (old, new) {
        (None, Some(b)) => out.push(tighter(format!("`{name}: {b}` added"))),
        (Some(a), None) => out.push(looser(format!("`{name}: {a}` removed"))),
        (Some(a), Some(b)) if a != b => out.push(Delta {
            rule: Rule::ConstraintReplaced,
            what: format!("`{name}` changed from `{a}` to `{b}`"),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(f: impl FnOnce(&mut Rules)) -> Rules {
        let mut r = Rules::default();
        f(&mut r);
        r
    }

    fn kinds(old: Rules, new: Rules) -> Vec<Rule> {
        compare(&old, &new).into_iter().map(|d| d.rule).collect()
    }

    #[test]
    fn numeric_bounds_and_exclusiveness() {
        let min = |v: f64, excl: bool| {
            rules(|r| {
                r.minimum = Some(v);
                r.exclusive_minimum = excl;
            })
        };
        assert_eq!(
            kinds(min(0.0, false), min(1.0, false)),
            [Rule::ConstraintTightened]
        );
        assert_eq!(
            kinds(min(0.0, false), min(0.0, true)),
            [Rule::ConstraintTightened]
        );
        assert_eq!(
            kinds(min(0.0, true), min(0.0, false)),
            [Rule::ConstraintLoosened]
        );
        assert_eq!(
            kinds(min(1.0, false), Rules::default()),
            [Rule::ConstraintLoosened]
        );
        let max = |v: f64| rules(|r| r.maximum = Some(v));
        assert_eq!(kinds(max(10.0), max(5.0)), [Rule::ConstraintTightened]);
        assert_eq!(kinds(max(5.0), max(10.0)), [Rule::ConstraintLoosened]);
        assert!(kinds(max(5.0), max(5.0)).is_empty());
    }

    #[test]
    fn counts_patterns_formats_uniqueness() {
        let min_len = |v: u64| rules(|r| r.min_length = Some(v));
        assert!(kinds(Rules::default(), min_len(0)).is_empty());
        assert_eq!(kinds(min_len(1), min_len(3)), [Rule::ConstraintTightened]);
        let items = |v: u64| rules(|r| r.max_items = Some(v));
        assert_eq!(
            kinds(Rules::default(), items(3)),
            [Rule::ConstraintTightened]
        );
        assert_eq!(kinds(items(3), items(4)), [Rule::ConstraintLoosened]);
        let pat = |p: &str| rules(|r| r.pattern = Some(p.to_owned()));
        assert_eq!(
            kinds(Rules::default(), pat("^a")),
            [Rule::ConstraintTightened]
        );
        assert_eq!(kinds(pat("^a"), pat("^b")), [Rule::ConstraintReplaced]);
        assert_eq!(
            kinds(pat("^a"), Rules::default()),
            [Rule::ConstraintLoosened]
        );
        let fmt = rules(|r| r.format = Some(Format::Uuid));
        assert_eq!(kinds(Rules::default(), fmt), [Rule::ConstraintTightened]);
        let uniq = rules(|r| r.unique_items = true);
        assert_eq!(kinds(uniq, Rules::default()), [Rule::ConstraintLoosened]);
    }
}
