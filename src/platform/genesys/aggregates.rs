//! Conversation aggregates since local midnight: today's counters.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{Local, SecondsFormat, TimeZone, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::query::{self, Stats};
use crate::model::{QueueCounters, Timestamp};

const METRICS: [&str; 7] = [
    "nOffered",
    "tAnswered",
    "nOverSla",
    "tAbandon",
    "tShortAbandon",
    "tHandle",
    "tFlowOut",
];

/// `POST /api/v2/analytics/conversations/aggregates/query` for `ids`, from `since` to `now`.
pub fn query(ids: &[String], media_type: Option<&str>, since: Timestamp, now: Timestamp) -> Value {
    // An empty interval is refused; just after midnight, ask for the first second.
    let end = now.max(since.plus(Duration::from_secs(1)));
    json!({
        "interval": format!("{}/{}", iso(since), iso(end)),
        "groupBy": ["queueId"],
        "filter": query::filter(ids, media_type),
        "metrics": METRICS,
    })
}

/// The start of today on this machine's clock and zone: counters restart
/// there, which the console sees as a reset.
pub fn local_midnight(now: Timestamp) -> Timestamp {
    let Some(local) = Local.timestamp_millis_opt(now.as_millis()).single() else {
        return now.floor_to(Duration::from_secs(86_400), 0);
    };
    let midnight = local
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|m| m.and_local_timezone(Local).earliest());
    match midnight {
        Some(m) => Timestamp::from_millis(m.timestamp_millis()),
        // Midnight skipped by a daylight-saving jump: the day starts at the offset now.
        None => now.floor_to(
            Duration::from_secs(86_400),
            local.offset().local_minus_utc(),
        ),
    }
}

fn iso(t: Timestamp) -> String {
    Utc.timestamp_millis_opt(t.as_millis())
        .single()
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_default()
}

#[derive(Deserialize)]
pub struct Answer {
    #[serde(default)]
    results: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    group: GroupKey,
    #[serde(default)]
    data: Vec<Bucket>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupKey {
    queue_id: Option<String>,
}

/// One interval's metrics (one per query without a granularity, but we add up
/// however many come).
#[derive(Deserialize)]
struct Bucket {
    #[serde(default)]
    metrics: Vec<Metric>,
}

#[derive(Deserialize)]
struct Metric {
    metric: String,
    #[serde(default)]
    stats: Stats,
}

/// One metric over the day: occurrences and, for `t*` metrics, their total in ms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    count: u64,
    /// `None` when occurrences came without their durations.
    sum_ms: Option<f64>,
}

impl Default for Total {
    fn default() -> Self {
        Self {
            count: 0,
            sum_ms: Some(0.0),
        }
    }
}

/// Metric totals of one queue.
pub type Totals = BTreeMap<String, Total>;

/// Adds up the buckets per queue id.
pub fn read(answer: Answer) -> Result<BTreeMap<String, Totals>, String> {
    let mut queues: BTreeMap<String, Totals> = BTreeMap::new();
    for group in answer.results {
        let Some(id) = group.group.queue_id else {
            continue;
        };
        let totals = queues.entry(id.clone()).or_default();
        for metric in group.data.iter().flat_map(|b| &b.metrics) {
            let count = query::required_count(&metric.stats, &metric.metric, &id)?;
            let total = totals.entry(metric.metric.clone()).or_default();
            // Buckets add up; a sum saturates rather than wrap round to a small count.
            total.count = total.count.saturating_add(count);
            total.sum_ms = match query::sum(&metric.stats) {
                Some(ms) => total.sum_ms.map(|sum| sum + ms),
                None if count == 0 => total.sum_ms,
                None => None,
            };
        }
    }
    Ok(queues)
}

/// The model's counters from a queue's totals. Genesys leaves out metrics with
/// no occurrences, and queues with no interactions at all, so what is missing
/// counts as zero.
pub fn counters(totals: Option<&Totals>, since: Timestamp) -> QueueCounters {
    let total = |metric: &str| {
        totals
            .and_then(|t| t.get(metric))
            .copied()
            .unwrap_or_default()
    };
    let seconds = |metric: &str| total(metric).sum_ms.map(|ms| ms / 1000.0);
    let answered = total("tAnswered").count;
    QueueCounters {
        since: Some(since),
        offered: Some(total("nOffered").count),
        answered: Some(answered),
        // nOverSla counts answered interactions that missed the threshold.
        answered_in_sl: Some(answered.saturating_sub(total("nOverSla").count)),
        abandoned: Some(total("tAbandon").count),
        // Genesys does not split abandons by the service-level threshold.
        abandoned_in_sl: None,
        abandoned_short: Some(total("tShortAbandon").count),
        flowed_out: Some(total("tFlowOut").count),
        answered_wait_s: seconds("tAnswered"),
        handled: Some(total("tHandle").count),
        handle_time_s: seconds("tHandle"),
    }
}
