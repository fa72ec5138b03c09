//! The one metric lookup: each metric on a queue and on the floor, the
//! least volume, the platform's trouble, and what sensed steps and the
//! incident's figures read through it.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use super::Reading;
use crate::engine::checklist::{Impact, SensedCondition};
use crate::engine::rules::{Direction, Metric};
use crate::engine::{EngineSettings, Floor, Window};
use crate::model::{
    AgentCounts, PlatformCondition, PlatformInfo, PollFailure, QueueCounters, QueueId,
    QueueObservation, SentimentObservation, Snapshot, Timestamp,
};

/// The start of a 15-minute interval.
pub(crate) const T0: i64 = 1_767_600_000;

pub(crate) fn at(secs: i64) -> Timestamp {
    Timestamp::from_secs(T0 + secs)
}

/// A queue whose counters have reached `answered` (of which `in_sl` within
/// the threshold) and `abandoned` (all after the threshold).
pub(crate) fn queue(
    id: &str,
    waiting: u32,
    answered: u64,
    in_sl: u64,
    abandoned: u64,
) -> QueueObservation {
    QueueObservation {
        id: QueueId(id.into()),
        name: id.to_uppercase(),
        waiting,
        longest_wait_s: Some(f64::from(waiting) * 10.0),
        agents: AgentCounts {
            available: 1,
            on_call: 4,
            ..AgentCounts::default()
        },
        counters: QueueCounters {
            since: Some(at(-3600)),
            offered: Some(answered + abandoned),
            answered: Some(answered),
            answered_in_sl: Some(in_sl),
            abandoned: Some(abandoned),
            abandoned_in_sl: Some(0),
            ..QueueCounters::default()
        },
        sl_threshold_s: Some(20.0),
        short_abandon_s: None,
        sentiment: None,
        reasons: Vec::new(),
    }
}

pub(crate) fn snapshot(t: Timestamp, queues: Vec<QueueObservation>) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: "test".into(),
            name: "test".into(),
        },
        observed_at: t,
        queues,
        agents: Vec::new(),
        waiting_contacts: Vec::new(),
        interactions: Vec::new(),
        sites: Vec::new(),
    }
}

/// Two queues, each seen twice a minute apart: in between, sales answered
/// 8 (6 within the threshold) and lost 2; billing answered 4 (all within)
/// and lost none.
pub(crate) fn floor() -> Floor {
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(
        snapshot(
            at(60),
            vec![queue("sales", 0, 0, 0, 0), queue("billing", 0, 0, 0, 0)],
        ),
        at(60),
    );
    floor.observe(
        snapshot(
            at(120),
            vec![queue("sales", 7, 8, 6, 2), queue("billing", 3, 4, 4, 0)],
        ),
        at(120),
    );
    floor
}

pub(crate) fn sales() -> QueueId {
    QueueId("sales".into())
}

