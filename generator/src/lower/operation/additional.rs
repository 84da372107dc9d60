//! Operations beyond OpenAPI 3.0's eight methods: 3.2's `query` and `additionalOperations`,
//! which `load` gathers into the path item's `x-additional-operations` (method name as sent →
//! operation; a 3.0 author may write the same extension).

use super::super::Lowerer;
use crate::diag::join;
use crate::ir::Method;
use openapiv3::{Operation, PathItem};

/// The extension holding them.
const KEY: &str = "x-additional-operations";

impl<'a> Lowerer<'a> {
    /// `item`'s extra operations, with their pointers (under `path_ptr`) and methods, in spec
    /// order. A name that is not an HTTP token (RFC 9110 section 5.6.2), or an entry that is not
    /// an operation, is an error at its pointer.
    pub(super) fn additional_operations(
        &mut self,
        item: &'a PathItem,
        path_ptr: &str,
    ) -> Vec<(String, Method, &'a Operation)> {
        let Some(ops) = item.extensions.get(KEY).and_then(|v| v.as_object()) else {
            return Vec::new();
        };
        let base = join(path_ptr, KEY);
        let mut out = Vec::new();
        for (name, op) in ops {
            let pointer = join(&base, name);
            if name.is_empty() || !name.bytes().all(is_tchar) {
                self.sink.error(
                    &pointer,
                    format!("`{name}` is not an HTTP method name (a token: letters, digits and ``!#$%&'*+-.^_`|~``)"),
                    Some("name the method as it is sent, such as `PURGE`".to_owned()),
                );
                continue;
            }
            match serde_json::from_value::<Operation>(op.clone()) {
                Ok(op) => {
                    let op: &'a Operation = self.store.operations.alloc(op);
                    out.push((pointer, Method::from_name(name), op));
                }
                Err(e) => self.sink.error(
                    &pointer,
                    format!("`{name}` is not an operation object: {e}"),
                    Some("give it `responses`, as for `get` or `post`".to_owned()),
                ),
            }
        }
        out
    }
}

/// A character allowed in an HTTP token (a method name).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
