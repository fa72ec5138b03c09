//! Incidents in the console: what an incident is (a checklist run, why it
//! began, and how much of it is on disk; a step shows as done only once its
//! action is saved). What is done to incidents lives in the files below,
//! one per operation, each taking the state:
//!
//! - `open`: opening one for a firing alert or by hand, and bringing it on screen;
//! - `command`: the `:` command line, and a file per command: `declare`,
//!   `close`, `drill` (`:drill NAME`, `:drill stop`);
//! - `step`: acting on steps (tick, answer, override, undo); `copy` (`c`) and
//!   `note` (`n`); `refused`: why an action is refused, in words;
//! - `sense`: sensed steps reading the floor (the engine answers the figures);
//! - `persist`: what goes to the store and what it confirmed; `restore`: the
//!   incidents a new console carries on with;
//! - `queue`: the order incidents are worked in, and inhibits; `hold`: a
//!   checklist that came on screen by itself; `recovery`: closing against the figures.

pub mod close;
pub mod command;
pub mod copy;
pub mod declare;
pub mod drill;
pub mod hold;
pub mod note;
pub mod open;
pub mod persist;
pub mod queue;
pub mod recovery;
pub mod refused;
pub mod restore;
pub mod sense;
pub mod step;

use crate::engine::checklist::{ActionKind, Run, StepState};
use crate::engine::rules::{Metric, Severity};
use crate::model::QueueId;

/// What opened an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub rule: String,
    pub subject: String,
    /// The alert in words ("floor: SL 41.0% < 50% (interval)").
    pub description: String,
    pub value: f64,
    /// The rule's severity: it places the incident in the queue.
    pub severity: Severity,
    /// The queue, when the rule was about one.
    pub queue: Option<QueueId>,
    /// What the rule watches (none for a drill's synthetic condition): it
    /// names the rule and reads its value for people.
    pub metric: Option<Metric>,
}

#[derive(Clone, Debug)]
pub struct Incident {
    /// Its place in `AppState::incidents`, which names it to the store.
    pub local: usize,
    pub run: Run,
    pub trigger: Option<Trigger>,
    pub drill: bool,
    /// Actions handed to the store so far.
    pub sent: usize,
    /// The last action the store has confirmed on disk.
    pub saved_seq: u32,
    /// The site it is about, named by the operator or by the alert that opened it.
    pub site: Option<String>,
}

impl Incident {
    pub fn new(local: usize, run: Run, trigger: Option<Trigger>, drill: bool) -> Self {
        Self {
            local,
            run,
            trigger,
            drill,
            sent: 1,
            saved_seq: 0,
            site: None,
        }
    }

    /// An incident carried over from before a restart: every action it has
    /// is on disk already.
    pub fn restored(local: usize, run: Run, trigger: Option<Trigger>, drill: bool) -> Self {
        let saved_seq = run.actions().last().map_or(0, |a| a.seq);
        Self {
            local,
            sent: run.actions().len(),
            saved_seq,
            run,
            trigger,
            drill,
            site: None,
        }
    }

    pub fn is_open(&self) -> bool {
        !self.run.is_closed()
    }

    /// Whether step `index`'s current state rests on an action not yet on disk.
    pub fn is_unsaved(&self, index: usize) -> bool {
        let Some(step) = self.run.checklist().steps.get(index) else {
            return false;
        };
        if matches!(
            self.run.states()[index],
            StepState::Open | StepState::AwaitingAnswer
        ) {
            return false;
        }
        let state = &self.run.states()[index];
        let last = self.run.actions().iter().rev().find(|a| match &a.kind {
            ActionKind::Completed { step: s }
            | ActionKind::Overridden { step: s, .. }
            | ActionKind::Sensed { step: s, .. } => *s == step.id,
            ActionKind::Answered { step: s, .. } => {
                *s == step.id
                    || matches!(state, StepState::Answered { implied_by: Some(q), .. } if q == s)
            }
            ActionKind::OverriddenAll { .. } => {
                matches!(state, StepState::Overridden { whole: true, .. })
            }
            _ => false,
        });
        last.is_some_and(|a| a.seq > self.saved_seq)
    }
}
