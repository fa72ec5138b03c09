//! Tests of the simulator through its public API: determinism, counter
//! consistency, the Poisson arrival process, the standard floor's service
//! level, and the large floor. Scenario effects are in `scenarios`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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
    let until = sim.now().plus(Duration::from_millis((minutes * MINUTE_MS) as u64));
    sim.advance_to(until);
}

fn queue<'a>(snapshot: &'a Snapshot, id: &str) -> &'a QueueObservation {
    snapshot.queues.iter().find(|queue| queue.id.0 == id).unwrap()
}

fn offered(snapshot: &Snapshot, id: &str) -> u64 {
    queue(snapshot, id).counters.offered.unwrap()
}

fn total_offered(snapshot: &Snapshot) -> u64 {
    snapshot.queues.iter().map(|queue| queue.counters.offered.unwrap()).sum()
}

fn logged_in(snapshot: &Snapshot) -> usize {
    snapshot.agents.iter().filter(|agent| agent.state != AgentState::Offline).count()
}

/// Every invariant a snapshot must keep, whatever the floor is doing.
fn assert_consistent(snapshot: &Snapshot) {
    for queue in &snapshot.queues {
        let c = queue.counters;
        let (offered, answered, abandoned) = (c.offered.unwrap(), c.answered.unwrap(), c.abandoned.unwrap());
        let waiting = u64::from(queue.waiting);
        assert_eq!(offered, answered + abandoned + waiting + c.flowed_out.unwrap(), "{}: {c:?}", queue.id.0);
        assert!(c.answered_in_sl.unwrap() <= answered, "{c:?}");
        assert!(c.abandoned_short.unwrap() <= c.abandoned_in_sl.unwrap(), "{c:?}");
        assert!(c.abandoned_in_sl.unwrap() <= abandoned, "{c:?}");
        assert!(c.handled.unwrap() <= answered, "{c:?}");
        assert!(c.answered_wait_s.unwrap() >= 0.0 && c.handle_time_s.unwrap() >= 0.0, "{c:?}");
        assert!(c.since.unwrap() <= snapshot.observed_at);
        assert_eq!(queue.reasons.iter().map(|reason| reason.count).sum::<u64>(), offered);
        let longest = queue.longest_wait_s.unwrap();
        assert!(longest >= 0.0 && (queue.waiting > 0 || longest == 0.0), "{longest}");
        let listed = snapshot.waiting_contacts.iter().filter(|contact| contact.queue == queue.id).count();
        assert_eq!(listed, queue.waiting as usize, "{}", queue.id.0);
        if let Some(sentiment) = queue.sentiment {
            assert!((-1.0..=1.0).contains(&sentiment.score) && sentiment.samples > 0);
            assert!((0.0..=1.0).contains(&sentiment.negative_share));
        }
        assert_eq!(queue.agents, counted_agents(snapshot, queue), "{}", queue.id.0);
    }
}

fn counted_agents(snapshot: &Snapshot, queue: &QueueObservation) -> crate::model::AgentCounts {
    let mut counts = crate::model::AgentCounts::default();
    for agent in snapshot.agents.iter().filter(|agent| agent.queues.contains(&queue.id)) {
        match agent.state {
            AgentState::Available => counts.available += 1,
            AgentState::OnCall => counts.on_call += 1,
            AgentState::WrapUp => counts.wrap_up += 1,
            AgentState::NotReady => counts.not_ready += 1,
            AgentState::Offline => {}
        }
    }
    counts
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
    let counters = |sim: &Simulator| sim.snapshot().queues.iter().map(|q| q.counters).collect::<Vec<_>>();
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
    for (minute, scenario) in [(60, Scenario::Surge), (150, Scenario::SevereWeather), (200, Scenario::Normal)] {
        while sim.now() < at_hour(8.0 + minute as f64 / 60.0) {
            advance_minutes(&mut sim, 5);
            assert_consistent(&sim.snapshot());
        }
        sim.set_scenario(scenario);
        assert_consistent(&sim.snapshot());
    }
    let snapshot = sim.snapshot();
    let abandoned: u64 = snapshot.queues.iter().map(|q| q.counters.abandoned.unwrap()).sum();
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
    assert!(after.queues.iter().all(|q| q.counters.since == Some(midnight)));
    assert!(before.queues.iter().all(|q| q.counters.since == Some(at_hour(15.0 + 40.0 / 60.0))));
    assert!(total_offered(&after) < total_offered(&before));
    assert_consistent(&after);
    advance_minutes(&mut sim, 20);
    assert_consistent(&sim.snapshot());
}

