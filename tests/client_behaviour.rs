//! How the generated clients behave on the wire, against wiremock: retries and their policy,
//! timeouts, errors that keep everything, open enums, unknown fields, three-state updates.
//! One behaviour per test, asserting on what the server received and what the caller got.

mod support;

use api_clients::coval::{
    self, Client, ConversationInitiation, CreatePersonaRequest, RequestOptions,
    UpdatePersonaRequest,
};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk-test-not-a-real-key";

/// The persona the spec's examples use, as the API returns it.
fn persona_json() -> Value {
    support::persona::persona_json("3zfmuDbVQsi4GaseDtiVcS")
}

async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::new(KEY).with_base_url(server.uri());
    (server, client)
}

fn create_request() -> CreatePersonaRequest {
    CreatePersonaRequest::new("Friendly Customer", "aria", "en-US")
}

async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_after_the_delay() {
    let (server, client) = server().await;
    Mock::given(method("POST"))
        .and(path("/personas"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/personas"))
        .respond_with(ResponseTemplate::new(201).set_body_json(persona_json()))
        .mount(&server)
        .await;

    let started = Instant::now();
    let created = client
        .create_persona(&create_request())
        .await
        .expect("succeeds after one retry");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}, less than Retry-After",
        started.elapsed()
    );
    assert_eq!(created.persona.id, "3zfmuDbVQsi4GaseDtiVcS");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn persistent_5xx_on_an_idempotent_call_fails_after_exactly_max_retries() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(500).set_body_string("upstream down"))
        .mount(&server)
        .await;

    let err = client.get_persona("p1").await.expect_err("500 every time");
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.raw_body(), Some("upstream down"));
    assert_eq!(
        received(&server).await.len(),
        1 + 2,
        "the first attempt and the default 2 retries"
    );
}

#[tokio::test]
async fn max_retries_can_be_set_per_request() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;

    let err = client
        .with_options(RequestOptions::new().max_retries(0))
        .get_persona("p1")
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_post_that_timed_out_after_the_server_received_it_is_not_replayed() {
    let (server, _) = server().await;
    Mock::given(method("POST"))
        .and(path("/personas"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(persona_json())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let err = client
        .create_persona(&create_request())
        .await
        .expect_err("times out");
    assert!(matches!(err, coval::Error::Timeout(_)), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(
        received(&server).await.len(),
        1,
        "a POST the server may have processed is not sent again"
    );
}

#[tokio::test]
async fn a_post_answered_with_500_is_not_replayed_but_the_always_policy_replays_it() {
    let (server, client) = server().await;
    Mock::given(method("POST"))
        .and(path("/personas"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;

    client
        .create_persona(&create_request())
        .await
        .expect_err("500");
    assert_eq!(received(&server).await.len(), 1);

    let always = client.with_options(
        RequestOptions::new()
            .retry_policy(coval::RetryPolicy::Always)
            .max_retries(1),
    );
    always
        .create_persona(&create_request())
        .await
        .expect_err("500 again");
    assert_eq!(received(&server).await.len(), 1 + 2);
}

#[tokio::test]
async fn a_documented_404_is_an_api_error_with_the_parsed_body_and_request_id() {
    let (server, client) = server().await;
    let body = json!({"error": {"code": "NOT_FOUND", "message": "Persona not found",
        "details": [{"field": "persona_id", "description": "No persona with this id"}]}});
    Mock::given(method("GET"))
        .and(path("/personas/missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(body.clone())
                .insert_header("x-amzn-requestid", "req-42"),
        )
        .mount(&server)
        .await;

    let err = client.get_persona("missing").await.expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("req-42"));
    assert!(!err.is_retryable());
    let coval::Error::Api(api) = &err else {
        panic!("expected Api, got {err:?}")
    };
    let parsed = api
        .error
        .as_ref()
        .expect("404 is documented with ErrorBody, so it is decoded");
    assert_eq!(parsed.error.code, "NOT_FOUND");
    assert_eq!(parsed.error.message, "Persona not found");
    let details = parsed.error.details.as_ref().expect("details");
    assert_eq!(details[0].field.as_deref(), Some("persona_id"));
    assert_eq!(
        serde_json::from_str::<Value>(&api.body).unwrap(),
        body,
        "raw body kept"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("404")
            && shown.contains("NOT_FOUND: Persona not found")
            && shown.contains("req-42"),
        "{shown}"
    );
    assert_eq!(received(&server).await.len(), 1, "404 is not retried");
}

#[tokio::test]
async fn an_undocumented_status_keeps_the_raw_body_without_guessing_its_shape() {
    let (server, client) = server().await;
    // 418 is not documented for getPersona: the body is not decoded, even though it would fit.
    let body = json!({"error": {"code": "TEAPOT", "message": "short and stout"}});
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(418).set_body_json(body))
        .mount(&server)
        .await;

    let err = client.get_persona("p1").await.expect_err("418");
    let coval::Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert!(api.error.is_none());
    assert!(api.body.contains("short and stout"));
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout_error() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(persona_json())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;

    let started = Instant::now();
    let err = client
        .with_options(
            RequestOptions::new()
                .timeout(Duration::from_millis(200))
                .max_retries(0),
        )
        .get_persona("p1")
        .await
        .expect_err("slow");
    assert!(matches!(err, coval::Error::Timeout(_)), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "gave up after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_path_and_the_raw_body() {
    let (server, client) = server().await;
    let body = r#"{"persona": {"resource_name": "personas/x", "id": 42, "name": "n", "create_time": "2025-01-24T10:00:00Z"}}"#;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;

    let err = client.get_persona("p1").await.expect_err("id is a number");
    let coval::Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.path, "persona.id");
    assert_eq!(d.body, body);
    assert_eq!(d.status, 200);
}

#[tokio::test]
async fn an_unknown_enum_value_and_an_unknown_field_are_decoded_kept_and_sent_back_unchanged() {
    let (server, client) = server().await;
    let mut body = persona_json();
    body["persona"]["conversation_initiation"] = json!("speak_when_spoken_to");
    body["persona"]["mood"] = json!({"cheerful": true});
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
        .mount(&server)
        .await;

    let got = client
        .get_persona("p1")
        .await
        .expect("one new enum value does not break decoding");
    let initiation = got
        .persona
        .conversation_initiation
        .as_ref()
        .expect("present");
    assert!(initiation.is_unknown());
    assert_eq!(initiation.as_str(), "speak_when_spoken_to");
    assert_ne!(initiation, &ConversationInitiation::SpeakFirst);
    assert_eq!(
        got.persona.extra.get("mood"),
        Some(&json!({"cheerful": true}))
    );
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        body,
        "re-serialized unchanged"
    );
}

#[tokio::test]
async fn an_update_sends_exactly_the_unchanged_cleared_and_set_fields() {
    let (server, client) = server().await;
    Mock::given(method("PATCH"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(persona_json()))
        .mount(&server)
        .await;

    let update = UpdatePersonaRequest::new()
        .voice_name("aria")
        .clear_situate_speaker()
        .clear_voice_speed()
        .wait_seconds(0.8);
    client.update_persona("p1", &update).await.expect("ok");

    let requests = received(&server).await;
    let sent: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"voice_name": "aria", "situate_speaker": null, "voice_speed": null, "wait_seconds": 0.8})
    );
}

#[tokio::test]
async fn the_key_goes_in_the_spec_header_with_our_user_agent_and_extra_headers() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(persona_json()))
        .mount(&server)
        .await;

    client
        .with_options(RequestOptions::new().header("x-trace", "t-1"))
        .get_persona("p1")
        .await
        .unwrap();
    let r = &received(&server).await[0];
    assert_eq!(r.headers.get("x-api-key").unwrap(), KEY);
    assert!(r.headers.get("authorization").is_none());
    assert!(r
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("api-clients-rust/"));
    assert_eq!(r.headers.get("x-trace").unwrap(), "t-1");
}

