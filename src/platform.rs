//! Platforms: the only code that knows where snapshots come from.
//!
//! Each adapter turns one platform's API into a [`Snapshot`] behind the
//! [`Platform`] trait; nothing else in the crate knows the platform. The JSON
//! snapshot contract (what `poll --once --json` prints and `sim serve`
//! serves) lives in [`wire`].

pub mod simulated;
pub mod wire;

use futures_util::future::BoxFuture;

use crate::model::Snapshot;

/// Why a poll failed, classified so the poller knows whether to retry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    /// The platform did not answer (connection refused, outage, timeout).
    #[error("platform unreachable: {reason}")]
    Unreachable { reason: String },
    /// The platform answered with something that is not a snapshot.
    #[error("platform answered garbage: {reason}")]
    Garbage { reason: String },
}

impl PlatformError {
    /// Worth trying again after a backoff (everything so far is).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            PlatformError::Unreachable { .. } | PlatformError::Garbage { .. }
        )
    }
}

/// One telephony platform, polled for the whole floor.
pub trait Platform: Send {
    /// Observes the floor now.
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>>;
}
