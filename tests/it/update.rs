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
    assert_eq!(state.view.sort, SortKey::Name);
    assert_eq!(selected(&state), before);
}

#[test]
fn enter_opens_the_selected_queue_and_esc_comes_back() {
    let mut state = floor_fixture::state();
    let queue = selected(&state);
    press(&mut state, &[Key::Enter]);
    assert_eq!(
        state.view.screen,
        Screen::QueueDetail {
            queue: QueueId(queue),
            scroll: 0
        }
    );
    press(&mut state, &[Key::Esc]);
    assert_eq!(state.view.screen, Screen::Wallboard);
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
    assert_eq!(state.view.filter, "qx");
    assert_eq!(
        state.view.sort,
        SortKey::Status,
        "s while typing is a letter, not sort"
    );
    press(&mut state, &[Key::Esc]);
    assert!(!state.view.filter_editing);
    assert_eq!(
        state.view.filter, "qx",
        "Esc closes the filter bar but keeps the filter"
    );
    press(&mut state, &[Key::Esc]);
    assert_eq!(state.view.filter, "", "a second Esc clears it");
}

#[test]
fn q_and_ctrl_c_quit_and_help_closes_first() {
    let mut state = floor_fixture::state();
    assert_eq!(press(&mut state, &[Key::Char('q')]), vec![Effect::Quit]);
    let mut state = floor_fixture::state();
    press(&mut state, &[Key::Char('?')]);
    assert!(state.view.help_open);
    assert!(
        press(&mut state, &[Key::Char('q')]).is_empty(),
        "q closes help first"
    );
    assert!(!state.view.help_open);
    assert_eq!(press(&mut state, &[Key::Ctrl('c')]), vec![Effect::Quit]);
}

#[test]
fn w_cycles_the_window() {
    let mut state = floor_fixture::state();
    assert_eq!(state.view.window, Window::Interval);
    press(&mut state, &[Key::Char('w')]);
    assert_eq!(state.view.window, Window::Rolling60);
    press(&mut state, &[Key::Char('w'), Key::Char('w')]);
    assert_eq!(state.view.window, Window::Interval);
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
    state.view.bell_on_critical = false;
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
    state.view.operator = "ana@10.1.2.3".into();
    press(&mut state, &[Key::Char('2')]);
    assert_eq!(state.view.screen, Screen::Alerts { selected: 0 });
    let rows = floorwatch::app::view::alert_rows(&state);
    let first = rows[0].actionable().expect("a firing alert comes first");
    drop(rows);

    let effects = press(&mut state, &[Key::Char(' ')]);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Audit {
                what: "alert-acknowledged",
                ..
            }
        )),
        "acknowledging goes in the audit log: {effects:?}"
    );
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
    assert!(state.view.prompt.is_some());
    press(&mut state, &[Key::Enter]);
    assert!(state.view.prompt.is_some(), "a reason is required");
    press(&mut state, &[Key::Esc]);
    assert!(state.view.prompt.is_none());
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
    assert_eq!(state.view.screen, Screen::Wallboard);
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

mod incidents {
    use floorwatch::app::{AppState, Effect, Key, Msg, Prompt, Screen, update};
    use floorwatch::engine::checklist::{ActionKind, StepState};
    use floorwatch::model::Timestamp;

    use super::super::floor_fixture::{self, T0};
    use super::{press, type_text};

    /// The fixture floor, with the shipped checklists and a rule that opens
    /// one at once (Billing's service level is far below 70 %).
    fn state_with_checklists() -> AppState {
        floor_fixture::state_with_surge_rule("ana@10.1.2.3")
    }

