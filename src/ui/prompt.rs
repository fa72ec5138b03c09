//! The prompt line a view keeps while the operator types an answer, a reason or a note, or
//! while a checklist that came by itself holds its keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::fmt;
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;

/// The line a view shows while the operator types an answer, a reason or a
/// note (a `:` command is typed in the footer instead).
fn prompt_text(state: &AppState) -> Option<String> {
    use crate::app::Prompt;
    let t = &state.texts.checklist;
    let Some(prompt) = state.view.prompt.as_ref() else {
        // A checklist that came by itself says why its keys wait.
        return crate::app::incident::hold::hint(state).map(str::to_owned);
    };
    match prompt {
        Prompt::SnoozeReason { text, .. } => {
            let how_long = fmt::humanize(state.texts, crate::app::SNOOZE_FOR.as_secs_f64());
            Some(fill(
                state.texts.alerts.snooze_prompt,
                &[&how_long, &fmt::clean(text)],
            ))
        }
        Prompt::OverrideReason {
            text,
            step: Some(_),
            ..
        } => Some(fill(t.override_prompt, &[&fmt::clean(text)])),
        Prompt::OverrideReason {
            text, step: None, ..
        } => Some(fill(t.override_all_prompt, &[&fmt::clean(text)])),
        Prompt::ConfirmOverride { incident, step } => {
            let run = &state.incidents.get(*incident)?.run;
            Some(match step {
                Some(step) => {
                    let title = run.checklist().steps.get(*step).map_or("", |s| &s.title);
                    fill(
                        t.confirm_override,
                        &[&(step + 1).to_string(), &fmt::clean(title)],
                    )
                }
                None => {
                    let open = match run.outcome() {
                        crate::engine::checklist::Outcome::InProgress { open } => open,
                        _ => 0,
                    };
                    fill(t.confirm_override_all, &[&open.to_string()])
                }
            })
        }
        Prompt::Note { text, .. } => Some(fill(t.note_prompt, &[&fmt::clean(text)])),
        Prompt::Answer { incident, step } => {
            let title = state
                .incidents
                .get(*incident)
                .and_then(|i| i.run.checklist().steps.get(*step))
                .map_or(String::new(), |s| fmt::clean(&s.title).into_owned());
            Some(fill(t.answer_prompt, &[&title]))
        }
        Prompt::Command { .. } => None,
        Prompt::ConfirmStep { incident, step } => {
            let title = step_title(state, *incident, *step);
            Some(fill(
                state.texts.guards.confirm_step,
                &[&(step + 1).to_string(), &title],
            ))
        }
        Prompt::ConfirmAgainstFigures { incident, act } => {
            Some(against_figures_text(state, *incident, act))
        }
        Prompt::AgainstFiguresReason { text, .. } => Some(fill(
            state.texts.guards.against_reason_prompt,
            &[&fmt::clean(text)],
        )),
    }
}

fn step_title(state: &AppState, incident: usize, step: usize) -> String {
    state
        .incidents
        .get(incident)
        .and_then(|i| i.run.checklist().steps.get(step))
        .map_or(String::new(), |s| fmt::clean(&s.title).into_owned())
}

/// The warning before a close or an all clear the figures do not bear out.
fn against_figures_text(
    state: &AppState,
    incident: usize,
    act: &crate::app::AgainstFigures,
) -> String {
    use crate::app::AgainstFigures;
    use crate::app::incident::recovery;
    let g = &state.texts.guards;
    let (template, before) = match act {
        AgainstFigures::Close { .. } => (g.confirm_close_against, None),
        AgainstFigures::Tick { step } => (g.confirm_tick_against, Some(*step)),
    };
    let unmet = recovery::unmet_recovery(state, incident, before);
    let (title, figure) = unmet.map_or_else(Default::default, |unmet| {
        (
            step_title(state, incident, unmet),
            recovery::figure_now(state, incident, unmet),
        )
    });
    fill(template, &[&title, &figure])
}

/// Rows a view keeps for the prompt line.
pub(super) fn height(state: &AppState) -> u16 {
    u16::from(prompt_text(state).is_some())
}

pub(super) fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    if let Some(text) = prompt_text(state) {
        let line = Span::styled(
            fmt::pad(&format!(" {text}"), usize::from(area.width)),
            theme.style(Role::Selected),
        );
        frame.render_widget(Paragraph::new(line), area);
    }
}
