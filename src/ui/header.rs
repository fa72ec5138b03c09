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
use crate::engine::Health;

/// One line, plus a banner line while the data is stale or has not come yet for a reason.
pub fn height(state: &AppState) -> u16 {
    match state.floor.health(state.wall_now) {
        Health::Stale { .. }
        | Health::Waiting {
            reason: Some(_), ..
        } => 2,
        Health::Live | Health::Waiting { reason: None, .. } => 1,
    }
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
        Health::Waiting { .. } => (format!("… {}", texts.health.waiting), Role::Stale),
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
        fmt::clock(state.wall_now, state.utc_offset_s)
    );
    let badge = format!("{badge} ");
    let platform = state
        .floor
        .snapshot()
        .map_or(state.platform_label.as_str(), |s| s.platform.name.as_str());
    let width = usize::from(area.width);
    // A drill is unmistakable: first thing on the line, on every view.
    let drill = state.drill.as_ref().map_or_else(String::new, |d| {
        format!(" {} {} ", texts.health.drill, fmt::clean(&d.name))
    });
    let left_width = width.saturating_sub(clocks.width() + badge.width() + drill.width());
    let left = fmt::pad(&format!(" {} │ {platform}", texts.app_name), left_width);
    let mut lines = vec![Line::from(vec![
        Span::styled(drill, theme.style(Role::Drill)),
        Span::styled(left, theme.style(Role::Header)),
        Span::styled(clocks, theme.style(Role::Header)),
        Span::styled(badge, theme.style(badge_role)),
    ])];
    let explanation = match &health {
        Health::Stale {
            since,
            reason,
            condition: None,
        } => Some(fill(
            texts.health.slow_since,
            &[&fmt::clock(*since, state.utc_offset_s), reason],
        )),
        Health::Stale { since, reason, .. } => Some(fill(
            texts.health.stale_since,
            &[&fmt::clock(*since, state.utc_offset_s), reason],
        )),
        Health::Waiting {
            reason: Some(reason),
            ..
        } => Some(fill(texts.health.waiting_because, &[reason])),
        Health::Live | Health::Waiting { reason: None, .. } => None,
    };
    if let Some(text) = explanation {
        lines.push(Line::from(Span::styled(
            fmt::pad(&format!(" {}", fmt::clean(&text)), width),
            theme.style(Role::Stale),
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
