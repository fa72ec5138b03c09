//! The config file (TOML): which platform to poll and how.
//!
//! ```toml
//! [platform]
//! kind = "asterisk"                 # sim | http | twilio | asterisk | genesys
//! url = "http://127.0.0.1:8088"     # base URL; every adapter accepts it
//! username = "floorwatch"
//! secret_env = "FLOORWATCH_SECRET"  # or secret_file = "secret.txt" (mode 600)
//! poll_interval = "5s"
//! ```
//!
//! Like theme files, it is read one key at a time so that every problem in the
//! file is reported (`file:line:column: what is wrong`), not just the first.
//! Which keys a kind needs and allows is the table [`KEYS`]. This module reads
//! text; the caller reads the file and checks secrets and CA files
//! ([`crate::platform::build`]), so `check-config` can report those too.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use reqwest::Url;
use toml::de::{DeTable, DeValue};

mod checklist_ref;
mod reader;
mod rules;

use super::source::{Location, Problem, SourceText};
use reader::{Entry, Reader};

use crate::engine::rules::{Rule, default_rules};
use crate::platform::secret::SecretSource;
use crate::platform::transport::TransportSettings;
pub use checklist_ref::ChecklistRef;

/// The platforms floorwatch can poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlatformKind {
    Sim,
    Http,
    Twilio,
    Asterisk,
    Genesys,
}

impl PlatformKind {
    pub const ALL: [PlatformKind; 5] = [
        PlatformKind::Sim,
        PlatformKind::Http,
        PlatformKind::Twilio,
        PlatformKind::Asterisk,
        PlatformKind::Genesys,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PlatformKind::Sim => "sim",
            PlatformKind::Http => "http",
            PlatformKind::Twilio => "twilio",
            PlatformKind::Asterisk => "asterisk",
            PlatformKind::Genesys => "genesys",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Everything the `[platform]` table says, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct PlatformConfig {
    pub kind: PlatformKind,
    /// Base URL; `None` means the platform's public default (Twilio, Genesys by region).
    pub url: Option<Url>,
    /// Asterisk user, Twilio account or API key SID, Genesys client id, HTTP basic user.
    pub username: Option<String>,
    pub secret: SecretSource,
    pub poll_interval: Duration,
    pub transport: TransportSettings,
    /// The queues to watch (names, SIDs or ids as the platform knows them); empty = all.
    pub queues: Vec<String>,
    /// The service-level threshold T where the platform has none of its own.
    pub sl_threshold: Option<Duration>,
    /// The short-abandon cut S where the platform has none of its own.
    pub short_abandon: Option<Duration>,
    /// Twilio: the TaskRouter workspace (`WS…`).
    pub workspace_sid: Option<String>,
    /// Twilio: only tasks of this channel (`voice`, `chat` …).
    pub task_channel: Option<String>,
    /// Genesys: the region (`eu-central-1`) or its domain (`mypurecloud.de`).
    pub region: Option<String>,
    /// Genesys: only interactions of this media type (`voice`).
    pub media_type: Option<String>,
    /// Genesys: each conversation's Speech and Text Analytics sentiment.
    pub sentiment: bool,
    /// Asterisk: the queues' `wrapuptime`, which AMI does not report.
    pub wrapup_time: Option<Duration>,
    /// Where the file said `kind`, for messages about the platform as a whole.
    pub defined_at: Location,
    /// Where the file names the secret (`secret_env` or `secret_file`), for
    /// what is wrong with it once read.
    pub secret_at: Location,
}

impl PlatformConfig {
    /// The built-in simulator: what runs with no config file.
    pub fn simulator() -> Self {
        Self {
            kind: PlatformKind::Sim,
            url: None,
            username: None,
            secret: SecretSource::None,
            poll_interval: Duration::from_secs(2),
            transport: TransportSettings::default(),
            queues: Vec::new(),
            sl_threshold: None,
            short_abandon: None,
            workspace_sid: None,
            task_channel: None,
            region: None,
            media_type: None,
            sentiment: false,
            wrapup_time: None,
            defined_at: Location {
                origin: "(built in)".into(),
                line: 1,
                column: 1,
            },
            secret_at: Location {
                origin: "(built in)".into(),
                line: 1,
                column: 1,
            },
        }
    }
}

/// Everything a config file says: the platform, the rules, the alert bell.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub platform: PlatformConfig,
    /// The default rules, changed, switched off and added to by `[[rules]]`.
    pub rules: Vec<Rule>,
    /// Ring the terminal bell on a new critical alert (`[alerts] bell`).
    pub bell: bool,
    /// Where rules name checklists, to be checked against the checklists there are.
    pub checklist_refs: Vec<ChecklistRef>,
}

impl Config {
    /// What runs without a config file: the simulator and the default rules.
    pub fn builtin() -> Self {
        Self {
            platform: PlatformConfig::simulator(),
            rules: default_rules(),
            bell: true,
            checklist_refs: Vec::new(),
        }
    }
}

/// Every problem in a config file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {reason}")]
    Read { path: String, reason: String },
    #[error("{}", lines(.problems))]
    Invalid { problems: Vec<Problem> },
}

