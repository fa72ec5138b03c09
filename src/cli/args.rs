//! The arguments, as clap reads them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::sim::Scenario;

/// A terminal console for contact-centre floor managers: live queues, service
/// level and sentiment. With no arguments it shows a simulated contact centre.
#[derive(Debug, Parser)]
#[command(name = "floorwatch", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub sim: SimArgs,
    #[command(flatten)]
    pub console: ConsoleArgs,
    #[command(flatten)]
    pub config: ConfigArg,
    #[command(flatten)]
    pub state: StateDirArg,
}

impl Cli {
    /// For `floorwatch [FLAGS] drill NAME [FLAGS]`: the console the drill
    /// runs in, and the drill; any other command comes back as it was, with
    /// no drill. A flag given after `drill` wins, and one given before it
    /// counts too: the README writes `floorwatch --speed 60 drill surge`.
    pub fn split_drill(self) -> (Cli, Option<String>) {
        let Some(Command::Drill { name, sim, state }) = self.command else {
            return (self, None);
        };
        let cli = Cli {
            command: None,
            sim: sim.over(self.sim),
            state: StateDirArg {
                state_dir: state.state_dir.or(self.state.state_dir),
            },
            ..self
        };
        (cli, Some(name))
    }
}

impl Cli {
    /// For `floorwatch [FLAGS] hub [FLAGS]`: the hub's flags, given on
    /// either side of `hub`, as one set (a flag after `hub` wins).
    pub fn split_hub(self) -> Cli {
        let Some(Command::Hub {
            sim,
            state,
            config,
            group,
        }) = self.command
        else {
            return self;
        };
        Cli {
            command: None,
            sim: sim.over(self.sim),
            state: StateDirArg {
                state_dir: state.state_dir.or(self.state.state_dir),
            },
            config: ConfigArg {
                config: config.or(self.config.config),
            },
            console: ConsoleArgs {
                group: group.or(self.console.group),
                ..self.console
            },
        }
    }
}

/// Which config file to read.
#[derive(Debug, Clone, Args)]
pub struct ConfigArg {
    /// Config file (TOML) naming the platform to poll; without one (and none in the
    /// user's config directory) floorwatch shows its built-in simulator.
    #[arg(long, env = "FLOORWATCH_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Poll the platform and print what the console would show.
    Poll(PollArgs),
    /// Rehearse a plan: the console, with a drill running from the start.
    /// On the simulator the scenario's situation is switched on; DRILL is on
    /// every view; nothing is ever sent; the run is scored and kept.
    Drill {
        /// surge, telephony-outage, site-power-loss, severe-weather,
        /// complaint-spike, or any checklist id (pandemic-continuity …).
        #[arg(value_name = "SCENARIO")]
        name: String,
        #[command(flatten)]
        sim: DrillSimArgs,
        #[command(flatten)]
        state: StateDirArg,
    },
    /// Run the hub alone, with no console (for a server, under systemd):
    /// it polls the platform, runs the rules and keeps the state directory;
    /// `floorwatch` on the same state directory attaches to it.
    Hub {
        #[command(flatten)]
        sim: DrillSimArgs,
        #[command(flatten)]
        state: StateDirArg,
        /// Config file (TOML) naming the platform to poll.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// A group whose members may attach their consoles too.
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Drills held so far, with their scores.
    Drills {
        #[command(subcommand)]
        command: DrillsCommand,
    },
    /// Incidents kept in the state directory.
    Incidents {
        #[command(subcommand)]
        command: IncidentsCommand,
    },
    /// The audit log: operator actions outside incidents (acknowledgements,
    /// snoozes, drills started and stopped), oldest first.
    Audit {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        state: StateDirArg,
    },
    /// Test hook for the crash tests: acts on an incident in a loop and prints
    /// `ack INCIDENT SEQ` after each action is on disk.
    #[command(hide = true)]
    StoreStress(StoreStressArgs),
    /// Check a config file and report every problem with file, line and what is wrong.
    CheckConfig {
        /// The file (default: --config, FLOORWATCH_CONFIG, or the user's config directory).
        file: Option<PathBuf>,
    },
    /// Score customer turns, English or Chinese: one text per line on standard
    /// input, one result per line on standard output (an empty line gets a
    /// neutral result, so lines stay aligned).
    Sentiment {
        /// One JSON object per line: {"score": -1…1, "label": "pos|neu|neg", "lang": "en|zh"}.
        #[arg(long)]
        json: bool,
    },
    /// Agents needed for a service-level target (Erlang C, or Erlang A with
    /// --patience), and the service level, ASA and occupancy they give.
    Staffing(StaffingArgs),
    /// The built-in simulated contact centre.
    Sim {
        #[command(subcommand)]
        command: SimCommand,
    },
}

#[derive(Debug, clap::Args)]
pub struct StaffingArgs {
    /// Contacts offered over the period.
    #[arg(long, value_parser = parse_count)]
    pub calls: f64,
    /// The period they arrive over (`30m`, `1h`).
    #[arg(long, value_parser = parse_positive_duration)]
    pub period: std::time::Duration,
    /// Average handle time (`180s`, `4m 30s`).
    #[arg(long, value_parser = parse_positive_duration)]
    pub aht: std::time::Duration,
    /// The service level to reach, as PERCENT/SECONDS (`80/20`: 80 % within 20 s).
    #[arg(long, value_parser = parse_target)]
    pub target: crate::engine::staffing::Target,
    /// Callers' mean patience (`5m`): switches from Erlang C to Erlang A,
    /// which counts the callers who give up.
    #[arg(long, value_parser = parse_positive_duration)]
    pub patience: Option<std::time::Duration>,
    /// One JSON object: {"agents", "service_level", "asa_s", "occupancy", …}.
    #[arg(long)]
    pub json: bool,
}

fn parse_count(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(n),
        _ => Err(format!("{s:?} is not a positive number of contacts")),
    }
}

