//! What a floor plan is: its sites, queues, contact reasons and agents.

use crate::model::QueueId;
use crate::sim::scenario::QueueRole;

#[derive(Clone, Debug)]
pub(in crate::sim) struct FloorPlan {
    pub sites: Vec<SiteSpec>,
    pub queues: Vec<QueueSpec>,
    pub agents: Vec<AgentSpec>,
    /// The site that loses power in `site-power-loss`.
    pub power_loss_site: usize,
}

#[derive(Clone, Debug)]
pub(in crate::sim) struct SiteSpec {
    pub id: String,
    pub name: String,
    /// Home workers have no building to lose power or to fail to reach.
    pub on_premises: bool,
    /// Agents here get Chinese names.
    pub chinese_names: bool,
}

#[derive(Clone, Debug)]
pub(in crate::sim) struct QueueSpec {
    pub id: QueueId,
    pub name: String,
    /// Arrival rate when the daily profile is at its peak, before scenarios.
    pub peak_calls_per_hour: f64,
    pub talk_mean_s: f64,
    pub wrap_mean_s: f64,
    /// Service-level threshold T.
    pub sl_threshold_s: u32,
    /// Short-abandon cut S.
    pub short_abandon_s: u32,
    pub reasons: Vec<ReasonSpec>,
    /// Share of callers with Chinese names or numbers.
    pub chinese_callers: f64,
    pub role: QueueRole,
    /// The reason a complaint spike floods this queue with, when it is the spike's target.
    pub spike_reason: Option<usize>,
}

#[derive(Clone, Debug)]
pub(in crate::sim) struct ReasonSpec {
    pub name: String,
    /// Relative frequency among the queue's calls.
    pub weight: f64,
    /// How the reason shifts a caller's sentiment (complaints are negative).
    pub mood: f64,
}

#[derive(Clone, Debug)]
pub(in crate::sim) struct AgentSpec {
    pub id: String,
    pub name: String,
    pub site: usize,
    /// Index into [`SHIFTS`](crate::sim::roster::SHIFTS).
    pub shift: usize,
    /// Queue indices, 1–3 of them.
    pub skills: Vec<u32>,
}

/// The reason a complaint spike is about.
pub(in crate::sim) const OUTAGE_COMPLAINT: &str = "Service outage complaint";

impl FloorPlan {
    /// Offered load at peak in Erlangs (calls in progress if every call were answered).
    #[cfg(test)]
    pub fn peak_load_erlangs(&self) -> f64 {
        self.queues.iter().map(QueueSpec::peak_load_erlangs).sum()
    }
}

impl QueueSpec {
    pub fn peak_load_erlangs(&self) -> f64 {
        self.peak_calls_per_hour * (self.talk_mean_s + self.wrap_mean_s) / 3600.0
    }
}

pub(super) fn reason(name: &str, weight: f64, mood: f64) -> ReasonSpec {
    ReasonSpec {
        name: name.to_owned(),
        weight,
        mood,
    }
}
