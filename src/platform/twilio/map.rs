//! From TaskRouter's statistics to the normalized model (the TaskQueue
//! real-time and cumulative statistics resources).
//!
//! TaskRouter counts tasks and workers, not agents on calls, and has no
//! handle time; the figures it cannot give stay `None` or are derived as
//! described on each function.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::DateTime;

use super::wire::{Activity, Cumulative, Figure, QueueStatistics, Realtime, Split, TaskQueue};
use crate::model::{AgentCounts, QueueCounters, QueueId, QueueObservation, Timestamp};

/// The workspace's names and activities, which statistics refer to by SID.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub workspace_name: Option<String>,
    /// Queue SID → friendly name.
    pub queues: HashMap<String, String>,
    pub activities: HashMap<String, ActivityKind>,
}

/// How a worker in an activity counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivityKind {
    /// Can receive tasks (and may already be busy with some).
    Available,
    /// Logged in but not taking tasks: break, lunch, training.
    NotReady,
    /// Logged out; not counted at all.
    Offline,
}

impl ActivityKind {
    fn of(activity: &Activity) -> Self {
        let name = activity.friendly_name.as_deref().unwrap_or("").trim();
        if activity.available == Some(true) {
            ActivityKind::Available
        } else if name.eq_ignore_ascii_case("offline") {
            ActivityKind::Offline
        } else {
            ActivityKind::NotReady
        }
    }
}

impl Catalogue {
    pub fn new(
        workspace_name: Option<String>,
        queues: Vec<TaskQueue>,
        activities: Vec<Activity>,
    ) -> Self {
        Self {
            workspace_name: workspace_name.filter(|name| !name.trim().is_empty()),
            queues: queues
                .into_iter()
                .map(|q| {
                    let name = q.friendly_name.unwrap_or_else(|| q.sid.clone());
                    (q.sid, name)
                })
                .collect(),
            activities: activities
                .iter()
                .map(|a| (a.sid.clone(), ActivityKind::of(a)))
                .collect(),
        }
    }

    /// Whether every queue and activity the statistics mention, and every
    /// queue the operator asked for, is known; if not, the cache is out of date.
    pub fn explains(&self, statistics: &[QueueStatistics], wanted: &[String]) -> bool {
        let queues_known = statistics
            .iter()
            .all(|s| self.queues.contains_key(&s.task_queue_sid));
        let activities_known = statistics
            .iter()
            .flat_map(|s| activity_sids(s.realtime.as_ref()))
            .all(|sid| self.activities.contains_key(sid));
        let wanted_known = wanted.iter().all(|w| !self.matching(w).is_empty());
        queues_known && activities_known && wanted_known
    }

    /// The SIDs of the queues to show: all when `wanted` is empty. A wanted
    /// entry that names no queue is an error, so a typo does not hide a queue.
    pub fn selection(
        &self,
        wanted: &[String],
        workspace_sid: &str,
    ) -> Result<Option<HashSet<String>>, String> {
        if wanted.is_empty() {
            return Ok(None);
        }
        let mut selected = HashSet::new();
        for entry in wanted {
            let matches = self.matching(entry);
            if matches.is_empty() {
                return Err(format!(
                    "queue \"{entry}\" is not in workspace {workspace_sid} (its queues: {})",
                    self.queue_names()
                ));
            }
            selected.extend(matches);
        }
        Ok(Some(selected))
    }

    /// Queues whose SID or friendly name is `entry` (case aside).
    fn matching(&self, entry: &str) -> Vec<String> {
        let entry = entry.trim();
        self.queues
            .iter()
            .filter(|(sid, name)| {
                sid.eq_ignore_ascii_case(entry) || name.eq_ignore_ascii_case(entry)
            })
            .map(|(sid, _)| sid.clone())
            .collect()
    }

    fn queue_names(&self) -> String {
        let mut names: Vec<&str> = self.queues.values().map(String::as_str).collect();
        names.sort_unstable();
        if names.is_empty() {
            "none".into()
        } else {
            names.join(", ")
        }
    }
}

fn activity_sids(realtime: Option<&Realtime>) -> impl Iterator<Item = &str> {
    realtime
        .and_then(|r| r.activity_statistics.as_deref())
        .unwrap_or_default()
        .iter()
        .filter_map(|a| a.sid.as_deref())
}

/// The wait-time cuts sent as `SplitByWaitTime`, in whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    pub service_level_s: u64,
    pub short_abandon_s: u64,
}

