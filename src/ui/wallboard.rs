//! The wallboard: headline tiles, a row per queue, and the alert strip.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::badge::{status_badge, status_role, status_span};
use super::fmt::{self, pad, pad_left};
use super::theme::{Role, Theme};
use crate::app::text::{Texts, fill};
use crate::app::view::{self, QueueRow, StatusLine};
use crate::app::{AppState, SortKey};
use crate::engine::rules::Subject;
use crate::engine::{Coverage, FloorTotals, GapCause, Health, StatusReason, Window, WindowSpan};
use crate::model::PlatformCondition;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let [tiles, info, table, alerts] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let totals = state.floor.totals(state.view.window);
    render_tiles(frame, tiles, state, theme, &totals);
    render_info(
        frame,
        info,
        state,
        theme,
        &totals.figures.span,
        &totals.figures.coverage,
    );
    render_table(frame, table, state, theme);
    render_alerts(frame, alerts, state, theme);
}

fn render_tiles(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    totals: &FloorTotals,
) {
    let texts = state.texts;
    let dash = texts.misc.nothing_counted;
    let sl_status = state
        .floor
        .headline_status(state.view.window, state.wall_now);
    let live = view::is_live(state);
    let (symbol, word, sl_role) = status_badge(sl_status, texts);
    let value_role = if live { Role::TileValue } else { Role::Stale };
    let sl_value = match totals.figures.service_level {
        Some(_) => format!(
            "{} {symbol}{word}",
            fmt::percent1(totals.figures.service_level, dash)
        ),
        None => dash.to_string(),
    };
    let sentiment = match &totals.sentiment {
        Some(s) => format!(
            "{} {}",
            fmt::score(s.score),
            fill(
                texts.tiles.negative_share,
                &[&fmt::percent(Some(s.negative_share), dash)]
            )
        ),
        None => texts.misc.not_provided.to_string(),
    };
    let logged_in = totals.agents.logged_in();
    // Before the first answer nothing is known: a dash, never a made-up 0.
    let observed = state.floor.snapshot().is_some();
    let count_or_dash = |n: u32| {
        if observed {
            n.to_string()
        } else {
            dash.to_string()
        }
    };
    let available = if observed {
        fill(
            texts.tiles.available_of,
            &[&totals.agents.available.to_string(), &logged_in.to_string()],
        )
    } else {
        dash.to_string()
    };
    // Each tile with its label and the short form it takes when that does not fit.
    let columns = &texts.columns;
    let tiles: Vec<(&str, &str, String, Role)> = vec![
        (
            texts.tiles.service_level,
            texts.tiles.service_level_short,
            sl_value,
            sl_role,
        ),
        (
            texts.tiles.waiting,
            columns.waiting,
            count_or_dash(totals.waiting),
            value_role,
        ),
        (
            texts.tiles.longest_wait,
            columns.longest,
            fmt::duration(totals.longest_wait_s, dash),
            value_role,
        ),
        (
            texts.tiles.available,
            columns.available,
            available,
            value_role,
        ),
        (
            texts.tiles.abandon_rate,
            columns.abandon_rate,
            fmt::percent1(totals.figures.abandon_rate, dash),
            value_role,
        ),
        (texts.tiles.sentiment, columns.mood, sentiment, value_role),
    ];
    let count = if area.width >= 78 {
        6
    } else if area.width >= 60 {
        5
    } else {
        4
    };
    let tile_width = usize::from(area.width).saturating_sub(1) / count;
    let mut labels = vec![Span::raw(" ")];
    let mut values = vec![Span::raw(" ")];
    for (label, short, value, role) in tiles.into_iter().take(count) {
        // A column of space between tiles: a label that does not leave one
        // takes its own short form, never another tile's.
        let label = if unicode_width::UnicodeWidthStr::width(label) < tile_width {
            label.to_owned()
        } else {
            fmt::fit(short, tile_width.saturating_sub(1))
        };
        labels.push(Span::styled(
            pad(&label, tile_width),
            theme.style(Role::TileLabel),
        ));
        values.push(Span::styled(pad(&value, tile_width), theme.style(role)));
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(labels), Line::from(values)]),
        area,
    );
}

