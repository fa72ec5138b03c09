//! Composing a hub: the config read and checked (before any terminal goes
//! full screen), the floor and the platform, the store with what it had
//! open, and the socket other consoles attach to.
//!
//! `floorwatch` attaches to the hub of its state directory when one answers,
//! and otherwise runs one in its own process and attaches to it through an
//! in-memory pipe: a single operator has one process that polls while it
//! runs and stops when they quit. `floorwatch hub` runs one with no console.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;

use super::args::Cli;
use super::checklist_setup;
use super::floor_setup;
use super::platform_setup;
use crate::app::{AppState, Msg, Setup};
use crate::config::checklist::ChecklistCatalog;
use crate::config::file::{Config, PlatformKind};
use crate::engine::Floor;
use crate::engine::rules::RuleEngine;
use crate::platform::Platform;
use crate::platform::simulated::SimulatedPlatform;
use crate::shell::attach::{AttachOptions, BoxedStream, Console, StartHub, attach};
use crate::shell::hub::{HubOptions, Reports, Running, Stop, Themes};
use crate::shell::protocol::ConsoleHello;
use crate::shell::{self, local_utc_offset_s, wall_now};
use crate::store::Store;

/// What a hub is made of, read and checked before anything starts.
pub struct HubSetup {
    cli: Cli,
    config: Config,
    catalog: ChecklistCatalog,
    pub state_dir: PathBuf,
    /// The group allowed to attach besides the owner.
    pub group: Option<String>,
}

/// A hub ready to start.
pub struct Built {
    pub state: AppState,
    pub platform: Box<dyn Platform>,
    pub options: HubOptions,
    /// Why no other console can attach, when the socket could not be made.
    pub alone: Option<String>,
}

impl HubSetup {
    /// Reads the config and the checklists and checks every reference: a
    /// mistake is reported here, before the terminal goes full screen.
    pub fn prepare(cli: Cli) -> anyhow::Result<Self> {
        let group = cli.console.group.clone();
        let config = platform_setup::config(cli.config.config.as_deref())?;
        let catalog = checklist_setup::checklists()?;
        checklist_setup::check_references(&config.checklist_refs, &catalog)?;
        let state_dir = super::incidents::state_dir(&cli.state)?;
        Ok(Self {
            cli,
            config,
            catalog,
            state_dir,
            group,
        })
    }

    pub fn platform_config(&self) -> crate::config::file::PlatformConfig {
        self.config.platform.clone()
    }

    pub fn console_args(&self) -> &super::args::ConsoleArgs {
        &self.cli.console
    }

    pub fn socket(&self) -> PathBuf {
        shell::peer::socket_path(&self.state_dir)
    }

