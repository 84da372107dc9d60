//! Doc comments: spec descriptions made safe for rustdoc (no stray HTML, no bare URLs, no
//! accidental doctests), plus units, ranges, examples and the JSON pointer they came from.

use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// Makes free text from a spec safe as Markdown for rustdoc.
pub fn sanitize(text: &str) -> String {
    // A carriage return is not allowed in a doc comment.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            // An unlabeled fence would be compiled as a doctest.
            out.push(if in_fence {
                "```text".to_owned()
            } else {
                "```".to_owned()
            });
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        out.push(escape_line(trimmed));
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n").trim().to_owned()
}

/// Escapes `<`, `>`, `[`, `]` outside inline code and wraps bare URLs in `<...>`.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || c == ')' || c == '"' || c == '\'' || c == '>' || c == '<'
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let at_start = out.is_empty();
        if !in_code && (matches!(c, '<' | '>' | '[' | ']') || (at_start && c == '#')) {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if in_code {
        out.push('`');
    }
    out
}

/// The first sentence of a description, whole even when it spans lines, ending in a period:
/// `Persona name (max 100\ncharacters). Shown in lists.` → `Persona name (max 100 characters).`
pub fn first_sentence(description: &str) -> String {
    let paragraph = sanitize(description);
    let paragraph = paragraph.split("\n\n").next().unwrap_or_default();
    let joined = paragraph
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let mut end = joined.len();
    let mut from = 0;
    while let Some(i) = joined[from..].find(". ") {
        let at = from + i;
        let next = joined[at + 2..].chars().next();
        let abbreviation = ["e.g", "i.e", "etc", "vs"]
            .iter()
            .any(|a| joined[..at].ends_with(a));
        if next.is_some_and(char::is_uppercase) && !abbreviation {
            end = at + 1;
            break;
        }
        from = at + 2;
    }
    let sentence = joined[..end].trim_end_matches([':', ',', ';', ' ']);
    if sentence.ends_with(['.', '!', '?', ')', '`']) && !sentence.ends_with("..") {
        sentence.to_owned()
    } else {
        format!("{sentence}.")
    }
}

/// `#[doc = "..."]` attributes, one per line.
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Renders a JSON value for a doc comment: inline code when short, a fenced block otherwise.
pub fn json_block(label: &str, v: &serde_json::Value) -> Vec<String> {
    let compact = v.to_string();
    if compact.len() <= 80 && !compact.contains('`') {
        vec![format!("{label}: `{compact}`")]
    } else {
        let pretty = serde_json::to_string_pretty(v).unwrap_or(compact);
        let mut lines = vec![format!("{label}:"), String::new(), "```json".to_owned()];
        lines.extend(pretty.lines().map(str::to_owned));
        lines.push("```".to_owned());
        lines
    }
}

/// Doc lines for a named type.
pub fn type_doc(api: &Api, t: &TypeDef) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(title) = &t.doc.title {
        lines.push(sanitize(title));
        lines.push(String::new());
    }
    if let Some(d) = &t.doc.description {
        lines.extend(sanitize(d).lines().map(str::to_owned));
        lines.push(String::new());
    }
    if lines.is_empty() {
        lines.push(format!("The `{}` schema.", t.name));
        lines.push(String::new());
    }
    if let Some(ex) = &t.doc.example {
        lines.extend(json_block("Example", ex));
        lines.push(String::new());
    }
    lines.push(format!("Source: `{}#{}`.", api.source, t.pointer));
    lines
}

/// Doc lines for a field: description, constraints with units, default, example.
/// The opening lines of an operation's doc comment: its summary as a sentence, then its
/// description, each followed by a blank line.
pub fn summary_and_description(summary: Option<&str>, description: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(s) = summary {
        lines.push(format!("{}.", sanitize(s).trim_end_matches('.')));
        lines.push(String::new());
    }
    if let Some(d) = description {
        lines.extend(sanitize(d).lines().map(str::to_owned));
        lines.push(String::new());
    }
    lines
}

