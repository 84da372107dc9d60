//! Pointers into the source text for nodes that `load` moved while reading a 3.1/3.2 document
//! into the 3.0 model (`$defs` entries, path items from `components/pathItems`): every pointer
//! the IR and the diagnostics carry names the node where the user wrote it.

use crate::diag::Diagnostics;
use crate::ir::{Api, TypeKind};
use crate::load::Document;

/// Rewrites the pointers of `api` and `diags` that name moved nodes to their source places.
pub(super) fn restore(doc: &Document, api: &mut Api, diags: &mut Diagnostics) {
    if doc.moved.is_empty() {
        return;
    }
    let fix = |p: &mut String| {
        if let Some(source) = doc.source_pointer(p) {
            *p = source;
        }
    };
    for t in &mut api.types {
        fix(&mut t.pointer);
        if let TypeKind::Struct(s) = &mut t.kind {
            s.fields.iter_mut().for_each(|f| fix(&mut f.pointer));
        }
    }
    for op in &mut api.operations {
        fix(&mut op.pointer);
        let body = op.body.iter_mut().flat_map(|b| &mut b.examples);
        body.for_each(|e| fix(&mut e.pointer));
        let responses = op.responses_mut().flat_map(|r| &mut r.examples);
        responses.for_each(|e| fix(&mut e.pointer));
        if let Some(s) = &mut op.streamed {
            fix(&mut s.item_pointer);
        }
    }
    for w in &mut api.webhooks {
        fix(&mut w.pointer);
        w.body.examples.iter_mut().for_each(|e| fix(&mut e.pointer));
    }
    diags.0.iter_mut().for_each(|d| fix(&mut d.pointer));
}