    fn observe(state: &mut AppState, secs: i64) -> Vec<Effect> {
        let t = Timestamp::from_secs(T0 + secs);
        let effects = update(
            state,
            Msg::FloorObserved {
                snapshot: floor_fixture::snapshot(t, 3),
                at: t,
            },
        )
        .effects;
        // Read before acted on: how keys wait on a checklist that came by itself is in `ticks`.
        state.view.hold = None;
        effects
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

    #[test]
    fn a_rule_with_a_checklist_opens_an_incident_once_and_shows_it() {
        let mut state = state_with_checklists();
        let effects = observe(&mut state, 120);
        let opened: Vec<&Effect> = effects
            .iter()
            .filter(|e| matches!(e, Effect::OpenIncident { .. }))
            .collect();
        assert_eq!(opened.len(), 1, "{effects:?}");
        assert!(
            matches!(opened[0], Effect::OpenIncident { checklist, trigger: Some(t), .. }
            if checklist == "traffic-surge" && t.rule == "sl-critical")
        );
        assert_eq!(
            state.view.screen,
            Screen::Checklist {
                incident: 0,
                selected: 0
            }
        );
        // The alert goes on firing: no second incident of the same plan.
        let effects = observe(&mut state, 180);
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::OpenIncident { .. }))
        );
        assert_eq!(state.incidents.len(), 1);
    }

    #[test]
    fn an_incident_never_takes_the_keys_from_someone_typing() {
        let mut state = state_with_checklists();
        press(&mut state, &[Key::Char('/')]);
        type_text(&mut state, "bil");
        observe(&mut state, 120);
        assert_eq!(
            state.view.screen,
            Screen::Wallboard,
            "the filter keeps the screen"
        );
        assert_eq!(state.view.filter, "bil");
        assert!(
            state
                .view
                .notice
                .as_deref()
                .unwrap_or("")
                .contains("press 3")
        );
        press(&mut state, &[Key::Enter, Key::Char('3')]);
        assert!(matches!(
            state.view.screen,
            Screen::Checklist { incident: 0, .. }
        ));
    }

    #[test]
    fn a_step_is_saving_until_the_store_says_it_is_on_disk() {
        let mut state = state_with_checklists();
        observe(&mut state, 120);
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert_eq!(
            persisted(&effects),
            [&ActionKind::Completed {
                step: "ivr-high-volume".into()
            }]
        );
        let incident = &state.incidents[0];
        assert!(
            matches!(&incident.run.states()[0], StepState::Done { by, .. } if by == "ana@10.1.2.3")
        );
        assert!(incident.is_unsaved(0), "shown as saving, not done");
        assert_eq!(
            state.view.screen,
            Screen::Checklist {
                incident: 0,
                selected: 1
            },
            "on to the next step"
        );
        let tick = state.incidents[0].run.actions().last().unwrap().seq;
        update(
            &mut state,
            Msg::Saved {
                local: 0,
                seq: tick,
            },
        );
        assert!(!state.incidents[0].is_unsaved(0));
        update(
            &mut state,
            Msg::SaveFailed {
                reason: "No space left on device".into(),
                held: 0,
                dropped: 0,
            },
        );
        assert!(state.saving.failing.is_some());
    }

    #[test]
    fn override_note_answer_and_undo_from_the_keyboard() {
        let mut state = state_with_checklists();
        observe(&mut state, 120);
        // An override takes two presses, then a reason; Enter with no reason does nothing.
        press(&mut state, &[Key::Char('s')]);
        assert!(matches!(
            state.view.prompt,
            Some(Prompt::ConfirmOverride { step: Some(0), .. })
        ));
        press(&mut state, &[Key::Char('s'), Key::Enter]);
        assert!(matches!(
            state.view.prompt,
            Some(Prompt::OverrideReason { .. })
        ));
        type_text(&mut state, "IVR already on");
        let effects = press(&mut state, &[Key::Enter]);
        assert!(
            matches!(persisted(&effects)[0], ActionKind::Overridden { reason, .. } if reason == "IVR already on")
        );
        // A note; typed letters are text, not commands.
        press(&mut state, &[Key::Char('n')]);
        type_text(&mut state, "vendor ticket 4471 q");
        let effects = press(&mut state, &[Key::Enter]);
        assert!(
            matches!(persisted(&effects)[0], ActionKind::Note { text } if text == "vendor ticket 4471 q")
        );
        // A question is answered with y or n.
        let question = state.incidents[0]
            .run
            .checklist()
            .steps
            .iter()
            .position(|s| {
                matches!(
                    s.kind,
                    floorwatch::engine::checklist::StepKind::Conditional { .. }
                )
            })
            .unwrap();
        // One current item: the steps before the question come first.
        for _ in 1..question {
            press(&mut state, &[Key::Char(' ')]);
        }
        assert_eq!(
            state.view.screen,
            Screen::Checklist {
                incident: 0,
                selected: question
            }
        );
        press(&mut state, &[Key::Enter]);
        assert!(matches!(state.view.prompt, Some(Prompt::Answer { .. })));
        let effects = press(&mut state, &[Key::Char('n')]);
        assert!(matches!(
            persisted(&effects)[0],
            ActionKind::Answered { yes: false, .. }
        ));
        // Undo takes back the answer, on the record.
        let effects = press(&mut state, &[Key::Char('u')]);
        assert!(matches!(persisted(&effects)[0], ActionKind::Undone { .. }));
        assert_eq!(state.incidents[0].run.states()[question], StepState::Open);
        // Copy puts the selected step's message, filled in, on the clipboard.
        state.view.screen = Screen::Checklist {
            incident: 0,
            selected: 1,
        };
        let effects = press(&mut state, &[Key::Char('c')]);
        let copied = effects.iter().find_map(|e| match e {
            Effect::Copy(text) => Some(text.clone()),
            _ => None,
        });
        let copied = copied.expect("a message to copy");
        assert!(
            copied.contains("Surge in progress since") && !copied.contains('{'),
            "{copied}"
        );
    }

    /// The `c` copy fills `{queue}`, `{site}`, `{platform}` and `{operator}`
    /// from outside text; what goes on the clipboard must be clean of escape
    /// sequences (a pasted ESC runs in the reader's terminal), invisible and
    /// bidirectional characters, and line breaks smuggled inside a value.
    #[test]
    fn the_copied_message_carries_no_raw_outside_text() {
        let hostile = "Bill\x1b]52;c;cm0gLXJmIH4=\x07ing\u{202E}\u{200D}\u{034F}\u{E0041}\u{2028}\n## fake\r\x07";
        let mut state = floor_fixture::state_with_surge_rule(hostile);
        let say = "{queue} / {site} / {platform} / {operator}\nline two\x1b[2J";
        state.checklists.get_mut("traffic-surge").unwrap().steps[0].say = Some(say.into());
        let t = Timestamp::from_secs(T0 + 120);
        let mut snapshot = floor_fixture::snapshot(t, 3);
        snapshot.platform.name = hostile.into();
        for queue in &mut snapshot.queues {
            if queue.id.0 == "billing" {
                queue.name = hostile.into();
            }
        }
        update(&mut state, Msg::FloorObserved { snapshot, at: t });
        assert!(matches!(
            state.view.screen,
            Screen::Checklist { incident: 0, .. }
        ));
        let effects = press(&mut state, &[Key::Char('c')]);
        let copied = copied_message(&effects);
        let lines: Vec<&str> = copied.lines().collect();
        assert_eq!(lines.len(), 2, "the template's own two lines: {copied:?}");
        assert_eq!(
            lines,
            [
                "Billing## fake / Billing## fake / Billing## fake / Billing## fake",
                "line two"
            ],
            "the readable text stays, on the template's lines"
        );
        assert!(
            !copied
                .chars()
                .any(|c| c != '\n' && floorwatch::untrusted::is_forbidden(c)),
            "{copied:?}"
        );
    }

    /// The text the `c` key handed to the clipboard.
    fn copied_message(effects: &[Effect]) -> String {
        effects
            .iter()
            .find_map(|e| match e {
                Effect::Copy(text) => Some(text.clone()),
                _ => None,
            })
            .expect("a message to copy")
    }

    /// A queue may be named like a placeholder; its name is put in once,
    /// as written, and never read again for placeholders.
    #[test]
    fn a_queue_named_like_a_placeholder_is_copied_as_written() {
        let mut state = floor_fixture::state_with_surge_rule("{waiting}");
        let say = "{queue}: {waiting} waiting";
        state.checklists.get_mut("traffic-surge").unwrap().steps[0].say = Some(say.into());
        let t = Timestamp::from_secs(T0 + 120);
        let mut snapshot = floor_fixture::snapshot(t, 3);
        for queue in &mut snapshot.queues {
            if queue.id.0 == "billing" {
                queue.name = "{waiting}".into();
            }
        }
        update(&mut state, Msg::FloorObserved { snapshot, at: t });
        let effects = press(&mut state, &[Key::Char('c')]);
        let copied = copied_message(&effects);
        let waiting = copied.rsplit(": ").next().unwrap();
        assert!(copied.starts_with("{waiting}: "), "{copied:?}");
        assert!(
            waiting.ends_with(" waiting") && !waiting.contains('{'),
            "{copied:?}"
        );
    }

    #[test]
    fn an_override_asked_for_and_then_not_confirmed_changes_nothing() {
        let mut state = state_with_checklists();
        observe(&mut state, 120);
        press(&mut state, &[Key::Char('s')]);
        let effects = press(&mut state, &[Key::Char('x')]);
        assert!(persisted(&effects).is_empty());
        assert_eq!(state.view.prompt, None);
        assert_eq!(state.view.notice.as_deref(), Some("override cancelled"));
        assert_eq!(state.incidents[0].run.states()[0], StepState::Open);
        // Esc while typing the reason gives up too.
        let effects = press(&mut state, &[Key::Char('s'), Key::Char('s'), Key::Esc]);
        assert!(persisted(&effects).is_empty());
        assert_eq!(state.incidents[0].run.states()[0], StepState::Open);
    }

    #[test]
    fn a_later_step_is_refused_while_the_current_one_is_open() {
        let mut state = state_with_checklists();
        observe(&mut state, 120);
        let effects = press(
            &mut state,
            &[Key::Char('j'), Key::Char('j'), Key::Char(' ')],
        );
        assert!(persisted(&effects).is_empty(), "{effects:?}");
        let notice = state.view.notice.as_deref().unwrap_or("");
        assert!(
            notice.contains(
                "'Switch on the high-volume IVR message with callback offer' comes first"
            ),
            "the refusal names the step that comes first by its title: {notice:?}"
        );
        assert!(
            !notice.contains("ivr-high-volume"),
            "no step id: {notice:?}"
        );
        press(&mut state, &[Key::Char('s')]);
        assert_eq!(state.view.prompt, None, "an override of it is refused too");
        assert_eq!(state.incidents[0].run.current(), Some(0));
    }

    #[test]
    fn a_sensed_step_closes_itself_while_data_is_live() {
        let mut state = state_with_checklists();
        observe(&mut state, 120);
        let sensed = state.incidents[0]
            .run
            .checklist()
            .steps
            .iter()
            .position(|s| matches!(s.kind, floorwatch::engine::checklist::StepKind::Sensed(_)))
            .unwrap();
        // Deal with everything before it, the whole checklist override aside.
        let mut guard = 0;
        while state.incidents[0].run.current().is_some_and(|c| c < sensed) && guard < 30 {
            let current = state.incidents[0].run.current().unwrap();
            let question = matches!(
                state.incidents[0].run.checklist().steps[current].kind,
                floorwatch::engine::checklist::StepKind::Conditional { .. }
            );
            let keys: &[Key] = if question {
                &[Key::Enter, Key::Char('n')]
            } else {
                &[Key::Char(' ')]
            };
            press(&mut state, keys);
            guard += 1;
        }
        state.view.screen = Screen::Checklist {
            incident: 0,
            selected: sensed,
        };
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert!(persisted(&effects).is_empty());
        assert!(
            state
                .view
                .notice
                .as_deref()
                .unwrap_or("")
                .contains("closes itself"),
            "{:?}",
            state.view.notice
        );
    }

    #[test]
    fn the_whole_checklist_is_overridden_with_two_presses_and_a_reason() {
        let mut state = state_with_checklists();
        observe(&mut state, 120);
        press(&mut state, &[Key::Char(' ')]);
        press(&mut state, &[Key::Char('S')]);
        assert!(matches!(
            state.view.prompt,
            Some(Prompt::ConfirmOverride { step: None, .. })
        ));
        press(&mut state, &[Key::Char('S')]);
        type_text(&mut state, "false alarm: feed replayed");
        let effects = press(&mut state, &[Key::Enter]);
        assert_eq!(
            persisted(&effects),
            [&ActionKind::OverriddenAll {
                reason: "false alarm: feed replayed".into()
            }]
        );
        let run = &state.incidents[0].run;
        assert!(matches!(
            run.outcome(),
            floorwatch::engine::checklist::Outcome::Overridden { .. }
        ));
        assert!(
            matches!(run.states()[0], StepState::Done { .. }),
            "done stays done"
        );
        // Nothing left to override: the next S is refused at once.
        press(&mut state, &[Key::Char('S')]);
        assert_eq!(state.view.prompt, None);
    }
}

