//! One function per command: compose the parts, run, report errors with context.

use std::io::Write;

use std::time::Duration;

use anyhow::{Context as _, bail};

use super::args::{
    Cli, Command, ConsoleArgs, DrillsCommand, ExportFormat, IncidentsCommand, PollArgs, ServeArgs,
    SimCommand,
};
use super::checklist_setup;
use super::floor_setup;
use super::platform_setup;
use super::reports::{ReportFormat, ReportRequest};
use crate::app::text::{EN, fill};
use crate::config::file::{Config, PlatformKind};
use crate::config::theme::ThemeCatalog;
use crate::engine::clock::{self, ClockFault};
use crate::engine::{EngineSettings, Floor};
use crate::model::Timestamp;
use crate::platform::wire::SnapshotV1;
use crate::shell::{self, local_utc_offset_s, wall_now};
use crate::ui::fmt;
use crate::untrusted::{clean, clean_lines};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None | Some(Command::Drill { .. }) => {
            let (cli, drill) = cli.split_drill();
            console(cli, drill)
        }
        Some(Command::Drills {
            command: DrillsCommand::List { json, state },
        }) => super::reports::run(&ReportRequest::DrillsList { json }, &state),
        Some(Command::Hub { .. }) => hub(cli.split_hub()),
        Some(Command::Poll(args)) => poll(args),
        Some(Command::Incidents {
            command: IncidentsCommand::List { json, state },
        }) => super::reports::run(&ReportRequest::IncidentsList { json }, &state),
        Some(Command::Incidents {
            command: IncidentsCommand::Export { id, format, state },
        }) => {
            let format = match format {
                ExportFormat::Md => ReportFormat::Md,
                ExportFormat::Json => ReportFormat::Json,
            };
            super::reports::run(&ReportRequest::IncidentsExport { id, format }, &state)
        }
        Some(Command::Audit { json, state }) => {
            super::reports::run(&ReportRequest::Audit { json }, &state)
        }
        Some(Command::StoreStress(args)) => super::incidents::store_stress(&args),
        Some(Command::CheckConfig { file }) => check_config(file.or(cli.config.config)),
        Some(Command::Sim {
            command: SimCommand::Serve(args),
        }) => serve(args),
        Some(Command::Sentiment { json }) => Ok(super::sentiment::run(json)?),
        Some(Command::Staffing(args)) => super::staffing::run(&args),
    }
}

/// `floorwatch hub`: everything a console checks first, then the hub alone.
fn hub(cli: Cli) -> anyhow::Result<()> {
    let setup = super::hub_setup::HubSetup::prepare(cli)?;
    let scrubber = platform_setup::scrubber(&setup.platform_config());
    if let Some(problem) = start_logging(setup.console_args(), scrubber) {
        eprintln!("floorwatch: warning: {}", clean_lines(&problem));
    }
    super::hub_setup::run_headless(&setup)
}

fn console(cli: Cli, drill: Option<String>) -> anyhow::Result<()> {
    // Everything that can be wrong is found before the terminal goes full screen.
    let (theme, theme_notice) = theme_choice(&cli.console)?;
    let hello = crate::shell::protocol::ConsoleHello {
        cols: 80,
        rows: 24,
        utc_offset_s: local_utc_offset_s(),
        theme,
        no_bell: cli.console.no_bell,
    };
    let setup = super::hub_setup::HubSetup::prepare(cli)?;
    let scrubber = platform_setup::scrubber(&setup.platform_config());
    let log_notice = start_logging(setup.console_args(), scrubber);
    let notice = theme_notice.or(log_notice);
    super::runtime()?.block_on(super::hub_setup::run_console(setup, drill, hello, notice))
}

/// The theme this console asks the hub to draw with, and a notice if a
/// user theme file could not be read; a wrong `--theme` is an error here.
fn theme_choice(
    args: &ConsoleArgs,
) -> anyhow::Result<(crate::shell::protocol::ThemeChoice, Option<String>)> {
    let user_dir =
        directories::ProjectDirs::from("", "", "floorwatch").map(|d| d.config_dir().join("themes"));
    let user_dir = user_dir.as_deref().filter(|d| d.is_dir());
    let (choice, problems) = super::console_theme::console_theme_choice(
        args.theme.as_deref(),
        args.color,
        &super::console_theme::ColourEnv::current(),
        user_dir,
    )
    .map_err(|e| {
        // A theme asked for by name may be missing because its file is broken: say where.
        let broken = user_dir
            .map(|d| ThemeCatalog::with_user_dir(d).1)
            .unwrap_or_default();
        let mut lines: Vec<String> = broken
            .iter()
            .map(|p| clean_lines(&p.to_string()).into_owned())
            .collect();
        lines.push(e.to_string());
        anyhow::anyhow!("{}", lines.join("\n"))
    })?;
    for problem in &problems {
        eprintln!("floorwatch: warning: {}", clean_lines(&problem.to_string()));
    }
    let notice = problems.first().map(|p| format!("theme file skipped: {p}"));
    Ok((choice, notice))
}

fn start_logging(
    args: &ConsoleArgs,
    scrubber: crate::platform::secret::Scrubber,
) -> Option<String> {
    let path = args
        .log_file
        .clone()
        .or_else(shell::logging::default_log_file)?;
    shell::logging::init(&path, scrubber).err()
}

