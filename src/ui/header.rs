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

/// One line, plus a banner line while the data is stale or has not come yet
/// for a reason, and two while the store cannot write.
pub fn height(state: &AppState) -> u16 {
    let health = match state.floor.health(state.wall_now) {
        Health::Stale { .. }
        | Health::Waiting {
            reason: Some(_), ..
        } => 2,
        Health::Live | Health::Waiting { reason: None, .. } => 1,
    };
    health + 2 * u16::from(state.saving.failing.is_some())
}

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let texts = state.texts;
    let health = state.floor.health(state.wall_now);
    let (badge, badge_role) = match &health {
        Health::Live => (format!("● {}", texts.health.live), Role::Live),
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
    let explanation = match &health {
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

/// NOT SAVING while the store cannot write; "saving" while actions are on their way.
fn saving_badge(state: &AppState) -> (String, Role) {
    let texts = &state.texts.saving;
    if state.saving.failing.is_some() {
        (format!("{} ", texts.not_saving), Role::Critical)
    } else if crate::app::saving::unsaved(state) > 0 {
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
