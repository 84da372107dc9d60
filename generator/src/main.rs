//! `generator`: regenerate the Rust clients from `spec/`, or check they are current; compare two
//! versions of a spec at the level of the generated API.

use clap::{Parser, Subcommand, ValueEnum};
use generator::job::{self, Mode, Status};
use std::path::PathBuf;
use std::process::ExitCode;

/// Generation allocates many small strings and nodes; for GitHub's spec, glibc's allocator was
/// ~38% of the time and mimalloc halves the whole run (1.28 s → 0.66 s; README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "generator",
    version,
    about = "Generate typed async Rust clients from OpenAPI 3.0, 3.1 and 3.2 specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate one Rust module per spec file and print what was generated.
    Generate {
        /// Directory holding the spec files (`*.yaml`, `*.yml`, `*.json`).
        #[arg(long, default_value = "spec")]
        spec_dir: PathBuf,
        /// Directory the modules are written to (`<spec stem>.rs`).
        #[arg(long, default_value = "generated-client/src")]
        out_dir: PathBuf,
        /// Write nothing; exit with status 1 if any checked-in module is stale, and print a
        /// short unified diff of each stale module.
        #[arg(long)]
        check: bool,
        /// How to print diagnostics: `human` (rustc-style, with the spec's lines) or `json`
        /// (one object per line on stdout, for editors and CI).
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
    /// Compare two versions of a spec at the level of the generated API: every change with its
    /// JSON pointer, as breaking, behaviour or additive, and the semver verdict.
    Diff(generator::diff::cli::DiffArgs),
    /// Check a spec against saved API reference pages: report every fact on a page that the
    /// spec contradicts or lacks (page line, spec JSON pointer), and what could not be read.
    /// Exit status 1 when a finding is not explained by `x-docs-deviation` at its pointer.
    DocsCheck {
        /// The spec (YAML or JSON).
        spec: PathBuf,
        /// The pages (plain text, as saved from the vendor's site).
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// `human` (one line per finding) or `json` (one object per page on stdout).
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
}

/// How diagnostics are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    /// rustc-style text with the spec's source lines, on stderr (warnings of a successful run
    /// on stdout, under their module).
    Human,
    /// One JSON object per line on stdout: diagnostics (`"reason": "diagnostic"`, with `file`,
    /// `line`, `column`, `pointer`, `message`, `help`, `rendered`) and one `"reason": "module"`
    /// object per generated module.
    Json,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            spec_dir,
            out_dir,
            check,
            message_format,
        } => generate(spec_dir, out_dir, check, message_format),
        Command::DocsCheck {
            spec,
            pages,
            message_format,
        } => docs_check(&spec, &pages, message_format),
        Command::Diff(args) => ExitCode::from(generator::diff::cli::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )),
    }
}

/// Writes `text` to standard output. A reader that closed the pipe early (`| head`) has all
/// it wants: the write error is not a failure of the command, so it is not a panic either.
fn write_stdout(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints one diagnostic as a JSON line (`--message-format json`).
fn print_json(d: &generator::Diagnostic, source: Option<&str>) {
    let mut v = d.to_json(source);
    v["reason"] = "diagnostic".into();
    println!("{v}");
}

fn generate(spec_dir: PathBuf, out_dir: PathBuf, check: bool, format: MessageFormat) -> ExitCode {
    let mode = if check { Mode::Check } else { Mode::Write };
    let reports = match job::run(&spec_dir, &out_dir, mode) {
        Ok(r) => r,
        Err(e) => {
            match (&e, format) {
                (job::JobError::Spec { diagnostics, .. }, MessageFormat::Json) => {
                    for d in &diagnostics.0 {
                        print_json(d, e.source_of(&d.file));
                    }
                }
                _ => eprintln!("{e}"),
            }
            return ExitCode::from(2);
        }
    };
    if format == MessageFormat::Json {
        return generate_json(&reports);
    }
    let mut stale = false;
    for r in &reports {
        let s = &r.summary;
        let status = match r.status {
            Status::Unchanged => "unchanged",
            Status::Written => "written",
            Status::Stale => {
                stale = true;
                "STALE"
            }
        };
        println!(
            "{} -> {} ({status}, {} bytes)",
            r.spec.display(),
            r.output.display(),
            r.bytes
        );
        println!(
            "  module `{}`: {} operations, {} structs, {} enums, {} unions, {} validators",
            r.module,
            s.operations.len(),
            s.structs,
            s.enums,
            s.unions,
            s.validators
        );
        for (id, route) in &s.operations {
            println!("    {id:<24} {route}");
        }
        for w in generator::diag::render_each(r.warnings.warnings(), &r.source) {
            println!("{w}\n");
        }
        if let Some(diff) = &r.diff {
            print!("{diff}");
        }
    }
    if stale {
        eprintln!("generated code is stale: run `cargo run -p generator -- generate` and commit the result");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// `generate --message-format json`: every warning, then one object per module.
fn generate_json(reports: &[job::FileReport]) -> ExitCode {
    let mut stale = false;
    for r in reports {
        for w in r.warnings.warnings() {
            print_json(w, Some(&r.source));
        }
        stale |= r.status == Status::Stale;
        let module = serde_json::json!({
            "reason": "module",
            "spec": r.spec.display().to_string(),
            "output": r.output.display().to_string(),
            "module": r.module,
            "status": match r.status {
                Status::Unchanged => "unchanged",
                Status::Written => "written",
                Status::Stale => "stale",
            },
            "bytes": r.bytes,
            "diff": r.diff,
        });
        println!("{module}");
    }
    if stale {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `generator docs-check SPEC PAGE...`: 0 when every finding is explained, 1 when one is not,
/// 2 when a file cannot be read.
fn docs_check(spec_path: &std::path::Path, pages: &[PathBuf], format: MessageFormat) -> ExitCode {
    use generator::docs_check::{check, report, spec::Spec};
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| eprintln!("error: {}: {e}", p.display()))
    };
    let Ok(text) = read(spec_path) else {
        return ExitCode::from(2);
    };
    let spec = match Spec::parse(&spec_path.display().to_string(), &text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: not YAML or JSON: {e}", spec_path.display());
            return ExitCode::from(2);
        }
    };
    let mut unexplained = 0;
    for page in pages {
        let Ok(page_text) = read(page) else {
            return ExitCode::from(2);
        };
        let r = check(&spec, &page.display().to_string(), &page_text);
        unexplained += r.unexplained().count();
        match format {
            MessageFormat::Human => write_stdout(&report::human(&r)),
            MessageFormat::Json => write_stdout(&format!("{}\n", report::json(&r))),
        }
    }
    if unexplained > 0 {
        if format == MessageFormat::Human {
            eprintln!(
                "{unexplained} finding(s) not explained: fix the spec, or mark a deliberate deviation with `x-docs-deviation: \"<why, and which newer source>\"` at the pointer"
            );
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
