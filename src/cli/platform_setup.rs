//! From the config file to a polled platform: find the file, read the secret,
//! build the HTTP client, pick the adapter. Every failure here happens before
//! the terminal goes full screen.

use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;

use crate::config::file::{self, Config, ConfigError, PlatformConfig, PlatformKind};
use crate::config::source::Location;
use crate::platform::asterisk::{AsteriskPlatform, AsteriskSettings};
use crate::platform::checked::Checked;
use crate::platform::genesys::{self, GenesysPlatform, GenesysSettings};
use crate::platform::http::HttpPlatform;
use crate::platform::secret::{Scrubber, Secret, SecretError};
use crate::platform::transport::{Transport, TransportError};
use crate::platform::twilio::{self, TwilioPlatform, TwilioSettings};
use crate::platform::{Platform, QueueCapped, Scrubbed};

/// Everything wrong with a config beyond its syntax: secrets, CA files.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    // The cause is in the message and not also a `source`: a report that
    // prints the chain would say it twice.
    /// `at` is where the file names the secret (`file:line:column`).
    #[error("{at}: {error}")]
    Secret { at: Location, error: SecretError },
    #[error("{origin}: kind = \"{kind}\" needs a url")]
    NoUrl { origin: String, kind: PlatformKind },
    #[error("{origin}: {error}")]
    Transport {
        origin: String,
        error: TransportError,
    },
}

/// The config file to use: `--config`, else `FLOORWATCH_CONFIG` (clap reads
/// both), else `config.toml` in the user's config directory if there is one.
pub fn config_path(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = given {
        return Some(path.to_owned());
    }
    let default = directories::ProjectDirs::from("", "", "floorwatch")?
        .config_dir()
        .join("config.toml");
    default.is_file().then_some(default)
}

/// The platform section of the config file, or the simulator without one.
pub fn load_config(path: Option<&Path>) -> Result<Config, ConfigError> {
    match path {
        Some(path) => file::load(path),
        None => Ok(Config::builtin()),
    }
}

/// The config file given (or the default one) read: its platform, or the simulator when
/// there is no file.
pub fn config(given: Option<&Path>) -> anyhow::Result<Config> {
    let path = config_path(given);
    Ok(load_config(path.as_deref())?)
}

/// The adapter for a real platform, and the label the header shows until it answers.
pub fn remote_platform(config: &PlatformConfig) -> Result<(Box<dyn Platform>, String), SetupError> {
    let origin = config.defined_at.origin.clone();
    let secret = config.secret.load().map_err(|error| SetupError::Secret {
        at: config.secret_at.clone(),
        error,
    })?;
    let transport = Transport::new(config.transport.clone())
        .map_err(|error| SetupError::Transport { origin, error })?;
    let scrubber = Scrubber::new(config.username.as_deref(), secret.as_ref());
    // One door for every adapter: more queues than a console watches, or
    // figures no platform could mean, are garbage; and no message out of it
    // carries the secret, whatever the platform echoed.
    let capped = QueueCapped(adapter(config, transport, secret)?);
    let checked = Checked::new(Box::new(capped));
    let platform = Scrubbed::new(Box::new(checked), scrubber);
    Ok((Box::new(platform), label(config)))
}

/// What the log must never show: the configured secret, in every form it
/// is sent in (none when it cannot be read: then nothing was sent).
pub fn scrubber(config: &PlatformConfig) -> Scrubber {
    let secret = config.secret.load().ok().flatten();
    Scrubber::new(config.username.as_deref(), secret.as_ref())
}

fn adapter(
    config: &PlatformConfig,
    transport: Transport,
    secret: Option<Secret>,
) -> Result<Box<dyn Platform>, SetupError> {
    let username = config.username.clone().unwrap_or_default();
    let secret_or_empty = || secret.clone().unwrap_or_else(|| Secret::new(""));
    let url = |default: Option<&str>| {
        config
            .url
            .clone()
            .or_else(|| default.and_then(|d| Url::parse(d).ok()))
            .ok_or_else(|| SetupError::NoUrl {
                origin: config.defined_at.origin.clone(),
                kind: config.kind,
            })
    };
    Ok(match config.kind {
        // The simulator is built by the console itself (it needs the warm-up);
        // a `sim` config with a url reads a `sim serve` over HTTP.
        PlatformKind::Sim | PlatformKind::Http => Box::new(HttpPlatform::new(
            transport,
            url(None)?,
            config.username.clone(),
            secret,
        )),
        PlatformKind::Asterisk => Box::new(AsteriskPlatform::new(
            transport,
            AsteriskSettings {
                url: url(None)?,
                username,
                secret: secret_or_empty(),
                queues: config.queues.clone(),
                wrapup_time: config.wrapup_time.unwrap_or(Duration::ZERO),
            },
        )),
        PlatformKind::Twilio => Box::new(TwilioPlatform::new(
            transport,
            TwilioSettings {
                url: url(Some(twilio::DEFAULT_URL))?,
                username,
                secret: secret_or_empty(),
                workspace_sid: config.workspace_sid.clone().unwrap_or_default(),
                task_channel: config.task_channel.clone(),
                queues: config.queues.clone(),
                sl_threshold: config
                    .sl_threshold
                    .unwrap_or(crate::engine::DEFAULT_SL_THRESHOLD),
                short_abandon: config.short_abandon.unwrap_or(Duration::from_secs(5)),
            },
        )),
        PlatformKind::Genesys => {
            let (api, login) = genesys_urls(config).ok_or_else(|| SetupError::NoUrl {
                origin: config.defined_at.origin.clone(),
                kind: config.kind,
            })?;
            Box::new(GenesysPlatform::new(
                transport,
                GenesysSettings {
                    api_url: api,
                    login_url: login,
                    client_id: username,
                    secret: secret_or_empty(),
                    queues: config.queues.clone(),
                    media_type: config.media_type.clone(),
                    sl_threshold: config.sl_threshold,
                    sentiment: config.sentiment,
                },
            ))
        }
    })
}

/// `url` (a test server, or a proxy) serves both the API and the login; else the region's hosts.
fn genesys_urls(config: &PlatformConfig) -> Option<(Url, Url)> {
    if let Some(url) = &config.url {
        return Some((url.clone(), url.clone()));
    }
    let domain = genesys::region_domain(config.region.as_deref()?)?;
    let api = Url::parse(&format!("https://api.{domain}")).ok()?;
    let login = Url::parse(&format!("https://login.{domain}")).ok()?;
    Some((api, login))
}

fn label(config: &PlatformConfig) -> String {
    let where_ = config
        .url
        .as_ref()
        .and_then(|u| {
            u.host_str()
                .map(|h| format!("{h}:{}", u.port_or_known_default().unwrap_or(0)))
        })
        .or_else(|| config.region.clone())
        .or_else(|| config.workspace_sid.clone())
        .unwrap_or_default();
    format!("{} · {where_}", config.kind)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn genesys_hosts_follow_the_region() {
        let mut config = PlatformConfig::simulator();
        config.kind = PlatformKind::Genesys;
        config.region = Some("eu-central-1".into());
        let (api, login) = genesys_urls(&config).unwrap();
        assert_eq!(api.as_str(), "https://api.mypurecloud.de/");
        assert_eq!(login.as_str(), "https://login.mypurecloud.de/");
    }

    #[test]
    fn our_public_urls_parse() {
        assert!(Url::parse(twilio::DEFAULT_URL).is_ok());
    }
}