mod commands {
    use floorwatch::app::{Effect, Key, Screen};
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::engine::checklist::ActionKind;

    use super::super::floor_fixture;
    use super::{press, type_text};

    #[test]
    fn declare_opens_any_checklist_by_hand_and_close_records_the_outcome() {
        let mut state = floor_fixture::state();
        state.checklists = ChecklistCatalog::builtin()
            .iter()
            .map(|(c, _)| (c.id.clone(), c.clone()))
            .collect();
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "declare severe-weathr");
        press(&mut state, &[Key::Enter]);
        assert!(state.incidents.is_empty());
        assert!(
            state
                .view
                .notice
                .as_deref()
                .unwrap_or("")
                .contains("severe-weather"),
            "known names are listed"
        );

        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "declare severe-weather");
        let effects = press(&mut state, &[Key::Enter]);
        assert!(effects.iter().any(|e| matches!(e, Effect::OpenIncident { checklist, trigger: None, .. } if checklist == "severe-weather")));
        assert!(matches!(
            state.view.screen,
            Screen::Checklist { incident: 0, .. }
        ));

        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "close staff back on site at 14:00");
        // Its recovery step is still open: closing goes against the figures,
        // asked twice and with a reason (the cases are in `ticks`).
        press(&mut state, &[Key::Enter, Key::Enter]);
        type_text(&mut state, "site director's call");
        let effects = press(&mut state, &[Key::Enter]);
        let closed = effects.iter().any(|e| {
            matches!(e, Effect::Persist { action, .. }
            if matches!(&action.kind, ActionKind::Closed { outcome }
                if outcome.starts_with("staff back on site at 14:00")
                && outcome.ends_with("reason: site director's call")))
        });
        assert!(closed, "{effects:?}");
        assert!(!state.incidents[0].is_open());
    }
}

