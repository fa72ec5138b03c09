//! Rule timing: `for`, clear levels and `clear_for`, one alert per episode,
//! holding on stale data, the platform's own conditions.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use super::*;
use crate::engine::{EngineSettings, Floor, Health};
use crate::model::{
    AgentCounts, AgentObservation, AgentState, PlatformCondition, PlatformInfo, PollFailure,
    QueueCounters, QueueId, QueueObservation, Site, Snapshot, Timestamp,
};

const T0: i64 = 1_767_600_000;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_secs(T0 + secs)
}

fn queue(waiting: u32) -> QueueObservation {
    QueueObservation {
        id: QueueId("sales".into()),
        name: "Sales".into(),
        waiting,
        longest_wait_s: Some(f64::from(waiting) * 10.0),
        agents: AgentCounts {
            available: 1,
            on_call: 4,
            ..AgentCounts::default()
        },
        counters: QueueCounters::default(),
        sl_threshold_s: Some(20.0),
        short_abandon_s: None,
        sentiment: None,
        reasons: Vec::new(),
    }
}

fn snapshot(
    t: Timestamp,
    queues: Vec<QueueObservation>,
    agents: Vec<AgentObservation>,
) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: "test".into(),
            name: "test".into(),
        },
        observed_at: t,
        queues,
        agents,
        waiting_contacts: Vec::new(),
        interactions: Vec::new(),
        sites: vec![Site {
            id: "north".into(),
            name: "North".into(),
        }],
    }
}

fn floor() -> Floor {
    Floor::new(EngineSettings {
        stale_after: Duration::from_secs(15),
        ..EngineSettings::default()
    })
}

fn waiting_rule() -> Rule {
    default_rules()
        .into_iter()
        .find(|r| r.id == "waiting-high")
        .unwrap()
}

/// Feeds `waiting` at each second offset and collects the events.
fn run(
    engine: &mut RuleEngine,
    floor: &mut Floor,
    series: &[(i64, u32)],
) -> Vec<(i64, AlertEvent)> {
    let mut events = Vec::new();
    for &(t, waiting) in series {
        floor.observe(snapshot(at(t), vec![queue(waiting)], vec![]), at(t));
        for event in engine.evaluate(floor, at(t)) {
            events.push((t, event));
        }
    }
    events
}

#[test]
fn fires_after_for_once_per_episode_and_resolves_after_clear_for() {
    // waiting-high: above 10 for 60 s; clear at or below 5 for 180 s.
    let mut engine = RuleEngine::new(vec![waiting_rule()]);
    let mut floor = floor();
    let mut series: Vec<(i64, u32)> = (0..=12).map(|i| (i * 10, 12)).collect();
    let events = run(&mut engine, &mut floor, &series);
    assert_eq!(
        events,
        vec![(60, AlertEvent::Fired(1))],
        "fires once, when it has held 60 s"
    );
    let alert = engine.book().get(1).unwrap();
    assert_eq!(
        (alert.began_at, alert.fired_at, alert.tripped_value),
        (at(0), at(60), 12.0)
    );
    assert_eq!(alert.subject.label(), "Sales");

    // In the band (5 < 8 ≤ 10): still firing, nothing new.
    series = (13..=20).map(|i| (i * 10, 8)).collect();
    assert!(run(&mut engine, &mut floor, &series).is_empty());
    // Clear from 210 s: resolves once it has been clear for 180 s.
    series = (21..=40).map(|i| (i * 10, 3)).collect();
    assert_eq!(
        run(&mut engine, &mut floor, &series),
        vec![(390, AlertEvent::Resolved(1))]
    );
    assert_eq!(engine.book().get(1).unwrap().resolved_at, Some(at(390)));

    // A new episode is a new alert.
    series = (41..=47).map(|i| (i * 10, 15)).collect();
    assert_eq!(
        run(&mut engine, &mut floor, &series),
        vec![(470, AlertEvent::Fired(2))]
    );
}

