//! HTTP as every real adapter uses it: one keep-alive client with explicit
//! timeouts, a cap on response size, rustls with an optional private CA, proxy
//! variables honoured (reqwest reads `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`),
//! and every failure classified into a [`PlatformError`] that names the URL
//! without credentials.

use std::error::Error as StdError;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::DateTime;
use reqwest::header::{DATE, HeaderMap, RETRY_AFTER};
use reqwest::{RequestBuilder, StatusCode, Url};
use serde::de::DeserializeOwned;

use super::PlatformError;
use crate::model::Timestamp;

/// The longest a platform may ask us to wait (`Retry-After`) before we look again.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// How a platform's HTTP endpoint is reached; every field comes from the config file.
#[derive(Clone, Debug, PartialEq)]
pub struct TransportSettings {
    /// Time to set up a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest silence while reading a response.
    pub read_timeout: Duration,
    /// Longest a whole request may take, from sending to the last byte.
    pub total_timeout: Duration,
    /// Responses larger than this (after decompression) are refused.
    pub max_response_bytes: u64,
    /// A PEM file of extra CA certificates (an on-premise PBX with a private CA).
    pub ca_file: Option<PathBuf>,
}

impl Default for TransportSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(3),
            read_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(15),
            max_response_bytes: 64 * 1024 * 1024,
            ca_file: None,
        }
    }
}

/// Why the HTTP client could not be built (reported before the console starts).
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("{}: cannot read the CA file: {reason}", path.display())]
    CaFileUnreadable { path: PathBuf, reason: String },
    #[error("{}: no PEM certificate in the CA file ({reason})", path.display())]
    CaFileInvalid { path: PathBuf, reason: String },
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

/// The one HTTP client of a platform adapter.
#[derive(Clone, Debug)]
pub struct Transport {
    client: reqwest::Client,
    settings: TransportSettings,
}

/// A successful (2xx) answer, or one of the statuses the caller said it
/// expects ([`Transport::send_expecting`]), read whole within the size cap.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The URL as it may be shown: no credentials, no query.
    pub shown_url: String,
}

