//! Models that keep unknown fields decode in one pass (`rt::open_struct!`, not
//! `#[serde(flatten)]`) with the same behaviour: unknown fields kept at every level and sent back
//! unchanged, serde's errors for missing and repeated fields, and decode errors with the JSON path.

use api_clients::coval::PersonaEnvelope;
use api_clients::runtime::decode_json;
use serde_json::{json, Value};

fn persona() -> Value {
    json!({
        "persona": {
            "resource_name": "personas/3zfmuDbVQsi4GaseDtiVcS",
            "id": "3zfmuDbVQsi4GaseDtiVcS",
            "name": "Friendly Customer",
            "voice_speed": 0.85,
            "tags": ["a", "b"],
            "create_time": "2025-01-24T10:00:00Z",
            "owner_team": "qa-voice",
            "experiment": {"bucket": "b", "weight": 0.25, "nested": [1, {"x": null}]}
        },
        "request_trace": "c1f3a2"
    })
}

fn decode(body: &str) -> Result<PersonaEnvelope, api_clients::runtime::JsonError> {
    decode_json(body.as_bytes())
}

#[test]
fn unknown_fields_at_every_level_round_trip() {
    let body = persona();
    let got = decode(&body.to_string()).expect("decodes");
    assert_eq!(got.extra.get("request_trace"), Some(&json!("c1f3a2")));
    assert_eq!(got.persona.extra.len(), 2);
    assert_eq!(got.persona.voice_speed, Some(0.85));
    assert_eq!(serde_json::to_value(&got).unwrap(), body);
}

#[test]
fn keys_with_escapes_are_matched_by_their_value() {
    // `"na\u006de"` is the key `name`; `"we\"ird"` is an unknown key with a quote in it.
    let body = r#"{"persona": {"resource_name": "r", "id": "i", "na\u006de": "n",
        "create_time": "2025-01-24T10:00:00Z", "we\"ird": 1}}"#;
    let got = decode(body).expect("decodes");
    assert_eq!(got.persona.name, "n");
    assert_eq!(got.persona.extra.get("we\"ird"), Some(&json!(1)));
}

#[test]
fn decode_errors_keep_the_json_path() {
    let mut body = persona();
    body["persona"]["voice_speed"] = json!("fast");
    let e = decode(&body.to_string()).unwrap_err();
    assert_eq!(e.path, "persona.voice_speed");
    assert!(e.message.contains("invalid type"), "{}", e.message);

    let mut body = persona();
    body["persona"]["tags"] = json!(["a", 2]);
    assert_eq!(
        decode(&body.to_string()).unwrap_err().path,
        "persona.tags[1]"
    );
}

#[test]
fn missing_and_repeated_fields_are_errors_as_with_serde_derive() {
    let mut body = persona();
    body["persona"]
        .as_object_mut()
        .unwrap()
        .remove("create_time");
    let e = decode(&body.to_string()).unwrap_err();
    assert_eq!(e.path, "persona");
    assert!(
        e.message.starts_with("missing field `create_time`"),
        "{}",
        e.message
    );

    let body = r#"{"persona": {"resource_name": "r", "id": "i", "id": "j", "name": "n",
        "create_time": "2025-01-24T10:00:00Z"}}"#;
    let e = decode(body).unwrap_err();
    assert!(
        e.message.starts_with("duplicate field `id`"),
        "{}",
        e.message
    );

    // Optional fields may be absent or null.
    let body = r#"{"persona": {"resource_name": "r", "id": "i", "name": "n",
        "create_time": "2025-01-24T10:00:00Z", "voice_name": null}}"#;
    let got = decode(body).expect("decodes");
    assert_eq!(got.persona.voice_name, None);
    assert!(got.persona.extra.is_empty());
}
