//! The hand-written seam the generated modules use: validation, errors, HTTP and value types.
//! Generated code reaches reqwest, regex and url only through here.

mod auth;
mod body;
mod builder;
mod decode;
mod encode;
mod enums;
mod error;
#[doc(hidden)]
pub mod examples;
mod framing;
mod hook;
mod http;
mod items;
mod method;
mod open;
mod options;
mod paginate;
mod redirect;
mod response;
mod retry;
mod validate;
mod values;
mod webhook;

/// `Deserialize` and `Serialize` for models that keep unknown fields (see the macro's docs).
pub use crate::__open_struct as open_struct;
/// The impls of a generated string enum (see the macro's docs).
pub use crate::__str_enum as str_enum;
pub use auth::{ApiKey, AuthScheme};
pub use body::{Part, RequestBody};
pub use builder::{
    ApiInfo, ClientBuilder, FromHttpClient, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, USER_AGENT,
};
pub use decode::{decode_json, JsonError};
pub use encode::{encode_path, json_text, param_text, push_query, QueryStyle};
#[doc(hidden)]
pub use enums::__ser;
pub use enums::{deserialize_enum, listed, parse_enum, serialize_enum, StrEnum};
pub use error::{
    ApiError, ConfigError, DecodeError, Error, ErrorSummary, RedirectError, StreamTimeoutError,
    TooLargeError,
};
pub use framing::Framing;
pub use hook::{BoxError, BoxFuture, Hook, Request};
pub use http::{Call, HttpClient, Method};
pub use items::{Event, Events, ItemStream};
pub use method::extension_method;
pub use open::Absent;
#[doc(hidden)]
pub use open::Key as __Key;
pub use options::{RequestOptions, RetryPolicy};
pub use paginate::{paginate, BoxStream, Stream};
pub use redirect::same_origin_redirects;
pub use response::{body_of, no_body, BodyOf, NoBody, Response};
pub use retry::{DEFAULT_MAX_RETRIES, INITIAL_BACKOFF, MAX_BACKOFF, MAX_RETRY_AFTER};
/// What `open_struct!` expands to needs from serde (not the whole crate: re-exporting serde
/// would make rustc spell `Option` as `std::option::Option` in users' error messages).
#[doc(hidden)]
pub mod __de {
    pub use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
}
pub use serde::de::IgnoredAny;
pub use validate::{
    check_dependent_required, check_format, check_items, check_length, check_path_param,
    check_pattern, check_range, check_unique, ensure_valid, Format, Path, Pattern, Rule, Validate,
    ValidationError, Violation,
};
pub use values::{deserialize_open, OpenEnum, Patch, Unknown};
pub use webhook::{decode_webhook, WebhookError};

/// The body of a response whose media type is not JSON or text (`application/octet-stream`,
/// `application/pdf`, `image/png`, ...): the bytes as received, cheap to clone and slice
/// (`Bytes` derefs to `[u8]`; `.to_vec()` copies them out).
pub use bytes::Bytes;
/// Any JSON value (schemas with no type).
pub type Value = serde_json::Value;
/// A free-form JSON object.
pub type Map = serde_json::Map<String, serde_json::Value>;
/// `format: date-time`, in UTC.
pub type DateTime = chrono::DateTime<chrono::Utc>;
/// `format: date`.
pub type Date = chrono::NaiveDate;

/// A string that is not one of an enum's documented values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a known {type_name} value")]
pub struct UnknownValue {
    pub type_name: &'static str,
    pub value: String,
}
