#![allow(dead_code, unused_imports)]
//! The composition fixtures at run time: `allOf` merging (scalars with every member's
//! constraints, objects without the members that cannot be objects), objects that are also
//! unions (a struct per member, tagged when there is a discriminator), and parameters with
//! `content`, as the server receives them (wiremock).

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/all_of.rs"]
mod all_of;
#[path = "../../fixtures/generated/composed.rs"]
mod composed;
#[path = "../../fixtures/generated/content_params.rs"]
mod content_params;
#[path = "../../fixtures/generated/recursive.rs"]
mod recursive;

use runtime::Validate as _;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn paths(e: runtime::ValidationError) -> Vec<String> {
    e.violations().iter().map(|v| v.path.clone()).collect()
}

/// `Code` is a string checked against all three members (length 3–5, lowercase); `Score` an
/// integer in 10 ..< 100; `Labelled` keeps `Base`'s and its own object member's properties.
fn all_of_merges() {
    use all_of::{Label, Labelled};
    assert!(Label::new("abcd").score(10).validate().is_ok());
    assert_eq!(paths(Label::new("ab").validate().unwrap_err()), ["code"], "minLength 3 of the third member");
    assert_eq!(paths(Label::new("abcdef").validate().unwrap_err()), ["code"], "maxLength 5 of the second member");
    assert_eq!(paths(Label::new("ABC").validate().unwrap_err()), ["code"], "pattern of the first member");
    assert_eq!(paths(Label::new("abc").score(9).validate().unwrap_err()), ["score"]);
    assert_eq!(paths(Label::new("abc").score(100).validate().unwrap_err()), ["score"], "exclusive maximum");
    let l: Labelled = serde_json::from_value(json!({"id": "1", "label": {"code": "abc"}})).unwrap();
    assert_eq!(l.id, "1");
    assert_eq!(l.label.unwrap().code, "abc");
}

/// Each member of the union is a struct with the object's properties too.
fn objects_that_are_unions() {
    use composed::{Contact, Event, Notification, Shape, ShapeCircle, ShapeSquare, Stats};
    let s: Shape = serde_json::from_value(json!({"label": "box", "side": 2.0})).unwrap();
    assert_eq!(s, Shape::Square(ShapeSquare::new("box", 2.0)));
    let c: Shape = ShapeCircle::new("round", 1.5).into();
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({"label": "round", "radius": 1.5}));
    assert!(c.validate().is_ok());
    assert_eq!(paths(Shape::from(ShapeCircle::new("too long a label", -1.0)).validate().unwrap_err()), ["label", "radius"]);

    let by_phone: Contact = serde_json::from_value(json!({"name": "n", "phone": "123"})).unwrap();
    let Contact::ByPhone(p) = by_phone else { panic!("{by_phone:?}") };
    assert_eq!((p.name.as_str(), p.phone.as_str()), ("n", "123"));
    let by_email: Contact = serde_json::from_value(json!({"name": "n", "email": "a@b.c"})).unwrap();
    assert!(matches!(by_email, Contact::ByEmail(_)));

    // Tagged by `source_type`: the tag picks the struct, the object's `seq` is in both.
    let e: Event = serde_json::from_value(json!({"source_type": "ping", "id": "1", "seq": 3})).unwrap();
    let Event::Ping(ping) = e else { panic!("{e:?}") };
    assert_eq!((ping.seq, ping.id.as_str()), (Some(3), "1"));
    let e: Event = serde_json::from_value(json!({"source_type": "created", "id": "2", "at": "now"})).unwrap();
    assert!(matches!(e, Event::Created(c) if c.at == "now"));
    // `ping` leads to `SourceEvent` through the one-member `allOf` of `Ping`.
    let n: Notification = serde_json::from_value(json!({"source_type": "ping", "id": "x"})).unwrap();
    assert!(matches!(n, Notification::Ping(s) if s.id == "x"));
    // An array member cannot carry a tag: decoded by shape.
    let s: Stats = serde_json::from_value(json!(["not yet"])).unwrap();
    assert_eq!(s, Stats::Unavailable(vec!["not yet".to_owned()]));
    assert!(matches!(serde_json::from_value(json!({"cpu": 7})).unwrap(), Stats::Available(a) if a.cpu == 7));
}

/// An array whose item object refers back to the array: the item is a named type, so the
/// cycle goes through it.
fn array_cycle_through_a_named_item() {
    let o: recursive::Order = serde_json::from_value(json!({"items": [{"name": "menu", "items": [{"name": "fries"}]}]})).unwrap();
    let outer = &o.items.as_ref().unwrap()[0];
    assert_eq!(outer.items.as_ref().unwrap()[0].name, "fries");
}

/// JSON `content` sends the value's JSON text in the path, query and header; `text/plain` is a
/// string sent as given.
async fn content_parameters_on_the_wire() {
    use content_params::{Client, Query, SearchParams, SearchXFilter};
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new("k").with_base_url(server.uri());
    let params = SearchParams::new(Query::new("hi there").limit(2)).page(3).sig("a=b");
    let ids = ["a".to_owned(), "b c".to_owned()];
    client.search(&ids, Some(SearchXFilter::new().tag("t")), &params).await.unwrap();
    let all = server.received_requests().await.unwrap();
    let r = &all[0];
    assert_eq!(r.url.path(), "/search/%5B%22a%22%2C%22b%20c%22%5D");
    let query: Vec<(String, String)> = r.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let expected = [("q", r#"{"text":"hi there","limit":2}"#), ("page", "3"), ("sig", "a=b")];
    assert_eq!(query, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(r.headers.get("x-filter").unwrap().to_str().unwrap(), r#"{"tag":"t"}"#);
}

#[tokio::main]
async fn main() {
    all_of_merges();
    objects_that_are_unions();
    array_cycle_through_a_named_item();
    content_parameters_on_the_wire().await;
}
