//! `floorwatch audit`: the audit log, the operator actions kept outside
//! incidents (alerts acknowledged and snoozed, drills started and stopped).

use std::io::Write;

use serde::Serialize;

use super::incidents::{json_text, lines_text, local_rfc3339, local_time};
use crate::store::Store;
use crate::store::records::Monotonic;
use crate::untrusted::clean;

/// One entry as the report gives it.
#[derive(Serialize)]
struct AuditEntry {
    seq: u64,
    /// UTC.
    at: String,
    /// The same moment in the reader's zone, with its offset.
    local: String,
    by: String,
    /// `alert-acknowledged`, `alert-snoozed`, `drill-started`, `drill-stopped` …
    what: String,
    detail: String,
    /// The console's monotonic clock when it happened.
    monotonic: Option<Monotonic>,
}

/// The audit log, oldest first: the text printed, every line and JSON string cleaned.
pub fn audit_log(store: &Store, json: bool) -> anyhow::Result<String> {
    let entries: Vec<AuditEntry> = store
        .audit_log()?
        .into_iter()
        .map(|e| AuditEntry {
            seq: e.seq,
            local: local_rfc3339(&e.at),
            at: e.at,
            by: e.by,
            what: e.what,
            detail: e.detail,
            monotonic: e.monotonic,
        })
        .collect();
    if json {
        return json_text(&entries);
    }
    let mut text = Vec::new();
    if entries.is_empty() {
        writeln!(text, "no audit entries in {}", store.dir().display())?;
    }
    for e in &entries {
        // "alert-acknowledged" → "alert acknowledged": the log's names read as words.
        writeln!(
            text,
            "#{} {} (local {}) {}: {}: {}",
            e.seq,
            e.at,
            local_time(&e.at),
            clean(&e.by),
            clean(&e.what).replace('-', " "),
            clean(&e.detail)
        )?;
    }
    lines_text(&text)
}
