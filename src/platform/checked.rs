//! Every adapter's answer passes one door: numbers no contact centre could
//! mean (a negative wait, a threshold of no length, a share outside 0…1, a
//! queue listed twice) make the whole answer garbage, named by field. The
//! console then keeps the last good snapshot, marked stale, rather than
//! draw a figure made from them.

use std::collections::HashSet;
use std::fmt;

use futures_util::future::BoxFuture;

use super::{Platform, PlatformError};
use crate::model::{QueueCounters, QueueObservation, Snapshot};

/// The longest a single contact can have waited, or a threshold be: a year
/// is far past any queue, and far short of the numbers that break arithmetic.
pub const MAX_WAIT_S: f64 = 366.0 * 86_400.0;
/// A service-level threshold longer than a day is no service level.
pub const MAX_THRESHOLD_S: f64 = 86_400.0;

/// One figure out of its range: where it is, what it was, what it must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `queues[billing].sl_threshold_s`, as in the snapshot contract.
    pub field: String,
    pub value: String,
    pub rule: &'static str,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}: {}", self.field, self.value, self.rule)
    }
}

/// The first figure of `snapshot` that no platform could mean, if any.
pub fn check(snapshot: &Snapshot) -> Result<(), Problem> {
    let mut seen = HashSet::new();
    for queue in &snapshot.queues {
        if !seen.insert(&queue.id) {
            return Err(Problem {
                field: format!("queues[{}]", queue.id.0),
                value: "a second queue".into(),
                rule: "an id is listed once",
            });
        }
        check_queue(queue)?;
    }
    for interaction in &snapshot.interactions {
        if let Some(score) = interaction.sentiment {
            within(
                score,
                -1.0..=1.0,
                || format!("interactions[{}].sentiment", interaction.id),
                "must be within -1…1",
            )?;
        }
    }
    Ok(())
}

fn check_queue(queue: &QueueObservation) -> Result<(), Problem> {
    let field = |name: &str| format!("queues[{}].{name}", queue.id.0);
    if let Some(wait) = queue.longest_wait_s {
        within(
            wait,
            0.0..=MAX_WAIT_S,
            || field("longest_wait_s"),
            "must be ≥ 0 s and ≤ 1 year",
        )?;
    }
    if let Some(threshold) = queue.sl_threshold_s {
        let positive = threshold > 0.0;
        within(
            if positive { threshold } else { f64::NAN },
            0.0..=MAX_THRESHOLD_S,
            || field("sl_threshold_s"),
            "must be > 0 s and ≤ 1 day",
        )
        .map_err(|p| Problem {
            value: number(threshold),
            ..p
        })?;
    }
    if let Some(cut) = queue.short_abandon_s {
        within(
            cut,
            0.0..=MAX_THRESHOLD_S,
            || field("short_abandon_s"),
            "must be ≥ 0 s and ≤ 1 day",
        )?;
    }
    if let Some(sentiment) = &queue.sentiment {
        within(
            sentiment.score,
            -1.0..=1.0,
            || field("sentiment.score"),
            "must be within -1…1",
        )?;
        within(
            sentiment.negative_share,
            0.0..=1.0,
            || field("sentiment.negative_share"),
            "must be within 0…1",
        )?;
    }
    check_sums(&queue.counters, &field)
}

/// Sums of seconds must be sums of waits: at most a year a contact on average.
fn check_sums(c: &QueueCounters, field: &impl Fn(&str) -> String) -> Result<(), Problem> {
    let sums = [
        ("answered_wait_s", c.answered_wait_s, c.answered),
        ("handle_time_s", c.handle_time_s, c.handled),
    ];
    for (name, sum, count) in sums {
        let Some(sum) = sum else { continue };
        let most = count.unwrap_or(0).max(1) as f64 * MAX_WAIT_S;
        within(
            sum,
            0.0..=most,
            || field(name),
            "must be ≥ 0 s and ≤ 1 year a contact",
        )?;
    }
    Ok(())
}

