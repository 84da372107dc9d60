//! Contract tests: the generated clients (`api_clients::coval`, `api_clients::anam`) against
//! Prism mock servers started from the same `spec/*.yaml` the clients are generated from.
//!
//! Prism runs as `prism mock --errors`: it validates every request against the spec (body
//! schema and security scheme), refuses invalid ones with 4xx, and otherwise answers with the
//! spec's response example. So these tests check, from both ends, that
//! - what the clients send for valid input is valid for the spec, and what the spec's examples
//!   contain decodes into the generated response types;
//! - the clients' own validator refuses what Prism refuses, at the same field paths, before
//!   sending anything;
//! - authentication is sent the way the security schemes say;
//! - non-2xx answers surface as `Error::Api` with the status and the raw body.
//!
//! Prism comes from `npm ci` at the repository root; without it these tests fail (see
//! `support/prism.rs`). Tests running at the same time share one Prism per spec; it is killed
//! when the last of them ends, including when they panic.

mod support;

use std::collections::BTreeSet;

use api_clients::{anam, coval};
use reqwest::Method;
use serde_json::json;
use support::examples::assert_is_the_created_agent;
use support::prism::Prism;
use support::{
    anam_auth, anam_client, assert_nothing_sent, coval_auth, coval_client, header_values, json_of,
    send_raw, set, validation_violations as violations, violation_paths as paths, RecordingServer,
    ANAM_BEARER, ANAM_KEY, COVAL_KEY,
};

/// The persona id of the spec's examples.
const PERSONA_ID: &str = "3zfmuDbVQsi4GaseDtiVcS";
/// A valid metric id (`^[A-Za-z0-9]{22}$`): the agent id of the spec's examples.
const METRIC_ID: &str = support::examples::AGENT_ID;

// ------------------------------------------------------------------------------------------
// 1. every operation, valid input, decoded 2xx
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn coval_create_persona_is_accepted_and_decodes_the_201_example() {
    let prism = Prism::coval();
    let request = coval::CreatePersonaRequest::new("Friendly Spanish Customer", "marina", "es-ES")
        .persona_prompt(
            "You are a friendly Spanish-speaking customer calling for technical support...",
        )
        .background_sound(coval::BuiltInBackgroundSound::Office)
        .wait_seconds(0.5)
        .conversation_initiation(coval::ConversationInitiation::SpeakFirst)
        .voice_speed(0.85)
        .tags(["support", "spanish"]);

    let created = coval_client(prism.base_url())
        .create_persona(&request)
        .await
        .expect("createPersona succeeds");

    let persona = &created.persona;
    assert_eq!(persona.id, PERSONA_ID);
    assert_eq!(persona.resource_name, format!("personas/{PERSONA_ID}"));
    assert_eq!(persona.name, "Friendly Customer");
    assert_eq!(persona.voice_name.as_deref(), Some("aria"));
    assert_eq!(persona.language_code.as_deref(), Some("en-US"));
    assert_eq!(persona.background_sound.as_deref(), Some("office"));
    assert_eq!(persona.wait_seconds, Some(0.5));
    assert_eq!(
        persona.conversation_initiation,
        Some(coval::ConversationInitiation::SpeakFirst)
    );
    assert_eq!(persona.hold_music_timeout_seconds, Some(15.0));
    assert_eq!(
        persona.create_time.to_rfc3339(),
        "2025-01-24T10:00:00+00:00"
    );
    assert_eq!(
        persona.update_time.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-01-24T12:30:00+00:00")
    );
}

#[tokio::test]
async fn coval_update_persona_is_accepted_and_decodes_the_200_example() {
    let prism = Prism::coval();
    let request = coval::UpdatePersonaRequest::new()
        .voice_name("aria")
        .language_code("en-US")
        .wait_seconds(0.8)
        .situate_speaker(coval::SituateSpeaker::Easy);

    let updated = coval_client(prism.base_url())
        .update_persona(PERSONA_ID, &request)
        .await
        .expect("updatePersona succeeds");

    assert_eq!(updated.persona.id, PERSONA_ID);
    assert_eq!(updated.persona.name, "Friendly Customer");
    assert_eq!(
        updated.persona.persona_prompt.as_deref(),
        Some("You are a friendly customer calling for technical support...")
    );
    assert_eq!(
        updated
            .persona
            .update_time
            .map(|t| t.to_rfc3339())
            .as_deref(),
        Some("2025-01-24T12:30:00+00:00")
    );
}

