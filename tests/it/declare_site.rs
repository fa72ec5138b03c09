//! `:declare site-power-outage SITE`: the operator names the site, and the
//! plan's messages say it; a rule-opened one names the site that tripped.

use std::time::Duration;

use floorwatch::app::{AppState, Msg, update, view};
use floorwatch::config::checklist::ChecklistCatalog;
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::Timestamp;
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};

/// A console on the standard simulated floor (Manchester, 深圳 Shenzhen, Home workers).
fn console() -> AppState {
    let mut sim = Simulator::new(SimConfig {
        seed: 4,
        scenario: Scenario::Normal,
        shape: FloorShape::Standard,
        start: Timestamp::from_secs(1_767_571_200 + 10 * 3600),
        utc_offset_s: 0,
    });
    let mut state = AppState::new(Floor::new(EngineSettings::default()), sim.now(), 0);
    state.checklists = ChecklistCatalog::builtin()
        .iter()
        .map(|(c, _)| (c.id.clone(), c.clone()))
        .collect();
    state.view.operator = "Dana".into();
    let at = sim.now().plus(Duration::from_secs(5));
    sim.advance_to(at);
    update(
        &mut state,
        Msg::FloorObserved {
            snapshot: sim.snapshot(),
            at,
        },
    );
    state
}

fn life_safety_message(state: &AppState) -> Result<String, Vec<String>> {
    let incident = &state.incidents[0];
    let step = incident
        .run
        .checklist()
        .steps
        .iter()
        .position(|s| s.id == "life-safety")
        .unwrap();
    view::step_message(state, 0, step)
}

#[test]
fn a_declared_site_outage_names_its_site_in_every_message() {
    let mut state = console();
    update(
        &mut state,
        Msg::Command("declare site-power-outage manchester".into()),
    );
    assert_eq!(state.incidents.len(), 1, "{:?}", state.view.notice);
    let message = life_safety_message(&state).unwrap();
    assert!(message.contains("Manchester lost its agents"), "{message}");
    // Part of a name is enough when it names one site.
    let mut state = console();
    update(
        &mut state,
        Msg::Command("declare site-power-outage SHENZHEN".into()),
    );
    let message = life_safety_message(&state).unwrap();
    assert!(message.contains("深圳 Shenzhen lost"), "{message}");
}

#[test]
fn an_unknown_site_is_refused_naming_the_sites() {
    let mut state = console();
    update(
        &mut state,
        Msg::Command("declare site-power-outage Leeds".into()),
    );
    assert!(state.incidents.is_empty());
    let notice = state.view.notice.clone().unwrap_or_default();
    for name in ["Leeds", "Manchester", "深圳 Shenzhen", "Home workers"] {
        assert!(notice.contains(name), "{notice}");
    }
}

#[test]
fn declared_without_a_site_it_says_how_to_name_one() {
    let mut state = console();
    update(&mut state, Msg::Command("declare site-power-outage".into()));
    assert_eq!(state.incidents.len(), 1);
    let notice = state.view.notice.clone().unwrap_or_default();
    assert!(
        notice.contains(":declare site-power-outage SITE"),
        "{notice}"
    );
}

/// The site is kept with the incident: what the record keeper is handed
/// carries it, and a console restarted on the store names it again.
#[test]
fn the_named_site_is_kept_across_a_restart() {
    let mut state = console();
    let effects = update(
        &mut state,
        Msg::Command("declare site-power-outage manchester".into()),
    )
    .effects;
    let opened = effects
        .iter()
        .find_map(|e| match e {
            floorwatch::app::Effect::OpenIncident { site, first, .. } => Some((site, first)),
            _ => None,
        })
        .unwrap();
    assert_eq!(opened.0.as_deref(), Some("Manchester"));

    let dir = tempfile::tempdir().unwrap();
    let store = floorwatch::store::Store::open(dir.path()).unwrap();
    let run = &state.incidents[0].run;
    let record = floorwatch::store::records::IncidentRecord {
        id: 0,
        checklist_id: "site-power-outage".into(),
        checklist_version: run.checklist().version,
        checklist_title: run.checklist().title.clone(),
        checklist_source: ChecklistCatalog::builtin()
            .source("site-power-outage")
            .unwrap()
            .to_owned(),
        trigger: None,
        drill: false,
        started_at: floorwatch::platform::wire::timestamp_to_wire(opened.1.at),
        started_by: opened.1.by.clone(),
        site: opened.0.clone(),
    };
    store.open_incident(record, opened.1).unwrap();

    let mut restarted = console();
    floorwatch::cli::incidents::restore_open(&store, &mut restarted).unwrap();
    assert_eq!(restarted.incidents[0].site.as_deref(), Some("Manchester"));
    let message = life_safety_message(&restarted).unwrap();
    assert!(message.contains("Manchester lost its agents"), "{message}");
}

/// The real binary in tmux at 80×24: the operator names the site as they
/// declare the plan, and the message on screen says it.
#[test]
fn the_binary_names_the_declared_site_in_the_message_on_screen() {
    if !super::tmux::tmux_available() {
        return;
    }
    let pane = super::tmux::Pane::start("plans-declare", &["--no-bell"], &[("NO_COLOR", "1")]);
    pane.wait_for("LIVE");
    pane.keys(&[":"]);
    for c in "declare site-power-outage MANCHESTER".chars() {
        let key = if c == ' ' {
            "Space".to_owned()
        } else {
            c.to_string()
        };
        pane.keys(&[&key]);
    }
    pane.keys(&["Enter"]);
    let screen = pane.wait_for("Manchester lost its agents");
    assert!(screen.contains("Site power or network outage"), "{screen}");
    assert!(!screen.contains("no live value"), "{screen}");
}
