//! The hub: the one process that polls the platform, runs the engine and
//! keeps the store for a state directory, with every console attached to it
//! — the way a tmux server keeps the sessions and its clients only show them.
//!
//! It draws each console's frame itself (each console's own view, size and
//! theme) and sends the terminal bytes; a console sends keys and sizes. Its
//! loop never waits on a console: each has a short queue of frames, and a
//! console that lets it fill is *behind* — nothing more is queued for it,
//! and once its queue has drained it is sent the whole screen afresh. One
//! behind for `BEHIND_AT_MOST`, or whose writes stall for `WRITE_AT_MOST`,
//! is dropped. So a frozen SSH session slows nobody else.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::UnixListener;
use tokio::sync::{mpsc, oneshot, watch};

use super::keeper;
use super::protocol::{self, ConsoleHello, ReportRequest, Role, ToConsole, ToHub};
use super::screen::RemoteScreen;
use super::{ConsoleClock, Outside, Signals, StoreAccess, wall_now};
use crate::app::hub::{Acted, ConsoleId, Hub};
use crate::app::{AppState, Effect, Msg};
use crate::model::Timestamp;
use crate::platform::Platform;
use crate::store::Store;
use crate::ui::theme::Theme;

/// Frames queued for one console at most: a burst of keys draws a frame
/// each, and a whole 80×24 screen is about 2 KB.
pub const QUEUED_AT_MOST: usize = 64;
/// How long one write to a console may stall before it is dropped.
pub const WRITE_AT_MOST: Duration = Duration::from_secs(10);
/// How long a console may stay behind before it is dropped.
pub const BEHIND_AT_MOST: Duration = Duration::from_secs(30);
/// How long a peer has to say hello.
const HELLO_WITHIN: Duration = Duration::from_secs(5);

/// Answers a report from the store the hub keeps (the CLI's report functions).
pub type Reports = Arc<dyn Fn(&ReportRequest, &Store) -> Result<String, String> + Send + Sync>;

/// A console's theme, rebuilt on the hub from what the console chose.
pub type Themes = Arc<dyn Fn(&protocol::ThemeChoice) -> Theme + Send + Sync>;

/// Everything the hub runs with, composed by the CLI.
pub struct HubOptions {
    pub poll_interval: Duration,
    pub store: StoreAccess,
    pub restored: Vec<(usize, u64)>,
    pub checklist_sources: BTreeMap<String, String>,
    pub simulator: Option<crate::platform::simulated::SharedSimulator>,
    /// Messages to handle first (a drill started from the command line).
    pub startup: Vec<Msg>,
    /// Where other consoles attach; `None` when the socket could not be made.
    pub listener: Option<UnixListener>,
    /// Who may attach through the socket.
    pub access: Access,
    pub reports: Reports,
    pub themes: Themes,
    /// A notice for the first console to attach (the console that started
    /// the hub: a theme file skipped, no socket for others).
    pub first_notice: Option<String>,
}

/// Who may attach through the socket: the hub's own user, and the members
/// of a group when one is configured.
#[derive(Clone, Debug)]
pub struct Access {
    pub owner: u32,
    pub group: Option<super::peer::AccessGroup>,
}

impl Access {
    /// This process's user, and `group`.
    pub fn of_this_user(group: Option<super::peer::AccessGroup>) -> Self {
        Self {
            owner: nix::unistd::Uid::current().as_raw(),
            group,
        }
    }

    fn admit(&self, peer: &super::peer::Peer) -> Result<(), super::peer::PeerError> {
        super::peer::may_attach(peer, self.owner, self.group.as_ref())
    }
}

/// When the hub stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Not yet.
    Running,
    /// Once the last console has left (the console that started it quit).
    WhenEmpty,
    /// Now.
    Now,
}

