//! The `asterisk` adapter: the Manager Interface (AMI) over Asterisk's HTTP
//! server, `/rawman`.
//!
//! Asterisk answers every request with HTTP 200, errors included: the only
//! signal is `Response: Error` in the body. A session is a cookie
//! (`mansession_id`) set by `Action: Login` and forgotten `httptimeout`
//! seconds after the last request; an expired or unknown cookie makes the next
//! action answer `Permission denied`, so we log in again and retry once. The
//! login goes in a POST body, never in a URL, so the secret cannot reach a log
//! line through an error message.
//!
//! One `QueueStatus` per poll carries everything: queue counters, members
//! (agents) and entries (waiting callers). `QueueSummary` adds nothing it does
//! not, and its `Available` ignores wrap-up time; the tests check that what we
//! derive equals QueueSummary's counts in real captures.

pub(crate) mod queues;
pub mod rawman;

use std::time::Duration;

use futures_util::future::BoxFuture;
use reqwest::Url;
use reqwest::header::{COOKIE, SET_COOKIE};

use super::secret::Secret;
use super::transport::{Reply, Transport, host_label, local_now};
use super::{Platform, PlatformError};
use crate::model::{PlatformInfo, Snapshot};
use rawman::{Block, Outcome};

pub use queues::{Reading, read as read_queue_status};

/// What the config file says about an Asterisk server.
#[derive(Clone, Debug)]
pub struct AsteriskSettings {
    /// The HTTP server's base URL (`http://pbx:8088`), with its `prefix` if one is set.
    pub url: Url,
    /// The `manager.conf` user.
    pub username: String,
    pub secret: Secret,
    /// Queues to watch (names); empty = all.
    pub queues: Vec<String>,
    /// The queues' `wrapuptime`, which AMI does not report (0 when unset).
    pub wrapup_time: Duration,
}

pub struct AsteriskPlatform {
    transport: Transport,
    settings: AsteriskSettings,
    rawman: Url,
    /// The session cookie as Asterisk set it (`mansession_id="…"`), once logged in.
    session: Option<String>,
}

/// Why an action did not give data.
enum ActionError {
    /// The session is gone (expired, or Asterisk restarted): log in again.
    SessionLost,
    Failed(PlatformError),
}

impl From<PlatformError> for ActionError {
    fn from(e: PlatformError) -> Self {
        ActionError::Failed(e)
    }
}

impl AsteriskPlatform {
    pub fn new(transport: Transport, settings: AsteriskSettings) -> Self {
        let mut rawman = settings.url.clone();
        let base = rawman.path().trim_end_matches('/').to_owned();
        rawman.set_path(&format!("{base}/rawman"));
        Self {
            transport,
            settings,
            rawman,
            session: None,
        }
    }

    async fn observe(&mut self) -> Result<Snapshot, PlatformError> {
        if self.session.is_none() {
            self.login().await?;
        }
        match self.queue_status().await {
            Ok(snapshot) => Ok(snapshot),
            Err(ActionError::Failed(e)) => Err(e),
            Err(ActionError::SessionLost) => {
                tracing::info!("asterisk session expired; logging in again");
                self.session = None;
                self.login().await?;
                match self.queue_status().await {
                    Ok(snapshot) => Ok(snapshot),
                    Err(ActionError::Failed(e)) => Err(e),
                    Err(ActionError::SessionLost) => Err(PlatformError::credentials(format!(
                        "{}: user {:?} logged in but may not run QueueStatus (Permission denied)",
                        self.shown(),
                        self.settings.username
                    ))),
                }
            }
        }
    }

    async fn login(&mut self) -> Result<(), PlatformError> {
        let form = [
            ("action", "Login"),
            ("username", self.settings.username.as_str()),
            ("secret", self.settings.secret.expose()),
        ];
        let request = self
            .transport
            .client()
            .post(self.rawman.clone())
            .form(&form);
        let reply = self.transport.send(request).await?;
        let blocks = rawman::parse(reply.text()?);
        match rawman::outcome(&blocks) {
            Outcome::Success => {
                self.session = Some(session_cookie(&reply).ok_or_else(|| {
                    PlatformError::garbage(format!(
                        "{} accepted the login but set no mansession_id cookie",
                        reply.shown_url
                    ))
                })?);
                Ok(())
            }
            Outcome::Error(message) => Err(PlatformError::credentials(format!(
                "{} refused the login of user {:?}: {message}",
                reply.shown_url, self.settings.username
            ))),
            Outcome::Unrecognized => Err(not_rawman(&reply)),
        }
    }

    async fn queue_status(&mut self) -> Result<Snapshot, ActionError> {
        let mut request = self
            .transport
            .client()
            .get(self.rawman.clone())
            .query(&[("action", "QueueStatus")]);
        if let Some(cookie) = &self.session {
            request = request.header(COOKIE, cookie);
        }
        let reply = self.transport.send(request).await?;
        let blocks = rawman::parse(reply.text()?);
        match rawman::outcome(&blocks) {
            Outcome::Success => Ok(self.snapshot(&reply, &blocks)?),
            Outcome::Error(message) if message == "Permission denied" => {
                Err(ActionError::SessionLost)
            }
            Outcome::Error(message) => Err(PlatformError::garbage(format!(
                "{} answered QueueStatus with an error: {message}",
                reply.shown_url
            ))
            .into()),
            Outcome::Unrecognized => Err(not_rawman(&reply).into()),
        }
    }

    fn snapshot(&self, reply: &Reply, blocks: &[Block]) -> Result<Snapshot, PlatformError> {
        let garbage = |what: String| {
            PlatformError::garbage(format!("{}: QueueStatus: {what}", reply.shown_url))
        };
        let events = rawman::list_events(blocks, "QueueStatusComplete").map_err(garbage)?;
        // Asterisk's clock at the answer: waits and wrap-up are measured on it.
        let now = reply.server_time().unwrap_or_else(local_now);
        let reading = queues::read(
            events,
            now,
            self.settings.wrapup_time,
            &self.settings.queues,
        )
        .map_err(garbage)?;
        Ok(Snapshot {
            platform: PlatformInfo {
                kind: "asterisk".into(),
                name: format!("asterisk · {}", host_label(&self.settings.url)),
            },
            observed_at: now,
            queues: reading.queues,
            agents: reading.agents,
            waiting_contacts: reading.waiting,
            interactions: Vec::new(),
            sites: Vec::new(),
        })
    }

    fn shown(&self) -> String {
        super::transport::shown_url(&self.rawman)
    }
}

/// The `mansession_id` cookie, exactly as set (Asterisk quotes its value).
fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.trim_start().starts_with("mansession_id="))
        .map(|pair| pair.trim().to_owned())
}

fn not_rawman(reply: &Reply) -> PlatformError {
    PlatformError::garbage(format!(
        "{} did not answer in Asterisk's rawman format (no Response: line); is this the AMI HTTP server?",
        reply.shown_url
    ))
}

impl Platform for AsteriskPlatform {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(self.observe())
    }
}
