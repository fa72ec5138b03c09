//! What of an incident goes to the store, and what the store said it has.

use crate::app::Effect;
use crate::app::record;
use crate::app::state::{AppState, Screen};
use crate::engine::checklist::{ActionKind, StepState};

/// Hands the store every action of `local` it has not seen yet, and moves
/// the cursor on to the step now current (one current item at a time).
pub fn persist_new(state: &mut AppState, local: usize) -> Vec<Effect> {
    let Some(incident) = state.incidents.get_mut(local) else {
        return Vec::new();
    };
    // A copy or a reading of the figures leaves the steps as they were.
    let acted = incident.run.actions()[incident.sent..].iter().any(|a| {
        !matches!(
            a.kind,
            ActionKind::Copied { .. } | ActionKind::Figures { .. }
        )
    });
    if let Screen::Checklist {
        incident: shown,
        selected,
    } = &mut state.view.screen
        && *shown == local
        && acted
        && incident.run.states().get(*selected) != Some(&StepState::Open)
        && let Some(current) = incident.run.current()
    {
        *selected = current;
    }
    let fresh: Vec<Effect> = incident.run.actions()[incident.sent..]
        .iter()
        .map(|action| Effect::Persist {
            local,
            action: action.clone(),
        })
        .collect();
    incident.sent = incident.run.actions().len();
    fresh
}

/// The store confirmed actions up to `seq`.
pub fn saved(state: &mut AppState, local: usize, seq: u32) {
    if let Some(incident) = state.incidents.get_mut(local) {
        incident.saved_seq = incident.saved_seq.max(seq);
    }
    record::confirmed(state, local, seq);
}
