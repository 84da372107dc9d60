//! The intermediate representation between `lower` and `emit`: plain data, Rust names already
//! chosen, no openapiv3 types. Everything is in a deterministic order.

use serde_json::Value;

/// One API: everything generated from one spec file into one Rust module.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Rust module name, from the spec file's stem (`coval`).
    pub module: String,
    /// The spec file as given (`spec/coval.yaml`), for doc links and diagnostics.
    pub source: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first `servers` entry.
    pub base_url: String,
    /// Prefix of the environment variables the client reads (`COVAL` → `COVAL_API_KEY`).
    pub env_prefix: String,
    pub auth: Auth,
    /// The named type every documented error response uses, if they all use one.
    pub error_type: Option<String>,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Operations in spec order (paths, then methods in `get put post delete options head patch
    /// trace` order, then OpenAPI 3.2's `query` and `additionalOperations`).
    pub operations: Vec<Operation>,
    /// How operations, and the types only they use, go behind cargo features
    /// (`x-rust-features` at the document's root), if they do.
    pub features: Option<FeatureGroups>,
    /// The requests the API sends to its users (OpenAPI 3.1 `webhooks`), in spec order: one
    /// per webhook operation with a JSON body.
    pub webhooks: Vec<Webhook>,
}

/// What names an operation's cargo feature (`x-rust-features`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureGroups {
    /// `tags`: its first tag.
    Tags,
    /// `paths`: its path's resource, the first segment that is neither a version (`v1`,
    /// `2024-01-01`) nor a parameter (`/v1/customers/{id}` → `customers`); for specs without
    /// tags, such as Stripe's.
    Paths,
}

/// One operation of a webhook: a request the API sends, whose body the user's server decodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The webhook's key under `webhooks` (`newPet`).
    pub name: String,
    /// The operation's `operationId`, if it has one.
    pub id: Option<String>,
    /// Rust function name of its decoder.
    pub rust: String,
    pub method: Method,
    /// JSON pointer of the operation.
    pub pointer: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// The JSON body the API sends.
    pub body: Body,
}

/// How the API key is sent, from `components/securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `type: apiKey, in: header`.
    Header { scheme: String, header: String },
    /// `type: apiKey, in: query`.
    Query { scheme: String, param: String },
    /// `type: apiKey, in: cookie`.
    Cookie { scheme: String, cookie: String },
    /// `type: http, scheme: bearer`.
    Bearer { scheme: String },
    /// `type: http, scheme: basic`: the key is `user:password`.
    Basic { scheme: String },
    /// No security requirement.
    None,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    pub doc: Doc,
    pub kind: TypeKind,
    /// Reachable from a request body or parameter: gets setters and `Validate`.
    pub in_request: bool,
    /// Received: reachable from a response body, or from no operation at all (a component no
    /// operation uses, such as a webhook payload, is data the user decodes). Enums stay open,
    /// structs keep unknown fields.
    pub in_response: bool,
    /// Reachable from a PATCH/PUT body: optional nullable fields are three-state.
    pub in_update: bool,
}

impl TypeDef {
    /// The shapes of its members: a struct's fields and additional properties, an untagged
    /// union's variants (a tagged union's variants and an enum's values are not shapes).
    pub fn member_shapes(&self) -> Box<dyn Iterator<Item = &Shape> + '_> {
        match &self.kind {
            TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.shape).chain(&s.extra)),
            TypeKind::Untagged(u) => Box::new(u.variants.iter().map(|v| &v.shape)),
            TypeKind::Tagged(_) | TypeKind::Enum(_) => Box::new(std::iter::empty()),
        }
    }

    /// [`TypeDef::member_shapes`], to change.
    pub fn member_shapes_mut(&mut self) -> Box<dyn Iterator<Item = &mut Shape> + '_> {
        match &mut self.kind {
            TypeKind::Struct(s) => Box::new(
                s.fields
                    .iter_mut()
                    .map(|f| &mut f.shape)
                    .chain(&mut s.extra),
            ),
            TypeKind::Untagged(u) => Box::new(u.variants.iter_mut().map(|v| &mut v.shape)),
            TypeKind::Tagged(_) | TypeKind::Enum(_) => Box::new(std::iter::empty()),
        }
    }
}

