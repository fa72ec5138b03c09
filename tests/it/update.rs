//! Scripted messages through `app::update`, checking effects and state.

use floorwatch::app::{AppState, Effect, Key, Msg, Screen, SortKey, update};
use floorwatch::engine::Window;
use floorwatch::model::{PlatformCondition, PollFailure, QueueId, Timestamp};

use super::floor_fixture::{self, T0};

fn press(state: &mut AppState, keys: &[Key]) -> Vec<Effect> {
    keys.iter()
        .flat_map(|k| update(state, Msg::KeyPressed(*k)).effects)
        .collect()
}

fn selected(state: &AppState) -> String {
    let rows = floorwatch::app::view::wallboard_rows(state);
    let index = floorwatch::app::view::selected_index(&rows, state).unwrap();
    rows[index].queue.observation.id.0.clone()
}

#[test]
fn vim_keys_and_arrows_move_the_selection() {
    let mut state = floor_fixture::state();
    let first = selected(&state);
    press(&mut state, &[Key::Char('j')]);
    let second = selected(&state);
    assert_ne!(first, second);
    press(&mut state, &[Key::Up]);
    assert_eq!(selected(&state), first);
    press(&mut state, &[Key::Char('G')]);
    let last = selected(&state);
    press(&mut state, &[Key::Down]);
    assert_eq!(
        selected(&state),
        last,
        "moving past the end stays on the last row"
    );
    press(&mut state, &[Key::Home]);
    assert_eq!(selected(&state), first);
}

#[test]
fn the_selection_follows_its_queue_when_the_order_changes() {
    let mut state = floor_fixture::state();
    press(&mut state, &[Key::Char('j'), Key::Char('j')]);
    let before = selected(&state);
    press(
        &mut state,
        &[
            Key::Char('s'),
            Key::Char('s'),
            Key::Char('s'),
            Key::Char('s'),
        ],
    );
    assert_eq!(state.sort, SortKey::Name);
    assert_eq!(selected(&state), before);
}

#[test]
fn enter_opens_the_selected_queue_and_esc_comes_back() {
    let mut state = floor_fixture::state();
    let queue = selected(&state);
    press(&mut state, &[Key::Enter]);
    assert_eq!(
        state.screen,
        Screen::QueueDetail {
            queue: QueueId(queue),
            scroll: 0
        }
    );
    press(&mut state, &[Key::Esc]);
    assert_eq!(state.screen, Screen::Wallboard);
}

#[test]
fn typing_a_filter_does_not_trigger_commands() {
    let mut state = floor_fixture::state();
    let effects = press(
        &mut state,
        &[
            Key::Char('/'),
            Key::Char('q'),
            Key::Char('s'),
            Key::Backspace,
            Key::Char('x'),
        ],
    );
    assert!(effects.is_empty(), "q while typing is a letter, not quit");
    assert_eq!(state.filter, "qx");
    assert_eq!(
        state.sort,
        SortKey::Status,
        "s while typing is a letter, not sort"
    );
    press(&mut state, &[Key::Esc]);
    assert!(!state.filter_editing);
    assert_eq!(
        state.filter, "qx",
        "Esc closes the filter bar but keeps the filter"
    );
    press(&mut state, &[Key::Esc]);
    assert_eq!(state.filter, "", "a second Esc clears it");
}

#[test]
fn q_and_ctrl_c_quit_and_help_closes_first() {
    let mut state = floor_fixture::state();
    assert_eq!(press(&mut state, &[Key::Char('q')]), vec![Effect::Quit]);
    let mut state = floor_fixture::state();
    press(&mut state, &[Key::Char('?')]);
    assert!(state.help_open);
    assert!(
        press(&mut state, &[Key::Char('q')]).is_empty(),
        "q closes help first"
    );
    assert!(!state.help_open);
    assert_eq!(press(&mut state, &[Key::Ctrl('c')]), vec![Effect::Quit]);
}

#[test]
fn w_cycles_the_window() {
    let mut state = floor_fixture::state();
    assert_eq!(state.window, Window::Interval);
    press(&mut state, &[Key::Char('w')]);
    assert_eq!(state.window, Window::Rolling60);
    press(&mut state, &[Key::Char('w'), Key::Char('w')]);
    assert_eq!(state.window, Window::Interval);
}

