//! The console as a client of a hub: keys and resizes go out, the screen's
//! bytes come in and go to the terminal as they are.
//!
//! The hub draws everything while it runs. When it stops without saying
//! goodbye, the console at once replaces the screen with a page of its own
//! saying so, so that no figure stays up looking live, and tries to attach
//! again every half second (a hub under systemd comes back); `r` starts a
//! hub here and `q` quits.

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::Event;
use futures_util::StreamExt as _;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, oneshot};

use super::protocol::{self, ConsoleHello, Hello, Role, ToConsole, ToHub, WireKey};
use super::screen::RemoteScreen;
use crate::app::text::{HUB_EN, fill};
use crate::app::{Key, Msg};

/// A connection to a hub: a Unix socket, or the in-memory pipe to a hub
/// running in this process.
pub trait HubStream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> HubStream for T {}

/// A connection to a hub, whatever it runs over.
pub type BoxedStream = Box<dyn HubStream>;

/// Starts a hub in this process when the operator presses `r` on the
/// "hub stopped" page: a new connection to it, or why it could not start.
pub type StartHub =
    Box<dyn FnMut() -> Pin<Box<dyn Future<Output = Result<BoxedStream, String>> + Send>> + Send>;

/// How a console attaches, beyond the first connection.
pub struct AttachOptions {
    /// Size, zone, theme and bell, as sent in the hello (the size is
    /// replaced by the terminal's at each attach).
    pub hello: ConsoleHello,
    /// The hub's socket, tried every half second after the hub stops.
    pub socket: Option<PathBuf>,
    /// What `r` does on the "hub stopped" page; `None` offers no `r`.
    pub start_hub: Option<StartHub>,
}

/// How an attached console ended. Whatever there was to tell the operator
/// (the hub's goodbye, a refusal) has been printed after leaving full screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachEnd {
    /// The hub ended this console (the operator quit, it fell behind, the
    /// hub stopped), with its reason.
    Bye { reason: String },
    /// The hub turned the console away, and why.
    Refused { reason: String },
    /// The operator quit from the "hub stopped" page.
    Quit,
    /// A signal (its name) ended the console.
    Signal(&'static str),
    /// The terminal went away (hang-up).
    TerminalGone,
}

/// What the terminal reports to the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleEvent {
    /// A key, with the wall clock (ms since the epoch) when it was read.
    Key {
        key: Key,
        at_ms: i64,
    },
    Resize {
        cols: u16,
        rows: u16,
    },
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal(&'static str),
    /// The terminal is gone.
    Gone,
}

/// The terminal end of a console: events in, bytes out through a writer
/// thread (a slow terminal over SSH never holds up the async threads), and
/// full screen entered and left.
pub struct Console {
    events: mpsc::Receiver<ConsoleEvent>,
    /// The task reading the terminal, stopped with the console so that it
    /// takes no more input from it.
    reader: Option<tokio::task::JoinHandle<()>>,
    writer: std::sync::mpsc::Sender<Out>,
    size: (u16, u16),
    /// This is the process's real terminal (tests use memory instead).
    real: bool,
    full_screen: bool,
}

enum Out {
    Bytes(Vec<u8>),
    /// Answered once everything before it is written and flushed.
    Synced(oneshot::Sender<()>),
}

impl Console {
    /// The process's terminal: keys, resizes and signals read on a task of
    /// the current tokio runtime, bytes written to stdout by a thread.
    pub fn open() -> anyhow::Result<Console> {
        let size = crossterm::terminal::size().context("cannot read the terminal size")?;
        let (events_tx, events) = mpsc::channel(64);
        let mut signals = super::Signals::new()?;
        let reader = tokio::spawn(async move {
            let mut keys = crossterm::event::EventStream::new();
            loop {
                let event = tokio::select! {
                    name = signals.next() => ConsoleEvent::Signal(name),
                    event = keys.next() => match event {
                        Some(Ok(event)) => match to_event(event) {
                            Some(event) => event,
                            None => continue,
                        },
                        Some(Err(_)) | None => ConsoleEvent::Gone,
                    },
                };
                let last = event == ConsoleEvent::Gone;
                if events_tx.send(event).await.is_err() || last {
                    break;
                }
            }
        });
        let writer = start_writer(std::io::stdout())?;
        Ok(Console {
            events,
            reader: Some(reader),
            writer,
            size,
            real: true,
            full_screen: false,
        })
    }

