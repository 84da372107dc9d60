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
        println!("  {} {}", avatar.id, avatar.display_name);
    }

    let voices: Vec<_> = client
        .list_voices_stream(ListVoicesParams::new().per_page(5))
        .take(3)
        .try_collect()
        .await?;
    println!("Voices:");
    for voice in &voices {
        println!("  {} {}", voice.id, voice.display_name);
    }

    let llms: Vec<_> = client
        .list_llms_stream(ListLlmsParams::new().per_page(5))
        .take(3)
        .try_collect()
        .await?;
    println!("LLMs:");
    for llm in &llms {
        println!("  {} {}", llm.id, llm.display_name);
    }

    let (Some(avatar), Some(voice), Some(llm)) = (avatars.first(), voices.first(), llms.first())
    else {
        return Err("the account has no avatar, voice or LLM to build a persona from".into());
    };
    let request = CreatePersonaRequest::new("Example guide")
        .description("Created by the api-clients anam example")
        .avatar_id(&avatar.id)
        .voice_id(&voice.id)
        .llm_id(&llm.id)
        .system_prompt("You are a friendly guide. Keep your answers short.");
    let persona = client.create_persona(&request).await?;
    println!(
        "Created persona {} named {:?}, with avatar {}, voice {} and LLM {}",
        persona.id, persona.name, avatar.display_name, voice.display_name, llm.display_name
    );

    let token_request = CreateSessionTokenRequest::new(SavedPersonaConfig::new(&persona.id))
        .client_label("api-clients-example");
    let token = client.create_session_token(&token_request).await?;
    let preview: String = token.session_token.chars().take(16).collect();
    println!(
        "Got a session token for persona {}: {preview}… ({} characters)",
        persona.id,
        token.session_token.len()
    );

    // A real app keeps the persona; the example cleans up after itself.
    client.delete_persona(&persona.id).await?;
    println!("Deleted persona {}", persona.id);
    Ok(())
}
