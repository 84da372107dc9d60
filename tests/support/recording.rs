//! A local server that records whatever reaches it, and readers for the requests it kept.

use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};

/// A local HTTP server on 127.0.0.1 that records every request that reaches it (head and
/// body, verbatim) and answers each with `418 I'm a teapot`. Pointing a client at it shows
/// whether, and exactly what, the client sent.
pub struct RecordingServer {
    base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RecordingServer {
    pub async fn start() -> RecordingServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let sink = Arc::clone(&sink);
                tokio::spawn(async move {
                    let request = read_request(&mut socket).await;
                    sink.lock().unwrap_or_else(|e| e.into_inner()).push(request);
                    let _ = write_all(&socket, b"HTTP/1.1 418 I'm a teapot\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
                    // Dropping the socket closes the connection, as announced.
                });
            }
        });
        RecordingServer {
            base_url,
            requests,
            task,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every request received so far, as text.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for RecordingServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one HTTP/1.1 request: the head, then `content-length` bytes of body.
async fn read_request(socket: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                break;
            }
        }
        if socket.readable().await.is_err() {
            break;
        }
        match socket.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&data).into_owned()
}

// Plain readiness + try_read/try_write: tokio's "net" feature is enough (no "io-util").
async fn write_all(socket: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        socket.writable().await?;
        match socket.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The values of the header `name` (case-insensitive) in a recorded request, trimmed.
pub fn header_values<'a>(request: &'a str, name: &str) -> Vec<&'a str> {
    let head = request.split("\r\n\r\n").next().unwrap_or("");
    head.lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect()
}

/// The body of a recorded request, parsed as JSON (`null` when it has none).
pub fn body_json(request: &str) -> serde_json::Value {
    let body = request.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    if body.is_empty() {
        return serde_json::Value::Null;
    }
    serde_json::from_str(body).unwrap_or_else(|e| panic!("the body is not JSON ({e}): {body}"))
}

/// The request line of a recorded request: `GET /v1/avatars?perPage=5 HTTP/1.1`.
pub fn request_line(request: &str) -> &str {
    request.lines().next().unwrap_or("")
}

/// Asserts that no request reached `server` (the client refused before sending).
pub fn assert_nothing_sent(server: &RecordingServer) {
    let requests = server.requests();
    assert!(
        requests.is_empty(),
        "the client sent a request although validation failed:\n{requests:#?}"
    );
}
