//! The formulas floor managers know, each defined exactly (which contacts
//! count, where the threshold falls) so two consoles never disagree.
//!
//! Service level has no single standard, so the formula is a named value that
//! travels with the number to the screen. Every function returns `None` when
//! its inputs are unknown or nothing counts yet: never a made-up zero.

use super::{Coverage, Tally, WindowSpan};
use crate::model::AgentCounts;

/// The service-level formulas floor managers meet in the products they use.
/// T is the threshold, inclusive: a contact answered at exactly T is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SlFormula {
    /// A≤T / (A + Ab>T): abandons count only after T (our default: a caller who gave up
    /// before T was not failed by the floor; CxEngage).
    #[default]
    AnsweredAndLateAbandons,
    /// A≤T / A.
    AnsweredOnly,
    /// A≤T / (A + Ab) (Genesys Cloud's default).
    AnsweredAndAbandoned,
    /// A≤T / (A + Ab − Ab≤S): short abandons removed (Genesys option, Talkdesk).
    ShortAbandonsExcluded,
    /// A≤T / (A + Ab + FO): flow-outs count against (Genesys option).
    WithFlowOuts,
    /// (A≤T + Ab≤T) / offered: removed from queue within T (Amazon Connect).
    RemovedWithinThreshold,
}

impl SlFormula {
    pub const ALL: [SlFormula; 6] = [
        SlFormula::AnsweredAndLateAbandons,
        SlFormula::AnsweredOnly,
        SlFormula::AnsweredAndAbandoned,
        SlFormula::ShortAbandonsExcluded,
        SlFormula::WithFlowOuts,
        SlFormula::RemovedWithinThreshold,
    ];

    /// The name used in config files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            SlFormula::AnsweredAndLateAbandons => "answered-and-late-abandons",
            SlFormula::AnsweredOnly => "answered-only",
            SlFormula::AnsweredAndAbandoned => "answered-and-abandoned",
            SlFormula::ShortAbandonsExcluded => "short-abandons-excluded",
            SlFormula::WithFlowOuts => "with-flow-outs",
            SlFormula::RemovedWithinThreshold => "removed-within-threshold",
        }
    }

    /// The formula itself, short enough to sit next to the number on screen.
    pub fn formula(self) -> &'static str {
        match self {
            SlFormula::AnsweredAndLateAbandons => "A≤T/(A+Ab>T)",
            SlFormula::AnsweredOnly => "A≤T/A",
            SlFormula::AnsweredAndAbandoned => "A≤T/(A+Ab)",
            SlFormula::ShortAbandonsExcluded => "A≤T/(A+Ab−Ab≤S)",
            SlFormula::WithFlowOuts => "A≤T/(A+Ab+FO)",
            SlFormula::RemovedWithinThreshold => "(A≤T+Ab≤T)/Q",
        }
    }

    pub fn from_name(name: &str) -> Option<SlFormula> {
        SlFormula::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The service level of a tally, 0…1, or `None` when nothing counts yet.
    pub fn service_level(self, t: &Tally) -> Option<f64> {
        let met = t.answered_in_sl? as f64;
        let answered = t.answered? as f64;
        let abandoned = || t.abandoned.map(|v| v as f64);
        let (numerator, denominator) = match self {
            SlFormula::AnsweredAndLateAbandons => {
                let late = t.abandoned?.saturating_sub(t.abandoned_in_sl?) as f64;
                (met, answered + late)
            }
            SlFormula::AnsweredOnly => (met, answered),
            SlFormula::AnsweredAndAbandoned => (met, answered + abandoned()?),
            SlFormula::ShortAbandonsExcluded => {
                let counted = t.abandoned?.saturating_sub(t.abandoned_short?) as f64;
                (met, answered + counted)
            }
            SlFormula::WithFlowOuts => (met, answered + abandoned()? + t.flowed_out? as f64),
            SlFormula::RemovedWithinThreshold => {
                (met + t.abandoned_in_sl? as f64, t.offered? as f64)
            }
        };
        share(numerator, denominator)
    }
}

/// Every figure over one window.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowFigures {
    pub span: WindowSpan,
    pub tally: Tally,
    pub formula: SlFormula,
    pub service_level: Option<f64>,
    pub asa_s: Option<f64>,
    pub aht_s: Option<f64>,
    pub abandon_rate: Option<f64>,
    /// Part of this window was not counted, so its counts are incomplete.
    pub includes_gap: bool,
    /// What of the window was counted, and why not the rest.
    pub coverage: Coverage,
}

impl WindowFigures {
    pub fn compute(
        span: WindowSpan,
        tally: Tally,
        formula: SlFormula,
        exclude_short_abandons: bool,
        includes_gap: bool,
    ) -> Self {
        Self {
            span,
            formula,
            service_level: formula.service_level(&tally),
            asa_s: average_speed_of_answer(&tally),
            aht_s: average_handle_time(&tally),
            abandon_rate: abandon_rate(&tally, exclude_short_abandons),
            includes_gap,
            coverage: Coverage::default(),
            tally,
        }
    }
}

/// Total queue wait of answered contacts / answered.
pub fn average_speed_of_answer(t: &Tally) -> Option<f64> {
    ratio(t.answered_wait_s?, t.answered? as f64)
}

