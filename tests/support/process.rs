//! A test server in a child process on 127.0.0.1: spawned with both pipes drained into one
//! output buffer for its whole life (a full pipe would block it), waited for until it accepts
//! connections, and killed and reaped in `Drop`, which also runs while a failing test unwinds.
//! [`prism`](super::prism) and [`uvicorn`](super::uvicorn) wrap it.

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running server process and everything it printed.
pub struct ServerProcess {
    child: Child,
    base_url: String,
    output: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

/// Why a server did not start.
pub enum StartError {
    /// The process exited before it listened.
    Exited(ExitStatus),
    /// It did not listen in time.
    TimedOut,
}

impl ServerProcess {
    /// Spawns `command`, which is to listen on 127.0.0.1:`port`; `what` names it in a panic
    /// when it cannot be started at all.
    pub fn spawn(mut command: Command, port: u16, what: &str) -> ServerProcess {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {what}: {e}"));
        let output = Arc::new(Mutex::new(String::new()));
        let readers = vec![
            drain(
                child.stdout.take().expect("stdout is piped"),
                Arc::clone(&output),
            ),
            drain(
                child.stderr.take().expect("stderr is piped"),
                Arc::clone(&output),
            ),
        ];
        ServerProcess {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            output,
            readers,
        }
    }

    /// Waits until `ready(output)` holds and 127.0.0.1:`port` accepts a connection.
    pub fn wait_until_listening(
        &mut self,
        port: u16,
        deadline: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> Result<(), StartError> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + deadline;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(StartError::Exited(status));
            }
            if ready(&self.output())
                && TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok()
            {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(StartError::TimedOut);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Everything the process printed so far (stdout and stderr, interleaved by line).
    pub fn output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Kills the process (if still running) and returns its complete output.
    pub fn finish_output(&mut self) -> String {
        self.stop();
        self.output()
    }

    fn stop(&mut self) {
        // kill() fails only if the process was already reaped; wait() reaps it either way, so
        // no zombie and no orphan is left behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The pipes close with the process, so the readers end promptly.
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port that was free a moment ago: bind port 0 on 127.0.0.1, read the port, release it.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener
        .local_addr()
        .expect("local address of a bound listener")
        .port()
}

/// Copies a pipe into `sink` until EOF.
fn drain(mut pipe: impl Read + Send + 'static, sink: Arc<Mutex<String>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => sink
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
    })
}