fn parse_positive_duration(s: &str) -> Result<std::time::Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{s:?}: {e}"))?;
    if d.is_zero() {
        return Err(format!("{s:?} must be longer than zero"));
    }
    Ok(d)
}

/// `80/20` → 80 % within 20 seconds.
fn parse_target(s: &str) -> Result<crate::engine::staffing::Target, String> {
    let wrong = || format!("{s:?}: write the target as PERCENT/SECONDS, e.g. 80/20");
    let (percent, seconds) = s.split_once('/').ok_or_else(wrong)?;
    let percent: f64 = percent
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| wrong())?;
    let seconds: f64 = seconds
        .trim()
        .trim_end_matches('s')
        .parse()
        .map_err(|_| wrong())?;
    if !(percent > 0.0 && percent < 100.0) {
        return Err(format!(
            "{s:?}: the percentage must be above 0 and below 100"
        ));
    }
    // `try_`: "inf" and "1e30" parse as numbers but are no length of time.
    let threshold = std::time::Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{s:?}: the seconds must be 0 or more"))?;
    Ok(crate::engine::staffing::Target {
        share: percent / 100.0,
        threshold,
    })
}

#[derive(Debug, Subcommand)]
pub enum SimCommand {
    /// Serve the simulator over HTTP in the snapshot contract (GET /v1/snapshot).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct PollArgs {
    /// Poll once and exit (the only mode for now).
    #[arg(long)]
    pub once: bool,
    /// Print the snapshot contract as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub sim: SimArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
    #[command(flatten)]
    pub config: ConfigArg,
}

#[derive(Debug, Subcommand)]
pub enum DrillsCommand {
    /// Every drill: when, which plan, and its score.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        state: StateDirArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum IncidentsCommand {
    /// One incident as a report for the review: trigger, every step with who,
    /// when and how late, notes, the timeline and the outcome.
    Export {
        /// The incident's number (see `incidents list`).
        id: u64,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        #[command(flatten)]
        state: StateDirArg,
    },
    /// Every incident: its checklist, trigger, and each step with who did it and when.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        state: StateDirArg,
    },
}

