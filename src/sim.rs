//! The simulated contact centre, the embedded default platform: a seeded,
//! deterministic discrete-event model of a floor — Poisson arrivals that
//! follow the time of day, callers with patience who abandon, agents with
//! skills, shifts, breaks and sites, contact reasons and sentiment — that
//! reports itself as a [`Snapshot`] like any platform does.
//!
//! It is pure: no clock reads (time only moves by [`Simulator::advance_to`]),
//! no I/O, no threads, no global state. The same [`SimConfig`] and the same
//! calls give the same snapshots, however `advance_to` is sliced. Serving it
//! over HTTP and driving it from the wall clock belong to other modules.
//!
//! Reading order: `scenario` (the named situations), `floor_plan` (queues,
//! agents, sites), `roster` and `profile` (when people work and call),
//! `arrivals` and `floor` (events and call flow), `agent` and `staffing`
//! (agents' state and day), `routing`, `stats`, `view` (the snapshot).

mod agent;
mod arrivals;
mod caller;
mod config;
mod event;
mod floor;
mod floor_plan;
mod names;
mod profile;
mod roster;
mod routing;
mod scenario;
mod staffing;
mod stats;
mod turns;
mod view;

#[cfg(test)]
mod tests;

pub use config::{FloorShape, SimConfig};
pub use scenario::{Scenario, UnknownScenario};

use crate::model::{Snapshot, Timestamp};

/// A running simulated floor.
#[derive(Clone, Debug)]
pub struct Simulator {
    floor: floor::Floor,
}

impl Simulator {
    /// Builds the floor at `config.start`, with the agents whose shifts are
    /// under way logged in and nobody waiting yet.
    pub fn new(config: SimConfig) -> Self {
        Self {
            floor: floor::Floor::new(&config),
        }
    }

    /// The simulated clock.
    pub fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.floor.now_ms)
    }

    /// Processes every event at or before `t` and sets the clock to `t`; a no-op if `t <= now`.
    pub fn advance_to(&mut self, t: Timestamp) {
        self.floor.advance_to(t.as_millis());
    }

    pub fn scenario(&self) -> Scenario {
        self.floor.scenario
    }

    /// Switches scenario at [`Simulator::now`]. Switching to the current scenario does nothing.
    pub fn set_scenario(&mut self, scenario: Scenario) {
        self.floor.set_scenario(scenario);
    }

    /// False while the telephony platform is down: it stops answering polls,
    /// though calls still arrive and are handled behind it.
    pub fn is_answering(&self) -> bool {
        self.floor.scenario != Scenario::TelephonyOutage
    }

    /// The floor at [`Simulator::now`], as platform kind `sim`.
    pub fn snapshot(&self) -> Snapshot {
        view::snapshot(&self.floor)
    }

    pub fn queue_count(&self) -> usize {
        self.floor.plan.queues.len()
    }

    pub fn agent_count(&self) -> usize {
        self.floor.plan.agents.len()
    }
}
