//! The store: incidents and their journal of actions, in sled under the
//! state directory. An I/O edge: the core never sees it.
//!
//! Every write is flushed before it returns `Ok`, so a caller shows an action
//! as done only once it is on disk (sled's `flush` is not a full fsync on
//! Linux: a power cut can lose what the disk cache held; the `Store` API is
//! what would move to redb, which syncs).
//! The journal is append-only: a key is written once and never rewritten; an
//! undo is a new entry. One console holds a state directory at a time; a
//! second is told which process holds it. The schema is versioned.
//!
//! A store that fails to write (a full disk, a read-only remount) stays
//! failed in sled until it is opened again, so the record keeper closes it
//! and reopens it, keeping the directory's lock: every write is safe to
//! repeat after such a failure, since it may have reached the disk before
//! the flush reported the error. A read-only or full directory can still be
//! read through a scratch copy (`open_for_reading`).

pub mod records;

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use records::{ActionRecord, IncidentRecord, Monotonic};

use crate::engine::checklist::Action;
use crate::model::Timestamp;

/// The layout of the data this build writes.
pub const SCHEMA_VERSION: u32 = 1;

const LOCK_FILE: &str = "floorwatch.lock";
/// A report waits this long in all for a directory whose holder is letting go.
const LOCK_RETRIES: u32 = 40;
const LOCK_RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state directory {} is in use by another floorwatch ({holder}); one console per state directory (use --state-dir to pick another)", dir.display())]
    InUse { dir: PathBuf, holder: String },
    #[error("cannot open the state directory {}: {reason}", dir.display())]
    Open { dir: PathBuf, reason: String },
    #[error("state directory {} holds schema {found}, newer than this floorwatch ({SCHEMA_VERSION}); upgrade floorwatch", dir.display())]
    Schema { dir: PathBuf, found: u32 },
    #[error("cannot write: {reason}")]
    Write { reason: String },
    #[error("cannot read: {reason}")]
    Unreadable { reason: String },
    #[error("the store holds something unreadable ({what}): {reason}")]
    Corrupt { what: String, reason: String },
    #[error("journal entry {incident}/{seq} already exists; the journal is append-only")]
    Duplicate { incident: u64, seq: u32 },
}

/// An operator action outside incidents, as the audit log keeps it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuditRecord {
    pub seq: u64,
    pub at: String,
    pub by: String,
    /// `alert-acknowledged`, `alert-snoozed`, `drill-started`, `drill-stopped` …
    pub what: String,
    pub detail: String,
    /// The console's monotonic clock when it happened; it also tells a
    /// repeated write of one entry from two entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monotonic: Option<Monotonic>,
}

/// One queue's figures for one minute (the history kept for trends and reviews).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MinuteRecord {
    pub queue: String,
    pub waiting: u32,
    pub longest_wait_s: Option<f64>,
    pub service_level: Option<f64>,
    pub offered: Option<u64>,
    pub answered: Option<u64>,
    pub abandoned: Option<u64>,
}

/// Queue id, a zero byte, then the minute: one queue's minutes sort together, in time order.
fn history_key(queue: &str, minute: Timestamp) -> Vec<u8> {
    let mut key = queue.as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(&minute.as_millis().to_be_bytes());
    key
}

/// One incident as stored: how it began and every action since.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredIncident {
    pub record: IncidentRecord,
    pub actions: Vec<Action>,
    /// Each action's monotonic reading, when a console made one.
    pub clocks: Vec<Option<Monotonic>>,
}

pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    incidents: sled::Tree,
    journal: sled::Tree,
    audit: sled::Tree,
    history: sled::Tree,
    /// Held for the store's life: the advisory lock that keeps a second console out.
    lock: DirLock,
    /// The scratch copy a read-only directory is read through, removed with the store.
    _scratch: Option<Scratch>,
}

/// A state directory's lock, held by one console at a time.
pub struct DirLock {
    dir: PathBuf,
    _file: File,
}

