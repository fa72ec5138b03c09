//! The built-in simulator as a platform: it paces the simulation against the
//! wall clock (`speed` simulated seconds per real second) and answers polls,
//! except during the telephony-outage scenario, when it stops answering.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;

use super::{Platform, PlatformError};
use crate::model::{Snapshot, Timestamp};
use crate::sim::{Scenario, SimConfig, Simulator};

/// A simulator with a clock: shared by the console's poller and `sim serve`.
pub struct PacedSimulator {
    sim: Simulator,
    /// The scenario asked for, and when during the warm-up it begins.
    scheduled: Option<(Timestamp, Scenario)>,
    /// Simulated time at `started`.
    origin: Timestamp,
    started: Instant,
    speed: f64,
}

pub type SharedSimulator = Arc<Mutex<PacedSimulator>>;

impl PacedSimulator {
    /// A simulator that begins `warm_up` before `live_from` and will be run
    /// forward to `live_from` by [`PacedSimulator::warm_up`].
    pub fn new(mut config: SimConfig, live_from: Timestamp, warm_up: Duration, speed: f64) -> Self {
        config.start = live_from.minus(warm_up);
        let scenario = config.scenario;
        config.scenario = Scenario::Normal;
        // The floor warms up in its normal state; the scenario begins a little
        // before going live, so it is already visible when the operator looks.
        let scheduled = Some((live_from.minus(scenario_lead(scenario, warm_up)), scenario));
        Self {
            sim: Simulator::new(config),
            scheduled,
            origin: live_from,
            started: Instant::now(),
            speed: speed.max(0.0),
        }
    }

    /// Runs the simulation up to the moment it goes live, handing a snapshot
    /// every `step` to `observe` (so figures and trends have a history at once).
    pub fn warm_up(&mut self, step: Duration, mut observe: impl FnMut(Snapshot)) {
        let mut t = self.sim.now();
        while t < self.origin {
            t = t.plus(step).min(self.origin);
            self.start_scheduled_scenario(t);
            self.sim.advance_to(t);
            observe(self.sim.snapshot());
        }
        self.start_scheduled_scenario(self.origin);
        self.started = Instant::now();
    }

    fn start_scheduled_scenario(&mut self, until: Timestamp) {
        if let Some((at, scenario)) = self.scheduled.filter(|(at, _)| *at <= until) {
            self.sim.advance_to(at);
            self.sim.set_scenario(scenario);
            self.scheduled = None;
        }
    }

    /// The wall instant at which the simulation went live (the end of the warm-up).
    pub fn live_since(&self) -> Instant {
        self.started
    }

    /// Where the simulated clock stands at wall instant `now`.
    pub fn sim_time_at(&self, now: Instant) -> Timestamp {
        let elapsed = now.saturating_duration_since(self.started).as_secs_f64() * self.speed;
        self.origin.plus(Duration::from_secs_f64(elapsed.min(1e9)))
    }

    /// Brings the simulation up to wall instant `now` and observes it.
    pub fn observe_at(&mut self, now: Instant) -> Result<Snapshot, PlatformError> {
        let t = self.sim_time_at(now);
        self.sim.advance_to(t);
        if self.sim.is_answering() {
            Ok(self.sim.snapshot())
        } else {
            Err(PlatformError::Unreachable {
                reason: "simulated telephony outage: the platform does not answer".into(),
            })
        }
    }

    pub fn set_scenario(&mut self, scenario: Scenario, now: Instant) {
        self.scheduled = None;
        let t = self.sim_time_at(now);
        self.sim.advance_to(t);
        self.sim.set_scenario(scenario);
    }

    pub fn scenario(&self) -> Scenario {
        self.sim.scenario()
    }

    pub fn simulator(&self) -> &Simulator {
        &self.sim
    }
}

/// How long before going live the chosen scenario starts: a site going
/// dark happens as the console goes live, so the operator sees it go and
/// the rules see the staff it had; the others build up over a quarter hour.
fn scenario_lead(scenario: Scenario, warm_up: Duration) -> Duration {
    match scenario {
        Scenario::SitePowerLoss => Duration::ZERO,
        _ => warm_up.min(Duration::from_secs(15 * 60)),
    }
}

/// The console's adapter over a shared paced simulator.
pub struct SimulatedPlatform {
    shared: SharedSimulator,
}

impl SimulatedPlatform {
    pub fn new(shared: SharedSimulator) -> Self {
        Self { shared }
    }
}

impl Platform for SimulatedPlatform {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            // A large floor takes milliseconds to advance: keep it off the async workers.
            let task = tokio::task::spawn_blocking(move || {
                shared
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .observe_at(Instant::now())
            });
            task.await.map_err(|e| PlatformError::Unreachable {
                reason: format!("simulator task failed: {e}"),
            })?
        })
    }
}
