//! The reading commands (`incidents list`, `incidents export`, `drills
//! list`, `audit`): each a function of an open store giving the text to
//! print, run here on a store opened to read, or by the hub that holds it.
//!
//! A console holds its state directory while it runs, so a report asks the
//! hub on `<state-dir>/hub.sock` first: the hub runs the same function on its
//! record keeper's thread, in order with the writes, and answers the text.
//! When nobody answers there, the report opens the store itself.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

use super::args::StateDirArg;
use super::audit::audit_log;
use super::incidents::{drills_list, incident_export, incidents_list, state_dir};
use super::output::write_lines;
use crate::store::{Store, StoreError};

/// Which report, and in what form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportRequest {
    IncidentsList {
        json: bool,
    },
    /// One incident for the review: Markdown, or JSON.
    IncidentsExport {
        id: u64,
        json: bool,
    },
    DrillsList {
        json: bool,
    },
    Audit {
        json: bool,
    },
}

/// The report's text on an open store: what the command prints.
pub fn report_text(request: &ReportRequest, store: &Store) -> anyhow::Result<String> {
    match *request {
        ReportRequest::IncidentsList { json } => incidents_list(store, json),
        ReportRequest::IncidentsExport { id, json } => incident_export(store, id, json),
        ReportRequest::DrillsList { json } => drills_list(store, json),
        ReportRequest::Audit { json } => audit_log(store, json),
    }
}

/// What the hub answers a report connection with, run on the record
/// keeper's thread: the text, or why it could not be made.
pub fn answer(request: &ReportRequest, store: &Store) -> Result<String, String> {
    report_text(request, store).map_err(|e| format!("{e:#}"))
}

/// Runs a reading command: through the hub when one answers for the state
/// directory, else on the store opened to read.
pub fn run(request: &ReportRequest, state: &StateDirArg) -> anyhow::Result<()> {
    let dir = existing_state_dir(state)?;
    let text = match hub::ask(&dir.join(hub::SOCKET), request)? {
        Some(text) => text,
        None => report_text(request, &open_to_read(&dir)?)?,
    };
    // The hub's text came from another process: cleaned again on the way out.
    write_lines(&mut std::io::stdout().lock(), &text)?;
    Ok(())
}

/// The state directory, which a report only reads: one that does not exist
/// is a mistyped `--state-dir` (or a floor never watched), and is not created.
fn existing_state_dir(state: &StateDirArg) -> anyhow::Result<PathBuf> {
    let dir = state_dir(state)?;
    match std::fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => Ok(dir),
        Ok(_) => bail!("state directory {} is not a directory", dir.display()),
        Err(e) if e.kind() == ErrorKind::NotFound => bail!(
            "state directory {} does not exist: no console has kept anything there (check --state-dir)",
            dir.display()
        ),
        Err(e) => {
            Err(e).with_context(|| format!("cannot read the state directory {}", dir.display()))
        }
    }
}

/// The store, opened to read. A directory held by a floorwatch that no hub
/// answers for is one that answers no reports (an older console): after
/// waiting for it to let go, say what holds it and what to do.
fn open_to_read(dir: &Path) -> anyhow::Result<Store> {
    match Store::open_for_reading(dir) {
        Err(StoreError::InUse { dir, holder }) => bail!(
            "state directory {} is held by a floorwatch that answers no reports ({holder}): \
             an older console, or a command still running there; quit it and ask again \
             (a console or `floorwatch hub` of this version answers reports while it runs)",
            dir.display()
        ),
        opened => Ok(opened?),
    }
}

/// The report client's side of the hub's protocol: one connection, one
/// request, one answer.
mod hub {
    use super::*;

    /// The hub's socket, in the state directory.
    pub const SOCKET: &str = "hub.sock";
    /// The protocol this floorwatch speaks.
    const PROTOCOL: u32 = 1;
    /// How long a hub may take to answer: it runs the report after every
    /// write queued before it, and a disk may be slow.
    const PATIENCE: Duration = Duration::from_secs(30);
    /// The largest frame either side sends.
    const MAX_FRAME: u32 = 16 * 1024 * 1024;
    /// A frame holding a JSON control message.
    const JSON: u8 = b'J';

