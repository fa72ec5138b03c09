//! `update`: the one place the console's state changes.

use std::time::Duration;

use super::keymap::{self, Action, Key};
use super::state::{AppState, Prompt, Screen};
use super::view::{self, context};
use super::{Effect, Msg};
use crate::engine::Window;
use crate::engine::rules::{AlertEvent, Severity};
use crate::model::Timestamp;

/// How long `z` quiets an alert (shown in the prompt).
pub const SNOOZE_FOR: Duration = Duration::from_secs(30 * 60);

/// What an update asks of the shell.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Something visible changed: draw a frame.
    pub redraw: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    fn redraw() -> Self {
        Outcome {
            redraw: true,
            effects: vec![],
        }
    }
    fn unchanged() -> Self {
        Outcome::default()
    }
}

pub fn update(state: &mut AppState, msg: Msg) -> Outcome {
    match msg {
        Msg::KeyPressed(key) => on_key(state, key),
        Msg::FloorObserved { snapshot, at } => {
            state.floor.observe(snapshot, at);
            state.wall_now = state.wall_now.max(at);
            let mut outcome = Outcome::redraw();
            outcome.effects.extend(evaluate_rules(state));
            outcome
        }
        Msg::PollFailed { at, failure } => {
            state.floor.observe_failure(at, failure);
            let mut outcome = Outcome::redraw();
            outcome.effects.extend(evaluate_rules(state));
            outcome
        }
        Msg::Ticked(now) => on_tick(state, now),
        Msg::Resized => Outcome::redraw(),
    }
}

fn on_tick(state: &mut AppState, now: Timestamp) -> Outcome {
    let shown_before = state.wall_now.local_hms(state.utc_offset_s);
    let health_before = state.floor.health(state.wall_now);
    state.wall_now = now;
    let alerts_before = state.rules.book().all().len();
    let effects = evaluate_rules(state);
    let changed = shown_before != now.local_hms(state.utc_offset_s)
        || health_before != state.floor.health(now)
        || alerts_before != state.rules.book().all().len()
        || !effects.is_empty();
    Outcome {
        redraw: changed,
        effects,
    }
}

/// Runs the rules; a new critical alert rings the bell (once, however many fire).
fn evaluate_rules(state: &mut AppState) -> Vec<Effect> {
    let events = state.rules.evaluate(&state.floor, state.wall_now);
    let new_critical = events.iter().any(|event| match event {
        AlertEvent::Fired(id) => state
            .rules
            .book()
            .get(*id)
            .is_some_and(|a| a.rule.severity == Severity::Critical),
        AlertEvent::Resolved(_) => false,
    });
    if new_critical && state.bell_on_critical {
        vec![Effect::RingBell]
    } else {
        vec![]
    }
}

