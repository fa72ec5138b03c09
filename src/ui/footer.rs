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

/// A notice takes at most this many lines above the keys; a longer one is cut.
const NOTICE_LINES: usize = 2;

/// The keys' line, and above it the notice, wrapped to the width, unless
/// it fits beside the keys.
pub fn height(state: &AppState, width: u16) -> u16 {
    let lines = notice_lines(state, usize::from(width)).len();
    1 + u16::try_from(lines).unwrap_or(0)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let width = usize::from(area.width);
    let mut lines: Vec<Line<'_>> = notice_lines(state, width)
        .into_iter()
        .map(|text| Line::from(Span::styled(text, theme.style(Role::Warning))))
        .collect();
    lines.push(bottom_line(state, theme, width));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The notice, in whole lines above the keys: at 80 columns it would get
/// only what the keys leave of one line.
fn notice_lines(state: &AppState, width: usize) -> Vec<String> {
    let typing =
        matches!(state.view.prompt, Some(Prompt::Command { .. })) || state.view.filter_editing;
    let Some(notice) = state.view.notice.as_deref().filter(|_| !typing) else {
        return Vec::new();
    };
    if beside_keys(state, width).is_some() {
        return Vec::new();
    }
    let room = width.saturating_sub(2).max(1);
    let mut lines = fmt::wrap(&fmt::clean(notice), room);
    if lines.len() > NOTICE_LINES {
        let rest = lines.split_off(NOTICE_LINES - 1).join(" ");
        lines.push(fmt::fit(&rest, room));
    }
    lines.into_iter().map(|l| format!(" {l}")).collect()
}

fn bottom_line<'a>(state: &AppState, theme: &Theme, width: usize) -> Line<'a> {
    if let Some(Prompt::Command { text }) = &state.view.prompt {
        Line::from(Span::styled(
            format!(":{}▏", fmt::clean(text)),
            theme.style(Role::Input),
        ))
    } else if state.view.filter_editing {
        filter_line(state, theme)
    } else {
        key_hints(state, theme, width)
    }
}

fn filter_line<'a>(state: &AppState, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(
            format!(" {}", state.texts.misc.filter_prompt),
            theme.style(Role::KeyHint),
        ),
        Span::styled(
            format!("{}▏", fmt::clean(&state.view.filter)),
            theme.style(Role::Input),
        ),
        Span::styled(
            format!("   {}", state.texts.misc.filter_hint),
            theme.style(Role::HintText),
        ),
    ])
}

/// The notice, when it fits whole on the keys' line after them.
fn beside_keys(state: &AppState, width: usize) -> Option<String> {
    let notice = fmt::clean(state.view.notice.as_deref()?).into_owned();
    let keys = bindings_for(context(state))
        .filter(|b| b.in_footer)
        .map(|b| {
            key_label(state.texts, b.keys[0]).width()
                + action_label(b.action, state.texts).width()
                + 3
        })
        .sum::<usize>();
    (1 + keys + notice.width() < width).then_some(notice)
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
    for binding in ordered {
        let keys = key_label(state.texts, binding.keys[0]);
        let label = action_label(binding.action, state.texts);
        let cost = keys.width() + label.width() + 3;
        if used + cost > width {
            break;
        }
        used += cost;
        spans.push(Span::styled(keys, theme.style(Role::KeyHint)));
        spans.push(Span::styled(
            format!(" {label}  "),
            theme.style(Role::HintText),
        ));
    }
    if let Some(notice) = beside_keys(state, width) {
        spans.push(Span::styled(notice, theme.style(Role::Warning)));
    }
    Line::from(spans)
}
