//! Checks that a spec's examples fit the generated types. Called only by the generated
//! `spec_examples` test modules; not part of the public API.

use super::validate::Validate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// A request example: decodes into `T`, passes `validate()`, and serializes back to equivalent
/// JSON. Panics with the spec pointer and what is wrong.
pub fn check_request<T: Serialize + DeserializeOwned + Validate>(pointer: &str, json: &str) {
    let value = decode::<T>(pointer, json);
    if let Err(e) = value.validate() {
        panic!("the example at {pointer} breaks the spec's own constraints: {e}");
    }
    round_trip(pointer, json, &value);
}

/// A response example: decodes into `T` and serializes back to equivalent JSON (nothing lost).
pub fn check_response<T: Serialize + DeserializeOwned>(pointer: &str, json: &str) {
    let value = decode::<T>(pointer, json);
    round_trip(pointer, json, &value);
}

fn decode<T: DeserializeOwned>(pointer: &str, json: &str) -> T {
    let de = &mut serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => v,
        Err(e) => panic!(
            "the example at {pointer} does not decode at `{}`: {}",
            e.path(),
            e.inner()
        ),
    }
}

fn round_trip<T: Serialize>(pointer: &str, json: &str, value: &T) {
    let original: Value = serde_json::from_str(json).expect("examples are JSON");
    let back = serde_json::to_value(value).expect("generated types serialize");
    if let Err(at) = equivalent(&original, &back, String::new()) {
        panic!("the example at {pointer} does not survive a round trip: {at}\n  example: {original}\n  re-encoded: {back}");
    }
}

/// JSON equality up to what serde cannot preserve and the API cannot tell apart: numbers by
/// value (`15` = `15.0`), date-times by instant (`.000Z` = `Z`), and an absent key = `null`.
pub fn equivalent(a: &Value, b: &Value, at: String) -> Result<(), String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => Ok(()),
        (Value::String(x), Value::String(y)) if x == y || same_instant(x, y) => Ok(()),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .try_for_each(|(i, (x, y))| equivalent(x, y, format!("{at}[{i}]"))),
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().try_for_each(|k| {
                let x = x.get(k).unwrap_or(&Value::Null);
                let y = y.get(k).unwrap_or(&Value::Null);
                equivalent(
                    x,
                    y,
                    if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    },
                )
            })
        }
        _ if a == b => Ok(()),
        _ => Err(format!(
            "`{}` was {a}, became {b}",
            if at.is_empty() { "." } else { &at }
        )),
    }
}

fn same_instant(x: &str, y: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(x),
        chrono::DateTime::parse_from_rfc3339(y),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equivalence() {
        assert!(equivalent(
            &json!({"a": 15, "b": null}),
            &json!({"a": 15.0}),
            String::new()
        )
        .is_ok());
        assert!(equivalent(
            &json!("2026-04-20T10:00:00.000Z"),
            &json!("2026-04-20T10:00:00Z"),
            String::new()
        )
        .is_ok());
        let err = equivalent(
            &json!({"a": {"b": [1, 2]}}),
            &json!({"a": {"b": [1, 3]}}),
            String::new(),
        )
        .unwrap_err();
        assert_eq!(err, "`a.b[1]` was 2, became 3");
        assert!(
            equivalent(&json!({"x": 1}), &json!({}), String::new()).is_err(),
            "a lost field is a difference"
        );
    }
}
