//! Stage 5, render: each item group of the module formatted by `syn` + `prettyplease`, joined
//! with a blank line after the `@generated` header. A large module is formatted on every core:
//! formatting is most of generation, and the groups are independent.

use crate::emit::Module;
use proc_macro2::TokenStream;

/// Renders `module` as formatted Rust source, on this thread. Fails only on a generator bug
/// (tokens that do not parse as items), reported with the parser's message.
pub fn render(module: Module, source: &str) -> Result<String, String> {
    let texts = module
        .items
        .into_iter()
        .map(format_tokens)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(join(source, texts))
}

/// The header, then each non-empty formatted group, separated by a blank line.
pub fn join(source: &str, texts: Vec<String>) -> String {
    let mut out = header(source);
    out.reserve(texts.iter().map(|t| t.len() + 1).sum());
    let mut first = true;
    for text in texts.iter().filter(|t| !t.is_empty()) {
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(text);
    }
    out
}

/// Formats `n` groups, group `i` being `item(i)`: on this thread for a small module, otherwise
/// on one thread per core taking groups from a shared queue in the order given by `queue`
/// (largest first keeps the threads evenly loaded). The result is in index order, the same on
/// any number of cores.
pub fn format_parallel(
    n: usize,
    queue: &[usize],
    item: impl Fn(usize) -> TokenStream + Sync,
) -> Result<Vec<String>, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    /// Below this many groups per thread, starting a thread costs more than it saves.
    const MIN_PER_THREAD: usize = 64;
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let threads = cores.min(n / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return (0..n).map(|i| format_tokens(item(i))).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, format_tokens(item(i))));
        }
        done
    };
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for handle in others {
            // A panic on a worker is re-raised here, as if it had happened on this thread.
            done.extend(
                handle
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, text)| text).collect()
}

/// Tokens of whole items → formatted source (empty tokens → empty text).
pub fn format_tokens(tokens: TokenStream) -> Result<String, String> {
    if tokens.is_empty() {
        return Ok(String::new());
    }
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: generated tokens do not parse: {e}"))?;
    Ok(space_items(&layout_open_structs(&prettyplease::unparse(
        &file,
    ))))
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
        "rt::str_enum!",
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
/// field: `name: "wire"` or `name: "wire" = default`) and `rt::str_enum!` calls (one per
/// variant: `Name: "wire"`) read better with one entry a line.
fn layout_open_structs(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut lines = src.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let Some(start) = ["rt::open_struct!(", "rt::str_enum!("]
            .into_iter()
            .find(|s| trimmed.starts_with(s))
        else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
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
        match split_open_struct(&call[start.len()..]) {
            Some((name, entries, extra)) => {
                out.push_str(&format!("{indent}{start}{name} {{\n"));
                for e in entries {
                    out.push_str(&format!("{indent}    {e},\n"));
                }
                // `} extra);` (open_struct), `}, Unknown);` or `});` (str_enum)
                let gap = if extra.is_empty() || extra.starts_with(',') {
                    ""
                } else {
                    " "
                };
                out.push_str(&format!("{indent}}}{gap}{extra});\n"));
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
