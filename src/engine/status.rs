//! How a queue is doing, in one word: the three bands floor managers know
//! (ok, warning, critical), direction-aware, plus "idle" and "stale".
//!
//! This is the simple service-level threshold that feeds the alert strip until
//! the rules engine lands; the bands are settings, not constants.

use super::WindowFigures;
use crate::model::QueueObservation;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusThresholds {
    /// Service level below this is a warning (the target, e.g. 80 %).
    pub sl_warning_below: f64,
    /// Service level below this is critical.
    pub sl_critical_below: f64,
    pub longest_wait_warning_s: f64,
    pub longest_wait_critical_s: f64,
}

impl Default for StatusThresholds {
    fn default() -> Self {
        Self {
            sl_warning_below: 0.80,
            sl_critical_below: 0.70,
            longest_wait_warning_s: 60.0,
            longest_wait_critical_s: 120.0,
        }
    }
}

/// Ordered from least to most urgent, so sorting by status puts trouble first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueueStatus {
    Idle,
    Ok,
    Stale,
    Warning,
    Critical,
}

/// Which figure decided the status.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StatusReason {
    ServiceLevel(f64),
    LongestWait(f64),
    NobodyToAnswer { waiting: u32 },
}

/// The worst of the service level over `figures` and the waits right now.
pub fn classify(
    figures: &WindowFigures,
    queue: &QueueObservation,
    thresholds: &StatusThresholds,
) -> (QueueStatus, Option<StatusReason>) {
    let mut verdicts = Vec::with_capacity(3);
    // A figure that is not a number has no band: it is left out, never read as 0.
    if let Some(sl) = figures.service_level.filter(|sl| sl.is_finite()) {
        let status = band_low_is_bad(
            sl,
            thresholds.sl_warning_below,
            thresholds.sl_critical_below,
        );
        verdicts.push((status, StatusReason::ServiceLevel(sl)));
    }
    if let Some(wait) = queue
        .longest_wait_s
        .filter(|w| queue.waiting > 0 && w.is_finite() && *w >= 0.0)
    {
        let status = band_high_is_bad(
            wait,
            thresholds.longest_wait_warning_s,
            thresholds.longest_wait_critical_s,
        );
        verdicts.push((status, StatusReason::LongestWait(wait)));
    }
    if queue.waiting > 0 && queue.agents.present() == 0 {
        verdicts.push((
            QueueStatus::Critical,
            StatusReason::NobodyToAnswer {
                waiting: queue.waiting,
            },
        ));
    }
    // On a tie the earlier verdict wins: service level is the headline figure.
    match verdicts.into_iter().rev().max_by_key(|(status, _)| *status) {
        Some((status, reason)) if status > QueueStatus::Ok => (status, Some(reason)),
        Some(_) => (QueueStatus::Ok, None),
        None if queue.waiting > 0 => (QueueStatus::Ok, None),
        None => (QueueStatus::Idle, None),
    }
}

/// The band a service level falls in, by itself.
pub fn service_level_band(sl: f64, thresholds: &StatusThresholds) -> QueueStatus {
    band_low_is_bad(
        sl,
        thresholds.sl_warning_below,
        thresholds.sl_critical_below,
    )
}

fn band_low_is_bad(value: f64, warning_below: f64, critical_below: f64) -> QueueStatus {
    if value < critical_below {
        QueueStatus::Critical
    } else if value < warning_below {
        QueueStatus::Warning
    } else {
        QueueStatus::Ok
    }
}

fn band_high_is_bad(value: f64, warning_above: f64, critical_above: f64) -> QueueStatus {
    if value > critical_above {
        QueueStatus::Critical
    } else if value > warning_above {
        QueueStatus::Warning
    } else {
        QueueStatus::Ok
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::{SlFormula, Tally, Window, WindowSpan};
    use crate::model::{AgentCounts, QueueCounters, QueueId, Timestamp};

    /// A service level that is not a number has no band: never "CRIT 0 %".
    #[test]
    fn a_service_level_that_is_not_a_number_is_left_out() {
        let span = WindowSpan {
            window: Window::Interval,
            start: Timestamp::from_secs(0),
            end: Timestamp::from_secs(900),
        };
        let mut figures =
            WindowFigures::compute(span, Tally::default(), SlFormula::default(), false, false);
        figures.service_level = Some(f64::NAN);
        let queue = QueueObservation {
            id: QueueId("q".into()),
            name: "Q".into(),
            waiting: 0,
            longest_wait_s: Some(f64::NAN),
            agents: AgentCounts::default(),
            counters: QueueCounters::default(),
            sl_threshold_s: Some(20.0),
            short_abandon_s: None,
            sentiment: None,
            reasons: vec![],
        };
        let thresholds = StatusThresholds::default();
        assert_eq!(
            classify(&figures, &queue, &thresholds),
            (QueueStatus::Idle, None)
        );
    }
}