impl Transport {
    pub fn new(settings: TransportSettings) -> Result<Self, TransportError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("floorwatch/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(settings.connect_timeout)
            .read_timeout(settings.read_timeout)
            .timeout(settings.total_timeout)
            .pool_idle_timeout(Duration::from_secs(90))
            // Redirects could carry credentials to another host; platforms do not need them.
            .redirect(reqwest::redirect::Policy::none());
        if let Some(path) = &settings.ca_file {
            builder = builder.tls_certs_merge(read_ca_file(path)?);
        }
        let client = builder
            .build()
            .map_err(|e| TransportError::Client(error_chain(&e)))?;
        Ok(Self { client, settings })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends the request and reads the answer. Anything but a 2xx with a body
    /// within the cap becomes a classified [`PlatformError`].
    pub async fn send(&self, request: RequestBuilder) -> Result<Reply, PlatformError> {
        self.send_expecting(request, &[]).await
    }

    /// Like [`Transport::send`], but an answer with one of the `expected`
    /// statuses comes back as a [`Reply`] instead of an error: for the APIs
    /// where a 404 or 403 tells the caller something rather than failing the poll.
    pub async fn send_expecting(
        &self,
        request: RequestBuilder,
        expected: &[StatusCode],
    ) -> Result<Reply, PlatformError> {
        let request = request.build().map_err(|e| {
            PlatformError::unreachable(format!(
                "cannot build the request: {}",
                error_chain(&e.without_url())
            ))
        })?;
        let shown_url = shown_url(request.url());
        let response = self
            .client
            .execute(request)
            .await
            .map_err(|e| self.request_failed(e, &shown_url))?;
        let status = response.status();
        let headers = response.headers().clone();
        if !status.is_success() && !expected.contains(&status) {
            return Err(status_error(status, &headers, &shown_url));
        }
        let body = self.read_body(response, &shown_url).await?;
        Ok(Reply {
            status,
            headers,
            body,
            shown_url,
        })
    }

    async fn read_body(
        &self,
        mut response: reqwest::Response,
        shown_url: &str,
    ) -> Result<Vec<u8>, PlatformError> {
        let cap = self.settings.max_response_bytes;
        let too_big = || {
            PlatformError::garbage(format!(
                "{shown_url} sent more than the {} response cap (max_response_size)",
                human_bytes(cap)
            ))
        };
        if response.content_length().is_some_and(|len| len > cap) {
            return Err(too_big());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.body_failed(e, shown_url))?
        {
            if (body.len() + chunk.len()) as u64 > cap {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn request_failed(&self, e: reqwest::Error, shown_url: &str) -> PlatformError {
        if e.is_timeout() {
            return PlatformError::unreachable(format!(
                "no answer from {shown_url} in time (connect timeout {}, total {})",
                humantime::format_duration(self.settings.connect_timeout),
                humantime::format_duration(self.settings.total_timeout),
            ));
        }
        if e.is_connect() {
            // The innermost cause is the one that matters ("connection refused",
            // "invalid peer certificate: UnknownIssuer"); put it before the URL,
            // so it survives when an 80-column header cuts the line.
            return PlatformError::unreachable(format!(
                "cannot connect ({}): {shown_url}",
                root_cause(&e)
            ));
        }
        PlatformError::unreachable(format!("request failed ({}): {shown_url}", root_cause(&e)))
    }

    fn body_failed(&self, e: reqwest::Error, shown_url: &str) -> PlatformError {
        if e.is_timeout() {
            return PlatformError::unreachable(format!(
                "{shown_url} stopped sending its answer (read timeout {})",
                humantime::format_duration(self.settings.read_timeout)
            ));
        }
        PlatformError::garbage(format!(
            "the answer from {shown_url} was cut off: {}",
            error_chain(&e.without_url())
        ))
    }
}

impl Reply {
    /// The platform's clock at the answer (`Date` header), if it sent one.
    pub fn server_time(&self) -> Option<Timestamp> {
        http_date(&self.headers, DATE)
    }

    /// The body as JSON of type `T`; a mismatch names the line, column and field.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, PlatformError> {
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let at = if path == "." {
                String::new()
            } else {
                format!(" at {path}")
            };
            PlatformError::garbage(format!(
                "{} answered JSON that is not what it documents{at}: {inner}",
                self.shown_url
            ))
        })
    }

    /// The body as text; platforms send UTF-8.
    pub fn text(&self) -> Result<&str, PlatformError> {
        std::str::from_utf8(&self.body).map_err(|e| {
            PlatformError::garbage(format!(
                "{} answered text that is not UTF-8: {e}",
                self.shown_url
            ))
        })
    }
}

/// A URL as it may appear in messages and logs: no user, password or query.
pub fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

fn status_error(status: StatusCode, headers: &HeaderMap, shown_url: &str) -> PlatformError {
    let said = format!("{shown_url} answered HTTP {status}");
    match status {
        StatusCode::TOO_MANY_REQUESTS => {
            let retry_after = retry_after(headers);
            let reason = match retry_after {
                Some(wait) => format!("{said}; asked to wait {}", humantime::format_duration(wait)),
                None => said,
            };
            PlatformError::Throttled {
                reason,
                retry_after,
            }
        }
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => PlatformError::credentials(said),
        // The server is there but serves nothing at this path: the URL in the
        // config (or the server's path prefix) is wrong, not its answers.
        StatusCode::NOT_FOUND => PlatformError::NotFound {
            reason: format!("{said}; check url (and the server's path prefix)"),
        },
        s if s.is_server_error() => PlatformError::unreachable(said),
        _ => PlatformError::garbage(said),
    }
}

/// How long `Retry-After` asks us to wait, in either of its forms, capped at
/// [`MAX_RETRY_AFTER`]. A date is measured against the server's own `Date`
/// header, so a skewed local clock can neither shorten nor stretch the wait.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let until = http_date(headers, RETRY_AFTER)?;
            let server_now = http_date(headers, DATE).unwrap_or_else(local_now);
            until.saturating_since(server_now)
        }
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

