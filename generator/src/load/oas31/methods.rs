//! OpenAPI 3.2's `query` operation and `additionalOperations` (other methods by name), which the
//! 3.0 model has no field for: gathered into the path item's `x-additional-operations`, keyed
//! by the method name as sent (`QUERY`, `PURGE`), where `lower` reads them.

use super::{At, Rewrite};
use crate::diag::join;
use serde_yaml::{Mapping, Value};

/// The extension they are gathered into.
pub(super) const KEY: &str = "x-additional-operations";

/// Moves `query` and the entries of `additionalOperations` of the path item `map` (at `at`)
/// into [`KEY`], recording each as moved so that pointers name them where they were written.
/// An `additionalOperations` entry for a method that already has one is dropped, with a warning.
pub(super) fn gather(map: &mut Mapping, at: &At<'_>, rw: &mut Rewrite) {
    let query = map.remove("query");
    let additional = map.remove("additionalOperations");
    if query.is_none() && additional.is_none() {
        return;
    }
    let here = at.build();
    // Where the path item was written, if `load` moved it (from `components/pathItems`).
    let source = rw
        .moved
        .iter()
        .find(|(to, _)| *to == here)
        .map_or_else(|| here.clone(), |(_, from)| from.clone());
    let mut gathered = match map.remove(KEY) {
        Some(Value::Mapping(m)) => m,
        _ => Mapping::new(),
    };
    let mut moves = Vec::new();
    if let Some(op) = query {
        moves.push(("QUERY".to_owned(), join(&source, "query")));
        gathered.insert("QUERY".into(), op);
    }
    if let Some(Value::Mapping(ops)) = additional {
        let from = join(&source, "additionalOperations");
        for (name, op) in ops {
            let Some(name) = name.as_str().map(str::to_owned) else {
                continue;
            };
            if gathered.contains_key(name.as_str()) {
                rw.sink.warning(
                    &join(&from, &name),
                    format!("`{name}` is given twice (as `query` and under `additionalOperations`); the first is used"),
                    Some("keep one of them".to_owned()),
                );
                continue;
            }
            moves.push((name.clone(), join(&from, &name)));
            gathered.insert(name.into(), op);
        }
    }
    let base = join(&here, KEY);
    for (name, from) in moves {
        let to = join(&base, &name);
        // Moves recorded inside the operation (a streamed `itemSchema`) follow it.
        let old = if name == "QUERY" {
            join(&here, "query")
        } else {
            join(&join(&here, "additionalOperations"), &name)
        };
        rw.rebase(&old, &to);
        rw.moved.push((to, from));
    }
    map.insert(KEY.into(), Value::Mapping(gathered));
}
