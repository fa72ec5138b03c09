//! The alerts view: what is firing (and whether someone has it), what is
//! about to, and what has passed. Every state has a word and a symbol.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fmt::{self, humanize, pad};
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;
use crate::app::view::{self, AlertRow};
use crate::engine::Window;
use crate::engine::rules::{Alert, Metric, Severity, Subject};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme, selected: usize) {
    let [title, list, detail, prompt] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(3),
        Constraint::Length(super::prompt::height(state)),
    ])
    .areas(area);
    let rows = view::alert_rows(state);
    render_title(frame, title, state, theme, &rows);
    render_rows(frame, list, state, theme, &rows, selected);
    if let Some(row) = rows.get(selected) {
        render_detail(frame, detail, state, theme, row);
    }
    super::prompt::render(frame, prompt, state, theme);
}

fn render_title(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    rows: &[AlertRow<'_>],
) {
    let count = |f: fn(&AlertRow<'_>) -> bool| rows.iter().filter(|r| f(r)).count().to_string();
    let counts = fill(
        state.texts.alerts.view_counts,
        &[
            &count(|r| matches!(r, AlertRow::Firing(_))),
            &count(|r| matches!(r, AlertRow::Pending(_))),
            &count(|r| matches!(r, AlertRow::Resolved(_))),
        ],
    );
    let text = format!(" {} · {counts}", state.texts.alerts.heading);
    frame.render_widget(
        Paragraph::new(Span::styled(
            pad(&text, usize::from(area.width)),
            theme.style(Role::Title),
        )),
        area,
    );
}

fn render_rows(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    rows: &[AlertRow<'_>],
    selected: usize,
) {
    let width = usize::from(area.width);
    if rows.is_empty() {
        let none = Span::styled(
            format!(" {}", state.texts.alerts.nothing_yet),
            theme.style(Role::Muted),
        );
        frame.render_widget(Paragraph::new(none), area);
        return;
    }
    let height = usize::from(area.height).max(1);
    let first = selected.saturating_sub(height - 1);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| row_line(row, state, theme, width, i == selected))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn row_line<'a>(
    row: &AlertRow<'_>,
    state: &AppState,
    theme: &Theme,
    width: usize,
    selected: bool,
) -> Line<'a> {
    let texts = &state.texts.alerts;
    let marker = if selected { "▶" } else { " " };
    let (severity, word, what, when) = match row {
        AlertRow::Firing(alert) => (
            alert.rule.severity,
            texts.firing,
            alert_text(alert, state),
            firing_notes(alert, state),
        ),
        AlertRow::Pending(p) => {
            let held = p.rule.hold_for.as_secs_f64();
            let so_far = p.held_s(&state.floor, state.wall_now);
            let what = describe(
                p.rule.metric,
                p.rule.metric.is_windowed().then_some(p.rule.window),
                p.rule.direction == crate::engine::rules::Direction::Below,
                p.rule.trigger,
                p.subject,
                Some(p.value),
                state,
            );
            let when = fill(
                texts.pending_for,
                &[&humanize(state.texts, so_far), &humanize(state.texts, held)],
            );
            (p.rule.severity, texts.pending, what, when)
        }
        AlertRow::Resolved(alert) => {
            let when = fill(
                texts.lasted,
                &[
                    &fmt::clock_hm(alert.fired_at, state.view.utc_offset_s),
                    &alert
                        .resolved_at
                        .map_or_else(String::new, |t| fmt::clock_hm(t, state.view.utc_offset_s)),
                ],
            );
            (
                alert.rule.severity,
                texts.resolved,
                alert_text(alert, state),
                when,
            )
        }
    };
    let (symbol, label, role) = severity_badge(severity, state);
    let role = match row {
        AlertRow::Firing(a) if a.wants_attention(state.wall_now) => role,
        _ => Role::Muted,
    };
    let head = format!("{marker}{symbol} {} {} ", pad(label, 4), pad(word, 8));
    let used = unicode_width::UnicodeWidthStr::width(head.as_str());
    let rest = width.saturating_sub(used);
    let when_width = unicode_width::UnicodeWidthStr::width(when.as_str()).min(rest / 2);
    let what_width = rest.saturating_sub(when_width + 1);
    let style = if selected {
        theme.style(Role::Selected)
    } else {
        theme.style(Role::Normal)
    };
    Line::from(vec![
        Span::styled(head, theme.style(role)),
        Span::styled(pad(&fmt::fit(&what, what_width), what_width), style),
        Span::styled(
            format!(" {}", fmt::fit(&when, when_width)),
            theme.style(Role::Muted),
        ),
    ])
}

/// Since when, and marks for who has it: "10:42 ✓ z →" (the detail below says it in words).
fn firing_notes(alert: &Alert, state: &AppState) -> String {
    let mut notes = fmt::clock_hm(alert.fired_at, state.view.utc_offset_s);
    // "…" after a mark: not on disk yet (the detail below says it in words).
    if alert.acknowledged.is_some() {
        notes.push_str(" ✓");
        if state.saving.acknowledgement_unsaved(alert.id) {
            notes.push('…');
        }
    }
    if alert.is_snoozed(state.wall_now) {
        notes.push_str(" z");
        if state.saving.snooze_unsaved(alert.id) {
            notes.push('…');
        }
    }
    // The checklist stays flagged until its incident is complete or closed, so
    // an alert that clears and fires again does not hide work still open.
    match checklist_state(alert, state) {
        Some(ChecklistState::Pending) => notes.push_str(" →!"),
        Some(ChecklistState::Done) => notes.push_str(" →✓"),
        None if alert.rule.checklist.is_some() => notes.push_str(" →"),
        None => {}
    }
    notes
}

/// An acknowledgement or snooze in words, marked when it is not on disk yet.
fn with_saving(words: String, unsaved: bool, state: &AppState) -> String {
    if !unsaved {
        return words;
    }
    let pending = if state.saving.failing.is_some() {
        state.texts.saving.not_saved
    } else {
        state.texts.saving.pending
    };
    format!("[…] {pending}: {words}")
}

/// The selected alert in full: when, which rule, who acknowledged or snoozed it and why.
fn render_detail(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    row: &AlertRow<'_>,
) {
    let texts = &state.texts.alerts;
    let at = |t| fmt::clock(t, state.view.utc_offset_s);
    let lines: Vec<String> = match row {
        AlertRow::Firing(alert) | AlertRow::Resolved(alert) => {
            let mut first = vec![
                alert.rule.id.clone(),
                fill(texts.fired_at, &[&at(alert.fired_at)]),
            ];
            if let Some(resolved) = alert.resolved_at {
                first.push(fill(texts.resolved_at, &[&at(resolved)]));
            }
            let mut second = Vec::new();
            if let Some(ack) = &alert.acknowledged {
                let unsaved = state.saving.acknowledgement_unsaved(alert.id);
                second.push(with_saving(
                    fill(texts.acknowledged_by, &[&fmt::clean(&ack.by), &at(ack.at)]),
                    unsaved,
                    state,
                ));
            }
            if let Some(snooze) = alert
                .snoozed
                .as_ref()
                .filter(|_| alert.is_snoozed(state.wall_now))
            {
                let unsaved = state.saving.snooze_unsaved(alert.id);
                second.push(with_saving(
                    fill(
                        texts.snoozed_until,
                        &[
                            &at(snooze.until),
                            &fmt::clean(&snooze.by),
                            &fmt::clean(&snooze.reason),
                        ],
                    ),
                    unsaved,
                    state,
                ));
            }
            if second.is_empty() && alert.is_firing() {
                second.push(texts.unacknowledged.to_string());
            }
            let third = alert
                .rule
                .checklist
                .as_ref()
                .map(|c| {
                    let progress = match checklist_state(alert, state) {
                        Some(ChecklistState::Pending) => texts.checklist_pending,
                        Some(ChecklistState::Done) => texts.checklist_done,
                        None => "",
                    };
                    format!("{}{progress}", fill(texts.opens_checklist, &[c]))
                })
                .unwrap_or_default();
            vec![first.join(" · "), second.join(" · "), third]
        }
        AlertRow::Pending(p) => vec![
            p.rule.id.clone(),
            fill(texts.pending_since, &[&at(p.since)]),
            String::new(),
        ],
    };
    let width = usize::from(area.width);
    let lines: Vec<Line<'_>> = lines
        .iter()
        .map(|l| {
            Line::from(Span::styled(
                pad(&format!(" {}", fmt::fit(l, width.saturating_sub(1))), width),
                theme.style(Role::Muted),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

enum ChecklistState {
    Pending,
    Done,
}

/// Where the incident of an alert's checklist stands, once one was opened.
fn checklist_state(alert: &Alert, state: &AppState) -> Option<ChecklistState> {
    let checklist = alert.rule.checklist.as_ref()?;
    let incident = state
        .incidents
        .iter()
        .rev()
        .find(|i| &i.run.checklist().id == checklist)?;
    // Done only once what finished it is on disk.
    let finished = incident.run.outcome().is_finished() || incident.run.is_closed();
    let saved = incident
        .run
        .actions()
        .last()
        .is_none_or(|a| a.seq <= incident.saved_seq);
    Some(if finished && saved {
        ChecklistState::Done
    } else {
        ChecklistState::Pending
    })
}

/// The symbol, short word and role of a severity: never colour alone.
pub fn severity_badge(severity: Severity, state: &AppState) -> (&'static str, &'static str, Role) {
    let t = &state.texts.status;
    match severity {
        Severity::Critical => ("✖", t.critical, Role::Critical),
        Severity::Warning => ("▲", t.warning, Role::Warning),
        Severity::Advisory => ("·", t.advisory, Role::Muted),
    }
}

/// "Sales: SL 62.0% < 70% (interval)" for a firing or resolved alert.
pub fn alert_text(alert: &Alert, state: &AppState) -> String {
    // Yes/no conditions read the same either way; a figure that came back says so.
    let said = if !alert.rule.metric.is_condition()
        && alert.latest_value.is_some()
        && !alert.still_past_trigger()
    {
        describe_back(alert, state)
    } else {
        describe(
            alert.rule.metric,
            alert.rule.window,
            alert.rule.below,
            alert.rule.trigger,
            &alert.subject,
            alert.latest_value,
            state,
        )
    };
    // Its figure is from an earlier window: the line says so, not "now".
    match alert.unjudged_since.filter(|_| alert.is_firing()) {
        Some(since) => fill(
            state.texts.alerts.unjudged,
            &[&said, &fmt::clock_hm(since, state.view.utc_offset_s)],
        ),
        None => said,
    }
}

/// An alert whose figure is back on the right side of its line (clearing):
/// "Sales: longest wait 37s, back under 1:00".
fn describe_back(alert: &Alert, state: &AppState) -> String {
    let texts = &state.texts.alerts;
    let template = if alert.rule.below {
        texts.back_above
    } else {
        texts.back_under
    };
    let now = alert.latest_value.map_or_else(
        || state.texts.misc.nothing_counted.to_string(),
        |v| value_text(alert.rule.metric, v, state),
    );
    let window = alert
        .rule
        .window
        .map_or_else(String::new, |w| format!(" ({})", window_word(w, state)));
    let text = fill(
        template,
        &[
            &fmt::clean(alert.subject.label()),
            metric_name(alert.rule.metric, state),
            &now,
            &level_text(alert.rule.metric, alert.rule.trigger, state),
        ],
    );
    format!("{text}{window}")
}

fn metric_name(metric: Metric, state: &AppState) -> &'static str {
    let m = &state.texts.alerts.metrics;
    match metric {
        Metric::ServiceLevel => m.service_level,
        Metric::Waiting => m.waiting,
        Metric::LongestWait => m.longest_wait,
        Metric::AbandonRate => m.abandon_rate,
        Metric::Asa => m.asa,
        Metric::NoAgentAvailable => m.no_agent_available,
        Metric::NegativeShare => m.negative_share,
        Metric::SiteAgentsLost => m.site_agents_lost,
        Metric::StaffLostAcrossSites => m.staff_lost_across_sites,
        Metric::ReasonJump => m.reason_jump,
        Metric::PlatformUnreachable => m.platform_unreachable,
        Metric::PlatformGarbage => m.platform_garbage,
    }
}

/// A rule's condition in words, with the value now and the line it crossed.
pub fn describe(
    metric: Metric,
    window: Option<Window>,
    below: bool,
    trigger: f64,
    subject: &Subject,
    value: Option<f64>,
    state: &AppState,
) -> String {
    let who = fmt::clean(subject.label());
    let name = metric_name(metric, state);
    match metric {
        Metric::NoAgentAvailable => return format!("{who}: {name}"),
        Metric::PlatformUnreachable | Metric::PlatformGarbage => return name.to_string(),
        _ => {}
    }
    let now = value.map_or_else(
        || state.texts.misc.nothing_counted.to_string(),
        |v| value_text(metric, v, state),
    );
    let op = if below { "<" } else { ">" };
    let window = window.map_or_else(String::new, |w| format!(" ({})", window_word(w, state)));
    format!(
        "{who}: {name} {now} {op} {}{window}",
        level_text(metric, trigger, state)
    )
}

fn value_text(metric: Metric, value: f64, state: &AppState) -> String {
    let dash = state.texts.misc.nothing_counted;
    if metric.is_share() {
        fmt::percent1(Some(value), dash)
    } else if matches!(metric, Metric::LongestWait | Metric::Asa) {
        fmt::duration(Some(value), dash)
    } else {
        format!("{value:.0}")
    }
}

/// A rule's level as written: "70%", "3:00", "10".
fn level_text(metric: Metric, level: f64, state: &AppState) -> String {
    if metric.is_share() {
        fmt::percent(Some(level), state.texts.misc.nothing_counted)
    } else {
        value_text(metric, level, state)
    }
}

fn window_word(window: Window, state: &AppState) -> &'static str {
    let w = &state.texts.windows;
    match window {
        Window::Interval => w.interval,
        Window::Rolling60 => w.rolling,
        Window::Day => w.day,
    }
}
