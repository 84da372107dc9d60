//! Receiving webhooks: the body of a request the API sent to your server, decoded into the
//! payload type the spec describes. Like a response, it is decoded, not validated: a payload
//! that breaks a constraint of the spec is still what the API sent.
//!
//! Only the body is read: authenticating the request (a signature header and a shared
//! secret) is the API's own scheme, described in its docs, not in OpenAPI; check it before
//! trusting the payload.

use super::decode::{decode_json, JsonError};
use serde::de::DeserializeOwned;

/// Why a webhook's body was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is not JSON, or not the payload the spec describes: where it failed and why.
    #[error("the `{webhook}` webhook's body does not decode at `{}`: {}", .error.path, .error.message)]
    Decode {
        /// The webhook's name in the spec (its key under `webhooks`).
        webhook: &'static str,
        error: JsonError,
    },
}

/// Decodes the body of the webhook `webhook` as a `T` (an empty body as `null`).
///
/// # Errors
/// [`WebhookError::Decode`] with the JSON path and serde's message.
pub fn decode_webhook<T: DeserializeOwned>(
    webhook: &'static str,
    body: &[u8],
) -> Result<T, WebhookError> {
    decode_json(body).map_err(|error| WebhookError::Decode { webhook, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Payload {
        n: u8,
    }

    #[test]
    fn decode_errors_name_the_webhook_and_the_path() {
        let e = decode_webhook::<Payload>("made", br#"{"n": "x"}"#).unwrap_err();
        let WebhookError::Decode { webhook, error } = &e;
        assert_eq!((*webhook, error.path.as_str()), ("made", "n"));
        assert!(e
            .to_string()
            .starts_with("the `made` webhook's body does not decode at `n`: "));
        assert_eq!(
            decode_webhook::<Payload>("made", br#"{"n": 7}"#).unwrap().n,
            7
        );
    }
}
