//! The record keeper: a thread that writes incidents to the store, in order,
//! and reports each action only once it is on disk. It never waits on the
//! terminal, and the terminal never waits on it.
//!
//! When the store cannot write (a full disk, a read-only remount, a state
//! directory unusable from the start), the keeper says so, holds the actions
//! in memory in the order they came (at most `HELD_AT_MOST`), and reopens
//! the store with a growing pause between tries: once it opens, what was
//! held is written, in order, and each action reported saved as it lands.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::app::Msg;
use crate::app::incident::Trigger;
use crate::app::saving::HELD_AT_MOST;
use crate::engine::checklist::Action;
use crate::platform::wire::timestamp_to_wire;
use crate::store::records::{IncidentRecord, Monotonic, TriggerRecord};
use crate::store::{AuditRecord, DirLock, MinuteRecord, Store, StoreError};

/// What the keeper is asked to write.
pub enum Job {
    Open {
        local: usize,
        checklist_id: String,
        version: u32,
        title: String,
        source: String,
        /// Boxed: jobs move through a channel, and this keeps every one small.
        trigger: Option<Box<Trigger>>,
        drill: bool,
        first: Action,
        site: Option<String>,
        /// The console's monotonic clock when it happened.
        clock: Monotonic,
    },
    Persist {
        local: usize,
        action: Action,
        clock: Monotonic,
    },
    Audit {
        /// The console's number for it, answered in `Msg::AuditSaved`.
        seq: u64,
        by: String,
        at: crate::model::Timestamp,
        what: &'static str,
        detail: String,
        clock: Monotonic,
    },
    Minute {
        minute: crate::model::Timestamp,
        rows: Vec<crate::app::MinuteRow>,
    },
    /// Read the store (a report asked of the hub), after every write taken
    /// before it; `None` when the store is not open or not writing.
    Read { read: Reading },
}

/// A read of the store: given the store, or `None` when it is not open or
/// not writing (what is held is not in it).
pub type Reading = Box<dyn FnOnce(Option<&Store>) + Send>;

/// The running keeper: where jobs go in, and its thread.
pub struct Keeper {
    jobs: std_mpsc::Sender<Job>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Actions given to the keeper and not written (held, or not kept), as
    /// it last counted them.
    unwritten: Arc<AtomicUsize>,
}

impl Keeper {
    pub fn jobs(&self) -> &std_mpsc::Sender<Job> {
        &self.jobs
    }

    /// Lets the keeper write every job it was given before the console
    /// exits, waiting at most `patience`. Returns how many actions are not
    /// written (the store could not take them in time, or ever).
    pub fn finish(self, patience: std::time::Duration) -> usize {
        let Keeper {
            jobs,
            thread,
            unwritten,
        } = self;
        drop(jobs);
        let Some(thread) = thread else {
            return unwritten.load(Ordering::SeqCst);
        };
        let deadline = std::time::Instant::now() + patience;
        while !thread.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if thread.is_finished() && thread.join().is_err() {
            tracing::error!("the record keeper panicked");
        }
        unwritten.load(Ordering::SeqCst)
    }
}

/// The store as the keeper has it.
pub enum Door {
    /// Open, writing.
    Open(Store),
    /// Closed after a failed write; the directory's lock is still ours.
    Closed(DirLock),
    /// Never opened (the directory was unusable at the start, or held by
    /// another console): tried again from the start.
    Unopened { dir: PathBuf },
    /// Unusable for good (corrupt, or written by a newer floorwatch): why.
    Never(String),
}

impl Door {
    /// Closed, or never opened, for a reason that may pass.
    fn may_reopen(&self) -> bool {
        matches!(self, Door::Closed(_) | Door::Unopened { .. })
    }

    /// Tries to open a closed store: the door as it then is, and why it
    /// is still shut.
    fn reopen(self) -> (Door, Option<StoreError>) {
        match self {
            Door::Open(_) | Door::Never(_) => (self, None),
            Door::Closed(lock) => {
                let dir = lock.dir().to_owned();
                match Store::open_locked(&dir, lock) {
                    Ok(store) => (Door::Open(store), None),
                    Err((e, lock)) => (Door::Closed(lock), Some(e)),
                }
            }
            Door::Unopened { dir } => match Store::open(&dir) {
                Ok(store) => (Door::Open(store), None),
                Err(e) if e.is_transient() => (Door::Unopened { dir }, Some(e)),
                Err(e) => (Door::Never(e.cause()), Some(e)),
            },
        }
    }
}

