//! The hub protocol, version 1: what a console (or a report request) and
//! the hub say to each other over the hub's Unix socket or an in-memory pipe.
//!
//! Framing: a big-endian `u32` length, then that many bytes, at most
//! [`MAX_FRAME`]. Each frame starts with one tag byte: [`TAG_JSON`] for a
//! control message in JSON, [`TAG_OUTPUT`] for raw terminal bytes (hub to
//! console only: the screen is the bulk of the traffic, and JSON would
//! triple it).
//!
//! The first frame each way carries a `"protocol"` number, read on its own
//! before anything else in the frame: a console and a hub of different
//! versions may not agree on the rest, but both can say clearly that they
//! differ. A `Refused` keeps its shape in every version so that any console
//! can show why it was turned away.

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::app::Key;

/// The protocol this build speaks. Raised whenever a message changes shape.
pub const PROTOCOL: u32 = 1;

/// The largest frame either side accepts: a full redraw of a very large
/// terminal is well under a megabyte, so 16 MiB only stops a runaway peer.
pub const MAX_FRAME: usize = 16 * 1024 * 1024;

/// The tag of a JSON control message.
pub const TAG_JSON: u8 = b'J';
/// The tag of raw terminal output (hub to console).
pub const TAG_OUTPUT: u8 = b'O';

/// This build's version, sent in the hello so a refusal can name both builds.
pub const BUILD: &str = env!("CARGO_PKG_VERSION");

/// What a console or a report request sends the hub.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToHub {
    /// The first message, and only the first.
    Hello(Hello),
    /// A key as the console read it, stamped with the console's wall clock
    /// (milliseconds since the Unix epoch) at the moment it was read.
    Key { key: WireKey, at_ms: i64 },
    /// The console's terminal changed size.
    Resize { cols: u16, rows: u16 },
    /// The console is leaving (the operator quit, or a signal).
    Bye,
}

/// The first message from a console or a report request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// [`PROTOCOL`] of the sender.
    pub protocol: u32,
    /// The sender's build ([`BUILD`]), for messages only.
    pub version: String,
    pub role: Role,
}

impl Hello {
    /// A hello from this build.
    pub fn new(role: Role) -> Hello {
        Hello {
            protocol: PROTOCOL,
            version: BUILD.to_string(),
            role,
        }
    }
}

/// Why the peer connects: to be a console, or to ask for one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Console(ConsoleHello),
    Report(ReportRequest),
}

/// What the hub needs to draw for this console: its size, zone, theme and
/// whether it wants the bell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsoleHello {
    pub cols: u16,
    pub rows: u16,
    /// The console's zone, seconds east of UTC (times are shown in it).
    pub utc_offset_s: i32,
    pub theme: ThemeChoice,
    pub no_bell: bool,
}

/// The theme a console's own environment chose (`--theme`, `--color`,
/// `NO_COLOR`, `COLORTERM`, `TERM`, its own theme directory), in a form the
/// hub can rebuild the same theme from: the hub runs as another process,
/// maybe as another user, and sees none of that environment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChoice {
    /// The theme asked for by name; `None` means the default for the level.
    pub name: Option<String>,
    pub colours: WireColorLevel,
    /// The console user's own theme files (origin shown in errors, text),
    /// so a user theme, or one inheriting from it, resolves on the hub too.
    pub user_themes: Vec<ThemeSource>,
}

/// One theme file's text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSource {
    pub origin: String,
    pub text: String,
}

/// How many colours the console's terminal shows (`ui::theme::ColorLevel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireColorLevel {
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl From<crate::ui::theme::ColorLevel> for WireColorLevel {
    fn from(level: crate::ui::theme::ColorLevel) -> Self {
        use crate::ui::theme::ColorLevel as L;
        match level {
            L::None => WireColorLevel::None,
            L::Ansi16 => WireColorLevel::Ansi16,
            L::Ansi256 => WireColorLevel::Ansi256,
            L::TrueColor => WireColorLevel::TrueColor,
        }
    }
}

impl From<WireColorLevel> for crate::ui::theme::ColorLevel {
    fn from(level: WireColorLevel) -> Self {
        use crate::ui::theme::ColorLevel as L;
        match level {
            WireColorLevel::None => L::None,
            WireColorLevel::Ansi16 => L::Ansi16,
            WireColorLevel::Ansi256 => L::Ansi256,
            WireColorLevel::TrueColor => L::TrueColor,
        }
    }
}

