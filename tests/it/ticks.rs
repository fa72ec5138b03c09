//! No accidental ticks, and closing means recovered: scripted messages
//! through `app::update`. A checklist that comes on screen by itself takes
//! no key pressed as it appears; the alerts list stays put under the
//! cursor; a close or an all clear against the figures asks twice and why.

use floorwatch::app::{AppState, Effect, Key, Msg, Prompt, Screen, update};
use floorwatch::engine::checklist::{ActionKind, StepKind, StepState};
use floorwatch::model::{Snapshot, Timestamp};

use super::floor_fixture::{self, T0};

fn press(state: &mut AppState, keys: &[Key]) -> Vec<Effect> {
    keys.iter()
        .flat_map(|k| update(state, Msg::KeyPressed(*k)).effects)
        .collect()
}

fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        update(state, Msg::KeyPressed(Key::Char(c)));
    }
}

fn at(secs: i64) -> Timestamp {
    Timestamp::from_secs(T0 + secs)
}

fn observe_snapshot(state: &mut AppState, snapshot: Snapshot, secs: i64) -> Vec<Effect> {
    update(
        state,
        Msg::FloorObserved {
            snapshot,
            at: at(secs),
        },
    )
    .effects
}

/// The fixture floor `secs` after T0 (service level about 79 %).
fn observe(state: &mut AppState, secs: i64) -> Vec<Effect> {
    let snapshot = floor_fixture::snapshot(at(secs), u64::try_from(secs / 60 + 1).unwrap());
    observe_snapshot(state, snapshot, secs)
}

/// The fixture floor where no call has been answered within the threshold
/// since T0+120: the service level falls.
fn observe_collapsed(state: &mut AppState, secs: i64) -> Vec<Effect> {
    let mut snapshot = floor_fixture::snapshot(at(secs), u64::try_from(secs / 60 + 1).unwrap());
    for (queue, spec) in snapshot.queues.iter_mut().zip(floor_fixture::queues()) {
        queue.counters.answered_in_sl = Some(spec.answered_in_sl * 3);
    }
    observe_snapshot(state, snapshot, secs)
}

fn tick(state: &mut AppState, secs: i64) {
    update(state, Msg::Ticked(at(secs)));
}

fn persisted(effects: &[Effect]) -> Vec<&ActionKind> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist { action, .. } => Some(&action.kind),
            _ => None,
        })
        .collect()
}

fn step_index(state: &AppState, id: &str) -> usize {
    state.incidents[0]
        .run
        .checklist()
        .steps
        .iter()
        .position(|s| s.id == id)
        .unwrap()
}

/// The surge plan, opened by its rule at T0+120 while the operator was
/// moving about the wallboard.
fn surge_opened_by_its_rule() -> AppState {
    let mut state = floor_fixture::state_with_surge_rule("ana@10.1.2.3");
    press(&mut state, &[Key::Char('j'), Key::Char('j')]);
    observe(&mut state, 120);
    assert!(
        matches!(state.view.screen, Screen::Checklist { incident: 0, .. }),
        "the rule opened the surge plan on screen: {:?}",
        state.view.screen
    );
    state
}

/// Marks the current steps done (a question answered no) until `target`
/// is current; the first deliberate tick after a pause takes two presses.
fn work_through_to(state: &mut AppState, target: usize) {
    for _ in 0..30 {
        let current = state.incidents[0].run.current().unwrap();
        if current == target {
            return;
        }
        let question = matches!(
            state.incidents[0].run.checklist().steps[current].kind,
            StepKind::Conditional { .. }
        );
        press(state, &[Key::Char(' ')]);
        if matches!(state.view.prompt, Some(Prompt::ConfirmStep { .. })) {
            press(state, &[Key::Char(' ')]);
        }
        if question {
            press(state, &[Key::Char('n')]);
        }
    }
    panic!("never reached step {target}");
}

mod no_accidental_ticks {
    use super::*;

