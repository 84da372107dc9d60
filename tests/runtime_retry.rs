//! One retry decision: a connection cut in the middle of a response body is a transport
//! failure that the retry loop and `Error::is_retryable` both treat as retryable (issue 14).

mod support;

use api_clients::coval::{Client, Error, RequestOptions};
use support::persona::persona_json;
use support::scripted::{json_reply, Scripted};

fn persona() -> Vec<u8> {
    // Padded to 4,096 bytes, like the report in issue 14.
    let mut body = persona_json("3zfmuDbVQsi4GaseDtiVcS")
        .to_string()
        .into_bytes();
    body.resize(4096, b' ');
    body
}

/// The first connection announces 4,096 bytes and closes after 100.
fn cut_then_whole() -> Vec<Vec<u8>> {
    let body = persona();
    vec![
        json_reply(&body[..100], body.len(), ""),
        json_reply(&body, body.len(), ""),
    ]
}

#[tokio::test]
async fn a_get_cut_mid_body_is_retried_and_then_succeeds() {
    let server = Scripted::start(cut_then_whole()).await;
    let client = Client::new("sk-test").with_base_url(&server.base_url);

    let persona = client
        .get_persona("3zfmuDbVQsi4GaseDtiVcS")
        .await
        .expect("the second attempt succeeds");

    assert_eq!(persona.persona.name, "Friendly Customer");
    assert_eq!(server.requests().len(), 2, "one cut attempt, one retry");
}

#[tokio::test]
async fn a_cut_body_is_a_retryable_transport_error() {
    let server = Scripted::start(cut_then_whole()).await;
    let client = Client::new("sk-test")
        .with_base_url(&server.base_url)
        .with_options(RequestOptions::new().max_retries(0));

    let err = client
        .get_persona("3zfmuDbVQsi4GaseDtiVcS")
        .await
        .expect_err("the body broke off");

    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.is_retryable(), "the same decision as the retry loop");
    assert_eq!(server.requests().len(), 1);
}