/// A report read from the store through the hub while it holds the store.
/// The hub answers the hello with `Welcome` (or `Refused`), then one
/// `ToConsole::Report` (the text the command prints) or
/// `ToConsole::ReportFailed`, and closes the connection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum ReportRequest {
    /// `incidents list` (`--json` when `json`).
    IncidentsList { json: bool },
    /// `incidents export ID --format FORMAT`.
    IncidentsExport { id: u64, format: ReportFormat },
    /// `drills list` (`--json` when `json`).
    DrillsList { json: bool },
    /// The audit log of operator actions outside incidents.
    Audit { json: bool },
}

/// The format of an exported incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Md,
    Json,
}

/// What the hub sends a console or a report request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToConsole {
    /// The first message when the peer is let in: actions from it are
    /// recorded under `operator`, the name the OS gives the socket's peer.
    Welcome { protocol: u32, operator: String },
    /// The first (and last) message when the peer is turned away, and why.
    /// Its shape never changes between versions.
    Refused { reason: String },
    /// Terminal bytes to write as they are (sent as a [`TAG_OUTPUT`] frame).
    #[serde(skip)]
    Output(Vec<u8>),
    /// The hub ends this console: the operator quit, the console fell too
    /// far behind, or the hub is stopping. `reason` is shown after the
    /// console leaves full screen.
    Bye { reason: String },
    /// The text a report request asked for, exactly as the command prints it.
    Report { text: String },
    /// Why a report could not be made.
    ReportFailed { reason: String },
}

/// A key, as `app::Key`, in a form that crosses the wire (the core has no serde).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireKey {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Backspace,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

impl From<Key> for WireKey {
    fn from(key: Key) -> Self {
        match key {
            Key::Char(c) => WireKey::Char(c),
            Key::Ctrl(c) => WireKey::Ctrl(c),
            Key::Enter => WireKey::Enter,
            Key::Esc => WireKey::Esc,
            Key::Backspace => WireKey::Backspace,
            Key::Tab => WireKey::Tab,
            Key::BackTab => WireKey::BackTab,
            Key::Up => WireKey::Up,
            Key::Down => WireKey::Down,
            Key::Left => WireKey::Left,
            Key::Right => WireKey::Right,
            Key::PageUp => WireKey::PageUp,
            Key::PageDown => WireKey::PageDown,
            Key::Home => WireKey::Home,
            Key::End => WireKey::End,
            Key::F(n) => WireKey::F(n),
        }
    }
}

impl From<WireKey> for Key {
    fn from(key: WireKey) -> Self {
        match key {
            WireKey::Char(c) => Key::Char(c),
            WireKey::Ctrl(c) => Key::Ctrl(c),
            WireKey::Enter => Key::Enter,
            WireKey::Esc => Key::Esc,
            WireKey::Backspace => Key::Backspace,
            WireKey::Tab => Key::Tab,
            WireKey::BackTab => Key::BackTab,
            WireKey::Up => Key::Up,
            WireKey::Down => Key::Down,
            WireKey::Left => Key::Left,
            WireKey::Right => Key::Right,
            WireKey::PageUp => Key::PageUp,
            WireKey::PageDown => Key::PageDown,
            WireKey::Home => Key::Home,
            WireKey::End => Key::End,
            WireKey::F(n) => Key::F(n),
        }
    }
}

/// Why a frame could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    #[error(
        "a frame of {len} bytes is over the limit of {limit} bytes; the peer is not a floorwatch of this version, or is broken"
    )]
    TooLarge { len: usize, limit: usize },
    #[error(
        "the {peer} speaks floorwatch protocol {theirs}{their_build} and the {} protocol {ours} (floorwatch {BUILD}): run the same floorwatch for the hub and the consoles",
        other_side(peer)
    )]
    OtherVersion {
        /// "hub" or "console": who sent the other version.
        peer: &'static str,
        ours: u32,
        theirs: u32,
        /// ` (floorwatch X.Y.Z)` when the peer said, or empty.
        their_build: String,
    },
    #[error("the {peer} did not start with a floorwatch hello: {detail}")]
    NotAHello { peer: &'static str, detail: String },
    #[error("an empty frame (no tag byte)")]
    Empty,
    #[error("a frame with the unknown tag byte {tag:#04x}")]
    UnknownTag { tag: u8 },
    #[error("terminal output where only control messages may come")]
    UnexpectedOutput,
    #[error("a malformed message: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the connection ended in the middle of a frame")]
    Truncated,
    #[error("the connection failed: {0}")]
    Io(#[source] std::io::Error),
}

/// The side that is not `peer`, for messages.
fn other_side(peer: &str) -> &'static str {
    if peer == "hub" { "console" } else { "hub" }
}

