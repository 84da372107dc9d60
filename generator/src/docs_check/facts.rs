//! Fact extraction: what a read [`Page`] states, as facts with their page lines.
//!
//! Two layouts are read:
//! - the field list of Coval's pages: a field name, a type line (`string | null`,
//!   `enum<string>`, `number<float>`, `string[]`), `required`, then constraint lines
//!   (`Required string length: 1 - 200`, `Required range: 0.1 <= x <= 2`, `Maximum string
//!   length: 100`, `Available options:` + one option a line, `Pattern: ...`, `Example:` + value),
//!   under the section headers `Authorizations`, `Path Parameters`, `Body`, `Response`;
//! - the flat layout of Anam's pages, which gives no field names: a description line followed by
//!   an example value, or by options and an example (`cara-2, cara-3 "cara-3"`). These fields are
//!   found in the spec by their description (see [`super::compare`]).
//!
//! Lines neither layout explains are not facts and are skipped; a block that looks like a fact but
//! does not parse is listed in the page's `unread`.

use super::page::{json_at, Page, Unread};
use serde_json::Value;

/// Where on the page a field is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `Authorizations`: the auth header.
    Auth,
    /// `Path Parameters`.
    Path,
    /// `Query Parameters`.
    Query,
    /// `Body` (the request body), and the flat layout's fields before the response.
    Body,
    /// `Response` (the success response body).
    Response,
}

/// The type a page's type line states, e.g. `enum<string> | null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeLine {
    /// JSON Schema type: `string`, `number`, `integer`, `boolean`, `object`, `array`.
    pub ty: String,
    /// The item type of `string[]`.
    pub items: Option<String>,
    /// `enum<...>`: the options follow.
    pub is_enum: bool,
    /// `<float>` of `number<float>`.
    pub format: Option<String>,
    /// `| null`.
    pub nullable: bool,
}

/// One statement a page makes about a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Attr {
    /// The type line.
    Type(TypeLine),
    /// The `required` line.
    Required,
    /// `Required string length: MIN - MAX` or `Maximum string length: MAX`.
    Length { min: Option<u64>, max: Option<u64> },
    /// `Required range: MIN <= x <= MAX`.
    Range { min: Option<f64>, max: Option<f64> },
    /// `Available options:` (or the flat `a, b, c "a"` form).
    Options(Vec<String>),
    /// `Pattern: ^...$`.
    Pattern(String),
    /// `Example:` and the value (or the flat layout's value line).
    Example(Value),
}

/// A field a page documents, with each statement's line.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The section it is listed in.
    pub section: Section,
    /// 1-based line of the field's first line.
    pub line: usize,
    /// The field's name; `None` in the flat layout.
    pub name: Option<String>,
    /// The first description line (the flat layout's only way to name the field).
    pub description: Option<String>,
    /// Every statement, with its 1-based line.
    pub attrs: Vec<(usize, Attr)>,
}

/// Every fact of a page, except the curl command and JSON examples (on [`Page`] already).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// `METHOD` and path from the page's header lines (`POST` / `/` / `personas`), when given.
    pub route: Option<(usize, String, String)>,
    /// The fields, in page order.
    pub fields: Vec<Field>,
    /// Blocks that looked like facts and could not be read.
    pub unread: Vec<Unread>,
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Extracts the facts of a page.
pub fn extract(page: &Page) -> Facts {
    let mut facts = Facts {
        route: route(&page.lines),
        ..Facts::default()
    };
    if page.lines.iter().any(|l| is_section(l).is_some()) {
        field_lists(page, &mut facts);
    } else {
        flat(page, &mut facts);
    }
    facts
}

/// `POST` / `/` / `v1` / `/` / `agents` at the top of a page → (line, method, path).
fn route(lines: &[String]) -> Option<(usize, String, String)> {
    let i = lines
        .iter()
        .take(5)
        .position(|l| METHODS.contains(&l.trim()))?;
    let mut path = String::new();
    for line in &lines[i + 1..] {
        let t = line.trim();
        if t == "/" || (!path.is_empty() && path.ends_with('/') && is_segment(t)) {
            path.push_str(t);
        } else {
            break;
        }
    }
    (!path.is_empty()).then(|| (i + 1, lines[i].trim().to_owned(), path))
}

