//! The terminal: entering and leaving full screen, drawing a frame, and
//! turning crossterm's events into the core's own `Msg` and `Key`.

use std::io::Stdout;

use anyhow::Context as _;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Key, Msg};

pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode and the alternate screen, with a panic hook that restores both
/// before the panic message is printed.
pub fn enter() -> anyhow::Result<Tty> {
    ratatui::try_init().context("cannot initialise the terminal")
}

/// Leaves raw mode and the alternate screen, shows the cursor. Never fails
/// loudly: on a hung-up terminal there is nobody to tell.
pub fn leave() {
    // The hub's frames hide the cursor, and no local `Terminal` is left to
    // show it again when dropped: it is shown here.
    let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
    if let Err(e) = ratatui::try_restore() {
        tracing::warn!("restoring the terminal failed: {e}");
    }
}

/// The message an event carries, if any.
pub fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            to_key(key).map(|key| Msg::KeyPressedAt {
                key,
                at: super::wall_now(),
            })
        }
        Event::Resize(_, rows) => Some(Msg::Resized { rows }),
        _ => None,
    }
}

fn to_key(key: KeyEvent) -> Option<Key> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}