/// A hub running in this process.
pub struct Running {
    /// Tell the hub when to stop.
    pub stop: watch::Sender<Stop>,
    /// The operators still attached, as the hub last counted them.
    pub attached: watch::Receiver<Vec<String>>,
    pub done: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// Starts the hub on this runtime. `host` is the console of this process,
/// attached through an in-memory pipe as `host_operator` (this process's user).
pub fn start(
    state: AppState,
    platform: Box<dyn Platform>,
    mut options: HubOptions,
    host: Option<(tokio::io::DuplexStream, String)>,
) -> Running {
    let (stop, stop_rx) = watch::channel(Stop::Running);
    let (attached_tx, attached) = watch::channel(Vec::new());
    let mut hub = Hub::new(state);
    if let Some(notice) = options.first_notice.take() {
        hub.greet(notice);
    }
    let done = tokio::spawn(serve(hub, platform, options, host, stop_rx, attached_tx));
    Running {
        stop,
        attached,
        done,
    }
}

/// What the connection tasks tell the hub's loop.
enum Event {
    Joined {
        conn: u64,
        hello: ConsoleHello,
        operator: String,
        out: mpsc::Sender<Vec<u8>>,
        unwritten: Arc<AtomicUsize>,
        last_word: oneshot::Sender<Vec<u8>>,
    },
    Key {
        conn: u64,
        key: crate::app::Key,
        at: Timestamp,
    },
    Resized {
        conn: u64,
        cols: u16,
        rows: u16,
    },
    Left {
        conn: u64,
    },
    Report {
        request: ReportRequest,
        reply: oneshot::Sender<Result<String, String>>,
    },
}

/// One attached console as the hub's loop keeps it.
struct Client {
    id: ConsoleId,
    screen: RemoteScreen,
    theme: Theme,
    bell: bool,
    out: mpsc::Sender<Vec<u8>>,
    /// Frames queued and not yet written to its socket.
    unwritten: Arc<AtomicUsize>,
    /// Written after everything queued, however far behind it is: a
    /// console told nothing would take its end for the hub's death.
    last_word: Option<oneshot::Sender<Vec<u8>>>,
    /// Since when its queue has been full: nothing is queued meanwhile.
    behind_since: Option<Instant>,
}

struct Loop {
    hub: Hub,
    clients: BTreeMap<u64, Client>,
    outside: Outside,
    jobs: std::sync::mpsc::Sender<keeper::Job>,
    themes: Themes,
    reports: Reports,
    attached: watch::Sender<Vec<String>>,
}

async fn serve(
    hub: Hub,
    platform: Box<dyn Platform>,
    options: HubOptions,
    host: Option<(tokio::io::DuplexStream, String)>,
    mut stop: watch::Receiver<Stop>,
    attached: watch::Sender<Vec<String>>,
) -> anyhow::Result<()> {
    let HubOptions {
        poll_interval,
        store,
        restored,
        checklist_sources,
        simulator,
        startup,
        listener,
        access,
        reports,
        themes,
        first_notice: _,
    } = options;
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let (msg_tx, mut msg_rx) = mpsc::channel::<Msg>(64);
    let door = match store {
        StoreAccess::Open(store) => keeper::Door::Open(store),
        StoreAccess::Retry(dir) => keeper::Door::Unopened { dir },
        StoreAccess::Never(why) => keeper::Door::Never(why),
    };
    let keeper = keeper::start(door, restored, msg_tx);
    let jobs = keeper.jobs().clone();
    let mut hub_loop = Loop {
        hub,
        clients: BTreeMap::new(),
        outside: Outside {
            jobs: jobs.clone(),
            sources: checklist_sources,
            simulator,
            clock: ConsoleClock::start(),
        },
        jobs,
        themes,
        reports,
        attached,
    };
    for msg in startup {
        let outcome = hub_loop.hub.handle(msg);
        hub_loop.carry_out(outcome.effects);
    }
    let (poll_tx, mut poll_rx) = mpsc::channel::<Msg>(1);
    let poller = tokio::spawn(super::poller::run(
        platform,
        poll_interval,
        poll_tx,
        shutdown_rx,
    ));
    let (events_tx, mut events) = mpsc::channel::<Event>(1024);
    let conns = Conns::default();
    if let Some((stream, operator)) = host {
        tokio::spawn(connection(
            stream,
            operator,
            conns.next(),
            events_tx.clone(),
        ));
    }
    let socket_file = listener.as_ref().and_then(super::peer::SocketFile::of);
    let acceptor = listener
        .map(|listener| tokio::spawn(accept(listener, access, conns.clone(), events_tx.clone())));
    drop(events_tx);
    let mut signals = Signals::new()?;
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            biased;
            name = signals.next() => {
                tracing::info!("received {name}; the hub stops");
                break;
            }
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() == Stop::Now {
                    break;
                }
            }
            Some(event) = events.recv() => hub_loop.on_event(event),
            Some(msg) = poll_rx.recv() => hub_loop.shared(msg),
            Some(msg) = msg_rx.recv() => hub_loop.shared(msg),
            _ = tick.tick() => {
                hub_loop.shared(Msg::Ticked(wall_now()));
                hub_loop.catch_up_behind();
            }
        }
        if *stop.borrow() == Stop::WhenEmpty && hub_loop.clients.is_empty() {
            break;
        }
    }
    let _ = shutdown_tx.send(true);
    poller.abort();
    if let Some(acceptor) = acceptor {
        acceptor.abort();
    }
    // Nobody can attach any more: a socket left behind would only be
    // found stale by the next hub.
    if let Some(file) = socket_file {
        file.remove();
    }
    // Closing every queue ends each console's writer: the consoles see the hub go.
    hub_loop.clients.clear();
    let texts = hub_loop.hub.state().texts;
    drop(hub_loop);
    let unsaved = keeper.finish(Duration::from_secs(5));
    if unsaved > 0 {
        tracing::error!("{unsaved} actions not written: the store could not take them");
        eprintln!(
            "{}",
            crate::app::text::fill(texts.saving.lost_at_exit, &[&unsaved.to_string()])
        );
    }
    Ok(())
}

