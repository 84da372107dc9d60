#![allow(dead_code, unused_imports)]
//! The document-level features of OpenAPI 3.1 and 3.2 at run time, against wiremock: `query`
//! and `additionalOperations` methods send their HTTP method (with its body, query and header
//! parameters), QUERY is retried as idempotent and PURGE is not; a `dependentRequired` violation
//! is refused before anything is sent; a webhook's body, as a server receives it, decodes into
//! its payload type, and a bad one is refused with its JSON path or every violation.

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/oas32_methods.rs"]
mod methods;
#[path = "../../fixtures/generated/oas31_dependent_required.rs"]
mod dependent_required;
#[path = "../../fixtures/generated/oas31_webhooks.rs"]
mod webhooks;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

async fn query_and_additional_methods() {
    use methods::{Client, PurgeThingsParams, Search};
    let server = MockServer::start().await;
    Mock::given(method("QUERY"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": "t1", "name": "one"}])))
        .mount(&server)
        .await;
    Mock::given(method("PURGE")).and(path("/things")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("LINK")).and(path("/things/t%201")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());

    let things = client.search_things(&Search::new("one").limit(5)).await.unwrap();
    assert_eq!(things[0].id, "t1");
    client.purge_things(&PurgeThingsParams::new().older_than(30)).await.unwrap();
    client.link_thing("t 1", "<https://example.com/a>; rel=\"next\"").await.unwrap();
    let all = received(&server).await;
    let methods: Vec<&str> = all.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["QUERY", "PURGE", "LINK"]);
    assert_eq!(all[0].body_json::<serde_json::Value>().unwrap(), json!({"text": "one", "limit": 5}));
    assert_eq!(all[0].headers.get("content-type").unwrap(), "application/json");
    assert_eq!(all[1].url.query(), Some("older_than=30"));
    assert_eq!(all[2].headers.get("link").unwrap(), "<https://example.com/a>; rel=\"next\"");

    // The body is validated before a QUERY is sent.
    let Err(methods::Error::Validation(e)) = client.search_things(&Search::new("")).await else { panic!("not refused") };
    assert_eq!(e.violations()[0].path, "text");
    assert_eq!(received(&server).await.len(), 3);
}

/// QUERY is idempotent: a 503 is retried. PURGE is a method the client cannot know the
/// semantics of: not retried by default.
async fn retries_follow_the_method() {
    use methods::{Client, PurgeThingsParams, Search};
    let server = MockServer::start().await;
    Mock::given(method("QUERY")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("QUERY")).respond_with(ResponseTemplate::new(200).set_body_json(json!([]))).mount(&server).await;
    Mock::given(method("PURGE")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    assert!(client.search_things(&Search::new("x")).await.unwrap().is_empty());
    assert_eq!(received(&server).await.len(), 2, "QUERY sent again after the 503");
    let e = client.purge_things(&PurgeThingsParams::new()).await.unwrap_err();
    assert!(matches!(e, methods::Error::Api(_)), "{e:?}");
    assert_eq!(received(&server).await.len(), 3, "PURGE sent once");
}

/// `dependentRequired` is checked before sending: nothing reaches the server.
async fn dependent_required_before_sending() {
    use dependent_required::{Client, Thing};
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "n"}))).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    let Err(dependent_required::Error::Validation(e)) = client.create_thing(&Thing::new("n").card("4242")).await else { panic!("not refused") };
    let paths: Vec<&str> = e.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["billing_address", "cvc"]);
    assert!(received(&server).await.is_empty());
    client.create_thing(&Thing::new("n").card("4242").billing_address("a").cvc("1")).await.unwrap();
    assert_eq!(received(&server).await.len(), 1);
}

/// The API sends a webhook to "your server" (wiremock); the body it received decodes with the
/// generated decoder. Unknown fields are kept and enums stay open, and the spec's constraints
/// are not checked: what the API sends is decoded, as a response is.
async fn webhooks_decode_what_a_server_receives() {
    use webhooks::webhooks::{thing_created, thing_deleted};
    use webhooks::{ThingEventType, ThingColour};
    let your_server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/hooks/things")).respond_with(ResponseTemplate::new(200)).mount(&your_server).await;
    let sent = json!({"type": "thing.created", "thing": {"id": "t1", "size": 3, "colour": "green", "new_field": 1}});
    reqwest::Client::new().post(format!("{}/hooks/things", your_server.uri())).json(&sent).send().await.unwrap();
    let received = received(&your_server).await.remove(0);
    let event = thing_created(&received.body).unwrap();
    assert_eq!(event.r#type, ThingEventType::ThingCreated);
    assert_eq!((event.thing.id.as_str(), event.thing.size), ("t1", 3));
    assert!(matches!(event.thing.colour, Some(ThingColour::Unknown(_))), "an enum value the spec does not list is kept");
    assert_eq!(event.thing.extra["new_field"], json!(1));

    // A size above the spec's maximum (10) is still the API's payload.
    let big = thing_created(br#"{"type": "thing.created", "thing": {"id": "t1", "size": 11}}"#).unwrap();
    assert_eq!(big.thing.size, 11);
    // Not the payload: the JSON path of the failure.
    let e = thing_created(br#"{"type": "thing.created", "thing": {"id": 5, "size": 1}}"#).unwrap_err();
    let runtime::WebhookError::Decode { webhook, error } = &e else { panic!("{e:?}") };
    assert_eq!((*webhook, error.path.as_str()), ("thingCreated", "thing.id"));
    // A webhook from `components/pathItems`, with an inline payload.
    let d = thing_deleted(br#"{"id": "t1", "deleted_at": "2026-12-06T10:00:00Z"}"#).unwrap();
    assert_eq!(d.id, "t1");
    assert_eq!(thing_deleted(br#"{"id": "", "deleted_at": "2026-12-06T10:00:00Z"}"#).unwrap().id, "", "minLength is not checked on what the API sends");
}

#[tokio::main]
async fn main() {
    webhooks_decode_what_a_server_receives().await;
    query_and_additional_methods().await;
    retries_follow_the_method().await;
    dependent_required_before_sending().await;
}
