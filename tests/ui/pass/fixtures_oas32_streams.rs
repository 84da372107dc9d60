#![allow(dead_code, unused_imports)]
//! OpenAPI 3.2 `itemSchema` at run time: server-sent events, JSON lines, NDJSON and JSON text
//! sequences stream item by item against wiremock; a bad item is an error carrying its raw
//! text and the items after it still come; a non-2xx status is `Error::Api` before any
//! streaming; a 503 is retried before the stream begins; a response offered as JSON and as
//! events has a method for each (`<op>` asks for JSON, `<op>_streamed` for events). Against a raw server on 127.0.0.1
//! (wiremock sends a body at once): an item split across writes, a stream that goes quiet
//! (the idle timeout), and headers that never come.

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/oas32_item_schema.rs"]
mod api;

use api::{Change, ChangeKind, Client, CompleteRequest, CreateChatRequest, CreateChatResponse, CreateChatResponseItem, Error, StreamEventsParams};
use api_clients::runtime::RequestOptions;
use futures_util::StreamExt;
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{body_json, header, headers, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn reply(media: &str, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), media)
}

async fn server_sent_events() {
    let server = MockServer::start().await;
    // A keep-alive comment, CRLF line ends, `event`/`id` fields, `data` over two lines, an
    // item that does not match the spec, an event without data, and OpenAI's `[DONE]`.
    let body = ": connected\r\n\r\n\
                event: change\r\nid: 1\r\ndata: {\"kind\": \"created\",\r\ndata:  \"id\": \"c1\"}\r\n\r\n\
                data: {\"kind\": 7}\n\n\
                event: ping\n\n\
                id: 3\ndata: {\"kind\": \"deleted\", \"id\": \"c1\", \"new\": true}\n\n\
                data: [DONE]\n\n\
                data: {\"kind\": \"created\"}\n\n";
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(query_param("topic", "all"))
        .and(headers("accept", vec!["text/event-stream", "application/json"]))
        .respond_with(reply("text/event-stream", body).insert_header("x-request-id", "req-1"))
        .mount(&server)
        .await;
    let client = Client::new("k").with_base_url(server.uri());

    let mut items = client.stream_events(&StreamEventsParams::new().topic("all")).await.unwrap();
    let first: Change = items.next().await.unwrap().unwrap();
    assert_eq!((first.kind, first.id.as_deref()), (ChangeKind::Created, Some("c1")));
    // A bad item: its raw text and JSON path, and the stream goes on.
    let Some(Err(Error::Decode(bad))) = items.next().await else { panic!("a decode error") };
    assert_eq!((bad.body.as_str(), bad.path.as_str(), bad.status), ("{\"kind\": 7}", "kind", 200));
    assert_eq!(bad.request_id.as_deref(), Some("req-1"));
    let third = items.next().await.unwrap().unwrap();
    assert_eq!(third.kind, ChangeKind::Deleted);
    assert_eq!(third.extra["new"], json!(true), "unknown fields are kept, as in any response");
    assert_eq!(items.last_event_id(), Some("3"));
    assert!(items.next().await.is_none(), "`data: [DONE]` ends the stream");

    // The same stream with each event's fields, and the response's metadata.
    let response = client.stream_events_with_response(&StreamEventsParams::new().topic("all")).await.unwrap();
    assert_eq!((response.status, response.request_id.as_deref()), (200, Some("req-1")));
    let events: Vec<_> = response.into_inner().events().collect().await;
    let first = events[0].as_ref().unwrap();
    assert_eq!((first.event.as_deref(), first.id.as_deref()), (Some("change"), Some("1")));
    assert!(events[1].is_err());
    let third = events[2].as_ref().unwrap();
    assert_eq!((third.event.as_deref(), third.id.as_deref()), (None, Some("3")));
    assert_eq!(events.len(), 3);
}