/// Starts the keeper, knowing the store's id of each incident restored from
/// the last run.
pub fn start(door: Door, restored: Vec<(usize, u64)>, messages: mpsc::Sender<Msg>) -> Keeper {
    let (jobs, inbox) = std_mpsc::channel::<Job>();
    let ids = restored.into_iter().collect();
    let unwritten = Arc::new(AtomicUsize::new(0));
    let keeping = Keeping::new(door, ids, messages, unwritten.clone());
    let thread = std::thread::Builder::new()
        .name("record-keeper".into())
        .spawn(move || keeping.run(&inbox))
        .map_err(|e| tracing::error!("cannot start the record keeper: {e}"))
        .ok();
    Keeper {
        jobs,
        thread,
        unwritten,
    }
}

/// Actions waiting for the store, in order, never more than `cap`.
struct Backlog<T> {
    jobs: VecDeque<T>,
    cap: usize,
    /// Those that came while it was full, and were not kept.
    dropped: usize,
}

impl<T> Backlog<T> {
    fn new(cap: usize) -> Self {
        Self {
            jobs: VecDeque::new(),
            cap,
            dropped: 0,
        }
    }

    /// Holds `job` behind the others; false (and counted) when full.
    fn hold(&mut self, job: T) -> bool {
        if self.jobs.len() >= self.cap {
            self.dropped += 1;
            return false;
        }
        self.jobs.push_back(job);
        true
    }
}

/// The pause before the next try to reopen: 100 ms, doubling to 1 s, so
/// what is held lands within about a second of space coming back.
struct Backoff {
    pause: Duration,
    next: Option<Instant>,
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(100);
    const MOST: Duration = Duration::from_secs(1);

    fn new() -> Self {
        Self {
            pause: Self::FIRST,
            next: None,
        }
    }

    fn failed(&mut self) {
        self.next = Some(Instant::now() + self.pause);
        self.pause = (self.pause * 2).min(Self::MOST);
    }

    fn succeeded(&mut self) {
        *self = Self::new();
    }

    fn is_due(&self) -> bool {
        self.next.is_none_or(|at| Instant::now() >= at)
    }

    fn time_left(&self) -> Duration {
        self.next.map_or(Duration::ZERO, |at| {
            at.saturating_duration_since(Instant::now())
        })
    }
}

/// The keeper's thread: the store, what waits for it, and who to tell.
struct Keeping {
    door: Door,
    /// The store's id of each incident, by the console's local index.
    ids: HashMap<usize, u64>,
    held: Backlog<Job>,
    backoff: Backoff,
    /// Why the store last failed, while it is failing.
    failing: Option<String>,
    messages: mpsc::Sender<Msg>,
    /// Shared with `Keeper`: held plus not kept, for the last word at exit.
    unwritten: Arc<AtomicUsize>,
}

impl Keeping {
    fn new(
        door: Door,
        ids: HashMap<usize, u64>,
        messages: mpsc::Sender<Msg>,
        unwritten: Arc<AtomicUsize>,
    ) -> Self {
        let failing = match &door {
            Door::Open(_) => None,
            Door::Never(why) => Some(why.clone()),
            // Tried at once: the first failure says why.
            Door::Closed(_) | Door::Unopened { .. } => Some(String::new()),
        };
        Self {
            door,
            ids,
            held: Backlog::new(HELD_AT_MOST),
            backoff: Backoff::new(),
            failing,
            messages,
            unwritten,
        }
    }

