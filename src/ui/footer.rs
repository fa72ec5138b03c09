//! The footer: the keys that work here (from the keymap), or the filter being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fmt;
use super::theme::{Role, Theme};
use crate::app::keymap::{Action, Binding, action_label, bindings_for, key_label};
use crate::app::view::context;
use crate::app::{AppState, Prompt};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let line = if let Some(Prompt::Command { text }) = &state.prompt {
        Line::from(Span::styled(
            format!(":{}▏", fmt::clean(text)),
            theme.style(Role::Input),
        ))
    } else if state.filter_editing {
        filter_line(state, theme)
    } else {
        key_hints(state, theme, usize::from(area.width))
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn filter_line<'a>(state: &AppState, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(
            format!(" {}", state.texts.misc.filter_prompt),
            theme.style(Role::KeyHint),
        ),
        Span::styled(
            format!("{}▏", fmt::clean(&state.filter)),
            theme.style(Role::Input),
        ),
        Span::styled(
            format!("   {}", state.texts.misc.filter_hint),
            theme.style(Role::HintText),
        ),
    ])
}

fn key_hints<'a>(state: &AppState, theme: &Theme, width: usize) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    // Help and quit first: they must survive the narrowest terminal.
    let essential = |b: &Binding| matches!(b.action, Action::ToggleHelp | Action::Quit);
    let hints: Vec<&Binding> = bindings_for(context(state))
        .filter(|b| b.in_footer)
        .collect();
    let ordered = hints
        .iter()
        .filter(|b| essential(b))
        .chain(hints.iter().filter(|b| !essential(b)));
    // A notice (a copy, a note saved) is what the operator just did: the
    // keys they did not use give way to it, help and quit excepted.
    let notice_room = state.notice.as_ref().map_or(0, |n| n.width() + 1);
    for binding in ordered {
        let keys = key_label(binding.keys[0]);
        let label = action_label(binding.action, state.texts);
        let cost = keys.width() + label.width() + 3;
        let room = if essential(binding) { 0 } else { notice_room };
        if used + cost + room > width {
            break;
        }
        used += cost;
        spans.push(Span::styled(keys, theme.style(Role::KeyHint)));
        spans.push(Span::styled(
            format!(" {label}  "),
            theme.style(Role::HintText),
        ));
    }
    if let Some(notice) = &state.notice {
        let room = width.saturating_sub(used + 1);
        spans.push(Span::styled(
            fmt::fit(notice, room),
            theme.style(Role::Warning),
        ));
    }
    Line::from(spans)
}