impl ConfigError {
    pub fn problems(&self) -> &[Problem] {
        match self {
            ConfigError::Invalid { problems } => problems,
            ConfigError::Read { .. } => &[],
        }
    }
}

fn lines(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a key must, may or must not be given for a kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
    No,
}
use Need::{No, Optional as Opt, Required as Req};

/// The `[platform]` keys, and for each kind (sim, http, twilio, asterisk, genesys) whether it applies.
const KEYS: &[(&str, [Need; 5])] = &[
    ("kind", [Req, Req, Req, Req, Req]),
    ("url", [No, Req, Opt, Req, Opt]),
    ("username", [No, Opt, Req, Req, Req]),
    ("secret_env", [No, Opt, Opt, Opt, Opt]),
    ("secret_file", [No, Opt, Opt, Opt, Opt]),
    ("poll_interval", [Opt, Opt, Opt, Opt, Opt]),
    ("connect_timeout", [No, Opt, Opt, Opt, Opt]),
    ("read_timeout", [No, Opt, Opt, Opt, Opt]),
    ("total_timeout", [No, Opt, Opt, Opt, Opt]),
    ("max_response_size", [No, Opt, Opt, Opt, Opt]),
    ("ca_file", [No, Opt, Opt, Opt, Opt]),
    ("queues", [No, No, Opt, Opt, Opt]),
    ("sl_threshold", [No, No, Opt, No, Opt]),
    ("short_abandon", [No, No, Opt, No, No]),
    ("workspace_sid", [No, No, Req, No, No]),
    ("task_channel", [No, No, Opt, No, No]),
    ("region", [No, No, No, No, Opt]),
    ("media_type", [No, No, No, No, Opt]),
    ("sentiment", [No, No, No, No, Opt]),
    ("wrapup_time", [No, No, No, Opt, No]),
];

fn need(key: &str, kind: PlatformKind) -> Option<Need> {
    let column = PlatformKind::ALL.iter().position(|k| *k == kind)?;
    KEYS.iter()
        .find(|(name, _)| *name == key)
        .map(|(_, needs)| needs[column])
}

fn kinds_taking(key: &str) -> String {
    PlatformKind::ALL
        .into_iter()
        .filter(|k| matches!(need(key, *k), Some(Req | Opt)))
        .map(PlatformKind::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads and parses a config file; problems name it by `path` as given.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        path: origin.clone(),
        reason: e.to_string(),
    })?;
    parse(&source, &origin, path.parent().unwrap_or(Path::new(".")))
}

