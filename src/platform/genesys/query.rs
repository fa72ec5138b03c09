//! What the two analytics queries share: the filter grammar and the
//! statistics Genesys answers with.

use serde_json::{Value, json};

/// A metric's statistics. Read as a loose map, not a closed struct: fields
/// come and go between API versions (`calculatedMetricValue` is in answers but
/// not in the SDK's model), and a new one must not break a poll.
pub type Stats = serde_json::Map<String, Value>;

/// Interactions in any of `ids`, and of `media_type` when one is set.
pub fn filter(ids: &[String], media_type: Option<&str>) -> Value {
    let queues = json!({
        "type": "or",
        "predicates": ids
            .iter()
            .map(|id| json!({"dimension": "queueId", "value": id}))
            .collect::<Vec<_>>(),
    });
    match media_type {
        None => queues,
        Some(media) => json!({
            "type": "and",
            "clauses": [
                queues,
                {"type": "or", "predicates": [{"dimension": "mediaType", "value": media}]},
            ],
        }),
    }
}

/// `stats.count`: how many (interactions, users, occurrences).
pub fn count(stats: &Stats) -> Option<u64> {
    let value = stats.get("count")?;
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= u64::MAX as f64)
            .map(|n| n as u64)
    })
}

/// `stats.sum`: for `t*` metrics, milliseconds.
pub fn sum(stats: &Stats) -> Option<f64> {
    stats.get("sum").and_then(Value::as_f64)
}

/// A count that must be there: its absence means the answer is not what Genesys documents.
pub fn required_count(stats: &Stats, metric: &str, queue: &str) -> Result<u64, String> {
    count(stats).ok_or_else(|| format!("queue {queue}: {metric} has no numeric stats.count"))
}
