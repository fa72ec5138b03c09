//! The checklist view: one incident's plan, step by step, with who does
//! what by when; the overdue impossible to miss; the selected step's message
//! with live values. Every state has a mark, not only a colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fmt::{self, pad};
use super::scroll;
use super::theme::{Role, Theme};
use crate::app::incident::Incident;
use crate::app::keymap::{Key, key_label};
use crate::app::text::fill;
use crate::app::{AppState, record, view};
use crate::engine::checklist::{Completion, Outcome, StepKind, StepState};

/// From this many columns the step list's owner and note columns widen.
const WIDE: usize = 120;

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
        Constraint::Length(super::prompt::height(state)),
    ])
    .areas(area);
    render_title(frame, title, state, theme, incident);
    render_steps(frame, list, state, theme, incident, selected);
    if state.view.show_timeline {
        render_timeline(frame, message, state, theme, incident);
    } else {
        render_message(frame, message, state, theme, local, selected);
    }
    super::prompt::render(frame, prompt, state, theme);
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
    // Where this incident stands among those still to work: several can be
    // open at once, and the operator must see that others wait.
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
            &fmt::clock_hm(run.started_at(), state.view.utc_offset_s),
            &fmt::clean(run.actions().first().map_or("", |a| a.by.as_str())),
        ],
    );
    let trigger = incident.trigger.as_ref().map_or_else(
        || t.declared.to_string(),
        |tr| fill(t.triggered_by, &[&fmt::clean(&tr.description)]),
    );
    let progress = run.progress();
    let progress = fill(
        t.progress,
        &[&progress.done.to_string(), &progress.applicable.to_string()],
    );
    let mut lines = vec![Line::from(Span::styled(
        pad(&format!(" {first}{drill}"), usize::from(area.width)),
        theme.style(if incident.drill {
            Role::Drill
        } else {
            Role::Title
        }),
    ))];
    // The next status update is always in view, and loud once late: a missed
    // update is what stakeholders notice first in an incident.
    let next_update = run
        .next_status_update()
        .zip(run.seconds_to_status_update(state.wall_now));
    let cadence = next_update.map(|(due, left)| {
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
                        &fmt::clock_hm(due, state.view.utc_offset_s),
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
    let count = run.checklist().steps.len();
    // The list plus its closing line (the operator always sees how the list ends, however long it is).
    let room = height.saturating_sub(1);
    // Every step read whole when all fit; else the one under the cursor, so
    // moving down the list reads each in turn.
    let whole: Vec<Vec<Line<'_>>> = (0..count)
        .map(|i| step_rows(state, theme, incident, i, i == selected, width, true))
        .collect();
    let blocks = if whole.iter().map(Vec::len).sum::<usize>() <= room {
        whole
    } else {
        (0..count)
            .map(|i| {
                step_rows(
                    state,
                    theme,
                    incident,
                    i,
                    i == selected,
                    width,
                    i == selected,
                )
            })
            .collect()
    };
    // The cursor's step in view: at the bottom once the list has scrolled.
    let mut first = 0;
    let cursor = selected.min(count.saturating_sub(1));
    while first < cursor && blocks[first..=cursor].iter().map(Vec::len).sum::<usize>() > room {
        first += 1;
    }
    let mut lines: Vec<Line<'_>> = blocks
        .into_iter()
        .skip(first)
        .flatten()
        .take(room)
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
/// cursor is elsewhere, `»`. `whole`: the title, owner and note wrapped in
/// their columns over as many rows as they need; else one row, cut with "…".
fn step_rows<'a>(
    state: &AppState,
    theme: &Theme,
    incident: &Incident,
    index: usize,
    selected: bool,
    width: usize,
    whole: bool,
) -> Vec<Line<'a>> {
    let t = &state.texts.checklist;
    let run = &incident.run;
    let step = &run.checklist().steps[index];
    let now = state.wall_now;
    let overdue = run.is_overdue(index, now);
    let (mark, role, note) = match &run.states()[index] {
        _ if incident.is_unsaved(index) => ("[…]", Role::Warning, pending_word(state).into()),
        StepState::Open if overdue => {
            let late = run.seconds_to_due(index, now).map_or(0.0, |left| -left);
            (
                open_mark(&step.kind),
                Role::Critical,
                fill(t.overdue, &[&fmt::duration(Some(late), "")]),
            )
        }
        // Without fresh data a sensed step cannot close itself, so it is ticked by
        // hand: a machine never marks done what it cannot see.
        StepState::Open if matches!(step.kind, StepKind::Sensed(_)) && !view::is_live(state) => {
            ("[ ]", Role::Warning, t.sensor_unavailable.to_string())
        }
        StepState::Open => {
            let left = run.seconds_to_due(index, now).unwrap_or(0.0);
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
                format!("{} {who}", fmt::clock_hm(*at, state.view.utc_offset_s)),
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
    // The cursor, and the one current item when the cursor is elsewhere: a
    // checklist is worked in order, so the next item to do is always marked.
    let cursor = match (selected, run.current() == Some(index)) {
        (true, _) => "▶",
        (false, true) => "»",
        (false, false) => " ",
    };
    let head = format!("{cursor}{mark:<4} ");
    let head_width = head.chars().count();
    // A wide screen gives the owner and the note room for whole names
    // ("marketing / communications"), not only the title.
    let (owner_width, note_width) = if width >= WIDE {
        (28, 24)
    } else {
        (14.min(width / 5), 16.min(width / 4))
    };
    let title_width = width.saturating_sub(head_width + owner_width + note_width + 2);
    let style = if selected {
        theme.style(Role::Selected)
    } else {
        theme.style(Role::Normal)
    };
    let column = |text: &str, room: usize| -> Vec<String> {
        let text = fmt::clean(text);
        if whole {
            fmt::wrap(&text, room.max(1))
        } else {
            vec![fmt::fit(&text, room)]
        }
    };
    let titles = column(&step.title, title_width);
    let owners = column(&step.owner, owner_width);
    let notes = column(&note, note_width);
    let rows = titles.len().max(owners.len()).max(notes.len()).max(1);
    let cell = |cells: &[String], row: usize| cells.get(row).cloned().unwrap_or_default();
    (0..rows)
        .map(|row| {
            let lead = if row == 0 {
                head.clone()
            } else {
                " ".repeat(head_width)
            };
            Line::from(vec![
                Span::styled(lead, theme.style(role)),
                Span::styled(pad(&cell(&titles, row), title_width), style),
                Span::styled(
                    format!(" {}", pad(&cell(&owners, row), owner_width)),
                    theme.style(Role::Muted),
                ),
                Span::styled(format!(" {}", cell(&notes, row)), theme.style(role)),
            ])
        })
        .collect()
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
    let room = usize::from(area.width).saturating_sub(1).max(1);
    let block = |text: &str, role: Role| -> Vec<Line<'static>> {
        let rows = fmt::wrap(&fmt::clean(text), room);
        let rows = if rows.is_empty() {
            vec![String::new()]
        } else {
            rows
        };
        rows.into_iter()
            .map(|row| Line::from(Span::styled(format!(" {row}"), theme.style(role))))
            .collect()
    };
    let mut blocks = vec![block(&heading, Role::Title)];
    match view::step_message(state, local, selected) {
        Ok(text) if text.is_empty() => blocks.push(block(t.nothing_to_say, Role::Muted)),
        Ok(text) => blocks.extend(text.lines().map(|l| block(l, Role::Normal))),
        Err(missing) => blocks.push(block(
            &fill(t.missing_values, &[&missing.join(", ")]),
            Role::Warning,
        )),
    }
    let height = usize::from(area.height);
    let lines = if blocks.iter().map(Vec::len).sum::<usize>() <= height {
        blocks.into_iter().flatten().collect()
    } else {
        let shown = scroll::from_top(blocks, state.view.pane_scroll, height.saturating_sub(1));
        let mut lines = shown.rows;
        lines.push(scroll_hint(
            state,
            theme,
            shown.more_above,
            shown.more_below,
        ));
        lines
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// The last row of a pane longer than its room: which way there is more, and the key.
fn scroll_hint<'a>(state: &AppState, theme: &Theme, above: bool, below: bool) -> Line<'a> {
    let misc = &state.texts.misc;
    let mut parts = Vec::new();
    if below {
        parts.push(fill(
            misc.more_below,
            &[&key_label(state.texts, Key::PageDown)],
        ));
    }
    if above {
        parts.push(fill(
            misc.more_above,
            &[&key_label(state.texts, Key::PageUp)],
        ));
    }
    Line::from(Span::styled(
        format!(" {}", parts.join("  ")),
        theme.style(Role::Muted),
    ))
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
    let width = usize::from(area.width);
    let mut lines = vec![Line::from(Span::styled(
        format!(" {}", t.timeline_heading),
        theme.style(Role::Title),
    ))];
    let mut blocks: Vec<Vec<Line<'_>>> = Vec::new();
    for action in actions {
        // An action not on disk yet says so before anything else.
        let unsaved = if action.seq > incident.saved_seq {
            format!(" […] {}", pending_word(state))
        } else {
            String::new()
        };
        let text = format!(
            "{unsaved} {} {} {}: {}",
            action.seq,
            fmt::clock(action.at, state.view.utc_offset_s),
            fmt::clean(&action.by),
            fmt::clean(&record::describe(
                state.texts,
                &incident.run,
                action,
                state.view.utc_offset_s
            ))
        );
        // Wrapped under its number: a long note is read whole.
        let rows = fmt::wrap(&text, width.saturating_sub(3).max(1));
        blocks.push(
            rows.into_iter()
                .enumerate()
                .map(|(i, row)| {
                    Line::from(if i == 0 {
                        format!(" {row}")
                    } else {
                        format!("   {row}")
                    })
                })
                .collect(),
        );
    }
    let room = usize::from(area.height).saturating_sub(1);
    if blocks.iter().map(Vec::len).sum::<usize>() <= room {
        lines.extend(blocks.into_iter().flatten());
    } else {
        let shown = scroll::from_bottom(blocks, state.view.pane_scroll, room.saturating_sub(1));
        lines.extend(shown.rows);
        lines.push(scroll_hint(
            state,
            theme,
            shown.more_above,
            shown.more_below,
        ));
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
