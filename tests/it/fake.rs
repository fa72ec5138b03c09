//! A scriptable HTTP/1.1 server on 127.0.0.1 for adapter tests: real sockets,
//! real bytes, and the faults a real platform produces (stalls, cut-off
//! bodies, oversize answers) that a framework server would not let us send.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// Query (or form body) parameter, keys compared case-insensitively.
    pub fn param(&self, key: &str) -> Option<String> {
        let query = self.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        let body = std::str::from_utf8(&self.body).unwrap_or("");
        [query, body]
            .iter()
            .flat_map(|s| s.split('&'))
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| percent_decode(v))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Send these bytes (status line, headers, blank line, body) as they are.
    Raw(Vec<u8>),
    /// Send `bytes`, then keep the connection open without a word for `stall`.
    RawThenStall { bytes: Vec<u8>, stall: Duration },
}

impl Reply {
    /// A complete response with a Content-Length.
    pub fn status(
        code: u16,
        reason: &str,
        headers: &[(&str, &str)],
        body: impl AsRef<[u8]>,
    ) -> Reply {
        let body = body.as_ref();
        let mut head = format!("HTTP/1.1 {code} {reason}\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        Reply::Raw(bytes)
    }

    pub fn json(body: &str) -> Reply {
        Reply::status(200, "OK", &[("Content-Type", "application/json")], body)
    }

    /// Headers promising `declared` bytes, then only the first half of `body`, then a hang-up.
    pub fn truncated(body: &str) -> Reply {
        let half = &body.as_bytes()[..body.len() / 2];
        let mut bytes = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        bytes.extend_from_slice(half);
        Reply::Raw(bytes)
    }

    /// Nothing at all for `stall` (the platform hangs).
    pub fn silence(stall: Duration) -> Reply {
        Reply::RawThenStall {
            bytes: Vec::new(),
            stall,
        }
    }
}

type Responder = dyn Fn(&Request) -> Reply + Send + Sync;

/// The server; it stops when dropped.
pub struct FakeServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeServer {
    pub async fn start(
        responder: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let responder: Arc<Responder> = Arc::new(responder);
        let log = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let responder = Arc::clone(&responder);
                let log = Arc::clone(&log);
                tokio::spawn(async move { serve_connection(stream, responder, log).await });
            }
        });
        FakeServer {
            addr,
            requests,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// Keep-alive: answers requests on one connection until the client or a reply closes it.
async fn serve_connection(
    mut stream: TcpStream,
    responder: Arc<Responder>,
    log: Arc<Mutex<Vec<Request>>>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        log.lock().unwrap().push(request.clone());
        match responder(&request) {
            Reply::Raw(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
                if !declares_complete_body(&bytes) {
                    return;
                }
            }
            Reply::RawThenStall { bytes, stall } => {
                let _ = stream.write_all(&bytes).await;
                tokio::time::sleep(stall).await;
                return;
            }
        }
    }
}

/// Whether the reply's body is as long as its Content-Length says (else close after it).
fn declares_complete_body(bytes: &[u8]) -> bool {
    let Some(split) = find(bytes, b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    let declared = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    declared == Some(bytes.len() - split - 4)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Request> {
    let head_end = loop {
        if let Some(i) = find(buffer, b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Request {
        method,
        target,
        headers,
        body,
    })
}

/// A port on 127.0.0.1 with nothing listening (connection refused).
pub async fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}
