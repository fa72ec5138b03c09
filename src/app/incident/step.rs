//! Acting on a checklist's steps: tick, answer, override (asked twice, with
//! a reason), undo. The step under the cursor is the one acted on.

use super::persist::persist_new;
use super::recovery;
use super::refused::{refusal, say_refused};
use crate::app::Effect;
use crate::app::record;
use crate::app::state::{AgainstFigures, AppState, Prompt, Screen};
use crate::engine::checklist::{RunError, StepKind};

/// Space or Enter on a step: tick it, or ask the question. A later step
/// waits for the current one (a checklist is worked in order); a sensed step
/// closes itself while live data can show it, and is ticked by hand only
/// when it cannot (a machine never marks done what it cannot see).
pub fn act_on_step(state: &mut AppState) -> Vec<Effect> {
    let Some((local, step)) = selected_step(state) else {
        return Vec::new();
    };
    if let Some(refusal) = refusal(state, local, step) {
        state.view.notice = Some(refusal);
        return Vec::new();
    }
    let kind = &state.incidents[local].run.checklist().steps[step].kind;
    if matches!(kind, StepKind::Sensed(_)) && crate::app::view::is_live(state) {
        state.view.notice = Some(state.texts.checklist.sensed_closes_itself.into());
        return Vec::new();
    }
    if matches!(kind, StepKind::Conditional { .. }) {
        state.view.prompt = Some(Prompt::Answer {
            incident: local,
            step,
        });
        return Vec::new();
    }
    if recovery::ask_if_against(state, local, AgainstFigures::Tick { step }) {
        return Vec::new();
    }
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state.incidents[local].run.complete(step, &who, now) {
        Ok(()) => persist_new(state, local),
        Err(e) => {
            say_refused(state, local, &e);
            Vec::new()
        }
    }
}

/// Whether Space or Enter on step `step` would do something, rather than
/// be refused or say that the sensor closes it.
pub fn would_act(state: &AppState, local: usize, step: usize) -> bool {
    let Some(incident) = state.incidents.get(local) else {
        return false;
    };
    let sensed_live = matches!(
        incident.run.checklist().steps.get(step).map(|s| &s.kind),
        Some(StepKind::Sensed(_))
    ) && crate::app::view::is_live(state);
    refusal(state, local, step).is_none() && !sensed_live
}

pub fn answer(state: &mut AppState, local: usize, step: usize, yes: bool) -> Vec<Effect> {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state
        .incidents
        .get_mut(local)
        .map(|i| i.run.answer(step, yes, &who, now))
    {
        Some(Ok(())) => persist_new(state, local),
        Some(Err(e)) => {
            say_refused(state, local, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// `s` (one step) or `S` (the whole checklist): the first press asks to
/// confirm, unless the override would be refused anyway.
pub fn ask_override(state: &mut AppState, whole: bool) {
    let Screen::Checklist { incident, selected } = state.view.screen else {
        return;
    };
    let Some(run) = state.incidents.get(incident).map(|i| &i.run) else {
        return;
    };
    let refused = if whole {
        (run.is_closed() || run.outcome().is_finished())
            .then(|| record::refused(state.texts, run, &RunError::NothingOpen))
    } else {
        refusal(state, incident, selected)
    };
    match refused {
        Some(why) => state.view.notice = Some(why),
        None => {
            state.view.prompt = Some(Prompt::ConfirmOverride {
                incident,
                step: (!whole).then_some(selected),
            });
        }
    }
}

/// Overrides one step, or the whole checklist (`step: None`), with a reason.
pub fn override_with_reason(
    state: &mut AppState,
    local: usize,
    step: Option<usize>,
    reason: &str,
) -> Vec<Effect> {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state.incidents.get_mut(local).map(|i| match step {
        Some(step) => i.run.override_step(step, &who, now, reason),
        None => i.run.override_all(&who, now, reason),
    }) {
        Some(Ok(())) => persist_new(state, local),
        Some(Err(e)) => {
            say_refused(state, local, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

pub fn undo(state: &mut AppState) -> Vec<Effect> {
    let Screen::Checklist { incident, .. } = state.view.screen else {
        return Vec::new();
    };
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state
        .incidents
        .get_mut(incident)
        .map(|i| i.run.undo(&who, now))
    {
        Some(Ok(_)) => persist_new(state, incident),
        Some(Err(e)) => {
            say_refused(state, incident, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// The incident and step under the cursor in the checklist view.
pub fn selected_step(state: &AppState) -> Option<(usize, usize)> {
    let Screen::Checklist { incident, selected } = state.view.screen else {
        return None;
    };
    let steps = state.incidents.get(incident)?.run.checklist().steps.len();
    (selected < steps).then_some((incident, selected))
}