    /// A console of `cols` × `rows` whose events are sent by the caller and
    /// whose bytes go to `out`: for tests, which have no terminal.
    pub fn in_memory(
        cols: u16,
        rows: u16,
        out: impl Write + Send + 'static,
    ) -> anyhow::Result<(Console, mpsc::Sender<ConsoleEvent>)> {
        let (events_tx, events) = mpsc::channel(64);
        let writer = start_writer(out)?;
        let console = Console {
            events,
            reader: None,
            writer,
            size: (cols, rows),
            real: false,
            full_screen: false,
        };
        Ok((console, events_tx))
    }

    fn write(&self, bytes: Vec<u8>) {
        let _ = self.writer.send(Out::Bytes(bytes));
    }

    fn enter(&mut self) -> anyhow::Result<()> {
        if !self.full_screen {
            if self.real {
                drop(
                    super::terminal::enter()
                        .context("cannot switch the terminal to full screen")?,
                );
            }
            self.full_screen = true;
        }
        Ok(())
    }

    /// Waits until what was written is on the terminal (for a while: a
    /// terminal that takes nothing must not hold the exit), then leaves full screen.
    async fn leave(&mut self) {
        let (done, written) = oneshot::channel();
        if self.writer.send(Out::Synced(done)).is_ok() {
            let _ = tokio::time::timeout(Duration::from_secs(2), written).await;
        }
        if self.full_screen && self.real {
            super::terminal::leave();
        }
        self.full_screen = false;
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        // The writer thread ends by itself once the channel closes and it
        // has written what was queued; it is not waited for, because a
        // frozen terminal would never let it finish.
        if let Some(reader) = self.reader.take() {
            reader.abort();
        }
    }
}

fn start_writer(
    mut out: impl Write + Send + 'static,
) -> anyhow::Result<std::sync::mpsc::Sender<Out>> {
    let (tx, rx) = std::sync::mpsc::channel::<Out>();
    std::thread::Builder::new()
        .name("console-writer".to_string())
        .spawn(move || {
            for item in rx {
                match item {
                    Out::Bytes(bytes) => {
                        let _ = out.write_all(&bytes).and_then(|()| out.flush());
                    }
                    Out::Synced(done) => {
                        let _ = out.flush();
                        let _ = done.send(());
                    }
                }
            }
        })
        .context("cannot start the thread that writes to the terminal")?;
    Ok(tx)
}

/// The console's event for a terminal event, if it has one.
fn to_event(event: Event) -> Option<ConsoleEvent> {
    match event {
        Event::Resize(cols, rows) => Some(ConsoleEvent::Resize { cols, rows }),
        other => match super::terminal::to_msg(other) {
            Some(Msg::KeyPressedAt { key, at }) => Some(ConsoleEvent::Key {
                key,
                at_ms: at.as_millis(),
            }),
            _ => None,
        },
    }
}

/// Attaches `console` to the hub at the other end of `stream` until the
/// hub says goodbye, the operator quits, a signal comes or the terminal
/// goes. Full screen is entered only once the hub has welcomed the console,
/// and left before anything is printed. A hub of another protocol version,
/// or one that hangs up unanswered, is an error (nothing on screen changed).
pub async fn attach<S>(
    console: &mut Console,
    stream: S,
    mut options: AttachOptions,
) -> anyhow::Result<AttachEnd>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut stream: BoxedStream = Box::new(stream);
    let mut failure = None;
    let mut first = true;
    // When this console noticed the hub stop (kept while attempts fail).
    let mut since = None;
    let end = loop {
        match session(console, stream, &options.hello).await {
            Ok(Session::Ended(end)) => break end,
            Ok(Session::HubGone) => since = None,
            Err(e) if first => {
                console.leave().await;
                return Err(e);
            }
            Err(e) => failure = Some(fill(HUB_EN.attach_failed, &[&e.to_string()])),
        }
        first = false;
        let stopped_at = since
            .get_or_insert_with(|| chrono::Local::now().format("%H:%M:%S").to_string())
            .clone();
        match stopped_page(console, &mut options, &stopped_at, failure.take()).await {
            Stopped::Ended(end) => break end,
            Stopped::Reattach(next) => stream = next,
        }
    };
    console.leave().await;
    tell(&end);
    Ok(end)
}

/// What the operator is told once the terminal is back to normal.
fn tell(end: &AttachEnd) {
    let (template, reason) = match end {
        AttachEnd::Bye { reason } => (HUB_EN.ended, reason),
        AttachEnd::Refused { reason } => (HUB_EN.refused, reason),
        _ => return,
    };
    if !reason.trim().is_empty() {
        eprintln!(
            "{}",
            fill(template, &[&crate::untrusted::clean_lines(reason)])
        );
    }
}