mod queue_and_inhibits {
    use std::time::Duration;

    use floorwatch::app::incident::queue::{Priority, queue};
    use floorwatch::app::{AppState, Effect, Key, Msg, Screen, update};
    use floorwatch::engine::checklist::ActionKind;
    use floorwatch::engine::rules::{Rule, RuleEngine, default_rules};
    use floorwatch::model::{PlatformCondition, PollFailure, Timestamp};

    use super::super::floor_fixture::{self, T0};
    use super::press;

    fn rule(id: &str, checklist: &str) -> Rule {
        let mut rule = default_rules()
            .into_iter()
            .find(|r| r.id == id)
            .expect("a shipped rule");
        rule.hold_for = Duration::ZERO;
        rule.min_volume = 0;
        rule.checklist = Some(checklist.into());
        rule
    }

    /// Billing trips both rules on the same poll: a warning (sl-low, listed
    /// first) and a critical (sl-critical).
    fn state_with(rules: Vec<Rule>) -> AppState {
        let mut state = floor_fixture::state_with_surge_rule("ana");
        state.rules = RuleEngine::new(rules);
        state
    }

    fn observe(state: &mut AppState, secs: i64) -> Vec<Effect> {
        let t = Timestamp::from_secs(T0 + secs);
        let snapshot = floor_fixture::snapshot(t, 3);
        update(state, Msg::FloorObserved { snapshot, at: t }).effects
    }

