//! Report: a [`Report`] as text for people (one line per finding, `page:line`, the kind, the
//! spec's `file#pointer`, what differs; accepted deviations with their reason; what could not be
//! read) or as JSON for tools.

use super::compare::Report;
use serde_json::json;
use std::fmt::Write;

/// The report as text, e.g.
///
/// ```text
/// ../shared/docs/coval-create-agent.txt:300: options: spec/coval.yaml#/components/schemas/...: ...
///   accepted: x-docs-deviation: SDK (api-facts 1.3) adds three model types
/// ```
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let explained = report.findings.len() - report.unexplained().count();
    let _ = writeln!(
        out,
        "{} against {}{}: {} facts compared, {} findings ({} explained by x-docs-deviation), {} not read",
        report.page,
        report.spec,
        report
            .operation
            .as_deref()
            .map(|o| format!(" (operation {o})"))
            .unwrap_or_default(),
        report.checked,
        report.findings.len(),
        explained,
        report.unread.len()
    );
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{}:{}: {}: {}#{}: {}",
            report.page,
            f.line,
            f.kind.name(),
            report.spec,
            f.pointer,
            f.message
        );
        if let Some(why) = &f.deviation {
            let _ = writeln!(out, "  accepted: x-docs-deviation: {why}");
        }
    }
    for u in &report.unread {
        let _ = writeln!(out, "{}:{}: not read: {}", report.page, u.line, u.what);
    }
    out
}

/// The report as one JSON object: `page`, `spec`, `operation`, `checked`, `findings` (each with
/// `line`, `kind`, `pointer`, `message`, `deviation`) and `unread` (`line`, `what`).
pub fn json(report: &Report) -> serde_json::Value {
    json!({
        "reason": "docs-check",
        "page": report.page,
        "spec": report.spec,
        "operation": report.operation,
        "checked": report.checked,
        "findings": report.findings.iter().map(|f| json!({
            "line": f.line,
            "kind": f.kind.name(),
            "pointer": f.pointer,
            "message": f.message,
            "deviation": f.deviation,
        })).collect::<Vec<_>>(),
        "unread": report.unread.iter().map(|u| json!({"line": u.line, "what": u.what})).collect::<Vec<_>>(),
    })
}