impl Thresholds {
    /// TaskRouter takes whole seconds; a fraction is dropped.
    pub fn new(service_level: Duration, short_abandon: Duration) -> Self {
        Self {
            service_level_s: service_level.as_secs(),
            short_abandon_s: short_abandon.as_secs(),
        }
    }

    /// `T,S`, or just `T` when both are the same.
    pub fn split_by_wait_time(&self) -> String {
        if self.service_level_s == self.short_abandon_s {
            self.service_level_s.to_string()
        } else {
            format!("{},{}", self.service_level_s, self.short_abandon_s)
        }
    }
}

/// One queue's statistics as the model sees them.
pub fn queue(
    statistics: &QueueStatistics,
    catalogue: &Catalogue,
    thresholds: Thresholds,
) -> Result<QueueObservation, String> {
    let sid = &statistics.task_queue_sid;
    let realtime = statistics
        .realtime
        .as_ref()
        .ok_or_else(|| format!("queue {sid} has no realtime statistics"))?;
    let no_cumulative = Cumulative::default();
    let cumulative = statistics.cumulative.as_ref().unwrap_or(&no_cumulative);
    Ok(QueueObservation {
        id: QueueId(sid.clone()),
        name: catalogue.queues.get(sid).unwrap_or(sid).clone(),
        waiting: to_u32(pending(realtime), "tasks_by_status.pending")
            .map_err(|e| format!("queue {sid}: {e}"))?,
        longest_wait_s: longest_wait(realtime),
        agents: agents(realtime, catalogue).map_err(|e| format!("queue {sid}: {e}"))?,
        counters: counters(cumulative, thresholds).map_err(|e| format!("queue {sid}: {e}"))?,
        sl_threshold_s: Some(thresholds.service_level_s as f64),
        short_abandon_s: Some(thresholds.short_abandon_s as f64),
        sentiment: None,
        reasons: Vec::new(),
    })
}

fn pending(realtime: &Realtime) -> u64 {
    status_count(realtime, |s| s.pending)
}

/// Tasks in a status; a status TaskRouter leaves out has none.
fn status_count(
    realtime: &Realtime,
    status: impl Fn(&super::wire::TasksByStatus) -> Option<Figure>,
) -> u64 {
    realtime
        .tasks_by_status
        .as_ref()
        .and_then(status)
        .map_or(0, Figure::count)
}

/// Measured from when the task entered this queue, which is right for
/// transferred tasks; the age since creation is the fallback.
fn longest_wait(realtime: &Realtime) -> Option<f64> {
    realtime
        .longest_relative_task_age_in_queue
        .or(realtime.longest_task_waiting_age)
        .map(Figure::seconds)
}

/// TaskRouter counts tasks, not agents, by status: a task assigned or
/// reserved stands for an agent on it, a task wrapping for an agent in
/// wrap-up. Flex keeps busy workers in an available activity, so
/// `total_available_workers` includes them and they are taken off to leave
/// the idle ones. With multitasking one agent may hold several tasks, so this
/// is an estimate.
fn agents(realtime: &Realtime, catalogue: &Catalogue) -> Result<AgentCounts, String> {
    // Sums saturate: a platform's counts must never wrap into small ones.
    let on_call = status_count(realtime, |s| s.assigned)
        .saturating_add(status_count(realtime, |s| s.reserved));
    let wrap_up = status_count(realtime, |s| s.wrapping);
    let available_workers = realtime.total_available_workers.map_or(0, Figure::count);
    Ok(AgentCounts {
        available: to_u32(
            available_workers.saturating_sub(on_call.saturating_add(wrap_up)),
            "total_available_workers",
        )?,
        // Reserved workers are counted with those on a call (above).
        ringing: 0,
        on_call: to_u32(on_call, "tasks_by_status.assigned + reserved")?,
        wrap_up: Some(to_u32(wrap_up, "tasks_by_status.wrapping")?),
        not_ready: to_u32(
            not_ready(realtime, catalogue),
            "activity_statistics.workers",
        )?,
    })
}

/// Workers in an activity that takes no tasks, except those logged out. An
/// activity still unknown after refreshing the catalogue is not counted.
fn not_ready(realtime: &Realtime, catalogue: &Catalogue) -> u64 {
    realtime
        .activity_statistics
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|a| {
            a.sid
                .as_deref()
                .and_then(|sid| catalogue.activities.get(sid))
                == Some(&ActivityKind::NotReady)
        })
        .filter_map(|a| a.workers)
        .map(Figure::count)
        .fold(0, u64::saturating_add)
}

