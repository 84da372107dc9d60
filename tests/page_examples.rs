//! Every request and response example on the vendor pages (`../shared/docs`, beside the
//! checkout) fits the spec: it validates against the spec's schema with an independent OAS 3.0
//! validator (`scripts/validate_examples.py`, openapi-schema-validator), and it decodes into the
//! generated client's type; a request example also passes its `validate()` (response models
//! are only received, so they have no `Validate`: decoding is the client's check of them).
//!
//! The examples are read from the pages by `generator::docs_check::page`, and the schema is the
//! one of the operation the page's curl command calls, so a page edit or a spec edit that makes
//! them disagree fails here.

use api_clients::runtime::Validate;
use api_clients::{anam, coval};
use generator::docs_check::{page, spec::Spec};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Checks a JSON example against a generated type: [`check`] for requests, [`decodes`] for
/// responses.
type Check = fn(&Value) -> Result<(), String>;

fn check<T: DeserializeOwned + Validate>(value: &Value) -> Result<(), String> {
    decode::<T>(value)?
        .validate()
        .map_err(|e| format!("validate: {e}"))
}

/// Decodes a JSON example into a generated response type.
fn decode<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_json::from_value(value.clone()).map_err(|e| format!("decode: {e}"))
}

/// [`decode`], as a [`Check`].
fn decodes<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    decode::<T>(value).map(drop)
}

/// One page: the spec it documents, the generated types of its request and response, and how
/// many request and response examples it shows (so a page whose examples stop being found
/// fails).
struct Case {
    page: &'static str,
    spec: &'static str,
    request: Check,
    response: Check,
    requests: usize,
    responses: usize,
}

const CASES: &[Case] = &[
    Case {
        page: "coval-create-persona.txt",
        spec: "spec/coval.yaml",
        request: check::<coval::CreatePersonaRequest>,
        response: decodes::<coval::PersonaEnvelope>,
        requests: 1,
        responses: 1,
    },
    Case {
        page: "coval-update-persona.txt",
        spec: "spec/coval.yaml",
        request: check::<coval::UpdatePersonaRequest>,
        response: decodes::<coval::PersonaEnvelope>,
        requests: 1,
        responses: 1,
    },
    Case {
        page: "coval-create-agent.txt",
        spec: "spec/coval.yaml",
        request: check::<coval::CreateAgentRequest>,
        response: decodes::<coval::AgentEnvelope>,
        requests: 1,
        responses: 1,
    },
    // The newer Anam page has no curl command and no JSON example (only one value per field,
    // which docs-check compares).
    Case {
        page: "anam-create-persona-newer.txt",
        spec: "spec/anam.yaml",
        request: check::<anam::CreatePersonaRequest>,
        response: decodes::<anam::Persona>,
        requests: 0,
        responses: 0,
    },
    // The older page shows the same curl command twice and no response body ("Successfully
    // created persona"). It is transcribed in spec/history (not generated); its body must still
    // be accepted by today's client.
    Case {
        page: "anam-create-persona-older.txt",
        spec: "spec/history/anam-2026-older.yaml",
        request: check::<anam::CreatePersonaRequest>,
        response: decodes::<anam::Persona>,
        requests: 2,
        responses: 0,
    },
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pages: `../shared/docs` beside the checkout (CI has `/work/shared` there too).
fn docs_dir() -> PathBuf {
    root().join("../shared/docs")
}

/// One example to validate against the spec with the independent validator.
struct Job {
    label: String,
    spec: PathBuf,
    pointer: String,
    direction: &'static str,
    instance: Value,
}

#[test]
fn every_page_example_fits_the_spec_and_the_generated_client() {
    let mut jobs = Vec::new();
    let mut failures = Vec::new();
    for case in CASES {
        let path = docs_dir().join(case.page);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (the pages live in ../shared/docs)", path.display())
        });
        let page = page::read(case.page, &text);
        assert!(page.unread.is_empty(), "{}: {:?}", case.page, page.unread);
        let spec_path = root().join(case.spec);
        let spec = Spec::parse(case.spec, &std::fs::read_to_string(&spec_path).unwrap()).unwrap();
        let bodies: Vec<_> = page.curls.iter().filter_map(|c| c.data.as_ref()).collect();
        assert_eq!(
            bodies.len(),
            case.requests,
            "{}: request examples found",
            case.page
        );
        let Some(curl) = page.curl() else {
            continue;
        };
        let op = spec.operation(&curl.method, &curl.url).unwrap_or_else(|| {
            panic!(
                "{}: no operation for {} {}",
                case.page, curl.method, curl.url
            )
        });
        for body in bodies {
            let label = format!("{}:{} request", case.page, body.line);
            if let Err(e) = (case.request)(&body.value) {
                failures.push(format!("{label}: generated client: {e}"));
            }
            jobs.push(Job {
                label,
                spec: spec_path.clone(),
                pointer: spec
                    .request_schema(&op.pointer)
                    .expect("a JSON request body"),
                direction: "request",
                instance: body.value.clone(),
            });
        }

        assert_eq!(
            page.responses.len(),
            case.responses,
            "{}: response examples found",
            case.page
        );
        let schemas = spec.success_schemas(&op.pointer);
        for example in &page.responses {
            let label = format!("{}:{} response", case.page, example.line);
            if let Err(e) = (case.response)(&example.value) {
                failures.push(format!("{label}: generated client: {e}"));
            }
            let [(_, pointer)] = schemas.as_slice() else {
                panic!(
                    "{}: expected one 2xx JSON response, found {schemas:?}",
                    case.page
                );
            };
            jobs.push(Job {
                label,
                spec: spec_path.clone(),
                pointer: pointer.clone(),
                direction: "response",
                instance: example.value.clone(),
            });
        }
    }
    assert_eq!(
        jobs.len(),
        8,
        "5 request and 3 response examples on the pages"
    );
    failures.extend(validate_with_openapi_schema_validator(&jobs));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `scripts/validate_examples.py` over the jobs; returns its failure lines.
fn validate_with_openapi_schema_validator(jobs: &[Job]) -> Vec<String> {
    let input: Vec<Value> = jobs
        .iter()
        .map(|j| {
            serde_json::json!({
                "label": j.label,
                "spec": j.spec,
                "pointer": j.pointer,
                "direction": j.direction,
                "instance": j.instance,
            })
        })
        .collect();
    let script = root().join("scripts/validate_examples.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (scripts/test.sh installs openapi-schema-validator)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&serde_json::to_vec(&input).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{} failed to run: {}",
        display(&script),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.lines().count() >= jobs.len(),
        "a verdict per example:\n{stdout}"
    );
    stdout
        .lines()
        .filter(|l| !l.starts_with("ok "))
        .map(|l| format!("{l} (openapi-schema-validator)"))
        .collect()
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
