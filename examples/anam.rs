//! An Anam persona and a session token for it: list avatars, voices and LLMs, create a persona
//! from the first of each, and get a session token for that saved persona (the token a browser
//! app passes to the Anam client SDK, so that the API key stays on the server).
//!
//! Against the real Anam API (it creates one persona and deletes it again at the end):
//!
//! ```sh
//! ANAM_API_KEY=... cargo run --example anam
//! ```
//!
//! Without `ANAM_API_KEY` it runs against a local Prism mock of `spec/anam.yaml` (install Prism
//! once with `npm ci`), or against the server in `ANAM_BASE_URL` if that is set:
//!
//! ```sh
//! cargo run --example anam
//! ```
//!
//! The mock answers with the spec's examples, so it returns the same ids and names every time,
//! whatever was sent.

mod common;

use api_clients::anam::{
    Client, CreatePersonaRequest, CreateSessionTokenRequest, ListAvatarsParams, ListLlmsParams,
    ListVoicesParams, SavedPersonaConfig,
};
use futures_util::{StreamExt, TryStreamExt};
use std::error::Error;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            common::print_error(&*error);
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    // The real API if ANAM_API_KEY is set, else a mock that runs for as long as `mock` lives.
    let mock = common::mock_unless_key(Client::API_KEY_VAR, Client::BASE_URL_VAR, "spec/anam.yaml")
        .await?;
    let client = match &mock {
        Some(mock) => Client::new("mock-key").with_base_url(mock.base_url()),
        None => Client::from_env()?,
    };
    println!("Using the Anam API at {}", client.base_url());

    // Each stream fetches pages of 5 as it is read; take the first 3 items of each.
    let avatars: Vec<_> = client
        .list_avatars_stream(ListAvatarsParams::new().per_page(5))
        .take(3)
        .try_collect()
        .await?;
    println!("Avatars:");
    for avatar in &avatars {
        println!("  {} {}", shown(&avatar.id), shown(&avatar.display_name));
    }

    let voices: Vec<_> = client
        .list_voices_stream(ListVoicesParams::new().per_page(5))
        .take(3)
        .try_collect()
        .await?;
    println!("Voices:");
    for voice in &voices {
        println!("  {} {}", shown(&voice.id), shown(&voice.display_name));
    }

    let llms: Vec<_> = client
        .list_llms_stream(ListLlmsParams::new().per_page(5))
        .take(3)
        .try_collect()
        .await?;
    println!("LLMs:");
    for llm in &llms {
        println!("  {} {}", shown(&llm.id), shown(&llm.display_name));
    }

    // The spec requires no field of a listed item (the docs do not say which are always sent),
    // so take the first of each that has an id.
    let (Some(avatar), Some(voice), Some(llm)) = (
        avatars.iter().find(|a| a.id.is_some()),
        voices.iter().find(|v| v.id.is_some()),
        llms.iter().find(|l| l.id.is_some()),
    ) else {
        return Err("the account has no avatar, voice or LLM to build a persona from".into());
    };
    let request = CreatePersonaRequest::new()
        .name("Example guide")
        .description("Created by the api-clients anam example")
        .avatar_id(shown(&avatar.id))
        .voice_id(shown(&voice.id))
        .llm_id(shown(&llm.id))
        .system_prompt("You are a friendly guide. Keep your answers short.");
    let persona = client.create_persona(&request).await?;
    let persona_id = persona
        .id
        .as_deref()
        .ok_or("the created persona has no id")?;
    println!(
        "Created persona {persona_id} named {:?}, with avatar {}, voice {} and LLM {}",
        persona.name,
        shown(&avatar.display_name),
        shown(&voice.display_name),
        shown(&llm.display_name)
    );

    let token_request = CreateSessionTokenRequest::new(SavedPersonaConfig::new(persona_id))
        .client_label("api-clients-example");
    let token = client
        .create_session_token(&token_request)
        .await?
        .session_token
        .ok_or("the response has no session token")?;
    let preview: String = token.chars().take(16).collect();
    println!(
        "Got a session token for persona {persona_id}: {preview}… ({} characters)",
        token.len()
    );

    // A real app keeps the persona; the example cleans up after itself.
    client.delete_persona(persona_id).await?;
    println!("Deleted persona {persona_id}");
    Ok(())
}

/// An optional string field as printed: its value, or `?` when the response left it out.
fn shown(field: &Option<String>) -> &str {
    field.as_deref().unwrap_or("?")
}
