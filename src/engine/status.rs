//! How a queue is doing, in one word: the three bands floor managers know
//! (ok, warning, critical), direction-aware, plus "few", "idle" and "stale".
//!
//! The bands are those of the shipped alert rules, and so is the least
//! volume a window's service level and abandon rate are judged on: the
//! status column and the alerts below it tell the same story. The status
//! is judged on the window the figures beside it are shown for.

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
    /// Abandon rate above this is a warning.
    pub abandon_warning_above: f64,
    /// Abandon rate above this is critical.
    pub abandon_critical_above: f64,
    /// Fewer contacts than this in a window say too little about its service
    /// level: one call answered late is 0 %, and no one judges a queue on it.
    pub sl_min_volume: u64,
    /// Fewer contacts than this say too little about its abandon rate.
    pub abandon_min_volume: u64,
}

impl Default for StatusThresholds {
    /// The levels of the shipped rules `sl-low`, `sl-critical`,
    /// `longest-wait-high`, `longest-wait-critical` and `abandon-high`
    /// (critical at twice its warning level).
    fn default() -> Self {
        Self {
            sl_warning_below: 0.80,
            sl_critical_below: 0.70,
            longest_wait_warning_s: 60.0,
            longest_wait_critical_s: 120.0,
            abandon_warning_above: 0.10,
            abandon_critical_above: 0.20,
            sl_min_volume: 10,
            abandon_min_volume: 20,
        }
    }
}

/// Ordered from least to most urgent, so sorting by status puts trouble first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueueStatus {
    Idle,
    /// Contacts were counted, too few to judge the window by, and nothing
    /// is wrong right now.
    Few,
    Ok,
    Stale,
    Warning,
    Critical,
}

/// Which figure decided the status.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StatusReason {
    ServiceLevel(f64),
    AbandonRate(f64),
    LongestWait(f64),
    NobodyToAnswer {
        waiting: u32,
    },
    /// The window counted this many contacts, fewer than a judgement needs.
    TooFewContacts {
        counted: u64,
        needed: u64,
    },
}

impl StatusReason {
    /// The level the figure crossed for `status` (`None` for reasons without one).
    pub fn level(&self, status: QueueStatus, thresholds: &StatusThresholds) -> Option<f64> {
        let critical = status == QueueStatus::Critical;
        match self {
            StatusReason::ServiceLevel(_) if critical => Some(thresholds.sl_critical_below),
            StatusReason::ServiceLevel(_) => Some(thresholds.sl_warning_below),
            StatusReason::AbandonRate(_) if critical => Some(thresholds.abandon_critical_above),
            StatusReason::AbandonRate(_) => Some(thresholds.abandon_warning_above),
            StatusReason::LongestWait(_) if critical => Some(thresholds.longest_wait_critical_s),
            StatusReason::LongestWait(_) => Some(thresholds.longest_wait_warning_s),
            StatusReason::NobodyToAnswer { .. } | StatusReason::TooFewContacts { .. } => None,
        }
    }
}

/// The worst of the service level and abandon rate over `figures` (once
/// they count enough contacts) and the waits right now.
pub fn classify(
    figures: &WindowFigures,
    queue: &QueueObservation,
    thresholds: &StatusThresholds,
) -> (QueueStatus, Option<StatusReason>) {
    let counted = figures.tally.volume();
    let mut verdicts = Vec::with_capacity(4);
    // A figure that is not a number has no band: it is left out, never read as 0.
    if let Some(sl) = figures
        .service_level
        .filter(|sl| sl.is_finite() && counted >= thresholds.sl_min_volume)
    {
        verdicts.push((
            service_level_band(sl, thresholds),
            StatusReason::ServiceLevel(sl),
        ));
    }
    if let Some(rate) = figures
        .abandon_rate
        .filter(|r| r.is_finite() && counted >= thresholds.abandon_min_volume)
    {
        let status = band_high_is_bad(
            rate,
            thresholds.abandon_warning_above,
            thresholds.abandon_critical_above,
        );
        verdicts.push((status, StatusReason::AbandonRate(rate)));
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
    let too_few = (counted > 0 && counted < thresholds.sl_min_volume).then_some(
        StatusReason::TooFewContacts {
            counted,
            needed: thresholds.sl_min_volume,
        },
    );
    // On a tie the earlier verdict wins: service level is the headline figure.
    match verdicts.into_iter().rev().max_by_key(|(status, _)| *status) {
        Some((status, reason)) if status > QueueStatus::Ok => (status, Some(reason)),
        // Nothing is wrong, but the window's figures are not enough to say all is well.
        _ if too_few.is_some() => (QueueStatus::Few, too_few),
        Some(_) => (QueueStatus::Ok, None),
        None if queue.waiting > 0 => (QueueStatus::Ok, None),
        None => (QueueStatus::Idle, None),
    }
}

/// The band of a window's service level as a headline: `Few` when the
/// window counts too few contacts to judge by, `Idle` when it counts none.
pub fn headline_band(figures: &WindowFigures, thresholds: &StatusThresholds) -> QueueStatus {
    let counted = figures.tally.volume();
    match figures.service_level.filter(|sl| sl.is_finite()) {
        Some(sl) if counted >= thresholds.sl_min_volume => service_level_band(sl, thresholds),
        Some(_) => QueueStatus::Few,
        None => QueueStatus::Idle,
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

    /// The status bands and least volumes are the shipped alert rules' own,
    /// so the status column and the alerts cannot drift apart.
    #[test]
    fn the_bands_are_the_shipped_rules_levels() {
        let rules = crate::engine::rules::default_rules();
        let rule = |id: &str| rules.iter().find(|r| r.id == id).unwrap();
        let t = StatusThresholds::default();
        assert_eq!(t.sl_warning_below, rule("sl-low").trigger);
        assert_eq!(t.sl_critical_below, rule("sl-critical").trigger);
        assert_eq!(t.sl_min_volume, rule("sl-low").min_volume);
        assert_eq!(t.sl_min_volume, rule("sl-critical").min_volume);
        assert_eq!(t.longest_wait_warning_s, rule("longest-wait-high").trigger);
        assert_eq!(
            t.longest_wait_critical_s,
            rule("longest-wait-critical").trigger
        );
        assert_eq!(t.abandon_warning_above, rule("abandon-high").trigger);
        assert_eq!(t.abandon_min_volume, rule("abandon-high").min_volume);
    }

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
