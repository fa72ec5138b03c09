//! The shell: the only code that spawns tasks, owns channels, reads the
//! clock or touches the terminal. It joins the pure core to the world.
//!
//! One `tokio::select!` loop takes keys, poll results, a clock tick and
//! signals, feeds each to `app::update` as a `Msg`, carries out the effects,
//! and draws once after anything visible changed. A panic, SIGTERM, SIGHUP,
//! SIGINT, SIGQUIT or `q` all leave through the same terminal restore.

pub mod hub;
mod keeper;
pub mod logging;
pub mod peer;
mod poller;
pub mod protocol;
pub mod screen;
pub mod serve;
mod terminal;

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use futures_util::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::{mpsc, watch};

use crate::app::{self, AppState, Effect, Msg};
use crate::model::Timestamp;
use crate::platform::Platform;
use crate::store::Store;
use crate::store::records::Monotonic;
use crate::ui::theme::Theme;

/// The wall clock, read here and nowhere in the core.
pub fn wall_now() -> Timestamp {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    Timestamp::from_millis(i64::try_from(millis).unwrap_or(i64::MAX))
}

/// The operator's zone right now, seconds east of UTC.
pub fn local_utc_offset_s() -> i32 {
    chrono::Local::now().offset().local_minus_utc()
}

pub struct ConsoleOptions {
    pub theme: Theme,
    pub poll_interval: Duration,
    /// Where incidents are kept (opened before the terminal goes full screen).
    pub store: StoreAccess,
    /// The store's id of each incident carried over from the last run, by
    /// its place in the state.
    pub restored: Vec<(usize, u64)>,
    /// Each checklist's file text, kept with the incidents that run it.
    pub checklist_sources: BTreeMap<String, String>,
    /// The simulator, when it is the platform (drills switch its scenario).
    pub simulator: Option<crate::platform::simulated::SharedSimulator>,
    /// Messages to handle first (a drill started from the command line).
    pub startup: Vec<Msg>,
}

/// The store a console writes to, or why it runs live-only without one.
pub enum StoreAccess {
    Open(Store),
    /// Unusable at the start for a reason that may pass (full, read-only,
    /// held by another console): the record keeper keeps trying it.
    Retry(std::path::PathBuf),
    /// Unusable for good (corrupt, newer), and why: nothing done in this
    /// console is kept.
    Never(String),
}

/// Runs the full-screen console until the operator quits or a signal arrives.
pub async fn run_console(
    mut state: AppState,
    platform: Box<dyn Platform>,
    options: ConsoleOptions,
) -> anyhow::Result<()> {
    let mut terminal = terminal::enter().context("cannot switch the terminal to full screen")?;
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let (msg_tx, mut msg_rx) = mpsc::channel::<Msg>(64);
    let ConsoleOptions {
        theme,
        poll_interval,
        store,
        restored,
        checklist_sources,
        simulator,
        startup,
    } = options;
    let door = match store {
        StoreAccess::Open(store) => keeper::Door::Open(store),
        StoreAccess::Retry(dir) => keeper::Door::Unopened { dir },
        StoreAccess::Never(why) => keeper::Door::Never(why),
    };
    let keeper = keeper::start(door, restored, msg_tx.clone());
    let outside = Outside {
        jobs: keeper.jobs().clone(),
        sources: checklist_sources,
        simulator,
        clock: ConsoleClock::start(),
    };
    for msg in startup {
        let outcome = app::update(&mut state, msg);
        for effect in outcome.effects {
            outside.carry_out(effect, &state, &state.view.operator);
        }
    }
    // Room for one answer only: the poller waits for the loop to take it
    // before polling again, so a slow loop never piles up snapshots (each
    // can be tens of megabytes on a large floor).
    let (poll_tx, mut poll_rx) = mpsc::channel::<Msg>(1);
    drop(msg_tx);
    let poller = tokio::spawn(poller::run(platform, poll_interval, poll_tx, shutdown_rx));
    let mut signals = Signals::new()?;
    let mut keys = crossterm::event::EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    terminal::draw(&mut terminal, &mut state, &theme)?;
    // The end-to-end tests prove that a panic restores the terminal.
    if std::env::var_os("FLOORWATCH_INJECT_PANIC").is_some() {
        panic!("injected panic (FLOORWATCH_INJECT_PANIC is set)");
    }
    let result = loop {
        // In this order when several are ready: a clock tick never judges the
        // data's age while a newer answer waits to be read.
        let msg = tokio::select! {
            biased;
            name = signals.next() => {
                tracing::info!("received {name}; restoring the terminal and exiting");
                break Ok(());
            }
            event = keys.next() => match event {
                Some(Ok(event)) => match terminal::to_msg(event) { Some(msg) => msg, None => continue },
                // The terminal is gone (hang-up): stop rather than spin on a dead tty.
                Some(Err(_)) | None => break Ok(()),
            },
            Some(msg) = poll_rx.recv() => msg,
            Some(msg) = msg_rx.recv() => msg,
            _ = tick.tick() => Msg::Ticked(wall_now()),
        };
        let outcome = app::update(&mut state, msg);
        if outcome.effects.contains(&Effect::Quit) {
            break Ok(());
        }
        for effect in outcome.effects {
            outside.carry_out(effect, &state, &state.view.operator);
        }
        if outcome.redraw
            && let Err(e) = terminal::draw(&mut terminal, &mut state, &theme)
        {
            break Err(e);
        }
    };
    let _ = shutdown_tx.send(true);
    poller.abort();
    terminal::leave();
    // Every action taken is written before the process ends.
    drop((outside, msg_rx, poll_rx));
    let unsaved = keeper.finish(Duration::from_secs(5));
    if unsaved > 0 {
        tracing::error!("{unsaved} actions not written: the store could not take them");
        eprintln!(
            "{}",
            app::text::fill(state.texts.saving.lost_at_exit, &[&unsaved.to_string()])
        );
    }
    result
}