    /// Until the console is gone and everything it asked for is written
    /// (or can never be).
    fn run(mut self, inbox: &std_mpsc::Receiver<Job>) {
        let mut listening = true;
        loop {
            if listening {
                listening = self.take_in(inbox);
            } else {
                std::thread::sleep(self.backoff.time_left());
            }
            if self.door.may_reopen() && self.backoff.is_due() {
                self.reopen();
            }
            self.write_held();
            if matches!(self.door, Door::Open(_)) {
                self.writes_again();
            }
            self.unwritten
                .store(self.held.jobs.len() + self.held.dropped, Ordering::SeqCst);
            let done = self.held.jobs.is_empty() || matches!(self.door, Door::Never(_));
            if !listening && done {
                return;
            }
        }
    }

    /// Waits for jobs (no longer than the next try to reopen, when one is
    /// due) and takes every one waiting; false once the console is gone.
    fn take_in(&mut self, inbox: &std_mpsc::Receiver<Job>) -> bool {
        let first = if !self.door.may_reopen() {
            inbox
                .recv()
                .map_err(|_| std_mpsc::RecvTimeoutError::Disconnected)
        } else {
            inbox.recv_timeout(self.backoff.time_left().max(Duration::from_millis(10)))
        };
        match first {
            Ok(job) => self.take(job),
            Err(std_mpsc::RecvTimeoutError::Timeout) => return true,
            Err(std_mpsc::RecvTimeoutError::Disconnected) => return false,
        }
        loop {
            match inbox.try_recv() {
                Ok(job) => self.take(job),
                Err(std_mpsc::TryRecvError::Empty) => return true,
                Err(std_mpsc::TryRecvError::Disconnected) => return false,
            }
        }
    }

    /// A read sees every write taken before it: those are written first.
    fn read(&mut self, read: Reading) {
        self.write_held();
        let store = match &self.door {
            Door::Open(store) if self.held.jobs.is_empty() => Some(store),
            _ => None,
        };
        // A report that panics (a bug in it) must not stop the writing.
        let read = std::panic::AssertUnwindSafe(|| read(store));
        if std::panic::catch_unwind(read).is_err() {
            tracing::error!("a report panicked on the record keeper's thread");
        }
    }

    /// Holds an action for the store; a minute of history is written at
    /// once if the store is open, and otherwise let go (it is best effort).
    fn take(&mut self, job: Job) {
        let job = match job {
            Job::Minute { minute, rows } => return self.record_minute(minute, rows),
            Job::Read { read } => return self.read(read),
            job => job,
        };
        let kept = match self.door {
            Door::Never(_) => {
                self.held.dropped += 1;
                false
            }
            _ => self.held.hold(job),
        };
        if !kept {
            self.report_failure();
        }
    }

    fn record_minute(&mut self, minute: crate::model::Timestamp, rows: Vec<crate::app::MinuteRow>) {
        let Door::Open(store) = &self.door else {
            return;
        };
        let rows: Vec<MinuteRecord> = rows
            .into_iter()
            .map(|r| MinuteRecord {
                queue: r.queue,
                waiting: r.waiting,
                longest_wait_s: r.longest_wait_s,
                service_level: r.service_level,
                offered: r.offered,
                answered: r.answered,
                abandoned: r.abandoned,
            })
            .collect();
        // The flush finds a full disk before the operator's next action does.
        if let Err(e) = store
            .record_minute(minute, &rows)
            .and_then(|()| store.flush())
        {
            tracing::warn!("history not kept for a minute: {e}");
            self.close(&e);
        }
    }

    /// Tries the store again. Opening is not yet writing: the console is
    /// told only once a held action is written (or nothing was held).
    fn reopen(&mut self) {
        let (door, shut) = std::mem::replace(&mut self.door, Door::Never(String::new())).reopen();
        self.door = door;
        if let Some(e) = shut {
            self.failing = Some(e.cause());
            self.backoff.failed();
            self.report_failure();
        }
    }

    /// The store took a write after failing: say so, once.
    fn writes_again(&mut self) {
        if self.failing.take().is_some() {
            tracing::info!("the store writes again");
            self.backoff.succeeded();
            self.tell(Msg::SavingAgain);
        }
    }

