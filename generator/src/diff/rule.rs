//! The rules: every kind of change the diff reports, and what it does to a user of the generated
//! crate. The kind of each rule is decided here, in one place ([`Rule::kind`]); each variant's
//! documentation says why, from the point of view of code written against the old crate.
//!
//! Facts about the generated code the rules rely on (see `emit`):
//! - models are `#[non_exhaustive]` structs built with `new(required…)` plus one setter per
//!   optional field; every struct has `new()` (response models too, for tests);
//! - a field is `T` when required and not nullable, `Option<T>` when optional or nullable, and
//!   `rt::Patch<T>` when three-state (an optional nullable field of a PUT/PATCH body that `null`
//!   clears); path and header parameters are positional method arguments, query parameters a
//!   `<Op>Params` struct argument, the body a `&T` (or `Option<&T>`) argument;
//! - enums and unions are **not** `#[non_exhaustive]`: a `match` over one can list every variant
//!   without a wildcard, so a new variant breaks it ([`GENERATED_ENUMS_EXHAUSTIVE`]);
//! - enums reachable from a response are open (an `Unknown(..)` variant, not `Copy`), unions
//!   reachable from a response have an `Other(Value)` fallback, response structs an `extra` map;
//! - every method validates its input (`Validate`) before sending; decoding a response checks
//!   types, not constraints.

/// Whether the generated enums and unions can be matched exhaustively (they are not
/// `#[non_exhaustive]`). If `emit` ever marks them `#[non_exhaustive]`, set this to `false`: a new
/// variant then breaks no code and [`Rule::VariantAdded`] becomes additive.
pub const GENERATED_ENUMS_EXHAUSTIVE: bool = true;

/// What a change does to code written against the old generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Code that compiled against the old crate may not compile any more (or, for reordered
    /// arguments of one type, compiles with another meaning). Calls for a major version.
    Breaking,
    /// Code still compiles, but does something else at run time: a request that was sent is now
    /// refused, a response that decoded does not, requests go to another URL. Calls for a minor
    /// version (see [`super::Level`]).
    Behaviour,
    /// Something new, and nothing that worked before stops working. Calls for a minor version.
    Additive,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Breaking, Kind::Behaviour, Kind::Additive];

    /// `breaking`, `behaviour` or `additive` (the JSON and `--json` spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::Behaviour => "behaviour",
            Kind::Additive => "additive",
        }
    }

    /// The section title in the text report and the changelog.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Breaking => "Breaking",
            Kind::Behaviour => "Changed behaviour",
            Kind::Additive => "Added",
        }
    }
}

macro_rules! rules {
    ($( $(#[doc = $doc:literal])* $name:ident = $id:literal, )*) => {
        /// Every rule of the diff. [`Rule::id`] is stable (it is in the `--json` output).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$name),*];

            /// The stable kebab-case id.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$name => $id,)* }
            }

            /// The rule's documentation, on one line: what it reports and why it has its kind.
            pub fn why(self) -> String {
                let lines: &[&str] = match self { $(Rule::$name => &[$($doc),*],)* };
                lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
            }
        }
    };
}