/// Parses a config file's text. Relative paths in it are taken from `base_dir`
/// (the file's directory), so a config works wherever it is run from.
pub fn parse(source: &str, origin: &str, base_dir: &Path) -> Result<Config, ConfigError> {
    let text = SourceText::new(origin, source);
    let document = text
        .parse_toml()
        .map_err(|problems| ConfigError::Invalid { problems })?;
    let mut reader = Reader {
        text: &text,
        base_dir,
        problems: Vec::new(),
        checklist_refs: Vec::new(),
    };
    let config = reader.read_document(document.into_inner());
    match config {
        Some(config) if reader.problems.is_empty() => Ok(config),
        _ => {
            let mut problems = reader.problems;
            problems.sort();
            Err(ConfigError::Invalid { problems })
        }
    }
}

impl<'a> Reader<'a> {
    fn read_document(&mut self, mut document: DeTable<'a>) -> Option<Config> {
        let platform = document.remove("platform");
        let alerts = document.remove("alerts");
        let rules = document.remove("rules");
        for (key, _) in document {
            let message = format!(
                "unknown table or key \"{}\" (a config file has [platform], [alerts] and [[rules]])",
                key.get_ref()
            );
            self.problem(Some(key.span()), message);
        }
        // Without [platform] the simulator runs (a file may only set rules).
        let platform = match platform {
            None => PlatformConfig::simulator(),
            Some(platform) => {
                let span = platform.span();
                match platform.into_inner() {
                    DeValue::Table(table) => self.read_platform(table, span)?,
                    _ => {
                        self.problem(Some(span), "\"platform\" must be a table: [platform]");
                        return None;
                    }
                }
            }
        };
        let settings = alerts.map(|a| self.read_alerts(a)).unwrap_or_default();
        let written = rules.map(|r| self.read_rules(r)).unwrap_or_default();
        let rules = rules::merge(settings.default_rules, written);
        Some(Config {
            platform,
            rules,
            bell: settings.bell,
            checklist_refs: std::mem::take(&mut self.checklist_refs),
        })
    }

