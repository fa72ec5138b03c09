//! Why an action on a step is refused, said on the notice line in floor words.

use crate::app::record;
use crate::app::state::AppState;
use crate::engine::checklist::{RunError, StepState};

/// Why an action on step `step` would be refused now, in words: it is not
/// open, or an earlier step must be dealt with first.
pub(super) fn refusal(state: &AppState, local: usize, step: usize) -> Option<String> {
    let run = &state.incidents.get(local)?.run;
    if run.is_closed() {
        return Some(record::refused(state.texts, run, &RunError::Closed));
    }
    let id = &run.checklist().steps.get(step)?.id;
    if run.states().get(step) != Some(&StepState::Open) {
        return Some(record::refused(
            state.texts,
            run,
            &RunError::NotOpen(id.clone()),
        ));
    }
    let earlier = run.blocked_by(step)?;
    let id = run.checklist().steps[earlier].id.clone();
    Some(record::refused(
        state.texts,
        run,
        &RunError::EarlierStepOpen(id),
    ))
}

/// A refused action, said on the notice line with its steps by title.
pub(super) fn say_refused(state: &mut AppState, local: usize, error: &RunError) {
    if let Some(incident) = state.incidents.get(local) {
        state.view.notice = Some(record::refused(state.texts, &incident.run, error));
    }
}