/// (talk + hold + wrap-up) / handled.
pub fn average_handle_time(t: &Tally) -> Option<f64> {
    ratio(t.handle_time_s?, t.handled? as f64)
}

/// Abandoned / offered; with the short-abandon cut, short abandons leave both sides.
pub fn abandon_rate(t: &Tally, exclude_short_abandons: bool) -> Option<f64> {
    let offered = t.offered?;
    let abandoned = t.abandoned?;
    if exclude_short_abandons {
        let short = t.abandoned_short?;
        share(
            abandoned.saturating_sub(short) as f64,
            offered.saturating_sub(short) as f64,
        )
    } else {
        share(abandoned as f64, offered as f64)
    }
}

/// (on call + wrap-up) / (available + ringing + on call + wrap-up), right now:
/// a ringing agent is staffed and not yet handling the contact.
pub fn occupancy(agents: &AgentCounts) -> Option<f64> {
    share(f64::from(agents.busy()), f64::from(agents.present()))
}

/// `numerator / denominator` for non-negative quantities; `None` when nothing counts.
fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0 && numerator.is_finite() && denominator.is_finite())
        .then(|| (numerator / denominator).max(0.0))
}

/// A share in 0…1. Inconsistent platform counts (more met than counted) are
/// clamped rather than shown as 130 %.
fn share(numerator: f64, denominator: f64) -> Option<f64> {
    ratio(numerator, denominator).map(|r| r.min(1.0))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The team's SL test vector: T = 20 s inclusive, S = 5 s. Answered waits
    /// {3, 8, 12, 15, 19, 20, 22, 35, 60, 90}; abandoned waits {2, 4, 10, 25, 40};
    /// one flow-out at 30 s.
    fn figures_md_vector() -> Tally {
        let answered = [3.0, 8.0, 12.0, 15.0, 19.0, 20.0, 22.0, 35.0, 60.0, 90.0];
        let abandoned = [2.0, 4.0, 10.0, 25.0, 40.0];
        let count = |xs: &[f64], limit: f64| xs.iter().filter(|w| **w <= limit).count() as u64;
        Tally {
            offered: Some(16),
            answered: Some(answered.len() as u64),
            answered_in_sl: Some(count(&answered, 20.0)),
            abandoned: Some(abandoned.len() as u64),
            abandoned_in_sl: Some(count(&abandoned, 20.0)),
            abandoned_short: Some(count(&abandoned, 5.0)),
            flowed_out: Some(1),
            answered_wait_s: Some(answered.iter().sum()),
            handled: None,
            handle_time_s: None,
        }
    }

    fn percent(formula: SlFormula) -> f64 {
        (formula.service_level(&figures_md_vector()).unwrap() * 10_000.0).round() / 100.0
    }

    #[test]
    fn service_level_variants_match_figures_md() {
        assert_eq!(percent(SlFormula::AnsweredOnly), 60.00);
        assert_eq!(percent(SlFormula::AnsweredAndAbandoned), 40.00);
        assert_eq!(percent(SlFormula::ShortAbandonsExcluded), 46.15);
        assert_eq!(percent(SlFormula::WithFlowOuts), 37.50);
        assert_eq!(percent(SlFormula::AnsweredAndLateAbandons), 50.00);
        assert_eq!(percent(SlFormula::RemovedWithinThreshold), 56.25);
    }

    #[test]
    fn asa_and_abandon_rate_match_figures_md() {
        let t = figures_md_vector();
        assert!((average_speed_of_answer(&t).unwrap() - 28.40).abs() < 1e-9);
        assert!((abandon_rate(&t, false).unwrap() - 5.0 / 16.0).abs() < 1e-12);
        assert!((abandon_rate(&t, true).unwrap() - 3.0 / 14.0).abs() < 1e-12);
    }

    #[test]
    fn nothing_counted_is_unknown_not_zero() {
        let empty = Tally {
            offered: Some(0),
            answered: Some(0),
            answered_in_sl: Some(0),
            abandoned: Some(0),
            abandoned_in_sl: Some(0),
            ..Tally::default()
        };
        assert_eq!(SlFormula::default().service_level(&empty), None);
        assert_eq!(average_speed_of_answer(&empty), None);
        assert_eq!(SlFormula::default().service_level(&Tally::default()), None);
    }

    #[test]
    fn formula_names_round_trip() {
        for f in SlFormula::ALL {
            assert_eq!(SlFormula::from_name(f.name()), Some(f));
        }
        assert_eq!(SlFormula::from_name("magic"), None);
    }

    #[test]
    fn occupancy_counts_busy_over_staffed() {
        let agents = AgentCounts {
            available: 2,
            ringing: 0,
            on_call: 5,
            wrap_up: Some(1),
            not_ready: 4,
        };
        assert!((occupancy(&agents).unwrap() - 0.75).abs() < 1e-12);
        let ringing = AgentCounts {
            available: 1,
            ringing: 1,
            ..agents
        };
        assert!(
            (occupancy(&ringing).unwrap() - 0.75).abs() < 1e-12,
            "a ringing agent is staffed, not yet busy"
        );
        assert_eq!(occupancy(&AgentCounts::default()), None);
    }
}