fn is_segment(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_{}.~".contains(c))
}

fn is_section(line: &str) -> Option<Section> {
    match line.trim() {
        "Authorizations" => Some(Section::Auth),
        "Path Parameters" => Some(Section::Path),
        "Query Parameters" => Some(Section::Query),
        "Body" => Some(Section::Body),
        "Response" => Some(Section::Response),
        _ => None,
    }
}

fn is_name(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
}

/// Parses a type line: `string`, `string | null`, `enum<string>`, `number<float>`, `string[]`.
pub fn type_line(t: &str) -> Option<TypeLine> {
    let (base, nullable) = match t.trim().strip_suffix("| null") {
        Some(b) => (b.trim(), true),
        None => (t.trim(), false),
    };
    let (base, array) = match base.strip_suffix("[]") {
        Some(b) => (b, true),
        None => (base, false),
    };
    let (name, arg) = match base.split_once('<') {
        Some((n, a)) => (n, Some(a.strip_suffix('>')?)),
        None => (base, None),
    };
    let simple = ["string", "number", "integer", "boolean", "object", "array"];
    let (ty, is_enum, format) = match (name, arg) {
        ("enum", Some(inner)) if simple.contains(&inner) => (inner.to_owned(), true, None),
        (n, format) if simple.contains(&n) => (n.to_owned(), false, format.map(str::to_owned)),
        _ => return None,
    };
    Some(if array {
        TypeLine {
            ty: "array".into(),
            items: Some(ty),
            is_enum,
            format,
            nullable,
        }
    } else {
        TypeLine {
            ty,
            items: None,
            is_enum,
            format,
            nullable,
        }
    })
}

/// The Coval layout: sections of fields, each a name line followed by a type line.
fn field_lists(page: &Page, facts: &mut Facts) {
    let lines = &page.lines;
    let mut section = None;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if let Some(s) = is_section(t) {
            section = Some(s);
            i += 1;
            continue;
        }
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or_default();
        let (Some(section), true, Some(ty)) = (section, is_name(t), type_line(next)) else {
            i += 1;
            continue;
        };
        let mut field = Field {
            section,
            line: i + 1,
            name: Some(t.to_owned()),
            description: None,
            attrs: vec![(i + 2, Attr::Type(ty))],
        };
        i += 2;
        while i < lines.len() {
            let t = lines[i].trim();
            let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or_default();
            if is_section(t).is_some() || (is_name(t) && type_line(next).is_some()) {
                break;
            }
            i = attr(page, i, &mut field, &mut facts.unread);
        }
        facts.fields.push(field);
    }
}

/// Reads the statement on line index `i` into `field`; returns the index of the next line.
fn attr(page: &Page, i: usize, field: &mut Field, unread: &mut Vec<Unread>) -> usize {
    let lines = &page.lines;
    let t = lines[i].trim();
    let line = i + 1;
    if t == "required" {
        field.attrs.push((line, Attr::Required));
    } else if let Some(rest) = t.strip_prefix("Required string length:") {
        match rest
            .split_once('-')
            .map(|(a, b)| (a.trim().parse(), b.trim().parse()))
        {
            Some((Ok(min), Ok(max))) => field.attrs.push((
                line,
                Attr::Length {
                    min: Some(min),
                    max: Some(max),
                },
            )),
            _ => unread.push(unread_line(line, "string length", t)),
        }
    } else if let Some(rest) = t.strip_prefix("Maximum string length:") {
        match rest.trim().parse() {
            Ok(max) => field.attrs.push((
                line,
                Attr::Length {
                    min: None,
                    max: Some(max),
                },
            )),
            Err(_) => unread.push(unread_line(line, "string length", t)),
        }
    } else if let Some(rest) = t.strip_prefix("Required range:") {
        match range(rest) {
            Some((min, max)) => field.attrs.push((line, Attr::Range { min, max })),
            None => unread.push(unread_line(line, "range", t)),
        }
    } else if let Some(rest) = t.strip_prefix("Pattern:") {
        field
            .attrs
            .push((line, Attr::Pattern(rest.trim().to_owned())));
    } else if t == "Available options:" {
        let mut options = Vec::new();
        let mut j = i + 1;
        while let Some(l) = lines.get(j).map(|l| l.trim()) {
            options.push(l.trim_end_matches(',').to_owned());
            j += 1;
            if !l.ends_with(',') {
                break;
            }
        }
        field.attrs.push((line, Attr::Options(options)));
        return j;
    } else if t == "Example:" {
        let Some(j) = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty()) else {
            return i + 1;
        };
        return match json_at(lines, j) {
            Ok((value, next)) => {
                field.attrs.push((j + 1, Attr::Example(value)));
                next
            }
            Err(e) => {
                unread.push(unread_line(j + 1, "example", &format!("not JSON ({e})")));
                j + 1
            }
        };
    } else if !t.is_empty()
        && field.description.is_none()
        && !["header", "query", "path"].contains(&t)
    {
        field.description = Some(t.to_owned());
    }
    i + 1
}

