//! Building the simulated floor and the engine from the arguments.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::args::{FigureArgs, SimArgs};
use crate::app::Setup;
use crate::config::checklist::ChecklistCatalog;
use crate::engine::rules::{Rule, RuleEngine};
use crate::engine::{EngineSettings, Floor};
use crate::model::Timestamp;
use crate::platform::simulated::{PacedSimulator, SharedSimulator};
use crate::sim::{FloorShape, SimConfig};

/// Simulated time between snapshots during the warm-up.
const WARM_UP_STEP: Duration = Duration::from_secs(15);
const DAY: Duration = Duration::from_secs(86_400);

pub fn engine_settings(
    figures: &FigureArgs,
    utc_offset_s: i32,
    poll_interval: Duration,
) -> EngineSettings {
    EngineSettings {
        sl_formula: figures.sl_formula,
        interval: Duration::from_secs(figures.interval * 60),
        utc_offset_s,
        exclude_short_abandons: figures.exclude_short_abandons,
        stale_after: stale_after(poll_interval),
        ..EngineSettings::default()
    }
}

/// Data is stale once two polls in a row have not arrived (plus slack for a slow answer).
pub fn stale_after(poll_interval: Duration) -> Duration {
    (poll_interval * 2 + Duration::from_secs(2)).max(Duration::from_secs(5))
}

/// When the simulated floor goes live without `--start`: 10:20, a busy
/// morning, whatever the time of day the console runs.
pub const DEFAULT_START_S: u32 = 10 * 3600 + 20 * 60;

/// The moment the simulated floor goes live: today (by the wall clock) at `--start`.
/// Only the date comes from the wall clock, so figures do not depend on it.
pub fn live_from(sim: &SimArgs, wall_now: Timestamp, utc_offset_s: i32) -> Timestamp {
    let start = sim.start.unwrap_or(DEFAULT_START_S);
    wall_now
        .floor_to(DAY, utc_offset_s)
        .plus(Duration::from_secs(u64::from(start)))
}

/// The local time of day of `wall_now`, in whole seconds since midnight.
pub fn time_of_day(wall_now: Timestamp, utc_offset_s: i32) -> u32 {
    let midnight = wall_now.floor_to(DAY, utc_offset_s);
    u32::try_from(wall_now.saturating_since(midnight).as_secs()).unwrap_or(0)
}

pub fn simulator(sim: &SimArgs, wall_now: Timestamp, utc_offset_s: i32) -> PacedSimulator {
    let shape = match (sim.queues, sim.agents) {
        (Some(queues), Some(agents)) => FloorShape::Large {
            queues: queues as usize,
            agents: agents as usize,
        },
        _ => FloorShape::Standard,
    };
    let config = SimConfig {
        seed: sim.seed,
        scenario: sim.scenario,
        shape,
        start: Timestamp::default(),
        utc_offset_s,
    };
    PacedSimulator::new(
        config,
        live_from(sim, wall_now, utc_offset_s),
        sim.warm_up,
        sim.speed,
    )
}

pub fn shared(paced: PacedSimulator) -> SharedSimulator {
    Arc::new(Mutex::new(paced))
}

/// Runs the warm-up, feeding every snapshot to a new engine, so the console
/// opens on a floor with an hour of history rather than a row of zeros.
pub fn warmed_floor(
    paced: &mut PacedSimulator,
    settings: EngineSettings,
    received_at: Timestamp,
) -> Floor {
    warmed_floor_with(paced, settings, received_at, |_| {})
}

/// The warm-up, showing each snapshot to `also` before the floor takes it.
fn warmed_floor_with(
    paced: &mut PacedSimulator,
    settings: EngineSettings,
    received_at: Timestamp,
    mut also: impl FnMut(&crate::model::Snapshot),
) -> Floor {
    // The simulator's clock runs at the time of day the operator chose, not ours.
    let mut floor = Floor::new(EngineSettings {
        clock_tolerance: None,
        ..settings
    });
    paced.warm_up(WARM_UP_STEP, |snapshot| {
        also(&snapshot);
        floor.observe(snapshot, received_at)
    });
    floor
}

/// What the simulated console starts from before its first poll, as the
/// binary builds it: the floor warmed up, the rules watching it and the
/// plans they open (`AppState::start` makes the console of it).
pub fn simulated_setup(
    sim: &SimArgs,
    settings: EngineSettings,
    rules: Vec<Rule>,
    catalog: &ChecklistCatalog,
    wall_now: Timestamp,
    utc_offset_s: i32,
) -> (PacedSimulator, Setup) {
    let mut paced = simulator(sim, wall_now, utc_offset_s);
    let mut rules = RuleEngine::new(rules);
    // The rules remember the warm-up's staffing, so a site that goes dark
    // as the console goes live is seen against the agents it had.
    let floor = warmed_floor_with(&mut paced, settings, wall_now, |snapshot| {
        rules.remember(snapshot)
    });
    let mut setup = Setup::new(floor, wall_now, utc_offset_s);
    setup.simulated = true;
    setup.rules = rules;
    setup.checklists = checklists_by_id(catalog);
    (paced, setup)
}

/// The plans a rule or the operator can open, by id.
pub fn checklists_by_id(
    catalog: &ChecklistCatalog,
) -> std::collections::BTreeMap<String, crate::engine::checklist::Checklist> {
    catalog
        .iter()
        .map(|(c, _)| (c.id.clone(), c.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staleness_follows_the_poll_interval() {
        assert_eq!(stale_after(Duration::from_secs(2)), Duration::from_secs(6));
        assert_eq!(
            stale_after(Duration::from_secs(30)),
            Duration::from_secs(62)
        );
        assert_eq!(
            stale_after(Duration::from_millis(500)),
            Duration::from_secs(5)
        );
    }
}
