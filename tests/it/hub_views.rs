//! One floor, several consoles, through the hub's pure core
//! (`app::hub::Hub`): each console keeps its own view, an action at one
//! is that console's operator's and reaches every other at once, and
//! nothing done elsewhere lands a key meant for something else.

use floorwatch::app::hub::{ConsoleId, Hub, HubOutcome};
use floorwatch::app::{AppState, Effect, Key, Msg, Prompt, Screen};
use floorwatch::engine::checklist::{ActionKind, StepState};
use floorwatch::model::Timestamp;

use super::floor_fixture::{self, T0};

fn at(secs: i64) -> Timestamp {
    Timestamp::from_secs(T0 + secs)
}

/// The fixture floor at `secs`: at T0+120 the surge rule opens its plan.
fn observe(hub: &mut Hub, secs: i64) -> HubOutcome {
    let snapshot = floor_fixture::snapshot(at(secs), u64::try_from(secs / 60 + 1).unwrap());
    hub.handle(Msg::FloorObserved {
        snapshot,
        at: at(secs),
    })
}

fn press(hub: &mut Hub, id: ConsoleId, key: Key, secs_ms: i64) -> HubOutcome {
    hub.key(id, key, Timestamp::from_millis(at(0).as_millis() + secs_ms))
}

fn view<R>(hub: &mut Hub, id: ConsoleId, f: impl FnOnce(&AppState) -> R) -> R {
    hub.view_of(id, f).expect("attached")
}

fn persisted(outcome: &HubOutcome) -> Vec<(&str, &ActionKind, &str)> {
    outcome
        .effects
        .iter()
        .filter_map(|a| match &a.effect {
            Effect::Persist { action, .. } => {
                Some((a.operator.as_str(), &action.kind, action.by.as_str()))
            }
            _ => None,
        })
        .collect()
}

/// Ana and Bo attached; the surge plan opened by its rule at T0+120 and
/// both consoles have let their keys rest.
fn two_consoles_on_a_surge() -> (Hub, ConsoleId, ConsoleId) {
    let mut hub = Hub::new(floor_fixture::state_with_surge_rule("hub"));
    let ana = hub.attach("ana".into(), 0, true);
    let bo = hub.attach("bo".into(), 3600, true);
    observe(&mut hub, 120);
    for id in [ana, bo] {
        assert!(
            view(&mut hub, id, |s| matches!(
                s.view.screen,
                Screen::Checklist { incident: 0, .. }
            )),
            "the rule's checklist is on every console"
        );
    }
    hub.handle(Msg::Ticked(at(125)));
    (hub, ana, bo)
}

/// Marks the step under console `id`'s cursor: arms, then confirms.
fn mark(hub: &mut Hub, id: ConsoleId, ms: i64) -> HubOutcome {
    let first = press(hub, id, Key::Enter, ms);
    if !persisted(&first).is_empty() {
        return first;
    }
    press(hub, id, Key::Enter, ms + 300)
}

#[test]
fn a_step_done_at_one_console_is_done_at_the_other_and_is_that_operators() {
    let (mut hub, ana, bo) = two_consoles_on_a_surge();
    let outcome = mark(&mut hub, ana, 126_000);
    let acts = persisted(&outcome);
    assert_eq!(acts.len(), 1, "{outcome:?}");
    let (operator, kind, by) = acts[0];
    assert!(matches!(kind, ActionKind::Completed { .. }), "{kind:?}");
    assert_eq!(
        (operator, by),
        ("ana", "ana"),
        "attributed to ana, not bo or the hub"
    );
    assert!(outcome.redraw.contains(&bo), "bo's screen is drawn again");
    let done = view(&mut hub, bo, |s| s.incidents[0].run.states()[0].clone());
    assert!(matches!(done, StepState::Done { .. }), "{done:?}");
}

#[test]
fn each_console_keeps_its_own_view() {
    let (mut hub, ana, bo) = two_consoles_on_a_surge();
    press(&mut hub, ana, Key::Char('1'), 126_000);
    press(&mut hub, ana, Key::Char('s'), 126_100);
    let (ana_screen, ana_sort) = view(&mut hub, ana, |s| (s.view.screen.clone(), s.view.sort));
    let (bo_screen, bo_sort) = view(&mut hub, bo, |s| (s.view.screen.clone(), s.view.sort));
    assert_eq!(ana_screen, Screen::Wallboard);
    assert!(
        matches!(bo_screen, Screen::Checklist { .. }),
        "{bo_screen:?}"
    );
    assert_ne!(ana_sort, bo_sort, "the sort is ana's own");
    // A prompt at one console takes no key of the other.
    press(&mut hub, bo, Key::Char('n'), 126_200);
    assert!(view(&mut hub, bo, |s| matches!(
        s.view.prompt,
        Some(Prompt::Note { .. })
    )));
    assert!(view(&mut hub, ana, |s| s.view.prompt.is_none()));
    assert_eq!(view(&mut hub, bo, |s| s.view.utc_offset_s), 3600);
}

