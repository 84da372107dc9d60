// Enum fields take the enum, not a string.
fn main() {
    let _ = api_clients::coval::CreatePersonaRequest::new("n", "aria", "en-US").conversation_initiation("speak_first");
}
