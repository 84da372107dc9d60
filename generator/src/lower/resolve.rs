//! One resolver for every `$ref` to a parameter, request body, response, header or path item.
//!
//! A reference is an RFC 3986 fragment holding an RFC 6901 JSON pointer into this document
//! (`#/components/parameters/Limit`, `#/paths/~1things/get/parameters/0`). References into
//! `components` are looked up in the typed document; any other internal JSON pointer is read
//! from the document's JSON form, decoded into the expected object and kept in a [`Store`] for
//! as long as lowering borrows it. Chains of references are followed, up to [`MAX_REF_LINKS`].

use super::Lowerer;
use crate::diag::{reference_pointer, unescape, MAX_REF_LINKS};
use indexmap::IndexMap;
use openapiv3::{
    Components, Header, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
};
use std::cell::OnceCell;
use typed_arena::Arena;

/// Objects that a `$ref` may name, other than schemas (which `lower::schema` names as types).
pub(super) trait Referable: serde::de::DeserializeOwned + Sized + 'static {
    /// The key under `#/components/` that holds this kind of object (`requestBodies`).
    const COMPONENTS: &'static str;
    /// This kind of object's entries under `components`, where OpenAPI 3.0 has a place for it.
    fn components(components: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>>;
    /// Where objects of this kind read from elsewhere in the document are kept.
    fn arena(store: &Store) -> &Arena<Self>;
}

/// Owns the objects that references outside `components` name, decoded on demand.
#[derive(Default)]
pub(crate) struct Store {
    /// The document as JSON, made the first time a reference leaves `components`.
    json: OnceCell<serde_json::Value>,
    parameters: Arena<Parameter>,
    request_bodies: Arena<RequestBody>,
    responses: Arena<Response>,
    headers: Arena<Header>,
    path_items: Arena<PathItem>,
    /// Webhooks' path items, read from `x-webhooks` (see `operation::webhooks`).
    pub(super) webhooks: Arena<ReferenceOr<PathItem>>,
    /// Operations read from extensions (`x-additional-operations`, see `operation::additional`).
    pub(super) operations: Arena<openapiv3::Operation>,
    schemas: Arena<Schema>,
    /// Streamed items' schemas, read from `x-item-schema` (see `operation::responses`).
    pub(super) item_schemas: Arena<ReferenceOr<Schema>>,
    /// Names and JSON pointers of the schemas in `schemas`.
    strings: Arena<String>,
}

/// `Referable` for a kind of object that has a place under `components`: the key there, and
/// the field of `Components` and of [`Store`] that hold it.
macro_rules! referable {
    ($ty:ty, $key:literal, $field:ident) => {
        impl Referable for $ty {
            const COMPONENTS: &'static str = $key;
            fn components(c: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
                Some(&c.$field)
            }
            fn arena(store: &Store) -> &Arena<Self> {
                &store.$field
            }
        }
    };
}

referable!(Parameter, "parameters", parameters);
referable!(RequestBody, "requestBodies", request_bodies);
referable!(Response, "responses", responses);
referable!(Header, "headers", headers);

/// OpenAPI 3.0 has no `components/pathItems`: a path item is referenced by its place in `paths`.
impl Referable for PathItem {
    const COMPONENTS: &'static str = "pathItems";
    fn components(_: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        None
    }
    fn arena(store: &Store) -> &Arena<Self> {
        &store.path_items
    }
}

/// One step along a chain of references.
enum Link<'a, T> {
    Found(&'a T),
    Next(String),
}

impl<'a> Lowerer<'a> {
    /// The object `item` holds or refers to. A reference that does not resolve gets an error at
    /// `pointer` (the JSON pointer of the `$ref`'s owner) and `None`.
    pub(super) fn resolve<T: Referable>(
        &mut self,
        item: &'a ReferenceOr<T>,
        pointer: &str,
    ) -> Option<&'a T> {
        let first = match item {
            ReferenceOr::Item(found) => return Some(found),
            ReferenceOr::Reference { reference } => reference,
        };
        let mut reference = first.clone();
        for _ in 0..MAX_REF_LINKS {
            match self.link::<T>(&reference) {
                Some(Link::Found(found)) => return Some(found),
                Some(Link::Next(next)) => reference = next,
                None => {
                    self.sink.error(
                        pointer,
                        format!("cannot resolve `$ref: {first}`"),
                        Some(format!(
                            "point it at an existing `#/components/{}/<Name>`",
                            T::COMPONENTS
                        )),
                    );
                    return None;
                }
            }
        }
        self.sink.error(
            pointer,
            format!("`$ref: {first}` starts a chain of more than {MAX_REF_LINKS} references"),
            Some("a chain of references must end in an object; look for a cycle".to_owned()),
        );
        None
    }

    /// A schema that a reference names outside `#/components/schemas/<Name>` (inside another
    /// schema, a parameter, a response): its name (the pointer's last token), the schema and
    /// its JSON pointer; or the next reference, when the schema there is one. `None` when
    /// nothing, or no schema, is there.
    pub(super) fn schema_elsewhere(
        &self,
        reference: &str,
    ) -> Option<Result<(&'a str, &'a Schema, &'a str), String>> {
        let pointer = reference_pointer(reference)?;
        match self.decode_at::<Schema>(&pointer)? {
            ReferenceOr::Reference { reference } => Some(Err(reference)),
            ReferenceOr::Item(schema) => {
                let last = pointer.rsplit('/').next().unwrap_or_default();
                let name = self.store.strings.alloc(unescape(last).into_owned());
                let pointer = self.store.strings.alloc(pointer);
                Some(Ok((name, self.store.schemas.alloc(schema), pointer)))
            }
        }
    }

    /// The object at `pointer` in the document, decoded as a `T` or a reference to one. The
    /// document's JSON form is made the first time a reference leaves `components`.
    fn decode_at<T: serde::de::DeserializeOwned>(&self, pointer: &str) -> Option<ReferenceOr<T>> {
        let json = self
            .store
            .json
            .get_or_init(|| serde_json::to_value(self.doc).unwrap_or_default());
        serde_json::from_value(json.pointer(pointer)?.clone()).ok()
    }

    /// Follows one reference: the object it names, or the next reference if it names one.
    fn link<T: Referable>(&self, reference: &str) -> Option<Link<'a, T>> {
        let json_pointer = reference_pointer(reference)?;
        let in_components = json_pointer
            .strip_prefix("/components/")
            .and_then(|rest| rest.strip_prefix(T::COMPONENTS))
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|token| !token.contains('/'));
        let components = self.doc.components.as_ref().and_then(T::components);
        if let (Some(token), Some(entries)) = (in_components, components) {
            return match entries.get(unescape(token).as_ref())? {
                ReferenceOr::Item(found) => Some(Link::Found(found)),
                ReferenceOr::Reference { reference } => Some(Link::Next(reference.clone())),
            };
        }
        match self.decode_at::<T>(&json_pointer)? {
            ReferenceOr::Item(found) => Some(Link::Found(T::arena(self.store).alloc(found))),
            ReferenceOr::Reference { reference } => Some(Link::Next(reference)),
        }
    }
}