fn render_info(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    span: &WindowSpan,
    coverage: &Coverage,
) {
    let texts = state.texts;
    let mut text = format!(
        " {}: {} · {} {} · {}: {}{}",
        texts.windows.heading,
        window_label(span, state),
        texts.windows.formula,
        state.floor.settings().sl_formula.formula(),
        texts.sorts.heading,
        sort_label(state.view.sort, texts),
        if state.view.sort_reversed { " ↑" } else { "" },
    );
    if !state.view.filter.is_empty() && !state.view.filter_editing {
        text.push_str(&format!(
            " · {}{}",
            texts.misc.filter_prompt,
            fmt::clean(&state.view.filter)
        ));
    }
    if let Some(why) = incomplete_text(coverage, state) {
        text.push_str(&format!(" · {why}"));
    }
    let line = Span::styled(
        pad(&text, usize::from(area.width)),
        theme.style(Role::Muted),
    );
    frame.render_widget(Paragraph::new(Line::from(line)), area);
}

/// Why the window's counts are incomplete, in words: a stretch not counted
/// says why; a window watched only since the console's first poll says since when.
pub fn incomplete_text(coverage: &Coverage, state: &AppState) -> Option<String> {
    let windows = &state.texts.windows;
    match (coverage.gap, coverage.counted_from) {
        (Some(GapCause::PollsMissed), _) => Some(windows.incomplete.to_owned()),
        (Some(GapCause::CountersRestarted), _) => Some(windows.counters_restarted.to_owned()),
        (None, Some(from)) => Some(fill(
            windows.counted_from,
            &[&fmt::clock_hm(from, state.floor.settings().utc_offset_s)],
        )),
        (None, None) => None,
    }
}

/// `interval 10:30–10:45`, `last 60 min`, `today`.
pub fn window_label(span: &WindowSpan, state: &AppState) -> String {
    let texts = state.texts;
    let offset = state.floor.settings().utc_offset_s;
    match span.window {
        // No platform clock yet: the interval's times are unknown.
        Window::Interval if state.floor.platform_time().is_none() => {
            texts.windows.interval.to_string()
        }
        Window::Interval => format!(
            "{} {}–{}",
            texts.windows.interval,
            fmt::clock_hm(span.start, offset),
            fmt::clock_hm(span.end, offset)
        ),
        Window::Rolling60 => texts.windows.rolling.to_string(),
        Window::Day => texts.windows.day.to_string(),
    }
}

/// The window's times alone: `10:00–10:15`, `last 60 min`, `today`.
pub fn short_window_label(span: &WindowSpan, state: &AppState) -> String {
    let offset = state.floor.settings().utc_offset_s;
    match span.window {
        Window::Interval => format!(
            "{}–{}",
            fmt::clock_hm(span.start, offset),
            fmt::clock_hm(span.end, offset)
        ),
        _ => window_label(span, state),
    }
}

fn sort_label(sort: SortKey, texts: &Texts) -> &'static str {
    match sort {
        SortKey::Status => texts.sorts.status,
        SortKey::ServiceLevel => texts.sorts.service_level,
        SortKey::Waiting => texts.sorts.waiting,
        SortKey::LongestWait => texts.sorts.longest_wait,
        SortKey::Name => texts.sorts.name,
    }
}

/// A table column: its heading, width, and how soon it is dropped when narrow.
struct Column {
    kind: Kind,
    heading: fn(&Texts) -> &'static str,
    width: usize,
    /// Lower survives longer.
    drop_order: u8,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    ServiceLevel,
    Waiting,
    Longest,
    Available,
    Need,
    Asa,
    AbandonRate,
    Occupancy,
    Mood,
    Trend,
}

const STATUS_WIDTH: usize = 8;
const MIN_NAME_WIDTH: usize = 12;
const COLUMNS: [Column; 10] = [
    Column {
        kind: Kind::ServiceLevel,
        heading: |t| t.columns.service_level,
        width: 6,
        drop_order: 0,
    },
    Column {
        kind: Kind::Waiting,
        heading: |t| t.columns.waiting,
        width: 5,
        drop_order: 0,
    },
    Column {
        kind: Kind::Longest,
        heading: |t| t.columns.longest,
        width: 8,
        drop_order: 0,
    },
    Column {
        kind: Kind::Available,
        heading: |t| t.columns.available,
        width: 6,
        drop_order: 1,
    },
    Column {
        kind: Kind::Need,
        heading: |t| t.columns.need,
        width: 8,
        drop_order: 2,
    },
    Column {
        kind: Kind::Asa,
        heading: |t| t.columns.asa,
        width: 6,
        drop_order: 3,
    },
    Column {
        kind: Kind::AbandonRate,
        heading: |t| t.columns.abandon_rate,
        width: 7,
        drop_order: 2,
    },
    Column {
        kind: Kind::Occupancy,
        heading: |t| t.columns.occupancy,
        width: 5,
        drop_order: 4,
    },
    Column {
        kind: Kind::Mood,
        heading: |t| t.columns.mood,
        width: 7,
        drop_order: 3,
    },
    Column {
        kind: Kind::Trend,
        heading: |t| t.columns.trend,
        width: 13,
        drop_order: 5,
    },
];

