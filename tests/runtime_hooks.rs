//! The runtime's extension point (issue 14): a hook that signs and counts requests, and one that
//! refuses to send.

mod support;

use api_clients::coval::{Client, Error, RequestOptions};
use api_clients::runtime::{BoxError, BoxFuture, Hook, Request};
use reqwest::header::{HeaderMap, HeaderValue};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use support::persona::{flaky_server, persona_json};
use wiremock::matchers::{header, header_exists};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-live-very-secret-key";

/// Signs every attempt with a header computed from the request, and counts attempts and
/// responses.
#[derive(Default)]
struct SignAndCount {
    sent: AtomicU32,
    answered: Mutex<Vec<u16>>,
}

impl Hook for SignAndCount {
    fn before_send<'a>(
        &'a self,
        request: &'a mut Request,
        attempt: u32,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        Box::pin(async move {
            self.sent.fetch_add(1, Ordering::SeqCst);
            let key_is_hidden = request.headers()["x-api-key"].is_sensitive();
            let signature = format!(
                "{} {} attempt={attempt} sensitive={key_is_hidden}",
                request.method(),
                request.url().path()
            );
            request
                .headers_mut()
                .insert("x-signature", HeaderValue::from_str(&signature)?);
            Ok(())
        })
    }

    fn after_response(&self, status: u16, _headers: &HeaderMap, _attempt: u32) {
        self.answered.lock().unwrap().push(status);
    }
}

#[tokio::test]
async fn a_hook_signs_and_counts_every_attempt() {
    let server = flaky_server().await;
    let hook = Arc::new(SignAndCount::default());
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .hook(hook.clone())
        .build()
        .expect("valid");

    client.get_persona("p1").await.expect("the retry succeeds");

    assert_eq!(hook.sent.load(Ordering::SeqCst), 2);
    assert_eq!(*hook.answered.lock().unwrap(), [503, 200]);
    let received = server.received_requests().await.expect("recording");
    let signatures: Vec<_> = received
        .iter()
        .map(|r| r.headers["x-signature"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        signatures,
        [
            "GET /personas/p1 attempt=0 sensitive=true",
            "GET /personas/p1 attempt=1 sensitive=true"
        ]
    );
}

/// Refuses to send: the call fails with `Error::Hook`, and nothing reaches the server.
struct Refuse;

impl Hook for Refuse {
    fn before_send<'a>(
        &'a self,
        _request: &'a mut Request,
        _attempt: u32,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        Box::pin(async { Err("no token available".into()) })
    }
}

#[tokio::test]
async fn a_hook_error_stops_the_call_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(header_exists("x-api-key"))
        .and(header("x-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(persona_json("p1")))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .hook(Arc::new(Refuse))
        .build()
        .expect("valid")
        .with_options(RequestOptions::new().max_retries(3));

    let err = client.get_persona("p1").await.expect_err("refused");

    assert!(
        matches!(&err, Error::Hook(e) if e.to_string() == "no token available"),
        "{err:?}"
    );
    assert!(err.to_string().contains("no token available"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
