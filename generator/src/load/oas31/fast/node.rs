//! The document around the schemas. The objects that can hold a schema (path items,
//! operations, parameters, headers, request bodies, responses, media types, encodings,
//! components) are read as maps and lists whose keys borrow from the text; schemas as
//! [`Schema`]; everything else stays the raw text of its value (no copy, no tree). Which
//! object is which follows `oas31::paths::document`, which calls the schema rewrite at the
//! same places.

mod present;
#[cfg(test)]
mod tests;

use super::schema::{self, Schema};
use super::{bail, checked_raw, distinct, Bail};
use crate::diag::Diagnostics;
use crate::load::json::Key;
use crate::load::oas31::{reads, At};
use crate::load::Document;
use serde::de::{self, Deserialize, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// A node of the partly read document. Strings and raw values borrow from the text (`'a`).
pub(super) enum Node<'a> {
    /// A value that holds no schema, as written (checked for repeated keys).
    Raw(&'a RawValue),
    /// The `openapi` field: a 3.1/3.2 version, presented as `3.0.3`, as the tree path
    /// rewrites it.
    Version,
    /// A schema.
    Schema(Schema<'a>),
    /// An object: one of the fixed-field objects that hold schemas (`Some`), or a map of them
    /// keyed by name, path, status code or media type (`None`). Keys are distinct.
    Map(Option<Object>, Vec<(Cow<'a, str>, Node<'a>)>),
    /// A list of parameters.
    List(Vec<Node<'a>>),
}

/// The objects of OpenAPI 3.1/3.2 that can hold schemas (a header is read as a parameter, as
/// the tree path reads it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Object {
    /// The OpenAPI Object, at the root.
    Document,
    /// A path item, under `paths` or in a callback.
    PathItem,
    /// An operation of a path item.
    Operation,
    /// A parameter, or a header.
    Parameter,
    /// A request body.
    RequestBody,
    /// A response.
    Response,
    /// A media type of a `content` map.
    MediaType,
    /// An encoding of a media type's property.
    Encoding,
    /// `components`.
    Components,
}

/// How a value is read: what the seed of [`Node`] carries down the document.
#[derive(Clone, Copy, Debug)]
enum Context {
    /// Kept as written.
    Raw,
    /// The `openapi` field.
    Version,
    /// A schema.
    Schema,
    /// A fixed-field object.
    Object(Object),
    /// A map of `of`, except for the entries `keys` says are something else.
    Map { of: &'static Context, keys: Keys },
    /// A list of `of`.
    List(&'static Context),
    /// An extension among the entries of `paths` or `responses`: the tree path reads it as
    /// one of them if it is an object (and so rewrites the schemas in it), and leaves it alone
    /// if not; so it is read raw, and again as `of` if it is an object.
    Extension(&'static Context),
}

const PATH_ITEM: Context = Context::Object(Object::PathItem);
const PARAMETER: Context = Context::Object(Object::Parameter);
const RESPONSE: Context = Context::Object(Object::Response);
/// A callback: runtime expressions to path items, or (in `components/callbacks`; openapiv3
/// refuses one in an operation, and so the tree path does) a reference to one.
const CALLBACK: Context = Context::Map {
    of: &PATH_ITEM,
    keys: Keys::Reference,
};

/// Which entries of a map are not what the map holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keys {
    /// None: every entry is one.
    All,
    /// An entry keyed `x-…` is an extension ([`Context::Extension`]): `paths`, `responses`.
    Extensions,
    /// An entry keyed `$ref` is raw: the map is a Reference Object (a callback's entries are
    /// path items, or it is a reference to one; the tree path skips the string).
    Reference,
}

/// A map of `of` (every entry one).
const fn map(of: &'static Context) -> Context {
    Context::Map {
        of,
        keys: Keys::All,
    }
}

/// The operations of a path item, in the order the tree path rewrites them.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Object {
    /// The fields of this object that are not read raw, in the order the tree path rewrites
    /// them (so that moves are recorded in the same order); `None` for a field only the tree
    /// path reads (it moves nodes: `webhooks`, `query`, a path item's `$ref`, ...).
    fn fields(self) -> &'static [(&'static str, Option<Context>)] {
        const OPERATION: Option<Context> = Some(Context::Object(Object::Operation));
        const PARAMETERS: Option<Context> = Some(Context::List(&PARAMETER));
        const CONTENT: Option<Context> = Some(map(&Context::Object(Object::MediaType)));
        // Headers are read as parameters (a `schema` or a `content` map), as the tree path does.
        const BY_NAME: Option<Context> = Some(map(&PARAMETER));
        const SCHEMA: Option<Context> = Some(Context::Schema);
        const CALLBACKS: Option<Context> = Some(map(&CALLBACK));
        const ENCODINGS: Option<Context> = Some(map(&Context::Object(Object::Encoding)));
        const SCHEMAS: Option<Context> = Some(map(&Context::Schema));
        const REQUEST_BODIES: Option<Context> = Some(map(&Context::Object(Object::RequestBody)));
        const RESPONSES: Option<Context> = Some(map(&RESPONSE));
        match self {
            Object::Document => &[
                ("openapi", Some(Context::Version)),
                (
                    "paths",
                    Some(Context::Map {
                        of: &PATH_ITEM,
                        keys: Keys::Extensions,
                    }),
                ),
                ("webhooks", None),
                ("components", Some(Context::Object(Object::Components))),
            ],
            Object::PathItem => &[
                ("$ref", None),
                ("parameters", PARAMETERS),
                (METHODS[0], OPERATION),
                (METHODS[1], OPERATION),
                (METHODS[2], OPERATION),
                (METHODS[3], OPERATION),
                (METHODS[4], OPERATION),
                (METHODS[5], OPERATION),
                (METHODS[6], OPERATION),
                (METHODS[7], OPERATION),
                ("query", None),
                ("additionalOperations", None),
            ],
            Object::Operation => &[
                ("parameters", PARAMETERS),
                ("requestBody", Some(Context::Object(Object::RequestBody))),
                (
                    "responses",
                    Some(Context::Map {
                        of: &RESPONSE,
                        keys: Keys::Extensions,
                    }),
                ),
                ("callbacks", CALLBACKS),
            ],
            Object::Parameter => &[("schema", SCHEMA), ("content", CONTENT)],
            Object::RequestBody => &[("content", CONTENT)],
            Object::Response => &[("headers", BY_NAME), ("content", CONTENT)],
            Object::MediaType => &[
                ("schema", SCHEMA),
                ("itemSchema", None),
                ("encoding", ENCODINGS),
            ],
            Object::Encoding => &[("headers", BY_NAME)],
            Object::Components => &[
                ("schemas", SCHEMAS),
                ("parameters", BY_NAME),
                ("headers", BY_NAME),
                ("requestBodies", REQUEST_BODIES),
                ("responses", RESPONSES),
                ("pathItems", None),
                ("callbacks", CALLBACKS),
            ],
        }
    }

    /// How the entry `key` is read; `None` when the document is for the tree path.
    fn field(self, key: &str) -> Option<Context> {
        match self.fields().iter().find(|(k, _)| *k == key) {
            Some((_, context)) => *context,
            None => Some(Context::Raw),
        }
    }
}

/// The fast path: `None` when the document must be read by the tree path (see [`Bail`]), or
/// does not fit the model (the tree path then says why). `_file` is for diagnostics, and the
/// fast path has none: what would warn bails.
pub(crate) fn read(_file: &str, text: &str) -> Option<Document> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut root = Context::Object(Object::Document)
        .deserialize(&mut de)
        .ok()?;
    de.end().ok()?;
    let Node::Map(_, entries) = &mut root else {
        return None;
    };
    // `paths` is required in 3.0 and optional in 3.1: the tree path inserts an empty one.
    if !entries.iter().any(|(k, _)| k == "paths") {
        entries.push(("paths".into(), Node::Map(None, Vec::new())));
    }
    let mut moved = Vec::new();
    rewrite(&mut root, &At::ROOT, &mut moved).ok()?;
    let openapi = present::openapi(root).ok()?;
    Some(Document {
        openapi,
        warnings: Diagnostics::default(),
        moved,
    })
}

