//! Engine invariants, checked over generated histories with resets and gaps.

use std::time::Duration;

use floorwatch::engine::{
    Calendar, EngineSettings, Floor, Health, QueueHistory, SlFormula, Window,
};
use floorwatch::model::{
    AgentCounts, PlatformCondition, PlatformInfo, PollFailure, QueueCounters, QueueId,
    QueueObservation, Snapshot, Timestamp,
};
use proptest::prelude::*;

const DAY_START: i64 = 1_767_571_200; // 2026-01-05 00:00:00 UTC

fn calendar() -> Calendar {
    Calendar {
        interval: Duration::from_secs(900),
        utc_offset_s: 0,
        gap_after: Duration::from_secs(300),
    }
}

/// One poll: how long after the previous one, what happened since, and whether
/// the platform reset its counters just before.
#[derive(Clone, Debug)]
struct Step {
    after_s: i64,
    answered_in_sl: u64,
    answered_late: u64,
    abandoned_short: u64,
    abandoned_mid: u64,
    abandoned_late: u64,
    reset: bool,
}

fn step() -> impl Strategy<Value = Step> {
    (
        1i64..900,
        0u64..6,
        0u64..4,
        0u64..2,
        0u64..2,
        0u64..3,
        proptest::bool::weighted(0.05),
    )
        .prop_map(
            |(
                after_s,
                answered_in_sl,
                answered_late,
                abandoned_short,
                abandoned_mid,
                abandoned_late,
                reset,
            )| Step {
                after_s,
                answered_in_sl,
                answered_late,
                abandoned_short,
                abandoned_mid,
                abandoned_late,
                reset,
            },
        )
}

fn queue(counters: QueueCounters) -> QueueObservation {
    QueueObservation {
        id: QueueId("q".into()),
        name: "Q".into(),
        waiting: 0,
        longest_wait_s: Some(0.0),
        agents: AgentCounts::default(),
        counters,
        sl_threshold_s: Some(20.0),
        short_abandon_s: Some(5.0),
        sentiment: None,
        reasons: vec![],
    }
}

fn bump(c: &mut QueueCounters, s: &Step) {
    let add = |v: &mut Option<u64>, n: u64| *v = Some(v.unwrap_or(0) + n);
    let answered = s.answered_in_sl + s.answered_late;
    let abandoned = s.abandoned_short + s.abandoned_mid + s.abandoned_late;
    add(&mut c.offered, answered + abandoned);
    add(&mut c.answered, answered);
    add(&mut c.answered_in_sl, s.answered_in_sl);
    add(&mut c.abandoned, abandoned);
    add(&mut c.abandoned_in_sl, s.abandoned_short + s.abandoned_mid);
    add(&mut c.abandoned_short, s.abandoned_short);
    add(&mut c.flowed_out, 0);
    add(&mut c.handled, answered);
    c.answered_wait_s = Some(c.answered_wait_s.unwrap_or(0.0) + 7.0 * answered as f64);
    c.handle_time_s = Some(c.handle_time_s.unwrap_or(0.0) + 200.0 * answered as f64);
}

fn zero_counters(since: Timestamp) -> QueueCounters {
    let mut c = QueueCounters {
        since: Some(since),
        ..QueueCounters::default()
    };
    bump(
        &mut c,
        &Step {
            after_s: 0,
            answered_in_sl: 0,
            answered_late: 0,
            abandoned_short: 0,
            abandoned_mid: 0,
            abandoned_late: 0,
            reset: false,
        },
    );
    c
}

