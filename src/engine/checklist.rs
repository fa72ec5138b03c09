//! Checklists and their runs: the plan written in advance, and one walk
//! through it during an incident.
//!
//! A [`Checklist`] is what the file says (see `config::checklist` for the
//! format). A [`Run`] is one incident's progress: each step's state, who did
//! what and when, notes, and a record of every action, in which an undo is
//! one more entry rather than an erasure. Pure: every time is a parameter.

mod impact;
mod review;
mod run;
mod template;
#[cfg(test)]
mod tests;

use std::time::Duration;

use super::rules::{Direction, Metric};
use super::{Floor, Reading};
use crate::model::QueueId;

pub use impact::{Impact, Moment, WORST_KEPT_EVERY};
pub use review::{DrillScore, Review, ReviewState, StepOutcome, StepReview};
pub use run::{
    Action, ActionKind, Completion, FIRST_NOTICE_IN, NEXT_UPDATE_IN, Outcome, Progress,
    ReplayMismatch, Run, RunError, SENSOR, StepState,
};
pub use template::{PLACEHOLDERS, fill, placeholders_in};

/// A pre-written plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub version: u32,
    /// The date this version applies from, as written (`2026-11-01`).
    pub effective: String,
    pub summary: String,
    /// Checklists this one makes redundant while it runs ("telephony down"
    /// inhibits "traffic surge": a dead platform explains the queue).
    pub inhibits: Vec<String>,
    pub steps: Vec<Step>,
}

/// How a step reaches its people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Phone,
    Sms,
    Email,
    Chat,
    Ivr,
    Broadcast,
    Bridge,
    StatusPage,
    Pager,
    InPerson,
}

impl Channel {
    pub const ALL: [Channel; 10] = [
        Channel::Phone,
        Channel::Sms,
        Channel::Email,
        Channel::Chat,
        Channel::Ivr,
        Channel::Broadcast,
        Channel::Bridge,
        Channel::StatusPage,
        Channel::Pager,
        Channel::InPerson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Ivr => "ivr",
            Channel::Broadcast => "broadcast",
            Channel::Bridge => "bridge",
            Channel::StatusPage => "status_page",
            Channel::Pager => "pager",
            Channel::InPerson => "in_person",
        }
    }

    pub fn from_name(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.name() == name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub kind: StepKind,
    /// The role that does the step.
    pub owner: String,
    /// Who is notified or acts.
    pub who: Option<String>,
    pub how: Option<Channel>,
    /// The deadline, after the incident began.
    pub when: Duration,
    /// The state when done ("IVR message: ACTIVE").
    pub response: String,
    /// What to say, with placeholders for live values.
    pub say: Option<String>,
    /// For questions: a mutually exclusive group (one cause among several).
    /// A yes on one answers the others no; the last is never answered for you.
    pub group: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepKind {
    /// Ticked by the operator.
    Manual,
    /// Closes itself when its condition holds on live data; the operator can override.
    Sensed(SensedCondition),
    /// A yes/no question; the answer makes one list of later steps apply.
    Conditional { yes: Vec<String>, no: Vec<String> },
}

/// A condition on live figures, held for a while.
#[derive(Clone, Debug, PartialEq)]
pub struct SensedCondition {
    pub metric: Metric,
    /// On the incident's queue (`true`) or the whole floor.
    pub on_queue: bool,
    pub direction: Direction,
    pub level: f64,
    pub hold_for: Duration,
}

impl SensedCondition {
    /// The condition's figure now: on the incident's queue (`queue`) when it
    /// watches the queue, else on the floor; the platform's own trouble
    /// wherever it is asked about. `None` when there is no figure to judge by.
    pub fn value_now(&self, floor: &Floor, queue: Option<&QueueId>) -> Option<f64> {
        // A reason's jump means something only over an hour that counted
        // enough contacts, which a rule asks for and a step cannot say:
        // no step closes itself on one.
        if self.metric == Metric::ReasonJump {
            return None;
        }
        let on = match (self.on_queue, queue) {
            (true, Some(id)) => Some(id),
            // An incident opened on no queue has no queue figure, but the
            // platform's trouble is the same on every queue.
            (true, None) if !self.metric.is_about_the_platform() => return None,
            _ => None,
        };
        floor.metric_value(self.metric, on, Reading::SENSED)
    }

    pub fn holds(&self, value: f64) -> bool {
        match self.direction {
            Direction::Below => value < self.level,
            Direction::Above => value > self.level,
        }
    }
}

impl Checklist {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Whether the operator must act on the step before any later one
    /// (one current item at a time). A sensed step closes itself and does
    /// not hold the line up.
    pub fn is_blocking(&self, index: usize) -> bool {
        self.steps
            .get(index)
            .is_some_and(|s| !matches!(s.kind, StepKind::Sensed(_)))
    }

    /// The conditional step whose answer decides whether `id` applies, and on which answer.
    pub fn branch_of(&self, id: &str) -> Option<(usize, bool)> {
        self.steps
            .iter()
            .enumerate()
            .find_map(|(i, s)| match &s.kind {
                StepKind::Conditional { yes, .. } if yes.iter().any(|y| y == id) => Some((i, true)),
                StepKind::Conditional { no, .. } if no.iter().any(|n| n == id) => Some((i, false)),
                _ => None,
            })
    }
}