fn close(value: Option<f64>, expected: f64) -> bool {
    value.is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn a_queue_reads_its_windowed_figures_and_its_waits_now() {
    let floor = floor();
    let read = |metric| floor.metric_value(metric, Some(&sales()), Reading::SENSED);
    assert!(close(read(Metric::ServiceLevel), 0.6), "6 of 8 + 2");
    assert!(close(read(Metric::AbandonRate), 0.2), "2 of 10");
    assert!(close(read(Metric::Waiting), 7.0));
    assert!(close(read(Metric::LongestWait), 70.0));
}

#[test]
fn the_floor_reads_the_queues_added_up() {
    let floor = floor();
    let read = |metric| floor.metric_value(metric, None, Reading::SENSED);
    assert!(
        close(read(Metric::ServiceLevel), 10.0 / 14.0),
        "6 + 4 of 12 + 2"
    );
    assert!(close(read(Metric::AbandonRate), 2.0 / 14.0));
    assert!(close(read(Metric::Waiting), 10.0), "7 + 3");
    assert!(
        close(read(Metric::LongestWait), 70.0),
        "the longer of 70 s and 30 s"
    );
}

#[test]
fn a_window_with_fewer_contacts_than_the_least_volume_says_nothing() {
    let floor = floor();
    let needing = |min_volume| Reading {
        window: Window::Interval,
        min_volume,
    };
    let sl =
        |min_volume| floor.metric_value(Metric::ServiceLevel, Some(&sales()), needing(min_volume));
    assert!(close(sl(10), 0.6), "10 offered: enough");
    assert_eq!(sl(11), None, "10 offered: too few");
    // Waits now are not counted over a window: no least volume.
    let waiting = floor.metric_value(Metric::Waiting, Some(&sales()), needing(1000));
    assert!(close(waiting, 7.0));
}

#[test]
fn sentiment_counts_only_once_enough_customers_were_heard() {
    let mut floor = floor();
    let mut sour = queue("sales", 7, 8, 6, 2);
    sour.sentiment = Some(SentimentObservation {
        score: -0.4,
        samples: 5,
        negative_share: 0.6,
    });
    floor.observe(snapshot(at(180), vec![sour]), at(180));
    let share = |min_volume| {
        let reading = Reading {
            window: Window::Interval,
            min_volume,
        };
        floor.metric_value(Metric::NegativeShare, Some(&sales()), reading)
    };
    // The floor scores no words here: the platform's figure stands.
    assert!(close(share(5), 0.6));
    assert_eq!(share(6), None);
}

#[test]
fn nobody_to_answer_is_a_queue_figure_only() {
    let mut floor = floor();
    let mut stranded = queue("sales", 3, 8, 6, 2);
    stranded.agents = AgentCounts::default();
    floor.observe(snapshot(at(180), vec![stranded]), at(180));
    let read =
        |on: Option<&QueueId>| floor.metric_value(Metric::NoAgentAvailable, on, Reading::SENSED);
    assert!(close(read(Some(&sales())), 1.0));
    assert_eq!(read(None), None);
}

#[test]
fn the_platforms_trouble_is_one_or_zero_wherever_it_is_asked() {
    let mut floor = floor();
    let read = |floor: &Floor, metric, on: Option<&QueueId>| {
        floor.metric_value(metric, on, Reading::SENSED)
    };
    assert!(close(read(&floor, Metric::PlatformUnreachable, None), 0.0));
    floor.observe_failure(
        at(130),
        PollFailure {
            condition: PlatformCondition::Unreachable,
            detail: "connection refused".into(),
        },
    );
    for on in [None, Some(&sales()), Some(&QueueId("gone".into()))] {
        assert!(close(read(&floor, Metric::PlatformUnreachable, on), 1.0));
        assert!(close(read(&floor, Metric::PlatformGarbage, on), 0.0));
    }
    assert_eq!(floor.platform_value(Metric::Waiting), None);
}

#[test]
fn a_queue_not_in_the_snapshot_and_a_floor_not_yet_seen_have_no_figures() {
    let floor = floor();
    let gone = QueueId("gone".into());
    assert_eq!(
        floor.metric_value(Metric::Waiting, Some(&gone), Reading::SENSED),
        None
    );
    let empty = Floor::new(EngineSettings::default());
    assert_eq!(
        empty.metric_value(Metric::ServiceLevel, None, Reading::SENSED),
        None
    );
}

fn condition(metric: Metric, on_queue: bool) -> SensedCondition {
    SensedCondition {
        metric,
        on_queue,
        direction: Direction::Above,
        level: 0.5,
        hold_for: Duration::ZERO,
    }
}

#[test]
fn a_sensed_step_reads_the_incidents_queue_or_the_floor() {
    let floor = floor();
    let on_queue = condition(Metric::Waiting, true);
    assert!(close(on_queue.value_now(&floor, Some(&sales())), 7.0));
    // An incident on no queue has no queue figure to sense.
    assert_eq!(on_queue.value_now(&floor, None), None);
    let on_floor = condition(Metric::Waiting, false);
    assert!(close(on_floor.value_now(&floor, Some(&sales())), 10.0));
    let platform = condition(Metric::PlatformUnreachable, true);
    assert!(close(platform.value_now(&floor, None), 0.0));
    // The floor's Pareto of no reasons has no jump, which a rule asking for
    // no least volume would read as 0: a step does not close on it.
    assert!(close(
        floor.metric_value(Metric::ReasonJump, None, Reading::SENSED),
        0.0
    ));
    let jump = condition(Metric::ReasonJump, false);
    assert_eq!(jump.value_now(&floor, Some(&sales())), None);
}

#[test]
fn the_incidents_figures_now_are_the_lookups_on_its_queue_or_the_floor() {
    let floor = floor();
    let now = at(125);
    let on_queue = Impact::now(&floor, Some(&sales()), now).unwrap();
    assert_eq!(on_queue.at, now);
    assert!(close(on_queue.service_level, 0.6));
    assert_eq!(on_queue.waiting, Some(7));
    assert!(close(on_queue.longest_wait_s, 70.0));
    assert!(close(on_queue.abandon_rate, 0.2));
    let whole = Impact::now(&floor, None, now).unwrap();
    assert_eq!(whole.waiting, Some(10));
    assert!(close(whole.service_level, 10.0 / 14.0));
    assert_eq!(
        Impact::now(&floor, Some(&QueueId("gone".into())), now),
        None
    );
    let empty = Floor::new(EngineSettings::default());
    assert_eq!(Impact::now(&empty, None, now), None);
}
