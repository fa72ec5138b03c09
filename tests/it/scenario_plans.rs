//! Each simulator scenario opens its own plan, and the normal day none:
//! the real simulator, paced and warmed up as the binary does it, polled
//! into `app::update` with the shipped rules and plans.

use std::time::Duration;

use clap::Parser;
use floorwatch::app::{AppState, Effect, Msg, update};
use floorwatch::cli::Cli;
use floorwatch::cli::floor_setup;
use floorwatch::config::checklist::ChecklistCatalog;
use floorwatch::engine::rules::default_rules;
use floorwatch::model::Timestamp;
use floorwatch::platform::simulated::PacedSimulator;

/// The wall clock when the console starts: a Monday, 08:00 UTC.
const WALL_START: i64 = 1_767_571_200 + 8 * 3600;
/// The binary's default poll interval.
const POLL: Duration = Duration::from_secs(2);

pub struct Console {
    pub paced: PacedSimulator,
    pub state: AppState,
    wall: Timestamp,
    /// Wall time since going live.
    elapsed: Duration,
    speed: f64,
}

/// The console on the simulator, as `floorwatch --scenario NAME --speed SPEED` builds it.
pub fn console(scenario: &str, speed: f64) -> Console {
    let args = [
        "floorwatch",
        "--scenario",
        scenario,
        "--speed",
        &speed.to_string(),
    ];
    let cli = Cli::try_parse_from(args).unwrap();
    let wall = Timestamp::from_secs(WALL_START);
    let settings = floor_setup::engine_settings(&cli.console.figures, 0, POLL);
    let (paced, mut state) = floor_setup::simulated_console(
        &cli.sim,
        settings,
        default_rules(),
        &ChecklistCatalog::builtin(),
        wall,
        0,
    );
    state.operator = "Dana".into();
    Console {
        paced,
        state,
        wall,
        elapsed: Duration::ZERO,
        speed,
    }
}

impl Console {
    /// Polls every two wall seconds (ticking every second) until `simulated`
    /// time has passed; returns the plans opened, in order.
    pub fn run_for(&mut self, simulated: Duration) -> Vec<String> {
        let until = self.elapsed + simulated.div_f64(self.speed);
        let mut opened = Vec::new();
        while self.elapsed < until {
            self.elapsed += POLL;
            let instant = self.paced.live_since() + self.elapsed;
            let at = self.wall.plus(self.elapsed);
            let msg = match self.paced.observe_at(instant) {
                Ok(snapshot) => Msg::FloorObserved { snapshot, at },
                Err(e) => Msg::PollFailed {
                    at,
                    failure: e.to_failure(),
                },
            };
            for msg in [
                Msg::Ticked(at.minus(Duration::from_secs(1))),
                msg,
                Msg::Ticked(at),
            ] {
                opened.extend(
                    update(&mut self.state, msg)
                        .effects
                        .into_iter()
                        .filter_map(|e| match e {
                            Effect::OpenIncident {
                                checklist, trigger, ..
                            } => Some(format!(
                                "{checklist} by {}",
                                trigger.map_or_else(String::new, |t| t.description)
                            )),
                            _ => None,
                        }),
                );
            }
        }
        opened
    }

    /// Plans with an incident still being worked.
    pub fn open_plans(&self) -> Vec<String> {
        self.state
            .incidents
            .iter()
            .filter(|i| i.is_open())
            .map(|i| i.run.checklist().id.clone())
            .collect()
    }
}

const TWO_HOURS: Duration = Duration::from_secs(2 * 3600);

fn explore(scenario: &str) {
    let mut console = console(scenario, 1.0);
    let opened = console.run_for(TWO_HOURS);
    let firing: Vec<String> = console
        .state
        .rules
        .book()
        .firing()
        .map(|a| format!("{} {}", a.rule.id, a.subject.label()))
        .collect();
    eprintln!(
        "{scenario}: opened {opened:?}, open {:?}, firing {firing:?}",
        console.open_plans()
    );
}

#[test]
fn explore_all() {
    for s in [
        "normal",
        "surge",
        "telephony-outage",
        "site-power-loss",
        "severe-weather",
        "complaint-spike",
    ] {
        let t = std::time::Instant::now();
        explore(s);
        eprintln!("{:?}", t.elapsed());
    }
}
