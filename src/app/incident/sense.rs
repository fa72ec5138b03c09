//! Closed-loop sensing: every open incident's sensed steps look at the
//! floor, and live figures go to the incident's record of what it did.

use super::{hold, persist::persist_new};
use crate::app::Effect;
use crate::app::state::{AppState, Unasked};
use crate::engine::checklist::Impact;

/// Lets every open incident's sensed steps look at the floor as it is now.
pub fn sense_all(state: &mut AppState) -> Vec<Effect> {
    let fresh = state.floor.is_live(state.wall_now);
    let now = state.wall_now;
    let mut effects = Vec::new();
    for local in 0..state.incidents.len() {
        let queue = state.incidents[local]
            .trigger
            .as_ref()
            .and_then(|t| t.queue.clone());
        let floor = &state.floor;
        state.incidents[local].run.sense(now, fresh, |condition| {
            condition.value_now(floor, queue.as_ref())
        });
        // Only live figures show what the incident did to the floor.
        if fresh && let Some(figures) = Impact::now(floor, queue.as_ref(), now) {
            state.incidents[local].run.observe(figures);
        }
        let cursor_before = state.view.screen.clone();
        effects.extend(persist_new(state, local));
        // The cursor moved on from a step the sensor closed: the key the
        // operator meant for that step must not land on the next one.
        if state.view.screen != cursor_before {
            hold::start(state, local, Unasked::CursorMoved);
        }
    }
    effects
}
