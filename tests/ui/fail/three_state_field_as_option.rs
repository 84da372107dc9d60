// A three-state update field (one `null` clears) is not an `Option`: set it with
// `.voice_speed(..)`, clear it with `.clear_voice_speed()`, so "leave unchanged" and "clear"
// cannot be confused.
fn main() {
    let mut update = api_clients::coval::UpdatePersonaRequest::new();
    update.voice_speed = Some(1.0);
}