/// Arrivals at a constant profile hour (overnight, factor 0.15) are Poisson:
/// counts match the rate, and per-minute counts have variance ≈ mean.
#[test]
fn overnight_arrivals_are_poisson_at_the_configured_rate() {
    let mut sim = standard(21, 0.0);
    let hours = 7.0;
    let mut per_minute = Vec::new();
    let mut previous = 0;
    for _ in 0..(hours * 60.0) as usize {
        advance_minutes(&mut sim, 1);
        let total = total_offered(&sim.snapshot());
        per_minute.push((total - previous) as f64);
        previous = total;
    }
    let snapshot = sim.snapshot();
    let plan = &sim.floor.plan;
    for spec in &plan.queues {
        let expected = spec.peak_calls_per_hour * 0.15 * hours;
        let got = offered(&snapshot, &spec.id.0) as f64;
        assert!((got - expected).abs() < 4.0 * expected.sqrt(), "{}: {got} vs {expected}", spec.id.0);
    }
    let mean = per_minute.iter().sum::<f64>() / per_minute.len() as f64;
    let variance = per_minute.iter().map(|n| (n - mean).powi(2)).sum::<f64>() / (per_minute.len() - 1) as f64;
    let dispersion = variance / mean;
    assert!((0.78..=1.22).contains(&dispersion), "variance/mean = {dispersion}");
}

#[test]
fn peak_arrivals_match_the_peak_rate() {
    let mut sim = standard(22, 10.0);
    advance_minutes(&mut sim, 90);
    let expected: f64 = sim.floor.plan.queues.iter().map(|q| q.peak_calls_per_hour * 1.5).sum();
    let got = total_offered(&sim.snapshot()) as f64;
    assert!((got - expected).abs() < 3.0 * expected.sqrt(), "{got} vs {expected}");
}

#[test]
fn the_standard_floor_runs_near_target_at_the_morning_peak() {
    let mut sim = standard(1, 9.0);
    sim.advance_to(at_hour(10.5));
    let snapshot = sim.snapshot();
    assert_consistent(&snapshot);
    assert!(snapshot.queues.iter().all(|queue| queue.counters.offered.unwrap() > 0));
    let levels = service_levels(&snapshot);
    let mean = levels.iter().sum::<f64>() / levels.len() as f64;
    assert!((0.6..=0.98).contains(&mean), "mean service level {mean}: {levels:?}");
    let answered: u64 = snapshot.queues.iter().map(|q| q.counters.answered.unwrap()).sum();
    let handled: u64 = snapshot.queues.iter().map(|q| q.counters.handled.unwrap()).sum();
    assert!(handled > answered * 3 / 4, "{handled} of {answered}");
}

