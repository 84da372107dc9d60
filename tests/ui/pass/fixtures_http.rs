#![allow(dead_code, unused_imports)]
//! The names, parameters, responses and optional-bodies fixtures on the wire, against wiremock: what the server
//! receives (cookies, headers, query styles, `Accept`, `Content-Type`) and what the caller gets
//! back (bytes, text, errors that keep a non-JSON body).

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/parameters.rs"]
mod parameters;
#[path = "../../fixtures/generated/responses.rs"]
mod responses;
#[path = "../../fixtures/generated/optional_bodies.rs"]
mod optional_bodies;
#[path = "../../fixtures/generated/names.rs"]
mod names;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn only_request(server: &MockServer) -> Request {
    let mut all = server.received_requests().await.expect("recording is on");
    assert_eq!(all.len(), 1, "exactly one request");
    all.remove(0)
}

fn header(r: &Request, name: &str) -> String {
    let values: Vec<_> = r.headers.get_all(name).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    values.join(" | ")
}

/// Query names that are not identifiers, or equal up to case, are sent under their own names.
async fn names_on_the_wire() {
    use names::{Client, TypeParams};
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/types/t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    client.r#type("t", &TypeParams::new().page_size(1).page_size_2(2).self_("s")).await.unwrap();
    let r = only_request(&server).await;
    assert_eq!(r.url.query(), Some("self=s&page-size=1&pageSize=2"));
}

async fn parameters_on_the_wire() {
    use parameters::{Client, GetThingTheme, ListThingsFilter, ListThingsFilterStatus, ListThingsParams};
    // Cookie and header parameters: one `Cookie` header, values percent-encoded.
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/things/t%201")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    let tags = ["a".to_owned(), "b c".to_owned()];
    client.get_thing("t 1", "acme", Some(&tags), "s=1; x", Some(GetThingTheme::Dark)).await.unwrap();
    let r = only_request(&server).await;
    assert_eq!(header(&r, "cookie"), "session=s%3D1%3B%20x; theme=dark");
    assert_eq!(header(&r, "x-tenant"), "acme");
    assert_eq!(header(&r, "x-request-tags"), "a,b c");
    assert_eq!(header(&r, "accept"), "application/json");
    // Optional cookies left out: no `Cookie` header at all.
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    client.get_thing("t", "acme", None, "s", None).await.unwrap();
    let r = only_request(&server).await;
    assert_eq!(header(&r, "cookie"), "session=s");
    assert_eq!(header(&r, "x-request-tags"), "");

    // Query styles: form exploded and not, pipes, deepObject, a date-time in RFC 3339.
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/things")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    let params = ListThingsParams::new()
        .q("a b")
        .limit(2)
        .tags(["x", "y"])
        .ids([1, 2])
        .sizes(["s", "m"])
        .filter(ListThingsFilter::new().status(ListThingsFilterStatus::Active).limit(3))
        .since("2024-05-06T07:08:09Z".parse().unwrap());
    client.list_things(&params).await.unwrap();
    let r = only_request(&server).await;
    assert_eq!(
        r.url.query().unwrap(),
        "q=a+b&limit=2&tags=x&tags=y&ids=1%2C2&sizes=s%7Cm&filter%5Blimit%5D=3&filter%5Bstatus%5D=active&since=2024-05-06T07%3A08%3A09Z"
    );
    // The operation without an operationId.
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).and(path("/things/t1/parts/7")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    client.delete_things_thing_id_parts_part("t1", 7).await.unwrap();
}

