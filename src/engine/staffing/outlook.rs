//! What a staffing question is asked with (the work arriving, the service level to reach) and
//! what it answers (what a number of agents should achieve).

use std::time::Duration;

/// Work arriving at a queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Demand {
    /// Contacts offered over `period`.
    pub calls: f64,
    pub period: Duration,
    /// Average handle time.
    pub aht: Duration,
}

impl Demand {
    /// Offered load in erlangs: A = λ · AHT.
    pub fn erlangs(&self) -> f64 {
        self.arrival_rate() * self.aht.as_secs_f64()
    }

    /// λ, contacts per second.
    pub fn arrival_rate(&self) -> f64 {
        self.calls / self.period.as_secs_f64()
    }
}

/// The service level to reach: `share` answered within `threshold`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Target {
    pub share: f64,
    pub threshold: Duration,
}

/// What `agents` agents should achieve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outlook {
    pub agents: u32,
    /// Share of all arrivals answered within the threshold (abandoners are not).
    pub service_level: f64,
    /// Mean wait over all arrivals, seconds (infinite when the queue cannot keep up).
    pub asa_s: f64,
    pub occupancy: f64,
    pub p_wait: f64,
    /// Share of callers who give up (Erlang A only).
    pub p_abandon: Option<f64>,
}
