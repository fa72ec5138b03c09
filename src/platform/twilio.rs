//! The `twilio` adapter: Twilio TaskRouter.

use std::time::Duration;

use futures_util::future::BoxFuture;
use reqwest::Url;

use super::secret::Secret;
use super::transport::Transport;
use super::{Platform, PlatformError};
use crate::model::Snapshot;

/// The public TaskRouter API.
pub const DEFAULT_URL: &str = "https://taskrouter.twilio.com";

/// What the config file says about a TaskRouter workspace.
#[derive(Clone, Debug)]
pub struct TwilioSettings {
    /// Base URL (`https://taskrouter.twilio.com`, or a test server).
    pub url: Url,
    /// Account SID (`AC…`) or API key SID (`SK…`): the basic-auth user.
    pub username: String,
    /// Auth token or API key secret.
    pub secret: Secret,
    /// The workspace (`WS…`).
    pub workspace_sid: String,
    /// Only tasks of this channel (`voice`), or all.
    pub task_channel: Option<String>,
    /// Queues to watch (SIDs or friendly names); empty = every queue of the workspace.
    pub queues: Vec<String>,
    /// The service-level threshold T (TaskRouter has none of its own).
    pub sl_threshold: Duration,
    /// The short-abandon cut S.
    pub short_abandon: Duration,
}

pub struct TwilioPlatform {
    transport: Transport,
    settings: TwilioSettings,
}

impl TwilioPlatform {
    pub fn new(transport: Transport, settings: TwilioSettings) -> Self {
        Self {
            transport,
            settings,
        }
    }

    async fn fetch(&mut self) -> Result<Snapshot, PlatformError> {
        let _ = (&self.transport, &self.settings);
        Err(PlatformError::unreachable(
            "the twilio adapter is being written",
        ))
    }
}

impl Platform for TwilioPlatform {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(self.fetch())
    }
}
