//! Coval personas from start to finish: list the available voices, then create a persona with
//! one of them, update it, list the organization's personas, and delete the one created.
//!
//! Against the real Coval API (it creates one persona and deletes it again):
//!
//! ```sh
//! COVAL_API_KEY=... cargo run --example coval
//! ```
//!
//! Without `COVAL_API_KEY` it runs against a local Prism mock of `spec/coval.yaml` (install
//! Prism once with `npm ci`), or against the server in `COVAL_BASE_URL` if that is set:
//!
//! ```sh
//! cargo run --example coval
//! ```
//!
//! The mock answers with the spec's examples, so it returns the same ids and names every time,
//! whatever was sent.

mod common;

use api_clients::coval::{Client, CreatePersonaRequest, ListPersonasParams, UpdatePersonaRequest};
use futures_util::StreamExt;
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
    // The real API if COVAL_API_KEY is set, else a mock that runs for as long as `mock` lives.
    let mock =
        common::mock_unless_key(Client::API_KEY_VAR, Client::BASE_URL_VAR, "spec/coval.yaml")
            .await?;
    let client = match &mock {
        Some(mock) => Client::new("mock-key").with_base_url(mock.base_url()),
        None => Client::from_env()?,
    };
    println!("Using the Coval API at {}", client.base_url());

    // Pick a voice, and a language it supports.
    let voices = client.list_persona_voices().await?.voices;
    println!("{} voices are available", voices.len());
    let (voice, language) = voices
        .iter()
        .find_map(|voice| Some((&voice.voice_name, voice.supported_languages.first()?)))
        .ok_or("no voice lists a supported language")?;
    println!("Using voice {voice} in {language}");

    let request = CreatePersonaRequest::new("Example customer", voice, language)
        .persona_prompt("You are a patient customer asking where your parcel is.")
        .wait_seconds(0.5);
    let persona = client.create_persona(&request).await?.persona;
    println!("Created persona {} named {:?}", persona.id, persona.name);

    // Set wait_seconds, clear voice_speed (sent as null), leave every other field as it is.
    let update = UpdatePersonaRequest::new()
        .wait_seconds(0.8)
        .clear_voice_speed();
    let updated = client.update_persona(&persona.id, &update).await?.persona;
    let show = |value: Option<f64>| value.map_or("unset".to_owned(), |v| v.to_string());
    println!(
        "Updated persona {}: wait_seconds {}, voice_speed {}",
        updated.id,
        show(updated.wait_seconds),
        show(updated.voice_speed)
    );

    // The stream fetches pages of 10 as it is read; stop after the first 5 personas.
    println!("The first personas of the organization:");
    let mut personas = client
        .list_personas_stream(ListPersonasParams::new().page_size(10))
        .take(5);
    while let Some(listed) = personas.next().await {
        let listed = listed?;
        println!("  {} {:?}", listed.id, listed.name);
    }

    client.delete_persona(&persona.id).await?;
    println!("Deleted persona {}", persona.id);
    Ok(())
}
