//! The record keeper: a thread that writes incidents to the store, in order,
//! and reports each action only once it is on disk. It never waits on the
//! terminal, and the terminal never waits on it.

use std::collections::HashMap;
use std::sync::mpsc as std_mpsc;

use tokio::sync::mpsc;

use crate::app::Msg;
use crate::app::incident::Trigger;
use crate::engine::checklist::Action;
use crate::platform::wire::timestamp_to_wire;
use crate::store::records::{IncidentRecord, Monotonic, TriggerRecord};
use crate::store::{AuditRecord, MinuteRecord, Store};

/// What the keeper is asked to write.
pub enum Job {
    Open {
        local: usize,
        checklist_id: String,
        version: u32,
        title: String,
        source: String,
        trigger: Option<Trigger>,
        drill: bool,
        first: Action,
        /// The console's monotonic clock when it happened.
        clock: Monotonic,
    },
    Persist {
        local: usize,
        action: Action,
        clock: Monotonic,
    },
    Audit {
        by: String,
        at: crate::model::Timestamp,
        what: &'static str,
        detail: String,
    },
    Minute {
        minute: crate::model::Timestamp,
        rows: Vec<crate::app::MinuteRow>,
    },
}

/// The running keeper: where jobs go in, and its thread.
pub struct Keeper {
    jobs: std_mpsc::Sender<Job>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Keeper {
    pub fn jobs(&self) -> &std_mpsc::Sender<Job> {
        &self.jobs
    }

    /// Lets the keeper write every job it was given before the console
    /// exits, waiting at most `patience`. False if it did not finish.
    pub fn finish(self, patience: std::time::Duration) -> bool {
        let Keeper { jobs, thread } = self;
        drop(jobs);
        let Some(thread) = thread else {
            return false;
        };
        let deadline = std::time::Instant::now() + patience;
        while !thread.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        thread.is_finished() && thread.join().is_ok()
    }
}

/// Starts the keeper, knowing the store's id of each incident restored from
/// the last run.
pub fn start(store: Store, restored: Vec<(usize, u64)>, messages: mpsc::Sender<Msg>) -> Keeper {
    let (jobs, inbox) = std_mpsc::channel::<Job>();
    let ids = restored.into_iter().collect();
    let thread = std::thread::Builder::new()
        .name("record-keeper".into())
        .spawn(move || keep(store, ids, inbox, messages))
        .map_err(|e| tracing::error!("cannot start the record keeper: {e}"))
        .ok();
    Keeper { jobs, thread }
}

/// `ids`: the store's id of each incident, by the console's local index.
fn keep(
    store: Store,
    mut ids: HashMap<usize, u64>,
    inbox: std_mpsc::Receiver<Job>,
    messages: mpsc::Sender<Msg>,
) {
    for job in inbox {
        let result = match job {
            Job::Open {
                local,
                checklist_id,
                version,
                title,
                source,
                trigger,
                drill,
                first,
                clock,
            } => {
                let record = IncidentRecord {
                    id: 0,
                    checklist_id,
                    checklist_version: version,
                    checklist_title: title,
                    checklist_source: source,
                    trigger: trigger.map(|t| TriggerRecord {
                        rule: t.rule,
                        subject: t.subject,
                        description: t.description,
                        value: t.value,
                        severity: Some(t.severity.name().to_owned()),
                        queue: t.queue.map(|q| q.0),
                    }),
                    drill,
                    started_at: timestamp_to_wire(first.at),
                    started_by: first.by.clone(),
                };
                store
                    .open_incident_clocked(record, &first, Some(&clock))
                    .map(|id| {
                        ids.insert(local, id);
                        (local, first.seq)
                    })
            }
            Job::Audit {
                by,
                at,
                what,
                detail,
            } => {
                let entry = AuditRecord {
                    seq: 0,
                    at: timestamp_to_wire(at),
                    by,
                    what: what.into(),
                    detail,
                };
                match store.audit(entry) {
                    Ok(_) => continue,
                    Err(e) => Err(e),
                }
            }
            Job::Minute { minute, rows } => {
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
                // History is best effort: a failure is logged, not shouted.
                if let Err(e) = store.record_minute(minute, &rows) {
                    tracing::warn!("history not kept for a minute: {e}");
                }
                continue;
            }
            Job::Persist {
                local,
                action,
                clock,
            } => match ids.get(&local) {
                Some(id) => store
                    .append_clocked(*id, &action, Some(&clock))
                    .map(|()| (local, action.seq)),
                None => Err(crate::store::StoreError::Write {
                    reason: "the incident itself was not saved".into(),
                }),
            },
        };
        let msg = match result {
            Ok((local, seq)) => Msg::Saved { local, seq },
            Err(e) => {
                tracing::error!("record keeper: {e}");
                Msg::SaveFailed {
                    reason: e.to_string(),
                }
            }
        };
        // Once the console is gone nobody listens, but what is queued is still written.
        let _ = messages.blocking_send(msg);
    }
}
