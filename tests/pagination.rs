//! The generated `*_stream` methods walk every page lazily, stop at the end, and surface an
//! error as the stream's last item (wiremock serves the pages).

use api_clients::{anam, coval};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn persona(id: &str) -> serde_json::Value {
    json!({"resource_name": format!("personas/{id}"), "id": id, "name": id, "create_time": "2025-01-24T10:00:00Z"})
}

fn avatar(id: &str) -> serde_json::Value {
    json!({"id": id, "displayName": id})
}

fn meta(current: i64, next: Option<i64>) -> serde_json::Value {
    json!({"total": 5, "lastPage": 3, "currentPage": current, "perPage": 2, "prev": null, "next": next})
}

#[tokio::test]
async fn coval_token_pages_are_walked_until_the_token_is_empty() {
    let server = MockServer::start().await;
    let page = |items: Vec<serde_json::Value>, next: &str| {
        ResponseTemplate::new(200)
            .set_body_json(json!({"personas": items, "next_page_token": next}))
    };
    Mock::given(method("GET"))
        .and(path("/personas"))
        .and(query_param_is_missing("page_token"))
        .and(query_param("page_size", "2"))
        .respond_with(page(vec![persona("a"), persona("b")], "t2"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/personas"))
        .and(query_param("page_token", "t2"))
        .and(query_param("page_size", "2"))
        .respond_with(page(vec![persona("c"), persona("d")], "t3"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/personas"))
        .and(query_param("page_token", "t3"))
        .respond_with(page(vec![persona("e")], ""))
        .expect(1)
        .mount(&server)
        .await;

    let client = coval::Client::new("k").with_base_url(server.uri());
    let ids: Vec<String> = client
        .list_personas_stream(coval::ListPersonasParams::new().page_size(2))
        .map(|p| p.expect("every page decodes").id)
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "one request per page, no more"
    );
}

#[tokio::test]
async fn coval_pages_are_fetched_only_as_items_are_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/personas"))
        .and(query_param_is_missing("page_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"personas": [persona("a")], "next_page_token": "t2"})),
        )
        .mount(&server)
        .await;
    let client = coval::Client::new("k").with_base_url(server.uri());

    let mut stream = client.list_personas_stream(coval::ListPersonasParams::new());
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing is fetched before the stream is read"
    );
    assert_eq!(stream.next().await.unwrap().unwrap().id, "a");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "page two is not fetched yet"
    );
}

#[tokio::test]
async fn coval_an_error_on_page_two_ends_the_stream_with_that_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/personas"))
        .and(query_param_is_missing("page_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"personas": [persona("a")], "next_page_token": "t2"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/personas"))
        .and(query_param("page_token", "t2"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": {"code": "INVALID_ARGUMENT", "message": "bad page token"}}),
        ))
        .mount(&server)
        .await;
    let client = coval::Client::new("k").with_base_url(server.uri());

    let items: Vec<_> = client
        .list_personas_stream(coval::ListPersonasParams::new())
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, "a");
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert!(
        err.to_string().contains("INVALID_ARGUMENT: bad page token"),
        "{err}"
    );
}

#[tokio::test]
async fn anam_page_numbers_are_walked_until_next_is_null() {
    let server = MockServer::start().await;
    let page = |items: Vec<serde_json::Value>, current: i64, next: Option<i64>| {
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": items, "meta": meta(current, next)}))
    };
    Mock::given(method("GET"))
        .and(path("/v1/avatars"))
        .and(query_param_is_missing("page"))
        .and(query_param("perPage", "2"))
        .respond_with(page(vec![avatar("a"), avatar("b")], 1, Some(2)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/avatars"))
        .and(query_param("page", "2"))
        .and(query_param("perPage", "2"))
        .respond_with(page(vec![avatar("c"), avatar("d")], 2, Some(3)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/avatars"))
        .and(query_param("page", "3"))
        .respond_with(page(vec![avatar("e")], 3, None))
        .expect(1)
        .mount(&server)
        .await;

    let client = anam::Client::new("k").with_base_url(server.uri());
    let ids: Vec<String> = client
        .list_avatars_stream(anam::ListAvatarsParams::new().per_page(2))
        .map(|a| {
            a.expect("every page decodes")
                .id
                .expect("each avatar has an id")
        })
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn anam_an_error_on_page_two_ends_the_stream_with_that_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/avatars"))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [avatar("a")], "meta": meta(1, Some(2))})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/avatars"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .mount(&server)
        .await;
    let client = anam::Client::new("k").with_base_url(server.uri());

    let items: Vec<_> = client
        .list_avatars_stream(anam::ListAvatarsParams::new())
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id.as_deref(), Some("a"));
    assert_eq!(items[1].as_ref().unwrap_err().status(), Some(401));
}

#[tokio::test]
async fn anam_a_page_without_meta_or_data_ends_the_stream_without_an_error() {
    // Neither `data` nor `meta` is required by the spec (no source says they are always sent):
    // a page without `meta` has no next page, and a page without `data` has no items.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/avatars"))
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [avatar("a")]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/voices"))
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": meta(1, Some(2))})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/voices"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [avatar("v")]})))
        .expect(1)
        .mount(&server)
        .await;
    let client = anam::Client::new("k").with_base_url(server.uri());

    let avatars: Vec<_> = client
        .list_avatars_stream(anam::ListAvatarsParams::new())
        .map(|a| a.expect("the page decodes").id)
        .collect()
        .await;
    assert_eq!(avatars, [Some("a".to_string())]);
    let voices: Vec<_> = client
        .list_voices_stream(anam::ListVoicesParams::new())
        .map(|v| v.expect("every page decodes").id)
        .collect()
        .await;
    assert_eq!(
        voices,
        [Some("v".to_string())],
        "page 1 has no items, page 2 one"
    );
}

#[tokio::test]
async fn invalid_paging_parameters_are_refused_before_any_request() {
    let server = MockServer::start().await;
    let client = coval::Client::new("k").with_base_url(server.uri());
    let params = coval::ListPersonasParams::new()
        .page_size(500)
        .tag_filters((0..21).map(|i| format!("t{i}")));
    let err = client
        .list_personas(&params)
        .await
        .expect_err("page_size > 100, 21 tag filters");
    let coval::Error::Validation(v) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<&str> = v.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["page_size", "tag_filters"]);
    assert!(server.received_requests().await.unwrap().is_empty());
}