impl From<std::io::Error> for ProtocolError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            ProtocolError::Truncated
        } else {
            ProtocolError::Io(e)
        }
    }
}

/// One whole frame, length prefix included, ready to write: the hub encodes
/// once and queues the bytes per console.
pub fn encode_to_console(message: &ToConsole) -> Result<Vec<u8>, ProtocolError> {
    match message {
        ToConsole::Output(bytes) => Ok(frame(TAG_OUTPUT, bytes)),
        other => Ok(frame(TAG_JSON, &serde_json::to_vec(other)?)),
    }
}

/// One whole frame for a message to the hub.
pub fn encode_to_hub(message: &ToHub) -> Result<Vec<u8>, ProtocolError> {
    Ok(frame(TAG_JSON, &serde_json::to_vec(message)?))
}

fn frame(tag: u8, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len() + 1).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(payload.len() + 5);
    out.extend_from_slice(&len.to_be_bytes());
    out.push(tag);
    out.extend_from_slice(payload);
    out
}

/// Writes an encoded frame (from [`encode_to_console`] or [`encode_to_hub`]) and flushes it.
pub async fn write_frame<W: AsyncWrite + Unpin>(
    writer: &mut W,
    frame: &[u8],
) -> Result<(), ProtocolError> {
    writer.write_all(frame).await?;
    writer.flush().await?;
    Ok(())
}

/// Encodes and writes one message to the hub.
pub async fn write_to_hub<W: AsyncWrite + Unpin>(
    writer: &mut W,
    message: &ToHub,
) -> Result<(), ProtocolError> {
    write_frame(writer, &encode_to_hub(message)?).await
}

/// Encodes and writes one message to a console.
pub async fn write_to_console<W: AsyncWrite + Unpin>(
    writer: &mut W,
    message: &ToConsole,
) -> Result<(), ProtocolError> {
    write_frame(writer, &encode_to_console(message)?).await
}

/// Reads one frame: `(tag, payload)`, or `None` when the stream ended
/// cleanly between frames. A length over [`MAX_FRAME`] is refused before
/// anything is allocated for it.
pub async fn read_frame<R: AsyncRead + Unpin>(
    reader: &mut R,
) -> Result<Option<(u8, Vec<u8>)>, ProtocolError> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < len.len() {
        match reader.read(&mut len[got..]).await? {
            0 if got == 0 => return Ok(None),
            0 => return Err(ProtocolError::Truncated),
            n => got += n,
        }
    }
    let len = usize::try_from(u32::from_be_bytes(len)).unwrap_or(usize::MAX);
    if len > MAX_FRAME {
        return Err(ProtocolError::TooLarge {
            len,
            limit: MAX_FRAME,
        });
    }
    if len == 0 {
        return Err(ProtocolError::Empty);
    }
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body).await?;
    let payload = body.split_off(1);
    Ok(Some((body[0], payload)))
}

/// The protocol number (and build) a first message claims, read before the
/// rest so that a message of another version is never decoded as ours.
#[derive(Deserialize)]
struct Claimed {
    #[serde(rename = "type")]
    kind: Option<String>,
    protocol: Option<u32>,
    version: Option<String>,
    reason: Option<String>,
}

fn claimed(peer: &'static str, tag: u8, payload: &[u8]) -> Result<Claimed, ProtocolError> {
    let not_a_hello = |detail: String| ProtocolError::NotAHello { peer, detail };
    if tag != TAG_JSON {
        return Err(not_a_hello(format!("a frame tagged {tag:#04x}")));
    }
    serde_json::from_slice::<Claimed>(payload).map_err(|e| not_a_hello(e.to_string()))
}

fn check_version(peer: &'static str, claimed: &Claimed) -> Result<(), ProtocolError> {
    match claimed.protocol {
        Some(PROTOCOL) => Ok(()),
        Some(theirs) => Err(ProtocolError::OtherVersion {
            peer,
            ours: PROTOCOL,
            theirs,
            their_build: claimed
                .version
                .as_deref()
                .map(|v| format!(" (floorwatch {})", crate::untrusted::clean(v)))
                .unwrap_or_default(),
        }),
        None => Err(ProtocolError::NotAHello {
            peer,
            detail: "no protocol number".to_string(),
        }),
    }
}