    /// A held checklist that is closed (`:close`, `:drill stop`) has no step
    /// left to hold: the "opened by itself" warning goes with it.
    #[test]
    fn closing_a_held_checklist_ends_the_hold() {
        let mut state = surge_opened_by_its_rule();
        assert!(state.view.hold.is_some());
        update(&mut state, Msg::Command("close called off".into()));
        // Not recovered: confirmed, with a reason.
        press(&mut state, &[Key::Enter]);
        type_text(&mut state, "false alarm");
        press(&mut state, &[Key::Enter]);
        assert!(!state.incidents[0].is_open(), "{:?}", state.view.notice);
        assert!(state.view.hold.is_none(), "nothing left to hold");
    }

    /// Keys and polls come from different sources: a poll read at 10:09:58
    /// can be handled after keys read until 10:09:59.8. The checklist it
    /// opens must count the quiet from the last key, not from the poll's
    /// stamp, or the next keys of the same stream pass for a pause.
    #[test]
    fn a_poll_handled_after_later_keys_does_not_make_a_pause() {
        let mut state = floor_fixture::state_with_surge_rule("ana");
        tick(&mut state, 110);
        let stamped = |ms: i64| Timestamp::from_millis(at(0).as_millis() + ms);
        let key = |state: &mut AppState, key: Key, ms: i64| {
            update(
                state,
                Msg::KeyPressedAt {
                    key,
                    at: stamped(ms),
                },
            )
            .effects
        };
        for ms in [119_000, 119_200, 119_400, 119_600, 119_800] {
            key(&mut state, Key::Char('j'), ms);
        }
        // The poll stamped 118 s opens the surge checklist.
        let snapshot = floor_fixture::snapshot(at(118), 3);
        update(
            &mut state,
            Msg::FloorObserved {
                snapshot,
                at: at(118),
            },
        );
        assert!(
            state.view.hold.is_some(),
            "the rule put its checklist on screen"
        );
        let mut effects = Vec::new();
        for (k, ms) in [
            (Key::Enter, 120_000),
            (Key::Char(' '), 120_120),
            (Key::Enter, 120_240),
        ] {
            effects.extend(key(&mut state, k, ms));
        }
        assert!(persisted(&effects).is_empty(), "{effects:?}");
        assert_eq!(state.incidents[0].run.states()[0], StepState::Open);
        assert!(
            state.view.prompt.is_none(),
            "nothing armed: {:?}",
            state.view.prompt
        );
    }

    #[test]
    fn keys_pressed_as_a_rule_opens_a_checklist_mark_nothing() {
        let mut state = surge_opened_by_its_rule();
        // The operator's next keys were meant for the wallboard.
        let effects = press(&mut state, &[Key::Enter, Key::Char(' '), Key::Enter]);
        assert!(persisted(&effects).is_empty(), "{effects:?}");
        assert_eq!(state.incidents[0].run.states()[0], StepState::Open);
        // Still typing a second later: the pause starts again with each key.
        tick(&mut state, 121);
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert!(persisted(&effects).is_empty(), "{effects:?}");
        assert_eq!(state.incidents[0].run.states()[0], StepState::Open);
        assert!(
            state.view.prompt.is_none(),
            "a key in the pause arms nothing either"
        );
    }

    #[test]
    fn after_a_pause_the_first_press_arms_and_the_second_marks_done() {
        let mut state = surge_opened_by_its_rule();
        press(&mut state, &[Key::Enter]);
        tick(&mut state, 124);
        let effects = press(&mut state, &[Key::Enter]);
        assert!(persisted(&effects).is_empty(), "the first press only arms");
        assert_eq!(
            state.view.prompt,
            Some(Prompt::ConfirmStep {
                incident: 0,
                step: 0
            })
        );
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert_eq!(
            persisted(&effects),
            [&ActionKind::Completed {
                step: "ivr-high-volume".into()
            }]
        );
        // Once the operator has taken it in hand, one press per step.
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert_eq!(
            persisted(&effects),
            [&ActionKind::Completed {
                step: "floor-broadcast".into()
            }]
        );
    }

