//! An adapter wrapped so that no configured secret leaves the platform layer in an error.

use futures_util::future::BoxFuture;

use super::secret::Scrubber;
use super::{Platform, PlatformError};
use crate::model::Snapshot;

/// An adapter whose every error is scrubbed of the configured secrets before
/// it leaves the platform layer: what the platform echoes back (the
/// `Authorization` header, the login form) never reaches a message or the log.
pub struct Scrubbed {
    inner: Box<dyn Platform>,
    scrubber: Scrubber,
}

impl Scrubbed {
    pub fn new(inner: Box<dyn Platform>, scrubber: Scrubber) -> Self {
        Self { inner, scrubber }
    }
}

impl Platform for Scrubbed {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        let scrubber = &self.scrubber;
        let poll = self.inner.poll();
        Box::pin(async move { poll.await.map_err(|e| scrubber.scrub_error(e)) })
    }
}
