#![allow(dead_code, unused_imports)]
//! Identical inline schemas share one type (`tests/fixtures/shared.yaml`): the owner both
//! operations return is one `Owner`, the `Link` written out four times is one type that is sent
//! as well as received, and an object that differs in one description keeps a type of its own.

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/shared.rs"]
mod shared;

use serde_json::json;
use shared::{Client, Link, Owner, Plan, UpdatePullRequest};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One function serves both operations' owners: they are one type.
fn login(owner: &Owner) -> &str {
    &owner.login
}

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    let owner = json!({"login": "octocat", "plan": {"name": "pro"}});
    let link = json!({"href": "https://example.com/1"});
    Mock::given(method("GET")).and(path("/issues/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1", "owner": owner, "self": link, "link": link})))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/pulls/2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "2", "owner": owner, "link": link, "merged_by": {"login": "hubot"}})))
        .mount(&server).await;
    Mock::given(method("PATCH")).and(path("/pulls/2")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());

    let issue = client.get_issue("1").await.unwrap();
    let pull = client.get_pull("2").await.unwrap();
    assert_eq!(login(&issue.owner), "octocat");
    assert_eq!(login(&pull.owner), "octocat");
    assert_eq!(issue.owner, pull.owner, "the same type, decoded alike");
    let plan: &Plan = pull.owner.plan.as_ref().unwrap();
    assert_eq!(plan.name.as_deref(), Some("pro"));
    let merged_by: shared::GetPullResponseMergedBy = pull.merged_by.unwrap();
    assert_eq!(merged_by.login, "hubot");

    // The `Link` received is the `Link` sent.
    let received: Link = issue.link.unwrap();
    assert_eq!(issue.self_.as_ref(), Some(&received));
    client.update_pull("2", &UpdatePullRequest::new().link(received)).await.unwrap();
    let sent = server.received_requests().await.unwrap();
    let patch = sent.iter().find(|r| r.method.as_str() == "PATCH").unwrap();
    assert_eq!(patch.body_json::<serde_json::Value>().unwrap(), json!({"link": link}));
}