/// Where incidents and the audit journal are kept.
#[derive(Debug, Clone, Args)]
pub struct StateDirArg {
    /// State directory (default: the platform's state directory for floorwatch).
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StoreStressArgs {
    #[command(flatten)]
    pub state: StateDirArg,
    /// Actions to take before stopping by itself.
    #[arg(long, default_value_t = 1_000_000)]
    pub actions: u64,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub sim: SimArgs,
}

/// How the simulated contact centre runs.
#[derive(Debug, Clone, Args)]
pub struct SimArgs {
    /// normal, surge, telephony-outage, site-power-loss, severe-weather or complaint-spike.
    #[arg(long, default_value = "normal", value_parser = parse_scenario)]
    pub scenario: Scenario,
    /// Seed of the simulation: the same seed and flags give the same floor.
    /// (2 opens on a busy morning; every seed is a real simulation.)
    #[arg(long, default_value_t = 2)]
    pub seed: u64,
    /// Simulated seconds per real second.
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Local time of day at which the simulated floor goes live (HH:MM; default 10:20,
    /// and for `sim serve` the moment it starts, so its clock agrees with its readers').
    #[arg(long, value_parser = parse_time_of_day)]
    pub start: Option<u32>,
    /// How much simulated time runs before going live, so figures have a history.
    #[arg(long, default_value = "60m", value_parser = humantime::parse_duration)]
    pub warm_up: Duration,
    /// A generated floor of this many queues instead of the standard one (needs --agents).
    #[arg(long, requires = "agents", value_parser = clap::value_parser!(u32).range(1..=crate::platform::MAX_QUEUES as i64))]
    pub queues: Option<u32>,
    /// Agents on the generated floor (needs --queues).
    #[arg(long, requires = "queues", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub agents: Option<u32>,
}

/// The simulator's flags as given after `drill`: each one left out is
/// taken from before `drill`, or its default (the scenario is the drill's).
#[derive(Debug, Clone, Args)]
pub struct DrillSimArgs {
    /// Seed of the simulation (default 2).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Simulated seconds per real second (default 1).
    #[arg(long, value_parser = parse_speed)]
    pub speed: Option<f64>,
    /// Local time of day at which the simulated floor goes live (HH:MM; default 10:20).
    #[arg(long, value_parser = parse_time_of_day)]
    pub start: Option<u32>,
    /// How much simulated time runs before going live (default 60m).
    #[arg(long, value_parser = humantime::parse_duration)]
    pub warm_up: Option<Duration>,
    /// A generated floor of this many queues instead of the standard one (needs --agents).
    #[arg(long, requires = "agents", value_parser = clap::value_parser!(u32).range(1..=crate::platform::MAX_QUEUES as i64))]
    pub queues: Option<u32>,
    /// Agents on the generated floor (needs --queues).
    #[arg(long, requires = "queues", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub agents: Option<u32>,
}

impl DrillSimArgs {
    /// These flags over the ones given before `drill`.
    fn over(self, before: SimArgs) -> SimArgs {
        SimArgs {
            scenario: before.scenario,
            seed: self.seed.unwrap_or(before.seed),
            speed: self.speed.unwrap_or(before.speed),
            start: self.start.or(before.start),
            warm_up: self.warm_up.unwrap_or(before.warm_up),
            queues: self.queues.or(before.queues),
            agents: self.agents.or(before.agents),
        }
    }
}

/// How figures are computed.
#[derive(Debug, Clone, Args)]
pub struct FigureArgs {
    /// Service-level formula: answered-and-late-abandons (default), answered-only,
    /// answered-and-abandoned, short-abandons-excluded, with-flow-outs, removed-within-threshold.
    #[arg(long, default_value = "answered-and-late-abandons", value_parser = parse_formula)]
    pub sl_formula: crate::engine::SlFormula,
    /// Length of the clock-aligned interval in minutes.
    #[arg(long, default_value_t = 15, value_parser = parse_interval)]
    pub interval: u64,
    /// Leave abandons within the platform's short-abandon cut out of the abandon rate.
    #[arg(long)]
    pub exclude_short_abandons: bool,
}

/// How the console looks and behaves.
#[derive(Debug, Clone, Args)]
pub struct ConsoleArgs {
    /// Theme: default, light, high-contrast, colour-blind, monochrome, or one of yours.
    #[arg(long)]
    pub theme: Option<String>,
    /// Colour level; `auto` reads NO_COLOR, COLORTERM and TERM.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Time between polls of the platform (default: the config's poll_interval, else 2s).
    #[arg(long, value_parser = parse_poll_interval)]
    pub poll_interval: Option<Duration>,
    /// Do not ring the terminal bell when a queue turns critical.
    #[arg(long)]
    pub no_bell: bool,
    /// Log file (default: floorwatch.log in the platform's state directory).
    #[arg(long)]
    pub log_file: Option<PathBuf>,
    /// A group whose members may attach their consoles to this hub; without
    /// one, the state directory and the hub's socket are yours alone.
    #[arg(long, env = "FLOORWATCH_GROUP", value_name = "GROUP")]
    pub group: Option<String>,
    #[command(flatten)]
    pub figures: FigureArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Never,
    #[value(name = "16")]
    Ansi16,
    #[value(name = "256")]
    Ansi256,
    Truecolor,
}

fn parse_scenario(s: &str) -> Result<Scenario, String> {
    s.parse::<Scenario>().map_err(|e| e.to_string())
}

fn parse_formula(s: &str) -> Result<crate::engine::SlFormula, String> {
    crate::engine::SlFormula::from_name(s).ok_or_else(|| {
        let names: Vec<_> = crate::engine::SlFormula::ALL
            .iter()
            .map(|f| f.name())
            .collect();
        format!(
            "unknown formula {s:?}; expected one of: {}",
            names.join(", ")
        )
    })
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=10_000.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "{s:?} is not a speed between 0 and 10000 (simulated seconds per real second)"
        )),
    }
}