fn counters(cumulative: &Cumulative, thresholds: Thresholds) -> Result<QueueCounters, String> {
    let below = |cut: u64| {
        cumulative
            .split_by_wait_time
            .as_ref()
            .and_then(|splits| splits.get(&cut.to_string()))
            .and_then(|split: &Split| split.below.as_ref())
    };
    let in_sl = below(thresholds.service_level_s);
    let short = below(thresholds.short_abandon_s);
    Ok(QueueCounters {
        since: since(cumulative)?,
        offered: cumulative.tasks_entered.map(Figure::count),
        answered: cumulative.reservations_accepted.map(Figure::count),
        answered_in_sl: in_sl
            .and_then(|b| b.reservations_accepted)
            .map(Figure::count),
        abandoned: cumulative.tasks_canceled.map(Figure::count),
        abandoned_in_sl: in_sl.and_then(|b| b.tasks_canceled).map(Figure::count),
        abandoned_short: short.and_then(|b| b.tasks_canceled).map(Figure::count),
        flowed_out: cumulative.tasks_moved.map(Figure::count),
        answered_wait_s: cumulative
            .wait_duration_in_queue_until_accepted
            .as_ref()
            .and_then(|d| d.total)
            .map(Figure::seconds),
        // TaskRouter has no handle time; Flex Insights would.
        handled: None,
        handle_time_s: None,
    })
}

/// The start of the window the counters cover: when it moves, they were reset.
fn since(cumulative: &Cumulative) -> Result<Option<Timestamp>, String> {
    let Some(text) = cumulative.start_time.as_deref() else {
        return Ok(None);
    };
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| Some(Timestamp::from_millis(t.timestamp_millis())))
        .map_err(|e| format!("start_time {text:?} is not an ISO 8601 time ({e})"))
}

/// A count of people or tasks on one queue; one past u32 is no floor, but garbage.
fn to_u32(count: u64, field: &str) -> Result<u32, String> {
    u32::try_from(count).map_err(|_| format!("{field} = {count} is more than any floor holds"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn equal_thresholds_are_sent_once() {
        let t = Thresholds::new(Duration::from_secs(20), Duration::from_millis(5_900));
        assert_eq!(t.split_by_wait_time(), "20,5");
        let t = Thresholds::new(Duration::from_secs(10), Duration::from_secs(10));
        assert_eq!(t.split_by_wait_time(), "10");
    }

    #[test]
    fn an_offline_activity_is_not_counted_as_not_ready() {
        let activity = |name: &str, available| Activity {
            sid: "WA1".into(),
            friendly_name: Some(name.into()),
            available: Some(available),
        };
        assert_eq!(
            ActivityKind::of(&activity("OFFLINE", false)),
            ActivityKind::Offline
        );
        assert_eq!(
            ActivityKind::of(&activity("Break", false)),
            ActivityKind::NotReady
        );
        assert_eq!(
            ActivityKind::of(&activity("Idle", true)),
            ActivityKind::Available
        );
    }

    #[test]
    fn a_catalogue_that_does_not_know_a_queue_or_activity_is_out_of_date() {
        let catalogue = Catalogue::new(
            None,
            vec![TaskQueue {
                sid: "WQ1".into(),
                friendly_name: Some("Sales".into()),
            }],
            vec![Activity {
                sid: "WA1".into(),
                friendly_name: Some("Break".into()),
                available: Some(false),
            }],
        );
        let stats = |queue: &str, activity: &str| -> Vec<QueueStatistics> {
            let json = serde_json::json!([{"task_queue_sid": queue,
                "realtime": {"activity_statistics": [{"sid": activity, "workers": 1}]}}]);
            serde_json::from_value(json).unwrap()
        };
        assert!(catalogue.explains(&stats("WQ1", "WA1"), &["sales".into()]));
        assert!(!catalogue.explains(&stats("WQ2", "WA1"), &[]));
        assert!(!catalogue.explains(&stats("WQ1", "WA2"), &[]));
        assert!(!catalogue.explains(&stats("WQ1", "WA1"), &["Support".into()]));
    }

    #[test]
    fn without_counters_every_figure_is_missing_not_zero() {
        let counters = counters(
            &Cumulative::default(),
            Thresholds::new(Duration::from_secs(20), Duration::from_secs(5)),
        )
        .unwrap();
        assert_eq!(counters, QueueCounters::default());
    }
}
