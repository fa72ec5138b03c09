//! Rules and alerts: when a figure stays on the wrong side of a line long
//! enough, an alert fires, once per episode, with the values that tripped it.
//!
//! [`Rule`] says what to watch and where the lines are; [`RuleEngine`] keeps
//! each rule's state per subject (queue, floor, site, platform) and the
//! [`AlertBook`] of alerts, which the operator acknowledges or snoozes.
//! Pure: every `now` is a parameter.

mod alert;
mod eval;
mod rule;
#[cfg(test)]
mod tests;

pub use alert::{Acknowledgement, Alert, AlertBook, AlertId, RuleRef, Snooze, Subject};
pub use eval::{AlertEvent, PendingAlert, RuleEngine};
pub use rule::{Direction, Metric, Rule, Scope, Severity, default_rules};
