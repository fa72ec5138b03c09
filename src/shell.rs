//! The shell: the only code that spawns tasks, owns channels, reads the
//! clock or touches the terminal. It joins the pure core to the world.
//!
//! The hub's `tokio::select!` loop (`hub`) takes consoles' keys, poll
//! results, the record keeper's answers and a clock tick, hands each to the
//! core (`app::hub::Hub`), carries out the effects and draws each console
//! whose screen changed; a console (`attach`) shows what the hub draws. A
//! panic, SIGTERM, SIGHUP, SIGINT, SIGQUIT or `q` all leave through the same
//! terminal restore.

pub mod attach;
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
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use tokio::signal::unix::{SignalKind, signal};

use crate::app::{AppState, Effect};
use crate::model::Timestamp;
use crate::store::Store;
use crate::store::records::Monotonic;

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

/// This console run's monotonic clock: readings in the journal give true
/// intervals even if the wall clock is stepped mid-incident, so a review can
/// trust how long a step took.
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
    let _ = out.write_all(&screen::osc52(text));
    let _ = out.flush();
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
