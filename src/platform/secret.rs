//! Secrets: read from the environment variable the config names, or from a
//! file only its owner can read; never shown, logged, stored or exported.
//! [`Secret`] has no `Display` and a `Debug` that hides the value, so it
//! cannot reach a message by accident.

use std::fmt;
use std::path::{Path, PathBuf};

/// A password, token or client secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value, for the one place that sends it to the platform.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<hidden>)")
    }
}

/// Where the config says the secret is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SecretSource {
    #[default]
    None,
    /// The name of an environment variable (`secret_env`).
    Env(String),
    /// A file readable by its owner only (`secret_file`).
    File(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("environment variable {name} (secret_env) is not set")]
    EnvMissing { name: String },
    #[error("environment variable {name} (secret_env) is empty or not UTF-8")]
    EnvUnusable { name: String },
    #[error("{} (secret_file): cannot read it: {reason}", path.display())]
    FileUnreadable { path: PathBuf, reason: String },
    #[error(
        "{} (secret_file): readable by others (mode {mode:03o}); run `chmod 600` on it",
        path.display()
    )]
    FileTooOpen { path: PathBuf, mode: u32 },
    #[error("{} (secret_file): the file is empty", path.display())]
    FileEmpty { path: PathBuf },
}

impl SecretSource {
    /// Reads the secret now (at start, and again after credentials are rejected).
    pub fn load(&self) -> Result<Option<Secret>, SecretError> {
        match self {
            SecretSource::None => Ok(None),
            SecretSource::Env(name) => load_env(name).map(Some),
            SecretSource::File(path) => load_file(path).map(Some),
        }
    }
}

fn load_env(name: &str) -> Result<Secret, SecretError> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(Secret(value)),
        Ok(_) | Err(std::env::VarError::NotUnicode(_)) => {
            Err(SecretError::EnvUnusable { name: name.into() })
        }
        Err(std::env::VarError::NotPresent) => Err(SecretError::EnvMissing { name: name.into() }),
    }
}

fn load_file(path: &Path) -> Result<Secret, SecretError> {
    let unreadable = |e: std::io::Error| SecretError::FileUnreadable {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    let mode = permissions_mode(&metadata);
    if mode & 0o077 != 0 {
        return Err(SecretError::FileTooOpen {
            path: path.to_owned(),
            mode: mode & 0o777,
        });
    }
    let text = std::fs::read_to_string(path).map_err(unreadable)?;
    // A trailing newline from `echo secret > file` is not part of the secret.
    let value = text.trim_end_matches(['\r', '\n']);
    if value.is_empty() {
        return Err(SecretError::FileEmpty {
            path: path.to_owned(),
        });
    }
    Ok(Secret(value.to_owned()))
}

#[cfg(unix)]
fn permissions_mode(metadata: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode()
}

#[cfg(not(unix))]
fn permissions_mode(_: &std::fs::Metadata) -> u32 {
    0o600
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_file_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, "hunter2\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = SecretSource::File(path.clone()).load().unwrap_err();
        assert_eq!(
            e,
            SecretError::FileTooOpen {
                path: path.clone(),
                mode: 0o644
            }
        );
        assert!(!e.to_string().contains("hunter2"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let secret = SecretSource::File(path).load().unwrap().unwrap();
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn a_missing_variable_is_named() {
        let name = "FLOORWATCH_TEST_SURELY_UNSET_VARIABLE";
        let e = SecretSource::Env(name.into()).load().unwrap_err();
        assert!(e.to_string().contains(name));
    }
}