    #[test]
    fn any_other_key_after_arming_marks_nothing() {
        let mut state = surge_opened_by_its_rule();
        tick(&mut state, 124);
        press(&mut state, &[Key::Enter]);
        let effects = press(&mut state, &[Key::Char('j')]);
        assert!(persisted(&effects).is_empty());
        assert_eq!(state.view.prompt, None);
        assert_eq!(state.incidents[0].run.states()[0], StepState::Open);
        // Armed again, and confirmed.
        let effects = press(&mut state, &[Key::Enter, Key::Enter]);
        assert_eq!(persisted(&effects).len(), 1, "{effects:?}");
    }

    #[test]
    fn a_checklist_the_operator_opens_takes_keys_at_once() {
        let mut state = floor_fixture::state_with_surge_rule("ana@10.1.2.3");
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "declare severe-weather");
        press(&mut state, &[Key::Enter]);
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert_eq!(
            persisted(&effects).len(),
            1,
            "declared by hand: {effects:?}"
        );
    }

    #[test]
    fn a_sensed_step_closing_under_the_cursor_holds_the_next_key() {
        let mut state = surge_opened_by_its_rule();
        tick(&mut state, 124);
        let sensed = step_index(&state, "sl-recovered");
        let all_clear = step_index(&state, "all-clear");
        work_through_to(&mut state, all_clear);
        // The operator looks at the recovery step while the figures hold.
        state.view.screen = Screen::Checklist {
            incident: 0,
            selected: sensed,
        };
        // Live figures above 75 % for five minutes: the sensor closes it.
        for secs in (180..=600).step_by(60) {
            observe(&mut state, secs);
            if state.incidents[0].run.states()[sensed] != StepState::Open {
                break;
            }
        }
        assert!(
            matches!(
                state.incidents[0].run.states()[sensed],
                StepState::Done { .. }
            ),
            "the sensor closed it"
        );
        assert_eq!(
            state.view.screen,
            Screen::Checklist {
                incident: 0,
                selected: sensed + 1
            },
            "the cursor moved on by itself"
        );
        let screen = on_screen::screen(&state);
        assert!(screen.contains("⏸ CURSOR MOVED BY ITSELF"), "{screen}");
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert!(
            persisted(&effects).is_empty(),
            "the key meant for the sensed step does not mark the all clear: {effects:?}"
        );
        assert_eq!(state.view.prompt, None, "held, not even armed");
    }
}

mod alerts_stay_put {
    use super::*;

    #[test]
    fn space_space_acknowledges_one_alert_and_it_stays_under_the_cursor() {
        let mut state = floor_fixture::state();
        press(&mut state, &[Key::Char('2')]);
        let ids: Vec<_> = floorwatch::app::view::alert_rows(&state)
            .iter()
            .filter_map(floorwatch::app::view::AlertRow::actionable)
            .collect();
        assert!(ids.len() >= 2, "the fixture fires several alerts");
        press(&mut state, &[Key::Char(' '), Key::Char(' ')]);
        let book = state.rules.book();
        assert!(book.get(ids[0]).unwrap().acknowledged.is_some());
        assert!(
            book.get(ids[1]).unwrap().acknowledged.is_none(),
            "the second Space landed on a different alert"
        );
        assert_eq!(state.view.screen, Screen::Alerts { selected: 0 });
        assert_eq!(
            state.view.notice.as_deref(),
            Some("already acknowledged: nothing changed")
        );
        let first_row = floorwatch::app::view::alert_rows(&state)[0].actionable();
        assert_eq!(
            first_row,
            Some(ids[0]),
            "the acknowledged alert did not slide away"
        );
    }

