// `voice_name` and `language_code` are required by the spec: the constructor takes them all.
fn main() {
    let _ = api_clients::coval::CreatePersonaRequest::new("Friendly Customer");
}
