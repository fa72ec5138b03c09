//! `c`: a step's message onto the operator's clipboard, and into the record.

use super::persist::persist_new;
use super::step::selected_step;
use crate::app::Effect;
use crate::app::record;
use crate::app::state::AppState;
use crate::app::text::fill;

/// `c`: the step's message onto the operator's clipboard, exactly as the
/// record keeps it with the figures it carried; the screen says how much
/// was copied, and when the record has it.
pub fn copy_message(state: &mut AppState) -> Vec<Effect> {
    let Some((local, step)) = selected_step(state) else {
        return Vec::new();
    };
    let r = &state.texts.record;
    let text = match crate::app::view::step_message(state, local, step) {
        Ok(text) if text.is_empty() => {
            state.view.notice = Some(r.nothing_to_copy.into());
            return Vec::new();
        }
        Ok(text) => text,
        Err(_) => {
            state.view.notice = Some(r.not_copied.into());
            return Vec::new();
        }
    };
    // The template comes from a checklist file: its lines are cleaned too.
    let text = crate::untrusted::clean_lines(&text);
    // A drill's message can never be mistaken for a real one.
    let text = if state.incidents[local].drill {
        format!("{}{text}", state.texts.message.drill_prefix)
    } else {
        text.into_owned()
    };
    let values = crate::app::view::step_message_values(state, local, step);
    let chars = text.chars().count().to_string();
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    let recorded = state.incidents[local]
        .run
        .copied(step, &who, now, &text, values);
    let mut effects = vec![Effect::Copy(text)];
    let r = &state.texts.record;
    match recorded {
        Ok(()) => {
            let pending = fill(r.copied_pending, &[&chars]);
            let saved = fill(r.copied_saved, &[&chars]);
            record::confirm(state, local, pending, saved);
            effects.extend(persist_new(state, local));
        }
        Err(e) => {
            let why = record::refused(state.texts, &state.incidents[local].run, &e);
            state.view.notice = Some(fill(r.copied_not_recorded, &[&why]));
        }
    }
    effects
}