    #[test]
    fn the_cursor_follows_its_alert_when_rows_come_and_go() {
        let mut state = floor_fixture::state();
        press(&mut state, &[Key::Char('2'), Key::Char('j')]);
        let under = floorwatch::app::view::alert_rows(&state)[1]
            .actionable()
            .unwrap();
        // Sales loses every agent: a new alert fires while the view is open.
        let mut snapshot = floor_fixture::snapshot(at(180), 4);
        let sales = snapshot
            .queues
            .iter_mut()
            .find(|q| q.id.0 == "sales")
            .unwrap();
        sales.agents = Default::default();
        let firing = state.rules.book().firing().count();
        observe_snapshot(&mut state, snapshot, 180);
        assert!(state.rules.book().firing().count() > firing);
        let Screen::Alerts { selected } = state.view.screen else {
            panic!("still on the alerts view");
        };
        let rows = floorwatch::app::view::alert_rows(&state);
        assert_eq!(rows[selected].actionable(), Some(under));
    }
}

mod closing_means_recovered {
    use super::*;

    fn close_command(state: &mut AppState, outcome: &str) -> Vec<Effect> {
        press(state, &[Key::Char(':')]);
        type_text(state, &format!("close {outcome}"));
        press(state, &[Key::Enter])
    }

    fn closed_outcome(effects: &[Effect]) -> Option<String> {
        persisted(effects).into_iter().find_map(|k| match k {
            ActionKind::Closed { outcome } => Some(outcome.clone()),
            _ => None,
        })
    }

    #[test]
    fn close_while_the_recovery_step_is_open_asks_twice_and_why() {
        let mut state = surge_opened_by_its_rule();
        observe_collapsed(&mut state, 180);
        let effects = close_command(&mut state, "resolved");
        assert_eq!(closed_outcome(&effects), None, "not closed at once");
        assert!(state.incidents[0].is_open());
        assert!(
            matches!(
                state.view.prompt,
                Some(Prompt::ConfirmAgainstFigures { .. })
            ),
            "{:?}",
            state.view.prompt
        );
        // The same key again, then a reason; an empty one is refused.
        press(&mut state, &[Key::Enter]);
        let effects = press(&mut state, &[Key::Enter]);
        assert_eq!(closed_outcome(&effects), None, "a reason is required");
        type_text(&mut state, "director's call: partner absorbs the rest");
        let effects = press(&mut state, &[Key::Enter]);
        let outcome = closed_outcome(&effects).expect("closed once a reason is given");
        assert!(outcome.starts_with("resolved"), "{outcome}");
        assert!(outcome.contains("against the figures"), "{outcome}");
        assert!(
            outcome.contains("Floor service level back above 75 %"),
            "{outcome}"
        );
        assert!(
            outcome.contains("director's call: partner absorbs the rest"),
            "{outcome}"
        );
        assert!(!state.incidents[0].is_open());
    }

    #[test]
    fn a_close_against_the_figures_not_confirmed_keeps_it_open() {
        let mut state = surge_opened_by_its_rule();
        close_command(&mut state, "resolved");
        let effects = press(&mut state, &[Key::Char('x')]);
        assert!(persisted(&effects).is_empty());
        assert_eq!(state.view.prompt, None);
        assert!(state.incidents[0].is_open());
    }

    #[test]
    fn an_all_clear_while_service_level_is_near_zero_asks_twice_and_why() {
        let mut state = surge_opened_by_its_rule();
        tick(&mut state, 124);
        let all_clear = step_index(&state, "all-clear");
        let sensed = step_index(&state, "sl-recovered");
        work_through_to(&mut state, all_clear);
        observe_collapsed(&mut state, 180);
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert!(persisted(&effects).is_empty(), "{effects:?}");
        assert_eq!(state.incidents[0].run.states()[all_clear], StepState::Open);
        assert!(
            matches!(
                state.view.prompt,
                Some(Prompt::ConfirmAgainstFigures { .. })
            ),
            "{:?}",
            state.view.prompt
        );
        press(&mut state, &[Key::Char(' ')]);
        type_text(
            &mut state,
            "SL recovering, director wants the all clear out",
        );
        let effects = press(&mut state, &[Key::Enter]);
        let kinds = persisted(&effects);
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(
            matches!(kinds[0], ActionKind::Overridden { step, reason }
                if step == "sl-recovered"
                && reason.contains("against the figures")
                && reason.contains("SL recovering, director wants the all clear out")),
            "the record says it went against the figures, and why: {kinds:?}"
        );
        assert_eq!(
            kinds[1],
            &ActionKind::Completed {
                step: "all-clear".into()
            }
        );
        assert!(matches!(
            state.incidents[0].run.states()[sensed],
            StepState::Overridden { .. }
        ));
    }

