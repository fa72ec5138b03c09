//! What the adapter is configured with, and where on the organization's hosts it asks.

use std::time::Duration;

use reqwest::Url;

use crate::platform::secret::Secret;

/// What the config file says about a Genesys Cloud organization.
#[derive(Clone, Debug)]
pub struct GenesysSettings {
    /// The API host (`https://api.mypurecloud.de`, or a test server).
    pub api_url: Url,
    /// The login host for OAuth (`https://login.mypurecloud.de`, or the same test server).
    pub login_url: Url,
    /// The OAuth client id (client-credentials grant).
    pub client_id: String,
    pub secret: Secret,
    /// Queue ids to watch; empty = every queue the client may see.
    pub queues: Vec<String>,
    /// Only interactions of this media type (`voice`), or all.
    pub media_type: Option<String>,
    /// Overrides the queues' own service-level threshold.
    pub sl_threshold: Option<Duration>,
    /// Ask Speech and Text Analytics for each conversation in progress (needs
    /// an STA licence and two more permissions, so off unless asked for).
    pub sentiment: bool,
}

/// `base` with `path` appended to whatever path it already has (a proxy prefix).
pub(super) fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let prefix = url.path().trim_end_matches('/').to_owned();
    url.set_path(&format!("{prefix}{path}"));
    url
}
