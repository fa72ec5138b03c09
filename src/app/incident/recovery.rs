//! Closing means recovered. A plan ends with a sensed recovery step ("floor
//! service level back above 75 % for 5 minutes") and then the all clear. To
//! close the incident, or send the all clear, while that step is still open
//! is to go against the figures: a person may (they know things the figures
//! do not), but only as an override is made — asked twice, with a reason —
//! and the record says so, with the figure as it stood.

use super::persist::persist_new;
use super::refused::say_refused;
use crate::app::Effect;
use crate::app::state::{AgainstFigures, AppState, Prompt, Screen};
use crate::app::text::fill;
use crate::engine::checklist::{StepKind, StepState};
use crate::engine::rules::Metric;

/// The first sensed step of `local` still open, among those before `before`
/// (all of them when `None`): a recovery the figures have not shown yet.
pub fn unmet_recovery(state: &AppState, local: usize, before: Option<usize>) -> Option<usize> {
    let run = &state.incidents.get(local)?.run;
    let end = before.unwrap_or(run.states().len());
    (0..end.min(run.states().len())).find(|i| {
        run.states()[*i] == StepState::Open
            && matches!(run.checklist().steps[*i].kind, StepKind::Sensed(_))
    })
}

/// Asks to confirm `act` when the figures do not bear it out; true when
/// asked (nothing is done until the operator confirms and says why).
pub fn ask_if_against(state: &mut AppState, local: usize, act: AgainstFigures) -> bool {
    let before = match &act {
        AgainstFigures::Close { .. } => None,
        AgainstFigures::Tick { step } => Some(*step),
    };
    if unmet_recovery(state, local, before).is_none() {
        return false;
    }
    state.view.prompt = Some(Prompt::ConfirmAgainstFigures {
        incident: local,
        act,
    });
    // The warning is drawn under the checklist it is about (`:close` can be
    // typed on any view): show that one.
    if !matches!(state.view.screen, Screen::Checklist { incident, .. } if incident == local) {
        super::queue::show(state, local);
    }
    true
}

/// The sensed step's figure as it stands: "now 5.0%", or that there is no live value.
pub fn figure_now(state: &AppState, local: usize, step: usize) -> String {
    let g = &state.texts.guards;
    let Some(incident) = state.incidents.get(local) else {
        return g.no_live_value.into();
    };
    let StepKind::Sensed(condition) = &incident.run.checklist().steps[step].kind else {
        return g.no_live_value.into();
    };
    let queue = incident.trigger.as_ref().and_then(|t| t.queue.as_ref());
    let live = state.floor.is_live(state.wall_now);
    let value = live
        .then(|| condition.value_now(&state.floor, queue))
        .flatten();
    let Some(value) = value else {
        return g.no_live_value.into();
    };
    let shown = match condition.metric {
        Metric::PlatformUnreachable | Metric::PlatformGarbage if value > 0.5 => {
            g.platform_down.to_string()
        }
        Metric::PlatformUnreachable | Metric::PlatformGarbage => g.platform_up.to_string(),
        // One decimal: a figure just under the line (74.6%) must not read as the line (75%).
        metric if metric.is_share() => format!("{:.1}%", value * 100.0),
        Metric::LongestWait | Metric::Asa => format!("{value:.0} s"),
        _ => format!("{value:.0}"),
    };
    fill(g.now, &[&shown])
}

/// What the record says went against the figures: the step not met, its
/// figure, and the operator's reason.
fn against_words(state: &AppState, local: usize, unmet: usize, reason: &str) -> String {
    let title = state.incidents[local].run.checklist().steps[unmet]
        .title
        .clone();
    fill(
        state.texts.guards.against_record,
        &[&title, &figure_now(state, local, unmet), reason.trim()],
    )
}

/// Carries out `act`, confirmed, with the operator's reason on the record.
/// A close keeps its outcome and says it was against the figures; a tick
/// first overrides each recovery step still open before it, with the
/// figure and the reason, then marks the step done.
pub fn go_against(
    state: &mut AppState,
    local: usize,
    act: &AgainstFigures,
    reason: &str,
) -> Vec<Effect> {
    if state.incidents.get(local).is_none() {
        return Vec::new();
    }
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    let result = match act {
        AgainstFigures::Close { outcome } => {
            let words = unmet_recovery(state, local, None)
                .map(|unmet| against_words(state, local, unmet, reason));
            let outcome = match words {
                Some(words) => fill(state.texts.guards.closed_against, &[outcome, &words]),
                None => outcome.clone(),
            };
            state.incidents[local].run.close(&who, now, &outcome)
        }
        AgainstFigures::Tick { step } => {
            let mut result = Ok(());
            while let Some(unmet) = unmet_recovery(state, local, Some(*step)) {
                let words = against_words(state, local, unmet, reason);
                result = state.incidents[local]
                    .run
                    .override_step(unmet, &who, now, &words);
                if result.is_err() {
                    break;
                }
            }
            result.and_then(|()| state.incidents[local].run.complete(*step, &who, now))
        }
    };
    match result {
        Ok(()) => persist_new(state, local),
        Err(e) => {
            say_refused(state, local, &e);
            persist_new(state, local)
        }
    }
}
