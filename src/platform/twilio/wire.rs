//! TaskRouter's JSON as far as the console reads it. Everything else in the
//! answers is ignored, and every figure may be missing or `null` (the spec
//! declares nearly all of them nullable or untyped).

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

/// One page of a list resource: its items and the link to the next page.
pub trait Listing: DeserializeOwned {
    type Item;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

/// The paging envelope every list answer carries.
#[derive(Debug, Default, Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub next_page_url: Option<String>,
}

/// `GET /v1/Workspaces/{WS}` (FetchWorkspace).
#[derive(Debug, Deserialize)]
pub struct Workspace {
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// `GET …/TaskQueues` (ListTaskQueue).
#[derive(Debug, Deserialize)]
pub struct TaskQueuePage {
    pub task_queues: Vec<TaskQueue>,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Debug, Deserialize)]
pub struct TaskQueue {
    pub sid: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// `GET …/Activities` (ListActivity).
#[derive(Debug, Deserialize)]
pub struct ActivityPage {
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Debug, Deserialize)]
pub struct Activity {
    pub sid: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// Whether a worker in this activity can receive tasks; `null` means no.
    #[serde(default)]
    pub available: Option<bool>,
}

/// `GET …/TaskQueues/Statistics` (ListTaskQueuesStatistics).
#[derive(Debug, Deserialize)]
pub struct StatisticsPage {
    pub task_queues_statistics: Vec<QueueStatistics>,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Debug, Deserialize)]
pub struct QueueStatistics {
    /// Without it the figures belong to no queue, so it is required.
    pub task_queue_sid: String,
    #[serde(default)]
    pub realtime: Option<Realtime>,
    #[serde(default)]
    pub cumulative: Option<Cumulative>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Realtime {
    #[serde(default)]
    pub tasks_by_status: Option<TasksByStatus>,
    #[serde(default)]
    pub longest_relative_task_age_in_queue: Option<Figure>,
    #[serde(default)]
    pub longest_task_waiting_age: Option<Figure>,
    #[serde(default)]
    pub total_available_workers: Option<Figure>,
    #[serde(default)]
    pub activity_statistics: Option<Vec<ActivityWorkers>>,
}

/// Tasks in the queue by status. A status with no tasks may be left out, so a
/// missing key counts as none.
#[derive(Debug, Default, Deserialize)]
pub struct TasksByStatus {
    #[serde(default)]
    pub pending: Option<Figure>,
    #[serde(default)]
    pub reserved: Option<Figure>,
    #[serde(default)]
    pub assigned: Option<Figure>,
    #[serde(default)]
    pub wrapping: Option<Figure>,
}

/// Eligible workers of the queue in one activity.
#[derive(Debug, Deserialize)]
pub struct ActivityWorkers {
    #[serde(default)]
    pub sid: Option<String>,
    #[serde(default)]
    pub workers: Option<Figure>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Cumulative {
    #[serde(default)]
    pub start_time: Option<String>,
    #[serde(default)]
    pub tasks_entered: Option<Figure>,
    #[serde(default)]
    pub tasks_canceled: Option<Figure>,
    #[serde(default)]
    pub tasks_moved: Option<Figure>,
    #[serde(default)]
    pub reservations_accepted: Option<Figure>,
    #[serde(default)]
    pub wait_duration_in_queue_until_accepted: Option<Durations>,
    /// Keyed by the thresholds we sent, as strings of whole seconds.
    #[serde(default)]
    pub split_by_wait_time: Option<HashMap<String, Split>>,
}

/// `{avg, min, max, total}` in seconds.
#[derive(Debug, Default, Deserialize)]
pub struct Durations {
    #[serde(default)]
    pub total: Option<Figure>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Split {
    #[serde(default)]
    pub below: Option<SplitCounts>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SplitCounts {
    #[serde(default)]
    pub tasks_canceled: Option<Figure>,
    #[serde(default)]
    pub reservations_accepted: Option<Figure>,
}

macro_rules! listing {
    ($page:ty, $item:ty, $field:ident) => {
        impl Listing for $page {
            type Item = $item;
            fn into_parts(self) -> (Vec<$item>, Option<String>) {
                (self.$field, self.meta.next_page_url)
            }
        }
    };
}

listing!(TaskQueuePage, TaskQueue, task_queues);
listing!(ActivityPage, Activity, activities);
listing!(StatisticsPage, QueueStatistics, task_queues_statistics);

/// A count or a number of seconds, never negative. TaskRouter sends some as
/// numbers, some as numeric strings (`"pending": "1"`), and integers declared
/// in the spec as `0.0`, so all three are accepted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure(f64);

impl Figure {
    pub fn seconds(self) -> f64 {
        self.0
    }

    pub fn count(self) -> u64 {
        // Non-negative and finite by construction; `as` saturates.
        self.0.round() as u64
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FigureVisitor)
    }
}

struct FigureVisitor;

impl FigureVisitor {
    fn checked<E: de::Error>(value: f64) -> Result<Figure, E> {
        if value.is_finite() && value >= 0.0 {
            Ok(Figure(value))
        } else {
            Err(E::custom(format!("{value} is not a count or a duration")))
        }
    }
}

impl Visitor<'_> for FigureVisitor {
    type Value = Figure;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a non-negative number or numeric string")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
        Ok(Figure(v as f64))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
        Self::checked(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
        Self::checked(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
        match v.trim().parse::<f64>() {
            Ok(value) => Self::checked(value),
            Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn figure(json: &str) -> Result<Figure, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn figures_come_as_numbers_strings_or_floats() {
        assert_eq!(figure("3").unwrap().count(), 3);
        assert_eq!(figure("\"3\"").unwrap().count(), 3);
        assert_eq!(figure("0.0").unwrap().count(), 0);
        assert_eq!(figure("12.5").unwrap().seconds(), 12.5);
    }

    #[test]
    fn figures_that_are_not_counts_are_refused() {
        assert!(figure("-1").is_err());
        assert!(figure("\"many\"").is_err());
        assert!(figure("true").is_err());
    }
}