rules! {
    // --- The API as a whole ---
    /// The client's default base URL (`Client::DEFAULT_BASE_URL`, `servers[0]`) changed: calls
    /// not overriding it go elsewhere. No signature changes.
    BaseUrlChanged = "base-url-changed",
    /// How the API key is sent changed (header name, bearer, none): same code, other requests.
    AuthChanged = "auth-changed",
    /// The error body type of `Error`/`ApiError` changed (`rt::Error<Value>` ↔
    /// `rt::Error<ErrorBody>`): code naming or reading `api.error` no longer type-checks.
    ErrorTypeChanged = "error-type-changed",

    // --- Webhooks (decoders in the `webhooks` module) ---
    /// A new webhook decoder; nothing existing changes.
    WebhookAdded = "webhook-added",
    /// The webhook's decoder is gone: every call of it fails to compile.
    WebhookRemoved = "webhook-removed",
    /// The decoder returns another payload type: code using its result fails to compile.
    WebhookPayloadChanged = "webhook-payload-changed",

    // --- Operations (client methods) ---
    /// A new client method; nothing existing changes.
    OperationAdded = "operation-added",
    /// The client method is gone: every call of it fails to compile.
    OperationRemoved = "operation-removed",
    /// Same method and path, new `operationId`, so the Rust method has another name: calls of
    /// the old name fail to compile.
    OperationRenamed = "operation-renamed",
    /// Same `operationId` (same Rust method), other HTTP method or path: calls compile and go
    /// to another endpoint.
    OperationMoved = "operation-moved",
    /// The method takes a new argument (a path/header parameter, the query-parameter struct, or
    /// a body): every call fails to compile. Optional parameters too: they are positional
    /// `Option<_>` arguments.
    ArgumentAdded = "argument-added",
    /// The method takes one argument fewer: every call fails to compile.
    ArgumentRemoved = "argument-removed",
    /// An argument's type changed (another type, `T` ↔ `Option<T>` for a parameter or body
    /// becoming optional or required): calls fail to compile.
    ArgumentChanged = "argument-changed",
    /// Path/header parameters were reordered: calls fail to compile, or compile with the
    /// values swapped when the parameters have the same type.
    ArgumentsReordered = "arguments-reordered",
    /// The request body is sent with another media type (`Content-Type`, and the encoding when
    /// it is not JSON any more): same call, other bytes on the wire. When the argument's type
    /// changes too, that is reported as [`Rule::ArgumentChanged`].
    BodyMediaTypeChanged = "body-media-type-changed",
    /// The method returns another type (another model, `()` ↔ a model, `T` ↔ `Option<T>`).
    ResponseTypeChanged = "response-type-changed",
    /// Errors with this status now carry the decoded error body in `ApiError::error` (it was
    /// `None`); nothing that worked before stops working.
    ErrorBodyDecoded = "error-body-decoded",
    /// Errors with this status no longer carry a decoded error body (`ApiError::error` is
    /// `None`): code reading it gets nothing.
    ErrorBodyNotDecoded = "error-body-not-decoded",
    /// Whether the operation is idempotent changed, so which failures the default
    /// `RetryPolicy::Safe` retries changed (a POST may now be replayed after a 5xx, or not).
    RetryChanged = "retry-changed",
    /// The list operation now pages: a new `<op>_stream` method.
    PaginationAdded = "pagination-added",
    /// The `<op>_stream` method is gone.
    PaginationRemoved = "pagination-removed",
    /// `x-pagination` changed (style, cursor or items): the stream fetches pages differently.
    PaginationChanged = "pagination-changed",
    /// The success response is now offered streamed too (a sequential media type with an
    /// `itemSchema` beside JSON): new `<op>_streamed` methods; the others are unchanged.
    StreamedAdded = "streamed-added",
    /// The `<op>_streamed` methods are gone: every call of them fails to compile.
    StreamedRemoved = "streamed-removed",
    /// The operation was deprecated (a `#[deprecated]` warning) or no longer is; warnings are
    /// not errors, so nothing breaks.
    DeprecationChanged = "deprecation-changed",

    // --- Types ---
    /// A new model, enum or union; nothing existing changes.
    TypeAdded = "type-added",
    /// The type is gone: code naming it fails to compile.
    TypeRemoved = "type-removed",
    /// The type is another kind of type (struct ↔ enum ↔ union, string ↔ integer enum).
    TypeKindChanged = "type-kind-changed",

    // --- Struct fields ---
    /// A new optional field: a new public field of a `#[non_exhaustive]` struct (no literal or
    /// exhaustive pattern can name all fields) and a new setter. A key the server already sent
    /// moves from `extra` into the field.
    FieldAdded = "field-added",
    /// A new required field: `new()` takes a new argument, so every call of it fails to
    /// compile (for response models too: they have `new()`, used in tests), and a response
    /// without the field no longer decodes.
    RequiredFieldAdded = "required-field-added",
    /// The field is gone (its setter or `new()` argument too).
    FieldRemoved = "field-removed",
    /// Same wire name, other Rust field name (a name clash was resolved differently).
    FieldRenamed = "field-renamed",
    /// The field's type changed (another type, another item type, `i32` ↔ `i64`, a string
    /// that became a date-time or an enum...).
    FieldTypeChanged = "field-type-changed",
    /// Required ↔ optional: `new()` gains or loses an argument, the setter appears or goes,
    /// and in a response the field becomes or stops being an `Option`. Either way a compile
    /// break.
    FieldRequiredChanged = "field-required-changed",
    /// Nullability changed the field's Rust type: a required field `T` ↔ `Option<T>`, or an
    /// update body's field `Option<T>` ↔ three-state `rt::Patch<T>`.
    FieldNullabilityChanged = "field-nullability-changed",
    /// An optional field of a response model may now be `null`: a `null` that failed to
    /// decode now reads as `None`. Nothing else changes.
    FieldNullAccepted = "field-null-accepted",
    /// An optional field of a response model may no longer be `null`: a response with `null`
    /// there, which decoded before, is now a decoding error.
    FieldNullRefused = "field-null-refused",
    /// The field became three-state (`rt::Patch<T>`) or stopped being one without a change of
    /// nullability (`x-null-means`, or the model started or stopped being a PUT/PATCH body).
    FieldThreeStateChanged = "field-three-state-changed",
    /// The struct gained an `extra` map (undeclared properties kept) or a `with_extra` setter.
    ExtraAdded = "extra-added",
    /// The struct lost its `extra` map or its `with_extra` setter.
    ExtraRemoved = "extra-removed",
    /// The value type of the `extra` map changed.
    ExtraChanged = "extra-changed",

    // --- Constraints (checked by `validate()` before every request) ---
    /// A constraint got tighter (`maxLength` lower or added, `minimum` higher, a new `pattern`
    /// or `format`, `uniqueItems`...): code compiles, but input that validated before is now
    /// refused before anything is sent.
    ConstraintTightened = "constraint-tightened",
    /// A constraint got looser or was removed: everything valid before still is.
    ConstraintLoosened = "constraint-loosened",
    /// A `pattern` or `format` was replaced by another: some input valid before may be refused.
    ConstraintReplaced = "constraint-replaced",

    // --- Enum values and union variants ---
    /// A new enum value or union variant. The generated enums are not `#[non_exhaustive]`, so a
    /// `match` listing every variant (closed enums) or every variant plus `Unknown(_)` (open
    /// ones) stops compiling, and `ALL` has another length. For an open enum the value also
    /// decodes into the new variant instead of `Unknown`.
    VariantAdded = "variant-added",
    /// An enum value or union variant is gone: code naming it fails to compile (an open enum
    /// decodes the value into `Unknown` from now on).
    VariantRemoved = "variant-removed",
    /// Same value, another Rust variant name or payload type.
    VariantChanged = "variant-changed",
    /// The enum became open (gains `Unknown(..)`, loses `Copy` and `const fn as_str`) or closed,
    /// or the union gained or lost its `Other(..)` fallback: because the type started or stopped
    /// being reachable from a response.
    OpennessChanged = "openness-changed",
    /// The discriminator property of a tagged union changed: its accessor is renamed and the
    /// wire format differs.
    TagChanged = "tag-changed",
    /// The variants of an untagged union are tried in another order: a value may decode into
    /// another variant.
    VariantOrderChanged = "variant-order-changed",
}