/// Documentation carried from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub title: Option<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    pub default: Option<Value>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    /// `oneOf` with a `discriminator`: a serde internally tagged enum.
    Tagged(Tagged),
    /// `oneOf`/`anyOf` without a discriminator: a serde untagged enum, variants tried in order.
    Untagged(Untagged),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties`: extra keys kept in a flattened map of this shape.
    pub extra: Option<Shape>,
    /// `x-null-means: unchanged` on the schema: as an update body, `null` leaves its fields
    /// as they are (unless a field says `x-null-means: clear`), so they are not three-state.
    pub null_means_unchanged: bool,
    /// `dependentRequired` (`x-dependent-required` in a 3.0 spec): while the property named
    /// first (a wire name) is present, each property in its list must be present too.
    pub dependent_required: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust field name (may be a raw identifier such as `r#type`).
    pub rust: String,
    /// JSON property name.
    pub wire: String,
    pub pointer: String,
    pub doc: Doc,
    pub shape: Shape,
    pub required: bool,
    /// `x-null-means` on the property: `Some(true)` for `clear`, `Some(false)` for `unchanged`.
    pub null_clears: Option<bool>,
}

impl Field {
    /// Whether the Rust field is an `Option`: optional or nullable.
    pub fn is_option(&self) -> bool {
        !self.required || self.shape.nullable
    }
}

/// A value's type plus the constraints the spec states on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub ty: Ty,
    pub nullable: bool,
    pub rules: Rules,
}

impl Shape {
    /// The named type this shape is, or holds (as array items or map values).
    pub fn named(&self) -> Option<&str> {
        match &self.ty {
            Ty::Named(n) => Some(n),
            Ty::Array(s) | Ty::Map(s) => s.named(),
            _ => None,
        }
    }

    /// [`Shape::named`], to change (a rename).
    pub fn named_mut(&mut self) -> Option<&mut String> {
        match &mut self.ty {
            Ty::Named(n) => Some(n),
            Ty::Array(s) | Ty::Map(s) => s.named_mut(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    /// `format: date-time`, decoded as `chrono::DateTime<Utc>`.
    DateTime,
    /// `format: date`, decoded as `chrono::NaiveDate`.
    Date,
    /// `int32` → `i32`, anything else → `i64`.
    Integer {
        bits32: bool,
    },
    /// Always `f64`.
    Number,
    Boolean,
    /// Any JSON value (a schema with no type).
    Any,
    /// A free-form JSON object.
    Object,
    Array(Box<Shape>),
    /// An object with only `additionalProperties`: a string-keyed map.
    Map(Box<Shape>),
    /// A named type of this API.
    Named(String),
}

/// Constraints checked by the generated `validate()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<Format>,
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }
}

/// String formats that are checked (others are documentation only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Uri,
    Uuid,
    Email,
    /// `format: byte`: base64 text (RFC 4648), kept as a `String`.
    Byte,
}