#[tokio::test]
async fn coval_create_voice_agent_with_phone_number_is_accepted() {
    let prism = Prism::coval();
    let mut metadata = serde_json::Map::new();
    metadata.insert("voice".into(), json!("alloy"));
    metadata.insert("model".into(), json!("gpt-4o-realtime-preview"));
    let workflow = coval::Workflow::new()
        .nodes([
            coval::WorkflowNode::new()
                .id("start")
                .r#type("start")
                .data(
                    coval::WorkflowNodeData::new()
                        .label("Start")
                        .description("Agent is ready to handle a new call"),
                )
                .position(coval::WorkflowPosition::new().x(250.0).y(0.0)),
            coval::WorkflowNode::new()
                .id("end")
                .r#type("end")
                .data(coval::WorkflowNodeData::new().label("End")),
        ])
        .edges([coval::WorkflowEdge::new()
            .id("edge-1")
            .source("start")
            .target("end")]);
    let request: coval::CreateAgentRequest =
        coval::VoiceAgentCreate::new("Customer Support Voice Agent", "+12345678901")
            .prompt("You are a helpful customer support agent...")
            .metadata(metadata)
            .workflows(workflow)
            .metric_ids([METRIC_ID])
            .test_set_ids(["gT5wq2Hn"])
            .into();
    assert_eq!(json_of(&request)["model_type"], "MODEL_TYPE_VOICE");

    let created = coval_client(prism.base_url())
        .create_agent(&request)
        .await
        .expect("createAgent (voice) succeeds");

    assert_is_the_created_agent(&created);
}

#[tokio::test]
async fn coval_create_chat_agent_with_chat_endpoint_is_accepted() {
    let prism = Prism::coval();
    let metadata = coval::ChatAgentMetadata::new("https://api.example.com/v1/chat")
        .authorization_header("Bearer sk-xxx")
        .response_format(coval::ChatAgentMetadataResponseFormat::Responses)
        .response_message_path("choices.0.message.content")
        .persona_id(PERSONA_ID);
    let request = coval::CreateAgentRequest::Chat(
        coval::ChatAgentCreate::new("Support Chat Agent", metadata)
            .customer_agent_id("support-chat-prod"),
    );
    let sent = json_of(&request);
    assert_eq!(sent["model_type"], "MODEL_TYPE_CHAT");
    assert_eq!(
        sent["metadata"]["chat_endpoint"],
        "https://api.example.com/v1/chat"
    );

    let created = coval_client(prism.base_url())
        .create_agent(&request)
        .await
        .expect("createAgent (chat) succeeds");

    assert_is_the_created_agent(&created);
}

