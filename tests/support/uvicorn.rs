//! The FastAPI app of `tests/tools/fastapi_app.py`, served by uvicorn on 127.0.0.1 (a free
//! port), and killed again when the guard is dropped. Needs `fastapi` and `uvicorn` from
//! `requirements-test.txt` (installed by `scripts/test.sh`).

use super::prism::{drain, free_port};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the app may take to start listening.
const STARTUP_DEADLINE: Duration = Duration::from_secs(30);

/// A running `python3 tests/tools/fastapi_app.py serve <port>`.
pub struct FastApi {
    child: Child,
    base_url: String,
    output: Arc<Mutex<String>>,
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
        let mut child = Command::new("python3")
            .args(["tests/tools/fastapi_app.py", "serve", &port.to_string()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start python3: {e}"));
        let output = Arc::new(Mutex::new(String::new()));
        drain(child.stdout.take().expect("piped"), Arc::clone(&output));
        drain(child.stderr.take().expect("piped"), Arc::clone(&output));
        let mut app = FastApi {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            output,
        };
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + STARTUP_DEADLINE;
        loop {
            if let Ok(Some(status)) = app.child.try_wait() {
                panic!(
                    "the FastAPI app exited before listening ({status}); install the test \
                     tools with `python3 -m pip install -r requirements-test.txt`. Its \
                     output:\n{}",
                    app.output()
                );
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return app;
            }
            assert!(
                Instant::now() < deadline,
                "the FastAPI app did not listen on {addr} within {STARTUP_DEADLINE:?}. Its \
                 output:\n{}",
                app.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Everything the app printed so far.
    pub fn output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for FastApi {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
