//! Every fixture's generated module compiles, and behaves as its spec says at run time.
#![allow(dead_code)]

mod runtime {
    pub use api_clients::runtime::*;
}

#[path = "../../fixtures/generated/object.rs"]
mod object;
#[path = "../../fixtures/generated/enums.rs"]
mod enums;
#[path = "../../fixtures/generated/nullable.rs"]
mod nullable;
#[path = "../../fixtures/generated/one_of.rs"]
mod one_of;
#[path = "../../fixtures/generated/constraints.rs"]
mod constraints;
#[path = "../../fixtures/generated/recursive.rs"]
mod recursive;
#[path = "../../fixtures/generated/bodies.rs"]
mod bodies;
#[path = "../../fixtures/generated/parameters.rs"]
mod parameters;
#[path = "../../fixtures/generated/responses.rs"]
mod responses;
#[path = "../../fixtures/generated/formats.rs"]
mod formats;
#[path = "../../fixtures/generated/names.rs"]
mod names;
#[path = "../../fixtures/generated/methods.rs"]
mod methods;
#[path = "../../fixtures/generated/extra.rs"]
mod extra;

use serde_json::json;

fn paths(e: runtime::ValidationError) -> Vec<String> {
    e.violations().iter().map(|v| v.path.clone()).collect()
}

/// Non-JSON bodies: a form model, multipart parts, raw bytes (type-checked, not sent).
#[allow(unused_must_use, clippy::let_underscore_future)]
fn bodies_type_check(client: &bodies::Client) {
    let _ = client.log_in(&bodies::LogInRequest::new("ada").remember(true));
    let _ = client.clone_voice(vec![runtime::Part::text("name", "Ada"), runtime::Part::file("audioFile", "a.wav", "audio/wav", vec![0u8; 4])]);
    let _ = client.put_blob("b1", b"bytes".to_vec());
    let _ = client.add_note(Some("a note".into()));
}

/// Parameters in every place: path (path-level and `$ref`), query styles, header, cookie, and
/// the method of an operation without an operationId (type-checked; sent in fixtures_http.rs).
#[allow(unused_must_use, clippy::let_underscore_future)]
fn parameters_type_check(client: &parameters::Client) {
    use parameters::{GetThingTheme, ListThingsFilter, ListThingsFilterStatus, ListThingsParams};
    let since: runtime::DateTime = "2024-05-06T07:08:09Z".parse().unwrap();
    let params = ListThingsParams::new()
        .q("x")
        .limit(2)
        .tags(["a", "b"])
        .ids([1, 2])
        .sizes(["s", "m"])
        .filter(ListThingsFilter::new().status(ListThingsFilterStatus::Active).limit(3))
        .since(since);
    let _ = client.list_things(&params);
    let _ = client.get_thing("t1", "acme", Some(&["a".to_owned()]), "s1", Some(GetThingTheme::Dark));
    let _ = client.delete_things_thing_id_parts_part("t1", 7);
    let _ = client.list_thing_events("t1", None, &parameters::ListThingEventsParams::new().page_token("p"));
}

/// Responses: `+json` bodies decode to models, PDFs and images are bytes, text is a `String`.
#[allow(unused_must_use, clippy::let_underscore_future)]
fn responses_type_check(client: &responses::Client) {
    async fn returns(client: &responses::Client) -> responses::Result<()> {
        let _: responses::Report = client.get_report("r1").await?;
        let _: responses::Report = client.replace_report("r1", &responses::Report::new("r1", "Q1")).await?;
        let _: runtime::Bytes = client.download_report("r1").await?;
        let _: String = client.get_report_summary("r1").await?;
        let _: runtime::Bytes = client.get_chart("c1").await?;
        Ok(())
    }
    let _ = returns(client);
}

/// Names: a method named like the constructor or a keyword, operationIds equal up to case.
#[allow(unused_must_use, clippy::let_underscore_future)]
fn names_type_check(client: &names::Client) {
    let _ = client.new_2();
    let _ = client.list_items();
    let _ = client.list_items_2(&names::Client2::new());
    let _ = client.r#type("t", &names::TypeParams::new().self_("s").page_size(1).page_size_2(2));
}

/// The operation `withOptions` and the client's own `with_options` are two methods; so are the
/// operation `listThingsStream` and the stream of `listThings`.
#[allow(unused_must_use, clippy::let_underscore_future)]
fn methods_type_check(client: &methods::Client) {
    let patient: methods::Client = client.with_options(methods::RequestOptions::new().max_retries(0));
    let _ = patient.with_options_2();
    let _ = client.list_things_stream();
    let _ = client.list_things(&methods::ListThingsParams::new());
    let _stream = client.list_things_stream_2(methods::ListThingsParams::new());
}