impl Loop {
    fn on_event(&mut self, event: Event) {
        match event {
            Event::Joined {
                conn,
                hello,
                operator,
                out,
                unwritten,
                last_word,
            } => self.join(conn, hello, operator, (out, unwritten, last_word)),
            Event::Key { conn, key, at } => {
                let Some(id) = self.clients.get(&conn).map(|c| c.id) else {
                    return;
                };
                let outcome = self.hub.key(id, key, at);
                self.carry_out(outcome.effects);
                self.draw(&outcome.redraw);
            }
            Event::Resized { conn, cols, rows } => {
                let Some(client) = self.clients.get_mut(&conn) else {
                    return;
                };
                if let Err(e) = client.screen.resize(cols, rows) {
                    tracing::warn!("console {conn}: cannot resize to {cols}×{rows}: {e}");
                }
                let id = client.id;
                self.hub.resized(id, rows);
                self.draw(&[id]);
            }
            Event::Left { conn } => self.drop_client(conn, "left"),
            Event::Report { request, reply } => self.report(request, reply),
        }
    }

    fn join(
        &mut self,
        conn: u64,
        hello: ConsoleHello,
        operator: String,
        (out, unwritten, last_word): (
            mpsc::Sender<Vec<u8>>,
            Arc<AtomicUsize>,
            oneshot::Sender<Vec<u8>>,
        ),
    ) {
        let screen = match RemoteScreen::new(hello.cols, hello.rows) {
            Ok(screen) => screen,
            Err(e) => {
                tracing::warn!("console {conn}: cannot make its screen: {e}");
                return;
            }
        };
        let welcome = ToConsole::Welcome {
            protocol: protocol::PROTOCOL,
            operator: operator.clone(),
        };
        if let Ok(frame) = protocol::encode_to_console(&welcome)
            && out.try_send(frame).is_ok()
        {
            unwritten.fetch_add(1, Ordering::SeqCst);
        }
        let id = self
            .hub
            .attach(operator.clone(), hello.utc_offset_s, !hello.no_bell);
        let theme = (self.themes)(&hello.theme);
        tracing::info!(
            "console {conn} attached: {operator}, {}×{}, theme {}{}",
            hello.cols,
            hello.rows,
            theme.name(),
            if theme.uses_colour() {
                ""
            } else {
                " (no colour)"
            }
        );
        self.clients.insert(
            conn,
            Client {
                id,
                screen,
                theme,
                bell: !hello.no_bell,
                out,
                unwritten,
                last_word: Some(last_word),
                behind_since: None,
            },
        );
        self.hub.resized(id, hello.rows);
        self.draw(&[id]);
        self.publish_attached();
    }