impl Rule {
    /// The kind of change this rule reports. The reasons are on each variant.
    pub fn kind(self) -> Kind {
        use Kind::*;
        use Rule::*;
        match self {
            ErrorTypeChanged
            | OperationRemoved
            | OperationRenamed
            | ArgumentAdded
            | ArgumentRemoved
            | ArgumentChanged
            | ArgumentsReordered
            | ResponseTypeChanged
            | PaginationRemoved
            | StreamedRemoved
            | TypeRemoved
            | TypeKindChanged
            | RequiredFieldAdded
            | FieldRemoved
            | FieldRenamed
            | FieldTypeChanged
            | FieldRequiredChanged
            | FieldNullabilityChanged
            | FieldThreeStateChanged
            | ExtraRemoved
            | ExtraChanged
            | VariantRemoved
            | VariantChanged
            | OpennessChanged
            | TagChanged
            | WebhookRemoved
            | WebhookPayloadChanged => Breaking,
            VariantAdded if GENERATED_ENUMS_EXHAUSTIVE => Breaking,
            VariantAdded => Additive,
            BaseUrlChanged | AuthChanged | OperationMoved | BodyMediaTypeChanged
            | ErrorBodyNotDecoded | RetryChanged | PaginationChanged | FieldNullRefused
            | ConstraintTightened | ConstraintReplaced | VariantOrderChanged => Behaviour,
            OperationAdded | WebhookAdded | ErrorBodyDecoded | PaginationAdded | StreamedAdded
            | DeprecationChanged | TypeAdded | FieldAdded | FieldNullAccepted | ExtraAdded
            | ConstraintLoosened => Additive,
        }
    }
}