enum Session {
    Ended(AttachEnd),
    /// The stream ended, or broke, without a goodbye.
    HubGone,
}

/// One connection: hello, welcome, then keys out and bytes in.
async fn session(
    console: &mut Console,
    stream: BoxedStream,
    hello: &ConsoleHello,
) -> anyhow::Result<Session> {
    let (mut from_hub, mut to_hub) = tokio::io::split(stream);
    let hello = ConsoleHello {
        cols: console.size.0,
        rows: console.size.1,
        ..hello.clone()
    };
    protocol::write_to_hub(&mut to_hub, &ToHub::Hello(Hello::new(Role::Console(hello))))
        .await
        .context("cannot greet the hub")?;
    // Until the hub answers, a signal or a lost terminal still ends the
    // console (a hub that accepts but never answers must not hold it).
    let welcome = {
        let answer = protocol::read_welcome(&mut from_hub);
        tokio::pin!(answer);
        loop {
            let event = tokio::select! {
                welcome = &mut answer => break welcome?,
                event = console.events.recv() => event.unwrap_or(ConsoleEvent::Gone),
            };
            match event {
                ConsoleEvent::Signal(name) => return Ok(Session::Ended(AttachEnd::Signal(name))),
                ConsoleEvent::Gone => return Ok(Session::Ended(AttachEnd::TerminalGone)),
                ConsoleEvent::Resize { cols, rows } => console.size = (cols, rows),
                ConsoleEvent::Key { .. } => {}
            }
        }
    };
    match welcome {
        Some(ToConsole::Welcome { operator, .. }) => {
            tracing::info!("attached to the hub as {operator}");
        }
        Some(ToConsole::Refused { reason }) => {
            return Ok(Session::Ended(AttachEnd::Refused { reason }));
        }
        Some(_) | None => anyhow::bail!("{}", HUB_EN.closed_before_answer),
    }
    console.enter()?;
    // The end-to-end tests prove that a panic restores the terminal.
    if console.real && std::env::var_os("FLOORWATCH_INJECT_PANIC").is_some() {
        panic!("injected panic (FLOORWATCH_INJECT_PANIC is set)");
    }
    // Frames are read on their own task: a read cut short by a key would
    // lose part of a frame.
    let (frames_tx, mut frames) = mpsc::channel::<Option<ToConsole>>(8);
    let reader = tokio::spawn(async move {
        loop {
            let frame = protocol::read_to_console(&mut from_hub).await;
            let frame = match frame {
                Ok(Some(frame)) => Some(frame),
                Ok(None) => None,
                Err(e) => {
                    tracing::warn!("the connection to the hub broke: {e}");
                    None
                }
            };
            let last = frame.is_none();
            if frames_tx.send(frame).await.is_err() || last {
                break;
            }
        }
    });
    // Messages to the hub are written on their own task too: a hub that
    // stops reading must not keep a signal or `q` from ending the console.
    let (to_hub_tx, mut to_hub_rx) = mpsc::channel::<ToHub>(64);
    let writer = tokio::spawn(async move {
        while let Some(message) = to_hub_rx.recv().await {
            if protocol::write_to_hub(&mut to_hub, &message).await.is_err() {
                break;
            }
        }
    });
    let outcome = loop {
        let event = tokio::select! {
            frame = frames.recv() => match frame.flatten() {
                Some(ToConsole::Output(bytes)) => {
                    console.write(bytes);
                    continue;
                }
                Some(ToConsole::Bye { reason }) => break Session::Ended(AttachEnd::Bye { reason }),
                Some(other) => {
                    tracing::warn!("unexpected from the hub: {other:?}");
                    continue;
                }
                None => break Session::HubGone,
            },
            event = console.events.recv() => event.unwrap_or(ConsoleEvent::Gone),
        };
        let message = match event {
            ConsoleEvent::Key { key, at_ms } => ToHub::Key {
                key: WireKey::from(key),
                at_ms,
            },
            ConsoleEvent::Resize { cols, rows } => {
                console.size = (cols, rows);
                ToHub::Resize { cols, rows }
            }
            ConsoleEvent::Signal(name) => {
                let _ = to_hub_tx.try_send(ToHub::Bye);
                break Session::Ended(AttachEnd::Signal(name));
            }
            ConsoleEvent::Gone => {
                let _ = to_hub_tx.try_send(ToHub::Bye);
                break Session::Ended(AttachEnd::TerminalGone);
            }
        };
        match to_hub_tx.try_send(message) {
            Ok(()) => {}
            // 64 messages unread: the hub is stuck; the key is not kept for later.
            Err(mpsc::error::TrySendError::Full(_)) => {
                tracing::warn!("the hub is not reading keys")
            }
            Err(mpsc::error::TrySendError::Closed(_)) => break Session::HubGone,
        }
    };
    reader.abort();
    // The goodbye goes out if the hub still reads; nobody waits long for it.
    drop(to_hub_tx);
    let stop_writer = writer.abort_handle();
    if tokio::time::timeout(Duration::from_millis(500), writer)
        .await
        .is_err()
    {
        stop_writer.abort();
    }
    Ok(outcome)
}

