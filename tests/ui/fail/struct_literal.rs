// Models are #[non_exhaustive]: build them with `new` and setters, so new optional fields
// in the spec are not breaking changes.
fn main() {
    let _ = api_clients::coval::WorkflowPosition { x: Some(1.0), y: Some(2.0) };
}