/// Bo was about to press Enter on step 1 when Ana marked it: Bo's cursor
/// moves on, and Bo's Enter must not mark step 2.
#[test]
fn a_step_done_elsewhere_moves_the_cursor_and_holds_the_keys_meant_for_it() {
    let (mut hub, ana, bo) = two_consoles_on_a_surge();
    // Bo arms step 1; Ana marks it first.
    press(&mut hub, bo, Key::Enter, 126_000);
    assert!(view(&mut hub, bo, |s| matches!(
        s.view.prompt,
        Some(Prompt::ConfirmStep { step: 0, .. })
    )));
    mark(&mut hub, ana, 126_100);
    let selected = view(&mut hub, bo, |s| match s.view.screen {
        Screen::Checklist { selected, .. } => selected,
        _ => usize::MAX,
    });
    assert_eq!(selected, 1, "bo's cursor went on to the current step");
    assert!(
        view(&mut hub, bo, |s| s.view.hold.is_some()),
        "and bo's keys wait"
    );
    let outcome = press(&mut hub, bo, Key::Enter, 126_400);
    assert!(
        persisted(&outcome).is_empty(),
        "bo's Enter marked nothing: {outcome:?}"
    );
    assert_eq!(
        view(&mut hub, bo, |s| s.incidents[0].run.states()[1].clone()),
        StepState::Open
    );
}

/// A plan declared at Ana's console is on Ana's screen because she asked;
/// at Bo's it came by itself, and holds Bo's keys.
#[test]
fn a_plan_declared_at_one_console_comes_by_itself_to_the_other() {
    let mut hub = Hub::new(floor_fixture::state_with_surge_rule("hub"));
    let ana = hub.attach("ana".into(), 0, true);
    let bo = hub.attach("bo".into(), 0, true);
    press(&mut hub, ana, Key::Char(':'), 1_000);
    for (n, c) in "declare complaint-spike".chars().enumerate() {
        press(
            &mut hub,
            ana,
            Key::Char(c),
            1_100 + i64::try_from(n).unwrap(),
        );
    }
    let outcome = press(&mut hub, ana, Key::Enter, 2_000);
    let opened: Vec<&str> = outcome
        .effects
        .iter()
        .filter(|a| matches!(a.effect, Effect::OpenIncident { .. }))
        .map(|a| a.operator.as_str())
        .collect();
    assert_eq!(opened, ["ana"]);
    assert_eq!(hub.state().incidents[0].run.actions()[0].by, "ana");
    assert!(
        view(&mut hub, ana, |s| s.view.hold.is_none()),
        "ana asked for it"
    );
    assert!(view(&mut hub, bo, |s| matches!(
        s.view.screen,
        Screen::Checklist { incident: 0, .. }
    )));
    assert!(view(&mut hub, bo, |s| s.view.hold.is_some()), "bo did not");
}

#[test]
fn a_console_attaching_mid_incident_opens_on_it_and_a_detached_one_is_gone() {
    let (mut hub, ana, _bo) = two_consoles_on_a_surge();
    let cy = hub.attach("cy".into(), 0, false);
    assert!(view(&mut hub, cy, |s| matches!(
        s.view.screen,
        Screen::Checklist { incident: 0, .. }
    )));
    assert!(
        view(&mut hub, cy, |s| s.view.hold.is_none()),
        "nothing moved under cy"
    );
    hub.detach(ana);
    assert!(hub.view_of(ana, |_| ()).is_none());
    let names: Vec<&str> = hub.consoles().map(|(_, name)| name).collect();
    assert_eq!(names, ["bo", "cy"]);
}

/// What the store confirms reaches the console that is waiting for it.
#[test]
fn a_note_is_confirmed_saved_at_the_console_that_wrote_it() {
    let (mut hub, ana, bo) = two_consoles_on_a_surge();
    press(&mut hub, ana, Key::Char('n'), 126_000);
    for c in "callback queue on".chars() {
        press(&mut hub, ana, Key::Char(c), 126_100);
    }
    let outcome = press(&mut hub, ana, Key::Enter, 126_500);
    let seq = outcome
        .effects
        .iter()
        .find_map(|a| match &a.effect {
            Effect::Persist { action, .. } => Some(action.seq),
            _ => None,
        })
        .expect("the note went to the store");
    let pending = view(&mut hub, ana, |s| s.view.notice.clone());
    hub.handle(Msg::Saved { local: 0, seq });
    let saved = view(&mut hub, ana, |s| s.view.notice.clone());
    assert_ne!(pending, saved, "the notice changed once on disk: {saved:?}");
    assert!(view(&mut hub, ana, |s| s.view.confirming.is_none()));
    assert!(
        view(&mut hub, bo, |s| s.view.notice.is_none()),
        "bo wrote no note"
    );
}
