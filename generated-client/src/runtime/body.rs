//! Request bodies other than JSON: forms, multipart parts, raw bytes. Each is rebuilt for every
//! attempt, so retries work for all of them.

use super::error::ConfigError;
use serde::Serialize;

/// A request body, in the encoding its media type asks for.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum RequestBody {
    /// `application/json`.
    Json(Vec<u8>),
    /// `application/x-www-form-urlencoded`.
    Form(String),
    /// `multipart/form-data`: text fields and files.
    Multipart(Vec<Part>),
    /// Any other media type: these bytes, with this `Content-Type`.
    Raw {
        content_type: &'static str,
        bytes: Vec<u8>,
    },
}

impl RequestBody {
    /// Encodes a model as JSON sent with `content_type` (`application/json`, or a `+json` type
    /// such as `application/vnd.api+json`).
    ///
    /// # Errors
    /// [`ConfigError`] when the model cannot be serialized.
    pub fn json<T: Serialize + ?Sized>(
        content_type: &'static str,
        body: &T,
    ) -> Result<RequestBody, ConfigError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| ConfigError(format!("the request body could not be serialized: {e}")))?;
        Ok(if content_type == "application/json" {
            RequestBody::Json(bytes)
        } else {
            RequestBody::Raw {
                content_type,
                bytes,
            }
        })
    }

    /// Encodes a model as a form.
    ///
    /// # Errors
    /// [`ConfigError`] when the model has nested objects or lists, which forms cannot carry.
    pub fn form<T: Serialize + ?Sized>(body: &T) -> Result<RequestBody, ConfigError> {
        serde_urlencoded::to_string(body)
            .map(RequestBody::Form)
            .map_err(|e| ConfigError(format!("the request body cannot be sent as a form: {e}")))
    }

    pub(crate) fn apply(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        use reqwest::header::CONTENT_TYPE;
        match self {
            RequestBody::Json(bytes) => req
                .header(CONTENT_TYPE, "application/json")
                .body(bytes.clone()),
            RequestBody::Form(text) => req
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(text.clone()),
            RequestBody::Raw {
                content_type,
                bytes,
            } => req.header(CONTENT_TYPE, *content_type).body(bytes.clone()),
            RequestBody::Multipart(parts) => {
                let form = parts
                    .iter()
                    .fold(reqwest::multipart::Form::new(), |form, p| {
                        let mut part = reqwest::multipart::Part::bytes(p.bytes.clone());
                        if let Some(name) = &p.file_name {
                            part = part.file_name(name.clone());
                        }
                        if let Some(ct) = &p.content_type {
                            // An unparsable MIME type is left out rather than failing the request.
                            part = match part.mime_str(ct) {
                                Ok(p) => p,
                                Err(_) => reqwest::multipart::Part::bytes(p.bytes.clone()),
                            };
                        }
                        form.part(p.name.clone(), part)
                    });
                req.multipart(form)
            }
        }
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Part {
    /// A text field.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Part {
        Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            bytes: value.into().into_bytes(),
        }
    }

    /// A file: its bytes, the file name sent, and its MIME type (e.g. `audio/wav`).
    pub fn file(
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Part {
        Part {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            bytes: bytes.into(),
        }
    }
}
