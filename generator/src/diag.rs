//! Diagnostics: what went wrong in a spec, where (file + RFC 6901 JSON pointer), and how to fix it.

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

/// Escapes one JSON pointer token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `base` + `/` + escaped `token`.
pub fn join(base: &str, token: &str) -> String {
    format!("{base}/{}", escape(token))
}
