//! What each queue has counted: the day's cumulative counters and contacts
//! by reason. Owns the counting rules (what is "in service level", what is a
//! short abandon) and turns them into the model's [`QueueCounters`].

use crate::model::{QueueCounters, Timestamp};

#[derive(Clone, Debug)]
pub(super) struct QueueStats {
    since_ms: i64,
    sl_threshold_ms: i64,
    short_abandon_ms: i64,
    offered: u64,
    answered: u64,
    answered_in_sl: u64,
    abandoned: u64,
    abandoned_in_sl: u64,
    abandoned_short: u64,
    answered_wait_ms: i64,
    handled: u64,
    handle_time_ms: i64,
    reasons: Vec<u64>,
}

impl QueueStats {
    pub fn new(
        since_ms: i64,
        sl_threshold_s: u32,
        short_abandon_s: u32,
        reason_count: usize,
    ) -> Self {
        Self {
            since_ms,
            sl_threshold_ms: i64::from(sl_threshold_s) * 1000,
            short_abandon_ms: i64::from(short_abandon_s) * 1000,
            offered: 0,
            answered: 0,
            answered_in_sl: 0,
            abandoned: 0,
            abandoned_in_sl: 0,
            abandoned_short: 0,
            answered_wait_ms: 0,
            handled: 0,
            handle_time_ms: 0,
            reasons: vec![0; reason_count],
        }
    }

    pub fn offered(&mut self, reason: usize) {
        self.offered += 1;
        if let Some(count) = self.reasons.get_mut(reason) {
            *count += 1;
        }
    }

    pub fn answered(&mut self, wait_ms: i64) {
        self.answered += 1;
        self.answered_wait_ms += wait_ms;
        if wait_ms <= self.sl_threshold_ms {
            self.answered_in_sl += 1;
        }
    }

    pub fn abandoned(&mut self, wait_ms: i64) {
        self.abandoned += 1;
        if wait_ms <= self.sl_threshold_ms {
            self.abandoned_in_sl += 1;
        }
        if wait_ms <= self.short_abandon_ms {
            self.abandoned_short += 1;
        }
    }

    pub fn handled(&mut self, handle_time_ms: i64) {
        self.handled += 1;
        self.handle_time_ms += handle_time_ms;
    }

    /// Starts a new day at `midnight_ms`. Callers still waiting are carried
    /// over as offered in the new day (with their reasons), so that offered
    /// always equals answered + abandoned + waiting.
    pub fn start_day(
        &mut self,
        midnight_ms: i64,
        carried_reasons: impl IntoIterator<Item = usize>,
    ) {
        let mut fresh = Self::new(midnight_ms, 0, 0, self.reasons.len());
        fresh.sl_threshold_ms = self.sl_threshold_ms;
        fresh.short_abandon_ms = self.short_abandon_ms;
        for reason in carried_reasons {
            fresh.offered(reason);
        }
        *self = fresh;
    }

    pub fn reason_counts(&self) -> &[u64] {
        &self.reasons
    }

    pub fn counters(&self) -> QueueCounters {
        QueueCounters {
            since: Some(Timestamp::from_millis(self.since_ms)),
            offered: Some(self.offered),
            answered: Some(self.answered),
            answered_in_sl: Some(self.answered_in_sl),
            abandoned: Some(self.abandoned),
            abandoned_in_sl: Some(self.abandoned_in_sl),
            abandoned_short: Some(self.abandoned_short),
            // The simulator does not model overflow, transfers or callbacks.
            flowed_out: Some(0),
            answered_wait_s: Some(self.answered_wait_ms as f64 / 1000.0),
            handled: Some(self.handled),
            handle_time_s: Some(self.handle_time_ms as f64 / 1000.0),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// The team's SL test vector: T = 20 s inclusive, S = 5 s.
    #[test]
    fn counts_the_figures_test_vector() {
        let mut stats = QueueStats::new(0, 20, 5, 1);
        for wait_s in [3, 8, 12, 15, 19, 20, 22, 35, 60, 90] {
            stats.offered(0);
            stats.answered(wait_s * 1000);
        }
        for wait_s in [2, 4, 10, 25, 40] {
            stats.offered(0);
            stats.abandoned(wait_s * 1000);
        }
        let counters = stats.counters();
        assert_eq!(counters.answered, Some(10));
        assert_eq!(counters.answered_in_sl, Some(6));
        assert_eq!(counters.abandoned, Some(5));
        assert_eq!(counters.abandoned_in_sl, Some(3));
        assert_eq!(counters.abandoned_short, Some(2));
        assert_eq!(counters.answered_wait_s, Some(284.0));
        assert_eq!(stats.reason_counts(), &[15]);
    }

    #[test]
    fn a_new_day_carries_waiting_callers_over() {
        let mut stats = QueueStats::new(0, 20, 5, 2);
        stats.offered(0);
        stats.answered(1000);
        stats.offered(1);
        stats.start_day(86_400_000, [1]);
        let counters = stats.counters();
        assert_eq!(counters.since, Some(Timestamp::from_millis(86_400_000)));
        assert_eq!((counters.offered, counters.answered), (Some(1), Some(0)));
        assert_eq!(stats.reason_counts(), &[0, 1]);
    }
}
