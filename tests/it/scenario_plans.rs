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

use super::view::{render, text, theme};

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
    console_with(scenario, speed, &[])
}

/// Likewise, with more arguments (`--seed 7`).
pub fn console_with(scenario: &str, speed: f64, more: &[&str]) -> Console {
    let speed_arg = speed.to_string();
    let mut args = vec!["floorwatch", "--scenario", scenario, "--speed", &speed_arg];
    args.extend_from_slice(more);
    let cli = Cli::try_parse_from(args).unwrap();
    let wall = Timestamp::from_secs(WALL_START);
    let settings = floor_setup::engine_settings(&cli.console.figures, 0, POLL);
    let (paced, mut setup) = floor_setup::simulated_setup(
        &cli.sim,
        settings,
        default_rules(),
        &ChecklistCatalog::builtin(),
        wall,
        0,
    );
    setup.operator = "Dana".into();
    Console {
        paced,
        state: floorwatch::app::AppState::start(setup),
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
                            Effect::OpenIncident { checklist, .. } => Some(checklist),
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
/// Each plan must be open this soon after the console goes live.
const OPENS_WITHIN: Duration = Duration::from_secs(20 * 60);

const PLANS: [&str; 6] = [
    "traffic-surge",
    "telephony-outage",
    "site-power-outage",
    "severe-weather",
    "complaint-spike",
    "pandemic-continuity",
];

/// Runs `scenario` for two simulated hours: `expected` (or nothing) opens
/// within the first twenty minutes, and no other plan opens at all.
fn only_its_own_plan(scenario: &str, expected: Option<&str>) -> Console {
    let mut console = console(scenario, 1.0);
    let soon = console.run_for(OPENS_WITHIN);
    let later = console.run_for(TWO_HOURS - OPENS_WITHIN);
    let opened: Vec<&str> = soon.iter().chain(&later).map(String::as_str).collect();
    assert_eq!(
        soon.iter().map(String::as_str).collect::<Vec<_>>(),
        expected.into_iter().collect::<Vec<_>>(),
        "{scenario}: plans opened in the first 20 minutes (all: {opened:?})"
    );
    for plan in PLANS.iter().filter(|p| Some(**p) != expected) {
        assert!(
            !opened.contains(plan),
            "{scenario} opened {plan}: {opened:?}"
        );
    }
    assert_eq!(
        console.open_plans(),
        expected.into_iter().map(str::to_owned).collect::<Vec<_>>(),
        "{scenario}: still open after two hours"
    );
    console
}

#[test]
fn a_normal_day_opens_no_plan_in_two_hours() {
    only_its_own_plan("normal", None);
}

#[test]
fn a_surge_opens_the_traffic_surge_plan_only() {
    only_its_own_plan("surge", Some("traffic-surge"));
}

#[test]
fn a_telephony_outage_opens_its_plan_only() {
    only_its_own_plan("telephony-outage", Some("telephony-outage"));
}

#[test]
fn a_site_power_loss_opens_the_site_plan_and_the_site_stays_lost() {
    let console = only_its_own_plan("site-power-loss", Some("site-power-outage"));
    let incident = &console.state.incidents[0];
    let trigger = incident.trigger.as_ref().unwrap();
    assert_eq!(
        (trigger.rule.as_str(), trigger.subject.as_str()),
        ("site-agents-lost", "Manchester")
    );
    // Its messages name the site that tripped.
    let step = incident
        .run
        .checklist()
        .steps
        .iter()
        .position(|s| s.id == "life-safety")
        .unwrap();
    let message = floorwatch::app::view::step_message(&console.state, 0, step).unwrap();
    assert!(message.contains("Manchester lost its agents"), "{message}");
    // Two hours on, the site is still dark and the sites view says so.
    let mut state = console.state;
    state.view.screen = floorwatch::app::Screen::Sites;
    let mono = theme("default", floorwatch::ui::theme::ColorLevel::None);
    let screen = text(&render(&state, &mono, 80, 24));
    let row = screen
        .lines()
        .find(|l| l.contains("Manchester"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("✖ LOST 100"), "{screen}");
    assert!(!row.contains("steady"), "{screen}");
}

#[test]
fn severe_weather_opens_the_severe_weather_plan_only() {
    only_its_own_plan("severe-weather", Some("severe-weather"));
}

#[test]
fn a_complaint_spike_opens_the_complaint_plan_only() {
    only_its_own_plan("complaint-spike", Some("complaint-spike"));
}

/// The real binary in tmux at 80×24: started on a site power loss, it
/// opens the site plan by itself, naming the site, and no surge plan.
#[test]
fn the_binary_opens_the_site_plan_on_a_site_power_loss() {
    if !super::tmux::tmux_available() {
        return;
    }
    let pane = super::tmux::Pane::start(
        "plans-site-loss",
        &[
            "--scenario",
            "site-power-loss",
            "--speed",
            "10",
            "--no-bell",
        ],
        &[("NO_COLOR", "1")],
    );
    let screen = pane.wait_for("Site power or network outage");
    assert!(screen.contains("Confirm life safety"), "{screen}");
    assert!(!screen.contains("Traffic surge"), "{screen}");
    // The sites view says the site is lost, not steady.
    pane.keys(&["Escape", "5"]);
    let sites = pane.wait_for("Manchester");
    let row = sites.lines().find(|l| l.contains("Manchester")).unwrap();
    assert!(row.contains("LOST"), "{sites}");
}

/// Opens as `only_its_own_plan` does, at `speed` on `seed`, for `hours`.
fn opened_at(scenario: &str, seed: u64, speed: f64, hours: u64) -> Vec<String> {
    let mut console = console_with(scenario, speed, &["--seed", &seed.to_string()]);
    console.run_for(Duration::from_secs(hours * 3600))
}

#[test]
fn at_sixty_times_speed_on_another_seed_each_scenario_still_opens_its_own_plan() {
    for (scenario, plan) in [
        ("surge", "traffic-surge"),
        ("telephony-outage", "telephony-outage"),
        ("site-power-loss", "site-power-outage"),
        ("severe-weather", "severe-weather"),
        ("complaint-spike", "complaint-spike"),
    ] {
        assert_eq!(opened_at(scenario, 7, 60.0, 2), [plan], "{scenario}");
    }
}

#[test]
fn a_whole_normal_day_with_its_shift_ends_opens_no_plan() {
    // From 10:20 to 22:20: part-timers leave at 12:00 and 13:00, full days
    // end at 17:00, 18:00 and 19:30, at every site alike. None of it is weather.
    assert!(opened_at("normal", 2, 60.0, 12).is_empty());
}
