//! Logs go to a file, never onto the console's screen. Every line is an exit
//! for outside text (platform errors, names): it is scrubbed of the
//! configured secrets and cleaned, and one event stays one line.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::platform::secret::Scrubber;

/// Where logs go by default: the platform's state directory for floorwatch.
pub fn default_log_file() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "floorwatch")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(dir.join("floorwatch.log"))
}

/// Starts logging to `path`, hiding what `scrubber` knows; returns why not if
/// the file cannot be opened (the console still runs, only without a log).
pub fn init(path: &Path, scrubber: Scrubber) -> Result<(), String> {
    let log = LogFile::open(path, scrubber)?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("FLOORWATCH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(log)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}

/// The log file, written one event at a time.
pub struct LogFile {
    file: Mutex<File>,
    scrubber: Scrubber,
}

impl LogFile {
    pub fn open(path: &Path, scrubber: Scrubber) -> Result<Self, String> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot open log file {}: {e}", path.display()))?;
        Ok(Self {
            file: Mutex::new(file),
            scrubber,
        })
    }

    /// Writes one formatted event as one safe line.
    pub fn write_event(&self, event: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(event);
        let line = safe_line(&text, &self.scrubber);
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.write_all(line.as_bytes())
    }
}

/// An event as the log keeps it: no secret, no control or invisible
/// character, and the breaks inside it shown as ` | ` so it stays one line.
fn safe_line(event: &str, scrubber: &Scrubber) -> String {
    let scrubbed = scrubber.scrub(event.trim_end_matches('\n'));
    let cleaned = crate::untrusted::clean_lines(&scrubbed);
    format!("{}\n", cleaned.replace('\n', " | "))
}

/// One writer per event: the formatter hands each event over in one write.
pub struct EventWriter<'a>(&'a LogFile);

impl Write for EventWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write_event(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogFile {
    type Writer = EventWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        EventWriter(self)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::platform::secret::Secret;

    #[test]
    fn a_log_line_holds_no_secret_and_no_raw_outside_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("floorwatch.log");
        let scrubber = Scrubber::new(Some("fw"), Some(&Secret::new("hunter2")));
        let log = LogFile::open(&path, scrubber).unwrap();
        let event = "WARN poll failed: platform answered garbage: \
                     Queue\x1b]0;pwned\x07\u{202E}\u{E0041}\u{034F}\r\nsecret=hunter2 \
                     authorization: Basic Znc6aHVudGVyMg==\n";
        let mut writer = tracing_subscriber::fmt::MakeWriter::make_writer(&log);
        writer.write_all(event.as_bytes()).unwrap();
        writer.write_all(b"INFO next\n").unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            written.lines().count(),
            2,
            "one event, one line: {written:?}"
        );
        assert!(!written.contains("hunter2") && !written.contains("Znc6aHVudGVyMg=="));
        assert!(
            !written
                .chars()
                .any(|c| c != '\n' && crate::untrusted::is_forbidden(c)),
            "{written:?}"
        );
        assert!(
            written.starts_with("WARN poll failed: platform answered garbage: Queue | secret=")
        );
    }
}