enum Stopped {
    Ended(AttachEnd),
    Reattach(BoxedStream),
}

/// The console's own page while there is no hub: shown at once, replacing
/// every figure, until a hub answers again or the operator quits.
async fn stopped_page(
    console: &mut Console,
    options: &mut AttachOptions,
    since: &str,
    mut note: Option<String>,
) -> Stopped {
    let mut screen = match RemoteScreen::new(console.size.0, console.size.1) {
        Ok(screen) => screen,
        Err(_) => return Stopped::Ended(AttachEnd::TerminalGone),
    };
    let page = |screen: &mut RemoteScreen, note: &Option<String>, options: &AttachOptions| {
        screen.draw(|frame| draw_stopped(frame, since, note.as_deref(), options))
    };
    if let Ok(bytes) = page(&mut screen, &note, options) {
        console.write(bytes);
    }
    let mut retry = tokio::time::interval(Duration::from_millis(500));
    retry.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    retry.tick().await;
    loop {
        tokio::select! {
            event = console.events.recv() => match event.unwrap_or(ConsoleEvent::Gone) {
                ConsoleEvent::Key { key: Key::Char('q') | Key::Ctrl('c'), .. } => {
                    return Stopped::Ended(AttachEnd::Quit);
                }
                ConsoleEvent::Key { key: Key::Char('r'), .. } if options.start_hub.is_some() => {
                    note = Some(HUB_EN.starting.to_string());
                    if let Ok(bytes) = page(&mut screen, &note, options) {
                        console.write(bytes);
                    }
                    let started = match options.start_hub.as_mut() {
                        Some(start) => start().await,
                        None => continue,
                    };
                    match started {
                        Ok(stream) => return Stopped::Reattach(stream),
                        Err(why) => note = Some(fill(HUB_EN.start_failed, &[&why])),
                    }
                }
                ConsoleEvent::Key { .. } => continue,
                ConsoleEvent::Resize { cols, rows } => {
                    console.size = (cols, rows);
                    if screen.resize(cols, rows).is_err() {
                        return Stopped::Ended(AttachEnd::TerminalGone);
                    }
                }
                ConsoleEvent::Signal(name) => return Stopped::Ended(AttachEnd::Signal(name)),
                ConsoleEvent::Gone => return Stopped::Ended(AttachEnd::TerminalGone),
            },
            _ = retry.tick(), if options.socket.is_some() => {
                let Some(socket) = options.socket.as_ref() else { continue };
                match tokio::net::UnixStream::connect(socket).await {
                    Ok(stream) => return Stopped::Reattach(Box::new(stream)),
                    Err(_) => continue,
                }
            }
        }
        if let Ok(bytes) = page(&mut screen, &note, options) {
            console.write(bytes);
        }
    }
}

/// The "hub stopped" page: what happened, since when, what to do.
fn draw_stopped(
    frame: &mut ratatui::Frame,
    since: &str,
    note: Option<&str>,
    options: &AttachOptions,
) {
    let strong = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let retrying = match &options.socket {
        Some(socket) => fill(HUB_EN.retrying, &[&socket.display().to_string()]),
        None => HUB_EN.no_retry.to_string(),
    };
    let mut lines = vec![
        Line::styled(fill(HUB_EN.stopped_title, &[since]), strong),
        Line::raw(""),
        Line::raw(HUB_EN.stopped_body),
        Line::raw(""),
        Line::raw(retrying),
    ];
    if let Some(note) = note {
        lines.push(Line::raw(crate::untrusted::clean(note)));
    }
    lines.push(Line::raw(""));
    if options.start_hub.is_some() {
        lines.push(Line::raw(HUB_EN.key_start));
    }
    lines.push(Line::raw(HUB_EN.key_quit));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        frame.area(),
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
