//! `generator diff OLD NEW`: reads the two specs (files, or `REV:path` from git), prints the
//! report (text, `--json`, or `--changelog`), optionally prepends a changelog entry to a file, and
//! sets the exit status from the verdict and `--allow`.

use super::{changelog, diff_specs, to_json, to_text, Level, Side, Version};
use clap::{Args, Parser, ValueEnum};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exit status: the verdict is within what `--allow` permits.
pub const EXIT_OK: u8 = 0;
/// Exit status: the verdict is above what `--allow` (or `--deny-breaking`) permits.
pub const EXIT_DENIED: u8 = 1;
/// Exit status: a spec cannot be read or generated from, or an option is wrong.
pub const EXIT_ERROR: u8 = 2;

const AFTER_HELP: &str = "\
Each change is one of:
  breaking   code written against the old crate may not compile (a removed operation, type
             or field; a new required field; a field that became optional or nullable; a type
             change; a new or removed enum value) -> semver major
  behaviour  same code, other run-time behaviour (a tighter constraint refuses input before it
             is sent; another base URL or auth; retries) -> semver minor
  additive   something new, nothing that worked stops working (a new operation, type or
             optional field; a looser constraint) -> semver minor
The verdict is the highest: major, minor, or patch when nothing in the generated API changed.
The version line applies cargo's rules: before 1.0 a breaking change bumps the minor number
(0.1.0 -> 0.2.0) and anything else the patch number (0.1.0 -> 0.1.1).

Exit status:
  0  the verdict is at most what --allow permits (by default everything is allowed)
  1  the verdict is above it: e.g. --deny-breaking and a breaking change
  2  a spec could not be read or generated from, or an option is invalid

Examples:
  generator diff spec/history/anam-2026-older.yaml spec/anam.yaml
  generator diff origin/main:spec/anam.yaml spec/anam.yaml --deny-breaking   # in CI
  generator diff HEAD:spec/coval.yaml spec/coval.yaml --json
  generator diff v0.1.0:spec/anam.yaml spec/anam.yaml --changelog-file generated-client/CHANGELOG.md";

/// What may change without failing the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Allow {
    /// Anything (the default): the command only reports.
    Major,
    /// Behaviour changes and additions, no breaking change.
    Minor,
    /// No change to the generated API at all.
    Patch,
}

impl Allow {
    fn level(self) -> Level {
        match self {
            Allow::Major => Level::Major,
            Allow::Minor => Level::Minor,
            Allow::Patch => Level::Patch,
        }
    }
}

/// The arguments of `generator diff`.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Exit status: 0 when the verdict is within --allow, 1 when it is above, 2 on errors (--help for details).",
    after_long_help = AFTER_HELP
)]
pub struct DiffArgs {
    /// The older spec: a file, or `REV:path` for the file at a git revision (`HEAD:spec/anam.yaml`,
    /// `origin/main:spec/anam.yaml`; `:path` is the staged version), read with `git show`.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The newer spec, in the same forms.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Print the report as a JSON document (verdict, counts, version, changes with kind, rule,
    /// pointer and description).
    #[arg(long)]
    pub json: bool,
    /// Print a CHANGELOG.md entry for the generated crate instead of the report.
    #[arg(long, conflicts_with = "json")]
    pub changelog: bool,
    /// Prepend the changelog entry to FILE (created if missing; kept below its `# ` title).
    #[arg(long, value_name = "FILE")]
    pub changelog_file: Option<PathBuf>,
    /// The generated crate's current version; the report and the changelog heading show the
    /// next one. Default: the version in generated-client/Cargo.toml, if that file exists.
    #[arg(long = "version", value_name = "X.Y.Z")]
    pub crate_version: Option<String>,
    /// The Rust module name both specs are generated as. Default: NEW's file stem, as
    /// `generator generate` names it.
    #[arg(long, value_name = "NAME")]
    pub module: Option<String>,
    /// The highest verdict that still exits with status 0.
    #[arg(long, value_enum, value_name = "LEVEL", default_value = "major")]
    pub allow: Allow,
    /// Exit with status 1 when there is any breaking change (same as `--allow minor`).
    #[arg(long, conflicts_with = "allow")]
    pub deny_breaking: bool,
}

/// Where `--version` is read from when not given.
pub const DEFAULT_CARGO_TOML: &str = "generated-client/Cargo.toml";

#[derive(Parser)]
#[command(
    name = "generator diff",
    about = "Compare two versions of a spec at the level of the generated API"
)]
struct Standalone {
    #[command(flatten)]
    args: DiffArgs,
}

/// Parses `argv` (without the program name) as `generator diff` arguments and runs it: the
/// command-line program, minus the process. Returns the exit status.
pub fn run_with_args<I, T>(argv: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let argv = std::iter::once(std::ffi::OsString::from("generator diff"))
        .chain(argv.into_iter().map(Into::into));
    match Standalone::try_parse_from(argv) {
        Ok(s) => run(&s.args, out, err),
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{text}");
                EXIT_ERROR
            } else {
                let _ = write!(out, "{text}");
                EXIT_OK
            }
        }
    }
}

