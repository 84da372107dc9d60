//! Rendering a [`Diagnostic`] for people (rustc-style, through `annotate-snippets`: the
//! `file:line:column`, the source line with a caret under the node, the JSON pointer, the fix)
//! and for tools (one JSON object, as `--message-format json` prints them).

use super::locate::{locate, locate_all, Found, Location};
use super::{Diagnostic, Diagnostics, Severity};
use annotate_snippets::{Level, Renderer, Snippet};
use serde_json::json;

impl Diagnostic {
    /// Where the node this diagnostic's pointer names is in `source` (the spec's text).
    pub fn locate(&self, source: &str) -> Option<Location> {
        locate(source, &self.pointer)
    }

    /// The diagnostic as rustc prints one:
    ///
    /// ```text
    /// error: cannot resolve `$ref: #/components/schemas/Voice`
    ///   --> spec/coval.yaml:12:9
    ///    |
    /// 12 |         voice: {$ref: '#/components/schemas/Voice'}
    ///    |         ^^^^^ /components/schemas/Persona/properties/voice
    ///    |
    ///    = help: point the reference at an existing `#/components/schemas/<Name>` entry
    /// ```
    ///
    /// `source` is the spec's text; without it (or for an empty text) the one-line form of
    /// `Display` is returned.
    pub fn render(&self, source: Option<&str>) -> String {
        let location = source.and_then(|s| self.locate(s));
        self.render_at(source, location)
    }

    /// [`render`](Self::render) with the location already found.
    fn render_at(&self, source: Option<&str>, location: Option<Location>) -> String {
        let (Some(text), Some(location)) = (source, location) else {
            return self.to_string();
        };
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let line_start: usize = text
            .split_inclusive('\n')
            .take(location.line - 1)
            .map(str::len)
            .sum();
        let line = text[line_start..].split('\n').next().unwrap_or("");
        let span = (location.span.start - line_start)..(location.span.end - line_start);
        let label = label(&self.pointer, &location.found);
        let mut message = level.title(&self.message).snippet(
            Snippet::source(line)
                .line_start(location.line)
                .origin(&self.file)
                // The caret is `^` for warnings too, as rustc draws it (annotate-snippets draws a
                // warning's span with `-`, its mark for secondary spans).
                .annotation(Level::Error.span(span).label(&label)),
        );
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        let rendered = Renderer::plain().render(message).to_string();
        rendered
    }

    /// The diagnostic as one JSON object (`--message-format json`): `level`, `file`, `line`,
    /// `column` (1-based; null without a location), `pointer`, `message`, `help`, and `rendered`
    /// (the text [`render`](Self::render) prints).
    pub fn to_json(&self, source: Option<&str>) -> serde_json::Value {
        let location = source.and_then(|s| self.locate(s));
        let rendered = self.render_at(source, location.clone());
        json!({
            "level": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "file": self.file,
            "line": location.as_ref().map(|l| l.line),
            "column": location.as_ref().map(|l| l.column),
            "pointer": if self.pointer.is_empty() { "/" } else { &self.pointer },
            "message": self.message,
            "help": self.help,
            "rendered": rendered,
        })
    }
}

impl Diagnostics {
    /// Every diagnostic [rendered](Diagnostic::render) against `source`, the text of the one
    /// spec they are about, separated by blank lines.
    pub fn render(&self, source: &str) -> String {
        render_each(self.0.iter(), source).join("\n\n")
    }
}

/// Each of `diagnostics` [rendered](Diagnostic::render) against `source`, the text of the one
/// spec they are about, locating them all in one reading of the text.
pub fn render_each<'d>(
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    source: &str,
) -> Vec<String> {
    let diagnostics: Vec<&Diagnostic> = diagnostics.collect();
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    diagnostics
        .iter()
        .zip(locate_all(source, &pointers))
        .map(|(d, location)| d.render_at(Some(source), location))
        .collect()
}

/// The label under the caret: the pointer, and what the location is when it is not the node.
fn label(pointer: &str, found: &Found) -> String {
    let pointer = if pointer.is_empty() { "/" } else { pointer };
    match found {
        Found::Exact => pointer.to_owned(),
        Found::Ancestor(at) => {
            let at = if at.is_empty() { "/" } else { at };
            format!("{pointer} is not in the file; nearest: {at}")
        }
        Found::SyntaxError(why) => format!("{pointer}: reading stopped here: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(pointer: &str) -> Diagnostic {
        Diagnostic {
            file: "spec/x.yaml".into(),
            pointer: pointer.into(),
            message: "cannot resolve `$ref: #/components/schemas/Voice`".into(),
            help: Some("point the reference at an existing schema".into()),
            severity: Severity::Error,
        }
    }

    const YAML: &str = "components:\n  schemas:\n    Persona:\n      properties:\n        voice: {$ref: '#/components/schemas/Voice'}\n";

    #[test]
    fn renders_file_line_column_the_line_and_a_caret() {
        let got = diagnostic("/components/schemas/Persona/properties/voice").render(Some(YAML));
        assert_eq!(
            got,
            "error: cannot resolve `$ref: #/components/schemas/Voice`\n \
             --> spec/x.yaml:5:9\n  \
             |\n\
             5 |         voice: {$ref: '#/components/schemas/Voice'}\n  \
             |         ^^^^^ /components/schemas/Persona/properties/voice\n  \
             |\n  \
             = help: point the reference at an existing schema"
        );
    }

    #[test]
    fn json_carries_line_column_and_pointer() {
        let d = diagnostic("/components/schemas/Persona/properties/voice");
        let v = d.to_json(Some(YAML));
        assert_eq!(v["line"], 5);
        assert_eq!(v["column"], 9);
        assert_eq!(v["level"], "error");
        assert_eq!(v["rendered"], d.render(Some(YAML)));
        assert_eq!(d.to_json(None)["line"], serde_json::Value::Null);
    }

    #[test]
    fn without_source_the_one_line_form_is_kept() {
        let d = diagnostic("/a");
        assert_eq!(d.render(None), d.to_string());
    }
}