impl Format {
    /// The spec's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Uri => "uri",
            Format::Uuid => "uuid",
            Format::Email => "email",
            Format::Byte => "byte",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub integer: bool,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub rust: String,
    /// The wire value: a string, or an integer when the enum is an integer enum.
    pub value: EnumValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnumValue {
    Str(String),
    Int(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// The discriminator's property name.
    pub tag: String,
    pub variants: Vec<TaggedVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    pub rust: String,
    /// The discriminator value.
    pub value: String,
    /// The struct carrying the variant's other fields.
    pub ty: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Untagged {
    pub variants: Vec<UntaggedVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub rust: String,
    pub doc: Doc,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub id: String,
    /// Rust method name.
    pub rust: String,
    pub method: Method,
    pub path: String,
    pub pointer: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    /// Sending it twice has the effect of sending it once: GET, HEAD, PUT, DELETE, OPTIONS,
    /// TRACE, QUERY, or `x-idempotent: true` on the operation.
    pub idempotent: bool,
    /// Path, header and cookie parameters (positional arguments of the method).
    pub params: Vec<Param>,
    /// The struct holding the query parameters, if the operation has any.
    pub query: Option<String>,
    /// How each query parameter (by wire name, in the struct's field order) is serialized.
    pub query_styles: Vec<(String, QueryStyle)>,
    /// How the list operation pages, from our `x-pagination` extension.
    pub pagination: Option<Pagination>,
    pub body: Option<Body>,
    /// The success response (first 2xx).
    pub success: Response,
    /// The success response streamed, when the 2xx that `success` reads as JSON also offers a
    /// sequential media type with an `itemSchema` (OpenAI's chat completions: JSON, or
    /// server-sent events when the body asks for them). The client gets a second pair of
    /// methods for it (`*_streamed`).
    pub streamed: Option<Streamed>,
    /// Documented non-2xx responses (`default` has status 0).
    pub errors: Vec<Response>,
}

/// The streamed form of an operation's success response (see [`Operation::streamed`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Streamed {
    /// The response as a stream: `stream` is set and `body` is the shape of one item.
    pub response: Response,
    /// The JSON pointer of its `itemSchema`.
    pub item_pointer: String,
}

impl Operation {
    /// Every response: the success one, its streamed form, then the errors.
    pub fn responses(&self) -> impl Iterator<Item = &Response> {
        std::iter::once(&self.success)
            .chain(self.streamed.as_ref().map(|s| &s.response))
            .chain(&self.errors)
    }

    /// [`Operation::responses`], mutably.
    pub fn responses_mut(&mut self) -> impl Iterator<Item = &mut Response> {
        std::iter::once(&mut self.success)
            .chain(self.streamed.as_mut().map(|s| &mut s.response))
            .chain(&mut self.errors)
    }

    /// The operation as its streamed methods send it: the success response replaced by its
    /// streamed form (so the `Accept` header, the decoding and the docs follow it).
    pub fn as_streamed(&self) -> Option<Operation> {
        let streamed = self.streamed.as_ref()?;
        Some(Operation {
            success: streamed.response.clone(),
            streamed: None,
            ..self.clone()
        })
    }

    /// Whether the client gets a `<op>_stream` method: paging and a query struct, no body, and
    /// only required string arguments besides (the stream takes them as `impl Into<String>`).
    pub fn has_stream(&self) -> bool {
        self.pagination.is_some()
            && self.body.is_none()
            && self.query.is_some()
            && self
                .params
                .iter()
                .all(|p| p.required && matches!(p.shape.ty, Ty::String))
    }

    /// Statuses whose documented body is the API's error type; with no common error type
    /// (errors are decoded as any JSON value), every status with a JSON body.
    pub fn error_statuses(&self, error_type: Option<&str>) -> (Vec<u16>, bool) {
        let mut statuses = Vec::new();
        let mut default = false;
        for e in &self.errors {
            let matches = match (&e.body, error_type) {
                (
                    Some(Shape {
                        ty: Ty::Named(n), ..
                    }),
                    Some(t),
                ) => n == t,
                (Some(_), None) => true,
                _ => false,
            };
            if matches {
                if e.status == 0 {
                    default = true;
                } else {
                    statuses.push(e.status);
                }
            }
        }
        (statuses, default)
    }
}

/// `x-pagination` on a list operation: how to ask for the next page and where the items are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub style: PageStyle,
    /// The query parameter (wire name) carrying the cursor.
    pub request: String,
    /// The response property path (wire names) holding the next cursor.
    pub response: Vec<String>,
    /// The response property (wire name) holding the page's items.
    pub items: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// An opaque token: `page_token` → `next_page_token`; empty or absent ends the list.
    Token,
    /// A page number: `page` → `meta.next`; null or absent ends the list.
    Page,
}

/// An operation's HTTP method.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    /// OpenAPI 3.2's `query`: the HTTP QUERY method, safe and idempotent
    /// (draft-ietf-httpbis-safe-method-w-body).
    Query,
    /// Any other method, from OpenAPI 3.2's `additionalOperations`: its name as sent (an HTTP
    /// token, case-sensitive: `PURGE`, `LINK`).
    Other(String),
}

