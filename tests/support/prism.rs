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

use super::process::{free_port, ServerProcess, StartError};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

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
    server: ServerProcess,
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
            // Prism's own "listening" line for this port rules out a stranger that grabbed it.
            let banner = format!("Prism is listening on http://127.0.0.1:{port}");
            match prism
                .server
                .wait_until_listening(port, STARTUP_DEADLINE, |out| out.contains(&banner))
            {
                Ok(()) => return prism,
                Err(StartError::Exited(status)) => {
                    let output = prism.server.finish_output();
                    // Another process may have taken the port between our probe and Prism's bind.
                    if output.contains("EADDRINUSE") && attempt < PORT_ATTEMPTS {
                        continue;
                    }
                    panic!("Prism for {spec} exited before listening ({status}). Its output:\n{output}");
                }
                Err(StartError::TimedOut) => {
                    let output = prism.server.finish_output();
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
        self.server.base_url()
    }

    /// The URL of `path` (e.g. `/personas`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url(), path)
    }

    /// Everything Prism printed so far (stdout and stderr, interleaved by line).
    pub fn output(&self) -> String {
        self.server.output()
    }

    fn spawn(bin: &Path, spec: &Path, port: u16) -> Prism {
        let node_options = match std::env::var("NODE_OPTIONS") {
            Ok(existing) if !existing.trim().is_empty() => {
                format!("{existing} --import={PARENT_WATCHDOG}")
            }
            _ => format!("--import={PARENT_WATCHDOG}"),
        };
        let mut command = Command::new(bin);
        command
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
            .env("NODE_OPTIONS", node_options);
        Prism {
            server: ServerProcess::spawn(
                command,
                port,
                &format!("{} (run `npm ci` at the repository root)", bin.display()),
            ),
        }
    }
}