    /// Builds the hub: the floor and platform, the store and what it had
    /// open, the socket; `drill` starts a drill at once. The operator of
    /// what the hub does by itself is this process's user.
    pub fn build(&self, drill: Option<&str>) -> anyhow::Result<Built> {
        let Config {
            platform: config,
            rules,
            bell,
            ..
        } = self.config.clone();
        let cli = &self.cli;
        let poll_interval = cli.console.poll_interval.unwrap_or(config.poll_interval);
        let offset = local_utc_offset_s();
        let now = wall_now();
        let settings = floor_setup::engine_settings(&cli.console.figures, offset, poll_interval);
        let mut simulator = None;
        let (mut setup, platform): (Setup, Box<dyn Platform>) = if config.kind == PlatformKind::Sim
        {
            let (paced, setup) =
                floor_setup::simulated_setup(&cli.sim, settings, rules, &self.catalog, now, offset);
            let shared = floor_setup::shared(paced);
            simulator = Some(shared.clone());
            (setup, Box::new(SimulatedPlatform::new(shared)))
        } else {
            let (platform, label) = platform_setup::remote_platform(&config)?;
            let mut setup = Setup::new(Floor::new(settings), now, offset);
            setup.platform_label = label;
            setup.rules = RuleEngine::new(rules);
            setup.checklists = floor_setup::checklists_by_id(&self.catalog);
            (setup, platform)
        };
        setup.bell_on_critical = bell;
        setup.operator = shell::peer::own_user_name();
        let mut state = AppState::start(setup);
        let group = self
            .group
            .as_deref()
            .map(shell::peer::AccessGroup::named)
            .transpose()
            .context("the group to admit (--group)")?;
        let (listener, socket_notice) =
            match shell::peer::prepare_dir(&self.state_dir, group.as_ref())
                .and_then(|()| shell::peer::bind(&self.state_dir, group.as_ref()))
            {
                Ok(listener) => (Some(listener), None),
                Err(e) => {
                    tracing::warn!("no other console can attach: {e}");
                    (None, Some(e.to_string()))
                }
            };
        let access = shell::hub::Access::of_this_user(group);
        let store = Store::open(&self.state_dir);
        let (store, restored) = carry_on(store, &self.state_dir, &mut state);
        let first_notice = socket_notice.as_ref().map(|why| {
            crate::app::text::fill(state.texts.serving.alone, &[&crate::untrusted::clean(why)])
        });
        let options = HubOptions {
            poll_interval,
            store,
            restored,
            checklist_sources: self
                .catalog
                .iter()
                .map(|(c, text)| (c.id.clone(), text.to_owned()))
                .collect(),
            simulator,
            startup: drill
                .map(|name| Msg::Command(format!("drill {name}")))
                .into_iter()
                .collect(),
            listener,
            access,
            reports: reports(),
            themes: themes(),
            first_notice,
        };
        tracing::info!(
            "hub starting on {} (from {}) for {}",
            config.kind,
            config.defined_at.origin,
            self.state_dir.display()
        );
        Ok(Built {
            state,
            platform,
            options,
            alone: socket_notice,
        })
    }
}

/// The reports a hub answers: the same text the commands print.
fn reports() -> Reports {
    Arc::new(super::reports::answer)
}

/// Each console's theme, rebuilt from what its own environment chose.
fn themes() -> Themes {
    Arc::new(|choice| {
        super::console_theme::theme_from_choice(choice).unwrap_or_else(|e| {
            // The console checked its choice before it attached, so this is
            // a hub of another build: plain is always readable.
            tracing::warn!("a console's theme could not be rebuilt: {e}");
            crate::ui::theme::Theme::new("plain", |_| ratatui::style::Style::default())
        })
    })
}

/// `floorwatch hub`: the hub with no console, until SIGTERM or SIGINT.
pub fn run_headless(setup: &HubSetup) -> anyhow::Result<()> {
    super::runtime()?.block_on(async {
        let socket = setup.socket();
        if hub_answering(&socket, Duration::ZERO).await.is_some() {
            anyhow::bail!("a hub already serves {}", socket.display());
        }
        let built = setup.build(None)?;
        if let Some(why) = built.alone {
            anyhow::bail!("the hub cannot take consoles: {why}");
        }
        eprintln!(
            "{}",
            crate::app::text::fill(
                built.state.texts.serving.serving,
                &[&crate::untrusted::clean(&socket.display().to_string())]
            )
        );
        let running = shell::hub::start(built.state, built.platform, built.options, None);
        running.done.await.context("the hub failed")?
    })
}

/// `floorwatch`: attaches this terminal to the hub of the state directory,
/// starting one in this process when none answers. When the console quits,
/// a hub it started keeps serving the consoles still attached, and stops
/// once they have gone (or at Ctrl-C).
pub async fn run_console(
    setup: HubSetup,
    drill: Option<String>,
    hello: ConsoleHello,
    notice: Option<String>,
) -> anyhow::Result<()> {
    let socket = setup.socket();
    let setup = Arc::new(setup);
    let hubs: Arc<Mutex<Vec<Running>>> = Arc::default();
    let first: BoxedStream = match hub_answering(&socket, Duration::ZERO).await {
        Some(stream) => {
            if let Some(name) = drill {
                anyhow::bail!(
                    "a hub already runs for {}: start the drill from a console with `:drill {name}`",
                    setup.state_dir.display()
                );
            }
            Box::new(stream)
        }
        None => {
            let (stream, running) = host(&setup, drill.as_deref(), notice)?;
            lock(&hubs).push(running);
            Box::new(stream)
        }
    };
    let options = AttachOptions {
        hello,
        socket: Some(socket),
        start_hub: Some(start_here(setup.clone(), hubs.clone())),
    };
    let mut console = Console::open()?;
    let ended = attach(&mut console, first, options).await;
    drop(console);
    let running: Vec<Running> = lock(&hubs).drain(..).collect();
    for hub in running {
        let _ = hub.stop.send(Stop::WhenEmpty);
        let others = hub.attached.borrow().clone();
        if !others.is_empty() {
            eprintln!(
                "{}",
                crate::app::text::fill(
                    crate::app::text::EN.serving.still_serving,
                    &[&others.len().to_string(), &others.join(", ")]
                )
            );
        }
        hub.done.await.context("the hub failed")??;
    }
    ended.map(|_| ())
}