#[test]
fn a_figure_hovering_at_the_line_never_fires() {
    let mut engine = RuleEngine::new(vec![waiting_rule()]);
    let mut floor = floor();
    // Above and below the trigger on alternate polls for ten minutes.
    let series: Vec<(i64, u32)> = (0..120)
        .map(|i| (i * 5, if i % 2 == 0 { 11 } else { 10 }))
        .collect();
    assert!(run(&mut engine, &mut floor, &series).is_empty());
}

#[test]
fn clearing_is_interrupted_by_a_relapse() {
    let mut engine = RuleEngine::new(vec![waiting_rule()]);
    let mut floor = floor();
    let mut series: Vec<(i64, u32)> = (0..=6).map(|i| (i * 10, 20)).collect();
    series.extend((7..=20).map(|i| (i * 10, 2))); // clear for 130 s …
    series.push((210, 9)); // … then back in the band: the clear clock restarts
    series.extend((22..=45).map(|i| (i * 10, 2)));
    let events = run(&mut engine, &mut floor, &series);
    assert_eq!(
        events,
        vec![(60, AlertEvent::Fired(1)), (400, AlertEvent::Resolved(1))]
    );
}

#[test]
fn stale_data_holds_every_figure_rule() {
    let mut engine = RuleEngine::new(vec![waiting_rule()]);
    let mut floor = floor();
    run(&mut engine, &mut floor, &[(0, 30)]);
    // No new data: the pending condition neither fires nor is dropped while stale.
    for t in [30, 60, 120] {
        assert!(engine.evaluate(&floor, at(t)).is_empty(), "at {t}");
    }
    assert_eq!(engine.pending().len(), 1);
}

#[test]
fn the_platform_rules_run_on_the_wall_clock() {
    let rules: Vec<Rule> = default_rules()
        .into_iter()
        .filter(|r| r.metric.is_about_the_platform())
        .collect();
    let mut engine = RuleEngine::new(rules);
    let mut floor = floor();
    floor.observe(snapshot(at(0), vec![queue(0)], vec![]), at(0));
    assert!(engine.evaluate(&floor, at(0)).is_empty());
    let refused = PollFailure::new(PlatformCondition::Unreachable, "connection refused");
    floor.observe_failure(at(5), refused);
    assert!(
        engine.evaluate(&floor, at(5)).is_empty(),
        "pending for 30 s"
    );
    assert_eq!(engine.evaluate(&floor, at(35)), vec![AlertEvent::Fired(1)]);
    let alert = engine.book().get(1).unwrap();
    assert_eq!(alert.rule.id, "platform-unreachable");
    assert_eq!(alert.rule.checklist.as_deref(), Some("telephony-outage"));
    // Back: resolves once clear for 60 s.
    floor.observe(snapshot(at(40), vec![queue(0)], vec![]), at(40));
    assert!(engine.evaluate(&floor, at(40)).is_empty());
    floor.observe(snapshot(at(100), vec![queue(0)], vec![]), at(100));
    assert_eq!(
        engine.evaluate(&floor, at(100)),
        vec![AlertEvent::Resolved(1)]
    );
}

#[test]
fn late_figures_without_a_failed_poll_are_not_the_platform_down() {
    let rules: Vec<Rule> = default_rules()
        .into_iter()
        .filter(|r| r.metric.is_about_the_platform())
        .collect();
    let mut engine = RuleEngine::new(rules);
    let mut floor = floor();
    floor.observe(snapshot(at(0), vec![queue(0)], vec![]), at(0));
    // The console was busy for minutes (a long engine step): the data is
    // late, and stale, but no poll failed, so the platform is not blamed.
    for t in [20, 60, 120, 300] {
        assert!(
            !matches!(floor.health(at(t)), Health::Live),
            "late data is not live at {t}"
        );
        assert!(engine.evaluate(&floor, at(t)).is_empty(), "at {t}");
    }
    assert!(engine.book().all().is_empty());
}