    /// Ends console `conn` with a `Bye` that reaches it after what is queued.
    fn say_goodbye(&mut self, conn: u64, reason: String, why: &str) {
        if let Some(client) = self.clients.get_mut(&conn)
            && let Some(last_word) = client.last_word.take()
            && let Ok(frame) = protocol::encode_to_console(&ToConsole::Bye { reason })
        {
            let _ = last_word.send(frame);
        }
        self.drop_client(conn, why);
    }

    fn drop_client(&mut self, conn: u64, why: &str) {
        if let Some(client) = self.clients.remove(&conn) {
            self.hub.detach(client.id);
            tracing::info!("console {conn} detached: {why}");
            self.publish_attached();
        }
    }

    fn publish_attached(&self) {
        let names = self
            .hub
            .consoles()
            .map(|(_, name)| name.to_owned())
            .collect();
        let _ = self.attached.send(names);
    }

    /// A message for everyone: handled once, then every console drawn that changed.
    fn shared(&mut self, msg: Msg) {
        let outcome = self.hub.handle(msg);
        self.carry_out(outcome.effects);
        self.draw(&outcome.redraw);
    }

    fn carry_out(&mut self, effects: Vec<Acted>) {
        for Acted {
            by,
            operator,
            effect,
        } in effects
        {
            match effect {
                Effect::Quit => {
                    if let Some(conn) = by.and_then(|id| self.conn_of(id)) {
                        self.send(
                            conn,
                            &ToConsole::Bye {
                                reason: String::new(),
                            },
                        );
                        self.drop_client(conn, "quit");
                    }
                }
                Effect::RingBell => {
                    let conns: Vec<u64> = self
                        .clients
                        .iter()
                        .filter(|(_, c)| c.bell)
                        .map(|(conn, _)| *conn)
                        .collect();
                    for conn in conns {
                        self.send(conn, &ToConsole::Output(b"\x07".to_vec()));
                    }
                }
                Effect::Copy(text) => {
                    if let Some(conn) = by.and_then(|id| self.conn_of(id)) {
                        self.send(conn, &ToConsole::Output(super::screen::osc52(&text)));
                    }
                }
                other => self.outside.carry_out(other, self.hub.state(), &operator),
            }
        }
    }

    fn conn_of(&self, id: ConsoleId) -> Option<u64> {
        self.clients
            .iter()
            .find(|(_, c)| c.id == id)
            .map(|(conn, _)| *conn)
    }

    /// Queues one message for a console, never waiting: a full queue makes
    /// the console *behind*, and it is sent nothing until it has caught up.
    fn send(&mut self, conn: u64, message: &ToConsole) {
        let Some(client) = self.clients.get_mut(&conn) else {
            return;
        };
        if client.behind_since.is_some() {
            return;
        }
        let Ok(frame) = protocol::encode_to_console(message) else {
            return;
        };
        match client.out.try_send(frame) {
            Ok(()) => {
                client.unwritten.fetch_add(1, Ordering::SeqCst);
            }
            Err(mpsc::error::TrySendError::Full(_)) => {
                tracing::info!("console {conn} is behind: its frames are held back");
                client.behind_since = Some(Instant::now());
            }
            Err(mpsc::error::TrySendError::Closed(_)) => self.drop_client(conn, "gone"),
        }
    }

    /// Draws the consoles `ids` and queues what changed on each screen.
    fn draw(&mut self, ids: &[ConsoleId]) {
        let conns: Vec<u64> = self
            .clients
            .iter()
            .filter(|(_, c)| ids.contains(&c.id) && c.behind_since.is_none())
            .map(|(conn, _)| *conn)
            .collect();
        for conn in conns {
            let Some(client) = self.clients.get_mut(&conn) else {
                continue;
            };
            let (screen, theme) = (&mut client.screen, &client.theme);
            let drawn = self.hub.view_of(client.id, |state| {
                screen.draw(|frame| crate::ui::render(frame, state, theme))
            });
            match drawn {
                Some(Ok(bytes)) if !bytes.is_empty() => self.send(conn, &ToConsole::Output(bytes)),
                Some(Err(e)) => tracing::warn!("console {conn}: cannot draw: {e}"),
                _ => {}
            }
        }
    }

