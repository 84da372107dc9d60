//! The thin IO wrapper around [`generate`](crate::generate()), used by both the build script and
//! the command-line program: find the specs, generate each, write only what changed.

use crate::{generate, Diagnostics, Summary};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Whether to write files or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write each output whose bytes differ.
    Write,
    /// Write nothing; report outputs that differ as stale.
    Check,
}

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unchanged,
    Written,
    /// `Mode::Check` only: the file on disk differs from what the spec generates.
    Stale,
}

/// One spec and the module generated from it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub spec: PathBuf,
    pub output: PathBuf,
    pub module: String,
    pub summary: Summary,
    pub bytes: usize,
    pub status: Status,
    pub warnings: Diagnostics,
    /// The spec's text, to render the warnings against ([`Diagnostics::render`]).
    pub source: String,
    /// `Status::Stale` only: a short unified diff from the file on disk to what the spec
    /// generates ([`stale_diff`]).
    pub diff: Option<String>,
}

/// Why a job failed.
#[derive(Debug)]
pub enum JobError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The diagnostics of every failing spec, and the text of each spec by the name the
    /// diagnostics give it, so that they render with their source lines.
    Spec {
        diagnostics: Diagnostics,
        sources: BTreeMap<String, String>,
    },
}

impl JobError {
    /// The spec text a diagnostic's `file` names, when this error has it.
    pub fn source_of(&self, file: &str) -> Option<&str> {
        match self {
            JobError::Spec { sources, .. } => sources.get(file).map(String::as_str),
            JobError::Io { .. } => None,
        }
    }
}

impl fmt::Display for JobError {
    /// IO errors as `path: error`; spec diagnostics rendered rustc-style with their source lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            JobError::Spec { diagnostics, .. } => {
                for (i, d) in diagnostics.0.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n\n")?;
                    }
                    f.write_str(&d.render(self.source_of(&d.file)))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for JobError {}

/// The spec files of a directory: `*.yaml`, `*.yml`, `*.json` directly in it, sorted.
///
/// # Errors
/// When the directory cannot be read.
pub fn spec_files(spec_dir: &Path) -> Result<Vec<PathBuf>, JobError> {
    let rd = std::fs::read_dir(spec_dir).map_err(|error| JobError::Io {
        path: spec_dir.to_owned(),
        error,
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The Rust module name for a spec file: its stem in snake case.
pub fn module_name(spec: &Path) -> String {
    let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
    crate::ident::value_name(stem)
        .trim_start_matches("r#")
        .to_owned()
}

/// Generates `<out_dir>/<module>.rs` for every spec in `spec_dir`.
///
/// All specs are generated before anything is written, so a broken spec leaves every output
/// untouched. Diagnostics name specs as `<spec_dir's name>/<file>` (e.g. `spec/coval.yaml`), so
/// output does not depend on where the checkout is.
///
/// # Errors
/// [`JobError::Spec`] with the diagnostics of every failing spec; [`JobError::Io`].
pub fn run(spec_dir: &Path, out_dir: &Path, mode: Mode) -> Result<Vec<FileReport>, JobError> {
    let dir_name = spec_dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "spec".to_owned());
    let mut generated = Vec::new();
    let mut failures = Diagnostics::default();
    let mut sources = BTreeMap::new();
    for spec in spec_files(spec_dir)? {
        let text = std::fs::read_to_string(&spec).map_err(|error| JobError::Io {
            path: spec.clone(),
            error,
        })?;
        let display = format!(
            "{dir_name}/{}",
            spec.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let module = module_name(&spec);
        match generate(&display, &module, &text) {
            Ok(g) => generated.push((spec, module, g, text)),
            Err(d) => {
                failures.0.extend(d.0);
                sources.insert(display, text);
            }
        }
    }
    if failures.has_errors() {
        return Err(JobError::Spec {
            diagnostics: failures,
            sources,
        });
    }
    if mode == Mode::Write {
        std::fs::create_dir_all(out_dir).map_err(|error| JobError::Io {
            path: out_dir.to_owned(),
            error,
        })?;
    }
    let mut reports = Vec::new();
    for (spec, module, g, text) in generated {
        let output = out_dir.join(format!("{module}.rs"));
        let current = std::fs::read(&output).ok();
        let same = current.as_deref() == Some(g.source.as_bytes());
        let mut diff = None;
        let status = match (same, mode) {
            (true, _) => Status::Unchanged,
            (false, Mode::Check) => {
                let old = String::from_utf8_lossy(current.as_deref().unwrap_or_default());
                diff = Some(stale_diff(&output, &old, &g.source, STALE_DIFF_LINES));
                Status::Stale
            }
            (false, Mode::Write) => {
                std::fs::write(&output, &g.source).map_err(|error| JobError::Io {
                    path: output.clone(),
                    error,
                })?;
                Status::Written
            }
        };
        reports.push(FileReport {
            spec,
            output,
            module,
            bytes: g.source.len(),
            summary: g.summary,
            status,
            warnings: g.warnings,
            source: text,
            diff,
        });
    }
    Ok(reports)
}

/// How many lines of a stale module's diff [`run`] keeps.
pub const STALE_DIFF_LINES: usize = 40;

/// A unified diff (2 lines of context) from `old`, the module on disk at `path`, to `new`, what
/// the spec generates, cut after `max_lines` lines with a line saying how many were left out.
pub fn stale_diff(path: &Path, old: &str, new: &str, max_lines: usize) -> String {
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("{name} (checked in)"),
            &format!("{name} (generated)"),
        )
        .to_string();
    let total = text.lines().count();
    let mut out: String = text
        .lines()
        .take(max_lines)
        .flat_map(|l| [l, "\n"])
        .collect();
    if total > max_lines {
        out.push_str(&format!("... {} more diff lines\n", total - max_lines));
    }
    out
}