fn http_date(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<Timestamp> {
    let value = headers.get(name)?.to_str().ok()?;
    DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|t| Timestamp::from_millis(t.timestamp_millis()))
}

/// This machine's clock, for platforms whose answer carries no `Date`.
pub fn local_now() -> Timestamp {
    Timestamp::from_millis(chrono::Utc::now().timestamp_millis())
}

/// `host:port` as the header shows a platform (the port only when the URL gives one).
pub fn host_label(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => shown_url(url),
    }
}

fn read_ca_file(path: &Path) -> Result<Vec<reqwest::Certificate>, TransportError> {
    let pem = std::fs::read(path).map_err(|e| TransportError::CaFileUnreadable {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let certs =
        reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| TransportError::CaFileInvalid {
            path: path.to_owned(),
            reason: error_chain(&e),
        })?;
    if certs.is_empty() {
        return Err(TransportError::CaFileInvalid {
            path: path.to_owned(),
            reason: "the file holds no certificate".into(),
        });
    }
    Ok(certs)
}

/// The deepest cause of an error, as a phrase: "connection refused".
pub fn root_cause(e: &(dyn StdError + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text.to_owned(),
    }
}

/// An error and its causes on one line ("connection refused" lives three levels down).
pub fn error_chain(e: &dyn StdError) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        source = cause.source();
    }
    text
}

pub fn human_bytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::PlatformCondition;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn retry_after_in_seconds_is_honoured_and_capped() {
        let h = headers(&[("retry-after", "120")]);
        assert_eq!(retry_after(&h), Some(Duration::from_secs(120)));
        let h = headers(&[("retry-after", "86400")]);
        assert_eq!(retry_after(&h), Some(MAX_RETRY_AFTER));
    }

    #[test]
    fn retry_after_as_a_date_is_measured_on_the_servers_clock() {
        // The server's clock is an hour ahead of ours: the wait is still 120 s.
        let h = headers(&[
            ("date", "Mon, 23 Nov 2026 10:00:00 GMT"),
            ("retry-after", "Mon, 23 Nov 2026 10:02:00 GMT"),
        ]);
        assert_eq!(retry_after(&h), Some(Duration::from_secs(120)));
        let h = headers(&[("retry-after", "soon")]);
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn statuses_are_classified() {
        let none = HeaderMap::new();
        let url = "http://127.0.0.1:1/x";
        assert!(matches!(
            status_error(StatusCode::UNAUTHORIZED, &none, url),
            PlatformError::CredentialsRejected { .. }
        ));
        assert!(matches!(
            status_error(StatusCode::BAD_GATEWAY, &none, url),
            PlatformError::Unreachable { .. }
        ));
        let not_found = status_error(StatusCode::NOT_FOUND, &none, url);
        assert_eq!(
            not_found.to_string(),
            format!(
                "not found at this URL: {url} answered HTTP 404 Not Found; check url (and the server's path prefix)"
            )
        );
        assert_eq!(not_found.condition(), PlatformCondition::NotFound);
        assert!(matches!(
            status_error(StatusCode::GONE, &none, url),
            PlatformError::Garbage { .. }
        ));
        let throttled = status_error(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("retry-after", "7")]),
            url,
        );
        assert_eq!(
            throttled,
            PlatformError::Throttled {
                reason: format!("{url} answered HTTP 429 Too Many Requests; asked to wait 7s"),
                retry_after: Some(Duration::from_secs(7)),
            }
        );
    }

    #[test]
    fn urls_are_shown_without_credentials_or_query() {
        let url = Url::parse("https://user:hunter2@pbx.example:8089/rawman?secret=x&action=Login")
            .unwrap();
        let shown = shown_url(&url);
        assert_eq!(shown, "https://pbx.example:8089/rawman");
    }

    #[test]
    fn a_bad_ca_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate").unwrap();
        let e = read_ca_file(&path).unwrap_err().to_string();
        assert!(e.contains("ca.pem"), "{e}");
        let e = read_ca_file(&dir.path().join("missing.pem"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("missing.pem") && e.contains("cannot read"),
            "{e}"
        );
    }
}