#[tokio::test]
async fn coval_create_websocket_agent_in_direct_mode_is_accepted() {
    let prism = Prism::coval();
    let mut init = serde_json::Map::new();
    init.insert("action".into(), json!("start_session"));
    let metadata = coval::DirectWebSocketAgentMetadata::new("wss://your-api.com/ws/voice")
        .authorization_header("Bearer sk-xxx")
        .initialization_json(coval::JsonObjectOrString::Object(init))
        .send_audio_template(r#"{"type":"audio_chunk","data":"{{audio_data}}"}"#)
        .send_sample_rate_hertz(coval::AudioSampleRateHertz::Hz24000)
        .receive_audio_channels(coval::WebSocketAgentMetadataCommonReceiveAudioChannels::Mono);
    let request = coval::CreateAgentRequest::Websocket(coval::WebSocketAgentCreate::new(
        "Voice over WebSocket",
        metadata,
    ));
    let sent = json_of(&request);
    assert_eq!(sent["model_type"], "MODEL_TYPE_WEBSOCKET");
    assert_eq!(sent["metadata"]["endpoint"], "wss://your-api.com/ws/voice");
    assert_eq!(sent["metadata"]["send_sample_rate_hertz"], 24000);
    assert_eq!(sent["metadata"]["receive_audio_channels"], 1);

    let created = coval_client(prism.base_url())
        .create_agent(&request)
        .await
        .expect("createAgent (websocket) succeeds");

    assert_is_the_created_agent(&created);
}

#[tokio::test]
async fn coval_create_chat_websocket_agent_in_http_first_mode_is_accepted() {
    let prism = Prism::coval();
    // `connection_mode` can only be `http_first` here, so `new` fills it in.
    let metadata = coval::HttpFirstWebSocketAgentMetadata::new()
        .http_url("https://api.example.com/sessions")
        .websocket_url_response_path("data.websocket_url")
        .http_method("POST");
    let request = coval::CreateAgentRequest::ChatWebsocket(coval::WebSocketAgentCreate::new(
        "Chat over WebSocket",
        metadata,
    ));
    let sent = json_of(&request);
    assert_eq!(sent["model_type"], "MODEL_TYPE_CHAT_WEBSOCKET");
    assert_eq!(sent["metadata"]["connection_mode"], "http_first");

    let created = coval_client(prism.base_url())
        .create_agent(&request)
        .await
        .expect("createAgent (http_first) succeeds");

    assert_is_the_created_agent(&created);
}

#[tokio::test]
async fn anam_create_persona_is_accepted_and_decodes_nested_avatar_and_voice() {
    let prism = Prism::anam();
    let request = anam::CreatePersonaRequest::new()
        .name("Cara")
        .description("A helpful assistant")
        .avatar_id("071b0286-4cce-4808-bee2-e642f1062de3")
        .avatar_model(anam::AvatarModel::Cara3)
        .voice_id("de23e340-1416-4dd8-977d-065a7ca11697")
        .llm_id("a7cf662c-2ace-4de1-a21e-ef0fbf144bb7")
        .system_prompt("You are a helpful assistant")
        .skip_greeting(false)
        .zero_data_retention(false)
        .voice_detection_options(
            anam::VoiceDetectionOptions::new()
                .end_of_speech_sensitivity(0.5)
                .silence_before_skip_turn_seconds(5.0)
                .silence_before_session_end_seconds(60.0)
                .silence_before_auto_end_turn_seconds(5.0)
                .speech_enhancement_level(0.8),
        )
        .language_code("en")
        .voice_generation_options(
            anam::VoiceGenerationOptions::new()
                .stability(0.5)
                .similarity_boost(0.0)
                .speed(1.0),
        )
        .tool_ids(["tool-id-1", "tool-id-2"]);

    let persona = anam_client(prism.base_url())
        .create_persona(&request)
        .await
        .expect("createPersona succeeds");

    assert_eq!(
        persona.id.as_deref(),
        Some("00000000-0000-0000-0000-000000000000")
    );
    assert_eq!(persona.name.as_deref(), Some("Cara"));
    assert_eq!(persona.avatar_model, Some(anam::AvatarModel::Cara3));
    assert_eq!(
        persona.llm_id.as_deref(),
        Some("a7cf662c-2ace-4de1-a21e-ef0fbf144bb7")
    );
    assert_eq!(
        persona.created_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-04-20T10:00:00+00:00")
    );

    let avatar = persona.avatar.as_ref().expect("avatar is in the example");
    assert_eq!(
        avatar.id.as_deref(),
        Some("071b0286-4cce-4808-bee2-e642f1062de3")
    );
    assert_eq!(avatar.display_name.as_deref(), Some("Liv"));
    assert_eq!(avatar.variant_name.as_deref(), Some("home"));
    assert_eq!(
        avatar.available_versions.as_deref(),
        Some(&["v1".to_string(), "v2".to_string()][..])
    );
    assert_eq!(
        avatar.created_by_organization_id, None,
        "`null` decodes to None"
    );

    let voice = persona.voice.as_ref().expect("voice is in the example");
    assert_eq!(
        voice.id.as_deref(),
        Some("de23e340-1416-4dd8-977d-065a7ca11697")
    );
    assert_eq!(voice.display_name.as_deref(), Some("Lucy - Fresh & Casual"));
    assert_eq!(voice.provider, Some(anam::VoiceProvider::Elevenlabs));
    assert_eq!(voice.gender, Some(anam::VoiceGender::Female));
    assert_eq!(voice.is_zdr, Some(false));

    let brain = persona.brain.as_ref().expect("brain is in the example");
    assert_eq!(brain.personality, None);
    assert_eq!(
        brain.system_prompt.as_deref(),
        Some("You are a helpful assistant")
    );
    let detection = persona
        .voice_detection_options
        .as_ref()
        .expect("voiceDetectionOptions is in the example");
    assert_eq!(detection.end_of_speech_sensitivity, Some(0.5));
    assert_eq!(detection.silence_before_session_end_seconds, Some(60.0));
}

// ------------------------------------------------------------------------------------------
// 2. the generated validator and Prism agree on invalid input
//
// Each test: (a) the client refuses the request with Error::Validation at the expected path,
// and the recording server it points at receives nothing; (b) the same JSON, POSTed raw with
// valid authentication, is refused by Prism with 400/422, and Prism's `sl-violations` name the
// same path.
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn coval_persona_name_of_201_chars_is_refused_by_client_and_prism() {
    let request = coval::CreatePersonaRequest::new("n".repeat(201), "aria", "en-US");

    let server = RecordingServer::start().await;
    let client = coval::Client::new(COVAL_KEY).with_base_url(server.base_url());
    let found = violations(client.create_persona(&request).await);
    assert_eq!(paths(&found), set(["name"]));
    assert_eq!(
        found[0].rule,
        coval::Rule::MaxLength {
            max: 200,
            actual: 201
        }
    );
    assert_nothing_sent(&server);

    let prism = Prism::coval();
    let refused = send_raw(
        Method::POST,
        &prism.url("/personas"),
        &coval_auth(),
        &json_of(&request),
    )
    .await;
    refused.assert_refused_as_invalid();
    assert_eq!(refused.body_violation_paths(), set(["name"]));
}

#[tokio::test]
async fn coval_update_persona_wait_seconds_5_is_refused_by_client_and_prism() {
    let request = coval::UpdatePersonaRequest::new().wait_seconds(5.0);

    let server = RecordingServer::start().await;
    let client = coval::Client::new(COVAL_KEY).with_base_url(server.base_url());
    let found = violations(client.update_persona(PERSONA_ID, &request).await);
    assert_eq!(paths(&found), set(["wait_seconds"]));
    assert_eq!(
        found[0].rule,
        coval::Rule::Maximum {
            max: 2.0,
            exclusive: false,
            actual: 5.0
        }
    );
    assert_nothing_sent(&server);

    let prism = Prism::coval();
    let url = prism.url(&format!("/personas/{PERSONA_ID}"));
    let refused = send_raw(Method::PATCH, &url, &coval_auth(), &json_of(&request)).await;
    refused.assert_refused_as_invalid();
    assert_eq!(refused.body_violation_paths(), set(["wait_seconds"]));
}

#[tokio::test]
async fn coval_voice_agent_phone_number_neither_e164_nor_sip_is_refused_by_client_and_prism() {
    // A string is all the type system asks for; the spec's pattern wants E.164 or a `sip:` address.
    let request: coval::CreateAgentRequest =
        coval::VoiceAgentCreate::new("Voice Agent", "555-0100").into();

    let server = RecordingServer::start().await;
    let client = coval::Client::new(COVAL_KEY).with_base_url(server.base_url());
    let found = violations(client.create_agent(&request).await);
    assert_eq!(paths(&found), set(["phone_number"]));
    assert!(
        matches!(found[0].rule, coval::Rule::Pattern { .. }),
        "{found:?}"
    );
    assert_nothing_sent(&server);

    let prism = Prism::coval();
    let refused = send_raw(
        Method::POST,
        &prism.url("/agents"),
        &coval_auth(),
        &json_of(&request),
    )
    .await;
    refused.assert_refused_as_invalid();
    // The body is a oneOf: Prism also lists why every other variant does not match, so only
    // containment is checked.
    assert!(
        refused.body_violation_paths().contains("phone_number"),
        "{:#}",
        refused.violations
    );
}

#[tokio::test]
async fn coval_test_set_id_not_8_chars_is_refused_by_client_and_prism() {
    let metadata = coval::ChatAgentMetadata::new("https://api.example.com/v1/chat");
    let request = coval::CreateAgentRequest::Chat(
        coval::ChatAgentCreate::new("Chat Agent", metadata).test_set_ids(["gT5wq2Hn", "gT5wq2H"]),
    );

    let server = RecordingServer::start().await;
    let client = coval::Client::new(COVAL_KEY).with_base_url(server.base_url());
    let found = violations(client.create_agent(&request).await);
    assert_eq!(paths(&found), set(["test_set_ids[1]"]));
    assert_nothing_sent(&server);

    let prism = Prism::coval();
    let refused = send_raw(
        Method::POST,
        &prism.url("/agents"),
        &coval_auth(),
        &json_of(&request),
    )
    .await;
    refused.assert_refused_as_invalid();
    let prism_paths = refused.body_violation_paths();
    assert!(prism_paths.contains("test_set_ids[1]"), "{prism_paths:?}");
    assert!(
        !prism_paths.contains("test_set_ids[0]"),
        "the valid id is not flagged: {prism_paths:?}"
    );
}

#[tokio::test]
async fn coval_websocket_endpoint_not_wss_is_refused_by_client_and_prism() {
    // `send_sample_rate_hertz` cannot be made invalid: it is an enum of the four allowed rates.
    // The endpoint's `^wss://` pattern is the constraint the types do not already enforce.
    let metadata = coval::DirectWebSocketAgentMetadata::new("https://your-api.com/ws/voice")
        .send_sample_rate_hertz(coval::AudioSampleRateHertz::Hz16000);
    let request = coval::CreateAgentRequest::Websocket(coval::WebSocketAgentCreate::new(
        "WebSocket Agent",
        metadata,
    ));

    let server = RecordingServer::start().await;
    let client = coval::Client::new(COVAL_KEY).with_base_url(server.base_url());
    let found = violations(client.create_agent(&request).await);
    assert_eq!(paths(&found), set(["metadata.endpoint"]));
    assert!(
        matches!(found[0].rule, coval::Rule::Pattern { pattern: "^wss://" }),
        "{found:?}"
    );
    assert_nothing_sent(&server);

    let prism = Prism::coval();
    let refused = send_raw(
        Method::POST,
        &prism.url("/agents"),
        &coval_auth(),
        &json_of(&request),
    )
    .await;
    refused.assert_refused_as_invalid();
    assert!(
        refused.body_violation_paths().contains("metadata.endpoint"),
        "{:#}",
        refused.violations
    );
}

#[tokio::test]
async fn anam_end_of_speech_sensitivity_2_is_refused_by_client_and_prism() {
    let request = anam::CreatePersonaRequest::new()
        .name("Cara")
        .voice_detection_options(anam::VoiceDetectionOptions::new().end_of_speech_sensitivity(2.0));

    let server = RecordingServer::start().await;
    let client = anam::Client::new(ANAM_KEY).with_base_url(server.base_url());
    let found = violations(client.create_persona(&request).await);
    assert_eq!(
        paths(&found),
        set(["voiceDetectionOptions.endOfSpeechSensitivity"])
    );
    assert_eq!(
        found[0].rule,
        anam::Rule::Maximum {
            max: 1.0,
            exclusive: false,
            actual: 2.0
        }
    );
    assert_nothing_sent(&server);

    let prism = Prism::anam();
    let refused = send_raw(
        Method::POST,
        &prism.url("/v1/personas"),
        &anam_auth(),
        &json_of(&request),
    )
    .await;
    refused.assert_refused_as_invalid();
    assert_eq!(
        refused.body_violation_paths(),
        set(["voiceDetectionOptions.endOfSpeechSensitivity"])
    );
}

#[tokio::test]
async fn coval_persona_with_several_violations_reports_all_of_them_like_prism() {
    let request = coval::CreatePersonaRequest::new("", "aria", "en-US")
        .background_sound(coval::BackgroundSound::Custom("custom:rainy street".into()))
        .voice_speed(0.1)
        .wait_seconds(5.0)
        .hold_music_timeout_seconds(301.0);

    let server = RecordingServer::start().await;
    let client = coval::Client::new(COVAL_KEY).with_base_url(server.base_url());
    let found = violations(client.create_persona(&request).await);
    let expected = set([
        "name",
        "background_sound",
        "voice_speed",
        "wait_seconds",
        "hold_music_timeout_seconds",
    ]);
    assert_eq!(paths(&found), expected, "{found:#?}");
    assert_eq!(
        found.len(),
        expected.len(),
        "one violation per broken field: {found:#?}"
    );
    let rule_at = |path: &str| {
        &found
            .iter()
            .find(|v| v.path == path)
            .expect("path reported")
            .rule
    };
    assert_eq!(
        rule_at("name"),
        &coval::Rule::MinLength { min: 1, actual: 0 }
    );
    assert!(matches!(
        rule_at("background_sound"),
        coval::Rule::Pattern { .. }
    ));
    assert_eq!(
        rule_at("voice_speed"),
        &coval::Rule::Minimum {
            min: 0.25,
            exclusive: false,
            actual: 0.1
        }
    );
    assert_eq!(
        rule_at("wait_seconds"),
        &coval::Rule::Maximum {
            max: 2.0,
            exclusive: false,
            actual: 5.0
        }
    );
    assert_eq!(
        rule_at("hold_music_timeout_seconds"),
        &coval::Rule::Maximum {
            max: 300.0,
            exclusive: false,
            actual: 301.0
        }
    );
    assert_nothing_sent(&server);

    let prism = Prism::coval();
    let refused = send_raw(
        Method::POST,
        &prism.url("/personas"),
        &coval_auth(),
        &json_of(&request),
    )
    .await;
    refused.assert_refused_as_invalid();
    assert_eq!(
        refused.body_violation_paths(),
        expected,
        "{:#}",
        refused.violations
    );
}

// ------------------------------------------------------------------------------------------
// 3. authentication is sent as the security schemes say
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn coval_client_sends_the_key_in_the_x_api_key_header() {
    let prism = Prism::coval();
    let request = coval::CreatePersonaRequest::new("Friendly Customer", "aria", "en-US");
    let body = json_of(&request);

    // Prism enforces the ApiKeyAuth scheme: no header, or the key in another header, is a 401.
    let url = prism.url("/personas");
    let missing = send_raw(Method::POST, &url, &[], &body).await;
    assert_eq!(missing.status, 401, "no x-api-key header: {}", missing.body);
    let bearer = format!("Bearer {COVAL_KEY}");
    let wrong_scheme = send_raw(
        Method::POST,
        &url,
        &[("authorization", bearer.as_str())],
        &body,
    )
    .await;
    assert_eq!(
        wrong_scheme.status, 401,
        "key as a bearer token: {}",
        wrong_scheme.body
    );

    // The client's request passes it.
    let created = coval_client(prism.base_url())
        .create_persona(&request)
        .await
        .expect("the client authenticates");
    assert_eq!(created.persona.id, PERSONA_ID);

    // And what it sends is exactly the key, in that header, and nothing in Authorization.
    let server = RecordingServer::start().await;
    let _ = coval::Client::new(COVAL_KEY)
        .with_base_url(server.base_url())
        .create_persona(&request)
        .await;
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(header_values(&sent[0], "x-api-key"), [COVAL_KEY]);
    assert!(
        header_values(&sent[0], "authorization").is_empty(),
        "{}",
        sent[0]
    );
}

#[tokio::test]
async fn anam_client_sends_the_key_as_a_bearer_token() {
    let prism = Prism::anam();
    let request = anam::CreatePersonaRequest::new().name("Cara");
    let body = json_of(&request);

    let url = prism.url("/v1/personas");
    let missing = send_raw(Method::POST, &url, &[], &body).await;
    assert_eq!(
        missing.status, 401,
        "no Authorization header: {}",
        missing.body
    );
    let wrong_scheme = send_raw(Method::POST, &url, &[("x-api-key", ANAM_KEY)], &body).await;
    assert_eq!(
        wrong_scheme.status, 401,
        "key in x-api-key: {}",
        wrong_scheme.body
    );

    let persona = anam_client(prism.base_url())
        .create_persona(&request)
        .await
        .expect("the client authenticates");
    assert_eq!(persona.name.as_deref(), Some("Cara"));

    let server = RecordingServer::start().await;
    let _ = anam::Client::new(ANAM_KEY)
        .with_base_url(server.base_url())
        .create_persona(&request)
        .await;
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(header_values(&sent[0], "authorization"), [ANAM_BEARER]);
}

// ------------------------------------------------------------------------------------------
// 4. non-2xx answers surface as Error::Api with the status and the raw body
// ------------------------------------------------------------------------------------------

/// A 401 from the spec (Prism answers the documented response when asked with its `Prefer`
/// header, sent through `RequestOptions::header`): the status, the raw body, and the body decoded
/// by status into the spec's `ErrorBody`.
#[tokio::test]
async fn coval_401_surfaces_as_api_error_with_status_parsed_and_raw_body() {
    let prism = Prism::coval();
    let client = coval_client(prism.base_url())
        .with_options(coval::RequestOptions::new().header("Prefer", "code=401"));
    let request = coval::CreatePersonaRequest::new("Friendly Customer", "aria", "en-US");

    let err = client
        .create_persona(&request)
        .await
        .expect_err("Prism answers 401");

    assert_eq!(err.status(), Some(401));
    let coval::Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.status, 401);
    assert_eq!(err.raw_body(), Some(api.body.as_str()));
    let parsed = api
        .error
        .as_ref()
        .expect("401 is documented with ErrorBody");
    assert_eq!(parsed.error.code, "UNAUTHENTICATED");
    assert_eq!(parsed.error.message, "Authentication failed");
    let raw: coval::ErrorBody =
        serde_json::from_str(&api.body).expect("the raw body is kept verbatim");
    assert_eq!(&raw, parsed);
    assert!(
        err.to_string().contains("401") && err.to_string().contains("UNAUTHENTICATED"),
        "{err}"
    );
}

