//! The violations a client reported, as sets of field paths to compare.

use std::collections::BTreeSet;

/// The violations of an `Error::Validation`; panics with what came instead. (`coval::Error`
/// and `anam::Error` are the same runtime type, so this serves both clients.)
pub fn validation_violations<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, api_clients::runtime::Error<E>>,
) -> Vec<api_clients::runtime::Violation> {
    match result {
        Err(api_clients::runtime::Error::Validation(e)) => e.violations().to_vec(),
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

/// A set of owned strings, for comparing paths.
pub fn set<const N: usize>(items: [&str; N]) -> BTreeSet<String> {
    items.iter().map(|p| p.to_string()).collect()
}

/// The paths of `violations`, as a set.
pub fn violation_paths(violations: &[api_clients::runtime::Violation]) -> BTreeSet<String> {
    violations.iter().map(|v| v.path.clone()).collect()
}