    fn read_platform(
        &mut self,
        table: DeTable<'a>,
        table_span: std::ops::Range<usize>,
    ) -> Option<PlatformConfig> {
        let mut entries: Vec<Entry<'a>> = table
            .into_iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().to_string(),
                key_span: key.span(),
                value,
            })
            .collect();
        let kind_at = entries.iter().position(|e| e.key == "kind");
        let Some(kind_entry) = kind_at.map(|i| entries.remove(i)) else {
            self.problem(
                Some(table_span),
                "[platform] needs kind = \"sim\", \"http\", \"twilio\", \"asterisk\" or \"genesys\"",
            );
            return None;
        };
        let kind = self.read_kind(&kind_entry)?;
        let defined_at = self.text.locate(kind_entry.value.span().start);
        let mut config = PlatformConfig {
            kind,
            secret_at: defined_at.clone(),
            defined_at,
            ..PlatformConfig::simulator()
        };
        // A key written with a bad value is reported as bad, not as missing too.
        let written: Vec<String> = std::iter::once(kind_entry.key.clone())
            .chain(entries.iter().map(|e| e.key.clone()))
            .collect();
        for entry in entries {
            self.read_key(&mut config, entry);
        }
        self.check_required(&config, &written, table_span.clone());
        self.check_consistency(&config, table_span);
        Some(config)
    }

    fn read_kind(&mut self, entry: &Entry<'a>) -> Option<PlatformKind> {
        let name = self.value::<String>(entry)?;
        let kind = PlatformKind::from_name(&name);
        if kind.is_none() {
            let names: Vec<_> = PlatformKind::ALL.iter().map(|k| k.name()).collect();
            self.problem(
                Some(entry.value.span()),
                format!(
                    "unknown platform kind {name:?} (expected one of: {})",
                    names.join(", ")
                ),
            );
        }
        kind
    }

    fn read_key(&mut self, config: &mut PlatformConfig, entry: Entry<'a>) {
        match need(&entry.key, config.kind) {
            None => {
                let known: Vec<_> = KEYS.iter().map(|(k, _)| *k).collect();
                let message = format!(
                    "unknown key \"{}\" in [platform] (known keys: {})",
                    entry.key,
                    known.join(", ")
                );
                self.problem(Some(entry.key_span.clone()), message);
                return;
            }
            Some(No) => {
                let message = format!(
                    "\"{}\" does not apply to kind = \"{}\" (it is for: {})",
                    entry.key,
                    config.kind.name(),
                    kinds_taking(&entry.key)
                );
                self.problem(Some(entry.key_span.clone()), message);
                return;
            }
            Some(Req | Opt) => {}
        }
        match entry.key.as_str() {
            "url" => config.url = self.url(&entry),
            "username" => config.username = self.text_value(&entry),
            "secret_env" => {
                if let Some(name) = self.text_value(&entry) {
                    config.secret = SecretSource::Env(name);
                    config.secret_at = self.text.locate(entry.key_span.start);
                }
            }
            "secret_file" => {
                if let Some(path) = self.path(&entry) {
                    config.secret = SecretSource::File(path);
                    config.secret_at = self.text.locate(entry.key_span.start);
                }
            }
            "poll_interval" => {
                let limits = Duration::from_millis(500)..=Duration::from_secs(300);
                if let Some(d) = self.duration_within(&entry, limits) {
                    config.poll_interval = d;
                }
            }
            "connect_timeout" => {
                if let Some(d) = self.duration_within(&entry, timeout_limits()) {
                    config.transport.connect_timeout = d;
                }
            }
            "read_timeout" => {
                if let Some(d) = self.duration_within(&entry, timeout_limits()) {
                    config.transport.read_timeout = d;
                }
            }
            "total_timeout" => {
                if let Some(d) = self.duration_within(&entry, timeout_limits()) {
                    config.transport.total_timeout = d;
                }
            }
            "max_response_size" => {
                if let Some(bytes) = self.size(&entry) {
                    config.transport.max_response_bytes = bytes;
                }
            }
            "ca_file" => config.transport.ca_file = self.path(&entry),
            "queues" => config.queues = self.value::<Vec<String>>(&entry).unwrap_or_default(),
            "sl_threshold" => {
                config.sl_threshold = self.duration_within(&entry, threshold_limits())
            }
            "short_abandon" => {
                config.short_abandon = self.duration_within(&entry, threshold_limits())
            }
            "workspace_sid" => config.workspace_sid = self.sid(&entry, "WS"),
            "task_channel" => config.task_channel = self.text_value(&entry),
            "region" => config.region = self.region(&entry),
            "media_type" => config.media_type = self.text_value(&entry),
            "sentiment" => config.sentiment = self.value::<bool>(&entry).unwrap_or(false),
            "wrapup_time" => {
                config.wrapup_time =
                    self.duration_within(&entry, Duration::ZERO..=Duration::from_secs(3600))
            }
            _ => {}
        }
    }

    fn check_required(
        &mut self,
        config: &PlatformConfig,
        written: &[String],
        table_span: std::ops::Range<usize>,
    ) {
        for (key, _) in KEYS {
            if need(key, config.kind) == Some(Req) && !written.iter().any(|w| w == key) {
                self.problem(
                    Some(table_span.clone()),
                    format!("kind = \"{}\" needs \"{key}\"", config.kind.name()),
                );
            }
        }
    }

    fn check_consistency(&mut self, config: &PlatformConfig, table_span: std::ops::Range<usize>) {
        let needs_secret = matches!(
            config.kind,
            PlatformKind::Twilio | PlatformKind::Asterisk | PlatformKind::Genesys
        );
        if needs_secret && config.secret == SecretSource::None {
            self.problem(
                Some(table_span.clone()),
                format!(
                    "kind = \"{}\" needs a secret: secret_env = \"NAME_OF_VARIABLE\" or secret_file = \"path\"",
                    config.kind.name()
                ),
            );
        }
        if config.kind == PlatformKind::Genesys && config.url.is_none() && config.region.is_none() {
            self.problem(
                Some(table_span.clone()),
                "kind = \"genesys\" needs region = \"…\" (or url for a test server)",
            );
        }
        let t = &config.transport;
        if t.total_timeout < t.connect_timeout {
            self.problem(
                Some(table_span),
                "total_timeout is shorter than connect_timeout: every poll would time out",
            );
        }
    }

    fn url(&mut self, entry: &Entry<'a>) -> Option<Url> {
        let text = self.text_value(entry)?;
        let shown = without_credentials(&text);
        let url = match Url::parse(&text) {
            Ok(url) => url,
            Err(e) => match self.invalid(entry, format!("{shown:?} is not a URL ({e})"))? {},
        };
        if !matches!(url.scheme(), "http" | "https") {
            self.invalid(
                entry,
                format!("{shown:?}: only http:// and https:// URLs are polled"),
            )?;
        }
        if !url.username().is_empty() || url.password().is_some() {
            self.invalid(
                entry,
                "put credentials in username and secret_env, not in the URL (it is shown on screen)".into(),
            )?;
        }
        Some(url)
    }

    fn size(&mut self, entry: &Entry<'a>) -> Option<u64> {
        let text = self.value::<String>(entry)?;
        match parse_size(&text) {
            Some(bytes) if bytes >= 1024 => Some(bytes),
            _ => match self.invalid(
                entry,
                format!("{text:?} is not a size like \"64MiB\" or \"512KiB\" (at least 1KiB)"),
            )? {},
        }
    }

    fn sid(&mut self, entry: &Entry<'a>, prefix: &str) -> Option<String> {
        let text = self.text_value(entry)?;
        let well_formed = text.len() == 34
            && text.starts_with(prefix)
            && text[2..].chars().all(|c| c.is_ascii_hexdigit());
        if !well_formed {
            self.invalid(
                entry,
                format!("{text:?} is not a SID: {prefix} followed by 32 hexadecimal digits"),
            )?;
        }
        Some(text)
    }

    fn region(&mut self, entry: &Entry<'a>) -> Option<String> {
        let text = self.text_value(entry)?;
        if crate::platform::genesys::region_domain(&text).is_none() {
            let known = crate::platform::genesys::REGIONS
                .iter()
                .map(|(region, _)| *region)
                .collect::<Vec<_>>()
                .join(", ");
            self.invalid(
                entry,
                format!(
                    "unknown region {text:?} (known: {known}, or a domain like mypurecloud.de)"
                ),
            )?;
        }
        Some(text)
    }
}

