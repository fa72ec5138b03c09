//! The view: a function from (state, theme) to a frame. It never changes state
//! and never fails; everything it shows comes from `app` and `engine`.
//!
//! Layout at any size: a header line, the screen's body, a footer of keys.
//! Below [`MIN_WIDTH`]×[`MIN_HEIGHT`] it says so instead of drawing garbage.

mod alerts;
mod checklist;
mod crisis;
mod detail;
pub mod fmt;
mod footer;
mod header;
mod help;
mod reasons;
mod scroll;
mod sites;
pub mod theme;
mod wallboard;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::text::{Texts, fill};
use crate::app::{AppState, Screen};
use crate::engine::QueueStatus;
use crate::model::AgentState;
use theme::{Role, Theme};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Draws the whole console.
pub fn render(frame: &mut Frame<'_>, state: &AppState, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, state.texts, theme);
        return;
    }
    let [top, incident, body, bottom] = Layout::vertical([
        Constraint::Length(header::height(state, area.width)),
        Constraint::Length(crisis::height(state)),
        Constraint::Min(1),
        Constraint::Length(footer::height(state, area.width)),
    ])
    .areas(area);
    header::render(frame, top, state, theme);
    crisis::render(frame, incident, state, theme);
    match &state.view.screen {
        Screen::Wallboard => wallboard::render(frame, body, state, theme),
        Screen::QueueDetail { queue, scroll } => {
            detail::render(frame, body, state, theme, queue, *scroll)
        }
        Screen::Alerts { selected } => alerts::render(frame, body, state, theme, *selected),
        Screen::Checklist { incident, selected } => {
            checklist::render(frame, body, state, theme, *incident, *selected)
        }
        Screen::Reasons { queue } => reasons::render(frame, body, state, theme, queue.as_ref()),
        Screen::Sites => sites::render(frame, body, state, theme),
    }
    footer::render(frame, bottom, state, theme);
    if state.view.help_open {
        // Below the header and the crisis line: help never hides them.
        let below = top.height + incident.height;
        let help_area = Rect {
            y: area.y + below,
            height: area.height.saturating_sub(below),
            ..area
        };
        help::render(frame, help_area, state, theme);
    }
}

fn too_small(frame: &mut Frame<'_>, area: Rect, texts: &Texts, theme: &Theme) {
    let message = fill(
        texts.misc.too_small,
        &[
            &area.width.to_string(),
            &area.height.to_string(),
            &MIN_WIDTH.to_string(),
            &MIN_HEIGHT.to_string(),
        ],
    );
    let paragraph = Paragraph::new(message)
        .style(theme.style(Role::Warning))
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// The symbol, word and role of a status: never colour alone.
pub fn status_badge(status: QueueStatus, texts: &Texts) -> (&'static str, &'static str, Role) {
    match status {
        QueueStatus::Ok => ("✓", texts.status.ok, status_role(status)),
        QueueStatus::Warning => ("▲", texts.status.warning, status_role(status)),
        QueueStatus::Critical => ("✖", texts.status.critical, status_role(status)),
        QueueStatus::Idle => ("·", texts.status.idle, status_role(status)),
        QueueStatus::Few => ("·", texts.status.few, status_role(status)),
        QueueStatus::Stale => ("?", texts.status.stale, status_role(status)),
    }
}

/// The theme role a status is drawn in.
pub fn status_role(status: QueueStatus) -> Role {
    match status {
        QueueStatus::Ok => Role::Ok,
        QueueStatus::Warning => Role::Warning,
        QueueStatus::Critical => Role::Critical,
        QueueStatus::Idle | QueueStatus::Few => Role::Idle,
        QueueStatus::Stale => Role::Stale,
    }
}

/// `✖ CRIT` as one styled span of exactly `width` columns.
pub fn status_span(
    status: QueueStatus,
    texts: &Texts,
    theme: &Theme,
    width: usize,
) -> Span<'static> {
    let (symbol, word, role) = status_badge(status, texts);
    Span::styled(
        fmt::pad(&format!("{symbol} {word}"), width),
        theme.style(role),
    )
}

/// The symbol, word and role of an agent state.
pub fn agent_badge(state: AgentState, texts: &Texts) -> (&'static str, &'static str, Role) {
    let t = &texts.agent_states;
    match state {
        AgentState::Available => ("●", t.available, Role::AgentAvailable),
        // Engaged by a contact like a call, told apart by its symbol and word.
        AgentState::Ringing => ("◔", t.ringing, Role::AgentOnCall),
        AgentState::OnCall => ("◐", t.on_call, Role::AgentOnCall),
        AgentState::WrapUp => ("◑", t.wrap_up, Role::AgentWrapUp),
        AgentState::NotReady => ("○", t.not_ready, Role::AgentNotReady),
        AgentState::Offline => ("✕", t.offline, Role::AgentOffline),
    }
}

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
            let how_long = alerts::humanize(state.texts, crate::app::SNOOZE_FOR.as_secs_f64());
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
fn prompt_height(state: &AppState) -> u16 {
    u16::from(prompt_text(state).is_some())
}

fn render_prompt(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    if let Some(text) = prompt_text(state) {
        let line = Span::styled(
            fmt::pad(&format!(" {text}"), usize::from(area.width)),
            theme.style(Role::Selected),
        );
        frame.render_widget(Paragraph::new(line), area);
    }
}
