//! Prints the OpenAPI document utoipa derives for [`utoipa_spec::ApiDoc`]; this output is the
//! checked-in fixture `tests/fixtures/tools/utoipa.json`:
//!
//! ```sh
//! cargo run -q -p utoipa-spec > tests/fixtures/tools/utoipa.json
//! ```

fn main() {
    print!("{}", utoipa_spec::spec_json());
}