/// A hub in this process, with this terminal's console attached to it
/// through an in-memory pipe.
fn host(
    setup: &HubSetup,
    drill: Option<&str>,
    notice: Option<String>,
) -> anyhow::Result<(tokio::io::DuplexStream, Running)> {
    let mut built = setup.build(drill)?;
    built.options.first_notice = built.options.first_notice.take().or(notice);
    let (ours, theirs) = tokio::io::duplex(HOST_PIPE_BYTES);
    let running = shell::hub::start(
        built.state,
        built.platform,
        built.options,
        Some((theirs, shell::peer::own_user_name())),
    );
    Ok((ours, running))
}

/// What `r` does on the "hub stopped" page: a hub here, from the same
/// config read afresh, with everything its store kept.
fn start_here(setup: Arc<HubSetup>, hubs: Arc<Mutex<Vec<Running>>>) -> StartHub {
    Box::new(move || {
        let (setup, hubs) = (setup.clone(), hubs.clone());
        Box::pin(async move {
            let (stream, running) = host(&setup, None, None).map_err(|e| format!("{e:#}"))?;
            lock(&hubs).push(running);
            Ok(Box::new(stream) as BoxedStream)
        })
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The in-memory pipe's room each way: a few whole screens, so that the
/// console of this process, too, can fall behind without holding the hub.
const HOST_PIPE_BYTES: usize = 256 * 1024;

/// Whether a hub answers on `socket` now, or within `patience` (one that
/// is starting: it holds the store before its socket is ready).
pub async fn hub_answering(socket: &Path, patience: Duration) -> Option<tokio::net::UnixStream> {
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        if let Ok(stream) = tokio::net::UnixStream::connect(socket).await {
            return Some(stream);
        }
        if tokio::time::Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The store to write to, with the open incidents of the last run restored
/// into `state`; or, when the state directory cannot be used, a console
/// that runs live-only and says so on every view (it still shows the floor).
fn carry_on(
    opened: Result<Store, crate::store::StoreError>,
    dir: &std::path::Path,
    state: &mut AppState,
) -> (shell::StoreAccess, Vec<(usize, u64)>) {
    let store = match opened {
        Ok(store) => store,
        Err(e) => {
            tracing::warn!("running live-only: {e}");
            crate::app::update(
                state,
                Msg::StoreUnavailable {
                    why: e.cause(),
                    will_retry: e.is_transient(),
                },
            );
            let access = if e.is_transient() {
                shell::StoreAccess::Retry(dir.to_owned())
            } else {
                shell::StoreAccess::Never(e.cause())
            };
            return (access, Vec::new());
        }
    };
    // The per-minute history is kept for a month.
    let month_ago = wall_now().minus(Duration::from_secs(30 * 24 * 3600));
    if let Err(e) = store.prune_history(month_ago) {
        tracing::warn!("old history not pruned: {e}");
    }
    match super::incidents::restore_open(&store, state) {
        Ok(restored) => (shell::StoreAccess::Open(store), restored),
        Err(e) => {
            tracing::warn!("running live-only: the incidents cannot be read: {e:#}");
            let why = format!("{e:#}");
            crate::app::update(
                state,
                Msg::StoreUnavailable {
                    why: why.clone(),
                    will_retry: false,
                },
            );
            (shell::StoreAccess::Never(why), Vec::new())
        }
    }
}