    #[test]
    fn the_figure_now_is_named_in_the_warning_and_the_record() {
        let mut state = surge_opened_by_its_rule();
        observe_collapsed(&mut state, 180);
        close_command(&mut state, "resolved");
        press(&mut state, &[Key::Enter]);
        type_text(&mut state, "manager's call");
        let effects = press(&mut state, &[Key::Enter]);
        let outcome = closed_outcome(&effects).unwrap();
        let sl = state
            .floor
            .totals(floorwatch::engine::Window::Interval)
            .figures
            .service_level
            .unwrap();
        assert!(sl < 0.75, "the fixture's figures are down: {sl}");
        // As every percentage on the console and in the export: no space before %.
        let now = format!("now {:.1}%", sl * 100.0);
        assert!(outcome.contains(&now), "{now} in {outcome}");
    }

    #[test]
    fn recovered_figures_close_without_an_extra_question() {
        let mut state = surge_opened_by_its_rule();
        let sensed = step_index(&state, "sl-recovered");
        for secs in (180..=540).step_by(60) {
            observe(&mut state, secs);
        }
        assert!(matches!(
            state.incidents[0].run.states()[sensed],
            StepState::Done { .. }
        ));
        let effects = close_command(&mut state, "resolved");
        assert_eq!(closed_outcome(&effects).as_deref(), Some("resolved"));
        assert_eq!(state.view.prompt, None);
    }

    #[test]
    fn an_all_clear_after_the_figures_recovered_is_one_press() {
        let mut state = surge_opened_by_its_rule();
        tick(&mut state, 124);
        let all_clear = step_index(&state, "all-clear");
        work_through_to(&mut state, all_clear);
        for secs in (180..=540).step_by(60) {
            observe(&mut state, secs);
        }
        state.view.screen = Screen::Checklist {
            incident: 0,
            selected: all_clear,
        };
        tick(&mut state, 600);
        let mut effects = press(&mut state, &[Key::Char(' ')]);
        if matches!(state.view.prompt, Some(Prompt::ConfirmStep { .. })) {
            effects = press(&mut state, &[Key::Char(' ')]);
        }
        assert_eq!(
            persisted(&effects),
            [&ActionKind::Completed {
                step: "all-clear".into()
            }]
        );
    }
}

mod on_screen {
    use super::*;
    use crate::view::{render, text, theme};
    use floorwatch::ui::theme::ColorLevel;

    pub(super) fn screen(state: &AppState) -> String {
        // No colour: each state must read in symbols and words.
        text(&render(state, &theme("default", ColorLevel::None), 80, 24))
    }

