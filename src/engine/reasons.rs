//! Why people call: contacts by reason (wrap-up code, disposition, topic)
//! over the last 60 minutes, as a Pareto (most frequent first, with the
//! cumulative share and the cut where 80 % is reached), each reason's share
//! set against its usual share earlier in the day, and a jump flagged.

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use crate::model::{ReasonCount, Timestamp};

pub const HOUR: Duration = Duration::from_secs(3600);
/// The Pareto cut.
const CUT_AT: f64 = 0.8;
/// A jump needs this many contacts in the hour …
const JUMP_MIN_COUNT: u64 = 5;
/// … a usual level measured on this many earlier contacts …
const JUMP_MIN_BASELINE: u64 = 20;
/// … at least this share above its usual one, and at least double it …
const JUMP_MIN_RISE: f64 = 0.10;
/// … and so far above that chance cannot explain it: the rise is this many
/// standard errors of the two shares (a two-proportion z-test). A queue of
/// a few dozen calls an hour doubles a reason's share by chance every few
/// hours; watched all day, that would open a complaint plan on a quiet floor.
const JUMP_MIN_Z: f64 = 3.0;

/// Cumulative counts by reason, the first reading of each minute over the last hour.
/// Reason names are kept once; each sample is a row of counts in their order
/// (a large floor has thousands of queues × sixty samples).
#[derive(Clone, Debug, Default)]
pub struct ReasonHistory {
    names: Vec<String>,
    samples: VecDeque<(Timestamp, Vec<u64>)>,
}

impl ReasonHistory {
    /// Takes in the platform's cumulative counts at `at`. A count that went
    /// down means the platform reset its counters: history starts again.
    pub fn record(&mut self, at: Timestamp, reasons: &[ReasonCount]) {
        // One reading a minute is plenty for an hour's Pareto, and cheap on a large floor.
        let minute = at.as_millis().div_euclid(60_000);
        let same_minute = |t: &Timestamp| t.as_millis().div_euclid(60_000) == minute;
        if self
            .samples
            .back()
            .is_some_and(|(last, _)| same_minute(last))
        {
            return;
        }
        let mut counts = vec![0u64; self.names.len()];
        for reason in reasons {
            let column = match self.names.iter().position(|n| *n == reason.reason) {
                Some(column) => column,
                None => {
                    self.names.push(reason.reason.clone());
                    counts.push(0);
                    self.names.len() - 1
                }
            };
            // Platforms' counts: a total saturates rather than wrap.
            counts[column] = counts[column].saturating_add(reason.count);
        }
        let reset = self
            .samples
            .back()
            .is_some_and(|(_, last)| last.iter().zip(&counts).any(|(before, now)| now < before));
        if reset {
            self.samples.clear();
        }
        self.samples.push_back((at, counts));
        // Keep one sample at least an hour old, as the hour's starting point.
        while self.samples.len() > 2 && at.saturating_since(self.samples[1].0) >= HOUR {
            self.samples.pop_front();
        }
    }

    /// How many contacts the last hour counted, all reasons together,
    /// without building the Pareto (`None` before two samples).
    pub fn hour_total(&self) -> Option<u64> {
        if self.samples.len() < 2 {
            return None;
        }
        let (_, first) = self.samples.front()?;
        let (_, latest) = self.samples.back()?;
        let before = |column: usize| first.get(column).copied().unwrap_or(0);
        Some(
            latest
                .iter()
                .enumerate()
                .map(|(column, now)| now.saturating_sub(before(column)))
                .fold(0, u64::saturating_add),
        )
    }

    /// The last hour's counts by reason and the counts before it (the day
    /// so far, as the platform counts it), or `None` before two samples.
    pub fn split(&self) -> Option<(BTreeMap<String, u64>, BTreeMap<String, u64>)> {
        if self.samples.len() < 2 {
            return None;
        }
        let (_, first) = self.samples.front()?;
        let (_, latest) = self.samples.back()?;
        let at = |row: &Vec<u64>, column: usize| row.get(column).copied().unwrap_or(0);
        let hour = self
            .names
            .iter()
            .enumerate()
            .map(|(c, name)| (name.clone(), at(latest, c).saturating_sub(at(first, c))))
            .collect();
        let before = self
            .names
            .iter()
            .enumerate()
            .map(|(c, name)| (name.clone(), at(first, c)))
            .collect();
        Some((hour, before))
    }