fn parse_interval(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(v @ (15 | 30)) => Ok(v),
        _ => Err(format!("{s:?}: the interval is 15 or 30 minutes")),
    }
}

fn parse_poll_interval(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{s:?}: {e}"))?;
    if (Duration::from_millis(500)..=Duration::from_secs(300)).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{s:?}: the poll interval must be between 500ms and 5m"
        ))
    }
}

/// `HH:MM` → seconds after midnight.
fn parse_time_of_day(s: &str) -> Result<u32, String> {
    let bad = || format!("{s:?} is not a time of day like 09:30");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h < 24 && m < 60 {
        Ok(h * 3600 + m * 60)
    } else {
        Err(bad())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_target_of_no_length_of_time_is_refused_not_a_panic() {
        for bad in ["80/inf", "80/1e30", "80/-1", "80/NaN"] {
            assert!(
                parse_target(bad).unwrap_err().contains("0 or more"),
                "{bad}"
            );
        }
        assert!(parse_target("80/20").is_ok());
    }

    #[test]
    fn times_of_day_parse() {
        assert_eq!(parse_time_of_day("09:30"), Ok(9 * 3600 + 30 * 60));
        assert!(parse_time_of_day("24:00").is_err());
        assert!(parse_time_of_day("nine").is_err());
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        assert!(parse_speed("-1").is_err());
        assert!(parse_interval("20").unwrap_err().contains("15 or 30"));
        assert!(
            parse_formula("magic")
                .unwrap_err()
                .contains("answered-only")
        );
        assert!(parse_poll_interval("1ms").is_err());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod drill_flags {
    use super::*;

    fn drill_console(args: &[&str]) -> Cli {
        let (cli, name) = Cli::try_parse_from(args).unwrap().split_drill();
        assert_eq!(name.as_deref(), Some("surge"));
        cli
    }

    #[test]
    fn the_simulators_flags_count_before_drill_as_after_it() {
        let before = drill_console(&["floorwatch", "--speed", "60", "drill", "surge"]);
        assert_eq!(before.sim.speed, 60.0, "the README's order");
        let after = drill_console(&["floorwatch", "drill", "surge", "--speed", "60"]);
        assert_eq!(after.sim.speed, 60.0);
        let both = drill_console(&[
            "floorwatch",
            "--speed",
            "60",
            "--seed",
            "3",
            "drill",
            "surge",
            "--speed",
            "30",
        ]);
        assert_eq!(
            (both.sim.speed, both.sim.seed),
            (30.0, 3),
            "after drill wins"
        );
        let plain = drill_console(&["floorwatch", "drill", "surge"]);
        assert_eq!((plain.sim.speed, plain.sim.seed), (1.0, 2), "the defaults");
    }

    #[test]
    fn the_state_directory_counts_before_drill_as_after_it() {
        let before = drill_console(&["floorwatch", "--state-dir", "/tmp/a", "drill", "surge"]);
        assert_eq!(before.state.state_dir, Some(PathBuf::from("/tmp/a")));
        let after = drill_console(&["floorwatch", "drill", "surge", "--state-dir", "/tmp/b"]);
        assert_eq!(after.state.state_dir, Some(PathBuf::from("/tmp/b")));
    }

    #[test]
    fn any_other_command_comes_back_without_a_drill() {
        let (cli, drill) = Cli::try_parse_from(["floorwatch", "--speed", "5"])
            .unwrap()
            .split_drill();
        assert_eq!((cli.sim.speed, drill), (5.0, None));
    }
}