async fn json_lines_and_sequences() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/completions"))
        .and(body_json(json!({"prompt": "hi"})))
        .respond_with(reply("application/jsonl", "{\"token\": \"a\", \"index\": 0}\r\n\n{\"token\": \"b\", \"index\": \"x\"}\n{\"token\": \"c\"}"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/counts"))
        .respond_with(reply("application/x-ndjson", "1\n2\n3\n"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/records"))
        .respond_with(reply("application/json-seq", "\u{1e}{\"kind\": \"created\"}\n\u{1e}{\"kind\":\n\"deleted\"}\n"))
        .mount(&server)
        .await;
    let client = Client::new("k").with_base_url(server.uri());

    let tokens: Vec<_> = client.complete(&CompleteRequest::new("hi")).await.unwrap().collect().await;
    assert_eq!(tokens.len(), 3);
    assert_eq!(tokens[0].as_ref().unwrap().token, "a");
    let Err(Error::Decode(bad)) = &tokens[1] else { panic!("{:?}", tokens[1]) };
    assert_eq!((bad.body.as_str(), bad.path.as_str()), ("{\"token\": \"b\", \"index\": \"x\"}", "index"));
    assert_eq!(tokens[2].as_ref().unwrap().token, "c", "the last line needs no line end");
    // The request body is validated before anything is sent.
    let Err(Error::Validation(v)) = client.complete(&CompleteRequest::new("")).await else { panic!("not refused") };
    assert_eq!(v.violations()[0].path, "prompt");

    let counts: Vec<i64> = client.stream_counts().await.unwrap().map(Result::unwrap).collect().await;
    assert_eq!(counts, [1, 2, 3]);
    let kinds: Vec<ChangeKind> = client.stream_records().await.unwrap().map(|c| c.unwrap().kind).collect().await;
    assert_eq!(kinds, [ChangeKind::Created, ChangeKind::Deleted]);
}

/// A 2xx offered as JSON and as server-sent events: the method asks for JSON only and decodes
/// the whole body; `<op>_streamed` asks for `text/event-stream` (then the error responses' JSON)
/// and yields the items. Neither sets the body's `stream` flag: the caller does.
async fn json_or_stream() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({"prompt": "hi"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "hello"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/chat"))
        .and(headers("accept", vec!["text/event-stream", "application/json"]))
        .and(body_json(json!({"prompt": "hi", "stream": true})))
        .respond_with(
            reply("text/event-stream", "data: {\"delta\": \"hel\"}\n\ndata: {\"delta\": \"lo\"}\n\ndata: [DONE]\n\n")
                .insert_header("x-request-id", "req-2"),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/chat"))
        .and(body_json(json!({"prompt": "?", "stream": true})))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"message": "no question"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/snapshot"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"kind": "created"}, {"kind": "deleted"}])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/snapshot"))
        .and(header("accept", "text/event-stream"))
        .respond_with(reply("text/event-stream", "data: {\"kind\": \"deleted\"}\n\n"))
        .mount(&server)
        .await;
    let client = Client::new("k").with_base_url(server.uri());

    let whole: CreateChatResponse = client.create_chat(&CreateChatRequest::new("hi")).await.unwrap();
    assert_eq!(whole.text, "hello");
    let body = CreateChatRequest::new("hi").stream(true);
    let deltas: Vec<String> = client.create_chat_streamed(&body).await.unwrap().map(|d| d.unwrap().delta).collect().await;
    assert_eq!(deltas, ["hel", "lo"]);
    let response = client.create_chat_streamed_with_response(&body).await.unwrap();
    assert_eq!((response.status, response.request_id.as_deref()), (200, Some("req-2")));
    let items: Vec<CreateChatResponseItem> = response.into_inner().map(Result::unwrap).collect().await;
    assert_eq!(items.len(), 2);
    // The body is validated, and an error status is the call's error, as for the JSON method.
    let Err(Error::Validation(v)) = client.create_chat_streamed(&CreateChatRequest::new("")).await else { panic!("not refused") };
    assert_eq!(v.violations()[0].path, "prompt");
    let Err(Error::Api(e)) = client.create_chat_streamed(&CreateChatRequest::new("?").stream(true)).await else { panic!("not an API error") };
    assert_eq!((e.status, e.error.as_ref().unwrap().message.as_str()), (400, "no question"));

    let all: Vec<Change> = client.get_snapshot().await.unwrap();
    assert_eq!(all.len(), 2);
    let streamed: Vec<ChangeKind> = client.get_snapshot_streamed().await.unwrap().map(|c| c.unwrap().kind).collect().await;
    assert_eq!(streamed, [ChangeKind::Deleted]);
}

/// A non-2xx status is the call's error, with the raw body and the documented error decoded,
/// before any stream exists; a 503 on a GET is retried until the stream begins.
async fn status_is_checked_before_streaming() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({"message": "too many streams"})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .respond_with(reply("text/event-stream", "data: {\"kind\": \"created\"}\n\n"))
        .mount(&server)
        .await;
    let client = Client::new("k").with_base_url(server.uri());
    let no_retries = client.with_options(RequestOptions::new().max_retries(0));
    let Err(Error::Api(e)) = no_retries.stream_events(&StreamEventsParams::new()).await else { panic!("not an API error") };
    assert_eq!(e.status, 429);
    assert_eq!(e.body, "{\"message\":\"too many streams\"}");
    assert_eq!(e.error.as_ref().unwrap().message, "too many streams");

    let items: Vec<_> = client.stream_events(&StreamEventsParams::new()).await.unwrap().collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 3, "the 503 was sent again");
}

/// Serves one connection: the head of a 200 `text/event-stream` response (read until the
/// connection closes), then each part after a pause, then holds the connection open for
/// `hold`.
async fn raw_server(parts: Vec<&'static [u8]>, pause: Duration, hold: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        socket.set_nodelay(true).unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            head.extend_from_slice(&buf[..n]);
        }
        for part in parts {
            socket.write_all(part).await.unwrap();
            socket.flush().await.unwrap();
            tokio::time::sleep(pause).await;
        }
        tokio::time::sleep(hold).await;
    });
    url
}

