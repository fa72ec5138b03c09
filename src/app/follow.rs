//! A view catching up with the shared floor. Several consoles look at one
//! set of incidents: what a rule, a sensor or another console did since a
//! view last looked reaches it here, the way its own actions reach it in
//! `update` — a new incident comes on screen (or waits its turn, said in
//! the notice line), a step closed under its cursor moves the cursor on and
//! holds its keys, and a copy or note it made is confirmed once on disk.

use super::incident::{self, hold};
use super::record;
use super::state::{AppState, Screen, Seen, Unasked};
use super::view;
use crate::engine::checklist::{ActionKind, StepState};

/// Brings the view in `state` up to date with the shared state, and does
/// what every update ends with: notices that no longer hold go, the
/// wallboard's order is refreshed, the alerts cursor stays on its alert.
/// Says whether what the view shows changed: its screen or its notice.
pub fn follow(state: &mut AppState, alert_cursor: AlertCursor) -> bool {
    let (screen_before, notice_before) = (state.view.screen.clone(), state.view.notice.clone());
    let opened_elsewhere = state.view.seen.incidents..state.incidents.len();
    state.view.seen.incidents = state.incidents.len();
    for local in opened_elsewhere {
        if state.incidents[local].is_open() {
            incident::open::bring_on_screen(state, local, false);
        }
    }
    move_past_steps_done_elsewhere(state);
    state.view.seen = Seen::all_of(&state.incidents);
    if let Some(c) = &state.view.confirming {
        let local = c.local;
        if let Some(seq) = state.incidents.get(local).map(|i| i.saved_seq) {
            record::confirmed(state, local, seq);
        }
    }
    super::notice::drop_untrue(state);
    view::refresh_order(state);
    view::keep_alert_cursor(state, alert_cursor);
    hold::forget_if_left(state);
    state.view.rest_pane_if_moved(&screen_before);
    state.view.screen != screen_before || state.view.notice != notice_before
}

/// The alert under the alerts view's cursor, taken before anything changes.
pub type AlertCursor = Option<(usize, Option<crate::engine::rules::AlertId>)>;

/// The step under this view's cursor was done, overridden or answered by
/// someone else: the cursor goes on to the step now current, and the key
/// this operator meant for the old step waits (it must not land on the next).
fn move_past_steps_done_elsewhere(state: &mut AppState) {
    let Screen::Checklist {
        incident: local,
        selected,
    } = state.view.screen
    else {
        return;
    };
    let Some(incident) = state.incidents.get(local) else {
        return;
    };
    let seen = state.view.seen.actions.get(local).copied().unwrap_or(0);
    let acted = incident.run.actions().iter().skip(seen).any(|a| {
        !matches!(
            a.kind,
            ActionKind::Copied { .. } | ActionKind::Figures { .. }
        )
    });
    if !acted || incident.run.states().get(selected) == Some(&StepState::Open) {
        return;
    }
    let Some(current) = incident.run.current() else {
        return;
    };
    state.view.screen = Screen::Checklist {
        incident: local,
        selected: current,
    };
    hold::start(state, local, Unasked::CursorMoved);
}
