//! Tracing (feature `tracing`, issue 14): one span per call and one event per attempt, captured
//! by a test subscriber, with no secret in them. Its own test binary: `tracing` caches per
//! callsite whether anyone listens, which races with tests running in parallel threads.

mod support;

use api_clients::coval::Client;
use support::persona::flaky_server;

const KEY: &str = "sk-live-very-secret-key";

mod capture {
    //! A `tracing` subscriber that writes each event of this crate as one line: its span's name
    //! and fields, then its own fields.
    use std::collections::HashMap;
    use std::fmt::Write;
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Default)]
    struct Fields(String);
    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            let _ = write!(self.0, " {}={}", field.name(), value);
        }
    }

    #[derive(Default, Clone)]
    pub struct Capture {
        pub lines: Arc<Mutex<Vec<String>>>,
        spans: Arc<Mutex<HashMap<u64, String>>>,
        stack: Arc<Mutex<Vec<u64>>>,
        next: Arc<Mutex<u64>>,
    }

    impl Subscriber for Capture {
        /// Only this crate's spans and events (hyper's are not the subject).
        fn enabled(&self, metadata: &Metadata<'_>) -> bool {
            metadata.target().starts_with("api_clients")
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut fields = Fields::default();
            span.record(&mut fields);
            let mut next = self.next.lock().unwrap();
            *next += 1;
            let text = format!("{}{{{}}}", span.metadata().name(), fields.0.trim());
            self.spans.lock().unwrap().insert(*next, text);
            Id::from_u64(*next)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields::default();
            event.record(&mut fields);
            let span = self
                .stack
                .lock()
                .unwrap()
                .last()
                .and_then(|id| self.spans.lock().unwrap().get(id).cloned())
                .unwrap_or_default();
            self.lines
                .lock()
                .unwrap()
                .push(format!("{span}:{}", fields.0));
        }
        fn enter(&self, span: &Id) {
            self.stack.lock().unwrap().push(span.into_u64());
        }
        fn exit(&self, _: &Id) {
            self.stack.lock().unwrap().pop();
        }
    }
}

#[tokio::test]
async fn one_span_per_call_one_event_per_attempt_and_no_secret() {
    let server = flaky_server().await;
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = Client::new(KEY).with_base_url(server.uri());

    client.get_persona("p1").await.expect("the retry succeeds");

    let lines = capture.lines.lock().unwrap().clone();
    assert_eq!(lines.len(), 2, "one event per attempt: {lines:#?}");
    for line in &lines {
        assert!(
            line.starts_with(
                "api_call{api=Coval API operation=getPersona method=GET path=/personas/{persona_id}}:"
            ),
            "{line}"
        );
        assert!(!line.contains(KEY), "the key leaked: {line}");
    }
    assert!(lines[0].contains(" attempt=0 status=503"), "{}", lines[0]);
    assert!(lines[0].contains(" retry_delay_ms=10"), "{}", lines[0]);
    assert!(lines[1].contains(" attempt=1 status=200"), "{}", lines[1]);
    assert!(lines[1].contains(" request_id=req_abc"), "{}", lines[1]);
    assert!(!lines[1].contains("retry_delay_ms"), "{}", lines[1]);
}
