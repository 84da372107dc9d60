//! Specs written by real tools, not by hand: FastAPI's (`tests/tools/fastapi_app.py`) and
//! utoipa 5's (`tests/tools/utoipa-spec/`), both OpenAPI 3.1, checked in as
//! `tests/fixtures/tools/{fastapi,utoipa}.json`.
//!
//! - Each fixture is the tool's output: the tool runs again here and its output must equal
//!   the fixture byte for byte.
//! - The clients generated from them are checked in too (`tests/tools/generated/`, the
//!   reviewable snapshot; regenerate with `cargo run -p generator -- generate --spec-dir
//!   tests/fixtures/tools --out-dir tests/tools/generated`), must be current, compile here,
//!   and talk to a server: the FastAPI app itself under uvicorn, and Prism serving utoipa's
//!   document, both on 127.0.0.1.

mod support;

mod runtime {
    pub use api_clients::runtime::*;
}

// The modules are a library: this test uses part of each.
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "tools/generated/fastapi.rs"]
mod fastapi;
#[allow(dead_code, unused_imports)]
#[rustfmt::skip]
#[path = "tools/generated/utoipa.rs"]
mod utoipa;

use std::process::Command;
use support::fixtures::root;
use support::prism::Prism;
use support::uvicorn::FastApi;

/// Asserts that `produced` (a tool's output now) is the checked-in fixture `name`.
fn assert_fixture_is(name: &str, produced: &str, regenerate: &str) {
    let path = root().join("tests/fixtures/tools").join(name);
    let checked_in =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if checked_in != produced {
        let diff = generator::job::stale_diff(&path, &checked_in, produced, 60);
        panic!(
            "{name} is not what the tool writes now; regenerate it with `{regenerate}`:\n{diff}"
        );
    }
}

