//! Stage 3, surface: every Rust name and type the generated module exposes, decided once from
//! the IR — struct fields and their wrappers (`Option`, `Box`, `rt::Patch`), setters and
//! `clear_*` methods, the map of unknown fields and its setter, union variants and their
//! fallback, client methods (`*_with_response`, `*_stream` and `*_streamed` included) and the resolved pagination fields.
//!
//! Names are claimed against one list of the names the runtime and the client already use
//! ([`MODULE_TYPES`], [`CLIENT_METHODS`], [`METHOD_LOCALS`], [`MODEL_METHODS`],
//! [`REEXPORTS`]); a name that is taken gets a numeric
//! suffix, deterministically, with a warning naming its JSON pointer. `emit` and `diff` only
//! read the result.

pub mod features;
pub(crate) mod graph;
mod models;
mod operations;
mod rust_type;

pub use rust_type::{Prim, RustType};

use crate::diag::Sink;
use crate::ir::*;
use foldhash::HashMap;

/// Type names the generated module defines itself or uses unqualified (the prelude's, its
/// client, errors and the runtime items its code names): a schema's type may not take these.
/// `lower` claims type names against this list, since the IR refers to types by name.
pub const MODULE_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "Box",
    "String",
    "Default",
    "From",
    "Into",
    "IntoIterator",
    "AsRef",
    "Self",
    "Client",
    "ClientBuilder",
    "Error",
    "ApiError",
    "Result",
    "Validate",
    "ValidationError",
    "Violation",
    "RequestOptions",
    "RetryPolicy",
    "Patch",
    "ItemStream",
];

/// Methods every generated `Client` has (its own, and those of the traits it derives): an
/// operation's method may not take these names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "with_base_url",
    "with_options",
    "base_url",
    "clone",
    "clone_from",
    "fmt",
];

/// Names a generated client method uses for its other arguments (`params`, `body`) and for
/// its own locals (`query`, `call`, `list`, `value`, `item`, `options`): a path, header or
/// cookie parameter may not take these, or the method would read the local instead of the
/// argument (a path parameter named `query`, tfl.gov.uk's, did not compile).
pub const METHOD_LOCALS: &[&str] = &[
    "params", "body", "options", "query", "call", "list", "value", "item",
];

/// Methods every generated model has (its constructor, and those of the traits it derives or
/// implements, which an inherent setter of the same name would shadow at call sites): a setter
/// may not take these names.
pub const MODEL_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "serialize",
    "deserialize",
    "validate",
    "collect_violations",
];

/// Runtime items each module re-exports, unless a schema of the API takes the name.
pub const REEXPORTS: &[&str] = &[
    "ConfigError",
    "DecodeError",
    "Patch",
    "RequestOptions",
    "RetryPolicy",
    "Rule",
    "Unknown",
    "Validate",
    "ValidationError",
    "Violation",
];

/// Whether values of `t` may be sent: it is reachable from a request body or parameter. Only
/// such types get setters and `Validate`; a type only ever received (or used by no operation)
/// is built with `new()` and its public fields.
pub fn is_sent(t: &TypeDef) -> bool {
    t.in_request
}

/// The generated module's public surface.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    /// One entry per [`Api::types`], in the same order.
    pub types: Vec<TypeSurface>,
    /// One entry per [`Api::operations`], in the same order.
    pub operations: Vec<OperationSurface>,
    /// The runtime items the module re-exports (see [`REEXPORTS`]).
    pub reexports: Vec<&'static str>,
    /// The cargo features gating operations and types, when the spec asks for them
    /// (`x-rust-features: tags`).
    pub features: Option<features::Features>,
}

/// What a named type exposes beyond what the IR says.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeSurface {
    Struct(StructSurface),
    /// An enum's variants are named by `lower` (with `Unknown` reserved for open enums).
    Enum,
    Tagged(UnionSurface),
    Untagged(UnionSurface),
}

/// A struct's fields, constructor and setters.
#[derive(Debug, Clone, PartialEq)]
pub struct StructSurface {
    /// One entry per [`Struct::fields`], in the same order.
    pub fields: Vec<FieldSurface>,
    /// The flattened map of properties the spec does not declare, if the struct keeps them.
    pub extra: Option<ExtraMap>,
}

/// One struct field as the module declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSurface {
    /// The Rust field name (may be a raw identifier such as `r#type`).
    pub name: String,
    /// The declared type, wrappers included (`Option<Box<Node>>`, `rt::Patch<f64>`).
    pub ty: RustType,
    /// What the value is wrapped in.
    pub wrapper: Wrapper,
    /// Stored in a `Box` because the type would otherwise contain itself.
    pub boxed: bool,
    /// A required enum field with a single value: `new()` fills in this variant.
    pub fixed: Option<String>,
    /// The setter (optional fields only).
    pub setter: Option<String>,
    /// The `clear_*` method that sends `null` (three-state fields only).
    pub clear: Option<String>,
}