fn agent(n: u32, state: AgentState) -> AgentObservation {
    AgentObservation {
        id: format!("a{n}"),
        name: format!("Agent {n}"),
        site: Some("north".into()),
        state,
        state_since: None,
        queues: vec![],
        reason: None,
        queue_states: vec![],
    }
}

/// The shipped rule that fires when a site loses many agents at once.
fn site_agents_lost() -> Rule {
    default_rules()
        .into_iter()
        .find(|r| r.id == "site-agents-lost")
        .unwrap()
}

/// `total` agents at the site, the first `on` of them at work and the rest offline.
fn staff_of(total: u32, on: u32) -> Vec<AgentObservation> {
    (0..total)
        .map(|n| {
            let state = if n < on {
                AgentState::Available
            } else {
                AgentState::Offline
            };
            agent(n, state)
        })
        .collect()
}

#[test]
fn a_site_losing_many_agents_at_once_fires() {
    let mut engine = RuleEngine::new(vec![site_agents_lost()]);
    let mut floor = floor();
    let staff = |on: u32| staff_of(20, on);
    for (t, on) in [(0, 20), (60, 19), (120, 18)] {
        floor.observe(snapshot(at(t), vec![queue(0)], staff(on)), at(t));
        assert!(
            engine.evaluate(&floor, at(t)).is_empty(),
            "a few leave: no alert"
        );
    }
    floor.observe(snapshot(at(180), vec![queue(0)], staff(9)), at(180));
    assert_eq!(engine.evaluate(&floor, at(180)), vec![AlertEvent::Fired(1)]);
    let alert = engine.book().get(1).unwrap();
    assert_eq!(alert.subject, Subject::Site("North".into()));
    assert!((alert.tripped_value - 11.0 / 20.0).abs() < 1e-9);
}

#[test]
fn a_site_still_dark_stays_lost_long_after_the_drop() {
    let mut engine = RuleEngine::new(vec![site_agents_lost()]);
    let mut floor = floor();
    let staff = |on: u32| staff_of(40, on);
    // Seen before the console went live: forty at work.
    engine.remember(&snapshot(at(0), vec![], staff(40)));
    let mut events = Vec::new();
    // Mostly dark from the first poll (twelve left on a generator line), for two hours.
    for t in (60..7200).step_by(60) {
        floor.observe(snapshot(at(t), vec![queue(0)], staff(12)), at(t));
        events.extend(engine.evaluate(&floor, at(t)));
    }
    assert_eq!(
        events,
        vec![AlertEvent::Fired(1)],
        "fired once, never resolved"
    );
    assert_eq!(engine.book().get(1).unwrap().latest_value, Some(0.7));
    // Back at work: it clears against the same forty.
    for t in (7200..8400).step_by(60) {
        floor.observe(snapshot(at(t), vec![queue(0)], staff(40)), at(t));
        events.extend(engine.evaluate(&floor, at(t)));
    }
    assert_eq!(events.last(), Some(&AlertEvent::Resolved(1)));
}

#[test]
fn nothing_counted_is_no_judgement() {
    // sl-low needs 10 contacts in the interval; an empty window cannot trip it.
    let rule = default_rules()
        .into_iter()
        .find(|r| r.id == "sl-low")
        .unwrap();
    let mut engine = RuleEngine::new(vec![rule]);
    let mut floor = floor();
    let series: Vec<(i64, u32)> = (0..40).map(|i| (i * 15, 0)).collect();
    assert!(run(&mut engine, &mut floor, &series).is_empty());
    assert!(engine.pending().is_empty());
}

