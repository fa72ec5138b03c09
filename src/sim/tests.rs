//! Tests of the simulator through its public API. Here: determinism and
//! counter consistency, and the helpers the other test modules share;
//! `arrivals` tests the Poisson process, `floor` the floor as a whole,
//! `scenarios` each scenario's effect.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod arrivals;
mod floor;
mod scenarios;

use std::time::Duration;

use super::*;
use crate::model::{AgentState, QueueObservation};

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
/// 2025-03-10 00:00 UTC, a Monday.
const DAY0_MS: i64 = 1_741_564_800_000;

/// `hours` after midnight UTC on the test day.
fn at_hour(hours: f64) -> Timestamp {
    Timestamp::from_millis(DAY0_MS + (hours * HOUR_MS as f64).round() as i64)
}

fn config(seed: u64, shape: FloorShape, start_hour: f64) -> SimConfig {
    SimConfig {
        seed,
        scenario: Scenario::Normal,
        shape,
        start: at_hour(start_hour),
        utc_offset_s: 0,
    }
}

fn standard(seed: u64, start_hour: f64) -> Simulator {
    Simulator::new(config(seed, FloorShape::Standard, start_hour))
}

fn advance_minutes(sim: &mut Simulator, minutes: i64) {
    let until = sim
        .now()
        .plus(Duration::from_millis((minutes * MINUTE_MS) as u64));
    sim.advance_to(until);
}

fn queue<'a>(snapshot: &'a Snapshot, id: &str) -> &'a QueueObservation {
    snapshot
        .queues
        .iter()
        .find(|queue| queue.id.0 == id)
        .unwrap()
}

fn offered(snapshot: &Snapshot, id: &str) -> u64 {
    queue(snapshot, id).counters.offered.unwrap()
}

fn total_offered(snapshot: &Snapshot) -> u64 {
    snapshot
        .queues
        .iter()
        .map(|queue| queue.counters.offered.unwrap())
        .sum()
}

fn logged_in(snapshot: &Snapshot) -> usize {
    snapshot
        .agents
        .iter()
        .filter(|agent| agent.state != AgentState::Offline)
        .count()
}

/// Every invariant a snapshot must keep, whatever the floor is doing.
fn assert_consistent(snapshot: &Snapshot) {
    for queue in &snapshot.queues {
        let c = queue.counters;
        let (offered, answered, abandoned) = (
            c.offered.unwrap(),
            c.answered.unwrap(),
            c.abandoned.unwrap(),
        );
        let waiting = u64::from(queue.waiting);
        assert_eq!(
            offered,
            answered + abandoned + waiting + c.flowed_out.unwrap(),
            "{}: {c:?}",
            queue.id.0
        );
        assert!(c.answered_in_sl.unwrap() <= answered, "{c:?}");
        assert!(
            c.abandoned_short.unwrap() <= c.abandoned_in_sl.unwrap(),
            "{c:?}"
        );
        assert!(c.abandoned_in_sl.unwrap() <= abandoned, "{c:?}");
        assert!(c.handled.unwrap() <= answered, "{c:?}");
        assert!(
            c.answered_wait_s.unwrap() >= 0.0 && c.handle_time_s.unwrap() >= 0.0,
            "{c:?}"
        );
        assert!(c.since.unwrap() <= snapshot.observed_at);
        assert_eq!(
            queue.reasons.iter().map(|reason| reason.count).sum::<u64>(),
            offered
        );
        let longest = queue.longest_wait_s.unwrap();
        assert!(
            longest >= 0.0 && (queue.waiting > 0 || longest == 0.0),
            "{longest}"
        );
        let listed = snapshot
            .waiting_contacts
            .iter()
            .filter(|contact| contact.queue == queue.id)
            .count();
        assert_eq!(listed, queue.waiting as usize, "{}", queue.id.0);
        if let Some(sentiment) = queue.sentiment {
            assert!((-1.0..=1.0).contains(&sentiment.score) && sentiment.samples > 0);
            assert!((0.0..=1.0).contains(&sentiment.negative_share));
        }
        assert_eq!(
            queue.agents,
            counted_agents(snapshot, queue),
            "{}",
            queue.id.0
        );
    }
}

fn counted_agents(snapshot: &Snapshot, queue: &QueueObservation) -> crate::model::AgentCounts {
    crate::model::AgentCounts::of(
        snapshot
            .agents
            .iter()
            .filter(|agent| agent.queues.contains(&queue.id)),
    )
}

