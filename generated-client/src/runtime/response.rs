//! Reading a response: decoding a 2xx body, the request id, and a non-2xx status as
//! [`Error::Api`].

use super::error::{ApiError, DecodeError, Error};
use super::http::Call;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

// `Error<E>` keeps the status, headers and raw body of a failed call by design.
#[allow(clippy::result_large_err)]
pub(super) fn decode<R: DeserializeOwned, E: DeserializeOwned>(
    status: u16,
    headers: &HeaderMap,
    bytes: &[u8],
) -> Result<R, Error<E>> {
    super::decode_json(bytes).map_err(|e| {
        Error::Decode(DecodeError {
            status,
            request_id: request_id(headers),
            path: e.path,
            message: e.message,
            body: String::from_utf8_lossy(bytes).into_owned(),
        })
    })
}

pub(super) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "x-amzn-requestid"].iter().find_map(|h| {
        headers
            .get(*h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    })
}

/// Turns a non-2xx response into [`Error::Api`], decoding the body when the spec documents it
/// for this status (by status code, never by the body's shape).
pub(super) fn api_error<E: DeserializeOwned>(
    call: &Call<'_>,
    status: u16,
    headers: HeaderMap,
    bytes: &bytes::Bytes,
) -> Error<E> {
    let documented = call.default_error || call.error_statuses.contains(&status);
    let error = if documented {
        serde_json::from_slice(bytes).ok()
    } else {
        None
    };
    Error::Api(ApiError {
        status,
        request_id: request_id(&headers),
        headers,
        body: String::from_utf8_lossy(bytes).into_owned(),
        bytes: bytes.clone(),
        error,
    })
}
