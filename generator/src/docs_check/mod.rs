//! `docs-check`: the spec checked against saved vendor reference pages.
//!
//! The pages (plain text, as copied from the vendor's site, e.g. `../shared/docs/*.txt`) state
//! facts a tool can read: the method and path, the server URL and auth header, the JSON examples,
//! and the field lists. Each stage is one file:
//!
//! | file | what it does |
//! |---|---|
//! | [`page`] | finds the curl command and the JSON examples on a page, with their lines |
//! | [`spec`] | the spec as a JSON value: the operation a page calls, its schemas, by JSON pointer |

pub mod page;
pub mod spec;