/// This console run's monotonic clock (R28): readings in the journal give
/// true intervals even if the wall clock is stepped mid-incident.
pub(crate) struct ConsoleClock {
    /// The run: process id and wall-clock start.
    name: String,
    started: std::time::Instant,
}

impl ConsoleClock {
    pub(crate) fn start() -> Self {
        let started_at = crate::platform::wire::timestamp_to_wire(wall_now());
        Self {
            name: format!("{}@{started_at}", std::process::id()),
            started: std::time::Instant::now(),
        }
    }

    fn now(&self) -> Monotonic {
        Monotonic {
            console: self.name.clone(),
            ms: u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX),
        }
    }
}

/// What carries out the core's effects: the record keeper, the checklist
/// texts it stores, the simulator (for drills) and the console's clock.
pub(crate) struct Outside {
    pub(crate) jobs: std::sync::mpsc::Sender<keeper::Job>,
    pub(crate) sources: BTreeMap<String, String>,
    pub(crate) simulator: Option<crate::platform::simulated::SharedSimulator>,
    pub(crate) clock: ConsoleClock,
}

impl Outside {
    /// Does what the core asked (Quit is handled by the loop); what goes in
    /// the audit log is by `operator`.
    pub(crate) fn carry_out(&self, effect: Effect, state: &AppState, operator: &str) {
        let (jobs, sources, simulator) = (&self.jobs, &self.sources, self.simulator.as_ref());
        let job = match effect {
            Effect::Quit => return,
            Effect::RingBell => {
                let _ = std::io::stdout().write_all(b"\x07");
                return;
            }
            Effect::Copy(text) => {
                copy_to_clipboard(&text);
                return;
            }
            Effect::SwitchScenario(name) => {
                switch_scenario(simulator, &name);
                return;
            }
            Effect::OpenIncident {
                local,
                checklist,
                trigger,
                drill,
                first,
                site,
            } => {
                let plan = state.checklists.get(&checklist);
                keeper::Job::Open {
                    local,
                    version: plan.map_or(0, |c| c.version),
                    title: plan.map_or_else(|| checklist.clone(), |c| c.title.clone()),
                    source: sources.get(&checklist).cloned().unwrap_or_default(),
                    checklist_id: checklist,
                    trigger: trigger.map(Box::new),
                    drill,
                    first,
                    site,
                    clock: self.clock.now(),
                }
            }
            Effect::Persist { local, action } => keeper::Job::Persist {
                local,
                action,
                clock: self.clock.now(),
            },
            Effect::Audit { seq, what, detail } => keeper::Job::Audit {
                seq,
                by: operator.to_owned(),
                at: state.wall_now,
                what,
                detail,
                clock: self.clock.now(),
            },
            Effect::RecordMinute { minute, rows } => keeper::Job::Minute { minute, rows },
        };
        if jobs.send(job).is_err() {
            tracing::error!("the record keeper has stopped; actions are not saved");
        }
    }
}

/// A drill on the simulator: its situation switched on (or back to normal).
fn switch_scenario(simulator: Option<&crate::platform::simulated::SharedSimulator>, name: &str) {
    let (Some(simulator), Ok(scenario)) = (simulator, name.parse::<crate::sim::Scenario>()) else {
        tracing::warn!("no simulator to switch to {name}");
        return;
    };
    simulator
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .set_scenario(scenario, std::time::Instant::now());
    tracing::info!("drill: simulator scenario {name}");
}

/// OSC 52: the terminal (through SSH and tmux with `set-clipboard on`) puts
/// the text on the operator's own clipboard.
fn copy_to_clipboard(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(osc52(text).as_bytes());
    let _ = out.flush();
}

/// The OSC 52 sequence that puts `text` on the clipboard, cleaned line by
/// line on the way out: what is pasted from it never runs in a terminal.
fn osc52(text: &str) -> String {
    use base64::Engine as _;
    let text = crate::untrusted::clean_lines(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT, as one stream of names. Unhandled,
/// SIGQUIT would end the process with a core dump and leave the terminal raw.
pub(crate) struct Signals {
    terminate: tokio::signal::unix::Signal,
    hangup: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
    quit: tokio::signal::unix::Signal,
}

impl Signals {
    pub(crate) fn new() -> anyhow::Result<Self> {
        Ok(Self {
            terminate: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
            hangup: signal(SignalKind::hangup()).context("cannot listen for SIGHUP")?,
            interrupt: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            quit: signal(SignalKind::quit()).context("cannot listen for SIGQUIT")?,
        })
    }

    pub(crate) async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.terminate.recv() => "SIGTERM",
            _ = self.hangup.recv() => "SIGHUP",
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.quit.recv() => "SIGQUIT",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_gets_clean_lines_only() {
        use base64::Engine as _;
        let sequence = osc52("Queue\x1b]0;pwned\x07 \u{202E}\u{E0041}down\r\nsecond line\x07");
        let payload = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert!(
            !payload.contains(['\x1b', '\x07']),
            "one sequence, unbroken"
        );
        let copied = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(
            String::from_utf8(copied).unwrap(),
            "Queue down\nsecond line"
        );
    }
}
