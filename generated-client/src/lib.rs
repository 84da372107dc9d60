//! Typed async clients for the **Coval** and **Anam** APIs, generated from the hand-written
//! OpenAPI specs in `spec/`.
//!
//! Each API is a module behind a cargo feature of the same name (both on by default), with its
//! own [`coval::Client`] / [`anam::Client`], request models that validate every constraint of
//! the spec before anything is sent, and response models decoded with serde.
//!
//! ```no_run
//! # async fn run() -> Result<(), api_clients::coval::Error> {
//! use api_clients::coval::{Client, CreatePersonaRequest};
//!
//! let client = Client::from_env()?; // COVAL_API_KEY, optional COVAL_BASE_URL
//! let request = CreatePersonaRequest::new("Friendly Customer", "aria", "en-US").wait_seconds(0.5);
//! let created = client.create_persona(&request).await?;
//! println!("created {}", created.persona.id);
//! # Ok(()) }
//! ```
//!
//! The modules `coval` and `anam` are generated: do not edit them, edit `spec/` and rebuild.

pub mod runtime;

#[cfg(feature = "coval")]
#[rustfmt::skip]
pub mod coval;

#[cfg(feature = "anam")]
#[rustfmt::skip]
pub mod anam;

/// The README's Rust examples, compiled as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