/// Properties named `extra`, `with_extra` and `validate` beside the members the generator adds.
fn extra_names() {
    use methods::Validate as _;
    let bag = extra::Bag::new()
        .extra("x")
        .with_extra("y")
        .with_extra_2("count", 3);
    assert_eq!(
        serde_json::to_value(&bag).unwrap(),
        json!({"extra": "x", "with_extra": "y", "count": 3})
    );
    let bad = extra::Bag::new().extra("more than ten").with_extra_2("count", -1);
    assert_eq!(paths(extra::Validate::validate(&bad).unwrap_err()), ["extra", "[\"count\"]"]);
    let note: extra::Note =
        serde_json::from_value(json!({"extra": 1, "validate": true, "kept": "as sent"})).unwrap();
    assert_eq!((note.extra, note.validate), (1, Some(true)));
    assert_eq!(note.extra_2["kept"], json!("as sent"));
    // The setter is `validate_2`, so `validate()` is still the trait's.
    let set = extra::Note::new(2).validate_2(false);
    assert!(extra::Validate::validate(&set).is_ok());
    assert!(set.validate().is_ok());
    assert_eq!(
        serde_json::to_value(&note).unwrap(),
        json!({"extra": 1, "validate": true, "kept": "as sent"})
    );
}

fn main() {
    methods_type_check(&methods::Client::new("k"));
    extra_names();
    bodies_type_check(&bodies::Client::new("k"));
    names_type_check(&names::Client::new("k"));
    parameters_type_check(&parameters::Client::new("k"));
    responses_type_check(&responses::Client::new("k"));

    // formats: each maps to its documented Rust type and keeps its wire form.
    use formats::{Event, Validate as _};
    let wire = json!({
        "at": "2024-05-06T07:08:09Z", "day": "2024-05-06", "id": "071b0286-4cce-4808-bee2-e642f1062de3",
        "digest": "aGk=", "blob": "raw", "small": 2147483647, "big": 9007199254740993i64,
        "plain": -1, "ratio": 0.5, "weight": 1.25, "label": "anything"
    });
    let e: Event = serde_json::from_value(wire.clone()).unwrap();
    let typed: (&runtime::DateTime, &runtime::Date, &String, Option<i32>, Option<i64>, Option<f64>) = (&e.at, &e.day, &e.id, e.small, e.big, e.weight);
    assert_eq!(typed.0.to_rfc3339(), "2024-05-06T07:08:09+00:00");
    assert_eq!(typed.1.to_string(), "2024-05-06");
    assert_eq!(typed.4, Some(9007199254740993), "int64 is exact, not a float");
    assert_eq!(serde_json::to_value(&e).unwrap(), wire, "every format round-trips unchanged");
    assert!(e.validate().is_ok());
    let bad = Event::new(e.at, e.day, "not-a-uuid").digest("a=b").homepage("not a uri").email("nobody");
    assert_eq!(paths(bad.validate().unwrap_err()), ["id", "digest", "homepage", "email"]);

    assert!(matches!(runtime::RequestBody::form(&bodies::LogInRequest::new("ada").remember(true)), Ok(runtime::RequestBody::Form(f)) if f == "username=ada&remember=true"));
    // object: wire names kept, keyword field, optional fields omitted, extra keys kept.
    let w = object::Widget::new("w", "gadget").display_color("red").tags(["a", "b"]);
    assert_eq!(serde_json::to_value(&w).unwrap(), json!({"name": "w", "type": "gadget", "displayColor": "red", "tags": ["a", "b"]}));
    let open: object::OpenSettings = serde_json::from_value(json!({"mode": "m", "other": 1})).unwrap();
    assert_eq!(open.extra.get("other"), Some(&json!(1)));
    assert_eq!(serde_json::to_value(&open).unwrap(), json!({"mode": "m", "other": 1}));

    // enums: awkward values keep distinct variants; integer enums are numbers on the wire.
    use enums::{Channels, ModelType, SampleRate, SortOrder, Switch};
    assert_eq!(SortOrder::Asc.as_str(), "ASC");
    assert_eq!("asc".parse::<SortOrder>().unwrap(), SortOrder::Asc2);
    assert_eq!(SortOrder::Empty.as_str(), "");
    assert_eq!(SortOrder::V1st.to_string(), "1st");
    assert!("ascending".parse::<SortOrder>().is_err());
    assert_eq!(ModelType::ChatA2a.as_str(), "MODEL_TYPE_CHAT_A2A");
    assert_eq!(serde_json::to_value(SampleRate::Hz16000).unwrap(), json!(16000));
    assert_eq!(serde_json::from_value::<Channels>(json!(2)).unwrap(), Channels::V2);
    assert!(serde_json::from_value::<Channels>(json!(3)).is_err());
    assert_eq!(Switch::Off.as_str(), "off");
    // Enums the server sends are open: an unlisted value is kept verbatim, round-trips
    // unchanged, and does not break decoding of the whole response.
    let status: enums::Status = serde_json::from_value(json!({"order": "DESC", "rate": 44100, "new_field": [1]})).unwrap();
    assert!(status.order.is_unknown());
    assert_eq!(status.order.as_str(), "DESC");
    assert_eq!(status.rate.as_ref().map(SampleRate::value), Some(44100));
    assert_eq!(status.extra.get("new_field"), Some(&json!([1])), "unknown fields are kept");
    assert_eq!(serde_json::to_value(&status).unwrap(), json!({"order": "DESC", "rate": 44100, "new_field": [1]}));
    // A listed value always decodes to its own variant, never to `Unknown`.
    let status: enums::Status = serde_json::from_value(json!({"order": "asc"})).unwrap();
    assert_eq!(status.order, SortOrder::Asc2);
    // A schema named like a runtime type keeps its name; a listed value named `unknown` is not
    // the catch-all.
    let with_rule: enums::Status = serde_json::from_value(json!({"order": "ASC", "rule": "unknown"})).unwrap();
    assert_eq!(with_rule.rule, Some(enums::Rule::UnknownValue));
    let with_rule: enums::Status = serde_json::from_value(json!({"order": "ASC", "rule": "lenient"})).unwrap();
    assert!(with_rule.rule.as_ref().is_some_and(enums::Rule::is_unknown));
    // Parsing (FromStr) accepts only listed values.
    assert!("DESC".parse::<SortOrder>().is_err());

    // nullable: required+nullable is always serialized; optional ones only when set. A model
    // only ever received has no setters: its fields are public.
    let s = nullable::Settings::new(None);
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"must_send": null}));
    let mut s = nullable::Settings::new(Some("x".into()));
    s.level = Some(nullable::Level::High);
    s.items = Some(vec![Some("a".to_owned()), None]);
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"must_send": "x", "level": "high", "items": ["a", null]}));

    // Three-state fields of a PATCH body: unchanged (absent), cleared (null), or set.
    let unchanged = nullable::SettingsUpdate::new().plain(3);
    assert_eq!(serde_json::to_value(&unchanged).unwrap(), json!({"plain": 3}));
    let cleared = nullable::SettingsUpdate::new().clear_maybe();
    assert_eq!(serde_json::to_value(&cleared).unwrap(), json!({"maybe": null}));
    let set = nullable::SettingsUpdate::new().maybe("abc");
    assert_eq!(serde_json::to_value(&set).unwrap(), json!({"maybe": "abc"}));
    use nullable::Validate as _;
    let too_long = nullable::SettingsUpdate::new().maybe("abcd");
    assert_eq!(paths(too_long.validate().unwrap_err()), ["maybe"]);
    assert!(nullable::SettingsUpdate::new().clear_maybe().validate().is_ok());
    // The error type is the spec's documented error body, with a summary for Display.
    let problem: nullable::Problem = serde_json::from_value(json!({"error": {"code": "NOT_FOUND", "message": "no such settings"}})).unwrap();
    assert_eq!(runtime::ErrorSummary::summary(&problem).as_deref(), Some("NOT_FOUND: no such settings"));

    // oneOf + discriminator: the tag is the variant; two values share one struct.
    use one_of::{BuiltInSound, Dog, Pet, Sound};
    let pet = Pet::Wolf(Dog::new("w", "awoo"));
    assert_eq!(serde_json::to_value(&pet).unwrap(), json!({"kind": "PET_KIND_WOLF", "name": "w", "bark": "awoo"}));
    assert_eq!(pet.kind(), "PET_KIND_WOLF");
    let back: Pet = serde_json::from_value(json!({"kind": "PET_KIND_CAT", "name": "c", "lives": 9})).unwrap();
    assert!(matches!(back, Pet::Cat(ref c) if c.lives == Some(9)));
    use one_of::Validate as _;
    let bad = Pet::Dog(Dog::new("", "far too long to bark"));
    assert_eq!(paths(bad.validate().unwrap_err()), ["name", "bark"]);
    // untagged: tried in order; variants named from the ref (affix stripped) and the title.
    assert_eq!(serde_json::from_value::<Sound>(json!("office")).unwrap(), Sound::BuiltIn(BuiltInSound::Office));
    assert_eq!(serde_json::from_value::<Sound>(json!("custom:rain")).unwrap(), Sound::Custom("custom:rain".into()));
    assert_eq!(Sound::from(BuiltInSound::Cafe), Sound::BuiltIn(BuiltInSound::Cafe));
    assert_eq!(paths(Sound::Custom("custom:Rain!".into()).validate().unwrap_err()), ["(body)"]);

    // constraints: every violation, with its path, in field order.
    use constraints::{Nested, Thing, Validate as _};
    let mut scores = std::collections::BTreeMap::new();
    scores.insert("a".to_owned(), -1.0);
    let thing = Thing::new("toolong")
        .code("ab")
        .homepage("not a uri")
        .owner_id("123")
        .ratio(1.0)
        .retries(6)
        .ids(["aa", "B", "aa", "cc"])
        .nested(Nested::new().note("long"))
        .scores(scores);
    let err = thing.validate().unwrap_err();
    assert_eq!(
        paths(err.clone()),
        ["name", "code", "homepage", "owner_id", "ratio", "retries", "ids", "ids[2]", "ids[1]", "nested.note", "scores[\"a\"]"],
        "{err}"
    );
    assert!(err.to_string().starts_with("11 invalid fields: name: must be at most 5 characters long"), "{err}");
    assert!(Thing::new("ok").ratio(0.5).ids(["aa"]).validate().is_ok());

    // names: keywords, names that are not identifiers and names equal after conversion all keep
    // their wire names; schemas named like generated items get a suffix; refs to refs resolve.
    let wire = json!({
        "type": "a", "self": "b", "crate": "c", "user-name": "d", "userName": "e", "2fa": true,
        "$ref": "f", "@type": "g", "anything": [1, {"x": null}], "nested": {"type": "inner"}
    });
    let c: names::Client2 = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!((c.r#type.as_deref(), c.self_.as_deref(), c.user_name.as_deref(), c.user_name_2.as_deref(), c._2fa, c.r#ref.as_deref(), c.type_2.as_deref()), (Some("a"), Some("b"), Some("d"), Some("e"), Some(true), Some("f"), Some("g")));
    assert_eq!(c.nested.as_ref().and_then(|n| n.r#type.as_deref()), Some("inner"));
    assert_eq!(serde_json::to_value(&c).unwrap(), wire);
    let item: names::Item2 = serde_json::from_value(json!({"b": "x", "result": "failed", "lower": {"a": "y"}, "error": {"message": "m"}})).unwrap();
    assert_eq!(item.result, Some(names::Result2::Failed));
    assert_eq!(item.lower.and_then(|l| l.a).as_deref(), Some("y"));
    let page: names::ListItemsResponse = serde_json::from_value(json!({"items": [{"id": "1"}]})).unwrap();
    let first: &names::ListItemsResponseItemsItem = &page.items[0];
    assert_eq!(first.id, "1");
    // Query names that are not identifiers, or that differ only in case, get fields of their own
    // (the query struct is read field by field into the query string: it derives no serde traits).
    let params = names::TypeParams::new().page_size(1).page_size_2(2).self_("s");
    assert_eq!((params.page_size, params.page_size_2, params.self_.as_deref()), (Some(1), Some(2), Some("s")));
    // Enum values that are keywords, or equal to one up to case.
    assert_eq!(serde_json::from_value::<enums::Keyword>(json!("Self")).unwrap(), enums::Keyword::Self_2);
    assert_eq!(enums::Keyword::Self_.as_str(), "self");
    assert_eq!(enums::Keyword::Match.to_string(), "match");
    // anyOf without a discriminator in a response: tried in order, anything else kept as JSON.
    use one_of::Reading;
    assert_eq!(serde_json::from_value::<Reading>(json!(3)).unwrap(), Reading::Count(3));
    assert!(matches!(serde_json::from_value::<Reading>(json!({"label": "x"})).unwrap(), Reading::Labelled(l) if l.label == "x"));
    assert_eq!(serde_json::from_value::<Reading>(json!([true])).unwrap(), Reading::Other(json!([true])));

    // Recursive schemas: boxed where needed, validated all the way down.
    use recursive::{BinaryOp, Expr, TreeNode, Validate as _};
    let tree = TreeNode::new("root").parent(TreeNode::new("up")).children([TreeNode::new("leaf"), TreeNode::new("toolong")]);
    assert_eq!(paths(tree.validate().unwrap_err()), ["children[1].label"]);
    let expr: Expr = serde_json::from_value(json!({"op": "+", "left": 1, "right": {"op": "*", "left": 2, "right": 3}})).unwrap();
    assert!(matches!(&expr, Expr::BinaryOp(b) if matches!(*b.right, Expr::BinaryOp(_))));
    let built = Expr::from(BinaryOp::new("-", Expr::Literal(1.0), Expr::Literal(2.0)));
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"op": "-", "left": 1.0, "right": 2.0}));
}