    #[test]
    fn at_80x24_each_guard_says_in_words_what_the_next_key_does() {
        let mut state = surge_opened_by_its_rule();
        let held = screen(&state);
        assert!(held.contains("⏸ OPENED BY ITSELF"), "{held}");
        tick(&mut state, 124);
        press(&mut state, &[Key::Enter]);
        let armed = screen(&state);
        assert!(
            armed.contains("▶ Enter again marks step 1 done · any other key: not now"),
            "{armed}"
        );
        press(&mut state, &[Key::Char('x')]);
        observe_collapsed(&mut state, 180);
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "close resolved");
        press(&mut state, &[Key::Enter]);
        let warned = screen(&state);
        let sl = state
            .floor
            .totals(floorwatch::engine::Window::Interval)
            .figures
            .service_level
            .unwrap();
        let line = format!(
            "⚠ NOT RECOVERED (now {:.1}%) · Enter: close anyway, with a reason",
            sl * 100.0
        );
        assert!(warned.contains(&line), "{line} in\n{warned}");
        press(&mut state, &[Key::Enter]);
        let asked = screen(&state);
        assert!(
            asked.contains("Why, against the figures (required)"),
            "{asked}"
        );
    }

    #[test]
    fn a_close_typed_on_the_wallboard_shows_its_warning_under_the_checklist() {
        let mut state = surge_opened_by_its_rule();
        press(&mut state, &[Key::Char('1'), Key::Char(':')]);
        type_text(&mut state, "close resolved");
        press(&mut state, &[Key::Enter]);
        assert!(matches!(
            state.view.screen,
            Screen::Checklist { incident: 0, .. }
        ));
        let warned = screen(&state);
        assert!(warned.contains("⚠ NOT RECOVERED"), "{warned}");
    }
}

/// What went against the figures is in the record a review reads: the app's
/// actions written to a real store, then `incidents export`.
mod in_the_record {
    use super::*;
    use floorwatch::store::Store;

    /// Writes incident 0's actions, as the record keeper would, and exports it as Markdown.
    fn exported(state: &AppState) -> String {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let run = &state.incidents[0].run;
        let record = crate::store::record_for(run, None, false);
        let id = store.open_incident(record, &run.actions()[0]).unwrap();
        for action in &run.actions()[1..] {
            store.append(id, action).unwrap();
        }
        drop(store);
        let output = crate::cli::floorwatch()
            .args(["incidents", "export", &id.to_string(), "--format", "md"])
            .arg("--state-dir")
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    #[test]
    fn an_all_clear_against_the_figures_says_so_with_the_figure_and_the_reason() {
        let mut state = surge_opened_by_its_rule();
        tick(&mut state, 124);
        let all_clear = step_index(&state, "all-clear");
        work_through_to(&mut state, all_clear);
        observe_collapsed(&mut state, 180);
        press(&mut state, &[Key::Char(' '), Key::Char(' ')]);
        type_text(&mut state, "director wants the all clear out");
        press(&mut state, &[Key::Enter]);
        // The operator answered for the recovery step: closing now asks nothing more.
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "close resolved");
        let effects = press(&mut state, &[Key::Enter]);
        let closing: Vec<_> = persisted(&effects)
            .into_iter()
            .filter(|kind| !matches!(kind, ActionKind::Figures { .. }))
            .collect();
        assert_eq!(
            closing,
            [&ActionKind::Closed {
                outcome: "resolved".into()
            }],
            "the close asks nothing more (the figures at the close aside)"
        );
        let md = exported(&state);
        for expected in [
            "overridden: against the figures: \"Floor service level back above 75 % for 5 minutes\" not met (now ",
            "reason: director wants the all clear out",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
    }

    #[test]
    fn a_close_against_the_figures_says_so_in_the_outcome() {
        let mut state = surge_opened_by_its_rule();
        observe_collapsed(&mut state, 180);
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "close resolved");
        press(&mut state, &[Key::Enter, Key::Enter]);
        type_text(&mut state, "partner absorbs the rest");
        press(&mut state, &[Key::Enter]);
        let md = exported(&state);
        let expected = "Outcome: resolved · closed against the figures: \"Floor service level back above 75 % for 5 minutes\" not met (now ";
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        assert!(md.contains("reason: partner absorbs the rest"), "{md}");
        // The figure as every percentage reads: "35.2%", no space before %.
        let figure = md
            .split(expected)
            .nth(1)
            .unwrap()
            .split(')')
            .next()
            .unwrap();
        let digits = figure.trim_end_matches('%');
        assert!(
            figure.ends_with('%') && digits.parse::<f64>().is_ok(),
            "{figure:?} in\n{md}"
        );
    }
}