#[tokio::test]
async fn anam_sends_a_bearer_token() {
    let server = MockServer::start().await;
    let client = api_clients::anam::Client::new(KEY).with_base_url(server.uri());
    Mock::given(method("GET"))
        .and(path("/v1/avatars/a1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "a1", "displayName": "Liv"})),
        )
        .mount(&server)
        .await;

    let avatar = client.get_avatar("a1").await.unwrap();
    assert_eq!(avatar.display_name.as_deref(), Some("Liv"));
    assert_eq!(
        received(&server).await[0]
            .headers
            .get("authorization")
            .unwrap(),
        &format!("Bearer {KEY}")
    );
}

#[tokio::test]
async fn an_invalid_request_sends_nothing() {
    let (server, client) = server().await;
    let err = client
        .create_persona(&CreatePersonaRequest::new("", "aria", "en-US").wait_seconds(9.0))
        .await
        .expect_err("invalid");
    let coval::Error::Validation(v) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<&str> = v.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["wait_seconds", "name"]);
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn misconfiguration_is_a_config_error_and_the_key_is_never_shown() {
    let (server, _) = server().await;
    let err = Client::new("")
        .with_base_url(server.uri())
        .get_persona("p1")
        .await
        .expect_err("empty key");
    assert!(matches!(err, coval::Error::Config(_)), "{err:?}");
    let err = Client::new(KEY)
        .with_base_url("not a url")
        .get_persona("p1")
        .await
        .expect_err("bad url");
    assert!(matches!(err, coval::Error::Config(_)), "{err:?}");
    assert!(received(&server).await.is_empty());
    assert!(Client::builder().build().is_err(), "no key");
    // A bad base URL is cleared by a good one; a bad key is not.
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let fixed = Client::new(KEY)
        .with_base_url("not a url")
        .with_base_url(server.uri());
    assert!(matches!(
        fixed.get_persona("p1").await,
        Err(coval::Error::Api(_))
    ));
    let keyless = Client::new("").with_base_url(server.uri());
    assert!(matches!(
        keyless.get_persona("p1").await,
        Err(coval::Error::Config(_))
    ));
    server.reset().await;

    let client = Client::new(KEY).with_base_url(server.uri());
    assert!(!format!("{client:?}").contains(KEY));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("bad key"))
        .mount(&server)
        .await;
    let err = client.get_persona("p1").await.expect_err("401");
    assert!(!err.to_string().contains(KEY) && !format!("{err:?}").contains(KEY));
}
