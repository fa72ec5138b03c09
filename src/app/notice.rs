//! The notice line: how long a notice stays. Most say what just happened
//! and go at the operator's next key; one tied to a condition ("checklist
//! queued") stays while it is true and goes the moment it is not, whatever
//! the operator presses meanwhile.

use super::state::{AppState, NoticeLasts, Screen};

/// Says `text` for as long as incident `local` is open and not looked at.
pub fn while_unseen(state: &mut AppState, text: String, local: usize) {
    state.view.notice_lasts = Some((text.clone(), NoticeLasts::WhileUnseen { local }));
    state.view.notice = Some(text);
}

/// A key was pressed: a notice of what just happened has been read.
pub fn key_pressed(state: &mut AppState) {
    if condition(state).is_none() {
        state.view.notice = None;
        state.view.notice_lasts = None;
    }
}

/// After every update: a notice whose condition no longer holds goes.
pub fn drop_untrue(state: &mut AppState) {
    let Some(lasts) = condition(state) else {
        // Its condition belonged to a notice since replaced.
        state.view.notice_lasts = None;
        return;
    };
    let holds = match lasts {
        NoticeLasts::WhileUnseen { local } => {
            let open = state.incidents.get(local).is_some_and(|i| i.is_open());
            let seen = matches!(state.view.screen, Screen::Checklist { incident, .. } if incident == local);
            open && !seen
        }
    };
    if !holds {
        state.view.notice = None;
        state.view.notice_lasts = None;
    }
}

/// The condition of the notice on screen, if it has one.
fn condition(state: &AppState) -> Option<NoticeLasts> {
    let (text, lasts) = state.view.notice_lasts.as_ref()?;
    (state.view.notice.as_ref() == Some(text)).then(|| lasts.clone())
}