const HEAD: &str = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";

/// An event cut inside a line, inside a UTF-8 character and between CR and LF arrives whole.
async fn items_split_across_writes() {
    let parts: Vec<&[u8]> = vec![
        HEAD.as_bytes(),
        b"data: {\"kind\": \"cr",
        b"eated\", \"id\": \"caf\xc3",
        b"\xa9\"}\r",
        b"\n\r\n",
    ];
    let url = raw_server(parts, Duration::from_millis(30), Duration::ZERO).await;
    let client = Client::new("k").with_base_url(url);
    let items: Vec<Change> = client.stream_events(&StreamEventsParams::new()).await.unwrap().map(Result::unwrap).collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].kind.clone(), items[0].id.as_deref()), (ChangeKind::Created, Some("caf\u{e9}")));
}

/// A stream that goes quiet for longer than the timeout ends with `Error::StreamTimeout`,
/// after the items that came; the timeout does not cut a stream that keeps sending.
async fn a_quiet_stream_times_out() {
    let event: &[u8] = b"data: {\"kind\": \"created\"}\n\n";
    // Eight events 100 ms apart: 800 ms in all, past a 500 ms timeout that each read resets.
    let parts = std::iter::once(HEAD.as_bytes()).chain(std::iter::repeat_n(event, 8)).collect();
    let url = raw_server(parts, Duration::from_millis(100), Duration::from_secs(5)).await;
    let timeout = Duration::from_millis(500);
    let client = Client::new("k").with_base_url(url).with_options(RequestOptions::new().timeout(timeout).max_retries(0));
    let mut items = client.stream_events(&StreamEventsParams::new()).await.unwrap();
    for _ in 0..8 {
        items.next().await.unwrap().unwrap();
    }
    let Some(Err(Error::StreamTimeout(t))) = items.next().await else { panic!("no timeout") };
    assert!(t.streaming);
    assert_eq!(t.waited, timeout);
    assert!(items.next().await.is_none(), "the timeout ends the stream");
}

/// No response headers within the timeout: the call fails before any stream exists.
async fn headers_that_never_come_time_out() {
    let url = raw_server(vec![], Duration::ZERO, Duration::from_secs(5)).await;
    let client = Client::new("k").with_base_url(url).with_options(RequestOptions::new().timeout(Duration::from_millis(200)).max_retries(0));
    let Err(Error::StreamTimeout(t)) = client.stream_events(&StreamEventsParams::new()).await else { panic!("no timeout") };
    assert!(!t.streaming);
}

#[tokio::main]
async fn main() {
    server_sent_events().await;
    json_lines_and_sequences().await;
    json_or_stream().await;
    status_is_checked_before_streaming().await;
    items_split_across_writes().await;
    a_quiet_stream_times_out().await;
    headers_that_never_come_time_out().await;
}
