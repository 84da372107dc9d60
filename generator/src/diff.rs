//! The spec diff: compares two versions of a spec **at the level of the generated API** and
//! classifies every change by what it does to a user of the generated crate.
//!
//! Both specs go through [`crate::lower_spec`]; the two [`ir::Api`](crate::ir::Api) values, each
//! with the [`Surface`] the generator decided for it, are compared (types by Rust name, fields by wire name, operations by `operationId`, then by method
//! and path). Each [`Change`] has a [`Kind`], a stable [`Rule`], a JSON pointer (the new spec's,
//! or the old one's for something removed) and a one-line description.
//!
//! | module | concern |
//! |---|---|
//! | `rule` | the rules: what each change is and why it has its kind |
//! | `surface` | one side: the IR and its [`Surface`], looked up by type, field and operation |
//! | `bounds` | constraints (lengths, ranges, patterns, formats, item counts): tighter or looser |
//! | `api` | base URL, auth, error type, operations |
//! | `types` | types by name; struct fields and the `extra` map |
//! | `variants` | enum values, union variants, openness |
//! | `version` | the verdict as a version bump; reading `Cargo.toml` |
//! | `render` | the text report, the JSON document, the changelog entry |
//! | `cli` | `generator diff`: reading specs (files or `REV:path`), exit status, changelog file |

mod api;
mod bounds;
pub mod cli;
mod render;
mod rule;
mod surface;
mod types;
mod variants;
pub mod version;
mod webhooks;

use crate::ir::Api;
use crate::surface::Surface;
use crate::Diagnostics;
use surface::View;

pub use render::{changelog, to_json, to_text};
pub use rule::{Kind, Rule};
pub use version::Version;

/// One change of the generated API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub rule: Rule,
    /// RFC 6901 pointer into the new spec, or into the old one for something removed.
    pub pointer: String,
    /// One line, in words a reviewer reads (Rust names for code, wire names for the spec).
    pub description: String,
}

impl Change {
    pub fn kind(&self) -> Kind {
        self.rule.kind()
    }
}

/// The semver level a set of changes calls for, independent of the version number (see
/// [`Version::bump`] for how it maps onto a 0.x version).
///
/// - `Major`: at least one [`Kind::Breaking`] change;
/// - `Minor`: no breaking change, but at least one [`Kind::Behaviour`] or [`Kind::Additive`]
///   change. A behaviour change is a tighter contract the *server* already had (the spec now
///   says so): code keeps compiling, and what the client now refuses up front the server would
///   have refused. Deny it in CI with `--allow patch` if your users must never see one;
/// - `Patch`: no change to the generated API (documentation, examples, comments only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Patch,
    Minor,
    Major,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

/// Every change between two versions of one spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The old spec as given (a path, or `REV:path`).
    pub old: String,
    /// The new spec as given.
    pub new: String,
    /// The Rust module both were lowered as.
    pub module: String,
    /// In a fixed order: the API (base URL, auth, error type), operations in the new spec's
    /// order then removed ones, types by Rust name.
    pub changes: Vec<Change>,
}

impl Report {
    /// The semver level: the highest any change calls for.
    pub fn verdict(&self) -> Level {
        self.changes
            .iter()
            .map(|c| match c.kind() {
                Kind::Breaking => Level::Major,
                Kind::Behaviour | Kind::Additive => Level::Minor,
            })
            .max()
            .unwrap_or(Level::Patch)
    }

    /// The changes of one kind, in report order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind() == kind)
    }
}

/// Compares two lowered APIs, each with its surface. `old`/`new` name them in the report.
pub fn diff(
    old_name: &str,
    old: (&Api, &Surface),
    new_name: &str,
    new: (&Api, &Surface),
) -> Report {
    let (old, new) = (View::new(old.0, old.1), View::new(new.0, new.1));
    let mut out = Out::default();
    api::compare(&old, &new, &mut out);
    types::compare(&old, &new, &mut out);
    Report {
        old: old_name.to_owned(),
        new: new_name.to_owned(),
        module: new.module.clone(),
        changes: out.0,
    }
}

/// Which side of the diff a spec is, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// Lowers both spec texts as `module` and compares them.
///
/// # Errors
/// The side that failed to lower and its diagnostics.
pub fn diff_specs(
    old_file: &str,
    old_text: &str,
    new_file: &str,
    new_text: &str,
    module: &str,
) -> Result<Report, (Side, Diagnostics)> {
    let (old, old_surface, _) =
        crate::lower_spec(old_file, module, old_text).map_err(|d| (Side::Old, d))?;
    let (new, new_surface, _) =
        crate::lower_spec(new_file, module, new_text).map_err(|d| (Side::New, d))?;
    Ok(diff(
        old_file,
        (&old, &old_surface),
        new_file,
        (&new, &new_surface),
    ))
}

/// Where the comparisons put what they find.
#[derive(Default)]
pub(crate) struct Out(Vec<Change>);

impl Out {
    fn push(&mut self, rule: Rule, pointer: &str, description: impl Into<String>) {
        self.0.push(Change {
            rule,
            pointer: pointer.to_owned(),
            description: description.into(),
        });
    }
}
