//! The OAuth client-credentials grant: the client id and secret travel in a
//! Basic `Authorization` header to `{login}/oauth/token`, never in a URL or a
//! message; the access token is kept as a [`Secret`] so it cannot be printed.

use std::time::{Duration, Instant};

use serde::Deserialize;

use super::super::PlatformError;
use super::super::secret::Secret;
use super::super::transport::Transport;
use super::settings::{GenesysSettings, endpoint};

/// Renew this long before the token expires, so no request carries a token
/// that dies on its way.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

pub struct Token {
    value: Secret,
    refresh_at: Instant,
}

impl Token {
    pub fn value(&self) -> &Secret {
        &self.value
    }

    pub fn is_fresh(&self) -> bool {
        Instant::now() < self.refresh_at
    }
}

/// What the token endpoint answers (`token_type` is always `bearer`).
#[derive(Deserialize)]
struct Grant {
    access_token: Option<String>,
    expires_in: Option<u64>,
}

/// Asks the login host for a new access token.
pub async fn request(
    transport: &Transport,
    settings: &GenesysSettings,
) -> Result<Token, PlatformError> {
    let url = endpoint(&settings.login_url, "/oauth/token");
    let request = transport
        .client()
        .post(url)
        .basic_auth(&settings.client_id, Some(settings.secret.expose()))
        .form(&[("grant_type", "client_credentials")]);
    let asked_at = Instant::now();
    let reply = transport
        .send(request)
        .await
        .map_err(|e| refused(e, &settings.client_id))?;
    let grant: Grant = reply.json()?;
    let value = grant
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            PlatformError::garbage(format!(
                "{} answered the client-credentials grant without an access_token",
                reply.shown_url
            ))
        })?;
    // Without an expiry we cannot know how long the token lives: use it for
    // this poll only.
    // A lifetime past any Genesys grants is read as the longest it grants:
    // renewing early costs one request, and an instant past the end of time panics.
    let lifetime = Duration::from_secs(grant.expires_in.unwrap_or(0)).min(MAX_LIFETIME);
    Ok(Token {
        value: Secret::new(value),
        refresh_at: asked_at + lifetime.saturating_sub(REFRESH_MARGIN),
    })
}

/// Genesys tokens live a day by default, two at most.
const MAX_LIFETIME: Duration = Duration::from_secs(2 * 86_400);

/// The token endpoint answers a wrong client id or secret with 401, and a
/// malformed or disabled client with 400: both are the credentials, not the
/// network. The message names the client id; the secret never appears.
fn refused(e: PlatformError, client_id: &str) -> PlatformError {
    let reason = match e {
        PlatformError::CredentialsRejected { reason } => reason,
        // The transport calls a 400 garbage; its message is "<url> answered HTTP 400 …".
        PlatformError::Garbage { reason } if reason.contains(" answered HTTP 400") => reason,
        other => return other,
    };
    PlatformError::credentials(format!(
        "{reason}: the token endpoint refused OAuth client {client_id:?} (check the client id and secret)"
    ))
}
