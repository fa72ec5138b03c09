//! What a simulation run depends on: its seed, scenario, floor shape, start and zone.

use super::scenario::Scenario;
use crate::model::Timestamp;

/// Everything a simulation run depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    pub seed: u64,
    pub scenario: Scenario,
    pub shape: FloorShape,
    /// Simulated time at which the simulation begins (its clock; never the wall clock).
    pub start: Timestamp,
    /// Zone of the simulated site, seconds east of UTC: the arrival-rate profile follows local time of day.
    pub utc_offset_s: i32,
}

/// How big the simulated floor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloorShape {
    /// Six named queues and 80 agents in Manchester, Shenzhen and at home.
    Standard,
    /// Generated queues ("Queue 0001"…) and agents over six sites, loaded like the standard floor.
    /// At least one queue is always created.
    Large { queues: usize, agents: usize },
}