/// Runs `generator diff`. Returns the exit status ([`EXIT_OK`], [`EXIT_DENIED`], [`EXIT_ERROR`]).
pub fn run(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_ERROR
        }
    }
}

fn run_inner(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, String> {
    let version = match &args.crate_version {
        Some(v) => Some(Version::parse(v)?),
        None => super::version::read_package_version(Path::new(DEFAULT_CARGO_TOML)).unwrap_or_else(
            |e| {
                let _ = writeln!(err, "warning: {e}; no version shown");
                None
            },
        ),
    };
    let old_text = read_spec(&args.old)?;
    let new_text = read_spec(&args.new)?;
    let module = match &args.module {
        Some(m) => m.clone(),
        None => crate::job::module_name(Path::new(spec_path(&args.new))),
    };
    let report = diff_specs(&args.old, &old_text, &args.new, &new_text, &module).map_err(
        |(side, diags)| {
            let (which, text) = match side {
                Side::Old => (&args.old, &old_text),
                Side::New => (&args.new, &new_text),
            };
            format!("cannot generate from {which}:\n{}", diags.render(text))
        },
    )?;
    let io = |e: io::Error| format!("cannot write the report: {e}");
    if args.json {
        let text =
            serde_json::to_string_pretty(&to_json(&report, version)).map_err(|e| e.to_string())?;
        writeln!(out, "{text}").map_err(io)?;
    } else if args.changelog {
        write!(out, "{}", changelog(&report, version)).map_err(io)?;
    } else {
        write!(out, "{}", to_text(&report, version)).map_err(io)?;
    }
    if let Some(file) = &args.changelog_file {
        prepend_changelog(file, &changelog(&report, version))
            .map_err(|e| format!("cannot update {}: {e}", file.display()))?;
        let _ = writeln!(err, "changelog entry added to {}", file.display());
    }
    let allowed = if args.deny_breaking {
        Level::Minor
    } else {
        args.allow.level()
    };
    let verdict = report.verdict();
    if verdict > allowed {
        let _ = writeln!(
            err,
            "error: the verdict is {} but only {} is allowed",
            verdict.as_str(),
            allowed.as_str()
        );
        return Ok(EXIT_DENIED);
    }
    Ok(EXIT_OK)
}

/// The file path part of a spec argument (`REV:path` → `path`).
fn spec_path(arg: &str) -> &str {
    if Path::new(arg).exists() {
        return arg;
    }
    arg.split_once(':').map_or(arg, |(_, path)| path)
}

/// Reads a spec argument: an existing file, else `REV:path` through `git show REV:path`.
///
/// # Errors
/// The file does not exist and the argument is not `REV:path`, or git failed.
pub fn read_spec(arg: &str) -> Result<String, String> {
    if Path::new(arg).is_file() {
        return std::fs::read_to_string(arg).map_err(|e| format!("cannot read {arg}: {e}"));
    }
    let Some((_, path)) = arg.split_once(':').filter(|(_, p)| !p.is_empty()) else {
        return Err(format!(
            "{arg}: no such file (use a file path, or REV:path for a file at a git revision)"
        ));
    };
    let output = Command::new("git")
        .args(["show", arg])
        .output()
        .map_err(|e| format!("{arg}: cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{arg}: `git show {arg}` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{arg}: {path} is not UTF-8 text"))
}

/// Adds `entry` at the top of a changelog: below its `# ` title and introduction (before the
/// first `## ` entry) when it has one, else at the very top. A missing file is created with a
/// `# Changelog` title.
///
/// # Errors
/// Reading or writing the file failed.
pub fn prepend_changelog(path: &Path, entry: &str) -> io::Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let entry = entry.trim_end();
    let text = if existing.trim().is_empty() {
        format!("# Changelog\n\n{entry}\n")
    } else if existing.starts_with("# ") {
        match existing.find("\n## ") {
            Some(i) => format!(
                "{}\n\n{entry}\n\n{}",
                existing[..i].trim_end(),
                &existing[i + 1..]
            ),
            None => format!("{}\n\n{entry}\n", existing.trim_end()),
        }
    } else {
        format!("{entry}\n\n{existing}")
    };
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changelog_entries_go_below_the_title() {
        let dir = std::env::temp_dir().join(format!("generator-diff-cl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("CHANGELOG.md");
        let _ = std::fs::remove_file(&file);
        prepend_changelog(&file, "## 0.2.0\n\n- One.\n").unwrap();
        prepend_changelog(&file, "## 0.3.0\n\n- Two.\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "# Changelog\n\n## 0.3.0\n\n- Two.\n\n## 0.2.0\n\n- One.\n"
        );
        std::fs::write(&file, "Notes first.\n").unwrap();
        prepend_changelog(&file, "## 0.4.0\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "## 0.4.0\n\nNotes first.\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn spec_arguments() {
        assert_eq!(spec_path("origin/main:spec/anam.yaml"), "spec/anam.yaml");
        assert!(read_spec("no/such/file.yaml")
            .unwrap_err()
            .contains("no such file"));
    }
}
