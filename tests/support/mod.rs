//! The one helper module of the test suites (`mod support;` in each), one concern per file:
//! - [`fixtures`]: the fixture specs and generating them;
//! - [`process`]: a test server in a child process (pipes drained, killed on drop);
//! - [`prism`]: a Prism mock server started from a spec;
//! - [`uvicorn`]: the FastAPI app of `tests/tools/fastapi_app.py`, served on 127.0.0.1;
//! - [`clients`]: clients and raw-request authentication for a test server;
//! - [`raw`]: raw HTTP requests that bypass the generated clients;
//! - [`recording`]: a local server that records whatever reaches it;
//! - [`scripted`]: a local server that answers with scripted raw bytes (a body cut mid-way, a
//!   chunked body);
//! - [`persona`]: a Coval persona as the API returns it, and a server that fails once first;
//! - [`violations`]: the violations a client reported, as sets of paths;
//! - [`examples`]: assertions that a decoded value is the spec's example, field by field.

#![allow(dead_code, unused_imports)]

pub mod clients;
pub mod examples;
pub mod fixtures;
pub mod persona;
pub mod prism;
pub mod process;
pub mod raw;
pub mod recording;
pub mod scripted;
pub mod uvicorn;
pub mod violations;

pub use clients::*;
pub use raw::*;
pub use recording::*;
pub use violations::*;
