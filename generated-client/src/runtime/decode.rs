//! Decoding JSON response bodies: fast when the body is what the spec says, precise when not.

use serde::de::DeserializeOwned;

/// Where and why a JSON body failed to decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// JSON path of the failure (`persona.voice_speed`), `.` for the whole body.
    pub path: String,
    /// What serde reported there.
    pub message: String,
}

/// Decodes a response body as a `T`; an empty body decodes as `null`.
///
/// A body that decodes is read once, with no bookkeeping. Only a body that fails is read a
/// second time through `serde_path_to_error`, to find the JSON path of the failure: decoding is
/// deterministic, so the second pass fails at the same place, and tracking the path of every
/// key (one allocation each) is paid only when there is an error to report.
///
/// # Errors
/// The path and serde's message when the body is not valid JSON or not a `T`.
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let bytes = if bytes.is_empty() { b"null" } else { bytes };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let first = match T::deserialize(&mut *de) {
        // Only whitespace may follow the value, as `serde_json::from_slice` requires.
        Ok(value) => match de.end() {
            Ok(()) => return Ok(value),
            Err(e) => {
                return Err(JsonError {
                    path: ".".to_owned(),
                    message: e.to_string(),
                })
            }
        },
        Err(e) => e,
    };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    Err(match serde_path_to_error::deserialize::<_, T>(de) {
        Err(e) => JsonError {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        },
        // Not reached (the same input fails the same way); keep the first error regardless.
        Ok(_) => JsonError {
            path: ".".to_owned(),
            message: first.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        n: u8,
    }

    #[test]
    fn errors_carry_the_json_path() {
        let e = decode_json::<Outer>(br#"{"inner": [{"n": 1}, {"n": "x"}]}"#).unwrap_err();
        assert_eq!(e.path, "inner[1].n");
        assert!(e.message.contains("invalid type"), "{}", e.message);
        assert_eq!(decode_json::<Outer>(b"").unwrap_err().path, ".");
        assert!(decode_json::<Option<Outer>>(b"").unwrap().is_none());
    }

    #[test]
    fn only_whitespace_may_follow_the_body() {
        assert!(decode_json::<Outer>(b"{\"inner\": []}\n  ").is_ok());
        let e = decode_json::<Outer>(br#"{"inner": []} {"inner": []}"#).unwrap_err();
        assert_eq!(e.path, ".");
        assert!(e.message.contains("trailing characters"), "{}", e.message);
    }
}
