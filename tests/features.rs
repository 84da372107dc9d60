//! Per-tag cargo features (`x-rust-features: tags`): the module generated from
//! `tests/fixtures/tags.yaml` compiles with no tag feature, with one, and with all of them, and a
//! type used only by a tag whose feature is off does not exist. Each run is a real `cargo check`
//! of a scratch crate under `target/tmp/` (the first one compiles the dependencies).

mod support;

use std::path::Path;
use std::process::Command;

const USES: &str = r#"
pub mod runtime {
    pub use api_clients::runtime::*;
}
pub mod tags;

/// Webhook decoders, and their payload types, are behind the feature `webhooks`.
#[cfg(feature = "webhooks")]
pub fn adopted(body: &[u8]) -> Option<String> {
    tags::webhooks::pet_adopted(body).ok()?.adopter
}

/// Untagged operations and the error type are always there.
pub async fn health(client: &tags::Client) -> Result<(), tags::Error> {
    client.health().await
}

#[cfg(feature = "pets")]
pub async fn pets(client: &tags::Client) -> tags::Result<tags::Pet> {
    let owner = tags::Owner::new().login("ada");
    client.create_pet(&tags::NewPet::new("rex").kind(tags::PetKind::Dog).owner(owner)).await
}

#[cfg(feature = "user-accounts")]
pub async fn users(client: &tags::Client) -> tags::Result<Option<tags::UserStatus>> {
    Ok(client.get_user("u1").await?.status)
}

/// Names a type of the `user-accounts` tag regardless of its feature.
#[cfg(feature = "probe-user")]
pub fn probe(user: &tags::User) -> &str {
    &user.id
}
"#;

/// The manifest of a scratch crate `name` that declares `features` (none on by default).
fn manifest(name: &str, features: &[&str]) -> String {
    let declared: String = features.iter().map(|f| format!("{f} = []\n")).collect();
    format!(
        r#"[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
api-clients = {{ path = "{}", default-features = false }}
serde = {{ version = "1", features = ["derive"] }}

[features]
{declared}
[workspace]
"#,
        support::fixtures::root().join("generated-client").display()
    )
}

fn write_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("scratch crate");
    let manifest = manifest(
        "tags-features",
        &[
            "pets",
            "schemas",
            "user-accounts",
            "webhooks",
            "probe-user",
            "deserialize-requests",
            "serialize-responses",
        ],
    );
    support::fixtures::write_if_changed(&dir.join("Cargo.toml"), &manifest);
    support::fixtures::write_if_changed(&dir.join("src/lib.rs"), USES);
    support::fixtures::write_if_changed(
        &dir.join("src/tags.rs"),
        &support::fixtures::generate_fixture("tags"),
    );
}

/// `cargo check` of the scratch crate with `features`: success, and the compiler's output.
fn check(dir: &Path, features: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args([
            "check",
            "--quiet",
            "--no-default-features",
            "--features",
            features,
        ])
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .expect("run cargo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_tag_compiles_alone_and_together() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tags-features");
    write_crate(&dir);
    for features in [
        "",
        "pets",
        "user-accounts",
        "schemas",
        "webhooks",
        "pets,schemas,user-accounts,webhooks",
    ] {
        let (ok, stderr) = check(&dir, features);
        assert!(ok, "features [{features}] do not compile:\n{stderr}");
        assert!(
            !stderr.contains("warning"),
            "features [{features}] warn:\n{stderr}"
        );
    }
    // With only `pets`, the `user-accounts` types are compiled out.
    let (ok, stderr) = check(&dir, "pets,probe-user");
    assert!(!ok, "tags::User exists without its feature");
    assert!(
        stderr.contains("cannot find type `User` in module `tags`"),
        "{stderr}"
    );
}

#[test]
fn gates_follow_the_operations_that_use_each_type() {
    let source = support::fixtures::generate_fixture("tags");
    let gate_of = |item: &str| {
        let at = source
            .find(item)
            .unwrap_or_else(|| panic!("{item} not generated"));
        let before = &source[..at];
        let attr = before.rfind("#[cfg(");
        // The end of the previous item: a line starting with `}` (`}`, `});`, `}, Unknown);`,
        // `} extra);`), or `);` alone on a line.
        let end = ["\n}", "\n);\n"]
            .iter()
            .filter_map(|e| before.rfind(e))
            .max();
        match (attr, end) {
            (Some(a), Some(e)) if a > e => before[a..].lines().next().unwrap_or("").to_owned(),
            (Some(a), None) => before[a..].lines().next().unwrap_or("").to_owned(),
            _ => String::new(),
        }
    };
    assert_eq!(gate_of("pub struct NewPet "), r#"#[cfg(feature = "pets")]"#);
    assert_eq!(
        gate_of("pub struct User "),
        r#"#[cfg(feature = "user-accounts")]"#
    );
    assert_eq!(
        gate_of("pub struct Owner "),
        r#"#[cfg(any(feature = "pets", feature = "user-accounts"))]"#
    );
    assert_eq!(
        gate_of("pub struct Problem "),
        "",
        "the error type is always compiled"
    );
    let webhooks = r#"#[cfg(feature = "webhooks")]"#;
    assert_eq!(gate_of("pub struct Adoption "), webhooks);
    assert_eq!(gate_of("pub mod webhooks "), webhooks);
    assert!(source.contains("Cargo features, one per tag"));
}

const PATHS_USES: &str = r#"
pub mod runtime {
    pub use api_clients::runtime::*;
}
pub mod paths;

/// An operation outside every path resource is always there.
pub async fn root(client: &paths::Client) -> Result<(), paths::Error> {
    client.root().await
}

#[cfg(feature = "customers")]
pub async fn customer(client: &paths::Client) -> paths::Result<paths::Customer> {
    client.create_customer(&paths::CustomerRequest::new("a@example.com")).await
}

#[cfg(feature = "invoices")]
pub async fn lines(client: &paths::Client) -> paths::Result<usize> {
    Ok(client.list_invoice_lines("in_1").await?.len())
}
"#;

/// `x-rust-features: paths` (a spec without tags): one feature per path resource, checked
/// alone and together, and a resource's type is compiled out without its feature.
#[test]
fn each_path_resource_compiles_alone_and_together() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("paths-features");
    std::fs::create_dir_all(dir.join("src")).expect("scratch crate");
    let manifest = manifest(
        "paths-features",
        &[
            "customers",
            "invoices",
            "schemas",
            "deserialize-requests",
            "serialize-responses",
        ],
    );
    support::fixtures::write_if_changed(&dir.join("Cargo.toml"), &manifest);
    let probe = "\n/// Names an `invoices` type regardless of its feature.\npub fn probe(line: &paths::InvoiceLine) -> i64 {\n    line.amount\n}\n";
    let source = support::fixtures::generate_fixture("paths");
    support::fixtures::write_if_changed(&dir.join("src/paths.rs"), &source);
    for features in ["", "customers", "invoices", "customers,invoices"] {
        support::fixtures::write_if_changed(&dir.join("src/lib.rs"), PATHS_USES);
        let (ok, stderr) = check(&dir, features);
        assert!(ok, "features [{features}] do not compile:\n{stderr}");
        assert!(
            !stderr.contains("warning"),
            "features [{features}] warn:\n{stderr}"
        );
    }
    support::fixtures::write_if_changed(&dir.join("src/lib.rs"), &format!("{PATHS_USES}{probe}"));
    let (ok, stderr) = check(&dir, "customers");
    assert!(!ok && stderr.contains("InvoiceLine"), "{stderr}");
    let (ok, stderr) = check(&dir, "invoices");
    assert!(ok, "{stderr}");
}
