//! Counts over a stretch of time, and how they are derived from cumulative counters.

use crate::model::QueueCounters;

/// What happened on a queue over some stretch of time. Each field is `None`
/// when the platform does not report it: an unknown is never a zero.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    pub offered: Option<u64>,
    pub answered: Option<u64>,
    pub answered_in_sl: Option<u64>,
    pub abandoned: Option<u64>,
    pub abandoned_in_sl: Option<u64>,
    pub abandoned_short: Option<u64>,
    pub flowed_out: Option<u64>,
    pub answered_wait_s: Option<f64>,
    pub handled: Option<u64>,
    pub handle_time_s: Option<f64>,
}

impl Tally {
    /// The counters as they stand, read as "everything since counting started".
    pub fn from_counters(c: &QueueCounters) -> Self {
        Self {
            offered: c.offered,
            answered: c.answered,
            answered_in_sl: c.answered_in_sl,
            abandoned: c.abandoned,
            abandoned_in_sl: c.abandoned_in_sl,
            abandoned_short: c.abandoned_short,
            flowed_out: c.flowed_out,
            answered_wait_s: c.answered_wait_s.filter(|v| v.is_finite() && *v >= 0.0),
            handled: c.handled,
            handle_time_s: c.handle_time_s.filter(|v| v.is_finite() && *v >= 0.0),
        }
    }

    /// Nothing happened, for every counter the platform reports (unknowns stay unknown).
    pub fn zero_like(c: &QueueCounters) -> Self {
        let zero = |v: Option<u64>| v.map(|_| 0);
        let zero_f = |v: Option<f64>| v.map(|_| 0.0);
        Self {
            offered: zero(c.offered),
            answered: zero(c.answered),
            answered_in_sl: zero(c.answered_in_sl),
            abandoned: zero(c.abandoned),
            abandoned_in_sl: zero(c.abandoned_in_sl),
            abandoned_short: zero(c.abandoned_short),
            flowed_out: zero(c.flowed_out),
            answered_wait_s: zero_f(c.answered_wait_s),
            handled: zero(c.handled),
            handle_time_s: zero_f(c.handle_time_s),
        }
    }

    /// What happened between two readings of cumulative counters.
    ///
    /// Counters that went down, or a changed `since`, mean the platform reset
    /// them in between: then everything counted since the reset is new, as in
    /// Prometheus' `increase()`. A field missing from either reading is unknown.
    pub fn between(previous: &QueueCounters, current: &QueueCounters) -> Self {
        let now = Self::from_counters(current);
        if was_reset(previous, current) {
            return now;
        }
        let before = Self::from_counters(previous);
        Self {
            offered: diff(before.offered, now.offered),
            answered: diff(before.answered, now.answered),
            answered_in_sl: diff(before.answered_in_sl, now.answered_in_sl),
            abandoned: diff(before.abandoned, now.abandoned),
            abandoned_in_sl: diff(before.abandoned_in_sl, now.abandoned_in_sl),
            abandoned_short: diff(before.abandoned_short, now.abandoned_short),
            flowed_out: diff(before.flowed_out, now.flowed_out),
            answered_wait_s: diff_f(before.answered_wait_s, now.answered_wait_s),
            handled: diff(before.handled, now.handled),
            handle_time_s: diff_f(before.handle_time_s, now.handle_time_s),
        }
    }

    /// Adds another stretch's counts; unknown plus known is the known part.
    pub fn add(&mut self, other: &Tally) {
        self.offered = sum(self.offered, other.offered);
        self.answered = sum(self.answered, other.answered);
        self.answered_in_sl = sum(self.answered_in_sl, other.answered_in_sl);
        self.abandoned = sum(self.abandoned, other.abandoned);
        self.abandoned_in_sl = sum(self.abandoned_in_sl, other.abandoned_in_sl);
        self.abandoned_short = sum(self.abandoned_short, other.abandoned_short);
        self.flowed_out = sum(self.flowed_out, other.flowed_out);
        self.answered_wait_s = sum_f(self.answered_wait_s, other.answered_wait_s);
        self.handled = sum(self.handled, other.handled);
        self.handle_time_s = sum_f(self.handle_time_s, other.handle_time_s);
    }

