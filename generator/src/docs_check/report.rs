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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs_check::compare::{Finding, Kind};
    use crate::docs_check::page::Unread;

    fn report() -> Report {
        Report {
            page: "p.txt".into(),
            spec: "s.yaml".into(),
            operation: Some("/paths/~1a/post".into()),
            checked: 3,
            findings: vec![
                Finding {
                    line: 7,
                    pointer: "/components/schemas/A".into(),
                    kind: Kind::Options,
                    message: "x: the schema lists options the page does not: `c`".into(),
                    deviation: Some("a newer source adds c".into()),
                },
                Finding {
                    line: 9,
                    pointer: "/components/schemas/A/properties/n".into(),
                    kind: Kind::Length,
                    message: "n: differs".into(),
                    deviation: None,
                },
            ],
            unread: vec![Unread {
                line: 2,
                what: "range: `Required range: ?`".into(),
            }],
        }
    }

    #[test]
    fn human_names_page_line_kind_and_pointer() {
        assert_eq!(
            human(&report()),
            "p.txt against s.yaml (operation /paths/~1a/post): 3 facts compared, 2 findings (1 explained by x-docs-deviation), 1 not read\n\
             p.txt:7: options: s.yaml#/components/schemas/A: x: the schema lists options the page does not: `c`\n  \
             accepted: x-docs-deviation: a newer source adds c\n\
             p.txt:9: length: s.yaml#/components/schemas/A/properties/n: n: differs\n\
             p.txt:2: not read: range: `Required range: ?`\n"
        );
    }

    #[test]
    fn json_carries_every_finding() {
        let v = json(&report());
        assert_eq!(v["findings"][1]["kind"], "length");
        assert_eq!(v["findings"][1]["line"], 9);
        assert_eq!(v["findings"][0]["deviation"], "a newer source adds c");
        assert_eq!(v["unread"][0]["line"], 2);
        assert_eq!(v["checked"], 3);
    }
}
