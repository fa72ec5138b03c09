//! The checklist view: one incident's plan, step by step, with who does
//! what by when; the overdue impossible to miss; the selected step's message
//! with live values. Every state has a mark, not only a colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::fmt::{self, pad};
use super::theme::{Role, Theme};
use crate::app::incident::Incident;
use crate::app::text::fill;
use crate::app::{AppState, record, view};
use crate::engine::checklist::{Completion, Outcome, StepKind, StepState};

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    local: usize,
    selected: usize,
) {
    let Some(incident) = state.incidents.get(local) else {
        return;
    };
    let [title, list, message, prompt] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(6),
        Constraint::Length(super::prompt_height(state)),
    ])
    .areas(area);
    render_title(frame, title, state, theme, incident);
    render_steps(frame, list, state, theme, incident, selected);
    if state.show_timeline {
        render_timeline(frame, message, state, theme, incident);
    } else {
        render_message(frame, message, state, theme, local, selected);
    }
    super::render_prompt(frame, prompt, state, theme);
}

fn render_title(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    incident: &Incident,
) {
    let t = &state.texts.checklist;
    let run = &incident.run;
    let checklist = run.checklist();
    let drill = if incident.drill {
        format!(" · {}", t.drill)
    } else {
        String::new()
    };
    // R6: where this incident stands among those still to work.
    let queue = crate::app::incident::queue::queue(state);
    let place = match queue.iter().position(|l| *l == incident.local) {
        Some(at) if queue.len() > 1 => format!(
            " · {}",
            fill(
                state.texts.incidents.queue_position,
                &[&(at + 1).to_string(), &queue.len().to_string()]
            )
        ),
        _ => String::new(),
    };
    // Even the incident's start is drawn unsaved until the store has it.
    let unsaved = if incident.saved_seq == 0 {
        format!(" · […] {}", pending_word(state))
    } else {
        String::new()
    };
    let drill = format!("{place}{drill}{unsaved}");
    let first = fill(
        t.title,
        &[
            &fmt::clean(&checklist.title),
            &checklist.version.to_string(),
            &fmt::clock_hm(run.started_at(), state.utc_offset_s),
            &fmt::clean(run.actions().first().map_or("", |a| a.by.as_str())),
        ],
    );
    let trigger = incident.trigger.as_ref().map_or_else(
        || t.declared.to_string(),
        |tr| fill(t.triggered_by, &[&fmt::clean(&tr.description)]),
    );
    let done = run
        .states()
        .iter()
        .filter(|s| {
            matches!(
                s,
                StepState::Done { .. } | StepState::Overridden { .. } | StepState::Answered { .. }
            )
        })
        .count();
    let applies = run
        .states()
        .iter()
        .filter(|s| !matches!(s, StepState::Inactive))
        .count();
    let progress = fill(t.progress, &[&done.to_string(), &applies.to_string()]);
    let mut lines = vec![Line::from(Span::styled(
        pad(&format!(" {first}{drill}"), usize::from(area.width)),
        theme.style(if incident.drill {
            Role::Drill
        } else {
            Role::Title
        }),
    ))];
    // R25: the next status update is always in view, and loud once late.
    let cadence = view::next_status_update(incident).map(|due| {
        let left = due.secs_since(state.wall_now);
        if left < 0.0 {
            (
                fill(t.update_overdue, &[&fmt::duration(Some(-left), "")]),
                Role::Critical,
            )
        } else {
            (
                fill(
                    t.update_due,
                    &[
                        &fmt::clock_hm(due, state.utc_offset_s),
                        &fmt::duration(Some(left), ""),
                    ],
                ),
                Role::Muted,
            )
        }
    });
    let second = match cadence {
        Some((update, role)) => (format!(" {progress} · {update} · {trigger}"), role),
        None => (format!(" {progress} · {trigger}"), Role::Muted),
    };
    lines.push(Line::from(Span::styled(
        pad(&second.0, usize::from(area.width)),
        theme.style(second.1),
    )));
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_steps(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    incident: &Incident,
    selected: usize,
) {
    let run = &incident.run;
    let width = usize::from(area.width);
    let height = usize::from(area.height).max(1);
    let steps = &run.checklist().steps;
    // The list plus its closing line (R4: the operator always sees how it ends).
    let first = selected.saturating_sub(height.saturating_sub(2));
    let mut lines: Vec<Line<'_>> = steps
        .iter()
        .enumerate()
        .skip(first)
        .take(height.saturating_sub(1))
        .map(|(i, _)| step_line(state, theme, incident, i, i == selected, width))
        .collect();
    let t = &state.texts.checklist;
    let closing_saved = run
        .actions()
        .last()
        .is_some_and(|a| a.seq <= incident.saved_seq);
    let end = match (run.is_closed(), run.outcome()) {
        (true, _) if !closing_saved => format!("[…] {} · {}", t.closed, pending_word(state)),
        (true, _) => t.closed.to_string(),
        (false, Outcome::Complete) => t.complete.to_string(),
        (false, Outcome::Overridden { overridden }) => {
            fill(t.overridden_banner, &[&overridden.to_string()])
        }
        (false, Outcome::InProgress { open }) => fill(t.open_steps, &[&open.to_string()]),
    };
    lines.push(Line::from(Span::styled(
        format!("   {end}"),
        theme.style(Role::Title),
    )));
    frame.render_widget(Paragraph::new(lines), area);
}

/// `[✓]` done, `[ ]` open (OVERDUE in words once late), `[?]` a question,
/// `(s)` sensed, `[!]` overridden, `[~]` not applicable, `[·]` waiting for
/// an answer, `[…]` saving. The cursor is `▶`; the current item, when the
/// cursor is elsewhere, `»`.
fn step_line<'a>(
    state: &AppState,
    theme: &Theme,
    incident: &Incident,
    index: usize,
    selected: bool,
    width: usize,
) -> Line<'a> {
    let t = &state.texts.checklist;
    let run = &incident.run;
    let step = &run.checklist().steps[index];
    let now = state.wall_now;
    let overdue = run.is_overdue(index, now);
    let (mark, role, note) = match &run.states()[index] {
        _ if incident.is_unsaved(index) => ("[…]", Role::Warning, pending_word(state).into()),
        StepState::Open if overdue => {
            let late = run.due(index).map_or(0.0, |due| now.secs_since(due));
            (
                open_mark(&step.kind),
                Role::Critical,
                fill(t.overdue, &[&fmt::duration(Some(late), "")]),
            )
        }
        // R22: without fresh data a sensed step cannot close itself: it is ticked by hand.
        StepState::Open if matches!(step.kind, StepKind::Sensed(_)) && !view::is_live(state) => {
            ("[ ]", Role::Warning, t.sensor_unavailable.to_string())
        }
        StepState::Open => {
            let left = run.due(index).map_or(0.0, |due| due.secs_since(now));
            (
                open_mark(&step.kind),
                Role::Normal,
                fill(t.due_in, &[&fmt::duration(Some(left), "")]),
            )
        }
        StepState::AwaitingAnswer => ("[·]", Role::Muted, t.awaiting.to_string()),
        StepState::Inactive => ("[~]", Role::Muted, t.inactive.to_string()),
        StepState::Done { by, at, how } => {
            let mark = match how {
                Completion::Manual => "[✓]",
                Completion::Sensed { .. } => "[✓s]",
            };
            // A sensed step shows its evidence: when, and the value that closed it.
            let who = match (how, &step.kind) {
                (Completion::Sensed { value }, _) => format!("{} {value:.2}", t.sensed),
                (Completion::Manual, StepKind::Sensed(_)) => {
                    format!("{} {}", t.by_hand, fmt::clean(by))
                }
                (Completion::Manual, _) => fmt::clean(by).into_owned(),
            };
            (
                mark,
                Role::Ok,
                format!("{} {who}", fmt::clock_hm(*at, state.utc_offset_s)),
            )
        }
        StepState::Overridden { by, whole, .. } => {
            let words = if *whole {
                t.overridden_with_all
            } else {
                t.overridden_by
            };
            ("[!]", Role::Warning, fill(words, &[&fmt::clean(by)]))
        }
        StepState::Answered {
            yes, implied_by, ..
        } => (
            "[✓]",
            Role::Ok,
            match (yes, implied_by) {
                (_, Some(question)) => fill(t.implied_no, &[&fmt::clean(question)]),
                (true, None) => t.yes.to_string(),
                (false, None) => t.no.to_string(),
            },
        ),
    };
    // The cursor, and the one current item (R11) when the cursor is elsewhere.
    let cursor = match (selected, run.current() == Some(index)) {
        (true, _) => "▶",
        (false, true) => "»",
        (false, false) => " ",
    };
    let head = format!("{cursor}{mark:<4} ");
    let owner_width = 14.min(width / 5);
    let note_width = 16.min(width / 4);
    let title_width = width.saturating_sub(head.chars().count() + owner_width + note_width + 2);
    let style = if selected {
        theme.style(Role::Selected)
    } else {
        theme.style(Role::Normal)
    };
    Line::from(vec![
        Span::styled(head, theme.style(role)),
        Span::styled(
            pad(
                &fmt::fit(&fmt::clean(&step.title), title_width),
                title_width,
            ),
            style,
        ),
        Span::styled(
            format!(
                " {}",
                pad(
                    &fmt::fit(&fmt::clean(&step.owner), owner_width),
                    owner_width
                )
            ),
            theme.style(Role::Muted),
        ),
        Span::styled(
            format!(" {}", fmt::fit(&note, note_width)),
            theme.style(role),
        ),
    ])
}

