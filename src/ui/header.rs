//! The header: who we are watching, the clocks, and whether the data is live.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fmt;
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;
use crate::engine::{ClockFault, Health};
use crate::model::{PlatformCondition, Timestamp};

/// The most lines the banner takes: a platform's cause is rarely longer, and
/// the floor below must keep its room at 80×24.
const BANNER_LINES: usize = 3;

/// One line, plus the banner, wrapped to `width`, while the data is stale or
/// has not come yet for a reason, and two more while the store cannot write.
pub fn height(state: &AppState, width: u16) -> u16 {
    let lines = banner(state, usize::from(width)).len();
    let saving = 2 * u16::from(state.saving.failing.is_some());
    1 + u16::try_from(lines).unwrap_or(0) + saving
}

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let texts = state.texts;
    let health = state.floor.health(state.wall_now);
    let (badge, badge_role) = match &health {
        Health::Live => (format!("● {}", texts.health.live), Role::Live),
        // Late without a failed poll is not the platform's fault: say slow, not stale.
        Health::Stale {
            condition: None, ..
        } => (format!("? {}", texts.health.slow), Role::Stale),
        Health::Stale { .. } => (format!("? {}", texts.health.stale), Role::Stale),
        Health::Waiting { condition, .. } => waiting_badge(*condition, state),
        Health::ClockOff { fault, .. } => (
            format!("? {} {}", texts.health.clock, fmt::skew(fault.skew_ms())),
            Role::Stale,
        ),
    };
    let data_time = match state.floor.platform_time() {
        Some(t) => format!(
            "{} {} │ ",
            texts.health.data_at,
            fmt::clock(t, state.floor.settings().utc_offset_s)
        ),
        None => String::new(),
    };
    let clocks = format!(
        "{data_time}{} │ ",
        fmt::clock(state.wall_now, state.view.utc_offset_s)
    );
    let badge = format!("{badge} ");
    let (saving, saving_role) = saving_badge(state);
    let platform = state
        .floor
        .snapshot()
        .map_or(state.platform_label.as_str(), |s| s.platform.name.as_str());
    let width = usize::from(area.width);
    // A drill is unmistakable: first thing on the line, on every view.
    let drill = state.drill.as_ref().map_or_else(String::new, |d| {
        format!(" {} {} ", texts.health.drill, fmt::clean(&d.name))
    });
    let left_width =
        width.saturating_sub(clocks.width() + badge.width() + drill.width() + saving.width());
    let left = fmt::pad(&format!(" {} │ {platform}", texts.app_name), left_width);
    let mut lines = vec![Line::from(vec![
        Span::styled(drill, theme.style(Role::Drill)),
        Span::styled(left, theme.style(Role::Header)),
        Span::styled(clocks, theme.style(Role::Header)),
        Span::styled(saving, theme.style(saving_role)),
        Span::styled(badge, theme.style(badge_role)),
    ])];
    for text in banner(state, width) {
        lines.push(Line::from(Span::styled(
            fmt::pad(&text, width),
            theme.style(Role::Stale),
        )));
    }
    for banner in saving_banner(state) {
        lines.push(Line::from(Span::styled(
            fmt::pad(
                &format!(" {}", fmt::fit(&banner, width.saturating_sub(1))),
                width,
            ),
            theme.style(Role::Critical),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Before any data: still connecting, unless the platform has said that
/// trying again soon will not help (our credentials, or the URL, are wrong).
fn waiting_badge(condition: Option<PlatformCondition>, state: &AppState) -> (String, Role) {
    let health = &state.texts.health;
    match condition {
        Some(PlatformCondition::CredentialsRejected) => {
            (format!("✖ {}", health.rejected), Role::Critical)
        }
        Some(PlatformCondition::NotFound) => (format!("✖ {}", health.not_found), Role::Critical),
        _ => (format!("… {}", health.waiting), Role::Stale),
    }
}

/// Why the data is stale or missing, wrapped at spaces to `width` so that a
/// platform's long cause (its URL, then what it said) is read whole at 80
/// columns; only past [`BANNER_LINES`] is it cut, with "…".
fn banner(state: &AppState, width: usize) -> Vec<String> {
    let texts = state.texts;
    let explanation = match state.floor.health(state.wall_now) {
        Health::Stale {
            since,
            reason,
            condition: None,
        } => fill(
            texts.health.slow_since,
            &[&fmt::clock(since, state.view.utc_offset_s), &reason],
        ),
        Health::Stale { since, reason, .. } => fill(
            texts.health.stale_since,
            &[&fmt::clock(since, state.view.utc_offset_s), &reason],
        ),
        Health::Waiting {
            reason: Some(reason),
            ..
        } => fill(texts.health.waiting_because, &[&reason]),
        Health::ClockOff { since, fault } => clock_explained(state, since, fault),
        Health::Live | Health::Waiting { reason: None, .. } => return Vec::new(),
    };
    // One column of margin, as on every line of the header.
    let room = width.saturating_sub(1).max(1);
    let mut lines = fmt::wrap(&fmt::clean(&explanation), room);
    if lines.len() > BANNER_LINES {
        let rest = lines.split_off(BANNER_LINES - 1).join(" ");
        lines.push(fmt::fit(&rest, room));
    }
    lines.into_iter().map(|l| format!(" {l}")).collect()
}

/// Why the platform's clock is not believed, and what is on screen instead.
fn clock_explained(state: &AppState, since: Option<Timestamp>, fault: ClockFault) -> String {
    let texts = &state.texts.health;
    let shown = since.map_or_else(
        || state.texts.misc.nothing_counted.to_string(),
        |t| fmt::clock(t, state.view.utc_offset_s),
    );
    let by = fmt::skew(fault.skew_ms());
    let by = by.trim_start_matches(['+', '-']);
    match fault {
        ClockFault::Ahead { .. } => fill(texts.clock_ahead, &[by, &shown]),
        ClockFault::WentBack { .. } => fill(texts.clock_went_back, &[by, &shown]),
        ClockFault::Behind { .. } => fill(texts.clock_behind, &[by]),
        ClockFault::Stopped { .. } => fill(texts.clock_stopped, &[by]),
    }
}

/// NOT SAVING while the store cannot write; "saving" while actions are on their way.
fn saving_badge(state: &AppState) -> (String, Role) {
    let texts = &state.texts.saving;
    if state.saving.failing.is_some() {
        (format!("{} ", texts.not_saving), Role::Critical)
    } else if state.unsaved() > 0 {
        (format!("{} ", texts.saving), Role::Warning)
    } else {
        (String::new(), Role::Header)
    }
}

/// While the store cannot write: why, then what is held and what was not kept.
fn saving_banner(state: &AppState) -> Vec<String> {
    let saving = &state.saving;
    let texts = &state.texts.saving;
    let Some(reason) = saving.failing.as_deref().map(fmt::clean) else {
        return Vec::new();
    };
    let held = saving.held.to_string();
    let (first, mut second) = match (saving.live_only, saving.never) {
        (_, true) => (texts.live_only, texts.never.to_string()),
        (true, false) => (texts.live_only, fill(texts.retried, &[&held])),
        (false, false) => (texts.failing, fill(texts.held, &[&held])),
    };
    if saving.dropped > 0 {
        second.push_str(&fill(texts.dropped, &[&saving.dropped.to_string()]));
    }
    vec![fill(first, &[&reason]), second]
}
