//! The closed vocabularies: what can happen, and what the core asks of the world.

use super::Key;
use super::incident::Trigger;
use crate::engine::checklist::{Action, Run};
use crate::model::{PollFailure, Snapshot, Timestamp};

#[derive(Clone, Debug)]
pub enum Msg {
    /// The operator pressed a key.
    KeyPressed(Key),
    /// The operator pressed a key, read by the shell at `at` (wall clock):
    /// a checklist that just appeared tells a key typed into the moment it
    /// appeared from a deliberate one.
    KeyPressedAt { key: Key, at: Timestamp },
    /// A poll succeeded; `at` is the wall clock when it arrived.
    FloorObserved { snapshot: Snapshot, at: Timestamp },
    /// A poll failed; the failure is already free of secrets.
    PollFailed { at: Timestamp, failure: PollFailure },
    /// The wall clock moved on (once a second).
    Ticked(Timestamp),
    /// The terminal is now `rows` high.
    Resized { rows: u16 },
    /// The store has an incident's actions up to `seq` on disk.
    Saved { local: usize, seq: u32 },
    /// The store has the audit log up to the console's entry `seq` on disk.
    AuditSaved { seq: u64 },
    /// The store could not write: nothing since counts as saved. The keeper
    /// holds `held` actions in memory to write later and could not hold `dropped`.
    SaveFailed {
        reason: String,
        held: usize,
        dropped: usize,
    },
    /// The store writes again; what was held follows, in order.
    SavingAgain,
    /// A `:` command given from outside (`floorwatch drill surge` starts with `drill surge`).
    Command(String),
    /// The state directory could not be used at the start: the console runs
    /// live-only and says why on every view; `will_retry` while the shell
    /// tries the directory again.
    StoreUnavailable { why: String, will_retry: bool },
    /// The incidents the last run left open, replayed from the store, each
    /// appended to `AppState::incidents` in this order; `broken` names the
    /// store's ids of those whose record would not replay.
    Restored {
        incidents: Vec<RestoredIncident>,
        broken: Vec<u64>,
    },
}

/// An open incident as the store kept it, replayed.
#[derive(Clone, Debug)]
pub struct RestoredIncident {
    pub run: Run,
    pub trigger: Option<Trigger>,
    pub drill: bool,
    pub site: Option<String>,
}

/// One queue's figures for one minute.
#[derive(Clone, Debug, PartialEq)]
pub struct MinuteRow {
    pub queue: String,
    pub waiting: u32,
    pub longest_wait_s: Option<f64>,
    pub service_level: Option<f64>,
    pub offered: Option<u64>,
    pub answered: Option<u64>,
    pub abandoned: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Restore the terminal and leave.
    Quit,
    /// Ring the terminal bell (a critical alert fired).
    RingBell,
    /// Store a new incident (`local` names it until the store answers).
    OpenIncident {
        local: usize,
        checklist: String,
        trigger: Option<Trigger>,
        drill: bool,
        first: Action,
        /// The site it is about, for `{site}`: named by the operator or by the alert.
        site: Option<String>,
    },
    /// Store one more action of an incident.
    Persist { local: usize, action: Action },
    /// Put text on the operator's clipboard (OSC 52: through SSH and tmux).
    Copy(String),
    /// Switch the simulator's scenario (a drill on the simulator).
    SwitchScenario(String),
    /// Keep an operator action outside incidents in the audit log; `seq`
    /// numbers it in this console (`Msg::AuditSaved` answers with it).
    Audit {
        seq: u64,
        what: &'static str,
        detail: String,
    },
    /// Keep one minute of queue figures in the history.
    RecordMinute {
        minute: Timestamp,
        rows: Vec<MinuteRow>,
    },
}
