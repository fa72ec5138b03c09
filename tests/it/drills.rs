//! Drills: each shipped scenario, switched on in the simulator, trips its
//! checklist as a drill through the real rules; off the simulator a synthetic
//! condition opens it; DRILL is unmistakable.

use std::time::Duration;

use floorwatch::app::{AppState, Effect, Msg, update};
use floorwatch::config::checklist::ChecklistCatalog;
use floorwatch::engine::rules::{RuleEngine, default_rules};
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::{PlatformCondition, PollFailure, Timestamp};
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};

/// 09:00 on a weekday, UTC.
const START: i64 = 1_767_571_200 + 9 * 3600;

fn console_on(sim: &Simulator, simulated: bool) -> AppState {
    let now = sim.now();
    let mut state = AppState::new(Floor::new(EngineSettings::default()), now, 0);
    state.simulated = simulated;
    state.operator = "ana".into();
    state.rules = RuleEngine::new(default_rules());
    state.checklists = ChecklistCatalog::builtin()
        .iter()
        .map(|(c, _)| (c.id.clone(), c.clone()))
        .collect();
    state
}

/// Runs the simulated floor for `minutes`, polling every 5 s as the console would.
fn run_floor(sim: &mut Simulator, state: &mut AppState, minutes: u64, until: Option<&str>) {
    let mut t = sim.now();
    for _ in 0..minutes * 12 {
        t = t.plus(Duration::from_secs(5));
        sim.advance_to(t);
        let msg = if sim.is_answering() {
            Msg::FloorObserved {
                snapshot: sim.snapshot(),
                at: t,
            }
        } else {
            Msg::PollFailed {
                at: t,
                failure: PollFailure::new(PlatformCondition::Unreachable, "simulated outage"),
            }
        };
        update(state, msg);
        update(state, Msg::Ticked(t));
        if state
            .incidents
            .iter()
            .any(|i| i.drill && Some(i.run.checklist().id.as_str()) == until)
        {
            return;
        }
    }
}

#[test]
fn each_scenario_drilled_on_the_simulator_trips_its_own_checklist() {
    for (scenario, checklist) in floorwatch::app::incident::DRILLS {
        let mut sim = Simulator::new(SimConfig {
            seed: 3,
            scenario: Scenario::Normal,
            shape: FloorShape::Standard,
            start: Timestamp::from_secs(START),
            utc_offset_s: 0,
        });
        let mut state = console_on(&sim, true);
        run_floor(&mut sim, &mut state, 30, None);
        assert!(
            state.incidents.iter().all(|i| !i.drill),
            "{scenario}: nothing is a drill before it starts"
        );
        let effects = update(&mut state, Msg::Command(format!("drill {scenario}"))).effects;
        assert!(
            effects.contains(&Effect::SwitchScenario(scenario.to_string())),
            "{scenario}: {effects:?}"
        );
        assert!(
            effects.iter().any(|e| matches!(
                e,
                Effect::Audit {
                    what: "drill-started",
                    ..
                }
            )),
            "the drill goes in the audit log"
        );
        sim.set_scenario(scenario.parse().unwrap());
        run_floor(&mut sim, &mut state, 90, Some(checklist));
        let drilled: Vec<&str> = state
            .incidents
            .iter()
            .filter(|i| i.drill)
            .map(|i| i.run.checklist().id.as_str())
            .collect();
        assert!(
            drilled.contains(&checklist),
            "{scenario}: drill incidents {drilled:?}"
        );
        assert!(
            state.drill.is_some(),
            "{scenario}: the drill runs until stopped"
        );
        let effects = update(&mut state, Msg::Command("drill stop".into())).effects;
        assert!(
            effects.contains(&Effect::SwitchScenario("normal".into())),
            "{effects:?}"
        );
    }
}

#[test]
fn off_the_simulator_a_drill_opens_on_a_synthetic_condition_and_sends_nothing_real() {
    let sim = Simulator::new(SimConfig {
        seed: 3,
        scenario: Scenario::Normal,
        shape: FloorShape::Standard,
        start: Timestamp::from_secs(START),
        utc_offset_s: 0,
    });
    let mut state = console_on(&sim, false);
    let effects = update(&mut state, Msg::Command("drill pandemic-continuity".into())).effects;
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::SwitchScenario(_))),
        "the platform is never touched"
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::OpenIncident { drill: true, checklist, .. } if checklist == "pandemic-continuity")));
    let incident = &state.incidents[0];
    assert!(incident.drill);
    assert_eq!(incident.trigger.as_ref().unwrap().rule, "drill");
    // A copied message says DRILL before anything else.
    let with_message = incident
        .run
        .checklist()
        .steps
        .iter()
        .position(|s| s.say.is_some())
        .unwrap();
    state.screen = floorwatch::app::Screen::Checklist {
        incident: 0,
        selected: with_message,
    };
    let effects = update(&mut state, Msg::KeyPressed(floorwatch::app::Key::Char('c'))).effects;
    let copied = effects.iter().find_map(|e| match e {
        Effect::Copy(text) => Some(text.clone()),
        _ => None,
    });
    if let Some(copied) = copied {
        assert!(copied.starts_with("DRILL — "), "{copied}");
    }
}
