//! Queue detail: the figures over each window, trends, how customers feel,
//! the agents, who is waiting, and the conversations most negative first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::badge::{agent_badge, status_role, status_span};
use super::fmt::{self, pad, pad_left};
use super::theme::{Role, Theme};
use super::wallboard::{short_window_label, status_text, window_label};
use crate::app::AppState;
use crate::app::view::StatusLine;
use crate::engine::need::Model;
use crate::engine::{QueueView, StatusReason, Window, WindowFigures};
use crate::model::{AgentObservation, AgentState, InQueue, QueueId, WaitingContact};

const LABEL_WIDTH: usize = 16;

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    id: &QueueId,
    scroll: usize,
) {
    let Some(queue) = state.floor.queue(id) else {
        let gone = Span::styled(
            format!(" {}", state.texts.detail.gone),
            theme.style(Role::Warning),
        );
        frame.render_widget(Paragraph::new(Line::from(gone)), area);
        return;
    };
    let [
        title,
        figures,
        now,
        staffing,
        mood,
        trends,
        lists,
        conversations,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(8),
        Constraint::Length(now_height(state, &queue, area.width)),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(2),
        // The most negative three before a third agent: at 80×24 the
        // wrapped "Now:" line takes a row from one of them.
        Constraint::Min(1 + u16::try_from(queue.interactions().len().clamp(1, 3)).unwrap_or(1)),
    ])
    .areas(area);
    render_title(frame, title, state, theme, &queue);
    render_figures(frame, figures, state, theme, &queue);
    render_now(frame, now, state, theme, &queue);
    render_staffing(frame, staffing, state, theme, &queue);
    render_mood(frame, mood, state, theme, &queue);
    render_trends(frame, trends, state, theme, &queue);
    let [agents, callers] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(lists);
    render_agents(frame, agents, state, theme, &queue, scroll);
    render_callers(frame, callers, state, theme, &queue);
    render_conversations(frame, conversations, state, theme, &queue);
}

/// Agents needed for the target on this window's demand, those working,
/// and what they should reach; SHORT in words when they are too few.
fn render_staffing(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let t = &state.texts.detail;
    let fill = crate::app::text::fill;
    let (text, role) = match queue.need() {
        None => (t.no_staffing.to_string(), Role::Muted),
        Some(need) => {
            let model = match need.model {
                Model::ErlangC => t.erlang_c.to_string(),
                Model::ErlangA { patience } => fill(
                    t.erlang_a,
                    &[&fmt::duration(Some(patience.as_secs_f64()), "")],
                ),
            };
            let target = format!(
                "{} in {}",
                fmt::percent(Some(need.target.share), ""),
                fmt::duration(Some(need.target.threshold.as_secs_f64()), "")
            );
            let gap = match need.gap() {
                0 => t.enough.to_string(),
                g if g > 0 => fill(t.short, &[&g.to_string()]),
                g => fill(t.spare, &[&(-g).to_string()]),
            };
            let text = fill(
                t.staffing,
                &[
                    &model,
                    &need.needed.agents.to_string(),
                    &target,
                    &need.present.to_string(),
                    &fmt::percent(Some(need.at_present.service_level), "—"),
                    &fmt::duration(Some(need.at_present.asa_s).filter(|s| s.is_finite()), "∞"),
                    &gap,
                    match need.demand {
                        Window::Interval => t.need_on_interval,
                        _ => t.need_on_hour,
                    },
                ],
            );
            (
                text,
                if need.gap() > 0 {
                    Role::Warning
                } else {
                    Role::Normal
                },
            )
        }
    };
    one_line(frame, area, &text, role, theme);
}

/// How the queue's customers feel: the recency-weighted mean, the share
/// negative, how many were heard, and the trend in words and an arrow.
fn render_mood(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let t = &state.texts.detail;
    let (text, role) = match queue.observation.sentiment {
        None => (t.no_mood.to_string(), Role::Muted),
        Some(mood) => {
            let change = queue.sentiment_trend();
            let trend = change.map_or_else(
                || state.texts.misc.nothing_counted.to_string(),
                |c| format!("{}{}", fmt::trend_arrow(Some(c)), fmt::score(c)),
            );
            let sour = fmt::is_sour(mood.score);
            let text = crate::app::text::fill(
                t.mood,
                &[
                    &fmt::score(mood.score),
                    &fmt::percent(Some(mood.negative_share), "—"),
                    &mood.samples.to_string(),
                    &trend,
                ],
            );
            (text, if sour { Role::Warning } else { Role::Normal })
        }
    };
    one_line(frame, area, &text, role, theme);
}