#[test]
fn fastapi_fixture_is_fastapis_output() {
    let out = Command::new("python3")
        .args(["tests/tools/fastapi_app.py", "spec"])
        .current_dir(root())
        .output()
        .expect("python3 runs (install the test tools: python3 -m pip install -r requirements-test.txt)");
    assert!(
        out.status.success(),
        "the FastAPI app failed to write its document:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let produced = String::from_utf8(out.stdout).expect("UTF-8");
    assert_fixture_is(
        "fastapi.json",
        &produced,
        "python3 tests/tools/fastapi_app.py spec > tests/fixtures/tools/fastapi.json` (with the \
         versions requirements-test.txt pins: `python3 -m pip install -r requirements-test.txt",
    );
}

#[test]
fn utoipa_fixture_is_utoipas_output() {
    assert_fixture_is(
        "utoipa.json",
        &utoipa_spec::spec_json(),
        "cargo run -q -p utoipa-spec > tests/fixtures/tools/utoipa.json",
    );
}

/// The checked-in clients are what the fixtures generate now, and generating them warns only
/// about what the tools leave out on purpose (FastAPI writes no `servers`).
#[test]
fn generated_clients_are_current() {
    let reports = generator::job::run(
        &root().join("tests/fixtures/tools"),
        &root().join("tests/tools/generated"),
        generator::job::Mode::Check,
    )
    .unwrap_or_else(|e| panic!("the tool specs did not generate:\n{e}"));
    let modules: Vec<&str> = reports.iter().map(|r| r.module.as_str()).collect();
    assert_eq!(modules, ["fastapi", "utoipa"]);
    for r in &reports {
        assert_eq!(
            r.status,
            generator::job::Status::Unchanged,
            "stale; run `cargo run -p generator -- generate --spec-dir tests/fixtures/tools \
             --out-dir tests/tools/generated` and review the diff:\n{}",
            r.diff.as_deref().unwrap_or_default()
        );
        let warnings: Vec<String> = r.warnings.warnings().map(|w| w.message.clone()).collect();
        let expected: &[&str] = match r.module.as_str() {
            "fastapi" => &["no `servers`: the client has no default base URL"],
            _ => &[],
        };
        assert_eq!(warnings, expected, "{}", r.module);
    }
}

/// The violations of a refused request, as `(path, rule)` strings.
fn violations(e: &runtime::ValidationError) -> Vec<String> {
    e.violations()
        .iter()
        .map(|v| format!("{}: {:?}", v.path, v.rule))
        .collect()
}

#[tokio::test]
async fn fastapi_client_talks_to_the_fastapi_app() {
    use fastapi::{Client, Error, Kind, ListPetsParams, PetCreate};
    let app = FastApi::start();
    // FastAPI writes no `servers` and no security scheme: the client needs a base URL and no
    // key. `with_base_url` clears the configuration error of the missing default.
    let client = Client::builder()
        .base_url(app.base_url())
        .build()
        .expect("a valid configuration without a key");
    let unconfigured = Client::builder().build().err().map(|e| e.to_string());
    assert!(
        unconfigured
            .as_deref()
            .is_some_and(|e| e.contains("base URL")),
        "{unconfigured:?}"
    );
    let same = Client::new("").with_base_url(app.base_url());
    assert!(same.list_pets(&ListPetsParams::new()).await.is_ok());

    // A request body round-trips; the Optional fields left out come back as `null` (FastAPI
    // writes every field) and decode as `None`.
    let rex = client
        .create_pet(&PetCreate::new("Rex", Kind::Dog).age(3))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", app.output()));
    assert_eq!(
        (rex.id, rex.name.as_str(), &rex.kind),
        (1, "Rex", &Kind::Dog)
    );
    assert_eq!((rex.age, rex.tag.as_deref()), (Some(3), None));
    let tom = client
        .create_pet(&PetCreate::new("Tom", Kind::Cat).tag("indoor"))
        .await
        .unwrap();
    assert_eq!((tom.tag.as_deref(), tom.age), (Some("indoor"), None));

    // A path parameter, and the list response with and without the query parameters.
    assert_eq!(client.get_pet(tom.id).await.unwrap(), tom);
    assert_eq!(
        client.list_pets(&ListPetsParams::new()).await.unwrap(),
        [rex.clone(), tom.clone()]
    );
    let cats = ListPetsParams::new().kind(Kind::Cat);
    assert_eq!(
        client.list_pets(&cats).await.unwrap(),
        std::slice::from_ref(&tom)
    );
    let first = ListPetsParams::new().limit(1);
    assert_eq!(
        client.list_pets(&first).await.unwrap(),
        std::slice::from_ref(&rex)
    );

    // The declared 404, with its body kept.
    let Err(Error::Api(e)) = client.get_pet(99).await else {
        panic!("a 404 is an API error");
    };
    assert_eq!(e.status, 404);
    assert_eq!(e.body, r#"{"detail":"no pet 99"}"#);

    // A value FastAPI refuses (an enum value the client read somewhere but the app does not
    // list): FastAPI's 422, as `Error::Api` with FastAPI's body as it was sent.
    let lizard: Kind = serde_json::from_str(r#""lizard""#).unwrap();
    assert!(lizard.is_unknown());
    let Err(Error::Api(e)) = client.create_pet(&PetCreate::new("Liz", lizard)).await else {
        panic!("FastAPI refuses a kind it does not list");
    };
    assert_eq!(e.status, 422);
    let body: serde_json::Value = serde_json::from_str(&e.body).expect("FastAPI's JSON");
    assert_eq!(
        body["detail"][0]["loc"],
        serde_json::json!(["body", "kind"])
    );
    assert_eq!(body["detail"][0]["type"], "enum");
    let detail: fastapi::HttpValidationError =
        serde_json::from_str(&e.body).expect("the 422 body is the spec's HTTPValidationError");
    let loc = &detail.detail.expect("detail")[0].loc;
    assert_eq!(loc.len(), 2);

    // Requests that break the spec's constraints are refused before sending: every
    // violation is reported, and the app's store is unchanged.
    let bad = PetCreate::new("", Kind::Bird).age(101);
    let Err(Error::Validation(v)) = client.create_pet(&bad).await else {
        panic!("an empty name and an age over 100 are refused");
    };
    let found = violations(&v);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("name:")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("age:")), "{found:?}");
    let Err(Error::Validation(v)) = client.list_pets(&ListPetsParams::new().limit(0)).await else {
        panic!("limit 0 is below the minimum of 1");
    };
    assert_eq!(violations(&v).len(), 1);
    assert_eq!(
        client
            .list_pets(&ListPetsParams::new())
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn utoipa_client_talks_to_prism_serving_utoipas_spec() {
    use utoipa::{Client, Error, ListTodosParams, NewTodo, Person, Status};
    let prism = Prism::start("tests/fixtures/tools/utoipa.json");
    let client = Client::new("").with_base_url(prism.base_url());

    // The response is utoipa's example: `note: null` and `assignee` left out both decode as
    // `None`.
    let todo = client
        .get_todo(1)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", prism.output()));
    assert_eq!((todo.id, todo.title.as_str()), (1, "Water the plants"));
    assert_eq!((todo.status, todo.priority), (Status::Open, 3));
    assert_eq!((todo.note, todo.assignee), (None, None));
    assert!(todo.extra.is_empty(), "{:?}", todo.extra);

    // A body Prism validates against utoipa's schema (nullable fields set and unset), and a
    // list response with query parameters.
    let new = NewTodo::new(2, Status::InProgress, "Write the report")
        .note("by Friday")
        .assignee(Person::new("Grace"));
    let created = client
        .create_todo(&new)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", prism.output()));
    assert_eq!(
        created.title, "Water the plants",
        "Prism answers with the example"
    );
    client
        .create_todo(&NewTodo::new(5, Status::Done, "t"))
        .await
        .unwrap();
    let listed = client
        .list_todos(&ListTodosParams::new().status(Status::Done).limit(10))
        .await
        .unwrap();
    assert!(
        listed.iter().all(|t| t.title == "Water the plants"),
        "{listed:?}"
    );

    // A body Prism refuses (a status the spec does not list): the declared 422 (Prism answers
    // with its example), as `Error::Api` with the raw body kept and decoded as `ErrorBody`.
    let archived: Status = serde_json::from_str(r#""archived""#).unwrap();
    let Err(Error::Api(e)) = client.create_todo(&NewTodo::new(1, archived, "t")).await else {
        panic!("Prism refuses a status the spec does not list");
    };
    assert_eq!(e.status, 422);
    assert_eq!(e.body, r#"{"code":"not_found","message":"no to-do 7"}"#);
    let body = e.error.expect("the 422 body is the spec's ErrorBody");
    assert_eq!(
        (body.code.as_str(), body.message.as_str()),
        ("not_found", "no to-do 7")
    );
    // Prism's log line about it may trail the response by a moment.
    let refused = "Request body property status must be equal to one of the allowed values";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !prism.output().contains(refused) && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(prism.output().contains(refused), "{}", prism.output());

    // Constraints utoipa wrote (`min_length`, `maximum`, `minimum: 0` of a u64 path
    // parameter) are checked before sending.
    let Err(Error::Validation(v)) = client.create_todo(&NewTodo::new(6, Status::Open, "")).await
    else {
        panic!("priority 6 and an empty title are refused");
    };
    assert_eq!(violations(&v).len(), 2, "{:?}", violations(&v));
    let Err(Error::Validation(v)) = client.get_todo(-1).await else {
        panic!("a negative id is refused");
    };
    assert_eq!(violations(&v).len(), 1);
}
