//! Agents by site and state: where the floor's people are, and a site
//! that lost many of them at once (power or network) said in words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fmt::{self, pad, pad_left};
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;
use crate::engine::sites;

const CELL: usize = 8;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let t = &state.texts.sites;
    let width = usize::from(area.width);
    let mut lines = vec![Line::from(Span::styled(
        pad(&format!(" {}", t.title), width),
        theme.style(Role::Title),
    ))];
    let headings = [
        t.logged_in,
        t.available,
        t.on_call,
        t.wrap_up,
        t.not_ready,
        t.offline,
    ];
    let name_width = width.saturating_sub(1 + CELL * headings.len() + 14);
    let mut heading = format!(" {}", pad(t.site, name_width));
    for h in headings {
        heading.push_str(&pad_left(h, CELL));
    }
    heading.push_str(&format!("  {}", t.alert));
    lines.push(Line::from(Span::styled(heading, theme.style(Role::Header))));
    let Some(snapshot) = state.floor.snapshot() else {
        lines.push(Line::from(Span::styled(
            format!(" {}", state.texts.misc.no_data_yet),
            theme.style(Role::Muted),
        )));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    for (name, agents) in sites::agents_by_site(snapshot, t.no_site) {
        let lost = state.rules.book().site_loss(&name);
        let mut text = format!(
            " {}",
            pad(&fmt::fit(&fmt::clean(&name), name_width), name_width)
        );
        // In the order of the headings.
        let counts = [
            agents.logged_in,
            agents.available,
            agents.on_call,
            agents.wrap_up,
            agents.not_ready,
            agents.offline,
        ];
        for n in counts {
            text.push_str(&pad_left(&n.to_string(), CELL));
        }
        let (alert, role) = match lost {
            Some(share) => (
                fill(t.lost, &[&fmt::percent(Some(share), "—")]),
                Role::Critical,
            ),
            None => (t.steady.to_string(), Role::Normal),
        };
        lines.push(Line::from(vec![
            Span::styled(text, theme.style(Role::Normal)),
            Span::styled(format!("  {alert}"), theme.style(role)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
