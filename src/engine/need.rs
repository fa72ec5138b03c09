//! What a queue needs now: its demand measured over a window, put through
//! Erlang A when callers are seen giving up (else Erlang C), against the
//! agents it has.

use std::time::Duration;

use super::staffing::{
    Demand, MAX_AGENTS, MAX_ERLANGS, Outlook, Target, erlang_a, erlang_a_required, erlang_c,
    erlang_c_required,
};
use super::{Window, WindowFigures};
use crate::model::Timestamp;

/// A window shorter than this says too little about the arrival rate.
pub const MIN_ELAPSED: Duration = Duration::from_secs(5 * 60);
/// Fewer abandons than this say too little about patience: Erlang C then.
const MIN_ABANDONS: u64 = 5;
/// Past these, figures are not a queue anyone staffs by Erlang (and Erlang
/// A's work grows with the threshold over the handle time, so a platform's
/// absurd figure would stall the console): the need is then unknown, never a guess.
const AHT_RANGE: std::ops::RangeInclusive<f64> = 1.0..=4.0 * 3600.0;
const MAX_THRESHOLD: Duration = Duration::from_secs(3600);

/// Which model answered, and on what patience.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Model {
    ErlangC,
    /// Callers' mean patience, estimated from the window's abandons.
    ErlangA {
        patience: Duration,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Need {
    /// The window whose calls gave the demand.
    pub demand: Window,
    pub model: Model,
    pub erlangs: f64,
    /// The fewest agents that reach the target.
    pub needed: Outlook,
    /// Agents working the queue now (available, on a call or in wrap-up).
    pub present: u32,
    /// What the present agents should reach.
    pub at_present: Outlook,
    /// The service level aimed at.
    pub target: Target,
}

impl Need {
    /// Agents short (positive) or spare (negative).
    pub fn gap(&self) -> i64 {
        i64::from(self.needed.agents) - i64::from(self.present)
    }
}

/// The need implied by `figures` (the window up to `now`); `None` without
/// contacts offered, an average handle time, or enough elapsed time, and
/// for a load or a headcount beyond what the models are worked out for.
pub fn need(
    figures: &WindowFigures,
    demand_window: Window,
    now: Timestamp,
    present: u32,
    target: &Target,
) -> Option<Need> {
    // The demand is the contacts counted over the time they were counted
    // in: a window watched only for its last minute is one minute of calls.
    let counted_from = figures
        .coverage
        .counted_from
        .map_or(figures.span.start, |from| from.max(figures.span.start));
    let elapsed = now.min(figures.span.end).saturating_since(counted_from);
    let offered = figures.tally.offered.filter(|n| *n > 0)?;
    let aht = figures.aht_s.filter(|s| *s > 0.0)?;
    if elapsed < MIN_ELAPSED
        || present > MAX_AGENTS
        || !AHT_RANGE.contains(&aht)
        || target.threshold > MAX_THRESHOLD
    {
        return None;
    }
    let demand = Demand {
        calls: offered as f64,
        period: elapsed,
        // An average handle time too long to be a Duration is no demand to staff for.
        aht: Duration::try_from_secs_f64(aht).ok()?,
    };
    // NaN is not within the range either.
    if !(0.0..=MAX_ERLANGS).contains(&demand.erlangs()) {
        return None;
    }
    let model = patience(figures).map_or(Model::ErlangC, |patience| Model::ErlangA { patience });
    let (needed, at_present) = match model {
        Model::ErlangC => (
            erlang_c_required(&demand, target).ok()?,
            erlang_c(&demand, present, target.threshold),
        ),
        Model::ErlangA { patience } => (
            erlang_a_required(&demand, patience, target).ok()?,
            erlang_a(&demand, patience, present, target.threshold),
        ),
    };
    Some(Need {
        demand: demand_window,
        model,
        erlangs: demand.erlangs(),
        needed,
        present,
        at_present,
        target: *target,
    })
}

/// Mean patience from what was seen: in Erlang A, P(abandon) = θ · mean
/// wait of all callers; that mean is taken as the ASA (the waits of those
/// who gave up are not reported by platforms), so patience = ASA / P(ab).
fn patience(figures: &WindowFigures) -> Option<Duration> {
    let abandoned = figures.tally.abandoned.filter(|n| *n >= MIN_ABANDONS)?;
    let offered = figures.tally.offered.filter(|n| *n > 0)?;
    let asa = figures.asa_s.filter(|s| *s > 0.0)?;
    let share = abandoned as f64 / offered as f64;
    let seconds = (asa / share).clamp(10.0, 3600.0);
    Duration::try_from_secs_f64(seconds).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::{SlFormula, Tally, Window, WindowSpan};

    fn figures(offered: u64, abandoned: u64, minutes: i64) -> WindowFigures {
        let start = Timestamp::from_secs(1_767_600_000);
        let tally = Tally {
            offered: Some(offered),
            answered: Some(offered - abandoned),
            answered_in_sl: Some(0),
            abandoned: Some(abandoned),
            abandoned_in_sl: Some(0),
            abandoned_short: Some(0),
            flowed_out: Some(0),
            answered_wait_s: Some(20.0 * (offered - abandoned) as f64),
            handled: Some(offered - abandoned),
            handle_time_s: Some(180.0 * (offered - abandoned) as f64),
        };
        let span = WindowSpan {
            window: Window::Interval,
            start,
            end: start.plus(Duration::from_secs(30 * 60)),
        };
        let mut f = WindowFigures::compute(span, tally, SlFormula::default(), false, false);
        f.span.end = start.plus(Duration::from_secs(minutes as u64 * 60));
        f
    }

    fn eighty_in_twenty() -> Target {
        Target {
            share: 0.8,
            threshold: Duration::from_secs(20),
        }
    }

    #[test]
    fn the_worked_example_from_a_half_hour_of_figures() {
        let f = figures(100, 0, 30);
        let now = f.span.end;
        let need = need(&f, Window::Rolling60, now, 11, &eighty_in_twenty()).unwrap();
        assert_eq!(need.model, Model::ErlangC);
        assert!((need.erlangs - 10.0).abs() < 1e-9);
        assert_eq!((need.needed.agents, need.present, need.gap()), (14, 11, 3));
        assert!(need.at_present.service_level < 0.8);
        assert_eq!(need.target, eighty_in_twenty(), "what it aimed at");
    }

    #[test]
    fn abandons_switch_to_erlang_a_with_a_patience_from_them() {
        let f = figures(100, 10, 30);
        let need = need(&f, Window::Rolling60, f.span.end, 11, &eighty_in_twenty()).unwrap();
        // ASA 20 s, 10 % abandon: patience 200 s.
        assert_eq!(
            need.model,
            Model::ErlangA {
                patience: Duration::from_secs(200)
            }
        );
        assert!(need.at_present.p_abandon.is_some());
    }

    #[test]
    fn absurd_demand_is_no_answer_rather_than_a_stall() {
        let mut huge = figures(100, 0, 30);
        huge.tally.offered = Some(u64::MAX / 2);
        assert!(
            need(
                &huge,
                Window::Rolling60,
                huge.span.end,
                11,
                &eighty_in_twenty()
            )
            .is_none()
        );
        let mut instant = figures(100, 0, 30);
        instant.aht_s = Some(1e-300);
        assert!(
            need(
                &instant,
                Window::Rolling60,
                instant.span.end,
                11,
                &eighty_in_twenty()
            )
            .is_none()
        );
        let f = figures(100, 10, 30);
        let a_year = Target {
            share: 0.8,
            threshold: Duration::from_secs(365 * 86_400),
        };
        assert!(need(&f, Window::Rolling60, f.span.end, 11, &a_year).is_none());
    }

    #[test]
    fn too_little_to_go_on_is_no_answer() {
        let f = figures(100, 0, 2);
        assert!(
            need(&f, Window::Rolling60, f.span.end, 11, &eighty_in_twenty()).is_none(),
            "two minutes"
        );
        let quiet = figures(0, 0, 30);
        assert!(
            need(
                &quiet,
                Window::Rolling60,
                quiet.span.end,
                3,
                &eighty_in_twenty()
            )
            .is_none()
        );
    }

    #[test]
    fn a_headcount_no_queue_has_is_no_answer_rather_than_a_stall() {
        // Erlang B takes a step per agent: u32::MAX agents would be four
        // billion steps on every draw.
        let f = figures(100, 0, 30);
        assert!(
            need(
                &f,
                Window::Rolling60,
                f.span.end,
                u32::MAX,
                &eighty_in_twenty()
            )
            .is_none()
        );
        assert!(
            need(
                &f,
                Window::Rolling60,
                f.span.end,
                MAX_AGENTS,
                &eighty_in_twenty()
            )
            .is_some()
        );
    }
}
