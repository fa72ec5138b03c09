//! The help overlay, generated from the same keymap table as the footer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::fmt::pad;
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::keymap::{Binding, Context, action_label, bindings_for, key_label};
use crate::app::view::context;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let texts = state.texts;
    let width = area.width.saturating_sub(4).min(90);
    let height = area.height.saturating_sub(2);
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    let here = context(state);
    let bindings: Vec<_> = bindings_for(here)
        .chain(bindings_for(other(here)).filter(|b| b.context != Context::Everywhere))
        .collect();
    // Two columns of keys, so that help fits at 80×24.
    let half = bindings.len().div_ceil(2);
    let column = usize::from(width.saturating_sub(2)) / 2;
    let entry = |b: &Binding| {
        let keys = b
            .keys
            .iter()
            .map(|k| key_label(*k))
            .collect::<Vec<_>>()
            .join(" ");
        vec![
            Span::styled(pad(&format!(" {keys}"), 15), theme.style(Role::KeyHint)),
            Span::styled(
                pad(action_label(b.action, texts), column.saturating_sub(15)),
                theme.style(Role::HintText),
            ),
        ]
    };
    let mut lines = Vec::new();
    for row in 0..half {
        let mut spans = entry(bindings[row]);
        if let Some(right) = bindings.get(row + half) {
            spans.extend(entry(right));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    for symbol_line in texts.misc.help_symbols {
        lines.push(Line::from(Span::styled(
            format!(" {symbol_line}"),
            theme.style(Role::Normal),
        )));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", texts.misc.help_title))
        .title_bottom(format!(" {} ", texts.misc.help_close))
        .border_style(theme.style(Role::Border));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

fn other(context: Context) -> Context {
    match context {
        Context::Detail => Context::Wallboard,
        _ => Context::Detail,
    }
}