#[tokio::test]
async fn anam_401_surfaces_as_api_error_with_status_parsed_and_raw_body() {
    let prism = Prism::anam();
    let client = anam::Client::new("k")
        .with_base_url(prism.base_url())
        .with_options(anam::RequestOptions::new().header("Prefer", "code=401"));

    let err = client
        .create_persona(&anam::CreatePersonaRequest::new().name("Cara"))
        .await
        .expect_err("Prism answers 401");

    let anam::Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.status, 401);
    let parsed = api
        .error
        .as_ref()
        .expect("401 is documented with Anam's ErrorBody");
    assert_eq!(parsed.message.as_deref(), Some("Unauthorized"));
    assert!(api.body.contains("Unauthorized"));
}

/// A chat endpoint with a space is not an RFC 3986 URI: our validator and Prism both refuse it.
#[tokio::test]
async fn coval_chat_endpoint_that_is_not_a_uri_is_refused_by_client_and_prism() {
    let prism = Prism::coval();
    let recorder = RecordingServer::start().await;
    let metadata = coval::ChatAgentMetadata::new("https://api.example.com/v1/chat room");
    let request =
        coval::CreateAgentRequest::Chat(coval::ChatAgentCreate::new("Chat Agent", metadata));

    let client = coval::Client::new(COVAL_KEY).with_base_url(recorder.base_url());
    let found = violations(client.create_agent(&request).await);
    assert_eq!(
        paths(&found),
        BTreeSet::from(["metadata.chat_endpoint".to_owned()])
    );
    assert_eq!(found[0].rule, coval::Rule::Format { format: "uri" });
    assert_nothing_sent(&recorder);

    let raw = send_raw(
        Method::POST,
        &prism.url("/agents"),
        &coval_auth(),
        &json_of(&request),
    )
    .await;
    raw.assert_refused_as_invalid();
    assert!(
        raw.body_violation_paths()
            .contains("metadata.chat_endpoint"),
        "{:#}",
        raw.violations
    );
}