#[test]
fn the_clock_redraws_once_a_second_not_on_every_tick() {
    let mut state = floor_fixture::state();
    let now = state.wall_now;
    let same_second = Timestamp::from_millis(now.as_millis() + 200);
    assert!(
        !update(&mut state, Msg::Ticked(same_second)).redraw,
        "nothing visible changed"
    );
    let next_second = Timestamp::from_millis(now.as_millis() + 1000);
    assert!(update(&mut state, Msg::Ticked(next_second)).redraw);
}

#[test]
fn the_bell_can_be_turned_off() {
    let mut state = floor_fixture::state();
    state.bell_on_critical = false;
    let t3 = Timestamp::from_secs(T0 + 180);
    let mut snapshot = floor_fixture::snapshot(t3, 4);
    let sales = snapshot
        .queues
        .iter_mut()
        .find(|q| q.id.0 == "sales")
        .unwrap();
    sales.agents = Default::default();
    let outcome = update(&mut state, Msg::FloorObserved { snapshot, at: t3 });
    assert!(!outcome.effects.contains(&Effect::RingBell));
    let outcome = update(
        &mut state,
        Msg::PollFailed {
            at: t3,
            failure: PollFailure::new(PlatformCondition::Garbage, "x"),
        },
    );
    assert!(!outcome.effects.contains(&Effect::RingBell));
}

fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        update(state, Msg::KeyPressed(Key::Char(c)));
    }
}

#[test]
fn the_alerts_view_acknowledges_and_snoozes_with_a_reason() {
    let mut state = floor_fixture::state();
    state.operator = "ana@10.1.2.3".into();
    press(&mut state, &[Key::Char('2')]);
    assert_eq!(state.screen, Screen::Alerts { selected: 0 });
    let rows = floorwatch::app::view::alert_rows(&state);
    let first = rows[0].actionable().expect("a firing alert comes first");
    drop(rows);

    press(&mut state, &[Key::Char(' ')]);
    let acked = state
        .rules
        .book()
        .get(first)
        .unwrap()
        .acknowledged
        .clone()
        .unwrap();
    assert_eq!(
        (acked.by.as_str(), acked.at),
        ("ana@10.1.2.3", state.wall_now)
    );

    // Snoozing asks why; an empty reason is refused, Esc gives up.
    press(&mut state, &[Key::Char('j'), Key::Char('z')]);
    assert!(state.prompt.is_some());
    press(&mut state, &[Key::Enter]);
    assert!(state.prompt.is_some(), "a reason is required");
    press(&mut state, &[Key::Esc]);
    assert!(state.prompt.is_none());
    let second = floorwatch::app::view::alert_rows(&state)[1]
        .actionable()
        .unwrap();
    assert!(state.rules.book().get(second).unwrap().snoozed.is_none());

    press(&mut state, &[Key::Char('z')]);
    type_text(&mut state, "qa: known billing backlog");
    press(&mut state, &[Key::Enter]);
    let snooze = state
        .rules
        .book()
        .get(second)
        .unwrap()
        .snoozed
        .clone()
        .unwrap();
    assert_eq!(snooze.reason, "qa: known billing backlog");
    assert_eq!(
        snooze.until,
        state.wall_now.plus(floorwatch::app::SNOOZE_FOR)
    );
    // 'q' typed into a reason is text, not quit; Esc leaves the view.
    press(&mut state, &[Key::Char('1')]);
    assert_eq!(state.screen, Screen::Wallboard);
}

#[test]
fn a_critical_alert_rings_the_bell_once_when_it_fires() {
    let mut state = floor_fixture::state();
    let t2 = Timestamp::from_secs(T0 + 120);
    let outcome = update(
        &mut state,
        Msg::FloorObserved {
            snapshot: floor_fixture::snapshot(t2, 3),
            at: t2,
        },
    );
    assert!(!outcome.effects.contains(&Effect::RingBell), "nothing new");
    let firing_before = state.rules.book().firing().count();
    // Sales loses every agent while callers wait.
    let t3 = Timestamp::from_secs(T0 + 180);
    let mut snapshot = floor_fixture::snapshot(t3, 4);
    let sales = snapshot
        .queues
        .iter_mut()
        .find(|q| q.id.0 == "sales")
        .unwrap();
    sales.agents = Default::default();
    let outcome = update(&mut state, Msg::FloorObserved { snapshot, at: t3 });
    let bells = outcome
        .effects
        .iter()
        .filter(|e| **e == Effect::RingBell)
        .count();
    assert_eq!(bells, 1);
    assert!(state.rules.book().firing().count() > firing_before);
    assert!(
        state
            .rules
            .book()
            .firing()
            .any(|a| a.rule.id == "no-agent-available" && a.subject.label() == "Sales")
    );
}
