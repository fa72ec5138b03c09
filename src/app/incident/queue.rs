//! Which incident comes first, and which plans make others redundant (a
//! running plan inhibits those it covers). Several checklists can be open at once; the operator works the
//! queue from the top: the most severe first, then the oldest.

use super::Incident;
use super::persist::persist_new;
use crate::app::Effect;
use crate::app::state::AppState;
use crate::app::text::fill;
use crate::engine::rules::Severity;

/// Who closes an incident that another plan inhibits.
pub const CONSOLE: &str = "floorwatch";

/// How urgent an incident is: its rule's severity, or declared by hand
/// (the lowest, as in the ECL: red > amber > advisory > manual).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Manual,
    Advisory,
    Warning,
    Critical,
}

impl From<Severity> for Priority {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Advisory => Priority::Advisory,
            Severity::Warning => Priority::Warning,
            Severity::Critical => Priority::Critical,
        }
    }
}

impl Incident {
    pub fn priority(&self) -> Priority {
        self.trigger
            .as_ref()
            .map_or(Priority::Manual, |t| t.severity.into())
    }

    /// Open with steps still to do: it waits in the queue.
    pub fn is_queued(&self) -> bool {
        self.is_open() && !self.run.outcome().is_finished()
    }
}

/// The incidents still to work, most severe first, then oldest first.
pub fn queue(state: &AppState) -> Vec<usize> {
    let mut queued: Vec<&Incident> = state.incidents.iter().filter(|i| i.is_queued()).collect();
    queued.sort_by(|a, b| {
        b.priority()
            .cmp(&a.priority())
            .then(a.run.started_at().cmp(&b.run.started_at()))
            .then(a.local.cmp(&b.local))
    });
    queued.iter().map(|i| i.local).collect()
}

/// The open incident whose plan inhibits `checklist`. Drills and real
/// incidents never inhibit each other.
pub fn inhibitor_of<'a>(state: &'a AppState, checklist: &str, drill: bool) -> Option<&'a Incident> {
    state.incidents.iter().find(|i| {
        i.is_open() && i.drill == drill && i.run.checklist().inhibits.iter().any(|c| c == checklist)
    })
}

/// Closes the incidents that rules opened and that `local`'s plan makes
/// redundant, each with the reason on its record. What a person declared
/// stays open: a machine does not overrule them. Neither does a plan that
/// inhibits `local`'s in turn: of two such plans the first one stays.
pub fn close_inhibited(state: &mut AppState, local: usize) -> Vec<Effect> {
    let Some(inhibitor) = state.incidents.get(local) else {
        return Vec::new();
    };
    let plan = inhibitor.run.checklist();
    let outcome = fill(
        state.texts.incidents.inhibited_outcome,
        &[&plan.id, &plan.title],
    );
    let victims: Vec<usize> = state
        .incidents
        .iter()
        .filter(|i| i.local != local && i.is_open() && i.drill == inhibitor.drill)
        .filter(|i| i.trigger.is_some() && plan.inhibits.contains(&i.run.checklist().id))
        // Plans that inhibit each other: the first one is the incident, so a
        // later one (declared by hand, as a rule would not open it) closes nothing.
        .filter(|i| !i.run.checklist().inhibits.contains(&plan.id))
        .map(|i| i.local)
        .collect();
    let now = state.wall_now;
    let mut effects = Vec::new();
    for victim in victims {
        if state.incidents[victim]
            .run
            .close(CONSOLE, now, &outcome)
            .is_ok()
        {
            effects.extend(persist_new(state, victim));
        }
    }
    effects
}

/// `]` and `[` on the checklist view: the next or previous incident in the queue.
pub fn step_through(state: &mut AppState, forward: bool) {
    let crate::app::Screen::Checklist { incident, .. } = state.view.screen else {
        return;
    };
    let queue = queue(state);
    if queue.is_empty() {
        state.view.notice = Some(state.texts.incidents.queue_empty.into());
        return;
    }
    let next = match queue.iter().position(|l| *l == incident) {
        Some(at) if forward => queue[(at + 1) % queue.len()],
        Some(at) => queue[(at + queue.len() - 1) % queue.len()],
        None => queue[0],
    };
    show(state, next);
}

/// Puts incident `local` on screen with the cursor on its current item.
pub fn show(state: &mut AppState, local: usize) {
    let selected = state
        .incidents
        .get(local)
        .and_then(|i| i.run.current())
        .unwrap_or(0);
    state.view.screen = crate::app::Screen::Checklist {
        incident: local,
        selected,
    };
}
