// A discriminated variant carries its own payload type: a chat agent is not a voice agent.
fn main() {
    let chat = api_clients::coval::ChatAgentCreate::new(
        "bot",
        api_clients::coval::ChatAgentMetadata::new("https://example.com/chat"),
    );
    let _ = api_clients::coval::CreateAgentRequest::Voice(chat);
}
