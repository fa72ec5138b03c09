//! `app::update` is the one writer of `AppState`: what the shell and the
//! command line used to set directly (a console's height, a store that
//! cannot be used, the incidents restored, the first notice) now arrives as
//! a message or through the one constructor, and does what it did.

use floorwatch::app::hub::Hub;
use floorwatch::app::{AppState, Key, Msg, Setup, update};
use floorwatch::engine::rules::RuleEngine;
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::Timestamp;

use super::floor_fixture::{self, T0};

fn selected_index(state: &AppState) -> usize {
    let rows = floorwatch::app::view::wallboard_rows(state);
    floorwatch::app::view::selected_index(&rows, state).unwrap()
}

#[test]
fn a_console_pages_by_the_rows_its_height_shows() {
    let mut state = floor_fixture::state();
    // Eight rows go to the header, tiles and titles: 10 rows show 2 queues.
    update(&mut state, Msg::Resized { rows: 10 });
    let top = selected_index(&state);
    update(&mut state, Msg::KeyPressed(Key::PageDown));
    assert_eq!(selected_index(&state), top + 2);
    update(&mut state, Msg::KeyPressed(Key::Home));
    update(&mut state, Msg::Resized { rows: 11 });
    update(&mut state, Msg::KeyPressed(Key::PageDown));
    assert_eq!(selected_index(&state), top + 3);
    // A terminal too short for any row still pages by one.
    update(&mut state, Msg::KeyPressed(Key::Home));
    update(&mut state, Msg::Resized { rows: 3 });
    update(&mut state, Msg::KeyPressed(Key::PageDown));
    assert_eq!(selected_index(&state), top + 1);
}

#[test]
fn a_store_that_cannot_be_used_makes_the_console_live_only_and_says_why() {
    let mut state = floor_fixture::state();
    let outcome = update(
        &mut state,
        Msg::StoreUnavailable {
            why: "in use by another floorwatch (pid 7)".into(),
            will_retry: true,
        },
    );
    assert!(outcome.redraw);
    assert!(state.saving.live_only);
    assert!(!state.saving.never, "it will be tried again");
    update(
        &mut state,
        Msg::StoreUnavailable {
            why: "written by a newer floorwatch".into(),
            will_retry: false,
        },
    );
    assert!(state.saving.never);
    assert_eq!(
        state.saving.failing.as_deref(),
        Some("written by a newer floorwatch")
    );
}

fn setup_state(operator: &str) -> AppState {
    let t0 = Timestamp::from_secs(T0);
    let mut setup = Setup::new(Floor::new(EngineSettings::default()), t0, 3600);
    setup.operator = operator.into();
    setup.bell_on_critical = false;
    setup.simulated = true;
    setup.platform_label = "asterisk · 127.0.0.1:8088".into();
    setup.rules = RuleEngine::new(Vec::new());
    AppState::start(setup)
}

#[test]
fn the_one_constructor_starts_the_state_from_its_setup() {
    let state = setup_state("ana");
    assert_eq!(state.view.operator, "ana");
    assert!(!state.view.bell_on_critical);
    assert!(state.simulated);
    assert_eq!(state.platform_label, "asterisk · 127.0.0.1:8088");
    assert!(state.rules.rules().is_empty());
    assert_eq!(state.view.utc_offset_s, 3600);
    assert!(state.incidents.is_empty());
    // `AppState::new` is the same constructor with the shipped defaults.
    let plain = AppState::new(Floor::new(EngineSettings::default()), state.wall_now, 0);
    assert!(!plain.rules.rules().is_empty());
    assert!(plain.view.bell_on_critical);
}

#[test]
fn restored_incidents_come_through_update_with_a_broken_record_named() {
    let mut state = setup_state("ana");
    let outcome = update(
        &mut state,
        Msg::Restored {
            incidents: Vec::new(),
            broken: vec![4, 9],
        },
    );
    assert!(outcome.redraw);
    let notice = state.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("4, 9"), "{notice}");
    // The hub takes that notice to the first console that attaches, not to
    // every console: the others came later and have nothing to restore.
    let mut hub = Hub::new(state);
    hub.greet("no other console can attach".into());
    let first = hub.attach("ana".into(), 0, true);
    let second = hub.attach("bo".into(), 0, true);
    let notice_of = |hub: &mut Hub, id| hub.view_of(id, |s| s.view.notice.clone()).unwrap();
    assert_eq!(notice_of(&mut hub, first), Some(notice));
    assert_eq!(notice_of(&mut hub, second), None);
}

#[test]
fn a_greeting_reaches_the_first_console_when_the_state_has_nothing_to_say() {
    let mut hub = Hub::new(setup_state("ana"));
    hub.greet("the theme file was skipped".into());
    hub.greet("a later word does not replace it".into());
    let first = hub.attach("ana".into(), 0, true);
    let notice = hub.view_of(first, |s| s.view.notice.clone()).unwrap();
    assert_eq!(notice.as_deref(), Some("the theme file was skipped"));
}