    /// Writes what is held, oldest first, stopping at the first failure.
    fn write_held(&mut self) {
        while let Door::Open(store) = &self.door
            && let Some(job) = self.held.jobs.front()
        {
            match write(store, &mut self.ids, job) {
                Ok(answer) => {
                    self.held.jobs.pop_front();
                    self.writes_again();
                    if let Some(msg) = answer {
                        self.tell(msg);
                    }
                }
                Err(Unwritten::Lost) => {
                    self.held.jobs.pop_front();
                    self.held.dropped += 1;
                }
                Err(Unwritten::Failed(e)) => {
                    tracing::error!("record keeper: {e}");
                    self.close(&e);
                    return;
                }
            }
        }
    }

    /// The store failed: close it (sled stays failed until reopened) and say so.
    fn close(&mut self, e: &StoreError) {
        let door = std::mem::replace(&mut self.door, Door::Never(String::new()));
        self.door = match door {
            Door::Open(store) => Door::Closed(store.close()),
            other => other,
        };
        self.failing = Some(e.cause());
        self.backoff.failed();
        self.report_failure();
    }

    fn report_failure(&self) {
        let reason = self
            .failing
            .clone()
            .unwrap_or_else(|| crate::app::text::EN.saving.store_not_open.into());
        self.tell(Msg::SaveFailed {
            reason,
            held: self.held.jobs.len(),
            dropped: self.held.dropped,
        });
    }

    /// Once the console is gone nobody listens, but what is held is still written.
    fn tell(&self, msg: Msg) {
        let _ = self.messages.blocking_send(msg);
    }
}

/// Why a held job was not written.
enum Unwritten {
    /// The store failed: try again later.
    Failed(StoreError),
    /// Its incident's opening was not kept (it came over the cap): neither is it.
    Lost,
}

