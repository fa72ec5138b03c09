//! One observation of the floor, as every adapter reports it.

use super::Timestamp;

/// A queue (skill, split, task queue) as the platform names it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueueId(pub String);

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub platform: PlatformInfo,
    /// When the platform says these figures were true (its clock, UTC).
    pub observed_at: Timestamp,
    pub queues: Vec<QueueObservation>,
    pub agents: Vec<AgentObservation>,
    pub waiting_contacts: Vec<WaitingContact>,
    /// Conversations in progress, with what the customer said last.
    pub interactions: Vec<Interaction>,
    pub sites: Vec<Site>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformInfo {
    /// `sim`, `http`, `twilio`, `asterisk`, `genesys` …
    pub kind: String,
    /// What the header shows, e.g. "simulator · normal · seed 1".
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QueueObservation {
    pub id: QueueId,
    pub name: String,
    /// Contacts waiting now.
    pub waiting: u32,
    /// Age of the oldest contact waiting now; `Some(0.0)` when none waits.
    pub longest_wait_s: Option<f64>,
    pub agents: AgentCounts,
    /// Cumulative counters since the platform last reset them.
    pub counters: QueueCounters,
    /// The service-level threshold T the platform counts `answered_in_sl` against.
    pub sl_threshold_s: Option<f64>,
    /// The short-abandon cut S the platform counts `abandoned_short` against.
    pub short_abandon_s: Option<f64>,
    pub sentiment: Option<SentimentObservation>,
    /// Cumulative contacts by contact reason (wrap-up code, disposition, topic).
    pub reasons: Vec<ReasonCount>,
}

/// Agents logged in to a queue, by state. An agent in several queues counts once in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgentCounts {
    pub available: u32,
    /// Offered a contact that has not been answered yet (the phone rings).
    /// Logged in but neither free nor busy: the platform will not offer them
    /// another, and they are not handling one.
    pub ringing: u32,
    pub on_call: u32,
    /// `None` where the platform does not tell wrap-up apart (Genesys counts
    /// those agents as interacting, so they are in `on_call`).
    pub wrap_up: Option<u32>,
    pub not_ready: u32,
}

impl Default for AgentCounts {
    /// Nobody logged in, on a platform that reports every state.
    fn default() -> Self {
        Self {
            available: 0,
            ringing: 0,
            on_call: 0,
            wrap_up: Some(0),
            not_ready: 0,
        }
    }
}

impl AgentCounts {
    /// Agents by state, each counted once; offline agents are not counted.
    pub fn of<'a>(agents: impl IntoIterator<Item = &'a AgentObservation>) -> AgentCounts {
        let mut counts = AgentCounts::default();
        for agent in agents {
            counts.add(agent.state);
        }
        counts
    }

    /// One more agent in `state`; offline agents are not counted.
    pub fn add(&mut self, state: AgentState) {
        self.count(state, 1);
    }

    /// Adds `n` agents in `state`; offline agents are not counted.
    pub fn count(&mut self, state: AgentState, n: u32) {
        match state {
            AgentState::Available => self.available = self.available.saturating_add(n),
            AgentState::Ringing => self.ringing = self.ringing.saturating_add(n),
            AgentState::OnCall => self.on_call = self.on_call.saturating_add(n),
            AgentState::WrapUp => {
                self.wrap_up = Some(self.wrap_up.unwrap_or(0).saturating_add(n));
            }
            AgentState::NotReady => self.not_ready = self.not_ready.saturating_add(n),
            AgentState::Offline => {}
        }
    }

    // Sums saturate: counts come from platforms, and a total must never wrap.

    pub fn logged_in(&self) -> u32 {
        self.present().saturating_add(self.not_ready)
    }

    /// Agents taking contacts now: free, offered one, or handling one.
    pub fn present(&self) -> u32 {
        self.available
            .saturating_add(self.ringing)
            .saturating_add(self.busy())
    }

    /// On a call or in wrap-up: occupied by contacts.
    pub fn busy(&self) -> u32 {
        self.on_call.saturating_add(self.wrap_up.unwrap_or(0))
    }

    /// Counts of several queues added up; wrap-up stays known only if every part knows it.
    pub fn plus(self, other: AgentCounts) -> AgentCounts {
        AgentCounts {
            available: self.available.saturating_add(other.available),
            ringing: self.ringing.saturating_add(other.ringing),
            on_call: self.on_call.saturating_add(other.on_call),
            wrap_up: self
                .wrap_up
                .zip(other.wrap_up)
                .map(|(a, b)| a.saturating_add(b)),
            not_ready: self.not_ready.saturating_add(other.not_ready),
        }
    }
}