/// Conversations in progress, the unhappiest first, with what the customer
/// said (cleaned: a transcript is untrusted text).
fn render_conversations(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let t = &state.texts.detail;
    let live = queue.interactions();
    let width = usize::from(area.width);
    let mut lines = list_start(
        t.conversations,
        live.len(),
        t.no_conversations,
        width,
        theme,
    );
    for (interaction, score) in live.iter().take(usize::from(area.height).saturating_sub(1)) {
        let sour = score.is_some_and(fmt::is_sour);
        let value = score.map_or_else(|| t.not_scored.to_string(), fmt::score);
        let agent = fmt::fit(&fmt::clean(interaction.agent.as_deref().unwrap_or("")), 14);
        let turn = fmt::clean(interaction.customer_turn.as_deref().unwrap_or(""));
        let rest = width.saturating_sub(7 + 15);
        lines.push(Line::from(vec![
            Span::styled(
                pad_left(&value, 6),
                theme.style(if sour { Role::Warning } else { Role::Normal }),
            ),
            Span::raw(" "),
            Span::styled(pad(&agent, 15), theme.style(Role::Muted)),
            Span::raw(pad(&fmt::fit(&turn, rest), rest)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_title(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let q = queue.observation;
    let (status, reason) = queue.status(state.view.window);
    let mut spans = vec![
        Span::styled(
            format!(" {} ", fmt::fit(&q.name, 30)),
            theme.style(Role::Title),
        ),
        Span::styled(
            format!("({}) ", fmt::fit(&q.id.0, 20)),
            theme.style(Role::Muted),
        ),
        status_span(status, state.texts, theme, 7),
    ];
    if let Some(reason) = reason {
        let alert = StatusLine {
            queue: q.name.clone(),
            status,
            reason,
        };
        let text = status_text(&alert, state);
        let without_name = text
            .split_once(": ")
            .map_or(text.as_str(), |(_, rest)| rest)
            .to_string();
        // The figures below cover every window: a judgement on one names it.
        let judged_on_the_window = matches!(
            reason,
            StatusReason::ServiceLevel(_)
                | StatusReason::AbandonRate(_)
                | StatusReason::TooFewContacts { .. }
        );
        let window = if judged_on_the_window {
            format!(
                " ({})",
                window_label(&queue.figures(state.view.window).span, state)
            )
        } else {
            String::new()
        };
        spans.push(Span::styled(
            format!(" {without_name}{window}"),
            theme.style(status_role(status)),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_figures(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let t = &state.texts.detail;
    let windows: Vec<WindowFigures> = Window::ALL.iter().map(|w| queue.figures(*w)).collect();
    let column = (usize::from(area.width).saturating_sub(LABEL_WIDTH + 1) / 3).max(6);
    let mut heading = vec![Span::raw(pad(&format!(" {}", t.figures), LABEL_WIDTH))];
    for f in &windows {
        let gap = if f.includes_gap { "~" } else { "" };
        let full = format!("{gap}{}", window_label(&f.span, state));
        // "10:00–10:15" alone when "interval 10:00–10:15" does not fit.
        let label = if unicode_width::UnicodeWidthStr::width(full.as_str()) < column {
            full
        } else {
            format!("{gap}{}", short_window_label(&f.span, state))
        };
        heading.push(Span::raw(pad_left(&label, column)));
    }
    let mut lines = vec![Line::from(heading).style(theme.style(Role::Title))];
    for figure in Figure::ALL {
        let label = figure.label(state);
        let mut spans = vec![Span::styled(
            pad(&format!(" {label}"), LABEL_WIDTH),
            theme.style(Role::Muted),
        )];
        spans.extend(
            windows
                .iter()
                .map(|f| Span::raw(pad_left(&figure.value(f, state), column))),
        );
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The rows of the figures table.
#[derive(Clone, Copy)]
enum Figure {
    ServiceLevel,
    Asa,
    Aht,
    AbandonRate,
    Offered,
    Answered,
    Abandoned,
}

impl Figure {
    const ALL: [Figure; 7] = [
        Figure::ServiceLevel,
        Figure::Asa,
        Figure::Aht,
        Figure::AbandonRate,
        Figure::Offered,
        Figure::Answered,
        Figure::Abandoned,
    ];

    fn label(self, state: &AppState) -> String {
        let t = &state.texts.detail;
        match self {
            Figure::ServiceLevel => format!("SL {}", state.floor.settings().sl_formula.formula()),
            Figure::Asa => t.asa.to_string(),
            Figure::Aht => t.aht.to_string(),
            Figure::AbandonRate => t.abandon_rate.to_string(),
            Figure::Offered => t.offered.to_string(),
            Figure::Answered => t.answered.to_string(),
            Figure::Abandoned => t.abandoned.to_string(),
        }
    }

    /// "—" when nothing counts yet; "n/a" when the platform does not report it.
    fn value(self, f: &WindowFigures, state: &AppState) -> String {
        let dash = state.texts.misc.nothing_counted;
        let count =
            |v: Option<u64>| v.map_or(state.texts.misc.not_provided.to_string(), |n| n.to_string());
        match self {
            Figure::ServiceLevel => fmt::percent1(f.service_level, dash),
            Figure::Asa => fmt::duration(f.asa_s, dash),
            Figure::Aht => fmt::duration(f.aht_s, dash),
            Figure::AbandonRate => fmt::percent1(f.abandon_rate, dash),
            Figure::Offered => count(f.tally.offered),
            Figure::Answered => count(f.tally.answered),
            Figure::Abandoned => count(f.tally.abandoned),
        }
    }
}

/// The "Now:" line in rows of the screen's width (it is wider than 80
/// columns), broken between its figures so each keeps its word.
fn now_rows(state: &AppState, queue: &QueueView<'_>, width: u16) -> Vec<String> {
    const SEPARATOR: &str = " · ";
    let room = usize::from(width).saturating_sub(3).max(1);
    let text = fmt::clean(&now_text(state, queue)).into_owned();
    let mut rows: Vec<String> = Vec::new();
    for part in text.split(SEPARATOR) {
        match rows.last_mut() {
            Some(row) if row.width() + SEPARATOR.width() + part.width() <= room => {
                row.push_str(SEPARATOR);
                row.push_str(part);
            }
            _ => rows.extend(fmt::wrap(part, room)),
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            if i == 0 {
                format!(" {row}")
            } else {
                format!("   {row}")
            }
        })
        .collect()
}

fn now_height(state: &AppState, queue: &QueueView<'_>, width: u16) -> u16 {
    u16::try_from(now_rows(state, queue, width).len())
        .unwrap_or(1)
        .max(1)
}

fn render_now(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let lines: Vec<Line<'_>> = now_rows(state, queue, area.width)
        .into_iter()
        .map(|row| {
            Line::from(Span::styled(
                pad(&row, usize::from(area.width)),
                theme.style(Role::Normal),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Waiting, longest wait and the agents by state, in words.
fn now_text(state: &AppState, queue: &QueueView<'_>) -> String {
    let texts = state.texts;
    let q = queue.observation;
    let a = &q.agents;
    let s = &texts.agent_states;
    // Ringing is named only while a phone rings: it is brief, and the line is full.
    let ringing = if a.ringing > 0 {
        format!(" · {} {}", s.ringing.to_lowercase(), a.ringing)
    } else {
        String::new()
    };
    format!(
        "{}: {} {} · {} {} · {} {}{ringing} · {} {} · {} {} · {} {} · {} {}",
        texts.detail.now,
        texts.tiles.waiting.to_lowercase(),
        q.waiting,
        texts.columns.longest.to_lowercase(),
        fmt::duration(q.longest_wait_s, texts.misc.not_provided),
        s.available.to_lowercase(),
        a.available,
        s.on_call.to_lowercase(),
        a.on_call,
        s.wrap_up.to_lowercase(),
        a.wrap_up
            .map_or_else(|| texts.misc.not_provided.to_string(), |n| n.to_string()),
        s.not_ready.to_lowercase(),
        a.not_ready,
        texts.detail.occupancy,
        fmt::percent(queue.occupancy(), texts.misc.nothing_counted),
    )
}

fn render_trends(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let t = &state.texts.detail;
    let label_width = 28;
    let room = usize::from(area.width).saturating_sub(label_width + 1);
    let sl = fmt::sparkline(queue.sl_trend(), 0.5, 1.0);
    let waiting: Vec<Option<f64>> = queue
        .waiting_trend()
        .into_iter()
        .map(|w| w.map(f64::from))
        .collect();
    let peak = waiting.iter().flatten().copied().fold(1.0, f64::max);
    let recent = &waiting[waiting.len().saturating_sub(room)..];
    let lines = vec![
        Line::from(vec![
            Span::styled(
                pad(&format!(" {}", t.sl_trend), label_width),
                theme.style(Role::Muted),
            ),
            Span::styled(sl, theme.style(Role::Trend)),
        ]),
        Line::from(vec![
            Span::styled(
                pad(&format!(" {}", t.waiting_trend), label_width),
                theme.style(Role::Muted),
            ),
            Span::styled(
                fmt::sparkline(recent.iter().copied(), 0.0, peak),
                theme.style(Role::Trend),
            ),
            Span::styled(format!(" ≤{peak:.0}"), theme.style(Role::Muted)),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_agents(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
    scroll: usize,
) {
    let texts = state.texts;
    // Each agent as this queue sees them: paused here may be free elsewhere.
    let id = &queue.observation.id;
    let mut agents: Vec<(&AgentObservation, InQueue<'_>)> = queue
        .agents()
        .map(|a| (a, a.in_queue(id)))
        .filter(|(_, here)| here.state != AgentState::Offline)
        .collect();
    agents.sort_by(|(_, a), (_, b)| {
        a.state
            .cmp(&b.state)
            .then_with(|| a.state_since.cmp(&b.state_since))
    });
    let width = usize::from(area.width);
    let mut lines = list_start(
        texts.detail.agents,
        agents.len(),
        texts.detail.no_agents,
        width,
        theme,
    );
    let visible = usize::from(area.height).saturating_sub(1);
    let start = scroll.min(agents.len().saturating_sub(visible));
    for (agent, here) in agents.iter().skip(start).take(visible) {
        lines.push(agent_line(agent, here, width, state, theme));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// One line of text across the area, in one role.
fn one_line(frame: &mut Frame<'_>, area: Rect, text: &str, role: Role, theme: &Theme) {
    let line = Span::styled(
        pad(&format!(" {text}"), usize::from(area.width)),
        theme.style(role),
    );
    frame.render_widget(Paragraph::new(line), area);
}

/// A list's heading with its count, and the words for an empty list.
fn list_start<'a>(
    title: &str,
    count: usize,
    when_empty: &str,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let heading = format!(" {title} ({count})");
    let mut lines = vec![Line::from(Span::styled(
        pad(&heading, width),
        theme.style(Role::Title),
    ))];
    if count == 0 {
        lines.push(Line::from(Span::styled(
            format!(" {when_empty}"),
            theme.style(Role::Muted),
        )));
    }
    lines
}

/// One agent in the queue's list, in their state in this queue (`here`).
fn agent_line<'a>(
    agent: &AgentObservation,
    here: &InQueue<'_>,
    width: usize,
    state: &AppState,
    theme: &Theme,
) -> Line<'a> {
    let (symbol, word, role) = agent_badge(here.state, state.texts);
    let in_state = here.state_since.map(|since| state.floor.age_s(since));
    let name_width = width.saturating_sub(1 + 12 + 8 + 1).clamp(4, 16);
    let rest = width.saturating_sub(1 + 12 + name_width + 8);
    let detail = here.reason.or(agent.site.as_deref()).unwrap_or("");
    Line::from(vec![
        Span::styled(pad(&format!(" {symbol} {word}"), 13), theme.style(role)),
        Span::raw(pad(&agent.name, name_width)),
        Span::raw(pad_left(
            &fmt::duration(in_state, state.texts.misc.nothing_counted),
            7,
        )),
        Span::styled(format!(" {}", pad(detail, rest)), theme.style(Role::Muted)),
    ])
}

fn render_callers(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: &QueueView<'_>,
) {
    let texts = state.texts;
    let callers = queue.waiting_contacts();
    let width = usize::from(area.width);
    let mut lines = list_start(
        texts.detail.callers,
        callers.len(),
        texts.detail.no_callers,
        width,
        theme,
    );
    for caller in callers
        .iter()
        .take(usize::from(area.height).saturating_sub(1))
    {
        let waited = state.floor.age_s(caller.waiting_since);
        lines.push(caller_line(caller, waited, width, theme));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn caller_line<'a>(caller: &WaitingContact, waited: f64, width: usize, theme: &Theme) -> Line<'a> {
    let mut spans = vec![
        Span::raw(pad_left(&fmt::duration(Some(waited), "—"), 7)),
        Span::raw(" "),
    ];
    let mut used = 8;
    for tag in &caller.tags {
        let role = if tag.eq_ignore_ascii_case("vip") {
            Role::TagVip
        } else {
            Role::Tag
        };
        let text = format!("[{}]", fmt::fit(tag, 10));
        used += unicode_width::UnicodeWidthStr::width(text.as_str()) + 1;
        spans.push(Span::styled(text, theme.style(role)));
        spans.push(Span::raw(" "));
    }
    let detail = [caller.reason.as_deref(), caller.caller.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    spans.push(Span::styled(
        pad(&detail, width.saturating_sub(used)),
        theme.style(Role::Muted),
    ));
    Line::from(spans)
}