/// Feeds a history; returns it with (time, offered increase) per poll as the reference.
fn replay(start_offset_s: i64, steps: &[Step]) -> (QueueHistory, Vec<(Timestamp, u64)>, Timestamp) {
    let mut history = QueueHistory::new();
    let mut at = Timestamp::from_secs(DAY_START + start_offset_s);
    let mut counters = zero_counters(Timestamp::from_secs(DAY_START));
    history.record(at, &queue(counters), &calendar());
    let mut credited = vec![];
    for s in steps {
        at = at.plus(Duration::from_secs(s.after_s as u64));
        if s.reset {
            counters = zero_counters(at.minus(Duration::from_secs(1)));
        }
        bump(&mut counters, s);
        history.record(at, &queue(counters), &calendar());
        let offered = s.answered_in_sl
            + s.answered_late
            + s.abandoned_short
            + s.abandoned_mid
            + s.abandoned_late;
        credited.push((at, offered));
    }
    (history, credited, at)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn service_level_stays_between_zero_and_one(steps in prop::collection::vec(step(), 1..120)) {
        let (history, _, now) = replay(8 * 3600, &steps);
        for window in Window::ALL {
            let (_, tally, _) = history.tally(window, now, &calendar());
            for formula in SlFormula::ALL {
                if let Some(sl) = formula.service_level(&tally) {
                    prop_assert!((0.0..=1.0).contains(&sl), "{formula:?} over {window:?} gave {sl}");
                }
            }
            prop_assert!(tally.answered_wait_s.unwrap_or(0.0) >= 0.0);
            prop_assert!(tally.handle_time_s.unwrap_or(0.0) >= 0.0);
            prop_assert!(tally.answered_in_sl <= tally.answered);
        }
    }

    #[test]
    fn windows_add_up_across_resets(steps in prop::collection::vec(step(), 1..60)) {
        // Start at 06:00 so the whole run (≤ 60 × 15 min) stays within one day.
        let (history, credited, now) = replay(6 * 3600, &steps);
        let cal = calendar();
        let (day_span, day, _) = history.tally(Window::Day, now, &cal);
        let (interval_span, interval, _) = history.tally(Window::Interval, now, &cal);
        let (rolling_span, rolling, _) = history.tally(Window::Rolling60, now, &cal);
        let total: u64 = credited.iter().map(|(_, n)| n).sum();
        let within = |from: Timestamp, to: Timestamp| -> u64 {
            credited.iter().filter(|(t, _)| *t >= from && *t < to).map(|(_, n)| n).sum()
        };
        prop_assert_eq!(day.offered, Some(total), "day = every increase since midnight");
        prop_assert_eq!(interval.offered, Some(within(interval_span.start, interval_span.end)));
        prop_assert_eq!(rolling.offered, Some(within(rolling_span.start, rolling_span.end)));
        prop_assert!(interval.offered <= day.offered && rolling.offered <= day.offered);
        prop_assert!(day_span.start <= interval_span.start && interval_span.end <= day_span.end);
        // The parts of each tally add up to its whole.
        for t in [day, interval, rolling] {
            prop_assert_eq!(t.offered.unwrap(), t.answered.unwrap() + t.abandoned.unwrap());
        }
    }

    #[test]
    fn a_long_silence_is_reported_as_a_gap(pause_s in 301i64..3000) {
        let steps = vec![
            Step { after_s: 10, answered_in_sl: 1, answered_late: 0, abandoned_short: 0, abandoned_mid: 0, abandoned_late: 0, reset: false },
            Step { after_s: pause_s, answered_in_sl: 1, answered_late: 0, abandoned_short: 0, abandoned_mid: 0, abandoned_late: 0, reset: false },
        ];
        let (history, _, now) = replay(10 * 3600, &steps);
        let (_, _, gap) = history.tally(Window::Rolling60, now, &calendar());
        prop_assert!(gap);
    }
}

#[test]
fn steady_polling_after_the_first_hour_has_no_gap_in_the_rolling_hour() {
    let steps: Vec<Step> = (0..200)
        .map(|_| Step {
            after_s: 30,
            answered_in_sl: 1,
            answered_late: 0,
            abandoned_short: 0,
            abandoned_mid: 0,
            abandoned_late: 0,
            reset: false,
        })
        .collect();
    let (history, _, now) = replay(9 * 3600, &steps);
    let (_, tally, gap) = history.tally(Window::Rolling60, now, &calendar());
    assert!(
        !gap,
        "100 minutes of 30-second polls leave no gap in the last hour"
    );
    // 59 whole minutes at two polls a minute, plus the poll that opened the current minute.
    assert_eq!(tally.offered, Some(119));
}

