//! Diagnostics: what went wrong in a spec, where (file + RFC 6901 JSON pointer), and how to fix it.
//!
//! A diagnostic is made with the pointer only; [`locate`] finds the pointer's line and column in
//! the spec's text when the diagnostic is rendered ([`Diagnostic::render`], rustc-style with the
//! source line and a caret, or [`Diagnostic::to_json`]).

pub mod locate;
mod render;

pub use render::render_each;

use std::fmt;

/// One problem found in a spec.
///
/// Rendered as `spec/coval.yaml: /paths/~1personas/post: message` followed by a
/// `help:` line when the fix is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file as given to the generator (e.g. `spec/coval.yaml`).
    pub file: String,
    /// RFC 6901 JSON pointer into the spec, `""` for the whole document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when the generator knows.
    pub help: Option<String>,
    /// A warning does not stop generation; an error does.
    pub severity: Severity,
}

/// Whether a [`Diagnostic`] stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Generation stops; no output is written.
    Error,
    /// Generation goes on; the output is still correct but the spec should be fixed.
    Warning,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{level}: {}: {pointer}: {}", self.file, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic a stage produced. Generation fails when any is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects diagnostics for one spec file during a stage.
#[derive(Debug)]
pub struct Sink {
    file: String,
    pub(crate) out: Diagnostics,
}

impl Sink {
    pub fn new(file: &str) -> Self {
        Sink {
            file: file.to_owned(),
            out: Diagnostics::default(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn error(
        &mut self,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        self.push(Severity::Error, pointer, message.into(), help.into());
    }

    pub fn warning(
        &mut self,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        self.push(Severity::Warning, pointer, message.into(), help.into());
    }

    fn push(&mut self, severity: Severity, pointer: &str, message: String, help: Option<String>) {
        self.out.0.push(Diagnostic {
            file: self.file.clone(),
            pointer: pointer.to_owned(),
            message,
            help,
            severity,
        });
    }

    pub fn into_diagnostics(self) -> Diagnostics {
        self.out
    }
}

/// How many `$ref`s in a row are followed before the chain is taken for a cycle (by `lower`,
/// by the 3.1 rewrite in `load`, and by `docs-check`).
pub const MAX_REF_LINKS: usize = 32;

/// The JSON pointer an internal `$ref` names: its fragment, percent-decoded (RFC 3986)
/// (`#/a~1b/c%7Bd%7D` → `/a~1b/c{d}`). `None` for a reference to another document.
pub fn reference_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    Some(
        percent_encoding::percent_decode_str(fragment)
            .decode_utf8()
            .ok()?
            .into_owned(),
    )
}

/// Escapes one JSON pointer token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

/// `base` + `/` + escaped `token`.
///
/// Lowering makes a pointer for every node it visits; this is one allocation, no formatting.
pub fn join(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + 1 + token.len());
    out.push_str(base);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

/// Undoes [`escape`] (`~1` → `/`, `~0` → `~`), borrowing when there is nothing to undo.
pub fn unescape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// Appends `token` to `out`, escaped as [`escape`] does.
fn push_escaped(out: &mut String, token: &str) {
    let mut rest = token;
    while let Some(i) = rest.find(['~', '/']) {
        out.push_str(&rest[..i]);
        out.push_str(if rest.as_bytes()[i] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape("/a~b/~1"), "~1a~0b~1~01");
        assert_eq!(escape(""), "");
        assert_eq!(join("/paths", "/repos/{owner}"), "/paths/~1repos~1{owner}");
        assert_eq!(join("", "plain"), "/plain");
        assert_eq!(unescape("~1a~0b~01"), "/a~b~1");
        assert_eq!(unescape("plain"), "plain");
    }
}
