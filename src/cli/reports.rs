//! The reading commands (`incidents list`, `incidents export`, `drills
//! list`, `audit`): each a function of an open store giving the text to
//! print, run here on a store opened to read, or by the hub that holds it.
//!
//! A console holds its state directory while it runs, so a report asks the
//! hub on `<state-dir>/hub.sock` first: the hub runs the same function on its
//! record keeper's thread, in order with the writes, and answers the text.
//! When nobody answers there, the report opens the store itself.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, bail};

use super::args::StateDirArg;
use super::audit::audit_log;
use super::incidents::{drills_list, incident_export, incidents_list, state_dir};
use super::output::write_lines;
use crate::store::{Store, StoreError};

pub use crate::shell::protocol::{ReportFormat, ReportRequest};

/// The report's text on an open store: what the command prints.
pub fn report_text(request: &ReportRequest, store: &Store) -> anyhow::Result<String> {
    match *request {
        ReportRequest::IncidentsList { json } => incidents_list(store, json),
        ReportRequest::IncidentsExport { id, format } => {
            incident_export(store, id, format == ReportFormat::Json)
        }
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
    use crate::shell::protocol::{
        BUILD, Hello, PROTOCOL, Role, TAG_JSON, ToConsole, ToHub, read_frame, write_to_hub,
    };

    /// The hub's socket, in the state directory.
    pub const SOCKET: &str = "hub.sock";
    /// How long a hub may take to answer: it runs the report after every
    /// write queued before it, and a disk may be slow.
    const PATIENCE: Duration = Duration::from_secs(30);

    /// The hub's answer; `None` when no hub answers on `socket` (none
    /// running, or a socket file left by one that stopped).
    pub fn ask(socket: &Path, request: &ReportRequest) -> anyhow::Result<Option<String>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let at = format!("the hub at {}", socket.display());
        runtime.block_on(async {
            let stream = match tokio::net::UnixStream::connect(socket).await {
                Ok(stream) => stream,
                Err(e) if nobody_answers(&e) => return Ok(None),
                Err(e) => return Err(e).with_context(|| format!("cannot reach {at}")),
            };
            match tokio::time::timeout(PATIENCE, exchange(stream, request, &at)).await {
                Ok(answered) => answered.map(Some),
                Err(_) => bail!("{at} did not answer within {} s", PATIENCE.as_secs()),
            }
        })
    }

    /// Hello, then the hub's answer (after a welcome, or straight away).
    async fn exchange(
        mut stream: tokio::net::UnixStream,
        request: &ReportRequest,
        at: &str,
    ) -> anyhow::Result<String> {
        let hello = ToHub::Hello(Hello::new(Role::Report(request.clone())));
        write_to_hub(&mut stream, &hello)
            .await
            .with_context(|| format!("cannot send the request to {at}"))?;
        loop {
            let frame = read_frame(&mut stream)
                .await
                .with_context(|| format!("cannot read the answer of {at}"))?;
            let Some((tag, payload)) = frame else {
                bail!("{at} closed the connection without answering");
            };
            // Terminal output is for consoles, not reports.
            if tag != TAG_JSON {
                continue;
            }
            let message = match serde_json::from_slice::<ToConsole>(&payload) {
                Ok(message) => message,
                Err(e) => match other_protocol(&payload) {
                    Some(theirs) => bail!(other_version(at, theirs)),
                    None => bail!("{at} answered something unreadable: {e}"),
                },
            };
            match message {
                ToConsole::Report { text } => return Ok(text),
                ToConsole::ReportFailed { reason } => {
                    bail!("{at} could not make the report: {reason}")
                }
                ToConsole::Refused { reason } => bail!("{at} refused the report: {reason}"),
                ToConsole::Bye { reason } => bail!("{at} ended the connection: {reason}"),
                ToConsole::Welcome { protocol, .. } if protocol != PROTOCOL => {
                    bail!(other_version(at, protocol))
                }
                ToConsole::Welcome { .. } | ToConsole::Output(_) => {}
            }
        }
    }

    /// The protocol number a message we cannot read claims, when it is not ours.
    fn other_protocol(payload: &[u8]) -> Option<u32> {
        let value: serde_json::Value = serde_json::from_slice(payload).ok()?;
        let theirs = u32::try_from(value.get("protocol")?.as_u64()?).ok()?;
        (theirs != PROTOCOL).then_some(theirs)
    }

    fn other_version(at: &str, theirs: u32) -> String {
        format!(
            "{at} speaks floorwatch protocol {theirs}, this floorwatch ({BUILD}) speaks protocol {PROTOCOL}: \
             run the same floorwatch for the hub and the reports"
        )
    }

    /// Nothing listens there: no socket, a stale one, or a path no socket
    /// can have (a hub could not have bound it either).
    fn nobody_answers(e: &std::io::Error) -> bool {
        matches!(
            e.kind(),
            ErrorKind::NotFound | ErrorKind::ConnectionRefused | ErrorKind::InvalidInput
        )
    }
}
