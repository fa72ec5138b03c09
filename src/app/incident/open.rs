//! Opening an incident: by a firing alert (unless one of its plan is still
//! worked, or a running plan inhibits it), or by hand; and bringing it on
//! screen without taking the screen from someone typing.

use super::queue;
use super::{Incident, Trigger, hold};
use crate::app::Effect;
use crate::app::state::{AppState, Unasked};
use crate::app::text::fill;
use crate::engine::checklist::Run;
use crate::engine::rules::Alert;

/// Opens the checklist a firing alert names, unless an incident of it is
/// still being worked (one that is complete or overridden does not count: a
/// new episode queues the plan again), or a running plan inhibits it.
pub fn open_for_alert(state: &mut AppState, alert: &Alert, description: String) -> Vec<Effect> {
    // During a drill, the first alert its situation trips opens the drilled
    // plan: once per drill, whatever earlier drills opened.
    let drilled = state
        .drill
        .as_ref()
        .filter(|d| {
            !state.incidents.iter().any(|i| {
                i.drill && i.run.checklist().id == d.checklist && i.run.started_at() >= d.started_at
            })
        })
        .map(|d| d.checklist.clone());
    let Some(checklist) = drilled.or_else(|| alert.rule.checklist.clone()) else {
        return Vec::new();
    };
    // A drill rehearses beside real incidents: each counts only its own kind.
    let drill = state.drill.is_some();
    let already_queued = state
        .incidents
        .iter()
        .any(|i| i.is_queued() && i.drill == drill && i.run.checklist().id == checklist);
    if already_queued {
        return Vec::new();
    }
    if let Some(inhibitor) = queue::inhibitor_of(state, &checklist, drill) {
        let by = inhibitor.run.checklist().id.clone();
        state.view.notice = Some(fill(
            state.texts.incidents.inhibited_notice,
            &[&checklist, &by],
        ));
        let detail = fill(
            state.texts.audit.inhibited,
            &[&checklist, &description, &by],
        );
        return vec![state.saving.audit("checklist-inhibited", detail)];
    }
    let trigger = Trigger {
        rule: alert.rule.id.clone(),
        subject: alert.subject.label().to_owned(),
        description,
        value: alert.tripped_value,
        severity: alert.rule.severity,
        queue: match &alert.subject {
            crate::engine::rules::Subject::Queue { id, .. } => {
                Some(crate::model::QueueId(id.clone()))
            }
            _ => None,
        },
        metric: Some(alert.rule.metric),
    };
    let site = match &alert.subject {
        crate::engine::rules::Subject::Site(name) => Some(name.clone()),
        _ => None,
    };
    let mut effects = open(state, &checklist, Some(trigger), false);
    name_site(state, &mut effects, site);
    effects
}

/// Gives the incident just opened by `effects` its site, and the record keeper too.
pub(super) fn name_site(state: &mut AppState, effects: &mut [Effect], named: Option<String>) {
    for effect in effects.iter_mut() {
        if let Effect::OpenIncident { local, site, .. } = effect {
            if let Some(incident) = state.incidents.get_mut(*local) {
                incident.site.clone_from(&named);
            }
            site.clone_from(&named);
        }
    }
}

/// Starts an incident of `checklist` (by a rule, or declared by hand).
pub fn open(
    state: &mut AppState,
    checklist: &str,
    trigger: Option<Trigger>,
    drill: bool,
) -> Vec<Effect> {
    let Some(plan) = state.checklists.get(checklist).cloned() else {
        return Vec::new();
    };
    let local = state.incidents.len();
    // While a drill runs, what opens is part of it.
    let drill = drill || state.drill.is_some();
    // A rule that opens an incident is named as its opener, not whoever sits at the console.
    let opener = match trigger.as_ref().and_then(|t| t.metric) {
        Some(metric) => crate::app::record::opened_by_rule(state.texts, metric),
        None => state.view.operator.clone(),
    };
    let run = Run::start(plan, state.wall_now, &opener);
    let first = run.actions()[0].clone();
    state
        .incidents
        .push(Incident::new(local, run, trigger.clone(), drill));
    let mut effects = vec![Effect::OpenIncident {
        local,
        checklist: checklist.to_owned(),
        trigger,
        drill,
        first,
        site: None,
    }];
    effects.extend(queue::close_inhibited(state, local));
    // Declared by hand, it is on screen because this operator asked for it.
    let asked = state.incidents[local].trigger.is_none();
    bring_on_screen(state, local, asked);
    state.view.seen.incidents = state.incidents.len();
    effects
}

/// Shows a new incident if it heads the queue, but never takes the screen
/// from someone typing: they find it with `3`. One lower in the queue waits
/// its turn, said in the notice line. One the operator at this view did
/// not ask for (a rule's, or declared at another console) holds its keys.
pub(in crate::app) fn bring_on_screen(state: &mut AppState, local: usize, asked: bool) {
    let checklist = state.incidents[local].run.checklist().id.clone();
    let t = &state.texts.incidents;
    if state.view.prompt.is_some() || state.view.filter_editing {
        let text = fill(t.opened_while_typing, &[&checklist]);
        crate::app::notice::while_unseen(state, text, local);
        return;
    }
    let queue = queue::queue(state);
    let by_itself = !asked;
    match queue.iter().position(|l| *l == local) {
        Some(0) | None => {
            queue::show(state, local);
            if by_itself {
                hold::start(state, local, Unasked::Opened);
            }
        }
        Some(place) => {
            let text = fill(
                t.queued,
                &[
                    &checklist,
                    &(place + 1).to_string(),
                    &queue.len().to_string(),
                ],
            );
            crate::app::notice::while_unseen(state, text, local);
        }
    }
}
