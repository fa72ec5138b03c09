//! A console's screen as the hub keeps it: ratatui draws into memory, and
//! what changed since the last frame comes out as terminal bytes to send.
//!
//! Like tmux, the hub keeps each client's screen and sends only the
//! difference; after a client has missed frames (it fell behind) the next
//! frame is sent whole. No real terminal is ever asked anything: the size
//! is the one the console reported and the cursor is where we last put it.

use std::io;

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

/// The bell, as the console's terminal rings it.
pub const BELL: &[u8] = b"\x07";

/// One console's screen: its size and what it shows now.
pub struct RemoteScreen {
    terminal: Terminal<MemoryBackend>,
    /// The next draw clears the console's screen and sends every cell.
    whole: bool,
}

impl RemoteScreen {
    /// A screen of `cols` × `rows` (at least 1 × 1); its first draw sends everything.
    pub fn new(cols: u16, rows: u16) -> io::Result<RemoteScreen> {
        let area = area(cols, rows);
        let backend = MemoryBackend {
            out: Vec::new(),
            size: area.as_size(),
            cursor: Position::ORIGIN,
        };
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )?;
        Ok(RemoteScreen {
            terminal,
            whole: true,
        })
    }

    /// The console's terminal is now `cols` × `rows`: the next draw is whole.
    pub fn resize(&mut self, cols: u16, rows: u16) -> io::Result<()> {
        let area = area(cols, rows);
        self.terminal.backend_mut().size = area.as_size();
        self.terminal.resize(area)?;
        // Whatever resize wrote assumed the old screen; the whole redraw replaces it.
        self.terminal.backend_mut().take();
        self.whole = true;
        Ok(())
    }

    /// The area frames are drawn in.
    pub fn area(&self) -> Rect {
        let size = self.terminal.backend().size;
        Rect::new(0, 0, size.width, size.height)
    }

    /// The next draw clears the console's screen and sends every cell (after
    /// the console missed frames, or its screen is not known).
    pub fn redraw_all(&mut self) {
        self.whole = true;
    }

    /// Draws a frame and returns the bytes that bring the console's screen
    /// to it, inside synchronized-update markers so that a slow link never
    /// shows half a frame. A frame equal to the last one gives almost nothing.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        crossterm::queue!(out, BeginSynchronizedUpdate)?;
        if std::mem::take(&mut self.whole) {
            // Clears the screen from the top left and forgets what it showed.
            self.terminal.clear()?;
        }
        self.terminal.draw(render)?;
        out.extend(self.terminal.backend_mut().take());
        crossterm::queue!(out, EndSynchronizedUpdate)?;
        Ok(out)
    }
}

fn area(cols: u16, rows: u16) -> Rect {
    Rect::new(0, 0, cols.max(1), rows.max(1))
}

/// The OSC 52 sequence that puts `text` on the clipboard of the console's
/// operator (through SSH and tmux with `set-clipboard on`), cleaned line by
/// line on the way out: what is pasted from it never runs in a terminal.
pub fn osc52(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    let text = crate::untrusted::clean_lines(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07").into_bytes()
}

/// crossterm's backend writing into memory, with the size the console
/// reported and the cursor where we last moved it: the real backend would
/// ask the hub's own terminal, which may not exist.
struct MemoryBackend {
    out: Vec<u8>,
    size: Size,
    cursor: Position,
}

impl MemoryBackend {
    /// The bytes written since the last take.
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    /// crossterm's own backend for one call: it keeps no state between calls
    /// that matters here (each draw starts and ends with the style reset).
    fn crossterm(&mut self) -> CrosstermBackend<&mut Vec<u8>> {
        CrosstermBackend::new(&mut self.out)
    }
}

impl Backend for MemoryBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.crossterm().draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.crossterm().hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.crossterm().show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.crossterm().set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.crossterm().clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.crossterm().clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        // No pixel size is known; nothing here draws images.
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::ZERO,
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
