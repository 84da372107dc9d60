//! Mirrors of coval's `PersonaEnvelope` for `benches/runtime.rs`: the same fields and field
//! types with plain derives (the baseline), and with `#[serde(flatten)]` (the design
//! `rt::open_struct!` replaces).

use api_clients::coval::{ConversationInitiation, SituateSpeaker};
use api_clients::runtime::DateTime;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `PersonaEnvelope` with plain derives: the same fields and field types, no unknown-field map.
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct PlainPersonaEnvelope {
    pub persona: PlainPersona,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct PlainPersona {
    resource_name: String,
    id: String,
    name: String,
    #[serde(default)]
    persona_prompt: Option<String>,
    #[serde(default)]
    voice_name: Option<String>,
    #[serde(default)]
    language_code: Option<String>,
    #[serde(default)]
    background_sound: Option<String>,
    #[serde(default)]
    background_sound_volume: Option<f64>,
    #[serde(default)]
    voice_volume: Option<f64>,
    #[serde(default)]
    voice_speed: Option<f64>,
    #[serde(default)]
    wait_seconds: Option<f64>,
    #[serde(default)]
    conversation_initiation: Option<ConversationInitiation>,
    #[serde(default)]
    multi_language_stt: Option<bool>,
    #[serde(default)]
    hold_music_timeout_seconds: Option<f64>,
    #[serde(default)]
    situate_speaker: Option<SituateSpeaker>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    create_time: DateTime,
    #[serde(default)]
    update_time: Option<DateTime>,
}

/// What serde's derive does with a map of unknown fields: `#[serde(flatten)]` (the design
/// `rt::open_struct!` replaces), for comparison.
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct FlattenPersonaEnvelope {
    pub persona: FlattenPersona,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct FlattenPersona {
    #[serde(flatten)]
    known: PlainPersona,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}