/// Service level over the run, A≤T / (A + Ab>T), per queue.
fn service_levels(snapshot: &Snapshot) -> Vec<f64> {
    snapshot
        .queues
        .iter()
        .map(|queue| {
            let c = queue.counters;
            let counted = c.answered.unwrap() + c.abandoned.unwrap() - c.abandoned_in_sl.unwrap();
            c.answered_in_sl.unwrap() as f64 / counted.max(1) as f64
        })
        .collect()
}

#[test]
fn same_config_gives_the_same_snapshots() {
    let mut first = standard(11, 9.0);
    let mut second = standard(11, 9.0);
    for minutes in [1, 7, 30] {
        advance_minutes(&mut first, minutes);
        advance_minutes(&mut second, minutes);
        assert_eq!(first.snapshot(), second.snapshot());
    }
    assert!(total_offered(&first.snapshot()) > 0);
}

#[test]
fn one_big_step_equals_many_one_second_steps() {
    let mut leaping = standard(5, 10.0);
    let mut stepping = standard(5, 10.0);
    let switch_at = at_hour(10.25);
    let end = at_hour(10.5);
    leaping.advance_to(switch_at);
    leaping.set_scenario(Scenario::SitePowerLoss);
    leaping.advance_to(end);
    while stepping.now() < end {
        if stepping.now() == switch_at {
            stepping.set_scenario(Scenario::SitePowerLoss);
        }
        let next = stepping.now().plus(Duration::from_secs(1));
        stepping.advance_to(next);
    }
    assert_eq!(leaping.now(), stepping.now());
    assert_eq!(leaping.snapshot(), stepping.snapshot());
}

#[test]
fn a_different_seed_gives_different_counters() {
    let mut one = standard(1, 10.0);
    let mut two = standard(2, 10.0);
    advance_minutes(&mut one, 30);
    advance_minutes(&mut two, 30);
    let counters = |sim: &Simulator| {
        sim.snapshot()
            .queues
            .iter()
            .map(|q| q.counters)
            .collect::<Vec<_>>()
    };
    assert_ne!(counters(&one), counters(&two));
}

#[test]
fn time_never_runs_backwards() {
    let mut sim = standard(3, 10.0);
    advance_minutes(&mut sim, 10);
    let before = sim.snapshot();
    sim.advance_to(at_hour(9.0));
    sim.advance_to(sim.now());
    assert_eq!(sim.now(), at_hour(10.0 + 10.0 / 60.0));
    assert_eq!(sim.snapshot(), before);
}

#[test]
fn counters_stay_consistent_through_a_busy_morning() {
    let mut sim = standard(8, 8.0);
    // A surge makes queues build, so waiting and abandons are exercised too.
    for (minute, scenario) in [
        (60, Scenario::Surge),
        (150, Scenario::SevereWeather),
        (200, Scenario::Normal),
    ] {
        while sim.now() < at_hour(8.0 + minute as f64 / 60.0) {
            advance_minutes(&mut sim, 5);
            assert_consistent(&sim.snapshot());
        }
        sim.set_scenario(scenario);
        assert_consistent(&sim.snapshot());
    }
    let snapshot = sim.snapshot();
    let abandoned: u64 = snapshot
        .queues
        .iter()
        .map(|q| q.counters.abandoned.unwrap())
        .sum();
    assert!(abandoned > 0, "the surge should have made someone hang up");
}

#[test]
fn counters_reset_at_local_midnight_and_stay_consistent() {
    // 23:40 local in a zone eight hours east is 15:40 UTC.
    let mut sim = Simulator::new(SimConfig {
        utc_offset_s: 8 * 3600,
        ..config(4, FloorShape::Standard, 15.0 + 40.0 / 60.0)
    });
    advance_minutes(&mut sim, 19);
    let before = sim.snapshot();
    assert!(total_offered(&before) > 0);
    advance_minutes(&mut sim, 2);
    let after = sim.snapshot();
    let midnight = at_hour(16.0);
    assert!(
        after
            .queues
            .iter()
            .all(|q| q.counters.since == Some(midnight))
    );
    assert!(
        before
            .queues
            .iter()
            .all(|q| q.counters.since == Some(at_hour(15.0 + 40.0 / 60.0)))
    );
    assert!(total_offered(&after) < total_offered(&before));
    assert_consistent(&after);
    advance_minutes(&mut sim, 20);
    assert_consistent(&sim.snapshot());
}
