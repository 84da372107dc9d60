//! Starts Prism (`@stoplight/prism-cli`, installed by `npm ci` at the repository root) as a mock
//! server for one spec, and kills it again when the guard is dropped.
//!
//! Each [`Prism`] is its own process on its own port. The process is killed and reaped in
//! `Drop`, which also runs while a failing test unwinds.
//!
//! Starting Prism takes a few seconds, so [`Prism::coval`] and [`Prism::anam`] share one server
//! per spec among the tests that run at the same time: they hand out an `Arc`, and only a
//! `Weak` is kept globally, so the server is killed as soon as the last test using it ends
//! (a later test starts a fresh one). Nothing is left running when the test binary exits.

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, Weak};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long Prism may take to start listening.
const STARTUP_DEADLINE: Duration = Duration::from_secs(60);
/// How often a start is retried when the chosen port was taken in the meantime.
const PORT_ATTEMPTS: usize = 3;
/// Preloaded into Prism's node process (`NODE_OPTIONS=--import=<this>`): exits when the parent
/// (the test binary) goes away without running `Drop` (SIGKILL, abort), so even then no
/// orphan is left. `--import` needs Node >= 18.18; Prism 5 itself requires >= 18.20.1.
/// No spaces: NODE_OPTIONS is split on them.
const PARENT_WATCHDOG: &str = "data:text/javascript,const%20parent=process.ppid;\
setInterval(()=>{if(process.ppid!==parent)process.exit(0)},500).unref();";

/// A running `prism mock --errors` for one spec file, listening on 127.0.0.1.
pub struct Prism {
    child: Child,
    base_url: String,
    output: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

/// Why one start attempt failed.
enum StartError {
    /// The process exited before it listened (bad spec, port taken, node missing, ...).
    Exited(ExitStatus),
    /// It did not listen within [`STARTUP_DEADLINE`].
    TimedOut,
}

static COVAL: Mutex<Weak<Prism>> = Mutex::new(Weak::new());
static ANAM: Mutex<Weak<Prism>> = Mutex::new(Weak::new());

impl Prism {
    /// Prism for `spec/coval.yaml`, shared with the tests running concurrently.
    pub fn coval() -> Arc<Prism> {
        Prism::shared(&COVAL, "spec/coval.yaml")
    }

    /// Prism for `spec/anam.yaml`, shared with the tests running concurrently.
    pub fn anam() -> Arc<Prism> {
        Prism::shared(&ANAM, "spec/anam.yaml")
    }

    /// The running server in `slot`, or a new one. The lock is held while starting so that
    /// concurrent tests wait for one server instead of starting several.
    fn shared(slot: &Mutex<Weak<Prism>>, spec: &str) -> Arc<Prism> {
        // A poisoned lock only means another test panicked while starting Prism; the slot
        // then still holds a dead Weak and this test tries (and reports) for itself.
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(running) = slot.upgrade() {
            return running;
        }
        let prism = Arc::new(Prism::start(spec));
        *slot = Arc::downgrade(&prism);
        prism
    }

    /// Starts `prism mock --errors -h 127.0.0.1 -p <free port> <spec>` (spec relative to the
    /// repository root) and waits until it accepts connections.
    ///
    /// # Panics
    /// When Prism is not installed (run `npm ci`), exits early, or does not start in time; the
    /// message carries its output.
    pub fn start(spec: &str) -> Prism {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bin = root.join("node_modules/.bin/prism");
        assert!(
            bin.exists(),
            "Prism is not installed: {} does not exist. Run `npm ci` in {} (it installs \
             @stoplight/prism-cli from package-lock.json) and rerun the tests.",
            bin.display(),
            root.display()
        );
        let spec_path = root.join(spec);
        assert!(
            spec_path.is_file(),
            "spec file {} does not exist",
            spec_path.display()
        );

        for attempt in 1..=PORT_ATTEMPTS {
            let port = free_port();
            let mut prism = Prism::spawn(&bin, &spec_path, port);
            match prism.wait_until_listening(port) {
                Ok(()) => return prism,
                Err(StartError::Exited(status)) => {
                    let output = prism.finish_output();
                    // Another process may have taken the port between our probe and Prism's bind.
                    if output.contains("EADDRINUSE") && attempt < PORT_ATTEMPTS {
                        continue;
                    }
                    panic!("Prism for {spec} exited before listening ({status}). Its output:\n{output}");
                }
                Err(StartError::TimedOut) => {
                    let output = prism.finish_output();
                    panic!(
                        "Prism for {spec} did not listen on 127.0.0.1:{port} within {STARTUP_DEADLINE:?}. \
                         Its output:\n{output}"
                    );
                }
            }
        }
        unreachable!("the last attempt returns or panics")
    }

    /// `http://127.0.0.1:<port>`, what a generated client's `with_base_url` takes.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The URL of `path` (e.g. `/personas`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Everything Prism printed so far (stdout and stderr, interleaved by line).
    pub fn output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn spawn(bin: &Path, spec: &Path, port: u16) -> Prism {
        let node_options = match std::env::var("NODE_OPTIONS") {
            Ok(existing) if !existing.trim().is_empty() => {
                format!("{existing} --import={PARENT_WATCHDOG}")
            }
            _ => format!("--import={PARENT_WATCHDOG}"),
        };
        let mut child = Command::new(bin)
            .args([
                "mock",
                "--errors",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .arg(spec)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NODE_OPTIONS", node_options)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "could not start {}: {e}. Run `npm ci` at the repository root.",
                    bin.display()
                )
            });
        let output = Arc::new(Mutex::new(String::new()));
        // Drain both pipes for the whole life of the process: Prism logs every request, and a
        // full pipe would block it.
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
        Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            output,
            readers,
        }
    }

    /// Waits for Prism's own "listening" line for this port *and* a successful TCP connect: the
    /// log line rules out a stranger that grabbed the port, the connect proves it accepts.
    fn wait_until_listening(&mut self, port: u16) -> Result<(), StartError> {
        let banner = format!("Prism is listening on http://127.0.0.1:{port}");
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + STARTUP_DEADLINE;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(StartError::Exited(status));
            }
            if self.output().contains(&banner)
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

    /// Kills the process (if still running) and returns its complete output.
    fn finish_output(&mut self) -> String {
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

impl Drop for Prism {
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
pub fn drain(mut pipe: impl Read + Send + 'static, sink: Arc<Mutex<String>>) -> JoinHandle<()> {
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
