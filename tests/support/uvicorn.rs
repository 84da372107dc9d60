//! The FastAPI app of `tests/tools/fastapi_app.py`, served by uvicorn on 127.0.0.1 (a free
//! port), and killed again when the guard is dropped. Needs `fastapi` and `uvicorn` from
//! `requirements-test.txt` (installed by `scripts/test.sh`).

use super::process::{free_port, ServerProcess, StartError};
use std::process::Command;
use std::time::Duration;

/// How long the app may take to start listening.
const STARTUP_DEADLINE: Duration = Duration::from_secs(30);

/// A running `python3 tests/tools/fastapi_app.py serve <port>`.
pub struct FastApi {
    server: ServerProcess,
}

impl FastApi {
    /// Starts the app with an empty store and waits until it accepts connections.
    ///
    /// # Panics
    /// When Python, FastAPI or uvicorn is missing (`python3 -m pip install -r
    /// requirements-test.txt`), or the app does not listen in time; the message carries its
    /// output.
    pub fn start() -> FastApi {
        let port = free_port();
        let mut command = Command::new("python3");
        command
            .args(["tests/tools/fastapi_app.py", "serve", &port.to_string()])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        let mut server = ServerProcess::spawn(command, port, "python3");
        match server.wait_until_listening(port, STARTUP_DEADLINE, |_| true) {
            Ok(()) => FastApi { server },
            Err(StartError::Exited(status)) => panic!(
                "the FastAPI app exited before listening ({status}); install the test tools \
                 with `python3 -m pip install -r requirements-test.txt`. Its output:\n{}",
                server.finish_output()
            ),
            Err(StartError::TimedOut) => panic!(
                "the FastAPI app did not listen on 127.0.0.1:{port} within \
                 {STARTUP_DEADLINE:?}. Its output:\n{}",
                server.finish_output()
            ),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        self.server.base_url()
    }

    /// Everything the app printed so far.
    pub fn output(&self) -> String {
        self.server.output()
    }
}
