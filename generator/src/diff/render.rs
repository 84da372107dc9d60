//! The report as text (grouped by kind, then the verdict), as a JSON document, and as a
//! CHANGELOG.md entry for the generated crate.

use super::{Kind, Level, Report, Version};
use serde_json::{json, Value};
use std::fmt::Write;

/// `0.1.0 -> 0.2.0`, with why when cargo's pre-1.0 rule applies.
fn bump_line(current: Version, level: Level) -> String {
    let next = current.bump(level);
    let why = match (current.major, current.minor, level) {
        (0, 0, _) => " (before 0.1, every release is incompatible in cargo's semver)",
        (0, _, Level::Major) => " (before 1.0, a breaking change bumps the minor number)",
        (0, _, Level::Minor) => " (before 1.0, a compatible change bumps the patch number)",
        _ => "",
    };
    format!("{current} -> {next}{why}")
}

fn counts(report: &Report) -> String {
    Kind::ALL
        .iter()
        .map(|k| format!("{} {}", report.of_kind(*k).count(), k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The human-readable report. `version` is the generated crate's current version, if known.
pub fn to_text(report: &Report, version: Option<Version>) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Spec diff of module `{}`: {} -> {}",
        report.module, report.old, report.new
    );
    if report.changes.is_empty() {
        let _ = writeln!(s, "\nNo changes to the generated API.");
    }
    for kind in Kind::ALL {
        let changes: Vec<_> = report.of_kind(kind).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{} ({}):", kind.title(), changes.len());
        for c in changes {
            let _ = writeln!(s, "  - {}", c.description);
            let _ = writeln!(s, "    at {} [{}]", c.pointer, c.rule.id());
        }
    }
    let level = report.verdict();
    let _ = writeln!(s, "\nVerdict: {} ({})", level.as_str(), counts(report));
    if let Some(v) = version {
        let _ = writeln!(s, "Version: {}", bump_line(v, level));
    }
    s
}

/// The report as a JSON document: `old`, `new`, `module`, `verdict`, `counts`, `version`
/// (`{current, next}` or `null`) and `changes` (`kind`, `rule`, `pointer`, `description`).
pub fn to_json(report: &Report, version: Option<Version>) -> Value {
    let level = report.verdict();
    let changes: Vec<Value> = report
        .changes
        .iter()
        .map(|c| {
            json!({
                "kind": c.kind().as_str(),
                "rule": c.rule.id(),
                "pointer": c.pointer,
                "description": c.description,
            })
        })
        .collect();
    let mut counts = serde_json::Map::new();
    for k in Kind::ALL {
        counts.insert(k.as_str().to_owned(), json!(report.of_kind(k).count()));
    }
    json!({
        "old": report.old,
        "new": report.new,
        "module": report.module,
        "verdict": level.as_str(),
        "counts": counts,
        "version": version.map(|v| json!({
            "current": v.to_string(),
            "next": v.bump(level).to_string(),
        })),
        "changes": changes,
    })
}

/// A sentence from a description: capitalised, with a full stop.
fn sentence(description: &str) -> String {
    let mut chars = description.chars();
    let mut s: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// A CHANGELOG.md entry for the generated crate: a `## <next version>` heading (`## Unreleased`
/// when the version is unknown), the spec it comes from, then "Breaking", "Changed behaviour"
/// and "Added" sections. Ends with a newline.
pub fn changelog(report: &Report, version: Option<Version>) -> String {
    let mut s = String::new();
    let heading = version.map_or_else(
        || "Unreleased".to_owned(),
        |v| v.bump(report.verdict()).to_string(),
    );
    let _ = writeln!(s, "## {heading}\n");
    let _ = writeln!(
        s,
        "Module `{}`, generated from `{}` (previously `{}`).",
        report.module, report.new, report.old
    );
    if report.changes.is_empty() {
        let _ = writeln!(s, "\nNo change to the generated API.");
    }
    for kind in Kind::ALL {
        let changes: Vec<_> = report.of_kind(kind).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n### {}\n", kind.title());
        for c in changes {
            let _ = writeln!(s, "- {}", sentence(&c.description));
        }
    }
    s
}