    /// The checklist ids in the queue, in its order.
    fn queued_plans(state: &AppState) -> Vec<&str> {
        queue(state)
            .into_iter()
            .map(|l| state.incidents[l].run.checklist().id.as_str())
            .collect()
    }

    fn opened(effects: &[Effect]) -> Vec<&str> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::OpenIncident { checklist, .. } => Some(checklist.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn two_triggers_at_once_queue_the_critical_first_and_each_only_once() {
        let mut state = state_with(vec![
            rule("sl-low", "pandemic-continuity"),
            rule("sl-critical", "traffic-surge"),
        ]);
        let effects = observe(&mut state, 120);
        let mut both = opened(&effects);
        both.sort_unstable();
        assert_eq!(both, ["pandemic-continuity", "traffic-surge"]);
        let order = queued_plans(&state);
        assert_eq!(
            order,
            ["traffic-surge", "pandemic-continuity"],
            "red before amber"
        );
        let top = queue(&state)[0];
        assert_eq!(state.incidents[top].priority(), Priority::Critical);
        assert!(
            matches!(state.view.screen, Screen::Checklist { incident, .. } if incident == top),
            "the top of the queue is on screen"
        );
        // The alerts go on firing: nothing is queued twice.
        assert!(opened(&observe(&mut state, 180)).is_empty());
        assert_eq!(queue(&state).len(), 2);
        // `]` walks the queue; `3` comes back to its top.
        press(&mut state, &[Key::Char(']')]);
        assert!(matches!(state.view.screen, Screen::Checklist { incident, .. } if incident != top));
        press(&mut state, &[Key::Char('1'), Key::Char('3')]);
        assert!(matches!(state.view.screen, Screen::Checklist { incident, .. } if incident == top));
    }

    #[test]
    fn a_finished_checklist_leaves_the_queue_and_a_declared_one_comes_last() {
        let mut state = state_with(vec![rule("sl-low", "complaint-spike")]);
        observe(&mut state, 120);
        press(&mut state, &[Key::Char(':')]);
        for c in "declare pandemic-continuity".chars() {
            press(&mut state, &[Key::Char(c)]);
        }
        press(&mut state, &[Key::Enter]);
        let order = queued_plans(&state);
        assert_eq!(
            order,
            ["complaint-spike", "pandemic-continuity"],
            "manual comes last"
        );
        assert!(
            state
                .view
                .notice
                .as_deref()
                .unwrap_or("")
                .contains("queued (2 of 2)"),
            "{:?}",
            state.view.notice
        );
        let spike = queue(&state)[0];
        let now = state.wall_now;
        state.incidents[spike]
            .run
            .override_all("ana", now, "handled by the complaints team")
            .unwrap();
        assert_eq!(queue(&state).len(), 1);
    }

    #[test]
    fn a_finished_checklist_is_queued_again_by_the_next_episode_of_its_alert() {
        let mut state = state_with(vec![rule("sl-critical", "traffic-surge")]);
        observe(&mut state, 120);
        let now = state.wall_now;
        state.incidents[0]
            .run
            .override_all("ana", now, "handled")
            .unwrap();
        assert!(queue(&state).is_empty(), "complete: out of the queue");
        let alert = state.rules.book().firing().next().unwrap().clone();
        // The same episode goes on firing: nothing new.
        assert!(opened(&observe(&mut state, 180)).is_empty());
        // A new episode (the alert cleared and tripped again) queues the plan again.
        let effects =
            floorwatch::app::incident::open::open_for_alert(&mut state, &alert, "again".into());
        assert_eq!(opened(&effects), ["traffic-surge"]);
        assert_eq!(queue(&state).len(), 1);
    }

    #[test]
    fn the_platform_going_down_inhibits_the_surge_and_complaint_checklists() {
        let mut state = state_with(vec![
            rule("sl-critical", "traffic-surge"),
            rule("sl-low", "complaint-spike"),
            rule("platform-unreachable", "telephony-outage"),
        ]);
        observe(&mut state, 120);
        // The surge opened first and inhibits the complaint plan.
        assert_eq!(queued_plans(&state), ["traffic-surge"]);
        // The platform stops answering, for longer than anything waits.
        let mut effects = Vec::new();
        for secs in [125, 130, 200] {
            let at = Timestamp::from_secs(T0 + secs);
            let failure = PollFailure::new(PlatformCondition::Unreachable, "connection refused");
            effects.extend(update(&mut state, Msg::PollFailed { at, failure }).effects);
            effects.extend(update(&mut state, Msg::Ticked(at)).effects);
        }
        assert_eq!(opened(&effects), ["telephony-outage"]);
        let queued = queued_plans(&state);
        assert_eq!(queued, ["telephony-outage"], "the queue shows one entry");
        // The inhibited incident's record says why, and who closed it.
        let incident = state
            .incidents
            .iter()
            .find(|i| i.run.checklist().id == "traffic-surge")
            .unwrap();
        let last = incident.run.actions().last().unwrap();
        assert_eq!(last.by, "floorwatch");
        assert!(
            matches!(&last.kind, ActionKind::Closed { outcome } if outcome.starts_with("inhibited by telephony-outage")),
            "{last:?}"
        );
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Persist { action, .. } if action == last))
        );
    }

    /// Surge and complaint plans inhibit each other: the first one is the
    /// incident. A person who declares the other beside it gets both; the
    /// machine closes neither.
    #[test]
    fn a_plan_declared_beside_one_that_inhibits_it_closes_nothing() {
        let mut state = state_with(vec![rule("sl-critical", "traffic-surge")]);
        observe(&mut state, 120);
        assert_eq!(queued_plans(&state), ["traffic-surge"]);
        let effects = update(&mut state, Msg::Command("declare complaint-spike".into())).effects;
        assert_eq!(opened(&effects), ["complaint-spike"]);
        assert!(
            state.incidents.iter().all(|i| i.is_open()),
            "the surge the rule opened stays open: {:?}",
            state
                .incidents
                .iter()
                .map(|i| i.run.actions().last().map(|a| a.kind.clone()))
                .collect::<Vec<_>>()
        );
        assert_eq!(queue(&state).len(), 2);
    }

    #[test]
    fn while_the_platform_is_down_a_surge_checklist_is_not_opened_and_the_log_says_why() {
        let mut state = state_with(vec![rule("sl-critical", "traffic-surge")]);
        press(&mut state, &[Key::Char(':')]);
        for c in "declare telephony-outage".chars() {
            press(&mut state, &[Key::Char(c)]);
        }
        press(&mut state, &[Key::Enter]);
        let effects = observe(&mut state, 120);
        assert!(opened(&effects).is_empty(), "{effects:?}");
        assert!(effects.iter().any(|e| matches!(e,
            Effect::Audit { what: "checklist-inhibited", detail, .. } if detail.contains("telephony-outage inhibits it"))));
        assert_eq!(queue(&state).len(), 1);
    }
}

