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
    state.view.operator = "ana".into();
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
            .any(|i| i.drill && i.is_open() && Some(i.run.checklist().id.as_str()) == until)
        {
            return;
        }
    }
}

#[test]
fn each_scenario_drilled_on_the_simulator_trips_its_own_checklist() {
    for (scenario, checklist) in floorwatch::app::incident::drill::DRILLS {
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
    state.view.screen = floorwatch::app::Screen::Checklist {
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

fn simulator(seed: u64) -> Simulator {
    Simulator::new(SimConfig {
        seed,
        scenario: Scenario::Normal,
        shape: FloorShape::Standard,
        start: Timestamp::from_secs(START),
        utc_offset_s: 0,
    })
}

/// `:drill surge` on the simulator until its checklist opens.
fn drill_surge(sim: &mut Simulator, state: &mut AppState) {
    update(state, Msg::Command("drill surge".into()));
    sim.set_scenario(Scenario::Surge);
    run_floor(sim, state, 90, Some("traffic-surge"));
}

fn open_drills(state: &AppState) -> Vec<usize> {
    state
        .incidents
        .iter()
        .filter(|i| i.drill && i.is_open())
        .map(|i| i.local)
        .collect()
}

#[test]
fn drill_stop_ends_the_drill_incident_on_the_record() {
    let mut sim = simulator(3);
    let mut state = console_on(&sim, true);
    drill_surge(&mut sim, &mut state);
    let [drilled] = open_drills(&state)[..] else {
        panic!("one drill incident: {:?}", open_drills(&state));
    };
    let effects = update(&mut state, Msg::Command("drill stop".into())).effects;
    assert!(
        !state.incidents[drilled].is_open(),
        "the drill's incident ends with it"
    );
    let closed = effects.iter().find_map(|e| match e {
        Effect::Persist {
            local,
            action:
                floorwatch::engine::checklist::Action {
                    kind: floorwatch::engine::checklist::ActionKind::Closed { outcome },
                    ..
                },
        } if *local == drilled => Some(outcome.clone()),
        _ => None,
    });
    let outcome = closed.expect("the close goes to the record");
    assert!(outcome.contains("drill stopped"), "{outcome}");
    assert!(
        state.incidents.iter().all(|i| !i.is_open()),
        "nothing of the drill stays open"
    );
    let drilled = state.incidents.iter().filter(|i| i.drill).count();
    let notice = state.view.notice.clone().unwrap_or_default();
    assert!(
        notice.contains(&format!("{drilled} incident(s) closed")),
        "{notice}"
    );
}

#[test]
fn the_next_drill_opens_a_new_incident_and_not_the_old_one() {
    let mut sim = simulator(3);
    let mut state = console_on(&sim, true);
    drill_surge(&mut sim, &mut state);
    let first = open_drills(&state);
    update(&mut state, Msg::Command("drill stop".into()));
    sim.set_scenario(Scenario::Normal);
    run_floor(&mut sim, &mut state, 30, None);
    drill_surge(&mut sim, &mut state);
    let second = open_drills(&state);
    assert_eq!(second.len(), 1, "one drill incident open: {second:?}");
    assert!(
        !first.contains(&second[0]),
        "a new incident, not the old one: {first:?} then {second:?}"
    );
    let run = &state.incidents[second[0]].run;
    assert_eq!(run.checklist().id, "traffic-surge");
    assert_eq!(
        run.states()[0],
        floorwatch::engine::checklist::StepState::Open,
        "nothing done on it yet"
    );
}

#[test]
fn a_drill_left_open_by_an_earlier_console_is_ended_when_the_next_starts() {
    let sim = simulator(3);
    let mut state = console_on(&sim, false);
    update(&mut state, Msg::Command("drill pandemic-continuity".into()));
    // The console quits without `:drill stop`; the next one restores the incident.
    state.drill = None;
    update(&mut state, Msg::Command("drill pandemic-continuity".into()));
    let open = open_drills(&state);
    assert_eq!(open, [1], "only the new drill's incident is open");
    assert!(!state.incidents[0].is_open(), "the old one is ended");
}

/// A drill of the shipped surge plan started at `START` by ana.
fn surge_drill_run() -> floorwatch::engine::checklist::Run {
    let checklist = ChecklistCatalog::builtin()
        .get("traffic-surge")
        .unwrap()
        .clone();
    floorwatch::engine::checklist::Run::start(checklist, Timestamp::from_secs(START), "ana")
}

/// `run` kept in a new state directory as a console's record keeper keeps a drill.
fn kept_as_a_drill(run: &floorwatch::engine::checklist::Run) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = floorwatch::store::Store::open(dir.path()).unwrap();
    let id = store
        .open_incident(super::store::record_for(run, None, true), &run.actions()[0])
        .unwrap();
    for action in &run.actions()[1..] {
        store.append(id, action).unwrap();
    }
    dir
}

/// What `floorwatch drills list --json` says of the drills in `dir`.
fn drills_listed(dir: &tempfile::TempDir) -> serde_json::Value {
    super::cli::json_of(
        super::cli::floorwatch()
            .args(["drills", "list", "--json", "--state-dir"])
            .arg(dir.path()),
    )
}

/// A drill stopped six minutes in, kept as a console keeps it, scored by
/// `floorwatch drills list`: the steps due by then count, the later ones do not.
#[test]
fn a_stopped_drill_is_scored_only_on_the_steps_that_were_due() {
    let t0 = Timestamp::from_secs(START);
    let later = |s: u64| t0.plus(Duration::from_secs(s));
    let mut run = surge_drill_run();
    // Due at 2 min, done at 1; three more due at 5 min, never done; the rest due later.
    run.complete(0, "ana", later(60)).unwrap();
    run.close("ana", later(6 * 60), "drill stopped (surge)")
        .unwrap();
    let drills = drills_listed(&kept_as_a_drill(&run));
    let drill = &drills[0];
    assert_eq!(drill["on_time"], 1, "{drill}");
    assert_eq!(
        drill["missed"], 3,
        "only the steps due by the stop: {drill}"
    );
    assert_eq!(drill["score"], 25, "{drill}");
    let steps = run.checklist().steps.len() as u64;
    assert_eq!(drill["not_due"], steps - 4, "{drill}");
}

/// `floorwatch drills list` in words: a drill still running is "in
/// progress", as `incidents list` says it, never the machine's `in_progress`.
#[test]
fn drills_list_says_a_running_drill_is_in_progress() {
    let dir = kept_as_a_drill(&surge_drill_run());
    let output = super::cli::floorwatch()
        .args(["drills", "list", "--state-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let listed = String::from_utf8(output.stdout).unwrap();
    assert!(listed.contains("traffic-surge (in progress)"), "{listed}");
    assert!(!listed.contains("in_progress"), "{listed}");
}

/// A drill stopped before anyone touched its checklist had no first action:
/// ending it is not acting on the plan.
#[test]
fn stopping_a_drill_is_not_its_first_action() {
    let mut run = surge_drill_run();
    let stopped = Timestamp::from_secs(START).plus(Duration::from_secs(10));
    run.close("ana", stopped, "drill stopped (surge)").unwrap();
    let drills = drills_listed(&kept_as_a_drill(&run));
    assert!(
        drills[0]["time_to_first_action_s"].is_null(),
        "{}",
        drills[0]
    );
}
