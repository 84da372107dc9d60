// A three-state update field is not an `Option`: set it with `.voice_name(..)`, clear it with
// `.clear_voice_name()`, so "leave unchanged" and "clear" cannot be confused.
fn main() {
    let mut update = api_clients::coval::UpdatePersonaRequest::new();
    update.voice_name = Some("aria".to_owned());
}
