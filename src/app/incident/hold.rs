//! No accidental ticks. A checklist that comes on screen by itself (a rule
//! opened it) or whose cursor moves by itself (a sensed step closed under it)
//! was never seen by the person whose fingers are on the keys: the Enter they
//! meant for the wallboard must not mark its first step done. So its acting
//! keys wait until the keys pause, and then the first press only arms the
//! step under the cursor; the same key again marks it done.

use std::time::Duration;

use super::step::{act_on_step, selected_step, would_act};
use crate::app::keymap::Action;
use crate::app::state::{AppState, Hold, Prompt, Screen, Unasked};
use crate::model::Timestamp;

/// How long the keys must rest before a checklist that appeared by itself
/// takes a press: longer than the gap between keys of someone typing or
/// tapping Enter, short enough not to slow a person who has read it.
pub const SETTLE_FOR: Duration = Duration::from_millis(1500);

/// Incident `local` came on screen, or its cursor moved, without the operator.
pub fn start(state: &mut AppState, local: usize, why: Unasked) {
    // The keys went quiet no earlier than the last one read: the poll that
    // opened this may be stamped before keys that were handled first.
    let quiet_since = state
        .view
        .last_key_at
        .map_or(state.wall_now, |key| key.max(state.wall_now));
    state.view.hold = Some(Hold {
        incident: local,
        why,
        quiet_since,
    });
}

/// The line under a held checklist, saying why its keys wait.
pub fn hint(state: &AppState) -> Option<&'static str> {
    let g = &state.texts.guards;
    is_holding(state).then(|| match state.view.hold.as_ref().map(|h| h.why) {
        Some(Unasked::CursorMoved) => g.held_moved,
        _ => g.held,
    })
}

/// Whether the keys still wait on the checklist on screen.
pub fn is_holding(state: &AppState) -> bool {
    let on_screen = matches!(
        (&state.view.hold, &state.view.screen),
        (Some(hold), Screen::Checklist { incident, .. }) if hold.incident == *incident
    );
    // A closed checklist takes no step: there is nothing left to hold.
    on_screen
        && state
            .view
            .hold
            .as_ref()
            .and_then(|hold| state.incidents.get(hold.incident))
            .is_some_and(|incident| incident.is_open())
}

/// The hold ends once its checklist leaves the screen (coming back to it
/// with `3`, `]` is the operator's own doing) or is closed.
pub fn forget_if_left(state: &mut AppState) {
    if state.view.hold.is_some() && !is_holding(state) {
        state.view.hold = None;
    }
}

/// Looks at a key pressed at `at` before it acts. Returns true when the key
/// is held back: an acting key before the keys have paused (the pause starts
/// again), or the first Enter/Space after it, which only arms the step.
pub fn holds_back(state: &mut AppState, action: Option<Action>, at: Timestamp) -> bool {
    if !is_holding(state) {
        return false;
    }
    let Some(hold) = state.view.hold.as_mut() else {
        return false;
    };
    let settled = at.saturating_since(hold.quiet_since) >= SETTLE_FOR;
    if !settled {
        // Someone still typing: every key, acting or not, restarts the pause.
        hold.quiet_since = hold.quiet_since.max(at);
        return action.is_some_and(changes_the_record);
    }
    if action != Some(Action::CompleteStep) {
        return false;
    }
    let Some((incident, step)) = selected_step(state) else {
        return false;
    };
    // A press that would be refused anyway says why at once.
    if !would_act(state, incident, step) {
        return false;
    }
    state.view.prompt = Some(Prompt::ConfirmStep { incident, step });
    true
}

/// The second press: the same key marks the armed step done; any other key
/// marks nothing and the checklist stays held.
pub fn confirm(
    state: &mut AppState,
    confirmed: bool,
    incident: usize,
    step: usize,
) -> Vec<crate::app::Effect> {
    state.view.prompt = None;
    if !confirmed {
        state.view.notice = Some(state.texts.guards.not_marked.into());
        return Vec::new();
    }
    state.view.hold = None;
    state.view.screen = Screen::Checklist {
        incident,
        selected: step,
    };
    act_on_step(state)
}

/// Keys that write to the incident's record (or open a line that does).
fn changes_the_record(action: Action) -> bool {
    matches!(
        action,
        Action::CompleteStep
            | Action::OverrideStep
            | Action::OverrideChecklist
            | Action::Undo
            | Action::AddNote
    )
}
