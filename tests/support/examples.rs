//! Assertions that a decoded response is the spec's example, field by field, and the ids those
//! examples use.

use api_clients::{anam, coval};
use serde_json::json;

use super::clients::rfc3339;

/// Coval: the agent id of the spec's examples (`^[A-Za-z0-9]{22}$`), also a valid metric id.
pub const AGENT_ID: &str = "abc123def456ghi789jklm";
/// Anam: the ids of the spec's examples.
pub const AVATAR_ID: &str = "071b0286-4cce-4808-bee2-e642f1062de3";
pub const VOICE_ID: &str = "de23e340-1416-4dd8-977d-065a7ca11697";
pub const LLM_ID: &str = "a7cf662c-2ace-4de1-a21e-ef0fbf144bb7";

/// Asserts the fields of the spec's single createAgent response example (Prism answers every
/// valid createAgent with it, whatever the model type).
pub fn assert_is_the_created_agent(created: &coval::AgentEnvelope) {
    let agent = &created.agent;
    assert_eq!(agent.id.as_deref(), Some(AGENT_ID));
    assert_eq!(
        agent.customer_agent_id, None,
        "the page's example has no customer_agent_id, and it decodes"
    );
    assert_eq!(
        agent.display_name.as_deref(),
        Some("Customer Support Agent")
    );
    assert_eq!(agent.model_type, Some(coval::AgentModelType::Voice));
    assert_eq!(agent.phone_number.as_deref(), Some("+1234567890"));
    assert_eq!(agent.endpoint, None, "`endpoint: null` decodes to None");
    assert_eq!(
        agent.update_time, None,
        "`update_time: null` decodes to None"
    );
    let metadata = agent.metadata.as_ref().expect("metadata is in the example");
    assert_eq!(metadata.get("voice"), Some(&json!("alloy")));
    assert_eq!(
        agent.metric_ids.as_deref(),
        Some(&[AGENT_ID.to_string()][..])
    );
    assert_eq!(agent.test_set_ids.as_deref(), Some(&[][..]));
    assert_eq!(
        agent.create_time.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-10-14T12:00:00+00:00")
    );
}

/// The fields of the Agent in the getAgent / updateAgent examples (they are the same agent).
pub fn assert_is_the_stored_agent(agent: &coval::Agent) {
    assert_eq!(agent.id.as_deref(), Some(AGENT_ID));
    assert_eq!(
        agent.customer_agent_id.as_deref(),
        Some("support-agent-prod")
    );
    assert_eq!(
        agent.display_name.as_deref(),
        Some("Customer Support Agent")
    );
    assert_eq!(agent.model_type, Some(coval::AgentModelType::Voice));
    assert_eq!(agent.phone_number.as_deref(), Some("+1234567890"));
    assert_eq!(agent.endpoint, None, "`endpoint: null` decodes to None");
    assert_eq!(agent.language.as_deref(), Some("en-US"));
    let attributes = agent
        .attributes
        .as_ref()
        .expect("attributes are in the example");
    assert_eq!(attributes.get("tier"), Some(&json!("enterprise")));
    let metadata = agent.metadata.as_ref().expect("metadata is in the example");
    assert_eq!(
        metadata.get("model"),
        Some(&json!("gpt-4o-realtime-preview"))
    );
    let workflows = agent
        .workflows
        .as_ref()
        .expect("`workflows: {}` is present");
    assert_eq!((&workflows.nodes, &workflows.edges), (&None, &None));
    assert_eq!(
        agent.metric_ids.as_deref(),
        Some(&[AGENT_ID.to_string()][..])
    );
    assert_eq!(
        agent.test_set_ids.as_deref(),
        Some(&["gT5wq2Hn".to_string()][..])
    );
    assert_eq!(agent.knowledge_base_ids.as_deref(), Some(&[][..]));
    assert_eq!(agent.tags.as_deref(), Some(&["production".to_string()][..]));
    assert_eq!(
        rfc3339(agent.create_time).as_deref(),
        Some("2025-10-14T12:00:00+00:00")
    );
    assert_eq!(
        rfc3339(agent.update_time).as_deref(),
        Some("2025-10-15T09:30:00+00:00")
    );
}