/// `0.1 <= x <= 2`, `x >= 0`, `x <= 5` → (min, max).
fn range(text: &str) -> Option<(Option<f64>, Option<f64>)> {
    let parts: Vec<&str> = text.split("<=").map(str::trim).collect();
    match parts.as_slice() {
        [min, "x", max] => Some((Some(min.parse().ok()?), Some(max.parse().ok()?))),
        ["x", max] => Some((None, Some(max.parse().ok()?))),
        [min, "x"] => Some((Some(min.parse().ok()?), None)),
        _ => {
            let (x, min) = text.split_once(">=")?;
            (x.trim() == "x").then_some(())?;
            Some((Some(min.trim().parse().ok()?), None))
        }
    }
}

fn unread_line(line: usize, what: &str, text: &str) -> Unread {
    Unread {
        line,
        what: format!("{what}: `{text}`"),
    }
}

/// Lines of the flat layout that carry nothing (navigation and page chrome).
const CHROME: [&str; 3] = [
    "Show child attributes",
    "Was this page helpful?",
    "Skip to main content",
];

/// The Anam layout: description lines, some followed by an example value line or by an options
/// and example line. Everything after the success line (`Successfully ...`) is the response.
fn flat(page: &Page, facts: &mut Facts) {
    let lines = flat_lines(page);
    let mut section = Section::Body;
    let mut current: Option<Field> = None;
    for (line, mut text) in lines {
        if text.is_empty() || CHROME.contains(&text.as_str()) || (line == 1 && page.title.is_some())
        {
            continue;
        }
        // A value line: JSON (`"Cara"`, `false`, `["a", "b"]`), possibly with text run into it.
        if starts_value(&text) {
            let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Value>();
            if let Some(Ok(value)) = stream.next() {
                let rest = text[stream.byte_offset()..].trim().to_owned();
                if let Some(f) = current.as_mut() {
                    f.attrs.push((line, Attr::Example(value)));
                }
                if rest.is_empty() {
                    continue;
                }
                text = rest;
            }
        } else if let Some((options, example)) = flat_options(&text) {
            if let Some(f) = current.as_mut() {
                f.attrs.push((line, Attr::Options(options)));
                f.attrs.extend(example.map(|e| (line, Attr::Example(e))));
            }
            continue;
        }
        facts.fields.extend(current.take());
        if text.starts_with("Successfully") {
            section = Section::Response;
            continue;
        }
        current = Some(Field {
            section,
            line,
            name: None,
            description: Some(text),
            attrs: Vec::new(),
        });
    }
    facts.fields.extend(current);
}