/// A console whose every step takes long (a huge floor on a busy machine):
/// the next message it reads is a clock tick minutes after the last answer.
/// Late figures say SLOW and are not live, but nothing blames the platform,
/// which has not failed; a failed poll still does.
#[test]
fn a_slow_step_never_reads_as_the_platform_down() {
    let mut state = floor_fixture::state_with_surge_rule("ana");
    state.rules = floorwatch::engine::rules::RuleEngine::new(
        floorwatch::engine::rules::default_rules()
            .into_iter()
            .filter(|r| r.metric.is_about_the_platform())
            .collect(),
    );
    let t0 = state.wall_now;
    let later = |s: u64| t0.plus(std::time::Duration::from_secs(s));
    let mut effects = Vec::new();
    for s in [20, 45, 120, 300, 600] {
        effects.extend(update(&mut state, Msg::Ticked(later(s))).effects);
    }
    assert!(
        !floorwatch::app::view::is_live(&state),
        "late figures are not live"
    );
    assert!(
        state.rules.book().all().is_empty(),
        "no alert from our own slowness: {:?}",
        state.rules.book().all()
    );
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::OpenIncident { .. })),
        "{effects:?}"
    );
    let theme = super::view::theme("monochrome", floorwatch::ui::theme::ColorLevel::None);
    let screen = super::view::text(&super::view::render(&state, &theme, 80, 24));
    assert!(screen.contains("? SLOW"), "{screen}");
    assert!(!screen.contains("not answering"), "{screen}");
    // The platform really failing is still the platform down.
    let refused = PollFailure::new(PlatformCondition::Unreachable, "connection refused");
    update(
        &mut state,
        Msg::PollFailed {
            at: later(601),
            failure: refused,
        },
    );
    update(&mut state, Msg::Ticked(later(640)));
    assert!(
        state
            .rules
            .book()
            .firing()
            .any(|a| a.rule.id == "platform-unreachable"),
        "a failed poll held for 30 s is the platform down"
    );
    let screen = super::view::text(&super::view::render(&state, &theme, 80, 24));
    assert!(screen.contains("? STALE"), "{screen}");
}