/// The fields of the Avatar "Liv" of the Anam examples (getAvatar, listAvatars, persona.avatar).
pub fn assert_is_the_liv_avatar(avatar: &anam::Avatar) {
    assert_eq!(avatar.id.as_deref(), Some(AVATAR_ID));
    assert_eq!(avatar.display_name.as_deref(), Some("Liv"));
    assert_eq!(avatar.variant_name.as_deref(), Some("home"));
    assert_eq!(
        avatar.image_url.as_deref(),
        Some("https://example.com/anam/avatars/liv-home.png")
    );
    assert_eq!(
        avatar.video_url.as_deref(),
        Some("https://example.com/anam/avatars/liv-home-idle.mp4?signature=abc123")
    );
    assert_eq!(avatar.created_by_organization_id, None);
    assert_eq!(
        avatar.available_versions.as_deref(),
        Some(&["v1".to_string(), "v2".to_string()][..])
    );
    assert_eq!(avatar.active_version.as_deref(), Some("v2"));
    assert_eq!(
        rfc3339(avatar.created_at).as_deref(),
        Some("2026-04-20T10:00:00+00:00")
    );
}

/// The fields of the Voice "Lucy" of the Anam examples (getVoice, listVoices, persona.voice).
pub fn assert_is_the_lucy_voice(voice: &anam::Voice) {
    assert_eq!(voice.id.as_deref(), Some(VOICE_ID));
    assert_eq!(voice.display_name.as_deref(), Some("Lucy - Fresh & Casual"));
    assert_eq!(voice.provider, Some(anam::VoiceProvider::Elevenlabs));
    assert_eq!(
        voice.provider_voice_id.as_deref(),
        Some("lcMyyd2HUfFzxdCaC4Ta")
    );
    assert_eq!(
        voice.provider_model_id.as_deref(),
        Some("eleven_flash_v2_5")
    );
    assert_eq!(
        voice.sample_url.as_deref(),
        Some("https://example.com/anam/voices/lucy-sample.mp3")
    );
    assert_eq!(voice.gender, Some(anam::VoiceGender::Female));
    assert_eq!(voice.country.as_deref(), Some("GB"));
    assert_eq!(
        voice.display_tags.as_deref(),
        Some(&["British".to_string(), "Casual".to_string()][..])
    );
    assert_eq!(voice.is_zdr, Some(false));
    assert_eq!(voice.created_by_organization_id, None);
}

/// The fields of the LLM of the Anam examples (getLlm, listLlms).
pub fn assert_is_the_gpt_llm(llm: &anam::Llm) {
    assert_eq!(llm.id.as_deref(), Some(LLM_ID));
    assert_eq!(llm.display_name.as_deref(), Some("GPT-4.1 mini"));
    assert_eq!(llm.description, None, "`description: null` decodes to None");
    assert_eq!(llm.llm_format, Some(anam::LlmFormat::Openai));
    let urls = llm.urls.as_ref().expect("urls are in the example");
    assert_eq!(urls.len(), 1);
    assert_eq!(urls[0].url.as_deref(), Some("https://api.openai.com/v1"));
    assert_eq!(llm.model_name.as_deref(), Some("gpt-4.1-mini"));
    assert_eq!(llm.temperature, None);
    assert_eq!(llm.max_tokens, None);
    assert_eq!(llm.metadata.as_ref().map(|m| m.len()), Some(0));
    assert_eq!(llm.display_tags.as_deref(), Some(&[][..]));
    assert_eq!(llm.is_default, Some(true));
    assert_eq!(llm.is_global, Some(true));
    assert_eq!(llm.is_zdr, Some(false));
    assert_eq!(
        rfc3339(llm.created_at).as_deref(),
        Some("2026-04-20T10:00:00+00:00")
    );
    assert_eq!(llm.updated_at, None, "`updatedAt: null` decodes to None");
}

/// The Anam list examples' `meta`: a single page of one item.
pub fn assert_is_a_single_page(meta: &anam::Pagination) {
    assert_eq!(
        (meta.total, meta.last_page, meta.current_page, meta.per_page),
        (Some(1), Some(1), Some(1), Some(10))
    );
    assert_eq!((meta.prev, meta.next), (None, None));
}