impl Method {
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
            Method::Query => "QUERY",
            Method::Other(name) => name,
        }
    }

    /// The method sent as `name` (`GET`, `QUERY`, `PURGE`): a standard one by its variant.
    pub fn from_name(name: &str) -> Method {
        match name {
            "GET" => Method::Get,
            "PUT" => Method::Put,
            "POST" => Method::Post,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            "HEAD" => Method::Head,
            "PATCH" => Method::Patch,
            "TRACE" => Method::Trace,
            "QUERY" => Method::Query,
            other => Method::Other(other.to_owned()),
        }
    }

    /// Whether sending it twice has the effect of sending it once, by its definition (RFC 9110
    /// section 9.2.2; QUERY per its draft); a method the client does not know is taken as not.
    pub fn is_idempotent(&self) -> bool {
        !matches!(self, Method::Post | Method::Patch | Method::Other(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    /// Sent in the one `Cookie` header, `name=value` pairs joined by `; `.
    Cookie,
}

/// How a query parameter's value goes on the wire (OpenAPI `style` + `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form` (the default). Exploded: `ids=1&ids=2`, an object `a=1&b=2`; not exploded:
    /// `ids=1,2`, an object `filter=a,1,b,2`.
    Form { explode: bool },
    /// `spaceDelimited`: `ids=1%202`.
    SpaceDelimited,
    /// `pipeDelimited`: `ids=1|2`.
    PipeDelimited,
    /// `deepObject`: `filter[status]=active&filter[limit]=3`.
    DeepObject,
    /// `content: {application/json: ...}` instead of `schema`, in any location: the value's
    /// JSON text, `q={"page":2}` (percent-encoded in a query or path).
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire: String,
    pub rust: String,
    pub location: ParamLocation,
    pub required: bool,
    pub doc: Doc,
    pub shape: Shape,
    /// For a query parameter, how it is serialized; for a parameter in any location described
    /// with JSON `content`, [`QueryStyle::Json`].
    pub style: Option<QueryStyle>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub kind: BodyKind,
    /// The body's shape (usually a named request model) for JSON and form bodies.
    pub shape: Shape,
    pub required: bool,
    pub media_type: String,
    pub description: Option<String>,
    /// The media type's `example`/`examples`.
    pub examples: Vec<Example>,
}

/// How a request body is encoded, from its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/json`, `*+json`: a model serialized with serde_json.
    Json,
    /// `application/x-www-form-urlencoded`: a model serialized as a form.
    Form,
    /// `multipart/*`: parts the caller builds (text fields and files).
    Multipart,
    /// Anything else (`application/octet-stream`, `text/plain`, XML, ...): bytes as given.
    Raw,
}

/// An example value from the spec, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub pointer: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub description: String,
    /// JSON body shape, if the response has one.
    pub body: Option<Shape>,
    /// A body with no JSON media type: returned as bytes or text (`body` is then `None`).
    pub raw: Option<RawBody>,
    /// The media type the body is read as (`application/json`, `image/png`), if it has content.
    pub media_type: Option<String>,
    /// The documented response headers, in spec order.
    pub headers: Vec<ResponseHeader>,
    /// The JSON media type's `example`/`examples`.
    pub examples: Vec<Example>,
    /// A body streamed as a sequence of items (OpenAPI 3.2 `itemSchema` on a sequential media
    /// type): how the items are delimited; `body` is then the shape of one item.
    pub stream: Option<StreamFormat>,
}

/// How the items of a streamed response body are delimited, from its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    /// `text/event-stream`: server-sent events, each event's `data` one item as JSON.
    EventStream,
    /// `application/jsonl`, `application/x-ndjson`: one JSON item per line.
    JsonLines,
    /// `application/json-seq` (RFC 7464): each JSON item after an RS byte.
    JsonSeq,
}

impl StreamFormat {
    /// The format of `media` (parameters and case ignored), if it is a sequential media type.
    pub fn of(media: &str) -> Option<StreamFormat> {
        let m = media.split(';').next().unwrap_or("").trim();
        match m.to_ascii_lowercase().as_str() {
            "text/event-stream" => Some(StreamFormat::EventStream),
            "application/jsonl" | "application/x-ndjson" => Some(StreamFormat::JsonLines),
            "application/json-seq" => Some(StreamFormat::JsonSeq),
            _ => None,
        }
    }
}

/// How a response body with no JSON media type is returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawBody {
    /// Any media type but `text/*` (`application/octet-stream`, `application/pdf`, `image/png`):
    /// the bytes as received.
    Bytes,
    /// `text/*`: the body as a UTF-8 string.
    Text,
}

/// A documented response header (documentation only: the methods return the body).
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    pub name: String,
    pub description: Option<String>,
    pub shape: Shape,
}