    #[derive(Serialize)]
    struct Hello<'a> {
        protocol: u32,
        version: &'a str,
        role: Role<'a>,
    }

    #[derive(Serialize)]
    enum Role<'a> {
        Report(&'a ReportRequest),
    }

    #[derive(Deserialize)]
    enum FromHub {
        Welcome {
            #[allow(dead_code)]
            protocol: u32,
        },
        Refused {
            reason: String,
        },
        Report {
            text: String,
        },
        ReportFailed {
            reason: String,
        },
        Bye {
            reason: String,
        },
    }

    /// The hub's answer; `None` when no hub answers on `socket` (none
    /// running, or a socket file left by one that stopped).
    pub fn ask(socket: &Path, request: &ReportRequest) -> anyhow::Result<Option<String>> {
        let mut stream = match UnixStream::connect(socket) {
            Ok(stream) => stream,
            Err(e) if nobody_answers(&e) => return Ok(None),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot reach the hub at {}", socket.display()));
            }
        };
        let at = || format!("the hub at {}", socket.display());
        stream.set_read_timeout(Some(PATIENCE))?;
        stream.set_write_timeout(Some(PATIENCE))?;
        let hello = Hello {
            protocol: PROTOCOL,
            version: env!("CARGO_PKG_VERSION"),
            role: Role::Report(request),
        };
        write_frame(&mut stream, &serde_json::to_vec(&hello)?)
            .with_context(|| format!("cannot send the request to {}", at()))?;
        let mut first = true;
        loop {
            let frame = read_frame(&mut stream).map_err(|e| match e.kind() {
                ErrorKind::WouldBlock | ErrorKind::TimedOut => {
                    anyhow::anyhow!("{} did not answer within {} s", at(), PATIENCE.as_secs())
                }
                ErrorKind::UnexpectedEof => {
                    anyhow::anyhow!("{} closed the connection without answering", at())
                }
                _ => anyhow::Error::new(e).context(format!("cannot read the answer of {}", at())),
            })?;
            if first {
                check_protocol(&frame).with_context(at)?;
                first = false;
            }
            let message: FromHub = serde_json::from_slice(&frame)
                .with_context(|| format!("{} answered something unreadable", at()))?;
            match message {
                FromHub::Welcome { .. } => {}
                FromHub::Report { text } => return Ok(Some(text)),
                FromHub::ReportFailed { reason } => {
                    bail!("{} could not make the report: {reason}", at())
                }
                FromHub::Refused { reason } => bail!("{} refused the report: {reason}", at()),
                FromHub::Bye { reason } => bail!("{} ended the connection: {reason}", at()),
            }
        }
    }

    /// Nothing listens there: no socket, a stale one, or a path no socket
    /// can have (a hub could not have bound it either).
    fn nobody_answers(e: &std::io::Error) -> bool {
        matches!(
            e.kind(),
            ErrorKind::NotFound | ErrorKind::ConnectionRefused | ErrorKind::InvalidInput
        )
    }

    /// The first answer's protocol, checked before the rest is read: a hub
    /// of another version is named as such, not misread.
    fn check_protocol(frame: &[u8]) -> anyhow::Result<()> {
        #[derive(Deserialize)]
        struct Versioned {
            protocol: Option<u32>,
        }
        let first: Option<Versioned> = serde_json::from_slice::<serde_json::Value>(frame)
            .ok()
            .and_then(|v| v.as_object().and_then(|o| o.values().next().cloned()))
            .and_then(|inner| serde_json::from_value(inner).ok());
        match first.and_then(|v| v.protocol) {
            Some(theirs) if theirs != PROTOCOL => bail!(
                "speaks protocol {theirs}, this floorwatch {PROTOCOL}: run the same floorwatch for the hub and the reports"
            ),
            _ => Ok(()),
        }
    }

    /// One frame: its length (u32, big-endian), a tag byte, the payload.
    fn write_frame(out: &mut impl Write, json: &[u8]) -> std::io::Result<()> {
        let len = u32::try_from(json.len() + 1)
            .ok()
            .filter(|n| *n <= MAX_FRAME)
            .ok_or_else(|| std::io::Error::new(ErrorKind::InvalidInput, "request too large"))?;
        out.write_all(&len.to_be_bytes())?;
        out.write_all(&[JSON])?;
        out.write_all(json)?;
        out.flush()
    }

    /// The next JSON frame's payload (terminal output frames are not for reports).
    fn read_frame(input: &mut impl Read) -> std::io::Result<Vec<u8>> {
        loop {
            let mut len = [0; 4];
            input.read_exact(&mut len)?;
            let len = u32::from_be_bytes(len);
            if len == 0 || len > MAX_FRAME {
                return Err(std::io::Error::new(
                    ErrorKind::InvalidData,
                    format!("a frame of {len} bytes"),
                ));
            }
            let mut frame = vec![0; len as usize];
            input.read_exact(&mut frame)?;
            if frame[0] == JSON {
                frame.remove(0);
                return Ok(frame);
            }
        }
    }
}
