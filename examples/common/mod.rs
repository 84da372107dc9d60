//! What the examples share: choosing between the real API and a local mock of our spec, and
//! printing an error.
//!
//! With the API key variable set (`COVAL_API_KEY`, `ANAM_API_KEY`) an example talks to the real
//! API. Without it, it talks to the server in the base URL variable (`COVAL_BASE_URL`,
//! `ANAM_BASE_URL`) if set, or else to a Prism mock of `spec/<api>.yaml` that [`mock_unless_key`]
//! starts on 127.0.0.1 and that is killed when the returned [`Mock`] is dropped.

use std::error::Error;
use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long Prism may take to start listening.
const STARTUP_DEADLINE: Duration = Duration::from_secs(60);

/// The mock server an example talks to when no API key is set.
pub enum Mock {
    /// The server named by the base URL variable.
    External(String),
    /// A Prism started for this run, killed on drop.
    Prism(Prism),
}

impl Mock {
    /// Where to send requests: `Client::new("any-key").with_base_url(mock.base_url())`.
    pub fn base_url(&self) -> &str {
        match self {
            Mock::External(url) => url,
            Mock::Prism(prism) => &prism.base_url,
        }
    }
}

/// `None` when `key_var` is set: use the real API (`Client::from_env()`). Otherwise the mock to
/// use: the server in `base_url_var` if set, else a Prism mock of `spec` (a path relative to the
/// repository root), started now. Keep the result alive for as long as the client is used.
pub async fn mock_unless_key(
    key_var: &str,
    base_url_var: &str,
    spec: &str,
) -> Result<Option<Mock>, Box<dyn Error>> {
    if env_is_set(key_var) {
        return Ok(None);
    }
    if env_is_set(base_url_var) {
        let url = std::env::var(base_url_var)?;
        println!("{key_var} is not set: using the server in {base_url_var} with a dummy key");
        return Ok(Some(Mock::External(url)));
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("node_modules/.bin/prism");
    if !bin.exists() {
        return Err(format!(
            "{key_var} is not set and the Prism mock server is not installed ({} is missing). \
             Run `npm ci` in {} to install it, or set {key_var} to use the real API, or \
             {base_url_var} to use another server.",
            bin.display(),
            root.display()
        )
        .into());
    }
    println!("{key_var} is not set: starting a Prism mock of {spec}");
    let prism = Prism::start(&bin, &root.join(spec)).await?;
    println!("Prism is listening on {}", prism.base_url);
    Ok(Some(Mock::Prism(prism)))
}

/// A running `prism mock` process; dropping it kills the process and waits for it to exit.
pub struct Prism {
    child: Child,
    base_url: String,
}

impl Prism {
    async fn start(bin: &Path, spec: &Path) -> Result<Prism, Box<dyn Error>> {
        let port = free_port()?;
        let mut child = Command::new(bin)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
            .arg(spec)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", bin.display()))?;
        // Prism logs every request: keep reading its output so that it never blocks on a full
        // pipe, and keep it to show if Prism fails to start.
        let output = Arc::new(Mutex::new(String::new()));
        let mut readers = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            readers.push(collect(stdout, &output));
        }
        if let Some(stderr) = child.stderr.take() {
            readers.push(collect(stderr, &output));
        }
        // From here on, returning early (an error) drops `prism`, which kills the process.
        let mut prism = Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };

        let deadline = Instant::now() + STARTUP_DEADLINE;
        loop {
            if let Some(status) = prism.child.try_wait()? {
                // It exited, so its pipes are closed: let the readers take in the rest.
                for reader in readers {
                    let _ = reader.join();
                }
                let output = output.lock().unwrap_or_else(|e| e.into_inner()).clone();
                return Err(format!(
                    "Prism exited before listening ({status}). Its output:\n{output}"
                )
                .into());
            }
            if tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port))
                .await
                .is_ok()
            {
                return Ok(prism);
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "Prism did not listen on port {port} within {} s",
                    STARTUP_DEADLINE.as_secs()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // kill() fails only if it already exited; wait() reaps it either way.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Prints `error` on stderr with `Display`, followed by those of its causes the message does not
/// already include.
pub fn print_error(error: &dyn Error) {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !message.contains(&cause_text) {
            message = format!("{message}: {cause_text}");
        }
        source = cause.source();
    }
    eprintln!("error: {message}");
}

/// Appends `pipe`'s lines to `output` on a thread, until the process closes it.
fn collect(pipe: impl Read + Send + 'static, output: &Arc<Mutex<String>>) -> JoinHandle<()> {
    let output = Arc::clone(output);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut output = output.lock().unwrap_or_else(|e| e.into_inner());
            output.push_str(&line);
            output.push('\n');
        }
    })
}

fn env_is_set(var: &str) -> bool {
    std::env::var(var).is_ok_and(|value| !value.trim().is_empty())
}

/// A port that was free a moment ago.
fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}
