//! `update`: the one place the console's state changes.

use std::collections::HashSet;

use super::keymap::{self, Action, Key};
use super::state::{AppState, Screen};
use super::view::{self, context};
use super::{Effect, Msg};
use crate::engine::{QueueStatus, Window};
use crate::model::{QueueId, Timestamp};

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
            let critical_before = critical_queues(state);
            state.floor.observe(snapshot, at);
            state.wall_now = state.wall_now.max(at);
            let newly_critical = critical_queues(state).difference(&critical_before).count() > 0;
            let mut outcome = Outcome::redraw();
            if newly_critical && state.bell_on_critical {
                outcome.effects.push(Effect::RingBell);
            }
            outcome
        }
        Msg::PollFailed { at, failure } => {
            state.floor.observe_failure(at, failure);
            Outcome::redraw()
        }
        Msg::Ticked(now) => on_tick(state, now),
        Msg::Resized => Outcome::redraw(),
    }
}

fn on_tick(state: &mut AppState, now: Timestamp) -> Outcome {
    let shown_before = state.wall_now.local_hms(state.utc_offset_s);
    let health_before = state.floor.health(state.wall_now);
    state.wall_now = now;
    let changed = shown_before != now.local_hms(state.utc_offset_s)
        || health_before != state.floor.health(now);
    if changed {
        Outcome::redraw()
    } else {
        Outcome::unchanged()
    }
}

fn on_key(state: &mut AppState, key: Key) -> Outcome {
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
    match &mut state.screen {
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

fn critical_queues(state: &AppState) -> HashSet<QueueId> {
    state
        .floor
        .queues()
        .filter(|q| q.status().0 == QueueStatus::Critical)
        .map(|q| q.observation.id.clone())
        .collect()
}
