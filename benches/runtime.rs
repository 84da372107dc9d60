//! Runtime speed of the generated client, against plain serde on the same data.
//!
//! - `create_agent`: `validate()` + serialize a fully populated coval `CreateAgentRequest`
//!   (WebSocket agent, HTTP-first metadata) vs a plain `serde_json::to_vec` of the same value
//!   (budget ≤ 1.5×). `validate` alone is there too: its share is what the budget is about,
//!   and it moves less with the machine's load than the two totals do.
//! - `persona`: decode a coval persona response with unknown fields through the client's
//!   decode path (`rt::decode_json`: unknown fields kept, errors with their JSON path) vs
//!   `serde_json::from_slice` into a mirror struct with plain derives (budget ≤ 1.3×).
//!
//! After criterion, both budgets are timed again in alternating rounds (`… interleaved`
//! lines): on a shared machine that is the ratio to read.
//!
//! `cargo bench --bench runtime` (add `-- --measurement-time 1` for a quick look).

use api_clients::coval::{CreateAgentRequest, PersonaEnvelope, Validate};
use api_clients::runtime::decode_json;
use criterion::{criterion_group, Criterion};
use std::hint::black_box;

const CREATE_AGENT: &str = include_str!("fixtures/create_agent.json");
const PERSONA: &str = include_str!("fixtures/persona.json");

#[path = "support/interleave.rs"]
mod interleave;
#[path = "support/mirror.rs"]
mod mirror;
use interleave::{interleaved, selected, Rounds};
use mirror::{FlattenPersonaEnvelope, PlainPersonaEnvelope};

fn create_agent(c: &mut Criterion) {
    let request: CreateAgentRequest = serde_json::from_str(CREATE_AGENT).expect("fixture decodes");
    request.validate().expect("fixture is valid");
    let mut g = c.benchmark_group("create_agent");
    g.bench_function("to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&request)).unwrap())
    });
    g.bench_function("validate", |b| {
        b.iter(|| black_box(&request).validate().unwrap())
    });
    g.bench_function("validate+to_vec", |b| {
        b.iter(|| {
            let r = black_box(&request);
            r.validate().unwrap();
            serde_json::to_vec(r).unwrap()
        })
    });
    g.finish();
}

fn persona(c: &mut Criterion) {
    let bytes = PERSONA.as_bytes();
    let decoded: PersonaEnvelope = decode_json(bytes).expect("fixture decodes");
    assert_eq!(decoded.persona.extra.len(), 2, "unknown fields are kept");
    assert_eq!(decoded.extra.len(), 1, "unknown fields are kept");
    let mut g = c.benchmark_group("persona");
    g.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainPersonaEnvelope>(black_box(bytes)).unwrap())
    });
    g.bench_function("decode_json", |b| {
        b.iter(|| decode_json::<PersonaEnvelope>(black_box(bytes)).unwrap())
    });
    g.bench_function("flatten_derive", |b| {
        b.iter(|| serde_json::from_slice::<FlattenPersonaEnvelope>(black_box(bytes)).unwrap())
    });
    g.finish();

    // The same body without its unknown fields: the cost of the decoding itself, apart from
    // storing what the spec does not declare.
    let mut known: serde_json::Value = serde_json::from_slice(bytes).expect("fixture is JSON");
    known.as_object_mut().unwrap().retain(|k, _| k == "persona");
    let persona = known["persona"].as_object_mut().unwrap();
    persona.remove("owner_team");
    persona.remove("experiment");
    let known = serde_json::to_vec(&known).unwrap();
    let mut g = c.benchmark_group("persona_known_fields_only");
    g.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::from_slice::<PlainPersonaEnvelope>(black_box(&known)).unwrap())
    });
    g.bench_function("decode_json", |b| {
        b.iter(|| decode_json::<PersonaEnvelope>(black_box(&known)).unwrap())
    });
    g.finish();
}

/// The two budgets, timed in alternating rounds: `validate()` + `to_vec` against `to_vec`, and
/// the client's decode against plain derives.
fn budgets() {
    const ROUNDS: Rounds = Rounds {
        rounds: 41,
        per_round: 2_000,
    };
    if selected("create_agent") {
        let request: CreateAgentRequest =
            serde_json::from_str(CREATE_AGENT).expect("fixture decodes");
        interleaved(
            "create_agent: validate+to_vec vs to_vec",
            1.5,
            ROUNDS,
            &mut || {
                black_box(serde_json::to_vec(black_box(&request)).unwrap());
            },
            &mut || {
                let r = black_box(&request);
                r.validate().unwrap();
                black_box(serde_json::to_vec(r).unwrap());
            },
        );
    }
    if selected("persona") {
        let bytes = PERSONA.as_bytes();
        interleaved(
            "persona: decode_json vs plain_derive",
            1.3,
            ROUNDS,
            &mut || {
                black_box(
                    serde_json::from_slice::<PlainPersonaEnvelope>(black_box(bytes)).unwrap(),
                );
            },
            &mut || {
                black_box(decode_json::<PersonaEnvelope>(black_box(bytes)).unwrap());
            },
        );
    }
}

criterion_group!(benches, create_agent, persona);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    budgets();
}
