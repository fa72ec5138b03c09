//! Alerts: one per episode of a rule on one subject, with the values that
//! tripped it, and what the operator did about it (acknowledged, snoozed).

use std::time::Duration;

use super::rule::{Metric, Rule, Severity};
use crate::engine::Window;
use crate::model::Timestamp;

pub type AlertId = u64;

/// What a rule was evaluated for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A queue, by id, with its name for people.
    Queue {
        id: String,
        name: String,
    },
    Floor,
    Site(String),
    Platform,
}

impl Subject {
    /// How the subject is named on screen and in reports.
    pub fn label(&self) -> &str {
        match self {
            Subject::Queue { name, .. } => name,
            Subject::Floor => "floor",
            Subject::Site(name) => name,
            Subject::Platform => "platform",
        }
    }
}

/// The rule as an alert remembers it (a later config change does not rewrite history).
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRef {
    pub id: String,
    pub metric: Metric,
    pub window: Option<Window>,
    pub severity: Severity,
    pub checklist: Option<String>,
    /// The trigger level, in the metric's unit (0…1 for shares).
    pub trigger: f64,
    pub below: bool,
}

impl RuleRef {
    /// Whether `value` is on the trouble side of the trigger.
    pub fn trips(&self, value: f64) -> bool {
        if self.below {
            value < self.trigger
        } else {
            value > self.trigger
        }
    }

    pub fn of(rule: &Rule) -> Self {
        RuleRef {
            id: rule.id.clone(),
            metric: rule.metric,
            window: rule.metric.is_windowed().then_some(rule.window),
            severity: rule.severity,
            checklist: rule.checklist.clone(),
            trigger: rule.trigger,
            below: rule.direction == super::rule::Direction::Below,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Acknowledgement {
    pub by: String,
    pub at: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Snooze {
    pub by: String,
    pub until: Timestamp,
    pub reason: String,
}

/// One episode of trouble.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub id: AlertId,
    pub rule: RuleRef,
    pub subject: Subject,
    /// When the condition began to hold, and when the alert fired (after `for`).
    pub began_at: Timestamp,
    pub fired_at: Timestamp,
    /// The value that tripped it (1 for yes/no conditions).
    pub tripped_value: f64,
    /// The latest value while it lasts.
    pub latest_value: Option<f64>,
    /// Since when the figure could not be judged (too few contacts in a new
    /// window): the latest value is then older than the window shown.
    pub unjudged_since: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub acknowledged: Option<Acknowledgement>,
    pub snoozed: Option<Snooze>,
}

impl Alert {
    pub fn is_firing(&self) -> bool {
        self.resolved_at.is_none()
    }

    pub fn is_snoozed(&self, now: Timestamp) -> bool {
        self.snoozed.as_ref().is_some_and(|s| s.until > now)
    }

    /// Whether the latest value is still past the trigger. A firing alert
    /// whose figure has come back (it is clearing, or inside the band
    /// between trigger and clear) is not: its line must not claim it is.
    pub fn still_past_trigger(&self) -> bool {
        self.latest_value
            .filter(|v| v.is_finite())
            .is_some_and(|v| self.rule.trips(v))
    }

    /// Firing, not acknowledged and not snoozed: it still wants the operator.
    pub fn wants_attention(&self, now: Timestamp) -> bool {
        self.is_firing() && self.acknowledged.is_none() && !self.is_snoozed(now)
    }
}

/// Every alert of the session, newest last.
#[derive(Clone, Debug, Default)]
pub struct AlertBook {
    alerts: Vec<Alert>,
    next_id: AlertId,
}

/// Resolved alerts kept for the alerts view (older ones go to the store).
const RESOLVED_KEPT: usize = 200;

impl AlertBook {
    pub fn all(&self) -> &[Alert] {
        &self.alerts
    }

    pub fn get(&self, id: AlertId) -> Option<&Alert> {
        self.alerts.get(self.position(id)?)
    }

    /// Found by halving, not by reading every alert (a large floor can have
    /// thousands firing, each touched on every poll): ids only grow, alerts
    /// are kept in the order they opened, and forgetting one keeps that order.
    fn position(&self, id: AlertId) -> Option<usize> {
        self.alerts.binary_search_by_key(&id, |a| a.id).ok()
    }

    fn find_mut(&mut self, id: AlertId) -> Option<&mut Alert> {
        let at = self.position(id)?;
        self.alerts.get_mut(at)
    }

    pub fn firing(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter().filter(|a| a.is_firing())
    }

    /// The share of its agents the site named `site` has lost, while its
    /// alert fires: the latest reading, else the one that fired it.
    pub fn site_loss(&self, site: &str) -> Option<f64> {
        self.firing()
            .find(|a| {
                a.rule.metric == Metric::SiteAgentsLost
                    && matches!(&a.subject, Subject::Site(name) if name == site)
            })
            .map(|a| a.latest_value.unwrap_or(a.tripped_value))
    }

    pub(super) fn open(&mut self, mut alert: Alert) -> AlertId {
        self.next_id += 1;
        alert.id = self.next_id;
        self.alerts.push(alert);
        self.next_id
    }

    pub(super) fn update_value(&mut self, id: AlertId, value: f64) {
        if let Some(alert) = self.find_mut(id) {
            alert.latest_value = Some(value);
            alert.unjudged_since = None;
        }
    }

    /// The figure cannot be judged now: the alert holds, but says since when.
    pub(super) fn unjudged(&mut self, id: AlertId, at: Timestamp) {
        if let Some(alert) = self.find_mut(id) {
            alert.unjudged_since.get_or_insert(at);
        }
    }

    pub(super) fn resolve(&mut self, id: AlertId, at: Timestamp) {
        if let Some(alert) = self.find_mut(id) {
            alert.resolved_at = Some(at);
        }
        self.forget_old_resolved();
    }

    /// The operator has seen it. Acknowledging twice keeps the first.
    pub fn acknowledge(&mut self, id: AlertId, by: &str, at: Timestamp) -> bool {
        match self.find_mut(id) {
            Some(alert) if alert.acknowledged.is_none() => {
                alert.acknowledged = Some(Acknowledgement { by: by.into(), at });
                true
            }
            _ => false,
        }
    }

    /// Quiet for `how_long`, with a reason that is kept; the alert stays in the list.
    pub fn snooze(
        &mut self,
        id: AlertId,
        by: &str,
        at: Timestamp,
        how_long: Duration,
        reason: &str,
    ) -> bool {
        let reason = reason.trim();
        if reason.is_empty() {
            return false;
        }
        match self.find_mut(id).filter(|a| a.is_firing()) {
            Some(alert) => {
                alert.snoozed = Some(Snooze {
                    by: by.into(),
                    until: at.plus(how_long),
                    reason: reason.into(),
                });
                true
            }
            None => false,
        }
    }

    fn forget_old_resolved(&mut self) {
        let resolved = self.alerts.iter().filter(|a| !a.is_firing()).count();
        if resolved > RESOLVED_KEPT {
            let mut extra = resolved - RESOLVED_KEPT;
            self.alerts.retain(|a| {
                if extra > 0 && !a.is_firing() {
                    extra -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }
}
