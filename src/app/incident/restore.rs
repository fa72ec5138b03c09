//! Carrying on where the last run stopped: the incidents it left open,
//! replayed from the store, handed in by the command line as it starts.

use super::{Incident, queue};
use crate::app::RestoredIncident;
use crate::app::state::{AppState, Seen};
use crate::app::text::fill;

/// Carries on where the last run stopped: the incidents it left open, the
/// top of the queue on screen. Carried over, not news: nothing restored
/// comes on screen by itself. A record that would not replay is named.
pub fn restore(state: &mut AppState, restored: Vec<RestoredIncident>, broken: &[u64]) {
    for r in restored {
        let local = state.incidents.len();
        let mut incident = Incident::restored(local, r.run, r.trigger, r.drill);
        incident.site = r.site;
        state.incidents.push(incident);
    }
    if let Some(&top) = queue::queue(state).first() {
        queue::show(state, top);
    }
    state.view.seen = Seen::all_of(&state.incidents);
    if !broken.is_empty() {
        let ids: Vec<String> = broken.iter().map(u64::to_string).collect();
        state.view.notice = Some(fill(state.texts.incidents.not_restored, &[&ids.join(", ")]));
    }
}