/// Counters the platform accumulates until it resets them (at midnight, on
/// restart, by hand). Each may be missing on a given platform.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QueueCounters {
    /// When counting started; a change means the counters were reset.
    pub since: Option<Timestamp>,
    pub offered: Option<u64>,
    pub answered: Option<u64>,
    /// Answered with a queue wait ≤ T.
    pub answered_in_sl: Option<u64>,
    pub abandoned: Option<u64>,
    /// Abandoned with a queue wait ≤ T.
    pub abandoned_in_sl: Option<u64>,
    /// Abandoned with a queue wait ≤ S (the short-abandon cut).
    pub abandoned_short: Option<u64>,
    /// Left the queue by routing (overflow, transfer, callback, voicemail).
    pub flowed_out: Option<u64>,
    /// Sum of queue waits of answered contacts.
    pub answered_wait_s: Option<f64>,
    /// Contacts whose handling (talk + hold + wrap-up) has finished.
    pub handled: Option<u64>,
    /// Sum of talk + hold + wrap-up of handled contacts.
    pub handle_time_s: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReasonCount {
    pub reason: String,
    pub count: u64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SentimentObservation {
    /// Recency-weighted mean in −1…1.
    pub score: f64,
    pub samples: u32,
    /// Share of recent interactions scored negative, 0…1.
    pub negative_share: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgentState {
    Available,
    /// Offered a contact, not yet answered: neither free nor on a call.
    Ringing,
    OnCall,
    WrapUp,
    NotReady,
    Offline,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgentObservation {
    pub id: String,
    pub name: String,
    pub site: Option<String>,
    /// The agent's state on the floor: in several queues, the most engaged
    /// one (on a call in any queue is on a call).
    pub state: AgentState,
    pub state_since: Option<Timestamp>,
    pub queues: Vec<QueueId>,
    /// Why not ready (break, lunch, training), or the contact reason on a call.
    pub reason: Option<String>,
    /// The queues where the agent's state is not `state`: platforms that
    /// pause an agent per queue (Asterisk) say so here. Empty on most.
    pub queue_states: Vec<QueueState>,
}

/// An agent's state in one queue, where it differs from the agent's own.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueState {
    pub queue: QueueId,
    pub state: AgentState,
    pub state_since: Option<Timestamp>,
    pub reason: Option<String>,
}

/// What an agent is doing as one queue sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InQueue<'a> {
    pub state: AgentState,
    pub state_since: Option<Timestamp>,
    pub reason: Option<&'a str>,
}

impl AgentObservation {
    /// The agent's state as `queue` sees it: its own entry there, else the agent's.
    pub fn in_queue(&self, queue: &QueueId) -> InQueue<'_> {
        match self.queue_states.iter().find(|s| &s.queue == queue) {
            Some(s) => InQueue {
                state: s.state,
                state_since: s.state_since,
                reason: s.reason.as_deref(),
            },
            None => InQueue {
                state: self.state,
                state_since: self.state_since,
                reason: self.reason.as_deref(),
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct WaitingContact {
    pub id: String,
    pub queue: QueueId,
    pub waiting_since: Timestamp,
    /// VIP, elderly, …
    pub tags: Vec<String>,
    pub reason: Option<String>,
    pub caller: Option<String>,
}

/// A conversation in progress between an agent and a customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Interaction {
    pub id: String,
    pub queue: QueueId,
    /// The agent's name, as the platform gives it.
    pub agent: Option<String>,
    pub started_at: Timestamp,
    /// The customer's latest turn, as transcribed (untrusted text).
    pub customer_turn: Option<String>,
    /// The platform's own judgement of it, mapped onto −1…1, when it makes one.
    pub sentiment: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub id: String,
    pub name: String,
}
