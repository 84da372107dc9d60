//! What a success response gives besides its body, and the response size limit (issue 14).

mod support;

use api_clients::coval::{Client, Error, RequestOptions};
use api_clients::runtime::DEFAULT_MAX_RESPONSE_BYTES;
use support::persona::persona_json;
use support::scripted::{chunked_reply, Scripted};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(body: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/personas/p1"))
        .respond_with(body)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_200_gives_its_status_headers_and_request_id() {
    let server = serving(
        ResponseTemplate::new(200)
            .set_body_json(persona_json("p1"))
            .insert_header("x-request-id", "req_123")
            .insert_header("x-ratelimit-remaining", "41"),
    )
    .await;
    let client = Client::new("sk-test").with_base_url(server.uri());

    let response = client.get_persona_with_response("p1").await.expect("a 200");

    assert_eq!(response.status, 200);
    assert_eq!(response.request_id.as_deref(), Some("req_123"));
    assert_eq!(response.headers["x-ratelimit-remaining"], "41");
    assert_eq!(
        response.persona.name, "Friendly Customer",
        "derefs to the body"
    );
    let body = response.into_inner();
    assert_eq!(
        body,
        client.get_persona("p1").await.expect("the plain call")
    );
}

#[tokio::test]
async fn the_default_limit_is_64_mib() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024 * 1024);
}

#[tokio::test]
async fn a_body_announced_over_the_limit_is_an_error_that_says_so() {
    let body = serde_json::to_vec(&persona_json("p1")).unwrap();
    let server =
        serving(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json")).await;
    let limit = body.len() as u64 - 1;
    let client = Client::builder()
        .api_key("sk-test")
        .base_url(server.uri())
        .max_response_bytes(limit)
        .build()
        .expect("valid");

    let err = client.get_persona("p1").await.expect_err("over the limit");

    match &err {
        Error::TooLarge(e) => {
            assert_eq!((e.status, e.limit), (200, limit));
            assert_eq!(e.content_length, Some(body.len() as u64));
        }
        other => panic!("expected Error::TooLarge, got {other:?}"),
    }
    assert!(err.to_string().contains("larger than the limit"), "{err}");
    assert!(!err.is_retryable());
    // At the limit exactly, it is read.
    let at_limit = client.with_options(RequestOptions::new().max_response_bytes(limit + 1));
    at_limit.get_persona("p1").await.expect("within the limit");
}

#[tokio::test]
async fn a_chunked_body_is_cut_off_at_the_limit() {
    // No Content-Length: the body is read until it passes the limit.
    let chunk = vec![b' '; 1024];
    let server = Scripted::start(vec![chunked_reply(&vec![chunk; 8])]).await;
    let client = Client::new("sk-test")
        .with_base_url(&server.base_url)
        .with_options(RequestOptions::new().max_response_bytes(4000));

    let err = client.get_persona("p1").await.expect_err("over the limit");

    assert!(
        matches!(&err, Error::TooLarge(e) if e.content_length.is_none() && e.limit == 4000),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1, "not retried");
}