fn on_key(state: &mut AppState, key: Key) -> Outcome {
    if state.prompt.is_some() {
        return edit_prompt(state, key);
    }
    if state.filter_editing {
        return edit_filter(state, key);
    }
    if state.help_open {
        if matches!(key, Key::Esc | Key::Char('?' | 'q') | Key::F(1)) {
            state.help_open = false;
            return Outcome::redraw();
        }
        if key == Key::Ctrl('c') {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        return Outcome::unchanged();
    }
    match keymap::action_for(key, context(state)) {
        Some(action) => perform(state, action),
        None => Outcome::unchanged(),
    }
}

fn perform(state: &mut AppState, action: Action) -> Outcome {
    match action {
        Action::Quit => {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        Action::ToggleHelp => state.help_open = !state.help_open,
        Action::Back => back(state),
        Action::MoveUp => move_by(state, -1),
        Action::MoveDown => move_by(state, 1),
        Action::PageUp => move_by(state, -page(state)),
        Action::PageDown => move_by(state, page(state)),
        Action::Top => move_by(state, isize::MIN / 2),
        Action::Bottom => move_by(state, isize::MAX / 2),
        Action::Open => open_selected(state),
        Action::StartFilter => state.filter_editing = true,
        Action::CycleSort => state.sort = state.sort.next(),
        Action::ReverseSort => state.sort_reversed = !state.sort_reversed,
        Action::CycleWindow => state.window = Window::next(state.window),
        Action::ClearFilter => state.filter.clear(),
        Action::ShowWallboard => state.screen = Screen::Wallboard,
        Action::ShowAlerts => state.screen = Screen::Alerts { selected: 0 },
        Action::Acknowledge => acknowledge_selected(state),
        Action::Snooze => {
            if let Some(alert) = selected_alert(state) {
                state.prompt = Some(Prompt::SnoozeReason {
                    alert,
                    text: String::new(),
                });
            }
        }
    }
    Outcome::redraw()
}

fn page(state: &AppState) -> isize {
    isize::try_from(state.page_rows.max(1)).unwrap_or(1)
}

fn back(state: &mut AppState) {
    state.screen = Screen::Wallboard;
}

fn move_by(state: &mut AppState, delta: isize) {
    if let Screen::Alerts { selected } = state.screen {
        let last = view::alert_rows(state).len().saturating_sub(1);
        state.screen = Screen::Alerts {
            selected: selected.saturating_add_signed(delta).min(last),
        };
        return;
    }
    match &mut state.screen {
        Screen::Alerts { .. } => {}
        Screen::QueueDetail { scroll, .. } => {
            *scroll = scroll.saturating_add_signed(delta).min(10_000);
        }
        Screen::Wallboard => {
            let rows = view::wallboard_rows(state);
            let Some(current) = view::selected_index(&rows, state) else {
                return;
            };
            let last = rows.len() - 1;
            let target = current.saturating_add_signed(delta).min(last);
            let id = rows[target].queue.observation.id.clone();
            drop(rows);
            state.selected = Some(id);
        }
    }
}

fn open_selected(state: &mut AppState) {
    let rows = view::wallboard_rows(state);
    let Some(index) = view::selected_index(&rows, state) else {
        return;
    };
    let queue = rows[index].queue.observation.id.clone();
    drop(rows);
    state.selected = Some(queue.clone());
    state.screen = Screen::QueueDetail { queue, scroll: 0 };
}

fn edit_filter(state: &mut AppState, key: Key) -> Outcome {
    match key {
        Key::Enter | Key::Esc => state.filter_editing = false,
        Key::Backspace => {
            state.filter.pop();
        }
        Key::Ctrl('u') => state.filter.clear(),
        Key::Ctrl('c') => {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        Key::Char(c) if !c.is_control() && state.filter.chars().count() < 64 => {
            state.filter.push(c)
        }
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}

/// The firing alert under the cursor in the alerts view.
fn selected_alert(state: &AppState) -> Option<crate::engine::rules::AlertId> {
    let Screen::Alerts { selected } = state.screen else {
        return None;
    };
    view::alert_rows(state).get(selected)?.actionable()
}

fn acknowledge_selected(state: &mut AppState) {
    if let Some(alert) = selected_alert(state) {
        let (who, now) = (state.operator.clone(), state.wall_now);
        state.rules.book_mut().acknowledge(alert, &who, now);
    }
}

/// Typing a snooze reason: Enter snoozes (a reason is required), Esc gives up.
fn edit_prompt(state: &mut AppState, key: Key) -> Outcome {
    let Some(Prompt::SnoozeReason { alert, text }) = &mut state.prompt else {
        return Outcome::unchanged();
    };
    match key {
        Key::Esc => state.prompt = None,
        Key::Enter if !text.trim().is_empty() => {
            let (alert, reason) = (*alert, text.clone());
            let (who, now) = (state.operator.clone(), state.wall_now);
            state
                .rules
                .book_mut()
                .snooze(alert, &who, now, SNOOZE_FOR, &reason);
            state.prompt = None;
        }
        Key::Backspace => {
            text.pop();
        }
        Key::Ctrl('u') => text.clear(),
        Key::Ctrl('c') => {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        Key::Char(c) if !c.is_control() && text.chars().count() < 200 => text.push(c),
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}
