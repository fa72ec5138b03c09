//! Sentiment on the floor, end to end: the simulator's callers speak (no
//! scores), the engine scores their words, and a complaint spike sours one
//! queue until the negative-share rule fires and the wallboard says so.

use std::time::Duration;

use floorwatch::app::{AppState, Msg, update};
use floorwatch::engine::rules::{RuleEngine, default_rules};
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::{QueueId, Timestamp};
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};

use super::view::{render, text, theme};

/// 09:00 on a weekday, UTC.
const START: i64 = 1_767_571_200 + 9 * 3600;

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
    let mut sim = Simulator::new(SimConfig {
        seed: 5,
        scenario: Scenario::Normal,
        shape: FloorShape::Standard,
        start: Timestamp::from_secs(START),
        utc_offset_s: 0,
    });
    let mut state = AppState::new(Floor::new(EngineSettings::default()), sim.now(), 0);
    state.rules = RuleEngine::new(default_rules());
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
    let screen = text(&render(
        &state,
        &theme("default", floorwatch::ui::theme::ColorLevel::None),
        100,
        30,
    ));
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