#[test]
fn acknowledge_and_snooze_with_a_reason() {
    let mut engine = RuleEngine::new(vec![waiting_rule()]);
    let mut floor = floor();
    let series: Vec<(i64, u32)> = (0..=6).map(|i| (i * 10, 12)).collect();
    run(&mut engine, &mut floor, &series);
    let book = engine.book_mut();
    assert!(book.get(1).unwrap().wants_attention(at(60)));
    assert!(
        !book.snooze(1, "ana", at(61), Duration::from_secs(600), "  "),
        "a reason is required"
    );
    assert!(book.snooze(
        1,
        "ana",
        at(61),
        Duration::from_secs(600),
        "known: IVR fix at 11:00"
    ));
    assert!(!book.get(1).unwrap().wants_attention(at(62)));
    assert!(
        book.get(1).unwrap().wants_attention(at(662)),
        "the snooze runs out"
    );
    assert!(book.acknowledge(1, "ana", at(700)));
    assert!(
        !book.acknowledge(1, "bo", at(710)),
        "the first acknowledgement stands"
    );
    assert_eq!(
        book.get(1).unwrap().acknowledged.as_ref().unwrap().by,
        "ana"
    );
}

#[test]
fn the_default_rules_are_sound_and_bad_ones_say_why() {
    for rule in default_rules() {
        assert_eq!(rule.problems(), Vec::<String>::new(), "{}", rule.id);
    }
    let mut touching = waiting_rule();
    touching.clear = touching.trigger;
    assert!(touching.problems()[0].contains("strictly below"));
    let mut misplaced = waiting_rule();
    misplaced.scope = Scope::Site;
    assert!(misplaced.problems()[0].contains("cannot be measured for scope = \"site\""));
}

#[test]
fn a_sites_loss_is_its_firing_alerts_latest_reading() {
    let mut engine = RuleEngine::new(vec![site_agents_lost()]);
    let mut floor = floor();
    let staff = |on: u32| staff_of(20, on);
    floor.observe(snapshot(at(0), vec![queue(0)], staff(20)), at(0));
    engine.evaluate(&floor, at(0));
    assert_eq!(engine.book().site_loss("North"), None, "nothing lost yet");
    floor.observe(snapshot(at(60), vec![queue(0)], staff(9)), at(60));
    assert_eq!(engine.evaluate(&floor, at(60)), vec![AlertEvent::Fired(1)]);
    let lost = engine.book().site_loss("North").unwrap();
    assert!((lost - 11.0 / 20.0).abs() < 1e-9, "as it fired: {lost}");
    floor.observe(snapshot(at(120), vec![queue(0)], staff(5)), at(120));
    engine.evaluate(&floor, at(120));
    let lost = engine.book().site_loss("North").unwrap();
    assert!(
        (lost - 15.0 / 20.0).abs() < 1e-9,
        "the latest reading: {lost}"
    );
    assert_eq!(engine.book().site_loss("South"), None, "another site");
}

#[test]
fn a_pending_figure_has_held_on_the_platforms_clock_and_the_platforms_trouble_on_the_wall_clock() {
    let unreachable = default_rules()
        .into_iter()
        .find(|r| r.id == "platform-unreachable")
        .unwrap();
    let mut engine = RuleEngine::new(vec![waiting_rule(), unreachable]);
    let mut floor = floor();
    run(&mut engine, &mut floor, &[(0, 12), (30, 12)]);
    let pending = engine.pending();
    assert_eq!(pending.len(), 1, "waiting above 10 for 30 s of 60");
    // The wall clock has run on; the platform's says 30 s.
    assert_eq!(pending[0].held_s(&floor, at(500)), 30.0);
    floor.observe_failure(
        at(40),
        PollFailure {
            condition: PlatformCondition::Unreachable,
            detail: "refused".into(),
        },
    );
    engine.evaluate(&floor, at(40));
    let pending = engine.pending();
    let platform = pending
        .iter()
        .find(|p| p.rule.metric == Metric::PlatformUnreachable)
        .unwrap();
    assert_eq!(platform.held_s(&floor, at(55)), 15.0, "on the wall clock");
}