    /// A console whose queue has drained gets the whole screen again; one
    /// behind too long is dropped.
    fn catch_up_behind(&mut self) {
        let behind: Vec<(u64, Instant, bool)> = self
            .clients
            .iter()
            .filter_map(|(conn, c)| {
                // Written to its socket, not only taken off the queue.
                let drained = c.unwritten.load(Ordering::SeqCst) == 0;
                c.behind_since.map(|since| (*conn, since, drained))
            })
            .collect();
        for (conn, since, drained) in behind {
            if drained {
                let Some(client) = self.clients.get_mut(&conn) else {
                    continue;
                };
                client.behind_since = None;
                client.screen.redraw_all();
                let id = client.id;
                tracing::info!("console {conn} caught up: sent the whole screen");
                self.draw(&[id]);
            } else if since.elapsed() > BEHIND_AT_MOST {
                let reason = crate::app::text::EN.serving.dropped_behind.to_owned();
                self.say_goodbye(conn, reason, "behind for too long");
            }
        }
    }

    /// A report is read by the record keeper, after every write before it;
    /// the answer goes straight back to whoever asked, not through this loop.
    fn report(&mut self, request: ReportRequest, reply: oneshot::Sender<Result<String, String>>) {
        let reports = self.reports.clone();
        let job = keeper::Job::Read {
            read: Box::new(move |store: Option<&Store>| {
                let _ = reply.send(match store {
                    Some(store) => reports(&request, store),
                    None => Err(crate::app::text::EN.serving.no_store.to_owned()),
                });
            }),
        };
        if self.jobs.send(job).is_err() {
            tracing::error!("the record keeper has stopped; a report went unanswered");
        }
    }
}

/// Numbers the connections as they come.
#[derive(Clone, Default)]
struct Conns(Arc<std::sync::atomic::AtomicU64>);

impl Conns {
    fn next(&self) -> u64 {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
    }
}

/// Takes consoles on the socket: each peer is who the OS says it is, and
/// one who may not attach is told so and let go.
async fn accept(listener: UnixListener, access: Access, conns: Conns, events: mpsc::Sender<Event>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                tracing::warn!("cannot accept a console: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let conn = conns.next();
        let peer = match super::peer::identify(&stream) {
            Ok(peer) => peer,
            Err(e) => {
                tracing::warn!("console {conn}: cannot tell who it is: {e}");
                tokio::spawn(refuse(stream, e.to_string()));
                continue;
            }
        };
        if let Err(refusal) = access.admit(&peer) {
            tracing::warn!("console {conn} refused: {refusal}");
            tokio::spawn(refuse(stream, refusal.to_string()));
            continue;
        }
        tokio::spawn(connection(stream, peer.name, conn, events.clone()));
    }
}

async fn refuse<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, reason: String) {
    let refused = ToConsole::Refused { reason };
    let _ = tokio::time::timeout(
        WRITE_AT_MOST,
        protocol::write_to_console(&mut stream, &refused),
    )
    .await;
}

