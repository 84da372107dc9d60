//! A Coval persona as the API returns it, for the runtime tests (`tests/runtime_*.rs`).
//! Included with `#[path = "support/persona.rs"] mod persona;`.

/// `GET /personas/{id}`'s body for a persona with this id.
pub fn persona_json(id: &str) -> serde_json::Value {
    serde_json::json!({"persona": {
        "resource_name": format!("personas/{id}"),
        "id": id,
        "name": "Friendly Customer",
        "create_time": "2025-01-24T10:00:00Z",
        "voice_name": "aria",
        "language_code": "en-US",
        "conversation_initiation": "speak_first"
    }})
}