#[test]
fn a_platform_that_counted_since_before_midnight_leaves_today_incomplete() {
    let mut history = QueueHistory::new();
    let mut c = zero_counters(Timestamp::from_secs(DAY_START - 3600));
    c.offered = Some(40);
    let at = Timestamp::from_secs(DAY_START + 10 * 3600);
    history.record(at, &queue(c), &calendar());
    let (_, day, gap) = history.tally(Window::Day, at, &calendar());
    assert_eq!(day.offered, Some(0), "yesterday's counts are not today's");
    assert!(gap);
}

#[test]
fn counters_the_platform_had_before_our_first_poll_count_for_the_day_only() {
    let mut history = QueueHistory::new();
    let mut c = zero_counters(Timestamp::from_secs(DAY_START));
    c.offered = Some(40);
    c.answered = Some(40);
    let at = Timestamp::from_secs(DAY_START + 10 * 3600 + 7 * 60); // 10:07, mid-interval
    history.record(at, &queue(c), &calendar());
    let (_, day, day_gap) = history.tally(Window::Day, at, &calendar());
    let (_, interval, interval_gap) = history.tally(Window::Interval, at, &calendar());
    assert_eq!(day.offered, Some(40));
    assert_eq!(interval.offered, Some(0));
    assert!(
        interval_gap,
        "we did not watch that stretch of the interval, and say so"
    );
    assert!(
        !day_gap,
        "the platform counted the whole day, so today is complete"
    );
}

fn snapshot(at: Timestamp) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: "test".into(),
            name: "test".into(),
        },
        observed_at: at,
        queues: vec![queue(zero_counters(Timestamp::from_secs(DAY_START)))],
        agents: vec![],
        waiting_contacts: vec![],
        interactions: vec![],
        sites: vec![],
    }
}

#[test]
fn health_goes_stale_on_failure_and_on_silence_and_recovers() {
    let settings = EngineSettings {
        stale_after: Duration::from_secs(10),
        ..EngineSettings::default()
    };
    let mut floor = Floor::new(settings);
    let t0 = Timestamp::from_secs(DAY_START + 9 * 3600);
    assert!(matches!(floor.health(t0), Health::Waiting { .. }));
    floor.observe(snapshot(t0), t0);
    assert_eq!(floor.health(t0.plus(Duration::from_secs(5))), Health::Live);
    let later = t0.plus(Duration::from_secs(11));
    assert!(matches!(floor.health(later), Health::Stale { since, .. } if since == t0));
    assert_eq!(
        floor.platform_condition(),
        None,
        "late is not a platform condition"
    );
    floor.observe_failure(
        t0.plus(Duration::from_secs(6)),
        PollFailure::new(PlatformCondition::Unreachable, "connection refused"),
    );
    assert_eq!(
        floor.platform_condition(),
        Some(PlatformCondition::Unreachable)
    );
    match floor.health(t0.plus(Duration::from_secs(7))) {
        Health::Stale {
            since,
            reason,
            condition,
        } => {
            assert_eq!(since, t0, "stale since the last good data");
            assert_eq!(reason, "connection refused");
            assert_eq!(condition, Some(PlatformCondition::Unreachable));
        }
        other => panic!("expected stale, got {other:?}"),
    }
    assert_eq!(
        floor.snapshot().map(|s| s.queues.len()),
        Some(1),
        "the last good data is kept"
    );
    let t1 = t0.plus(Duration::from_secs(20));
    floor.observe(snapshot(t1), t1);
    assert_eq!(floor.health(t1), Health::Live);
    assert_eq!(floor.platform_condition(), None, "recovered by itself");
}
