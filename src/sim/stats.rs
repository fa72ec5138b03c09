//! What each queue has counted: the day's cumulative counters, contacts by
//! reason, and the sentiment of recently ended calls. Owns the counting rules
//! (what is "in service level", what is a short abandon) and turns them into
//! the model's [`QueueCounters`] and [`SentimentObservation`].

use std::collections::VecDeque;

use crate::model::{QueueCounters, SentimentObservation, Timestamp};

/// Calls that ended this long ago or less count towards sentiment.
const SENTIMENT_WINDOW_MS: i64 = 30 * 60_000;
/// A call's weight in the sentiment halves every this many milliseconds.
const SENTIMENT_HALF_LIFE_MS: f64 = 10.0 * 60_000.0;
/// Scores below this are negative.
const NEGATIVE_BELOW: f32 = -0.25;

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
    /// (ended at, score) of recently ended calls, oldest first.
    sentiment: VecDeque<(i64, f32)>,
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
            sentiment: VecDeque::new(),
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

    /// Records how a call that ended at `ended_ms` went, forgetting calls that left the window.
    pub fn call_ended(&mut self, ended_ms: i64, score: f32) {
        self.sentiment.push_back((ended_ms, score));
        while self
            .sentiment
            .front()
            .is_some_and(|&(at, _)| at < ended_ms - SENTIMENT_WINDOW_MS)
        {
            self.sentiment.pop_front();
        }
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
        fresh.sentiment = std::mem::take(&mut self.sentiment);
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

    /// The recency-weighted mood of calls that ended in the last 30 minutes
    /// before `now_ms`; `None` when none did. The negative share is weighted
    /// the same way, so both follow the floor at the same pace.
    pub fn sentiment(&self, now_ms: i64) -> Option<SentimentObservation> {
        let mut samples = 0u32;
        let (mut weights, mut weighted_score, mut weighted_negative) = (0.0, 0.0, 0.0);
        for &(ended_ms, score) in self.sentiment.iter().rev() {
            let age_ms = now_ms - ended_ms;
            if age_ms > SENTIMENT_WINDOW_MS {
                break;
            }
            let weight = 0.5f64.powf(age_ms.max(0) as f64 / SENTIMENT_HALF_LIFE_MS);
            samples += 1;
            weights += weight;
            weighted_score += weight * f64::from(score);
            if score < NEGATIVE_BELOW {
                weighted_negative += weight;
            }
        }
        (samples > 0).then(|| SentimentObservation {
            score: weighted_score / weights,
            samples,
            negative_share: weighted_negative / weights,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// FIGURES.md's SL test vector: T = 20 s inclusive, S = 5 s.
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
    fn sentiment_weights_recent_calls_and_forgets_old_ones() {
        let mut stats = QueueStats::new(0, 20, 5, 1);
        let minute = 60_000;
        stats.call_ended(0, 1.0);
        stats.call_ended(20 * minute, -1.0);
        let now = stats.sentiment(20 * minute).unwrap();
        assert_eq!(now.samples, 2);
        // The older call weighs a quarter of the newer one: (0.25 − 1) / 1.25.
        assert!((now.score + 0.6).abs() < 1e-9, "{now:?}");
        assert!((now.negative_share - 0.8).abs() < 1e-9, "{now:?}");
        let later = stats.sentiment(45 * minute).unwrap();
        assert_eq!(later.samples, 1);
        assert!(stats.sentiment(60 * minute).is_none());
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