/// One peer: its hello, then either one report or a console's keys in and
/// frames out until either side leaves.
async fn connection<S>(stream: S, operator: String, conn: u64, events: mpsc::Sender<Event>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut reader, mut writer) = tokio::io::split(stream);
    let hello = match tokio::time::timeout(HELLO_WITHIN, protocol::read_hello(&mut reader)).await {
        Ok(Ok(Some(hello))) => hello,
        Ok(Ok(None)) => return,
        Ok(Err(e)) => {
            tracing::warn!("console {conn}: {e}");
            let _ = protocol::write_to_console(
                &mut writer,
                &ToConsole::Refused {
                    reason: e.to_string(),
                },
            )
            .await;
            return;
        }
        Err(_) => {
            tracing::warn!("console {conn}: no hello within {HELLO_WITHIN:?}");
            return;
        }
    };
    match hello.role {
        Role::Report(request) => {
            // Welcomed like a console: the asker knows which hub answers.
            let welcome = ToConsole::Welcome {
                protocol: protocol::PROTOCOL,
                operator,
            };
            if protocol::write_to_console(&mut writer, &welcome)
                .await
                .is_ok()
            {
                answer_report(writer, request, events).await;
            }
        }
        Role::Console(hello) => {
            let (out, queue) = mpsc::channel(QUEUED_AT_MOST);
            let unwritten = Arc::new(AtomicUsize::new(0));
            let (last_word, goodbye) = oneshot::channel();
            let joined = Event::Joined {
                conn,
                hello,
                operator,
                out,
                unwritten: unwritten.clone(),
                last_word,
            };
            if events.send(joined).await.is_err() {
                return;
            }
            let writing = tokio::spawn(write_frames(writer, (queue, goodbye), unwritten, conn));
            read_keys(reader, conn, &events).await;
            let _ = events.send(Event::Left { conn }).await;
            writing.abort();
        }
    }
}

async fn answer_report<W: AsyncWrite + Unpin>(
    mut writer: W,
    request: ReportRequest,
    events: mpsc::Sender<Event>,
) {
    let (reply, answer) = oneshot::channel();
    let asked = events.send(Event::Report { request, reply }).await;
    let message = match (asked, answer.await) {
        (Ok(()), Ok(Ok(text))) => ToConsole::Report { text },
        (Ok(()), Ok(Err(reason))) => ToConsole::ReportFailed { reason },
        _ => ToConsole::ReportFailed {
            reason: crate::app::text::EN.serving.stopped_before_answering.into(),
        },
    };
    let _ = tokio::time::timeout(
        WRITE_AT_MOST,
        protocol::write_to_console(&mut writer, &message),
    )
    .await;
}

/// Writes a console's queued frames; a write that stalls too long ends it
/// (the reader then sees the console go).
async fn write_frames<W: AsyncWrite + Unpin>(
    mut writer: W,
    (mut queue, mut goodbye): (mpsc::Receiver<Vec<u8>>, oneshot::Receiver<Vec<u8>>),
    unwritten: Arc<AtomicUsize>,
    conn: u64,
) {
    let mut written_all = true;
    while let Some(frame) = queue.recv().await {
        match tokio::time::timeout(WRITE_AT_MOST, protocol::write_frame(&mut writer, &frame)).await
        {
            Ok(Ok(())) => {
                unwritten.fetch_sub(1, Ordering::SeqCst);
            }
            Ok(Err(e)) => {
                tracing::info!("console {conn}: write failed: {e}");
                written_all = false;
                break;
            }
            Err(_) => {
                tracing::warn!("console {conn}: a write stalled for {WRITE_AT_MOST:?}; dropped");
                written_all = false;
                break;
            }
        }
    }
    if written_all && let Ok(frame) = goodbye.try_recv() {
        let _ =
            tokio::time::timeout(WRITE_AT_MOST, protocol::write_frame(&mut writer, &frame)).await;
    }
    use tokio::io::AsyncWriteExt as _;
    let _ = writer.shutdown().await;
}

async fn read_keys<R: AsyncRead + Unpin>(mut reader: R, conn: u64, events: &mpsc::Sender<Event>) {
    loop {
        let event = match protocol::read_to_hub(&mut reader).await {
            Ok(Some(ToHub::Key { key, at_ms })) => Event::Key {
                conn,
                key: key.into(),
                at: Timestamp::from_millis(at_ms),
            },
            Ok(Some(ToHub::Resize { cols, rows })) => Event::Resized { conn, cols, rows },
            Ok(Some(ToHub::Hello(_))) => continue,
            Ok(Some(ToHub::Bye) | None) => return,
            Err(e) => {
                tracing::info!("console {conn}: {e}");
                return;
            }
        };
        if events.send(event).await.is_err() {
            return;
        }
    }
}
