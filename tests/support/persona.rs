//! A Coval persona as the API returns it, and a server on 127.0.0.1 that returns it after one
//! failure, for the runtime tests (`tests/runtime_*.rs`).

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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

/// A 503 once, then the persona with a request id.
pub async fn flaky_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "10"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(persona_json("p1"))
                .insert_header("x-request-id", "req_abc"),
        )
        .mount(&server)
        .await;
    server
}
