//! Credentials stay with their origin: a redirect to another scheme, host or port is not
//! followed, whatever the security scheme (issue 14). The first server listens on 127.0.0.1 and
//! redirects to `localhost` — the same machine under another host name, so another origin.

mod support;

use api_clients::runtime::{
    self as rt, ApiInfo, AuthScheme, Call, ClientBuilder, FromHttpClient, HttpClient,
};
use api_clients::{anam, coval};
use support::persona::persona_json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-test-secret-key";

/// A server on 127.0.0.1 redirecting everything with `status` to `target`.
async fn redirecting(status: u16, target: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).insert_header("location", target))
        .mount(&server)
        .await;
    server
}

/// The same server's URL with `localhost` for `127.0.0.1`.
fn as_localhost(server: &MockServer, path: &str) -> String {
    format!("http://localhost:{}{path}", server.address().port())
}

async fn nothing_received(server: &MockServer) {
    let received = server.received_requests().await.expect("recording");
    assert!(received.is_empty(), "the other origin got {received:?}");
}

#[tokio::test]
async fn coval_sends_no_key_to_another_host() {
    let elsewhere = MockServer::start().await;
    let target = as_localhost(&elsewhere, "/personas/p1");
    let origin = redirecting(307, &target).await;
    let client = coval::Client::new(KEY).with_base_url(origin.uri());

    let err = client.get_persona("p1").await.expect_err("not followed");

    match &err {
        coval::Error::Redirect(r) => {
            assert_eq!(r.status, 307);
            assert_eq!(r.location, target);
        }
        other => panic!("expected Error::Redirect, got {other:?}"),
    }
    assert!(err.to_string().contains(&target), "{err}");
    nothing_received(&elsewhere).await;
    let sent = origin.received_requests().await.expect("recording");
    assert_eq!(sent.len(), 1, "a redirect is not retried");
    assert_eq!(
        sent[0].headers["x-api-key"], KEY,
        "the origin did get the key"
    );
}

#[tokio::test]
async fn anam_sends_no_bearer_token_to_another_host() {
    let elsewhere = MockServer::start().await;
    let id = "00000000-0000-0000-0000-000000000000";
    let target = as_localhost(&elsewhere, &format!("/v1/personas/{id}"));
    let origin = redirecting(308, &target).await;
    let client = anam::Client::new(KEY).with_base_url(origin.uri());

    let err = client.get_persona(id).await.expect_err("not followed");

    assert!(
        matches!(&err, anam::Error::Redirect(r) if r.location == target),
        "{err:?}"
    );
    nothing_received(&elsewhere).await;
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_with_the_key() {
    let server = MockServer::start().await;
    Mock::given(path("/personas/old"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/personas/new"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/personas/new"))
        .and(wiremock::matchers::header("x-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(persona_json("new")))
        .mount(&server)
        .await;
    let client = coval::Client::new(KEY).with_base_url(server.uri());

    let persona = client.get_persona("old").await.expect("followed");

    assert_eq!(persona.persona.id, "new");
}

/// A client of a made-up API whose key is sent as the given scheme says.
macro_rules! scheme_client {
    ($name:ident, $scheme:expr) => {
        struct $name(HttpClient);
        impl FromHttpClient for $name {
            const API: ApiInfo = ApiInfo {
                name: "test",
                default_base_url: "http://127.0.0.1:9",
                auth: $scheme,
                api_key_var: "TEST_API_KEY",
                base_url_var: "TEST_BASE_URL",
            };
            fn from_http(http: HttpClient) -> Self {
                $name(http)
            }
        }
    };
}
scheme_client!(HeaderKey, AuthScheme::Header("x-custom-key"));
scheme_client!(QueryKey, AuthScheme::Query("api_key"));
scheme_client!(CookieKey, AuthScheme::Cookie("session"));
scheme_client!(BearerKey, AuthScheme::Bearer);
scheme_client!(BasicKey, AuthScheme::Basic);

async fn get(http: &HttpClient) -> Result<rt::Response<rt::Value>, rt::Error> {
    let call = Call {
        operation: "getThing",
        method: rt::Method::GET,
        template: "/thing",
        path: "/thing".to_owned(),
        query: Vec::new(),
        idempotent: true,
        error_statuses: &[],
        default_error: false,
        accept: "application/json",
        headers: Vec::new(),
        cookies: Vec::new(),
    };
    http.send::<(), _, _>(Ok((call, None))).await
}

async fn assert_not_followed(http: HttpClient, elsewhere: &MockServer) {
    let err = get(&http).await.expect_err("not followed");
    assert!(matches!(err, rt::Error::Redirect(_)), "{err:?}");
    nothing_received(elsewhere).await;
}

#[tokio::test]
async fn no_security_scheme_kind_crosses_origins() {
    let elsewhere = MockServer::start().await;
    let origin = redirecting(302, &as_localhost(&elsewhere, "/thing")).await;
    let base = origin.uri();
    fn build<C: FromHttpClient>(base: &str) -> C {
        ClientBuilder::<C>::new()
            .api_key("user:pass")
            .base_url(base)
            .build()
            .expect("valid")
    }
    assert_not_followed(build::<HeaderKey>(&base).0, &elsewhere).await;
    assert_not_followed(build::<QueryKey>(&base).0, &elsewhere).await;
    assert_not_followed(build::<CookieKey>(&base).0, &elsewhere).await;
    assert_not_followed(build::<BearerKey>(&base).0, &elsewhere).await;
    assert_not_followed(build::<BasicKey>(&base).0, &elsewhere).await;
    assert_eq!(origin.received_requests().await.unwrap().len(), 5);
}

#[tokio::test]
async fn another_port_or_scheme_is_another_origin() {
    let elsewhere = MockServer::start().await;
    // Same host, other port.
    let origin = redirecting(307, &format!("{}/thing", elsewhere.uri())).await;
    let client: HeaderKey = ClientBuilder::new()
        .api_key(KEY)
        .base_url(origin.uri())
        .build()
        .expect("valid");
    assert_not_followed(client.0, &elsewhere).await;

    // http -> https on the same host and port: refused before any TLS handshake.
    let origin = redirecting(307, "https://127.0.0.1:9/thing").await;
    let client: HeaderKey = ClientBuilder::new()
        .api_key(KEY)
        .base_url(origin.uri())
        .build()
        .expect("valid");
    let err = get(&client.0).await.expect_err("not followed");
    assert!(matches!(err, rt::Error::Redirect(_)), "{err:?}");
}