/// `value` in `range`, and a number at all (NaN is in no range).
fn within(
    value: f64,
    range: std::ops::RangeInclusive<f64>,
    field: impl FnOnce() -> String,
    rule: &'static str,
) -> Result<(), Problem> {
    if range.contains(&value) {
        return Ok(());
    }
    Err(Problem {
        field: field(),
        value: number(value),
        rule,
    })
}

/// A figure as it came: `-5`, `1e20`, `NaN`, `inf`.
fn number(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:?}")
    }
}

/// An adapter whose every answer is [`check`]ed.
pub struct Checked {
    inner: Box<dyn Platform>,
}

impl Checked {
    pub fn new(inner: Box<dyn Platform>) -> Self {
        Self { inner }
    }
}

impl Platform for Checked {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(async move {
            let snapshot = self.inner.poll().await?;
            check(&snapshot).map_err(|problem| {
                // Short, so the field is still on an 80-column stale banner.
                PlatformError::garbage(problem.to_string())
            })?;
            Ok(snapshot)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{PlatformInfo, QueueId, SentimentObservation, Timestamp};

    fn queue(id: &str) -> QueueObservation {
        QueueObservation {
            id: QueueId(id.into()),
            name: id.into(),
            waiting: 0,
            longest_wait_s: Some(0.0),
            agents: crate::model::AgentCounts::default(),
            counters: QueueCounters::default(),
            sl_threshold_s: Some(20.0),
            short_abandon_s: Some(5.0),
            sentiment: None,
            reasons: vec![],
        }
    }

    fn snapshot(queues: Vec<QueueObservation>) -> Snapshot {
        Snapshot {
            platform: PlatformInfo {
                kind: "test".into(),
                name: "test".into(),
            },
            observed_at: Timestamp::from_secs(0),
            queues,
            agents: vec![],
            waiting_contacts: vec![],
            interactions: vec![],
            sites: vec![],
        }
    }

    fn problem(change: impl FnOnce(&mut QueueObservation)) -> String {
        let mut billing = queue("billing");
        change(&mut billing);
        check(&snapshot(vec![billing])).unwrap_err().to_string()
    }

    #[test]
    fn ordinary_figures_pass() {
        assert_eq!(check(&snapshot(vec![queue("a"), queue("b")])), Ok(()));
    }

    #[test]
    fn each_figure_out_of_range_is_named() {
        assert_eq!(
            problem(|q| q.sl_threshold_s = Some(-5.0)),
            "queues[billing].sl_threshold_s = -5: must be > 0 s and ≤ 1 day"
        );
        assert!(
            problem(|q| q.sl_threshold_s = Some(0.0))
                .starts_with("queues[billing].sl_threshold_s = 0:")
        );
        assert!(
            problem(|q| q.longest_wait_s = Some(-3.0))
                .starts_with("queues[billing].longest_wait_s = -3:")
        );
        assert!(problem(|q| q.longest_wait_s = Some(f64::NAN)).contains("longest_wait_s = NaN"));
        assert!(problem(|q| q.longest_wait_s = Some(1e20)).contains("longest_wait_s = 1e20"));
        assert!(
            problem(|q| q.short_abandon_s = Some(f64::INFINITY)).contains("short_abandon_s = inf")
        );
        assert!(
            problem(|q| q.counters.answered_wait_s = Some(-1.0)).contains("answered_wait_s = -1")
        );
        assert!(problem(|q| q.counters.handle_time_s = Some(1e308)).contains("handle_time_s"));
        let sour = |score, negative_share| {
            move |q: &mut QueueObservation| {
                q.sentiment = Some(SentimentObservation {
                    score,
                    samples: 3,
                    negative_share,
                })
            }
        };
        assert!(problem(sour(-1.5, 0.5)).contains("sentiment.score = -1.5: must be within -1…1"));
        assert!(problem(sour(0.0, 1.01)).contains("sentiment.negative_share = 1.01"));
    }

    #[test]
    fn a_queue_listed_twice_is_garbage() {
        let twice = snapshot(vec![queue("billing"), queue("sales"), queue("billing")]);
        assert_eq!(
            check(&twice).unwrap_err().to_string(),
            "queues[billing] = a second queue: an id is listed once"
        );
    }
}