impl DirLock {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl StoreError {
    /// What is wrong, without the directory (the console shows it at 80
    /// columns, where a path would push the cause out of sight).
    pub fn cause(&self) -> String {
        match self {
            StoreError::InUse { holder, .. } => format!("in use by another floorwatch ({holder})"),
            StoreError::Open { reason, .. } => reason.clone(),
            StoreError::Corrupt { reason, .. } => format!("its database is unreadable: {reason}"),
            StoreError::Schema { found, .. } => {
                format!("it holds schema {found}, newer than this floorwatch ({SCHEMA_VERSION})")
            }
            other => other.to_string(),
        }
    }

    /// Whether the directory may become usable again by itself (space freed,
    /// a remount, the other console gone); a corrupt or newer store will not.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            StoreError::InUse { .. }
                | StoreError::Open { .. }
                | StoreError::Write { .. }
                | StoreError::Unreadable { .. }
        )
    }
}

impl Store {
    /// Opens (or creates) the store in `dir`, taking the directory's lock.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            dir: dir.to_owned(),
            reason: e.to_string(),
        })?;
        let lock = take_lock(dir)?;
        Store::open_locked(dir, lock).map_err(|(e, _)| e)
    }

    /// Opens the store under a lock already held; gives the lock back on failure.
    pub fn open_locked(dir: &Path, lock: DirLock) -> Result<Store, (StoreError, DirLock)> {
        match open_trees(dir) {
            Ok((db, [incidents, journal, audit, history])) => Ok(Store {
                dir: dir.to_owned(),
                db,
                incidents,
                journal,
                audit,
                history,
                lock,
                _scratch: None,
            }),
            Err(e) => Err((e, lock)),
        }
    }

    /// Closes the database and keeps the directory's lock (to open it again
    /// once a failed write has cleared: sled stays failed until reopened).
    pub fn close(self) -> DirLock {
        self.lock
    }

    /// Opens the store to read it. A directory that cannot be opened for
    /// writing (read-only, full, not ours) is read through a scratch copy of
    /// its database in the temp directory; nothing is written to the original.
    pub fn open_for_reading(dir: &Path) -> Result<Store, StoreError> {
        let refused = match Store::open_when_free(dir) {
            Err(refused @ StoreError::Open { .. }) if dir.join("db").is_dir() => refused,
            other => return other,
        };
        let scratch = Scratch::copy_of(&dir.join("db")).map_err(|e| StoreError::Open {
            dir: dir.to_owned(),
            reason: format!("{refused}; and a copy to read could not be made: {e}"),
        })?;
        let mut store = Store::open(&scratch.0)?;
        store.dir = dir.to_owned();
        store._scratch = Some(scratch);
        Ok(store)
    }

    /// `open`, waiting a moment for a holder that is letting go: a console
    /// quitting as a report starts, or a process being started elsewhere that
    /// briefly shares the lock's file until it runs its own program.
    fn open_when_free(dir: &Path) -> Result<Store, StoreError> {
        let mut tries = 0;
        loop {
            match Store::open(dir) {
                Err(StoreError::InUse { .. }) if tries < LOCK_RETRIES => {
                    tries += 1;
                    std::thread::sleep(LOCK_RETRY_PAUSE);
                }
                other => return other,
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Records a new incident and its first action; returns its id once on disk.
    pub fn open_incident(
        &self,
        record: IncidentRecord,
        started: &Action,
    ) -> Result<u64, StoreError> {
        self.open_incident_clocked(record, started, None)
    }

    /// `open_incident`, with the console's monotonic reading of the start.
    pub fn open_incident_clocked(
        &self,
        mut record: IncidentRecord,
        started: &Action,
        clock: Option<&Monotonic>,
    ) -> Result<u64, StoreError> {
        if let Some(id) = self.already_opened(&record, started, clock)? {
            self.flush()?;
            return Ok(id);
        }
        let id = self.next_incident_id()?;
        record.id = id;
        let bytes = to_json(&record)?;
        // The first action before the header: sled recovers a prefix of its
        // writes, so a header on disk always has its start with it.
        self.write_action(id, started, clock)?;
        self.incidents
            .insert(id.to_be_bytes(), bytes)
            .map_err(write_error)?;
        self.flush()?;
        Ok(id)
    }

    /// Appends one action to an incident's journal; `Ok` only once it is on disk.
    pub fn append(&self, incident: u64, action: &Action) -> Result<(), StoreError> {
        self.append_clocked(incident, action, None)
    }

    /// `append`, with the console's monotonic reading of when it happened.
    pub fn append_clocked(
        &self,
        incident: u64,
        action: &Action,
        clock: Option<&Monotonic>,
    ) -> Result<(), StoreError> {
        self.write_action(incident, action, clock)?;
        self.flush()
    }

    /// Appends an operator action outside incidents (an alert acknowledged or
    /// snoozed, a drill started) to the audit log, under the next sequence
    /// number; `Ok` only once it is on disk.
    pub fn audit(&self, mut entry: AuditRecord) -> Result<u64, StoreError> {
        let last = self.audit.last().map_err(read_error)?;
        let seq = match &last {
            Some((key, _)) => u64::from_be_bytes(key.as_ref().try_into().unwrap_or([0; 8])) + 1,
            None => 1,
        };
        // A write repeated after a failed flush that reached the disk anyway.
        if let Some((_, value)) = &last
            && let Ok(previous) = from_json::<AuditRecord>(value, "audit entry")
            && entry.monotonic.is_some()
            && (AuditRecord {
                seq: previous.seq,
                ..entry.clone()
            }) == previous
        {
            self.flush()?;
            return Ok(previous.seq);
        }
        entry.seq = seq;
        let bytes = to_json(&entry)?;
        self.audit
            .insert(seq.to_be_bytes(), bytes)
            .map_err(write_error)?;
        self.flush()?;
        Ok(seq)
    }

    /// The audit log, in order.
    pub fn audit_log(&self) -> Result<Vec<AuditRecord>, StoreError> {
        self.audit
            .iter()
            .map(|entry| {
                let (_, value) = entry.map_err(read_error)?;
                from_json(&value, "audit entry")
            })
            .collect()
    }

    /// Keeps one minute's figures per queue (best effort: flushed with the next write).
    pub fn record_minute(
        &self,
        minute: Timestamp,
        rows: &[MinuteRecord],
    ) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for row in rows {
            batch.insert(history_key(&row.queue, minute), to_json(row)?);
        }
        self.history.apply_batch(batch).map_err(write_error)
    }

    /// One queue's recorded minutes from `since` on, oldest first.
    pub fn history(
        &self,
        queue: &str,
        since: Timestamp,
    ) -> Result<Vec<(Timestamp, MinuteRecord)>, StoreError> {
        self.history
            .range(history_key(queue, since)..history_key(queue, Timestamp::from_millis(i64::MAX)))
            .map(|entry| {
                let (key, value) = entry.map_err(read_error)?;
                let millis = key.len().checked_sub(8).map_or(0, |at| {
                    i64::from_be_bytes(key[at..].try_into().unwrap_or([0; 8]))
                });
                Ok((
                    Timestamp::from_millis(millis),
                    from_json(&value, "history")?,
                ))
            })
            .collect()
    }

    /// Forgets minutes older than `before` (the retention); returns how many went.
    pub fn prune_history(&self, before: Timestamp) -> Result<usize, StoreError> {
        let mut old = Vec::new();
        for entry in self.history.iter() {
            let (key, _) = entry.map_err(read_error)?;
            let at = key.len().checked_sub(8).map_or(i64::MAX, |i| {
                i64::from_be_bytes(key[i..].try_into().unwrap_or([0; 8]))
            });
            if at < before.as_millis() {
                old.push(key);
            }
        }
        let mut batch = sled::Batch::default();
        for key in &old {
            batch.remove(key.clone());
        }
        self.history.apply_batch(batch).map_err(write_error)?;
        self.flush()?;
        Ok(old.len())
    }

    /// Every incident, oldest first, with its actions in order.
    pub fn incidents(&self) -> Result<Vec<StoredIncident>, StoreError> {
        self.incidents
            .iter()
            .map(|entry| {
                let (key, value) = entry.map_err(read_error)?;
                let record: IncidentRecord = from_json(&value, "incident")?;
                let (actions, clocks) = self.actions_of(&key)?;
                Ok(StoredIncident {
                    record,
                    actions,
                    clocks,
                })
            })
            .collect()
    }

    pub fn incident(&self, id: u64) -> Result<Option<StoredIncident>, StoreError> {
        let Some(value) = self.incidents.get(id.to_be_bytes()).map_err(read_error)? else {
            return Ok(None);
        };
        let record: IncidentRecord = from_json(&value, "incident")?;
        let (actions, clocks) = self.actions_of(&id.to_be_bytes())?;
        Ok(Some(StoredIncident {
            record,
            actions,
            clocks,
        }))
    }

    /// An incident's actions in order, with their monotonic readings.
    fn actions_of(
        &self,
        incident_key: &[u8],
    ) -> Result<(Vec<Action>, Vec<Option<Monotonic>>), StoreError> {
        let records = self
            .journal
            .scan_prefix(incident_key)
            .map(|entry| {
                let (_, value) = entry.map_err(read_error)?;
                let record: ActionRecord = from_json(&value, "journal entry")?;
                let action = record.to_action().map_err(|reason| StoreError::Corrupt {
                    what: "journal entry".into(),
                    reason,
                })?;
                Ok((action, record.monotonic))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(records.into_iter().unzip())
    }

    fn write_action(
        &self,
        incident: u64,
        action: &Action,
        clock: Option<&Monotonic>,
    ) -> Result<(), StoreError> {
        let mut key = incident.to_be_bytes().to_vec();
        key.extend_from_slice(&action.seq.to_be_bytes());
        let record = ActionRecord {
            monotonic: clock.cloned(),
            ..ActionRecord::of(action)
        };
        let bytes = to_json(&record)?;
        // Append-only: a key that exists is never written again, but the
        // same entry written again (a retry after a failed flush) is no error.
        let swapped = self
            .journal
            .compare_and_swap(key, None as Option<&[u8]>, Some(bytes.clone()))
            .map_err(write_error)?;
        match swapped {
            Ok(()) => Ok(()),
            Err(held) if held.current.as_deref() == Some(bytes.as_slice()) => Ok(()),
            Err(_) => Err(StoreError::Duplicate {
                incident,
                seq: action.seq,
            }),
        }
    }

    /// The id of `record` if it is already the newest incident, with
    /// `started` as its first action at the same monotonic reading (a retry
    /// of an open whose flush failed). Without a reading, two opens are two.
    fn already_opened(
        &self,
        record: &IncidentRecord,
        started: &Action,
        clock: Option<&Monotonic>,
    ) -> Result<Option<u64>, StoreError> {
        let Some(clock) = clock else {
            return Ok(None);
        };
        let Some((key, value)) = self.incidents.last().map_err(read_error)? else {
            return Ok(None);
        };
        let newest: IncidentRecord = from_json(&value, "incident")?;
        let same = IncidentRecord {
            id: newest.id,
            ..record.clone()
        } == newest;
        let (actions, clocks) = self.actions_of(&key)?;
        let same_start = actions.first() == Some(started)
            && clocks.first().and_then(Option::as_ref) == Some(clock);
        Ok((same && same_start).then_some(newest.id))
    }

    fn next_incident_id(&self) -> Result<u64, StoreError> {
        let last = self.incidents.last().map_err(read_error)?;
        Ok(match last {
            Some((key, _)) => u64::from_be_bytes(key.as_ref().try_into().unwrap_or([0; 8])) + 1,
            None => 1,
        })
    }

    /// Writes out everything written so far (the history is kept without a
    /// flush of its own); a failure here is the disk saying it cannot write.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(|_| ()).map_err(write_error)
    }
}

/// Opens sled in `dir/db` and the trees the store keeps, checking the schema.
fn open_trees(dir: &Path) -> Result<(sled::Db, [sled::Tree; 4]), StoreError> {
    let failed = |e: sled::Error| match e {
        sled::Error::Corruption { .. } => StoreError::Corrupt {
            what: format!("the database in {}", dir.display()),
            reason: e.to_string(),
        },
        _ => StoreError::Open {
            dir: dir.to_owned(),
            reason: sled_reason(&e),
        },
    };
    let db = open_db(&dir.join("db")).map_err(failed)?;
    let tree = |name: &str| db.open_tree(name).map_err(failed);
    let trees = [
        tree("incidents")?,
        tree("journal")?,
        tree("audit")?,
        tree("history")?,
    ];
    check_schema(dir, &tree("meta")?)?;
    db.flush().map_err(failed)?;
    Ok((db, trees))
}

/// A copy of a database in the temp directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn copy_of(db: &Path) -> std::io::Result<Scratch> {
        static COPIES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("floorwatch-read-{}-{n}", std::process::id()));
        let scratch = Scratch(root);
        copy_dir(db, &scratch.0.join("db"))?;
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Opens sled. Our own lock is held, so sled's can only be busy for a moment:
/// a store dropped in this process releases it from a background thread.
fn open_db(path: &Path) -> sled::Result<sled::Db> {
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(64 * 1024 * 1024);
    let mut attempts = 0;
    loop {
        match config.open() {
            Err(sled::Error::Io(e)) if is_lock_busy(&e) && attempts < 100 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// sled reports its busy lock as a plain error wrapping EWOULDBLOCK.
fn is_lock_busy(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock || e.to_string().contains("could not acquire lock")
}

/// Takes the directory's lock, or says who holds it.
fn take_lock(dir: &Path) -> Result<DirLock, StoreError> {
    let path = dir.join(LOCK_FILE);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| StoreError::Open {
            dir: dir.to_owned(),
            reason: format!("{LOCK_FILE}: {e}"),
        })?;
    if file.try_lock().is_err() {
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        let holder = holder.trim();
        return Err(StoreError::InUse {
            dir: dir.to_owned(),
            holder: if holder.is_empty() {
                "a process that has not said who it is".into()
            } else {
                holder.into()
            },
        });
    }
    let me = format!(
        "pid {}, started {}",
        std::process::id(),
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
    );
    let _ = file.set_len(0);
    let _ = file.write_all(me.as_bytes());
    let _ = file.sync_all();
    Ok(DirLock {
        dir: dir.to_owned(),
        _file: file,
    })
}

fn check_schema(dir: &Path, meta: &sled::Tree) -> Result<(), StoreError> {
    let found = meta.get("schema").map_err(read_error)?;
    match found.and_then(|v| v.as_ref().try_into().ok().map(u32::from_be_bytes)) {
        Some(version) if version > SCHEMA_VERSION => Err(StoreError::Schema {
            dir: dir.to_owned(),
            found: version,
        }),
        Some(_) => Ok(()),
        None => meta
            .insert("schema", &SCHEMA_VERSION.to_be_bytes())
            .map(|_| ())
            .map_err(write_error),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Write {
        reason: e.to_string(),
    })
}

fn from_json<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        what: what.into(),
        reason: e.to_string(),
    })
}

fn write_error(e: sled::Error) -> StoreError {
    StoreError::Write {
        reason: sled_reason(&e),
    }
}

/// sled's error in the operator's words: an I/O error as the system says it
/// ("No space left on device (os error 28)"), not sled's debug form.
fn sled_reason(e: &sled::Error) -> String {
    match e {
        sled::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// A read that failed: corrupt data, or the disk failing under sled (which
/// then fails every call until reopened; a full disk is no corruption).
fn read_error(e: sled::Error) -> StoreError {
    match e {
        sled::Error::Corruption { .. } => StoreError::Corrupt {
            what: "the database".into(),
            reason: e.to_string(),
        },
        other => StoreError::Unreadable {
            reason: sled_reason(&other),
        },
    }
}

#[cfg(test)]
mod tests;
