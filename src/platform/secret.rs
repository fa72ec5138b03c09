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

/// What stands in a message where a secret was.
pub const HIDDEN: &str = "<secret hidden>";

/// Takes known secrets out of text: a platform may echo the request back in
/// its answer (the `Authorization` header, the login form), and the answer
/// may be quoted in an error. Each secret is looked for as it is, as a login
/// form and a URL encode it, and inside the `Basic` header (base64 of
/// `user:secret`).
#[derive(Clone, Default)]
pub struct Scrubber {
    /// Every form of every secret, longest first (so no form is half replaced).
    forms: Vec<String>,
}

impl fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Scrubber({} forms hidden)", self.forms.len())
    }
}

impl Scrubber {
    /// A scrubber for `secret`, sent with `user` (its Basic form needs the user).
    pub fn new(user: Option<&str>, secret: Option<&Secret>) -> Self {
        let mut scrubber = Self::default();
        if let Some(secret) = secret {
            scrubber.add(user, secret);
        }
        scrubber
    }

    /// Also hides `secret`.
    pub fn add(&mut self, user: Option<&str>, secret: &Secret) {
        use base64::Engine as _;
        let value = secret.expose();
        if value.is_empty() {
            return;
        }
        let base64 = |text: &str| base64::engine::general_purpose::STANDARD.encode(text);
        let mut forms = vec![
            value.to_owned(),
            form_encoded(value),
            percent_encoded(value),
            value.escape_debug().to_string(),
            base64(value),
        ];
        if let Some(user) = user {
            forms.push(base64(&format!("{user}:{value}")));
        }
        self.forms.extend(forms);
        self.forms
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        self.forms.dedup();
    }

    /// `text` with every known form of every secret replaced by [`HIDDEN`].
    pub fn scrub<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let mut text = std::borrow::Cow::Borrowed(text);
        for form in &self.forms {
            if text.contains(form.as_str()) {
                text = std::borrow::Cow::Owned(text.replace(form.as_str(), HIDDEN));
            }
        }
        text
    }

    /// The error with its reason scrubbed.
    pub fn scrub_error(&self, error: super::PlatformError) -> super::PlatformError {
        use super::PlatformError as E;
        let clean = |reason: String| self.scrub(&reason).into_owned();
        match error {
            E::Unreachable { reason } => E::Unreachable {
                reason: clean(reason),
            },
            E::Garbage { reason } => E::Garbage {
                reason: clean(reason),
            },
            E::CredentialsRejected { reason } => E::CredentialsRejected {
                reason: clean(reason),
            },
            E::NotFound { reason } => E::NotFound {
                reason: clean(reason),
            },
            E::Throttled {
                reason,
                retry_after,
            } => E::Throttled {
                reason: clean(reason),
                retry_after,
            },
        }
    }
}

/// As an HTML form (`application/x-www-form-urlencoded`) sends it: a space is `+`.
fn form_encoded(value: &str) -> String {
    encoded(value, "+")
}

/// As a URL's query or path sends it: a space is `%20`.
fn percent_encoded(value: &str) -> String {
    encoded(value, "%20")
}

fn encoded(value: &str, space: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push_str(space),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
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
    #[error(
        "{} (secret_file): not a regular file ({kind}); give a file that holds only the secret",
        path.display()
    )]
    FileNotRegular { path: PathBuf, kind: &'static str },
    #[error(
        "{} (secret_file): larger than {limit} bytes; a secret file holds only the secret",
        path.display()
    )]
    FileTooLarge { path: PathBuf, limit: u64 },
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

/// The most a secret file may hold: a password, token or client secret is
/// far smaller, and a bigger file is not what the config meant.
pub const MAX_SECRET_FILE_BYTES: u64 = 64 * 1024;

fn load_file(path: &Path) -> Result<Secret, SecretError> {
    let text = read_private_file(path, MAX_SECRET_FILE_BYTES).map_err(|e| match e {
        SmallFileError::Unreadable(e) => SecretError::FileUnreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        },
        SmallFileError::NotRegular(kind) => SecretError::FileNotRegular {
            path: path.to_owned(),
            kind,
        },
        SmallFileError::TooLarge(limit) => SecretError::FileTooLarge {
            path: path.to_owned(),
            limit,
        },
        SmallFileError::TooOpen(mode) => SecretError::FileTooOpen {
            path: path.to_owned(),
            mode,
        },
    })?;
    let text = String::from_utf8(text).map_err(|_| SecretError::FileUnreadable {
        path: path.to_owned(),
        reason: "it is not UTF-8 text".into(),
    })?;
    // A trailing newline from `echo secret > file` is not part of the secret.
    let value = text.trim_end_matches(['\r', '\n']);
    if value.is_empty() {
        return Err(SecretError::FileEmpty {
            path: path.to_owned(),
        });
    }
    Ok(Secret(value.to_owned()))
}

