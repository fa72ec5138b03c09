//! The `http` adapter: any endpoint that serves the snapshot contract
//! (`floorwatch.snapshot.v1`), `floorwatch sim serve` among them.
//!
//! The configured URL is used as given when it names a path; a bare base URL
//! (`http://host:8080`) gets `/v1/snapshot`. With a username the request
//! carries HTTP basic auth; with only a secret, a bearer token.

use futures_util::future::BoxFuture;
use reqwest::Url;

use super::secret::Secret;
use super::transport::Transport;
use super::wire::SnapshotV1;
use super::{Platform, PlatformError};
use crate::model::Snapshot;

pub struct HttpPlatform {
    transport: Transport,
    url: Url,
    username: Option<String>,
    secret: Option<Secret>,
}

impl HttpPlatform {
    pub fn new(
        transport: Transport,
        base: Url,
        username: Option<String>,
        secret: Option<Secret>,
    ) -> Self {
        Self {
            transport,
            url: snapshot_url(base),
            username,
            secret,
        }
    }

    async fn fetch(&self) -> Result<Snapshot, PlatformError> {
        let mut request = self.transport.client().get(self.url.clone());
        match (&self.username, &self.secret) {
            (Some(user), secret) => {
                request = request.basic_auth(user, secret.as_ref().map(Secret::expose));
            }
            (None, Some(token)) => request = request.bearer_auth(token.expose()),
            (None, None) => {}
        }
        let reply = self.transport.send(request).await?;
        let wire: SnapshotV1 = reply.json()?;
        wire.into_model().map_err(|e| {
            PlatformError::garbage(format!(
                "{} answered a snapshot that breaks the contract: {e}",
                reply.shown_url
            ))
        })
    }
}

/// `http://host:8080` → `http://host:8080/v1/snapshot`; a URL with a path is kept.
fn snapshot_url(base: Url) -> Url {
    if base.path() == "/" || base.path().is_empty() {
        let mut url = base;
        url.set_path("/v1/snapshot");
        url
    } else {
        base
    }
}

impl Platform for HttpPlatform {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(self.fetch())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_gets_the_snapshot_path() {
        let url = |s: &str| snapshot_url(Url::parse(s).unwrap()).to_string();
        assert_eq!(
            url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/v1/snapshot"
        );
        assert_eq!(
            url("http://127.0.0.1:8080/floor.json"),
            "http://127.0.0.1:8080/floor.json"
        );
    }
}