/// The wallboard's order is worked out when the floor, sort or filter
/// changes, not on every key press or frame: after any update the order
/// the view reads is the one kept in the state.
#[test]
fn keys_and_frames_read_the_kept_order() {
    use std::borrow::Cow;
    let mut state = floor_fixture::state();
    let t2 = state.wall_now.plus(std::time::Duration::from_secs(5));
    update(
        &mut state,
        Msg::FloorObserved {
            snapshot: floor_fixture::snapshot(t2, 3),
            at: t2,
        },
    );
    let kept = |state: &AppState| {
        matches!(
            floorwatch::app::view::wallboard_order(state),
            Cow::Borrowed(_)
        )
    };
    assert!(kept(&state), "after a poll");
    for key in [
        Key::Char('j'),
        Key::Char('s'),
        Key::Char('S'),
        Key::Char('w'),
    ] {
        press(&mut state, &[key]);
        assert!(kept(&state), "after {key:?}");
    }
    press(&mut state, &[Key::Char('/'), Key::Char('b'), Key::Enter]);
    assert!(kept(&state), "after a filter");
    let order = floorwatch::app::view::wallboard_order(&state).into_owned();
    let names: Vec<String> = order
        .iter()
        .map(|i| {
            state
                .floor
                .queue_at(*i)
                .unwrap()
                .observation
                .name
                .to_lowercase()
        })
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.contains('b')),
        "{names:?}"
    );
    update(
        &mut state,
        Msg::Ticked(t2.plus(std::time::Duration::from_secs(600))),
    );
    assert!(kept(&state), "after the data went stale");
}
