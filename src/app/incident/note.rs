//! `n`: a note on the incident's record.

use super::persist::persist_new;
use super::refused::say_refused;
use crate::app::Effect;
use crate::app::record;
use crate::app::state::AppState;

/// `n`: a note on the record, confirmed on screen once it is on disk.
pub fn note(state: &mut AppState, local: usize, text: &str) -> Vec<Effect> {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state
        .incidents
        .get_mut(local)
        .map(|i| i.run.note(&who, now, text))
    {
        Some(Ok(())) => {
            let r = &state.texts.record;
            let (pending, saved) = (r.note_pending.to_owned(), r.note_saved.to_owned());
            record::confirm(state, local, pending, saved);
            persist_new(state, local)
        }
        Some(Err(e)) => {
            say_refused(state, local, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}
