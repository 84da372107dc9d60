//! Stage 5, render: each chunk of the module as formatted Rust source, joined with a blank line,
//! after the `@generated` header. Token chunks go through `syn::File` → `prettyplease` (plus the
//! layout fixes below); text chunks are already formatted that way, which [`unformatted`]
//! checks in the tests.

use crate::emit::{Chunk, Module};
use proc_macro2::TokenStream;

/// Renders `module` as formatted Rust source. Fails only on a generator bug (tokens that do not
/// parse as a file), reported with the parser's message.
pub fn render(module: Module, source: &str) -> Result<String, String> {
    let mut out = header(source);
    // Text chunks are most of a module: one allocation for all of it (29 MB for GitHub's spec).
    out.reserve(
        module
            .chunks
            .iter()
            .map(|c| match c {
                Chunk::Tokens(s) | Chunk::Text(s) => s.len() + 1,
            })
            .sum(),
    );
    let mut first = true;
    for chunk in module.chunks {
        let text = match chunk {
            Chunk::Tokens(source) => format_source(&source)?,
            Chunk::Text(text) => text,
        };
        if text.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(&text);
    }
    Ok(out)
}

/// Tokens of whole items → formatted source.
pub fn format_tokens(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: generated tokens do not parse: {e}"))?;
    Ok(format_file(&file))
}

/// The source of whole items (unformatted) → formatted source.
fn format_source(source: &str) -> Result<String, String> {
    let file = syn::parse_file(source)
        .map_err(|e| format!("internal error: generated tokens do not parse: {e}"))?;
    Ok(format_file(&file))
}

fn format_file(file: &syn::File) -> String {
    space_items(&layout_open_structs(&prettyplease::unparse(file)))
}

/// For a text chunk: `None` when it is exactly what [`format_tokens`] makes of its own tokens,
/// otherwise the first line that differs (expected, then found) or the parse error.
pub fn unformatted(text: &str) -> Option<String> {
    let tokens: TokenStream = match text.parse() {
        Ok(t) => t,
        Err(e) => return Some(format!("does not tokenize: {e}")),
    };
    let formatted = match format_tokens(tokens) {
        Ok(f) => f,
        Err(e) => return Some(e),
    };
    if formatted == text {
        return None;
    }
    let (mut want, mut got) = (formatted.lines(), text.lines());
    let mut n = 1;
    loop {
        match (want.next(), got.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (a, b) => {
                return Some(format!(
                    "line {n}:\n  formatted: {}\n  emitted:   {}",
                    a.unwrap_or("<end>"),
                    b.unwrap_or("<end>")
                ))
            }
        }
    }
}

/// prettyplease puts no blank line between items; one before each item (at any depth) that
/// follows another item at the same indentation makes the file, and its diffs, readable.
fn space_items(src: &str) -> String {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "#![",
        "pub ",
        "impl",
        "static ",
        "const ",
        "fn ",
        "type ",
        "enum ",
        "struct ",
        "mod ",
        "use ",
        "rt::open_struct!",
    ];
    let mut out = String::with_capacity(src.len() + src.len() / 16);
    let mut prev: Option<(usize, &str)> = None;
    for line in src.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some((pindent, ptrim)) = prev {
            let ended = ptrim == "}" || (ptrim.ends_with(';') && !ptrim.starts_with("//"));
            let same_kind_use = ptrim.starts_with("use ") && trimmed.starts_with("use ")
                || ptrim.starts_with("pub use") && trimmed.starts_with("pub use");
            if ended
                && pindent == indent
                && STARTS.iter().any(|s| trimmed.starts_with(s))
                && !same_kind_use
                && !ptrim.starts_with("let ")
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some((indent, trimmed));
    }
    out
}

/// prettyplease wraps a macro call's tokens like prose; `rt::open_struct!` calls (one entry per
/// field: `name: "wire"` or `name: "wire" = default`) read better with one field a line.
fn layout_open_structs(src: &str) -> String {
    const START: &str = "rt::open_struct!(";
    let mut out = String::with_capacity(src.len());
    let mut lines = src.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with(START) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        let mut call = trimmed.to_owned();
        while !call.ends_with(");") {
            match lines.next() {
                Some(next) => {
                    call.push(' ');
                    call.push_str(next.trim());
                }
                None => break,
            }
        }
        match split_open_struct(&call[START.len()..]) {
            Some((name, entries, extra)) => {
                out.push_str(&format!("{indent}{START}{name} {{\n"));
                for e in entries {
                    out.push_str(&format!("{indent}    {e},\n"));
                }
                out.push_str(&format!("{indent}}} {extra});\n"));
            }
            None => {
                out.push_str(indent);
                out.push_str(&call);
                out.push('\n');
            }
        }
    }
    out
}

/// `Name { a : "a" = default, b : "b" } extra);` → (`Name`, [`a: "a" = default`, `b: "b"`],
/// `extra`). Commas inside the wire names' string literals are not separators.
fn split_open_struct(call: &str) -> Option<(&str, Vec<String>, &str)> {
    let (name, rest) = call.split_once(" {")?;
    let close = rest.rfind('}')?;
    let (inner, extra) = (
        &rest[..close],
        rest[close + 1..].trim().strip_suffix(");")?.trim(),
    );
    let mut entries = Vec::new();
    let (mut cur, mut in_str, mut escaped) = (String::new(), false, false);
    for c in inner.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            ',' if !in_str => {
                entries.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    entries.push(cur);
    let entries = entries
        .iter()
        .map(|e| e.trim().replacen(" : ", ": ", 1))
        .filter(|e| !e.is_empty())
        .collect();
    Some((name.trim(), entries, extra))
}

/// The first lines of every generated file.
pub fn header(source: &str) -> String {
    format!(
        "// @generated by the `generator` crate from {source}. Do not edit by hand:\n\
         // edit the spec, then run `cargo build` (the build script regenerates this file)\n\
         // or `cargo run -p generator -- generate`.\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_text_is_accepted() {
        assert_eq!(unformatted("pub struct A {\n    pub b: i64,\n}\n"), None);
    }

    #[test]
    fn text_formatted_otherwise_is_refused_with_the_line() {
        let diff = unformatted("pub struct A { pub b: i64 }\n").expect("differs");
        assert!(diff.starts_with("line 1:"), "{diff}");
        assert!(diff.contains("pub struct A {\n"), "{diff}");
        let diff = unformatted("pub struct A {\n    pub b: i64,\n}\nfn f() {}\n").unwrap();
        assert!(diff.contains("<end>") || diff.contains("line 4"), "{diff}");
        assert!(unformatted("pub struct {").is_some());
    }
}