impl FieldSurface {
    /// Whether the field is an argument of the struct's `new()`.
    pub fn is_new_arg(&self, f: &Field) -> bool {
        f.required && self.fixed.is_none()
    }
}

/// What a struct field's value is wrapped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// `T`: required and not nullable (or a `Value`, which holds `null` itself).
    Plain,
    /// `Option<T>`: optional or nullable.
    Option,
    /// `rt::Patch<T>`: three-state (unchanged, cleared, set).
    Patch,
}

/// The map of a struct's undeclared properties.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraMap {
    /// The Rust field name: `extra`, or `extra_2`, ... when a property takes `extra`.
    pub field: String,
    /// The type of its values.
    pub value: RustType,
    /// `additionalProperties` declares the map (requests may add to it); otherwise it keeps the
    /// unknown fields of a response.
    pub declared: bool,
    /// The method adding one property (`with_extra`), for a declared map.
    pub setter: Option<String>,
}

/// A union's variants.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionSurface {
    /// One entry per variant of the IR's union, in the same order.
    pub variants: Vec<VariantSurface>,
    /// The variant keeping a response value that matches no other (untagged unions in
    /// responses): `Other`, or `Other2`, ... when a variant takes `Other`.
    pub fallback: Option<String>,
    /// The method returning the discriminator value (tagged unions).
    pub accessor: Option<String>,
}

/// One union variant's payload type.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantSurface {
    /// The payload type, `Box` and `Option` included.
    pub ty: RustType,
    pub boxed: bool,
}

/// The client methods of one operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationSurface {
    /// The method's name.
    pub method: String,
    /// The types of its arguments, in order (path, header and cookie parameters, then `params`
    /// and `body`).
    pub args: Vec<(String, RustType)>,
    /// What it returns inside `Result`.
    pub returns: RustType,
    /// The `*_with_response` companion, returning `rt::Response<returns>` (status, headers and
    /// request id with the body).
    pub with_response: String,
    /// The `*_stream` method over every page, if the operation has one.
    pub stream: Option<Stream>,
    /// The `*_streamed` methods, when the success response is offered streamed too
    /// ([`Operation::streamed`]).
    pub streamed: Option<StreamedMethods>,
}

/// The methods reading an operation's success response as a stream of items, beside the
/// methods reading it whole: `<op>_streamed` and `<op>_streamed_with_response`. Not
/// `<op>_stream`, which a paginated operation's stream over its pages is called.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamedMethods {
    pub method: String,
    /// Its companion returning `rt::Response<returns>`.
    pub with_response: String,
    /// What it returns inside `Result`: an `ItemStream` of the item type.
    pub returns: RustType,
}

/// A `*_stream` method and the fields of the pagination it follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub method: String,
    /// The query struct's field carrying the cursor, and the cursor's type.
    pub cursor: (String, RustType),
    /// The response struct's field holding the page's items, and whether it is an `Option`.
    pub items: (String, bool),
    /// The type of one item.
    pub item: RustType,
    /// The fields from the response to the next cursor, each with whether it is an `Option`.
    pub next: Vec<(String, bool)>,
    /// The type of the last of them (the next cursor as the response holds it).
    pub next_type: RustType,
}

/// Decides the surface of `api`. Renamed items get a warning in `sink`.
pub fn surface(api: &Api, sink: &mut Sink) -> Surface {
    let index: HashMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let boxed = graph::recursive_edges(api);
    let types = api
        .types
        .iter()
        .map(|t| models::type_surface(&index, &boxed, t, sink))
        .collect();
    let operations = operations::operation_surfaces(api, &index, sink);
    let reexports = REEXPORTS
        .iter()
        .copied()
        .filter(|n| !index.contains_key(n))
        .collect();
    Surface {
        types,
        operations,
        reexports,
        features: api.features.map(|groups| features::by_group(api, groups)),
    }
}

impl Surface {
    /// The surface of the type at `i` of [`Api::types`], as a struct.
    pub fn structure(&self, i: usize) -> Option<&StructSurface> {
        match self.types.get(i) {
            Some(TypeSurface::Struct(s)) => Some(s),
            _ => None,
        }
    }

    /// The surface of the type at `i` of [`Api::types`], as a union.
    pub fn union(&self, i: usize) -> Option<&UnionSurface> {
        match self.types.get(i) {
            Some(TypeSurface::Tagged(u) | TypeSurface::Untagged(u)) => Some(u),
            _ => None,
        }
    }
}

/// Whether a struct's optional nullable field is three-state (`rt::Patch`): it is in an update
/// body (PATCH/PUT) and `null` clears it — JSON merge-patch semantics, unless the spec says
/// `x-null-means: unchanged` on the body schema (then only fields marked `x-null-means: clear`
/// are three-state).
pub fn is_patch(t: &TypeDef, f: &Field) -> bool {
    let clears = match &t.kind {
        TypeKind::Struct(s) if s.null_means_unchanged => f.null_clears == Some(true),
        _ => f.null_clears != Some(false),
    };
    t.in_update && clears && !f.required && f.shape.nullable && !matches!(f.shape.ty, Ty::Any)
}