/// Writes one job; what to tell the console once it is on disk.
fn write(
    store: &Store,
    ids: &mut HashMap<usize, u64>,
    job: &Job,
) -> Result<Option<Msg>, Unwritten> {
    match job {
        Job::Open {
            local,
            checklist_id,
            version,
            title,
            source,
            trigger,
            drill,
            first,
            site,
            clock,
        } => {
            let record = IncidentRecord {
                id: 0,
                checklist_id: checklist_id.clone(),
                checklist_version: *version,
                checklist_title: title.clone(),
                checklist_source: source.clone(),
                trigger: trigger.as_deref().cloned().map(|t| TriggerRecord {
                    rule: t.rule,
                    subject: t.subject,
                    description: t.description,
                    value: t.value,
                    severity: Some(t.severity.name().to_owned()),
                    queue: t.queue.map(|q| q.0),
                    metric: t.metric.map(|m| m.name().to_owned()),
                }),
                drill: *drill,
                started_at: timestamp_to_wire(first.at),
                started_by: first.by.clone(),
                site: site.clone(),
            };
            let id = store
                .open_incident_clocked(record, first, Some(clock))
                .map_err(Unwritten::Failed)?;
            ids.insert(*local, id);
            Ok(Some(Msg::Saved {
                local: *local,
                seq: first.seq,
            }))
        }
        Job::Persist {
            local,
            action,
            clock,
        } => {
            let Some(id) = ids.get(local) else {
                return Err(Unwritten::Lost);
            };
            store
                .append_clocked(*id, action, Some(clock))
                .map_err(Unwritten::Failed)?;
            Ok(Some(Msg::Saved {
                local: *local,
                seq: action.seq,
            }))
        }
        Job::Audit {
            seq,
            by,
            at,
            what,
            detail,
            clock,
        } => {
            let entry = AuditRecord {
                seq: 0,
                at: timestamp_to_wire(*at),
                by: by.clone(),
                what: (*what).into(),
                detail: detail.clone(),
                monotonic: Some(clock.clone()),
            };
            store.audit(entry).map_err(Unwritten::Failed)?;
            Ok(Some(Msg::AuditSaved { seq: *seq }))
        }
        Job::Minute { .. } | Job::Read { .. } => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::Backlog;

    #[test]
    fn the_backlog_keeps_order_and_counts_what_it_could_not_hold() {
        let mut held = Backlog::new(3);
        let kept: Vec<bool> = (1..=5).map(|n| held.hold(n)).collect();
        assert_eq!(kept, [true, true, true, false, false]);
        assert_eq!(held.jobs, [1, 2, 3]);
        assert_eq!(held.dropped, 2);
        held.jobs.pop_front();
        assert!(held.hold(6), "room again once one is written");
        assert_eq!(held.jobs, [2, 3, 6]);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod read_tests {
    use super::*;
    use crate::model::Timestamp;

    fn acknowledged(seq: u64) -> Job {
        Job::Audit {
            seq,
            by: "ana".into(),
            at: Timestamp::from_secs(1_795_390_000),
            what: "alert-acknowledged",
            detail: format!("alert {seq}"),
            clock: Monotonic {
                console: "test".into(),
                ms: seq,
            },
        }
    }

    /// What the audit log holds, as a read sees it.
    fn audit_details(store: &Store) -> String {
        let log = store.audit_log().unwrap();
        log.iter()
            .map(|e| e.detail.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// A read job that answers through `answer` with `read` of the store, or `None`.
    fn read_job(
        answer: &std_mpsc::Sender<Option<String>>,
        read: impl FnOnce(&Store) -> String + Send + 'static,
    ) -> Job {
        let answer = answer.clone();
        Job::Read {
            read: Box::new(move |store: Option<&Store>| {
                let _ = answer.send(store.map(read));
            }),
        }
    }

    /// A report asked of the hub sees every action given to the keeper
    /// before it, on a real store: the read runs in order with the writes.
    #[test]
    fn a_read_sees_every_write_given_before_it_and_none_after() {
        let dir = tempfile::tempdir().unwrap();
        let (messages, mut told) = mpsc::channel(64);
        let keeper = start(
            Door::Open(Store::open(dir.path()).unwrap()),
            vec![],
            messages,
        );
        let (answer, answers) = std_mpsc::channel();
        for seq in 1..=3 {
            keeper.jobs().send(acknowledged(seq)).unwrap();
            keeper
                .jobs()
                .send(read_job(&answer, audit_details))
                .unwrap();
        }
        let answers: Vec<_> = (0..3).map(|_| answers.recv().unwrap().unwrap()).collect();
        assert_eq!(
            answers,
            ["alert 1", "alert 1,alert 2", "alert 1,alert 2,alert 3"]
        );
        assert_eq!(keeper.finish(Duration::from_secs(10)), 0);
        let mut saved = Vec::new();
        while let Ok(msg) = told.try_recv() {
            saved.push(match msg {
                Msg::AuditSaved { seq } => seq,
                other => panic!("reads tell the console nothing: {other:?}"),
            });
        }
        assert_eq!(saved, [1, 2, 3]);
    }

    /// With the store not open (live-only, not saving) a read gets no store.
    #[test]
    fn a_read_without_a_store_gets_none() {
        let (messages, _told) = mpsc::channel(64);
        let door = Door::Never("its database is unreadable: corrupt".into());
        let keeper = start(door, vec![], messages);
        let (answer, answers) = std_mpsc::channel();
        keeper
            .jobs()
            .send(read_job(&answer, audit_details))
            .unwrap();
        assert_eq!(answers.recv().unwrap(), None);
        keeper.finish(Duration::from_secs(10));
    }

    /// A report that panics does not stop the keeper: it keeps writing and reading.
    #[test]
    fn a_read_that_panics_does_not_stop_the_writing() {
        let dir = tempfile::tempdir().unwrap();
        let (messages, _told) = mpsc::channel(64);
        let keeper = start(
            Door::Open(Store::open(dir.path()).unwrap()),
            vec![],
            messages,
        );
        let (answer, answers) = std_mpsc::channel();
        keeper
            .jobs()
            .send(read_job(&answer, |_| panic!("a bug in a report")))
            .unwrap();
        keeper.jobs().send(acknowledged(1)).unwrap();
        keeper
            .jobs()
            .send(read_job(&answer, audit_details))
            .unwrap();
        assert_eq!(answers.recv().unwrap().as_deref(), Some("alert 1"));
        assert_eq!(keeper.finish(Duration::from_secs(10)), 0);
    }
}