fn timeout_limits() -> std::ops::RangeInclusive<Duration> {
    Duration::from_millis(100)..=Duration::from_secs(120)
}

fn threshold_limits() -> std::ops::RangeInclusive<Duration> {
    Duration::from_secs(1)..=Duration::from_secs(3600)
}

/// "64MiB", "512 KiB", "1048576" → bytes.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "" | "B" => 1,
        "KiB" | "KB" | "K" => 1024,
        "MiB" | "MB" | "M" => 1024 * 1024,
        "GiB" | "GB" | "G" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor)
}

impl fmt::Display for PlatformKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A URL as a problem may quote it: whatever stands between `//` and `@`
/// (a user and password) is left out, even when the rest is not a URL.
fn without_credentials(text: &str) -> String {
    let Some(start) = text.find("//").map(|i| i + 2) else {
        return text.to_owned();
    };
    let authority_end = text[start..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |i| start + i);
    match text[start..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &text[..start], &text[start + at + 1..]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn parse_text(text: &str) -> Result<PlatformConfig, ConfigError> {
        parse(text, "floorwatch.toml", Path::new("/etc/floorwatch")).map(|c| c.platform)
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("64MiB"), Some(64 * 1024 * 1024));
        assert_eq!(parse_size("512 KiB"), Some(512 * 1024));
        assert_eq!(parse_size("2048"), Some(2048));
        assert_eq!(parse_size("lots"), None);
    }

    #[test]
    fn relative_paths_are_taken_from_the_files_directory() {
        let config = parse_text(
            "[platform]\nkind = \"asterisk\"\nurl = \"http://127.0.0.1:8088\"\nusername = \"fw\"\nsecret_file = \"secret\"\nca_file = \"/abs/ca.pem\"\n",
        )
        .unwrap();
        assert_eq!(
            config.secret,
            SecretSource::File("/etc/floorwatch/secret".into())
        );
        assert_eq!(config.transport.ca_file, Some(PathBuf::from("/abs/ca.pem")));
    }

    #[test]
    fn genesys_sentiment_is_a_boolean_and_off_unless_asked_for() {
        let genesys = "[platform]\nkind = \"genesys\"\nregion = \"eu-central-1\"\nusername = \"id\"\nsecret_env = \"S\"\n";
        assert!(!parse_text(genesys).unwrap().sentiment);
        let on = parse_text(&format!("{genesys}sentiment = true\n")).unwrap();
        assert!(on.sentiment);

        let e = parse_text(&format!("{genesys}sentiment = \"yes\"\n")).unwrap_err();
        let shown: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        assert!(
            shown
                .iter()
                .any(|p| p.starts_with("floorwatch.toml:6:") && p.contains("\"sentiment\"")),
            "{shown:#?}"
        );
        let twilio = "[platform]\nkind = \"twilio\"\nsentiment = true\n";
        let e = parse_text(twilio).unwrap_err();
        assert!(
            e.to_string().contains("\"sentiment\" does not apply"),
            "{e}"
        );
    }

    #[test]
    fn a_required_key_with_a_bad_value_is_bad_not_also_missing() {
        let text = "[platform]\nkind = \"asterisk\"\nurl = \"http://u:p@pbx:8088/\"\nusername = \"fw\"\nsecret_env = \"S\"\n";
        let e = parse_text(text).unwrap_err();
        let shown: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1, "{shown:#?}");
        assert!(
            shown[0].starts_with("floorwatch.toml:3:") && shown[0].contains("credentials"),
            "{shown:#?}"
        );
    }

    #[test]
    fn where_the_secret_is_named_is_kept_for_what_is_wrong_with_it() {
        let text = "[platform]\nkind = \"asterisk\"\nurl = \"http://pbx:8088\"\nusername = \"fw\"\n  secret_env = \"S\"\n";
        let config = parse_text(text).unwrap();
        assert_eq!(
            config.secret_at.to_string(),
            "floorwatch.toml:5:3",
            "the key's line and column"
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = "[platform]\nkind = \"twilio\"\nurl = \"ftp://x\"\npoll_interval = \"fast\"\nwrapup_time = \"5s\"\ncolour = 3\n";
        let e = parse_text(text).unwrap_err();
        let shown: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        let has = |line: usize, words: &str| {
            shown
                .iter()
                .any(|p| p.starts_with(&format!("floorwatch.toml:{line}:")) && p.contains(words))
        };
        assert!(has(3, "only http"), "{shown:#?}");
        assert!(has(4, "not a duration"), "{shown:#?}");
        assert!(has(5, "does not apply to kind = \"twilio\""), "{shown:#?}");
        assert!(has(6, "unknown key \"colour\""), "{shown:#?}");
        assert!(
            shown.iter().any(|p| p.contains("needs \"workspace_sid\"")),
            "{shown:#?}"
        );
        assert!(
            shown.iter().any(|p| p.contains("needs a secret")),
            "{shown:#?}"
        );
    }
}
