//! The view: a function from (state, theme) to a frame. It never changes state
//! and never fails; everything it shows comes from `app` and `engine`.
//!
//! Layout at any size: a header line, the screen's body, a footer of keys.
//! Below [`MIN_WIDTH`]×[`MIN_HEIGHT`] it says so instead of drawing garbage.

mod alerts;
mod badge;
mod checklist;
mod crisis;
mod detail;
pub mod fmt;
mod footer;
mod header;
mod help;
mod prompt;
mod reasons;
mod scroll;
mod sites;
pub mod theme;
mod wallboard;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::text::{Texts, fill};
use crate::app::{AppState, Screen};
use theme::{Role, Theme};

pub use badge::{agent_badge, status_badge, status_role, status_span};

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