    /// How many contacts this counts (what the least volume of a judgement
    /// is measured in): those offered, or those answered or abandoned if
    /// more (callers offered in the window before finish in this one, and a
    /// service level is worked out on them).
    pub fn volume(&self) -> u64 {
        let resolved = self
            .answered
            .unwrap_or(0)
            .saturating_add(self.abandoned.unwrap_or(0));
        self.offered.unwrap_or(0).max(resolved)
    }

    pub fn sum<'a>(tallies: impl IntoIterator<Item = &'a Tally>) -> Tally {
        let mut total = Tally::default();
        for t in tallies {
            total.add(t);
        }
        total
    }
}

/// Whether the counters were reset between two readings: a new `since`,
/// or a count that went down.
pub fn was_reset(previous: &QueueCounters, current: &QueueCounters) -> bool {
    if let (Some(a), Some(b)) = (previous.since, current.since)
        && a != b
    {
        return true;
    }
    let went_down = |a: Option<u64>, b: Option<u64>| matches!((a, b), (Some(a), Some(b)) if b < a);
    let went_down_f =
        |a: Option<f64>, b: Option<f64>| matches!((a, b), (Some(a), Some(b)) if b < a);
    went_down(previous.offered, current.offered)
        || went_down(previous.answered, current.answered)
        || went_down(previous.answered_in_sl, current.answered_in_sl)
        || went_down(previous.abandoned, current.abandoned)
        || went_down(previous.abandoned_in_sl, current.abandoned_in_sl)
        || went_down(previous.abandoned_short, current.abandoned_short)
        || went_down(previous.flowed_out, current.flowed_out)
        || went_down(previous.handled, current.handled)
        || went_down_f(previous.answered_wait_s, current.answered_wait_s)
        || went_down_f(previous.handle_time_s, current.handle_time_s)
}

fn diff(before: Option<u64>, now: Option<u64>) -> Option<u64> {
    Some(now?.saturating_sub(before?))
}

fn diff_f(before: Option<f64>, now: Option<f64>) -> Option<f64> {
    Some((now? - before?).max(0.0))
}

fn sum(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.saturating_add(b)),
        (a, b) => a.or(b),
    }
}

fn sum_f(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Timestamp;

    fn counters(offered: u64, answered: u64) -> QueueCounters {
        QueueCounters {
            since: Some(Timestamp::from_secs(0)),
            offered: Some(offered),
            answered: Some(answered),
            ..QueueCounters::default()
        }
    }

    #[test]
    fn difference_of_growing_counters() {
        let d = Tally::between(&counters(10, 8), &counters(15, 11));
        assert_eq!((d.offered, d.answered), (Some(5), Some(3)));
        assert_eq!(
            d.abandoned, None,
            "a field the platform never sent stays unknown"
        );
    }

    #[test]
    fn a_counter_going_down_is_a_reset() {
        let d = Tally::between(&counters(100, 90), &counters(4, 3));
        assert_eq!((d.offered, d.answered), (Some(4), Some(3)));
    }

    #[test]
    fn a_new_since_is_a_reset_even_if_counters_grew() {
        let before = counters(2, 1);
        let mut after = counters(7, 5);
        after.since = Some(Timestamp::from_secs(3600));
        let d = Tally::between(&before, &after);
        assert_eq!(d.offered, Some(7));
    }

    #[test]
    fn adding_keeps_known_parts() {
        let mut a = Tally {
            offered: Some(3),
            ..Tally::default()
        };
        a.add(&Tally {
            offered: Some(4),
            answered: Some(2),
            ..Tally::default()
        });
        assert_eq!(
            (a.offered, a.answered, a.abandoned),
            (Some(7), Some(2), None)
        );
    }
}