/// The page's lines as (1-based line, trimmed text), without the curl commands: a command's
/// lines are dropped, and of its closing `'` line only the text run into it after the quote is
/// kept.
fn flat_lines(page: &Page) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = page
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
        .collect();
    for c in &page.curls {
        let end = match &c.data {
            Some(d) => (d.line..=page.lines.len())
                .find(|&l| page.lines[l - 1].trim_start().starts_with('\''))
                .unwrap_or(page.lines.len()),
            None => c.url_line.max(c.line),
        };
        for (line, text) in out.iter_mut().take(end).skip(c.line - 1) {
            *text = if *line == end && c.data.is_some() {
                text.trim_start_matches('\'').trim().to_owned()
            } else if *line == c.line {
                // Text run into the command's first line stays (`...updated.curl --request`).
                text.split("curl --request")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_owned()
            } else {
                String::new()
            };
        }
    }
    out
}

fn starts_value(t: &str) -> bool {
    t.starts_with('"')
        || t.starts_with('[')
        || t.starts_with('{')
        || t == "true"
        || t == "false"
        || t == "null"
        || t.parse::<f64>().is_ok()
}

/// `cara-2, cara-3, cara-4-latest "cara-3"` → (options, example).
fn flat_options(t: &str) -> Option<(Vec<String>, Option<Value>)> {
    let (list, example) = match t.find(" \"") {
        Some(i) => (&t[..i], serde_json::from_str(t[i..].trim()).ok()),
        None => (t, None),
    };
    let options: Vec<String> = list.split(", ").map(str::to_owned).collect();
    let word = |o: &String| {
        !o.is_empty()
            && o.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    (options.len() >= 2 && options.iter().all(word)).then_some((options, example))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs_check::page;

    #[test]
    fn type_lines() {
        let t = type_line("enum<string> | null").unwrap();
        assert!(t.is_enum && t.nullable && t.ty == "string");
        let t = type_line("string[]").unwrap();
        assert_eq!(
            (t.ty.as_str(), t.items.as_deref()),
            ("array", Some("string"))
        );
        assert_eq!(
            type_line("number<float>").unwrap().format.as_deref(),
            Some("float")
        );
        assert!(type_line("Human-readable name").is_none());
    }

    #[test]
    fn reads_a_field_list() {
        let text = "PATCH\n/\nthings\n\nBody\n\napplication/json\nname\nstring | null\nrequired\n\nThe name\n\nRequired string length: 1 - 200\nExample:\n\n\"n\"\n\nkind\nenum<string>\n\nAvailable options:\na,\nb\nwait\nnumber<float>\n\nRequired range: 0.1 <= x <= 2\n";
        let facts = extract(&page::read("p", text));
        assert_eq!(facts.route, Some((1, "PATCH".into(), "/things".into())));
        assert_eq!(facts.fields.len(), 3);
        let name = &facts.fields[0];
        assert_eq!(name.line, 8);
        assert_eq!(name.description.as_deref(), Some("The name"));
        assert!(name.attrs.contains(&(10, Attr::Required)));
        assert!(name.attrs.contains(&(
            14,
            Attr::Length {
                min: Some(1),
                max: Some(200)
            }
        )));
        assert!(name.attrs.contains(&(17, Attr::Example("n".into()))));
        assert!(facts.fields[1]
            .attrs
            .contains(&(22, Attr::Options(vec!["a".into(), "b".into()]))));
        assert!(facts.fields[2].attrs.contains(&(
            28,
            Attr::Range {
                min: Some(0.1),
                max: Some(2.0)
            }
        )));
        assert!(facts.unread.is_empty());
    }

    #[test]
    fn reads_the_flat_layout() {
        let text = "Create a thing\nName of the thing\n\"Cara\"\nModel version.\ncara-2, cara-3 \"cara-3\"\nTool ids.\n[\"a\"]Successfully created thing\nUnique id.\n";
        let facts = extract(&page::read("p", text));
        let d: Vec<_> = facts
            .fields
            .iter()
            .map(|f| (f.section, f.description.clone().unwrap(), f.attrs.len()))
            .collect();
        assert_eq!(
            d,
            [
                (Section::Body, "Name of the thing".into(), 1),
                (Section::Body, "Model version.".into(), 2),
                (Section::Body, "Tool ids.".into(), 1),
                (Section::Response, "Unique id.".into(), 0),
            ]
        );
    }
}
