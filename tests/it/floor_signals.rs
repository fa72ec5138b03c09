//! The simulated floor end to end, through the engine, the rules and the
//! screens: callers' words scored into each queue's mood, contact reasons
//! that jump, and a site that goes dark.

use std::time::Duration;

use floorwatch::app::{AppState, Msg, update};
use floorwatch::engine::rules::{RuleEngine, default_rules};
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::{QueueId, Timestamp};
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};

use super::view::{render, text, theme};

/// 09:00 on a weekday, UTC.
const START: i64 = 1_767_571_200 + 9 * 3600;

fn console_on(scenario: Scenario, seed: u64) -> (Simulator, AppState) {
    let sim = Simulator::new(SimConfig {
        seed,
        scenario,
        shape: FloorShape::Standard,
        start: Timestamp::from_secs(START),
        utc_offset_s: 0,
    });
    let mut state = AppState::new(Floor::new(EngineSettings::default()), sim.now(), 0);
    state.rules = RuleEngine::new(default_rules());
    (sim, state)
}

fn firing(state: &AppState, rule: &str, subject: &str) -> bool {
    state
        .rules
        .book()
        .firing()
        .any(|a| a.rule.id == rule && a.subject.label() == subject)
}

fn screen(state: &AppState, width: u16, height: u16) -> String {
    let mono = theme("default", floorwatch::ui::theme::ColorLevel::None);
    text(&render(state, &mono, width, height))
}

fn run(sim: &mut Simulator, state: &mut AppState, minutes: u64) {
    let mut t = sim.now();
    for _ in 0..minutes * 12 {
        t = t.plus(Duration::from_secs(5));
        sim.advance_to(t);
        update(
            state,
            Msg::FloorObserved {
                snapshot: sim.snapshot(),
                at: t,
            },
        );
        update(state, Msg::Ticked(t));
    }
}

#[test]
fn a_complaint_spike_sours_tech_support_until_the_negative_share_rule_fires() {
    let (mut sim, mut state) = console_on(Scenario::Normal, 5);
    run(&mut sim, &mut state, 20);
    let tech = QueueId("tech-support".into());
    let before = state
        .floor
        .queue(&tech)
        .unwrap()
        .observation
        .sentiment
        .unwrap();
    sim.set_scenario(Scenario::ComplaintSpike);
    run(&mut sim, &mut state, 25);
    let queue = state.floor.queue(&tech).unwrap();
    let after = queue.observation.sentiment.unwrap();
    assert!(after.samples >= 10, "{after:?}");
    assert!(
        after.negative_share > 0.35 && after.negative_share > before.negative_share + 0.2,
        "negative share {:.2} → {:.2}",
        before.negative_share,
        after.negative_share
    );
    assert!(
        queue.sentiment_trend().unwrap() < -0.1,
        "{:?}",
        queue.sentiment_trend()
    );
    let fired = state.rules.book().firing().any(|a| {
        a.rule.id == "negative-sentiment-high" && a.subject.label() == "Technical Support"
    });
    assert!(fired, "the negative-share rule fires on the queue");
    // The wallboard says it in symbols and words, not only colour.
    let screen = screen(&state, 100, 30);
    let row = screen
        .lines()
        .find(|l| l.contains("Technical Support"))
        .unwrap();
    let mood = row
        .split_whitespace()
        .find(|cell| cell.ends_with('↓'))
        .unwrap_or_else(|| panic!("mood falling\n{screen}"));
    assert!(mood.starts_with("-0."), "a negative mean: {mood}\n{screen}");
}

#[test]
fn a_complaint_spike_makes_its_reason_jump_in_the_pareto_and_trips_the_rule() {
    let (mut sim, mut state) = console_on(Scenario::Normal, 7);
    run(&mut sim, &mut state, 90);
    sim.set_scenario(Scenario::ComplaintSpike);
    run(&mut sim, &mut state, 40);
    let tech = state.floor.queue(&QueueId("tech-support".into())).unwrap();
    let pareto = tech.pareto().unwrap();
    assert_eq!(
        pareto.rows[0].reason, "Service outage complaint",
        "{pareto:?}"
    );
    assert!(pareto.rows[0].jumped, "{:?}", pareto.rows[0]);
    assert!(pareto.vital_few >= 1 && pareto.vital_few <= pareto.rows.len());
    assert!(firing(&state, "reason-jump", "Technical Support"));
    // The reasons view: the floor first, then queue by queue with Tab.
    state.view.screen = floorwatch::app::Screen::Reasons { queue: None };
    let floor = screen(&state, 80, 24);
    assert!(
        floor.contains("whole floor") && floor.contains("80 % of the contacts"),
        "{floor}"
    );
    insta::assert_snapshot!("reasons_floor_80x24", floor);
    while !matches!(&state.view.screen, floorwatch::app::Screen::Reasons { queue: Some(q) } if q.0 == "tech-support")
    {
        update(&mut state, Msg::KeyPressed(floorwatch::app::Key::Tab));
    }
    let queue = screen(&state, 80, 24);
    let top = queue
        .lines()
        .find(|l| l.contains("Service outage complaint"))
        .unwrap();
    assert!(top.contains("▲ JUMP"), "said in words\n{queue}");
}

#[test]
fn a_site_that_goes_dark_is_lost_on_the_sites_view() {
    let (mut sim, mut state) = console_on(Scenario::Normal, 3);
    run(&mut sim, &mut state, 20);
    sim.set_scenario(Scenario::SitePowerLoss);
    run(&mut sim, &mut state, 3);
    assert!(firing(&state, "site-agents-lost", "Manchester"));
    state.view.screen = floorwatch::app::Screen::Sites;
    let sites = screen(&state, 80, 24);
    let manchester = sites.lines().find(|l| l.contains("Manchester")).unwrap();
    assert!(manchester.contains("✖ LOST"), "{sites}");
    assert!(sites.lines().any(|l| l.contains("✓ steady")), "{sites}");
    insta::assert_snapshot!("sites_power_loss_80x24", sites);
}
