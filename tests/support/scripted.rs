//! A scripted HTTP/1.1 server on 127.0.0.1 for what wiremock cannot do: cut a connection in
//! the middle of a body, or send a chunked body with no `Content-Length`. Connection `i` gets
//! the `i`-th scripted reply (the last one repeats), written as raw bytes, then is closed.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub struct Scripted {
    pub base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Scripted {
    /// Starts serving `replies` (each the whole bytes written on one connection).
    pub async fn start(replies: Vec<Vec<u8>>) -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let task = tokio::spawn(async move {
            let mut n = 0;
            while let Ok((mut socket, _)) = listener.accept().await {
                let head = read_head(&mut socket).await;
                seen.lock().unwrap().push(head);
                let reply = &replies[n.min(replies.len() - 1)];
                n += 1;
                let _ = socket.write_all(reply).await;
                let _ = socket.shutdown().await;
            }
        });
        Scripted {
            base_url,
            requests,
            task,
        }
    }

    /// The request heads received, one per connection, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads up to the end of the request head (the tests' requests have no body).
async fn read_head(socket: &mut tokio::net::TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// A `200 OK` JSON reply with a `Content-Length` of `announced` bytes and only `body` sent.
pub fn json_reply(body: &[u8], announced: usize, extra_headers: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {announced}\r\n\
         connection: close\r\n{extra_headers}\r\n"
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A `200 OK` reply with a chunked body (no `Content-Length`) of `chunks`.
pub fn chunked_reply(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                    transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        .to_vec();
    for c in chunks {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}