pub fn field_doc(doc: &Doc, shape: &Shape, required: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(t) = &doc.title {
        lines.push(sanitize(t));
    }
    if let Some(d) = &doc.description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitize(d).lines().map(str::to_owned));
    }
    let mut facts = Vec::new();
    facts.push(if required {
        "Required".to_owned()
    } else {
        "Optional".to_owned()
    });
    if shape.nullable {
        facts.push("nullable".to_owned());
    }
    facts.extend(constraints(shape));
    if let Some(d) = &doc.default {
        facts.push(format!("default `{d}`"));
    }
    if doc.deprecated {
        facts.push("deprecated".to_owned());
    }
    // "Required." or "Optional." alone says what the field's type already does (`T` or
    // `Option<T>`); a JSON value (`rt::Value`, absent as `null`) keeps it.
    if facts.len() > 1 || matches!(shape.ty, Ty::Any) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("{}.", facts.join("; ")));
    }
    if let Some(ex) = &doc.example {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(json_block("Example", ex));
    }
    lines
}

/// Human-readable constraints, with units.
pub fn constraints(shape: &Shape) -> Vec<String> {
    let r = &shape.rules;
    let mut out = Vec::new();
    let is_array = matches!(shape.ty, Ty::Array(_));
    match (r.min_length, r.max_length) {
        (Some(a), Some(b)) => out.push(format!("length {a}–{b} characters")),
        (Some(a), None) => out.push(format!("at least {a} characters")),
        (None, Some(b)) => out.push(format!("at most {b} characters")),
        _ => {}
    }
    let num = |v: f64| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            v.to_string()
        }
    };
    match (r.minimum, r.maximum) {
        (Some(a), Some(b)) => out.push(format!(
            "range {}{} ..{} {}",
            if r.exclusive_minimum { "> " } else { "" },
            num(a),
            if r.exclusive_maximum { "<" } else { "=" },
            num(b)
        )),
        (Some(a), None) => out.push(format!(
            "{} {}",
            if r.exclusive_minimum { ">" } else { ">=" },
            num(a)
        )),
        (None, Some(b)) => out.push(format!(
            "{} {}",
            if r.exclusive_maximum { "<" } else { "<=" },
            num(b)
        )),
        _ => {}
    }
    if let Some(p) = &r.pattern {
        out.push(format!("pattern `{}`", p.replace('`', "'")));
    }
    if let Some(f) = r.format {
        let note = if f == Format::Byte {
            " (base64 text)"
        } else {
            ""
        };
        out.push(format!("format {}{note}", f.as_str()));
    }
    match (r.min_items, r.max_items) {
        (Some(a), Some(b)) if is_array => out.push(format!("{a}–{b} items")),
        (Some(a), None) if is_array => out.push(format!("at least {a} items")),
        (None, Some(b)) if is_array => out.push(format!("at most {b} items")),
        _ => {}
    }
    if r.unique_items {
        out.push("items unique".to_owned());
    }
    if let Ty::Array(item) = &shape.ty {
        let inner = constraints(item);
        if !inner.is_empty() {
            out.push(format!("each item: {}", inner.join(", ")));
        }
    }
    out
}

/// The module's `//!` docs.
pub fn module_doc(api: &Api) -> TokenStream {
    let mut lines = vec![
        format!(
            "{} (version {}), generated from `{}`.",
            sanitize(&api.title),
            api.version,
            api.source
        ),
        String::new(),
    ];
    if let Some(d) = &api.description {
        lines.extend(sanitize(d).lines().map(str::to_owned));
        lines.push(String::new());
    }
    lines.push(format!(
        "Start with [`Client`]: `Client::new(api_key)` or `Client::from_env()` (reads `{0}_API_KEY`, and `{0}_BASE_URL` if set).",
        api.env_prefix
    ));
    inner_attrs(&lines)
}

/// `#![doc = "..."]` attributes (a module's own docs), one per line.
pub fn inner_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#![doc = #l])
    });
    quote!(#(#lines)*)
}
