//! The help overlay, generated from the same keymap table as the footer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::fmt::{self, pad};
use super::scroll;
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::keymap::{Binding, Key, action_label, key_label};
use crate::app::text::fill;
use crate::app::view::help_bindings;

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
    let bindings = help_bindings(state);
    // Two columns of keys, so that help fits at 80×24.
    let half = bindings.len().div_ceil(2);
    let column = usize::from(width.saturating_sub(2)) / 2;
    let entry = |b: &Binding| {
        let keys = b
            .keys
            .iter()
            .map(|k| key_label(state.texts, *k))
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
    // One block per line of help, wrapped to the box, so that it scrolls
    // line by line and its last line can always be reached.
    let mut blocks: Vec<Vec<Line<'_>>> = Vec::new();
    for row in 0..half {
        let mut spans = entry(bindings[row]);
        if let Some(right) = bindings.get(row + half) {
            spans.extend(entry(right));
        }
        blocks.push(vec![Line::from(spans)]);
    }
    blocks.push(vec![Line::raw("")]);
    let room = usize::from(width.saturating_sub(3)).max(1);
    for symbol_line in texts.misc.help_symbols {
        let rows = hanging(symbol_line, room);
        blocks.push(
            rows.into_iter()
                .map(|row| Line::from(Span::styled(format!(" {row}"), theme.style(Role::Normal))))
                .collect(),
        );
    }
    let inner = usize::from(height.saturating_sub(2));
    let shown = scroll::from_top(blocks, state.view.help_scroll, inner);
    let lines = shown.rows;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", texts.misc.help_title))
        .title_bottom(format!(" {} ", texts.misc.help_close))
        .title_top(
            Line::from(scroll_marks(state, shown.more_above, shown.more_below)).right_aligned(),
        )
        .border_style(theme.style(Role::Border));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// `▼ more: PgDn  ▲ PgUp` on the box's top edge while help runs past it.
fn scroll_marks(state: &AppState, above: bool, below: bool) -> String {
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
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join("  "))
    }
}

/// Where a symbol line's words start: after its symbol and name (`✓ OK     `).
const SYMBOL_COLUMN: usize = 9;

/// A symbol line as written when it fits (its spaces line the words up);
/// else its words wrapped under where they start, the symbol left alone.
fn hanging(line: &str, room: usize) -> Vec<String> {
    if line.width() <= room {
        return vec![line.to_owned()];
    }
    if room <= SYMBOL_COLUMN {
        return fmt::wrap(line, room.max(1));
    }
    let mut label = String::new();
    let mut rest = line;
    for (at, c) in line.char_indices() {
        if label.width() >= SYMBOL_COLUMN {
            rest = &line[at..];
            break;
        }
        label.push(c);
    }
    let indent = " ".repeat(label.width());
    fmt::wrap(rest, room - label.width())
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            if i == 0 {
                format!("{label}{row}")
            } else {
                format!("{indent}{row}")
            }
        })
        .collect()
}
