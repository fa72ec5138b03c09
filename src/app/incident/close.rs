//! `:close OUTCOME`: the incident on screen (or the newest open one) closed
//! with its outcome; against the figures only when confirmed with a reason.

use super::Incident;
use super::persist::persist_new;
use super::recovery;
use super::refused::say_refused;
use crate::app::Effect;
use crate::app::state::{AgainstFigures, AppState, Screen};

pub(super) fn close(state: &mut AppState, outcome: &str) -> Vec<Effect> {
    let shown = match state.view.screen {
        Screen::Checklist { incident, .. } => Some(incident),
        _ => None,
    };
    let Some(local) = shown
        .filter(|i| state.incidents.get(*i).is_some_and(Incident::is_open))
        .or_else(|| state.incidents.iter().rposition(Incident::is_open))
    else {
        state.view.notice = Some(state.texts.incidents.nothing_to_close.into());
        return Vec::new();
    };
    let act = AgainstFigures::Close {
        outcome: outcome.trim().to_owned(),
    };
    if recovery::ask_if_against(state, local, act) {
        return Vec::new();
    }
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state.incidents[local].run.close(&who, now, outcome) {
        Ok(()) => persist_new(state, local),
        Err(e) => {
            say_refused(state, local, &e);
            Vec::new()
        }
    }
}