fn render_message(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    local: usize,
    selected: usize,
) {
    let t = &state.texts.checklist;
    let Some(step) = state
        .incidents
        .get(local)
        .and_then(|i| i.run.checklist().steps.get(selected))
    else {
        return;
    };
    let how = step.how.map_or("", |h| h.name());
    let who = step.who.as_deref().unwrap_or(&step.owner);
    let heading = fill(
        t.say_heading,
        &[&fmt::clean(who), how, &fmt::clean(&step.response)],
    );
    let mut lines = vec![Line::from(Span::styled(
        format!(" {heading}"),
        theme.style(Role::Title),
    ))];
    match view::step_message(state, local, selected) {
        Ok(text) if text.is_empty() => lines.push(Line::from(Span::styled(
            format!(" {}", t.nothing_to_say),
            theme.style(Role::Muted),
        ))),
        Ok(text) => lines.extend(
            text.lines()
                .map(|l| Line::from(format!(" {}", fmt::clean(l)))),
        ),
        Err(missing) => lines.push(Line::from(Span::styled(
            format!(" {}", fill(t.missing_values, &[&missing.join(", ")])),
            theme.style(Role::Warning),
        ))),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The record, newest last: every action, undone ones too, each with who and when.
fn render_timeline(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    incident: &Incident,
) {
    let t = &state.texts.checklist;
    let actions = incident.run.actions();
    let room = usize::from(area.height).saturating_sub(1);
    let mut lines = vec![Line::from(Span::styled(
        format!(" {}", t.timeline_heading),
        theme.style(Role::Title),
    ))];
    for action in actions.iter().skip(actions.len().saturating_sub(room)) {
        // An action not on disk yet says so before anything else.
        let unsaved = if action.seq > incident.saved_seq {
            format!(" […] {}", pending_word(state))
        } else {
            String::new()
        };
        let text = format!(
            "{unsaved} {} {} {}: {}",
            action.seq,
            fmt::clock(action.at, state.utc_offset_s),
            fmt::clean(&action.by),
            fmt::clean(&record::describe(
                state.texts,
                &incident.run,
                action,
                state.utc_offset_s
            ))
        );
        lines.push(Line::from(fmt::fit(&text, usize::from(area.width))));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What an action waiting for the store says: "saving…", or NOT SAVED while
/// the store cannot write.
fn pending_word(state: &AppState) -> &'static str {
    if state.saving.failing.is_some() {
        state.texts.saving.not_saved
    } else {
        state.texts.saving.pending
    }
}

/// An open step's box: what kind of action it asks for.
fn open_mark(kind: &StepKind) -> &'static str {
    match kind {
        StepKind::Conditional { .. } => "[?]",
        StepKind::Sensed(_) => "(s)",
        StepKind::Manual => "[ ]",
    }
}
