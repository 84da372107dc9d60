// `Unknown` holds values the spec does not list, and only decoding creates one: code cannot
// wrap a value (known or not) by hand.
use api_clients::coval::ConversationInitiation;

fn main() {
    let _ = ConversationInitiation::Unknown(api_clients::runtime::Unknown("speak_first".to_owned()));
}
