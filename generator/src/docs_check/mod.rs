//! `docs-check`: the spec checked against saved vendor reference pages.
//!
//! The pages (plain text, as copied from the vendor's site, e.g. `../shared/docs/*.txt`) state
//! facts a tool can read: the method and path, the server URL and auth header, the JSON examples,
//! and the field lists. [`check`] reports every fact the spec contradicts or lacks, with the
//! page's line and the spec's JSON pointer, and what it could not read. A finding is accepted as
//! deliberate only where the spec marks the node at that pointer with
//! `x-docs-deviation: "<why, and which newer source>"`.
//!
//! One stage per file:
//!
//! | file | what it does |
//! |---|---|
//! | [`page`] | finds the curl commands and the JSON examples on a page, with their lines |
//! | [`facts`] | reads the field lists (Coval's layout) and the flat description/value layout (Anam's) |
//! | [`spec`] | the spec as a JSON value: the operation a page calls, its schemas, by JSON pointer |
//! | [`schema`] | properties through `allOf`/`oneOf`, merged keyword views, examples checked against a schema |
//! | [`compare`] | each fact against the spec: [`compare::Finding`]s and what was not compared |
//! | [`report`] | the result as text or JSON |

pub mod compare;
pub mod facts;
pub mod page;
pub mod report;
pub mod schema;
pub mod spec;

/// Reads the page `page_text` (named `page_file` in the report) and compares every fact it
/// states with `spec`.
pub fn check(spec: &spec::Spec, page_file: &str, page_text: &str) -> compare::Report {
    let page = page::read(page_file, page_text);
    let facts = facts::extract(&page);
    compare::compare(spec, &page, &facts)
}