#[test]
fn the_standard_snapshot_looks_like_a_floor() {
    let mut sim = standard(1, 11.0);
    advance_minutes(&mut sim, 75);
    let snapshot = sim.snapshot();
    assert_eq!(snapshot.platform.kind, "sim");
    assert_eq!(snapshot.platform.name, "simulator · normal · seed 1");
    assert_eq!(snapshot.observed_at, sim.now());
    assert_eq!((sim.queue_count(), sim.agent_count()), (6, 80));
    assert_eq!(snapshot.agents.len(), 80);
    let site_ids: Vec<_> = snapshot.sites.iter().map(|site| site.id.as_str()).collect();
    assert_eq!(site_ids, ["manchester", "shenzhen", "home"]);
    assert!(snapshot.queues.iter().any(|queue| queue.name == "会员服务 VIP"));
    let shenzhen = snapshot.agents.iter().find(|a| a.site.as_deref() == Some("shenzhen")).unwrap();
    assert!(shenzhen.name.chars().all(|c| c > '\u{2e80}'), "{}", shenzhen.name);
    for agent in &snapshot.agents {
        assert!(agent.state_since.unwrap() <= snapshot.observed_at);
        assert!((1..=3).contains(&agent.queues.len()));
        match agent.state {
            AgentState::NotReady => {
                assert!(["Break", "Lunch", "Training"].contains(&agent.reason.as_deref().unwrap()))
            }
            AgentState::OnCall | AgentState::WrapUp => {
                let reason = agent.reason.as_deref().unwrap();
                let known = agent.queues.iter().any(|id| {
                    snapshot.queues.iter().any(|q| &q.id == id && q.reasons.iter().any(|r| r.reason == reason))
                });
                assert!(known, "{reason}");
            }
            AgentState::Available | AgentState::Offline => assert_eq!(agent.reason, None),
        }
    }
    let states = |state| snapshot.agents.iter().filter(|a| a.state == state).count();
    assert!(states(AgentState::OnCall) > 10 && states(AgentState::Offline) > 0);
    assert!(snapshot.queues.iter().all(|q| q.sentiment.is_some() && q.reasons.len() >= 3));
    assert!(snapshot.queues.iter().all(|q| q.sl_threshold_s.is_some() && q.short_abandon_s == Some(5.0)));
}

#[test]
fn waiting_callers_are_described() {
    let mut sim = standard(2, 10.0);
    sim.set_scenario(Scenario::Surge);
    advance_minutes(&mut sim, 20);
    let snapshot = sim.snapshot();
    assert!(snapshot.waiting_contacts.len() > 3, "{}", snapshot.waiting_contacts.len());
    for contact in &snapshot.waiting_contacts {
        assert!(contact.waiting_since <= snapshot.observed_at);
        assert!(!contact.caller.as_deref().unwrap().is_empty());
        let reason = contact.reason.as_deref().unwrap();
        assert!(queue(&snapshot, &contact.queue.0).reasons.iter().any(|r| r.reason == reason));
        assert!(contact.tags.iter().all(|tag| tag == "VIP" || tag == "elderly"));
    }
    let longest = queue(&snapshot, "billing").longest_wait_s.unwrap();
    let oldest = snapshot.waiting_contacts.iter().filter(|c| c.queue.0 == "billing").map(|c| c.waiting_since).min();
    if let Some(oldest) = oldest {
        assert_eq!(longest, snapshot.observed_at.secs_since(oldest));
    }
}

#[test]
fn a_large_floor_runs_with_sane_counters() {
    let mut sim = Simulator::new(config(9, FloorShape::Large { queues: 1000, agents: 20_000 }, 10.0));
    assert_eq!((sim.queue_count(), sim.agent_count()), (1000, 20_000));
    advance_minutes(&mut sim, 1);
    let snapshot = sim.snapshot();
    assert_consistent(&snapshot);
    assert_eq!(snapshot.queues[0].name, "Queue 0001");
    assert!(total_offered(&snapshot) > 500, "{}", total_offered(&snapshot));
    let working = logged_in(&snapshot);
    assert!((9_000..15_000).contains(&working), "{working} logged in");
    assert_eq!(snapshot.sites.len(), 6);
}

#[test]
fn a_tiny_large_floor_does_not_break() {
    let mut sim = Simulator::new(config(9, FloorShape::Large { queues: 0, agents: 0 }, 10.0));
    assert_eq!((sim.queue_count(), sim.agent_count()), (1, 0));
    advance_minutes(&mut sim, 30);
    let snapshot = sim.snapshot();
    assert_consistent(&snapshot);
    assert_eq!(snapshot.queues[0].counters.answered, Some(0));
}
mod probe;
