//! Platforms: the only code that knows where snapshots come from.
//!
//! Each adapter turns one platform's API into a [`Snapshot`] behind the
//! [`Platform`] trait; nothing else in the crate knows the platform. The JSON
//! snapshot contract (what `poll --once --json` prints and `sim serve`
//! serves) lives in [`wire`]; the HTTP plumbing every real adapter shares
//! (timeouts, size cap, status classification, secrets) in [`transport`].

pub mod answers;
pub mod asterisk;
pub mod checked;
pub mod genesys;
pub mod http;
mod scrubbed;
pub mod secret;
pub mod sentiment_scale;
pub mod simulated;
pub mod transport;
pub mod twilio;
pub mod wire;

pub use scrubbed::Scrubbed;

use std::time::Duration;

use futures_util::future::BoxFuture;

use crate::model::{PlatformCondition, PollFailure, Snapshot};

/// Why a poll failed, classified so the poller knows how long to wait and the
/// console which condition to show. Messages never contain secrets; URLs in
/// them are shown without credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    /// The platform did not answer (connection refused, timeout, 5xx, outage).
    #[error("platform unreachable: {reason}")]
    Unreachable { reason: String },
    /// The platform answered with something that is not data.
    #[error("platform answered garbage: {reason}")]
    Garbage { reason: String },
    /// The platform asked us to slow down; `retry_after` is how long, when it said.
    #[error("platform throttled the poll: {reason}")]
    Throttled {
        reason: String,
        retry_after: Option<Duration>,
    },
    /// The platform refused the credentials; retrying at once would not help.
    #[error("credentials rejected: {reason}")]
    CredentialsRejected { reason: String },
    /// Nothing is served at the URL we poll (404): the address or its path
    /// prefix is wrong. `reason` names the URL, without credentials.
    #[error("not found at this URL: {reason}")]
    NotFound { reason: String },
}

impl PlatformError {
    pub fn unreachable(reason: impl Into<String>) -> Self {
        PlatformError::Unreachable {
            reason: reason.into(),
        }
    }

    pub fn garbage(reason: impl Into<String>) -> Self {
        PlatformError::Garbage {
            reason: reason.into(),
        }
    }

    pub fn credentials(reason: impl Into<String>) -> Self {
        PlatformError::CredentialsRejected {
            reason: reason.into(),
        }
    }

    pub fn condition(&self) -> PlatformCondition {
        match self {
            PlatformError::Unreachable { .. } => PlatformCondition::Unreachable,
            PlatformError::Garbage { .. } => PlatformCondition::Garbage,
            PlatformError::Throttled { .. } => PlatformCondition::Throttled,
            PlatformError::CredentialsRejected { .. } => PlatformCondition::CredentialsRejected,
            PlatformError::NotFound { .. } => PlatformCondition::NotFound,
        }
    }

    /// The failure as the core sees it.
    pub fn to_failure(&self) -> PollFailure {
        PollFailure::new(self.condition(), self.to_string())
    }
}

/// The most queues one console watches. Every poll works out each queue's
/// figures and judges each rule on it while the keys wait; beyond this many,
/// a poll's step outlasts what an operator notices at a key press (measured
/// with `cargo bench --bench floor` and `--bench console_scale`).
pub const MAX_QUEUES: usize = 10_000;

/// A snapshot of more queues than one console watches is refused, by name
/// and count, before any of it reaches the engine.
pub fn within_queue_cap(snapshot: Snapshot) -> Result<Snapshot, PlatformError> {
    let count = snapshot.queues.len();
    if count > MAX_QUEUES {
        return Err(PlatformError::garbage(format!(
            "the platform reported {count} queues; floorwatch watches at most {MAX_QUEUES} \
             per console: have the platform report fewer, or split the floor across consoles"
        )));
    }
    Ok(snapshot)
}

/// Any adapter, with its answers held to [`MAX_QUEUES`].
pub struct QueueCapped(pub Box<dyn Platform>);

impl Platform for QueueCapped {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(async move { within_queue_cap(self.0.poll().await?) })
    }
}

/// One telephony platform, polled for the whole floor.
pub trait Platform: Send {
    /// Observes the floor now. One call at a time: the poller awaits each
    /// before starting the next, so there is one request in flight per endpoint.
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>>;
}
