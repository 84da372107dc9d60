//! The client used the way the README shows: builders, clients, enums, errors.

use api_clients::{anam, coval};

async fn coval_flow(client: &coval::Client) -> coval::Result<()> {
    let persona = coval::CreatePersonaRequest::new("Friendly Customer", "aria", "en-US")
        .persona_prompt("You are a friendly customer calling for support...")
        .background_sound(coval::BuiltInBackgroundSound::Office)
        .wait_seconds(0.5)
        .conversation_initiation(coval::ConversationInitiation::SpeakFirst);
    let created = client.create_persona(&persona).await?;
    let update = coval::UpdatePersonaRequest::new().wait_seconds(0.8);
    client.update_persona(&created.persona.id, &update).await?;

    let agent = coval::CreateAgentRequest::Voice(
        coval::VoiceAgentCreate::new("Support line", "+12345678901").prompt("You are a helpful agent"),
    );
    let agent = client.create_agent(&agent).await?;
    println!("{:?}", agent.agent.model_type);
    Ok(())
}

async fn anam_flow(client: &anam::Client) -> Result<(), anam::Error> {
    let request = anam::CreatePersonaRequest::new()
        .name("Cara")
        .avatar_model(anam::AvatarModel::Cara3)
        .system_prompt("You are a helpful assistant");
    let persona = client.create_persona(&request).await?;
    println!("{:?}", persona.id);
    Ok(())
}

/// A method's future can be spawned onto a multi-threaded runtime: it is `Send` (and `'static`
/// once it owns what it borrows).
fn spawnable(client: coval::Client, id: String) {
    fn send<T: Send>(_: &T) {}
    let call = client.get_persona(&id);
    send(&call);
    drop(call);
    let _ = tokio::spawn(async move { client.get_persona(&id).await });
}

fn main() {
    let coval = coval::Client::new("sk-secret-123").with_base_url("http://127.0.0.1:9");
    assert_eq!(coval.base_url(), "http://127.0.0.1:9");
    assert_eq!(coval::Client::DEFAULT_BASE_URL, "https://api.coval.dev/v1");
    assert!(!format!("{coval:?}").contains("sk-secret-123"), "the key is redacted");
    let anam = anam::Client::new("key");
    assert_eq!(anam.base_url(), "https://api.anam.ai");
    // The futures are built (so the calls type-check) but not run: no network here.
    drop(coval_flow(&coval));
    drop(anam_flow(&anam));
    let _ = spawnable;

    // Validation happens before sending, and lists every problem.
    use coval::Validate as _;
    let bad = coval::CreatePersonaRequest::new("", "aria", "en-US").wait_seconds(5.0);
    let err = bad.validate().unwrap_err();
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["wait_seconds", "name"]);
}