/// The columns that fit in `width` beside the marker, status and a queue name.
fn visible_columns(width: usize) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..COLUMNS.len()).collect();
    let needed = |cols: &[usize]| {
        2 + STATUS_WIDTH + MIN_NAME_WIDTH + cols.iter().map(|i| COLUMNS[*i].width).sum::<usize>()
    };
    while needed(&keep) > width {
        let Some(worst) = keep
            .iter()
            .copied()
            .max_by_key(|i| (COLUMNS[*i].drop_order, *i))
        else {
            break;
        };
        keep.retain(|i| *i != worst);
    }
    keep
}

fn render_table(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let texts = state.texts;
    let width = usize::from(area.width);
    let columns = visible_columns(width);
    let fixed: usize = columns.iter().map(|i| COLUMNS[*i].width).sum();
    let name_width = width.saturating_sub(2 + STATUS_WIDTH + fixed).max(1);
    let mut heading = vec![
        Span::raw("  "),
        Span::raw(pad(texts.columns.status, STATUS_WIDTH)),
        Span::raw(pad(texts.columns.queue, name_width)),
    ];
    heading.extend(
        columns
            .iter()
            .map(|i| Span::raw(pad_left((COLUMNS[*i].heading)(texts), COLUMNS[*i].width))),
    );
    let mut lines = vec![Line::from(heading).style(theme.style(Role::Title))];

    // Only the rows on screen are worked out: a floor can have many queues.
    let order = view::wallboard_order(state);
    let visible = usize::from(area.height).saturating_sub(1);
    if order.is_empty() {
        let message = if state.floor.snapshot().is_none() {
            texts.misc.no_data_yet
        } else {
            texts.misc.no_match
        };
        lines.push(Line::from(Span::styled(
            format!("  {message}"),
            theme.style(Role::Muted),
        )));
    }
    let selected = view::selected_position(&order, state);
    let offset = match selected {
        Some(s) if visible > 0 && s >= visible => s + 1 - visible,
        _ => 0,
    };
    for (position, &index) in order.iter().enumerate().skip(offset).take(visible) {
        let Some(row) = view::wallboard_row(state, index) else {
            continue;
        };
        lines.push(queue_line(
            &row,
            &columns,
            name_width,
            Some(position) == selected,
            state,
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn queue_line<'a>(
    row: &QueueRow<'_>,
    columns: &[usize],
    name_width: usize,
    selected: bool,
    state: &AppState,
    theme: &Theme,
) -> Line<'a> {
    let texts = state.texts;
    let dash = texts.misc.nothing_counted;
    let q = row.queue.observation;
    let f = &row.figures;
    let marker = if selected { "▶ " } else { "  " };
    let mut spans = vec![
        Span::raw(marker),
        status_span(row.status, texts, theme, STATUS_WIDTH),
        Span::styled(pad(&q.name, name_width), theme.style(Role::Normal)),
    ];
    let gap = if f.includes_gap { "~" } else { "" };
    for &i in columns {
        let w = COLUMNS[i].width;
        let (text, style) = match COLUMNS[i].kind {
            Kind::ServiceLevel => (
                format!("{gap}{}", fmt::percent(f.service_level, dash)),
                theme.style(sl_role(row)),
            ),
            Kind::Waiting => (q.waiting.to_string(), Style::default()),
            Kind::Longest => (
                fmt::duration(q.longest_wait_s, texts.misc.not_provided),
                Style::default(),
            ),
            Kind::Available => (
                format!("{}/{}", q.agents.available, q.agents.logged_in()),
                Style::default(),
            ),
            Kind::Need => need_cell(row, state, theme),
            Kind::Asa => (fmt::duration(f.asa_s, dash), Style::default()),
            Kind::AbandonRate => (fmt::percent1(f.abandon_rate, dash), Style::default()),
            Kind::Occupancy => (fmt::percent(row.queue.occupancy(), dash), Style::default()),
            Kind::Mood => mood_cell(row, state, theme),
            Kind::Trend => (
                fmt::sparkline(row.queue.sl_trend(), 0.5, 1.0),
                theme.style(Role::Trend),
            ),
        };
        let text = if COLUMNS[i].kind == Kind::Trend {
            format!(" {}", pad(&text, w - 1))
        } else {
            pad_left(&text, w)
        };
        spans.push(Span::styled(text, style));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme.style(Role::Selected))
    } else {
        line
    }
}

/// The queue's mean sentiment and where it is heading: `-0.42↓`. Sour
/// (negative by the analyzer's band) is drawn as a warning; the sign and
/// arrow say it without colour.
fn mood_cell(row: &QueueRow<'_>, state: &AppState, theme: &Theme) -> (String, Style) {
    let Some(mood) = row.queue.observation.sentiment else {
        return (state.texts.misc.nothing_counted.into(), Style::default());
    };
    let arrow = fmt::trend_arrow(row.queue.sentiment_trend());
    let sour = fmt::is_sour(mood.score);
    let role = if sour { Role::Warning } else { Role::Normal };
    (
        format!("{}{arrow}", fmt::score(mood.score)),
        theme.style(role),
    )
}

/// Agents needed for the target and the gap to those working: `14 +3`
/// (three short), `9 -2` (two spare), `12 =`. Short is drawn as a warning.
fn need_cell(row: &QueueRow<'_>, state: &AppState, theme: &Theme) -> (String, Style) {
    let Some(need) = row.queue.need() else {
        return (state.texts.misc.nothing_counted.into(), Style::default());
    };
    let gap = match need.gap() {
        0 => "=".to_owned(),
        g => format!("{g:+}"),
    };
    let role = if need.gap() > 0 {
        Role::Warning
    } else {
        Role::Normal
    };
    (format!("{} {gap}", need.needed.agents), theme.style(role))
}

fn sl_role(row: &QueueRow<'_>) -> Role {
    match row.reason {
        Some(StatusReason::ServiceLevel(_)) => status_role(row.status),
        _ => Role::Normal,
    }
}

/// One item of the alert strip.
struct StripItem {
    symbol: &'static str,
    text: String,
    acknowledged: &'static str,
    role: Role,
    /// It opened an incident still open (or is the platform going silent):
    /// it is shown however many alerts there are.
    kept: bool,
}

/// The widest an alert's words are drawn in the strip.
const STRIP_ITEM_WIDTH: usize = 48;

fn render_alerts(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let texts = state.texts;
    let live = view::is_live(state);
    let mut items: Vec<StripItem> = Vec::new();
    if let Some(silence) = platform_silence(state) {
        items.push(StripItem {
            symbol: "✖",
            text: silence,
            acknowledged: "",
            role: Role::Critical,
            kept: true,
        });
    }
    let openers = view::incident_openers(state);
    for alert in view::strip_alerts(state) {
        // The platform's own trouble is already the first item while data is not live.
        if !live && alert.subject == Subject::Platform {
            continue;
        }
        let (symbol, _, role) = super::alerts::severity_badge(alert.rule.severity, state);
        // Alerts judged on data that is now stale are shown as such, not as current trouble.
        let (symbol, role) = if live {
            (symbol, role)
        } else {
            ("?", Role::Stale)
        };
        // "…": the acknowledgement is not on disk yet.
        let acknowledged = match alert.acknowledged {
            Some(_) if state.saving.acknowledgement_unsaved(alert.id) => " ✓…",
            Some(_) => " ✓",
            None => "",
        };
        items.push(StripItem {
            symbol,
            text: super::alerts::alert_text(alert, state),
            acknowledged,
            role,
            kept: openers.contains(&(&alert.subject, alert.rule.metric)),
        });
    }
    let heading = format!(" {}: ", texts.alerts.heading);
    let mut spans = vec![Span::styled(heading.clone(), theme.style(Role::Title))];
    if items.is_empty() {
        spans.push(Span::styled(texts.alerts.none, theme.style(Role::Muted)));
    }
    let width = usize::from(area.width);
    let (words, shown) = strip_layout(&items, width.saturating_sub(heading.width()), state);
    let mut hidden = 0;
    for (item, (words, shown)) in items.iter().zip(words.iter().zip(&shown)) {
        if !shown {
            hidden += 1;
            continue;
        }
        spans.push(Span::styled(
            format!("{} {words}{}", item.symbol, item.acknowledged),
            theme.style(item.role),
        ));
        spans.push(Span::raw("   "));
    }
    if hidden > 0 {
        spans.push(Span::styled(
            fill(texts.alerts.more, &[&hidden.to_string()]),
            theme.style(Role::Muted),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Which items the strip shows in `room` columns, and each one's words.
/// The kept ones always show, shortened to share the room if need be; the
/// others follow in order while they fit beside "+N more". The order stays
/// the strip's: critical before warning.
fn strip_layout(items: &[StripItem], room: usize, state: &AppState) -> (Vec<String>, Vec<bool>) {
    let cost = |item: &StripItem, words: &str| {
        item.symbol.width() + 1 + words.width() + item.acknowledged.width() + 3
    };
    let more_room = fill(state.texts.alerts.more, &[&items.len().to_string()]).width() + 1;
    let kept: Vec<usize> = (0..items.len()).filter(|i| items[*i].kept).collect();
    // The first item shows even when nothing must: the strip is never only "+N more".
    let kept = if kept.is_empty() && !items.is_empty() {
        vec![0]
    } else {
        kept
    };
    let mut words: Vec<String> = items
        .iter()
        .map(|item| fmt::fit(&item.text, STRIP_ITEM_WIDTH))
        .collect();
    let mut shown = vec![false; items.len()];
    let others_hidden = items.len() > kept.len();
    let room_for_kept = room.saturating_sub(if others_hidden { more_room } else { 0 });
    let share = room_for_kept / kept.len().max(1);
    let mut used = 0;
    for &i in &kept {
        let frame = cost(&items[i], "");
        if cost(&items[i], &words[i]) > share {
            words[i] = fmt::fit(&items[i].text, share.saturating_sub(frame));
        }
        used += cost(&items[i], &words[i]);
        shown[i] = true;
    }
    for i in 0..items.len() {
        if shown[i] {
            continue;
        }
        let more_after = shown[i + 1..].iter().any(|s| !s);
        let reserve = if more_after { more_room } else { 0 };
        if used + cost(&items[i], &words[i]) + reserve > room {
            break;
        }
        used += cost(&items[i], &words[i]);
        shown[i] = true;
    }
    (words, shown)
}

/// "platform not answering since 09:39:58" while polls fail.
fn platform_silence(state: &AppState) -> Option<String> {
    let alerts = &state.texts.alerts;
    let trouble = |condition: PlatformCondition| match condition {
        PlatformCondition::Unreachable => alerts.platform_unreachable,
        PlatformCondition::Garbage => alerts.platform_garbage,
        PlatformCondition::Throttled => alerts.platform_throttled,
        PlatformCondition::CredentialsRejected => alerts.credentials_rejected,
        PlatformCondition::NotFound => alerts.platform_not_found,
    };
    match state.floor.health(state.wall_now) {
        Health::Live => None,
        Health::Stale {
            since,
            condition: Some(condition),
            ..
        } => Some(fill(
            alerts.platform_trouble_since,
            &[
                trouble(condition),
                &fmt::clock(since, state.view.utc_offset_s),
            ],
        )),
        Health::Waiting {
            reason: Some(_),
            condition,
        } => Some(trouble(condition.unwrap_or(PlatformCondition::Unreachable)).to_string()),
        // Late figures without a failed poll are not the platform going silent:
        // the header says SLOW; nor is a clock that is off, which it says too.
        Health::Stale {
            condition: None, ..
        }
        | Health::Waiting { reason: None, .. }
        | Health::ClockOff { .. } => None,
    }
}

/// Why a queue has its status: "Sales: SL 62% < 70%".
pub fn status_text(alert: &StatusLine, state: &AppState) -> String {
    let texts = state.texts;
    let dash = texts.misc.nothing_counted;
    let thresholds = &state.floor.settings().thresholds;
    let name = fmt::fit(&alert.queue, 24);
    let level = alert.reason.level(alert.status, thresholds);
    match alert.reason {
        StatusReason::ServiceLevel(sl) => fill(
            texts.alerts.service_level_below,
            &[
                &name,
                &fmt::percent(Some(sl), dash),
                &fmt::percent(level, dash),
            ],
        ),
        StatusReason::AbandonRate(rate) => fill(
            texts.alerts.abandon_above,
            &[
                &name,
                &fmt::percent1(Some(rate), dash),
                &fmt::percent(level, dash),
            ],
        ),
        StatusReason::LongestWait(wait) => fill(
            texts.alerts.longest_wait_above,
            &[
                &name,
                &fmt::duration(Some(wait), dash),
                &fmt::duration(level, dash),
            ],
        ),
        StatusReason::NobodyToAnswer { waiting } => fill(
            texts.alerts.nobody_to_answer,
            &[&name, &waiting.to_string()],
        ),
        StatusReason::TooFewContacts { counted, needed } => fill(
            texts.alerts.too_few,
            &[&name, &counted.to_string(), &needed.to_string()],
        ),
    }
}