async fn responses_on_the_wire() {
    use responses::{Client, Error, Report};
    let server = MockServer::start().await;
    let pdf = b"%PDF-1.7\x00\xff binary".to_vec();
    Mock::given(method("GET")).and(path("/reports/r1/pdf"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/reports/r1/summary"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("All good: 3 items.", "text/plain"))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/reports/r2/summary"))
        .respond_with(ResponseTemplate::new(503).set_body_raw("not ready", "text/plain"))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/reports/gone/pdf"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(vec![0xffu8, 0x00, 0x01], "application/octet-stream"))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/charts/c1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/reports/r1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"r1","title":"Q1"}"#, "application/vnd.api+json"))
        .mount(&server).await;
    Mock::given(method("GET")).and(path("/reports/bad"))
        .respond_with(ResponseTemplate::new(422).set_body_raw(r#"{"errors":["id"]}"#, "application/json"))
        .mount(&server).await;
    Mock::given(method("PUT")).and(path("/reports/r1"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(r#"{"id":"r1","title":"Q2"}"#, "application/vnd.api+json"))
        .mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri()).with_options(runtime::RequestOptions::new().max_retries(0));

    // Bytes come back exactly, asked for with the documented media types.
    let bytes = client.download_report("r1").await.unwrap();
    assert_eq!(&bytes[..], &pdf[..]);
    // Text comes back as a String; an empty 204 where an image is documented is empty bytes.
    assert_eq!(client.get_report_summary("r1").await.unwrap(), "All good: 3 items.");
    assert!(client.get_chart("c1").await.unwrap().is_empty());
    // A non-JSON error keeps its raw body.
    match client.get_report_summary("r2").await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, 503);
            assert_eq!(e.body, "not ready");
            assert_eq!(&e.bytes[..], b"not ready");
            assert!(e.error.is_none());
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    // A binary error body is kept byte for byte; the documented JSON error does not decode.
    match client.download_report("gone").await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, 404);
            assert_eq!(&e.bytes[..], [0xffu8, 0x00, 0x01]);
            assert!(e.error.is_none());
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    // A `+json` body decodes; errors of any documented schema are kept as JSON.
    assert_eq!(client.get_report("r1").await.unwrap().title, "Q1");
    match client.get_report("bad").await {
        Err(Error::Api(e)) => assert_eq!(e.error, Some(serde_json::json!({"errors": ["id"]}))),
        other => panic!("expected an API error, got {other:?}"),
    }
    // A `+json` request body is sent with its media type.
    assert_eq!(client.replace_report("r1", &Report::new("r1", "Q2")).await.unwrap().title, "Q2");

    let requests = server.received_requests().await.unwrap();
    let accept: Vec<String> = requests.iter().map(|r| format!("{} {}: {}", r.method, r.url.path(), header(r, "accept"))).collect();
    assert_eq!(accept, [
        "GET /reports/r1/pdf: application/pdf, application/problem+json",
        "GET /reports/r1/summary: text/plain",
        "GET /charts/c1: image/png",
        "GET /reports/r2/summary: text/plain",
        "GET /reports/gone/pdf: application/pdf, application/problem+json",
        "GET /reports/r1: application/vnd.api+json, application/problem+json, application/json",
        "GET /reports/bad: application/vnd.api+json, application/problem+json, application/json",
        "PUT /reports/r1: application/vnd.api+json, application/problem+json",
    ]);
    let put = requests.last().unwrap();
    assert_eq!(header(put, "content-type"), "application/vnd.api+json");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&put.body).unwrap(), serde_json::json!({"id": "r1", "title": "Q2"}));
}

/// Optional request bodies (GitHub's create-webhook: optional and `nullable`): left out, nothing
/// is sent; given, it is validated first and sent as JSON. A required body that may be `null`
/// sends `null`.
async fn optional_bodies_on_the_wire() {
    use optional_bodies::{Client, CreateHookRequest, HookUpdate, PingParams, PingRequest, ReplaceHookRequest};
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    client.create_hook(None).await.unwrap();
    let hook = CreateHookRequest::new().name("web").events(["push"]);
    client.create_hook(Some(&hook)).await.unwrap();
    client.update_hook("h1", None).await.unwrap();
    client.update_hook("h1", Some(&HookUpdate::new().active(true))).await.unwrap();
    client.replace_hook("h1", &None).await.unwrap();
    client.replace_hook("h1", &Some(ReplaceHookRequest::new().name("n"))).await.unwrap();
    client.ping(&PingParams::new(), None).await.unwrap();
    client.ping(&PingParams::new().verbose(true), Some(&PingRequest::new().note("hi"))).await.unwrap();
    let sent: Vec<(String, String)> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| (format!("{} {}", r.method, r.url.path()), String::from_utf8(r.body.clone()).unwrap()))
        .collect();
    let expected = [
        ("POST /hooks", ""),
        ("POST /hooks", r#"{"name":"web","events":["push"]}"#),
        ("PATCH /hooks/h1", ""),
        ("PATCH /hooks/h1", r#"{"active":true}"#),
        ("PUT /hooks/h1", "null"),
        ("PUT /hooks/h1", r#"{"name":"n"}"#),
        ("POST /pings", ""),
        ("POST /pings", r#"{"note":"hi"}"#),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(sent, expected);

    // A given body that breaks the spec is refused with every violation, and nothing is sent.
    let server = MockServer::start().await;
    let client = Client::new("k").with_base_url(server.uri());
    let bad = CreateHookRequest::new().name("").events(["a", "b", "c", "d"]);
    let Err(optional_bodies::Error::Validation(e)) = client.create_hook(Some(&bad)).await else { panic!("not refused") };
    let paths: Vec<&str> = e.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["name", "events"]);
    let Err(optional_bodies::Error::Validation(e)) = client.update_hook("h1", Some(&HookUpdate::new().url("not a uri"))).await else { panic!("not refused") };
    assert_eq!(e.violations()[0].path, "url");
    let too_long = Some(ReplaceHookRequest::new().name("longer than ten"));
    assert!(matches!(client.replace_hook("h1", &too_long).await, Err(optional_bodies::Error::Validation(_))));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::main]
async fn main() {
    names_on_the_wire().await;
    parameters_on_the_wire().await;
    responses_on_the_wire().await;
    optional_bodies_on_the_wire().await;
}
