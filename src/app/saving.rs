//! Whether what the operator does is on disk. Every action is drawn as saved
//! only once the record keeper says so: incident actions by their sequence
//! (`Incident::saved_seq`), everything else (acknowledgements, snoozes,
//! drills, inhibits) by its number in the audit log kept here. While the
//! store cannot write, the keeper holds the actions in memory, in order, and
//! this says so on every view.

use std::collections::BTreeMap;

use super::Effect;
use crate::engine::rules::AlertId;

/// The most actions the record keeper holds in memory while the store
/// cannot write; those beyond it are not kept, and the console says how many.
pub const HELD_AT_MOST: usize = 10_000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saving {
    /// Why the store cannot write, while it cannot.
    pub failing: Option<String>,
    /// The console started without a usable state directory.
    pub live_only: bool,
    /// The directory will not become usable by itself (corrupt, or newer):
    /// nothing done in this console is kept.
    pub never: bool,
    /// Actions held in memory for the store, as the keeper last counted.
    pub held: usize,
    /// Actions the keeper could not hold (over `HELD_AT_MOST`): not kept.
    pub dropped: usize,
    audit_sent: u64,
    audit_saved: u64,
    /// The audit entry of each alert's acknowledgement and snooze.
    acknowledged: BTreeMap<AlertId, u64>,
    snoozed: BTreeMap<AlertId, u64>,
}

impl Saving {
    /// A console whose state directory could not be used at the start.
    pub fn live_only(reason: String, will_retry: bool) -> Self {
        Saving {
            failing: Some(reason),
            live_only: true,
            never: !will_retry,
            ..Saving::default()
        }
    }

    /// The next audit entry, numbered so its saving can be followed.
    pub fn audit(&mut self, what: &'static str, detail: String) -> Effect {
        self.audit_sent += 1;
        Effect::Audit {
            seq: self.audit_sent,
            what,
            detail,
        }
    }

    /// `audit`, for an alert's acknowledgement: drawn unsaved until it is.
    pub fn audit_acknowledged(&mut self, alert: AlertId, detail: String) -> Effect {
        self.acknowledged.insert(alert, self.audit_sent + 1);
        self.audit("alert-acknowledged", detail)
    }

    /// `audit`, for an alert's snooze.
    pub fn audit_snoozed(&mut self, alert: AlertId, detail: String) -> Effect {
        self.snoozed.insert(alert, self.audit_sent + 1);
        self.audit("alert-snoozed", detail)
    }

    /// The keeper has audit entries up to `seq` on disk (they are written in order).
    pub fn audited(&mut self, seq: u64) {
        self.audit_saved = self.audit_saved.max(seq);
    }

    /// The keeper could not write; what it holds, and what it could not.
    pub fn failed(&mut self, reason: String, held: usize, dropped: usize) {
        self.failing = Some(reason);
        self.held = held;
        self.dropped = dropped;
    }

    /// The store writes again: what was held is being written.
    pub fn writing_again(&mut self) {
        self.failing = None;
        self.live_only = false;
        self.held = 0;
    }

    pub fn acknowledgement_unsaved(&self, alert: AlertId) -> bool {
        self.acknowledged
            .get(&alert)
            .is_some_and(|seq| *seq > self.audit_saved)
    }

    pub fn snooze_unsaved(&self, alert: AlertId) -> bool {
        self.snoozed
            .get(&alert)
            .is_some_and(|seq| *seq > self.audit_saved)
    }

    /// Audit entries sent to the keeper and not yet on disk.
    pub fn audits_unsaved(&self) -> u64 {
        self.audit_sent - self.audit_saved.min(self.audit_sent)
    }
}