/// Rewrites every schema in `node` (at `at`) into OpenAPI 3.0, in the order the tree path
/// does: the fields of an object in [`Object::fields`] order, the entries of a map and the
/// elements of a list in document order.
fn rewrite(
    node: &mut Node<'_>,
    at: &At<'_>,
    moved: &mut Vec<(String, String)>,
) -> Result<(), Bail> {
    match node {
        Node::Raw(_) | Node::Version => Ok(()),
        Node::Schema(s) => schema::rewrite(s, at, moved),
        Node::List(items) => (items.iter_mut().enumerate())
            .try_for_each(|(i, item)| rewrite(item, &at.index(i), moved)),
        Node::Map(None, entries) => {
            (entries.iter_mut()).try_for_each(|(key, value)| rewrite(value, &at.key(key), moved))
        }
        Node::Map(Some(object), entries) => {
            for (field, _) in object.fields() {
                if let Some((key, value)) = entries.iter_mut().find(|(k, _)| k == field) {
                    rewrite(value, &at.key(key), moved)?;
                }
            }
            Ok(())
        }
    }
}

/// A raw value, refused if an object in it repeats a key.
fn raw<'a, E: de::Error>(raw: &'a RawValue) -> Result<Node<'a>, E> {
    checked_raw(raw).map(Node::Raw)
}

impl<'de> DeserializeSeed<'de> for Context {
    type Value = Node<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        match self {
            Context::Raw => raw(<&RawValue>::deserialize(d)?),
            Context::Version => match Key.deserialize(d)? {
                v if reads(&v) => Ok(Node::Version),
                _ => Err(bail("not a 3.1/3.2 document")),
            },
            Context::Schema => Schema::deserialize(d).map(Node::Schema),
            Context::Object(_) | Context::Map { .. } => d.deserialize_map(self),
            Context::List(_) => d.deserialize_seq(self),
            Context::Extension(of) => {
                let value = <&RawValue>::deserialize(d)?;
                if !value.get().starts_with('{') {
                    return raw(value);
                }
                let mut de = serde_json::Deserializer::from_str(value.get());
                of.deserialize(&mut de).map_err(de::Error::custom)
            }
        }
    }
}

impl<'de> Visitor<'de> for Context {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let context = match self {
                Context::Object(object) => object.field(&key).ok_or_else(|| bail(&key))?,
                Context::Map { of, keys } => match keys {
                    Keys::Extensions if key.starts_with("x-") => Context::Extension(of),
                    Keys::Reference if key == "$ref" => Context::Raw,
                    _ => *of,
                },
                _ => return Err(bail("an object where none is read")),
            };
            let value = map.next_value_seed(context)?;
            entries.push((key, value));
        }
        if !distinct(&entries) {
            return Err(bail("a repeated key"));
        }
        let object = match self {
            Context::Object(object) => Some(object),
            _ => None,
        };
        Ok(Node::Map(object, entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let Context::List(of) = self else {
            return Err(bail("a list where none is read"));
        };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(*of)? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
}