/// The hub's first read: the peer's hello, its protocol checked before the
/// rest is decoded. `None` when the peer left without a word.
pub async fn read_hello<R: AsyncRead + Unpin>(
    reader: &mut R,
) -> Result<Option<Hello>, ProtocolError> {
    let Some((tag, payload)) = read_frame(reader).await? else {
        return Ok(None);
    };
    check_version("console", &claimed("console", tag, &payload)?)?;
    match serde_json::from_slice::<ToHub>(&payload) {
        Ok(ToHub::Hello(hello)) => Ok(Some(hello)),
        Ok(_) => Err(ProtocolError::NotAHello {
            peer: "console",
            detail: "another message came first".to_string(),
        }),
        Err(e) => Err(ProtocolError::NotAHello {
            peer: "console",
            detail: e.to_string(),
        }),
    }
}

/// A console's first read: `Welcome` or `Refused` (a refusal is shown
/// whatever version the hub is). `None` when the hub hung up unanswered.
pub async fn read_welcome<R: AsyncRead + Unpin>(
    reader: &mut R,
) -> Result<Option<ToConsole>, ProtocolError> {
    let Some((tag, payload)) = read_frame(reader).await? else {
        return Ok(None);
    };
    let claimed = claimed("hub", tag, &payload)?;
    if claimed.kind.as_deref() == Some("refused")
        && let Some(reason) = claimed.reason
    {
        return Ok(Some(ToConsole::Refused { reason }));
    }
    check_version("hub", &claimed)?;
    match decode_to_console(tag, payload)? {
        welcome @ ToConsole::Welcome { .. } => Ok(Some(welcome)),
        _ => Err(ProtocolError::NotAHello {
            peer: "hub",
            detail: "another message came first".to_string(),
        }),
    }
}

/// The next message to a console after the welcome, or `None` when the hub
/// closed the stream between frames.
pub async fn read_to_console<R: AsyncRead + Unpin>(
    reader: &mut R,
) -> Result<Option<ToConsole>, ProtocolError> {
    match read_frame(reader).await? {
        Some((tag, payload)) => decode_to_console(tag, payload).map(Some),
        None => Ok(None),
    }
}

/// The next message to the hub after the hello, or `None` when the console
/// closed the stream between frames.
pub async fn read_to_hub<R: AsyncRead + Unpin>(
    reader: &mut R,
) -> Result<Option<ToHub>, ProtocolError> {
    match read_frame(reader).await? {
        Some((TAG_JSON, payload)) => Ok(Some(serde_json::from_slice(&payload)?)),
        Some((TAG_OUTPUT, _)) => Err(ProtocolError::UnexpectedOutput),
        Some((tag, _)) => Err(ProtocolError::UnknownTag { tag }),
        None => Ok(None),
    }
}

fn decode_to_console(tag: u8, payload: Vec<u8>) -> Result<ToConsole, ProtocolError> {
    match tag {
        TAG_OUTPUT => Ok(ToConsole::Output(payload)),
        TAG_JSON => Ok(serde_json::from_slice(&payload)?),
        tag => Err(ProtocolError::UnknownTag { tag }),
    }
}

/// Why a report asked of a hub did not come back.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the hub refused: {0}")]
    Refused(String),
    #[error("the hub could not make the report: {0}")]
    Failed(String),
    #[error("the hub closed the connection before answering")]
    NoAnswer,
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
}

/// Asks the hub at the other end of `stream` for one report and returns its
/// text: the hello, the welcome, the answer.
pub async fn request_report<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    request: ReportRequest,
) -> Result<String, ReportError> {
    write_to_hub(stream, &ToHub::Hello(Hello::new(Role::Report(request)))).await?;
    match read_welcome(stream).await? {
        Some(ToConsole::Welcome { .. }) => {}
        Some(ToConsole::Refused { reason }) => return Err(ReportError::Refused(reason)),
        _ => return Err(ReportError::NoAnswer),
    }
    match read_to_console(stream).await? {
        Some(ToConsole::Report { text }) => Ok(text),
        Some(ToConsole::ReportFailed { reason }) => Err(ReportError::Failed(reason)),
        _ => Err(ReportError::NoAnswer),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