fn poll(args: PollArgs) -> anyhow::Result<()> {
    if !args.once {
        bail!("`floorwatch poll` needs --once (continuous polling is what the console does)");
    }
    let config = platform_setup::config(args.config.config.as_deref())?.platform;
    let offset = local_utc_offset_s();
    let now = wall_now();
    let settings = floor_setup::engine_settings(&args.figures, offset, config.poll_interval);
    let floor = if config.kind == PlatformKind::Sim {
        let mut paced = floor_setup::simulator(&args.sim, now, offset);
        let floor = floor_setup::warmed_floor(&mut paced, settings, now);
        // The simulator answers at the moment it goes live; during a telephony outage it does not.
        if !paced.simulator().is_answering() {
            bail!("platform unreachable: simulated telephony outage: the platform does not answer");
        }
        floor
    } else {
        let (mut platform, _) = platform_setup::remote_platform(&config)?;
        let snapshot = super::runtime()?.block_on(platform.poll())?;
        let received_at = wall_now();
        warn_of_the_platform_clock(snapshot.observed_at, received_at);
        // One answer, printed as the platform gave it: the warning says what
        // the console would make of its clock.
        let mut floor = Floor::new(EngineSettings {
            clock_tolerance: None,
            ..settings
        });
        floor.observe(snapshot, received_at);
        floor
    };
    let snapshot = SnapshotV1::from_floor(&floor).context("the platform produced no snapshot")?;
    let mut out = std::io::stdout().lock();
    if args.json {
        super::output::write_json(&mut out, &snapshot).context("cannot write JSON")?;
    } else {
        print_table(&mut out, &snapshot, args.figures.sl_formula)?;
    }
    Ok(())
}

/// Says on stderr when the console would not believe the platform's clock.
fn warn_of_the_platform_clock(observed_at: Timestamp, received_at: Timestamp) {
    let Some(fault) = clock::judge(observed_at, received_at, None, clock::CLOCK_TOLERANCE) else {
        return;
    };
    let words = &EN.health;
    let by = fmt::skew(fault.skew_ms());
    let by = by.trim_start_matches(['+', '-']);
    let text = match fault {
        ClockFault::Ahead { .. } => fill(words.clock_ahead_once, &[by]),
        _ => fill(words.clock_behind, &[by]),
    };
    eprintln!("floorwatch: warning: {text}");
}

/// Reports every problem in a config file (syntax, keys, values, the secret,
/// the CA file) and what it would poll when there are none.
fn check_config(file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let path = platform_setup::config_path(file.as_deref()).context(
        "no config file: give one (floorwatch check-config FILE) or set FLOORWATCH_CONFIG",
    )?;
    let Config {
        platform: config,
        rules,
        checklist_refs,
        ..
    } = match crate::config::file::load(&path) {
        Ok(config) => config,
        Err(e) => {
            let problems = e.problems().len().max(1);
            // The problems quote the file: cleaned on the way out.
            eprintln!("{}", clean_lines(&e.to_string()));
            bail!(
                "{}: {problems} problem(s); nothing was polled",
                path.display()
            );
        }
    };
    let catalog = checklist_setup::checklists()?;
    checklist_setup::check_references(&checklist_refs, &catalog)?;
    if config.kind != PlatformKind::Sim {
        // Reading the secret and the CA file finds what the syntax cannot.
        platform_setup::remote_platform(&config)?;
    }
    let target = config.url.as_ref().map_or_else(
        || {
            config
                .region
                .clone()
                .unwrap_or_else(|| "its default address".into())
        },
        crate::platform::transport::shown_url,
    );
    println!(
        "{}: ok: {} at {}, polled every {}; {} rules; {} checklists",
        clean(&path.display().to_string()),
        config.kind,
        clean(&target),
        humantime::format_duration(config.poll_interval),
        rules.len(),
        catalog.len()
    );
    Ok(())
}

fn print_table(
    out: &mut impl Write,
    snapshot: &SnapshotV1,
    formula: crate::engine::SlFormula,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} at {}",
        clean(&snapshot.platform.name),
        snapshot.observed_at
    )?;
    writeln!(
        out,
        "{:<24} {:>9} {:>7} {:>7} {:>8} {:>6} {:>7}",
        "queue", "status", "SL", "waiting", "longest", "ASA", "aband"
    )?;
    for q in &snapshot.queues {
        let f = q.figures.as_ref();
        let interval = f.map(|f| &f.interval);
        writeln!(
            out,
            "{} {:>9} {:>7} {:>7} {:>8} {:>6} {:>7}",
            fmt::pad(&q.name, 24),
            f.map_or("", |f| f.status.as_str()),
            fmt::percent1(interval.and_then(|i| i.service_level), "—"),
            q.waiting,
            fmt::duration(q.longest_wait_s, "n/a"),
            fmt::duration(interval.and_then(|i| i.asa_s), "—"),
            fmt::percent1(interval.and_then(|i| i.abandon_rate), "—"),
        )?;
    }
    writeln!(
        out,
        "figures over the current interval; service level = {}",
        formula.formula()
    )
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let offset = local_utc_offset_s();
    let now = wall_now();
    // Served, the floor's clock is a platform's clock, which every console
    // reading it checks against its own: it starts now unless told otherwise.
    let mut sim = args.sim;
    sim.start
        .get_or_insert(floor_setup::time_of_day(now, offset));
    let mut paced = floor_setup::simulator(&sim, now, offset);
    // Per interval, as platforms count: a console reading it mid-interval
    // has the interval's figures at once, like the built-in console.
    paced.count_per_interval();
    paced.warm_up(Duration::from_secs(60), |_| {});
    let shared = floor_setup::shared(paced);
    super::runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        let address = listener.local_addr().context("cannot read the listening address")?;
        println!("floorwatch sim serve: listening on http://{address} (GET /v1/snapshot, POST /v1/scenario)");
        std::io::stdout().flush()?;
        shell::serve::serve(listener, shared, shutdown_signal()).await.context("the HTTP server failed")
    })
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
}