    /// When the hour being counted began (later than an hour ago while history is short).
    pub fn since(&self) -> Option<Timestamp> {
        self.samples.front().map(|(at, _)| *at)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParetoRow {
    pub reason: String,
    pub count: u64,
    /// Share of the hour's contacts.
    pub share: f64,
    /// Share of this reason and every one above it.
    pub cumulative: f64,
    /// Its share before the hour, when there were enough contacts to say.
    pub usual: Option<f64>,
    /// Far above its usual share.
    pub jumped: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pareto {
    pub rows: Vec<ParetoRow>,
    pub total: u64,
    /// How many rows, from the top, make up 80 % of the contacts.
    pub vital_few: usize,
}

/// Whether `share` of `total` contacts is above `usual` of `baseline` ones
/// by more than chance would put it.
fn beyond_chance(share: f64, total: u64, usual: f64, baseline: u64) -> bool {
    let (n1, n2) = (total as f64, baseline as f64);
    let pooled = (share * n1 + usual * n2) / (n1 + n2);
    let spread = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    spread > 0.0 && (share - usual) / spread >= JUMP_MIN_Z
}

impl Pareto {
    /// From the hour's counts and the counts before it.
    pub fn of(hour: &BTreeMap<String, u64>, before: &BTreeMap<String, u64>) -> Pareto {
        let total = saturating_sum(hour.values());
        let baseline = saturating_sum(before.values());
        let mut counts: Vec<(&String, u64)> = hour.iter().map(|(r, n)| (r, *n)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut running = 0u64;
        let mut vital_few = 0;
        let rows = counts
            .into_iter()
            .map(|(reason, count)| {
                let reached_before = total > 0 && running as f64 / total as f64 >= CUT_AT;
                running = running.saturating_add(count);
                if !reached_before && count > 0 {
                    vital_few += 1;
                }
                let share = ratio(count, total);
                let usual = (baseline >= JUMP_MIN_BASELINE)
                    .then(|| ratio(before.get(reason).copied().unwrap_or(0), baseline));
                let jumped = usual.is_some_and(|u| {
                    count >= JUMP_MIN_COUNT
                        && share >= 2.0 * u
                        && share - u >= JUMP_MIN_RISE
                        && beyond_chance(share, total, u, baseline)
                });
                ParetoRow {
                    reason: reason.clone(),
                    count,
                    share,
                    cumulative: ratio(running, total),
                    usual,
                    jumped,
                }
            })
            .collect();
        Pareto {
            rows,
            total,
            vital_few,
        }
    }

    /// The biggest rise of a reason that jumped above its usual share (0 when none did).
    pub fn largest_jump(&self) -> f64 {
        self.rows
            .iter()
            .filter(|r| r.jumped)
            .filter_map(|r| r.usual.map(|u| r.share - u))
            .fold(0.0, f64::max)
    }
}

/// Adds up several queues' counts by reason.
pub fn merged<'a>(maps: impl Iterator<Item = &'a BTreeMap<String, u64>>) -> BTreeMap<String, u64> {
    let mut total = BTreeMap::new();
    for map in maps {
        for (reason, n) in map {
            let sum = total.entry(reason.clone()).or_insert(0u64);
            *sum = sum.saturating_add(*n);
        }
    }
    total
}

fn saturating_sum<'a>(counts: impl Iterator<Item = &'a u64>) -> u64 {
    counts.fold(0, |sum, n| sum.saturating_add(*n))
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> Vec<ReasonCount> {
        pairs
            .iter()
            .map(|(r, n)| ReasonCount {
                reason: (*r).into(),
                count: *n,
            })
            .collect()
    }

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_secs(1_767_600_000 + minutes * 60)
    }

    #[test]
    fn the_hour_is_the_difference_and_the_vital_few_reach_80_percent() {
        let mut history = ReasonHistory::default();
        history.record(
            at(0),
            &counts(&[("Bill", 100), ("Refund", 50), ("Other", 50)]),
        );
        history.record(
            at(30),
            &counts(&[("Bill", 140), ("Refund", 60), ("Other", 55)]),
        );
        history.record(
            at(61),
            &counts(&[("Bill", 170), ("Refund", 70), ("Other", 60)]),
        );
        let (hour, before) = history.split().unwrap();
        assert_eq!(hour["Bill"], 70, "{hour:?}");
        let pareto = Pareto::of(&hour, &before);
        assert_eq!(pareto.total, 100);
        assert_eq!(pareto.rows[0].reason, "Bill");
        assert!((pareto.rows[1].cumulative - 0.9).abs() < 1e-9);
        assert_eq!(pareto.vital_few, 2, "Bill 70 % is not yet 80 %");
        assert!(pareto.rows.iter().all(|r| !r.jumped));
    }

    #[test]
    fn a_reason_far_above_its_usual_share_jumps() {
        let mut history = ReasonHistory::default();
        history.record(at(0), &counts(&[("Bill", 90), ("Outage", 10)]));
        history.record(at(60), &counts(&[("Bill", 110), ("Outage", 40)]));
        let (hour, before) = history.split().unwrap();
        let pareto = Pareto::of(&hour, &before);
        let outage = pareto.rows.iter().find(|r| r.reason == "Outage").unwrap();
        assert!(outage.jumped, "{outage:?}");
        assert!((pareto.largest_jump() - (0.6 - 0.1)).abs() < 1e-9);
    }

    #[test]
    fn a_reason_doubling_on_a_small_hour_by_chance_does_not_jump() {
        // 12 of 24 calls against a usual 10 of 40: double, 25 points up, and
        // well within what chance gives a queue this size.
        let mut history = ReasonHistory::default();
        history.record(at(0), &counts(&[("Cancel", 30), ("Moving", 10)]));
        history.record(at(60), &counts(&[("Cancel", 42), ("Moving", 22)]));
        let (hour, before) = history.split().unwrap();
        let pareto = Pareto::of(&hour, &before);
        let moving = pareto.rows.iter().find(|r| r.reason == "Moving").unwrap();
        assert!((moving.share - 0.5).abs() < 1e-9 && moving.usual == Some(0.25));
        assert!(!moving.jumped, "{moving:?}");
        assert_eq!(pareto.largest_jump(), 0.0);
    }

    #[test]
    fn a_reset_starts_the_history_again() {
        let mut history = ReasonHistory::default();
        history.record(at(0), &counts(&[("Bill", 500)]));
        history.record(at(10), &counts(&[("Bill", 3)]));
        assert!(history.split().is_none(), "one sample since the reset");
        history.record(at(11), &counts(&[("Bill", 5)]));
        assert_eq!(history.split().unwrap().0["Bill"], 2);
    }
}