/// Why a small private file could not be read.
#[derive(Debug)]
pub enum SmallFileError {
    Unreadable(std::io::Error),
    /// A FIFO, device, directory or socket: reading one could wait forever
    /// or never end.
    NotRegular(&'static str),
    TooLarge(u64),
    /// Group or others may read it (the mode's permission bits).
    TooOpen(u32),
}

impl std::fmt::Display for SmallFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmallFileError::Unreadable(e) => write!(f, "cannot read it: {e}"),
            SmallFileError::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            SmallFileError::TooLarge(limit) => write!(f, "larger than {limit} bytes"),
            SmallFileError::TooOpen(mode) => write!(f, "readable by others (mode {mode:03o})"),
        }
    }
}

/// Like [`read_small_file`], for a file only its owner may read.
fn read_private_file(path: &Path, limit: u64) -> Result<Vec<u8>, SmallFileError> {
    let metadata = std::fs::metadata(path).map_err(SmallFileError::Unreadable)?;
    check_regular(&metadata)?;
    let mode = permissions_mode(&metadata);
    if mode & 0o077 != 0 {
        return Err(SmallFileError::TooOpen(mode & 0o777));
    }
    read_small_file(path, limit)
}

/// Reads a regular file of at most `limit` bytes. The type is checked before
/// the file is opened, and again on the open handle (opened without
/// blocking, so a file swapped for a FIFO in between cannot hold the start
/// up); the read stops after `limit` bytes.
pub fn read_small_file(path: &Path, limit: u64) -> Result<Vec<u8>, SmallFileError> {
    use std::io::Read as _;
    let metadata = std::fs::metadata(path).map_err(SmallFileError::Unreadable)?;
    check_regular(&metadata)?;
    let file = open_without_blocking(path).map_err(SmallFileError::Unreadable)?;
    let metadata = file.metadata().map_err(SmallFileError::Unreadable)?;
    check_regular(&metadata)?;
    if metadata.len() > limit {
        return Err(SmallFileError::TooLarge(limit));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(SmallFileError::Unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(SmallFileError::TooLarge(limit));
    }
    Ok(bytes)
}

fn check_regular(metadata: &std::fs::Metadata) -> Result<(), SmallFileError> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(SmallFileError::NotRegular(file_kind(&kind)))
}

#[cfg(unix)]
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
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
    fn every_form_of_a_secret_is_hidden() {
        use base64::Engine as _;
        let secret = Secret::new("Hunter2 s3cr3t+/=&");
        let scrubber = Scrubber::new(Some("fw"), Some(&secret));
        let basic = base64::engine::general_purpose::STANDARD.encode("fw:Hunter2 s3cr3t+/=&");
        let echoed = format!(
            "authorization: Basic {basic} | body: action=Login&username=fw&secret=Hunter2+s3cr3t%2B%2F%3D%26 \
             | query ?secret=Hunter2%20s3cr3t%2B%2F%3D%26 | said Hunter2 s3cr3t+/=&"
        );
        let scrubbed = scrubber.scrub(&echoed);
        assert!(!scrubbed.contains("Hunter2"), "{scrubbed}");
        assert!(!scrubbed.contains(&basic), "{scrubbed}");
        assert_eq!(scrubbed.matches(HIDDEN).count(), 4, "{scrubbed}");
        assert!(
            scrubbed.contains("username=fw"),
            "the rest is kept: {scrubbed}"
        );
        assert_eq!(Scrubber::new(None, None).scrub("nothing"), "nothing");
        assert!(!format!("{scrubber:?}").contains("Hunter2"));
    }

    #[test]
    fn a_missing_variable_is_named() {
        let name = "FLOORWATCH_TEST_SURELY_UNSET_VARIABLE";
        let e = SecretSource::Env(name.into()).load().unwrap_err();
        assert!(e.to_string().contains(name));
    }
}
