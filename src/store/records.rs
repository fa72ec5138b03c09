//! What the store writes: serde twins of the engine's records (the engine
//! knows no serde), versioned by the store's schema.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::engine::checklist::{Action, ActionKind, Impact, Moment};
use crate::model::Timestamp;
use crate::platform::wire::{timestamp_from_wire, timestamp_to_wire};

/// An incident as opened: which plan, why, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentRecord {
    pub id: u64,
    pub checklist_id: String,
    pub checklist_version: u32,
    pub checklist_title: String,
    /// The checklist file's text at the start: history replays against what was run.
    pub checklist_source: String,
    /// The rule that opened it and the value that tripped it; `None` when declared by hand.
    pub trigger: Option<TriggerRecord>,
    pub drill: bool,
    pub started_at: String,
    pub started_by: String,
    /// The site it is about, named by the operator or by the alert that
    /// opened it. Absent in records written before sites were named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriggerRecord {
    pub rule: String,
    pub subject: String,
    pub description: String,
    pub value: f64,
    /// `critical`, `warning` or `advisory`: the incident's place in the queue
    /// after a restart. Absent in records written before the queue existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// The queue the rule was about, for sensed steps on "the incident's queue".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// What the rule watches (`site_agents_lost`): its name for people and
    /// the unit of its value. Absent for drills and older records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
}

/// One action of an incident, as journaled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    pub seq: u32,
    pub at: String,
    pub by: String,
    #[serde(flatten)]
    pub kind: KindRecord,
    /// The console's monotonic clock when it happened: intervals that hold
    /// even when the wall clock is stepped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monotonic: Option<Monotonic>,
}

/// A reading of one console's monotonic clock. Readings compare only
/// within one console run, named by `console`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Monotonic {
    /// The console run: its process id and when it started (`4242@2026-12-02T13:40:00Z`).
    pub console: String,
    /// Milliseconds since that console started.
    pub ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum KindRecord {
    Started,
    Completed {
        step: String,
    },
    /// An item override (journals before it was named so said `skipped`).
    #[serde(alias = "skipped")]
    Overridden {
        step: String,
        reason: String,
    },
    OverriddenAll {
        reason: String,
    },
    Answered {
        step: String,
        yes: bool,
    },
    Sensed {
        step: String,
        value: f64,
    },
    Reopened {
        step: String,
        value: f64,
    },
    Note {
        text: String,
    },
    Undone {
        of: u32,
    },
    Closed {
        outcome: String,
    },
    Copied {
        step: String,
        text: String,
        #[serde(default)]
        values: BTreeMap<String, String>,
    },
    Figures {
        /// `start`, `worst` or `close`.
        moment: String,
        figures: ImpactRecord,
    },
}

/// An incident's figures at one moment; a figure not known is absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImpactRecord {
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_wait_s: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon_rate: Option<f64>,
}

impl ImpactRecord {
    pub fn of(impact: &Impact) -> Self {
        ImpactRecord {
            at: timestamp_to_wire(impact.at),
            service_level: impact.service_level,
            waiting: impact.waiting,
            longest_wait_s: impact.longest_wait_s,
            abandon_rate: impact.abandon_rate,
        }
    }

    pub fn to_impact(&self) -> Result<Impact, String> {
        Ok(Impact {
            at: timestamp_from_wire("figures.at", &self.at).map_err(|e| e.to_string())?,
            service_level: self.service_level,
            waiting: self.waiting,
            longest_wait_s: self.longest_wait_s,
            abandon_rate: self.abandon_rate,
        })
    }
}

impl ActionRecord {
    pub fn of(action: &Action) -> Self {
        let kind = match &action.kind {
            ActionKind::Started => KindRecord::Started,
            ActionKind::Completed { step } => KindRecord::Completed { step: step.clone() },
            ActionKind::Overridden { step, reason } => KindRecord::Overridden {
                step: step.clone(),
                reason: reason.clone(),
            },
            ActionKind::OverriddenAll { reason } => KindRecord::OverriddenAll {
                reason: reason.clone(),
            },
            ActionKind::Answered { step, yes } => KindRecord::Answered {
                step: step.clone(),
                yes: *yes,
            },
            ActionKind::Sensed { step, value } => KindRecord::Sensed {
                step: step.clone(),
                value: *value,
            },
            ActionKind::Reopened { step, value } => KindRecord::Reopened {
                step: step.clone(),
                value: *value,
            },
            ActionKind::Note { text } => KindRecord::Note { text: text.clone() },
            ActionKind::Undone { of } => KindRecord::Undone { of: *of },
            ActionKind::Closed { outcome } => KindRecord::Closed {
                outcome: outcome.clone(),
            },
            ActionKind::Copied { step, text, values } => KindRecord::Copied {
                step: step.clone(),
                text: text.clone(),
                values: values.clone(),
            },
            ActionKind::Figures { moment, figures } => KindRecord::Figures {
                moment: moment.name().to_owned(),
                figures: ImpactRecord::of(figures),
            },
        };
        ActionRecord {
            seq: action.seq,
            at: timestamp_to_wire(action.at),
            by: action.by.clone(),
            kind,
            monotonic: None,
        }
    }

    pub fn to_action(&self) -> Result<Action, String> {
        let at: Timestamp = timestamp_from_wire("at", &self.at).map_err(|e| e.to_string())?;
        let kind = match &self.kind {
            KindRecord::Started => ActionKind::Started,
            KindRecord::Completed { step } => ActionKind::Completed { step: step.clone() },
            KindRecord::Overridden { step, reason } => ActionKind::Overridden {
                step: step.clone(),
                reason: reason.clone(),
            },
            KindRecord::OverriddenAll { reason } => ActionKind::OverriddenAll {
                reason: reason.clone(),
            },
            KindRecord::Answered { step, yes } => ActionKind::Answered {
                step: step.clone(),
                yes: *yes,
            },
            KindRecord::Sensed { step, value } => ActionKind::Sensed {
                step: step.clone(),
                value: *value,
            },
            KindRecord::Reopened { step, value } => ActionKind::Reopened {
                step: step.clone(),
                value: *value,
            },
            KindRecord::Note { text } => ActionKind::Note { text: text.clone() },
            KindRecord::Undone { of } => ActionKind::Undone { of: *of },
            KindRecord::Closed { outcome } => ActionKind::Closed {
                outcome: outcome.clone(),
            },
            KindRecord::Copied { step, text, values } => ActionKind::Copied {
                step: step.clone(),
                text: text.clone(),
                values: values.clone(),
            },
            KindRecord::Figures { moment, figures } => ActionKind::Figures {
                moment: Moment::from_name(moment)
                    .ok_or_else(|| format!("figures of an unknown moment {moment:?}"))?,
                figures: figures.to_impact()?,
            },
        };
        Ok(Action {
            seq: self.seq,
            at,
            by: self.by.clone(),
            kind,
        })
    }
}
