//! The built-in simulator as a platform: it paces the simulation against the
//! wall clock (`speed` simulated seconds per real second) and answers polls,
//! except during the telephony-outage scenario, when it stops answering.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;

use super::{Platform, PlatformError};
use crate::model::{QueueCounters, QueueId, Snapshot, Timestamp};
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
    /// Served per interval: each queue's counters when the current quarter
    /// hour began, taken off what is served (`None`: cumulative, as built in).
    per_interval: Option<IntervalStart>,
}

/// The quarter hour per-interval counting runs in: every zone's offset is
/// a whole number of quarter hours, so it starts every local interval of 15
/// or 30 minutes too.
const QUARTER_HOUR: Duration = Duration::from_secs(15 * 60);

/// The counters as they stood when an interval began.
#[derive(Clone, Debug, Default)]
struct IntervalStart {
    /// `None` until the simulation passes a quarter hour: it began within
    /// the current one, so its counters are served as they are.
    at: Option<Timestamp>,
    counters: HashMap<QueueId, QueueCounters>,
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
            per_interval: None,
        }
    }

    /// Serves counters per interval, as many contact-centre platforms
    /// report them: since the current quarter hour began (`counters_since`
    /// is its start). A console that starts reading mid-interval then has
    /// the whole interval at once, as the built-in console has from its
    /// warm-up. Call before [`PacedSimulator::warm_up`].
    pub fn count_per_interval(&mut self) {
        self.per_interval = Some(IntervalStart::default());
    }

    /// Runs the simulation to `t`, stopping at each quarter hour on the way
    /// to note the counters there when counting per interval.
    fn advance_to(&mut self, t: Timestamp) {
        if self.per_interval.is_some() {
            loop {
                let next = self.sim.now().floor_to(QUARTER_HOUR, 0).plus(QUARTER_HOUR);
                if next > t {
                    break;
                }
                self.sim.advance_to(next);
                let counters = self
                    .sim
                    .snapshot()
                    .queues
                    .into_iter()
                    .map(|q| (q.id, q.counters))
                    .collect();
                self.per_interval = Some(IntervalStart {
                    at: Some(next),
                    counters,
                });
            }
        }
        self.sim.advance_to(t);
    }

    /// The simulation's snapshot, its counters since the interval began
    /// when counting per interval.
    fn snapshot(&self) -> Snapshot {
        let mut snapshot = self.sim.snapshot();
        if let Some(IntervalStart {
            at: Some(start),
            counters,
        }) = &self.per_interval
        {
            for queue in &mut snapshot.queues {
                // A queue the simulation reset since (its midnight) counts from then already.
                if let Some(base) = counters
                    .get(&queue.id)
                    .filter(|base| base.since == queue.counters.since)
                {
                    queue.counters = counted_since(&queue.counters, base, *start);
                }
            }
        }
        snapshot
    }

    /// Runs the simulation up to the moment it goes live, handing a snapshot
    /// every `step` to `observe` (so figures and trends have a history at once).
    pub fn warm_up(&mut self, step: Duration, mut observe: impl FnMut(Snapshot)) {
        let mut t = self.sim.now();
        while t < self.origin {
            t = t.plus(step).min(self.origin);
            self.start_scheduled_scenario(t);
            self.advance_to(t);
            observe(self.snapshot());
        }
        self.start_scheduled_scenario(self.origin);
        self.started = Instant::now();
    }

    fn start_scheduled_scenario(&mut self, until: Timestamp) {
        if let Some((at, scenario)) = self.scheduled.filter(|(at, _)| *at <= until) {
            self.advance_to(at);
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
        self.advance_to(t);
        if self.sim.is_answering() {
            Ok(self.snapshot())
        } else {
            Err(PlatformError::Unreachable {
                reason: "simulated telephony outage: the platform does not answer".into(),
            })
        }
    }

    pub fn set_scenario(&mut self, scenario: Scenario, now: Instant) {
        self.scheduled = None;
        let t = self.sim_time_at(now);
        self.advance_to(t);
        self.sim.set_scenario(scenario);
    }

    pub fn scenario(&self) -> Scenario {
        self.sim.scenario()
    }

    pub fn simulator(&self) -> &Simulator {
        &self.sim
    }
}

/// What `now` counted since `base` was read at `start`.
fn counted_since(now: &QueueCounters, base: &QueueCounters, start: Timestamp) -> QueueCounters {
    let less = |now: Option<u64>, base: Option<u64>| Some(now?.saturating_sub(base.unwrap_or(0)));
    let less_f = |now: Option<f64>, base: Option<f64>| Some((now? - base.unwrap_or(0.0)).max(0.0));
    QueueCounters {
        since: Some(start),
        offered: less(now.offered, base.offered),
        answered: less(now.answered, base.answered),
        answered_in_sl: less(now.answered_in_sl, base.answered_in_sl),
        abandoned: less(now.abandoned, base.abandoned),
        abandoned_in_sl: less(now.abandoned_in_sl, base.abandoned_in_sl),
        abandoned_short: less(now.abandoned_short, base.abandoned_short),
        flowed_out: less(now.flowed_out, base.flowed_out),
        answered_wait_s: less_f(now.answered_wait_s, base.answered_wait_s),
        handled: less(now.handled, base.handled),
        handle_time_s: less_f(now.handle_time_s, base.handle_time_s),
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
