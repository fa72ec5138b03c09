//! The snapshot contract on the wire (`floorwatch.snapshot.v1`): what
//! `poll --once --json` prints, what `sim serve` returns and what the `http`
//! adapter reads. Times are seconds, rates are fractions, timestamps are
//! RFC 3339 UTC, and a figure the platform does not provide is `null`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::engine::{self, Floor, QueueView, SlFormula, Window, WindowFigures};
use crate::model::{self, QueueId, Timestamp};

pub const SCHEMA: &str = "floorwatch.snapshot.v1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotV1 {
    pub schema: String,
    pub platform: PlatformV1,
    pub observed_at: String,
    pub queues: Vec<QueueV1>,
    #[serde(default)]
    pub agents: Vec<AgentV1>,
    #[serde(default)]
    pub waiting_contacts: Vec<WaitingContactV1>,
    /// Conversations in progress (absent from older documents).
    #[serde(default)]
    pub interactions: Vec<InteractionV1>,
    #[serde(default)]
    pub sites: Vec<SiteV1>,
    /// Floor totals as the engine computed them (present in `poll --once` output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<FloorV1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformV1 {
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueV1 {
    pub id: String,
    pub name: String,
    pub waiting: u32,
    pub longest_wait_s: Option<f64>,
    pub agents: AgentCountsV1,
    /// When the platform's counters (the statistics window below) started.
    pub counters_since: Option<String>,
    pub offered: Option<u64>,
    pub answered: Option<u64>,
    pub answered_in_sl: Option<u64>,
    pub abandoned: Option<u64>,
    pub abandoned_in_sl: Option<u64>,
    #[serde(default)]
    pub abandoned_short: Option<u64>,
    #[serde(default)]
    pub flowed_out: Option<u64>,
    #[serde(default)]
    pub answered_wait_s: Option<f64>,
    #[serde(default)]
    pub handled: Option<u64>,
    #[serde(default)]
    pub handle_time_s: Option<f64>,
    pub sl_threshold_s: Option<f64>,
    #[serde(default)]
    pub short_abandon_s: Option<f64>,
    /// Derived over the platform's statistics window with `sl_formula`: the
    /// one asked for (`--sl-formula`), else the default.
    pub service_level: Option<f64>,
    pub sl_formula: String,
    pub asa_s: Option<f64>,
    pub aht_s: Option<f64>,
    pub abandon_rate: Option<f64>,
    pub sentiment: Option<SentimentV1>,
    #[serde(default)]
    pub reasons: Vec<ReasonV1>,
    /// The engine's figures per window (present in `poll --once` output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<QueueFiguresV1>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentCountsV1 {
    pub available: u32,
    /// Offered a contact not yet answered; 0 where the platform does not tell ringing apart.
    #[serde(default)]
    pub ringing: u32,
    pub on_call: u32,
    /// `null` where the platform does not tell wrap-up apart (counted in `on_call`).
    #[serde(default)]
    pub wrap_up: Option<u32>,
    pub not_ready: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SentimentV1 {
    pub score: f64,
    pub samples: u32,
    pub negative_share: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonV1 {
    pub reason: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentV1 {
    pub id: String,
    pub name: String,
    pub site: Option<String>,
    /// `available`, `ringing`, `on_call`, `wrap_up`, `not_ready` or `offline`.
    pub state: String,
    pub state_since: Option<String>,
    pub queues: Vec<String>,
    pub reason: Option<String>,
    /// The queues where the agent's state is not `state` (paused in one queue only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queue_states: Vec<AgentQueueStateV1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentQueueStateV1 {
    pub queue: String,
    pub state: String,
    pub state_since: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingContactV1 {
    pub id: String,
    pub queue: String,
    pub waiting_since: String,
    pub tags: Vec<String>,
    pub reason: Option<String>,
    pub caller: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InteractionV1 {
    pub id: String,
    pub queue: String,
    #[serde(default)]
    pub agent: Option<String>,
    pub started_at: String,
    /// The customer's latest turn; floorwatch scores it when `sentiment` is absent.
    #[serde(default)]
    pub customer_turn: Option<String>,
    /// The platform's own score, already on −1…1.
    #[serde(default)]
    pub sentiment: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteV1 {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueFiguresV1 {
    /// `ok`, `warning`, `critical` or `idle`.
    pub status: String,
    pub occupancy: Option<f64>,
    pub interval: FiguresV1,
    pub rolling_60m: FiguresV1,
    pub day: FiguresV1,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiguresV1 {
    pub start: String,
    pub end: String,
    pub sl_formula: String,
    pub service_level: Option<f64>,
    pub asa_s: Option<f64>,
    pub aht_s: Option<f64>,
    pub abandon_rate: Option<f64>,
    pub offered: Option<u64>,
    pub answered: Option<u64>,
    pub abandoned: Option<u64>,
    /// Polls were missed inside this window, so its counts are incomplete.
    pub includes_gap: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FloorV1 {
    pub waiting: u32,
    pub longest_wait_s: Option<f64>,
    pub agents: AgentCountsV1,
    pub occupancy: Option<f64>,
    pub interval: FiguresV1,
    pub rolling_60m: FiguresV1,
    pub day: FiguresV1,
}

/// Why a document is not a v1 snapshot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("schema is {found:?}, expected {SCHEMA:?}")]
    Schema { found: String },
    #[error("{field}: {value:?} is not an RFC 3339 timestamp")]
    Timestamp { field: String, value: String },
    #[error("agent {agent:?}: unknown state {state:?}")]
    AgentState { agent: String, state: String },
    #[error("{field}.sentiment: {value} is outside -1…1")]
    Sentiment { field: String, value: String },
    #[error("{field} = {value}: must be within {range}")]
    OutOfRange {
        field: String,
        value: String,
        range: &'static str,
    },
}

/// The figures a sender derives are not read, but one out of its range says
/// the sender is broken: a share outside 0…1, a negative time.
fn check_derived(q: &QueueV1) -> Result<(), WireError> {
    let shares = [
        ("service_level", q.service_level),
        ("abandon_rate", q.abandon_rate),
    ];
    let times = [("asa_s", q.asa_s), ("aht_s", q.aht_s)];
    let out = shares
        .into_iter()
        .map(|(name, v)| (name, v, 0.0..=1.0, "0…1"))
        .chain(
            times
                .into_iter()
                .map(|(name, v)| (name, v, 0.0..=f64::MAX, "0 or more seconds")),
        )
        .find(|(_, v, range, _)| v.is_some_and(|v| !range.contains(&v)));
    match out {
        Some((name, Some(value), _, range)) => Err(WireError::OutOfRange {
            field: format!("queues[{}].{name}", q.id),
            value: value.to_string(),
            range,
        }),
        _ => Ok(()),
    }
}

pub fn timestamp_to_wire(t: Timestamp) -> String {
    DateTime::<Utc>::from_timestamp_millis(t.as_millis())
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn timestamp_from_wire(field: &str, value: &str) -> Result<Timestamp, WireError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| Timestamp::from_millis(t.timestamp_millis()))
        .map_err(|_| WireError::Timestamp {
            field: field.into(),
            value: value.into(),
        })
}

impl SnapshotV1 {
    /// The contract for a snapshot as the platform reported it.
    pub fn from_model(s: &model::Snapshot) -> Self {
        Self::with_formula(s, SlFormula::default())
    }

    /// The contract, with each queue's service level over the platform's
    /// window by `formula`.
    fn with_formula(s: &model::Snapshot, formula: SlFormula) -> Self {
        SnapshotV1 {
            schema: SCHEMA.into(),
            platform: PlatformV1 {
                kind: s.platform.kind.clone(),
                name: s.platform.name.clone(),
            },
            observed_at: timestamp_to_wire(s.observed_at),
            queues: s
                .queues
                .iter()
                .map(|q| QueueV1::from_model(q, formula))
                .collect(),
            agents: s.agents.iter().map(AgentV1::from_model).collect(),
            waiting_contacts: s
                .waiting_contacts
                .iter()
                .map(WaitingContactV1::from_model)
                .collect(),
            interactions: s
                .interactions
                .iter()
                .map(InteractionV1::from_model)
                .collect(),
            sites: s
                .sites
                .iter()
                .map(|x| SiteV1 {
                    id: x.id.clone(),
                    name: x.name.clone(),
                })
                .collect(),
            floor: None,
        }
    }

    /// The contract plus what the engine made of it: per-queue figures over
    /// each window, and floor totals (what the console would show).
    pub fn from_floor(floor: &Floor) -> Option<Self> {
        let mut out = Self::with_formula(floor.snapshot()?, floor.settings().sl_formula);
        for (wire, view) in out.queues.iter_mut().zip(floor.queues()) {
            wire.figures = Some(queue_figures(&view));
        }
        let totals = [Window::Interval, Window::Rolling60, Window::Day].map(|w| floor.totals(w));
        let [interval, rolling, day] = &totals;
        out.floor = Some(FloorV1 {
            waiting: interval.waiting,
            longest_wait_s: interval.longest_wait_s,
            agents: counts_to_wire(&interval.agents),
            occupancy: interval.occupancy,
            interval: figures_to_wire(&interval.figures),
            rolling_60m: figures_to_wire(&rolling.figures),
            day: figures_to_wire(&day.figures),
        });
        Some(out)
    }

    /// Back to the model, checking what serde cannot.
    pub fn into_model(self) -> Result<model::Snapshot, WireError> {
        if self.schema != SCHEMA {
            return Err(WireError::Schema { found: self.schema });
        }
        Ok(model::Snapshot {
            platform: model::PlatformInfo {
                kind: self.platform.kind,
                name: self.platform.name,
            },
            observed_at: timestamp_from_wire("observed_at", &self.observed_at)?,
            queues: self
                .queues
                .into_iter()
                .map(QueueV1::into_model)
                .collect::<Result<_, _>>()?,
            agents: self
                .agents
                .into_iter()
                .map(AgentV1::into_model)
                .collect::<Result<_, _>>()?,
            waiting_contacts: self
                .waiting_contacts
                .into_iter()
                .map(WaitingContactV1::into_model)
                .collect::<Result<_, _>>()?,
            interactions: self
                .interactions
                .into_iter()
                .map(InteractionV1::into_model)
                .collect::<Result<_, _>>()?,
            sites: self
                .sites
                .into_iter()
                .map(|s| model::Site {
                    id: s.id,
                    name: s.name,
                })
                .collect(),
        })
    }
}

fn queue_figures(view: &QueueView<'_>) -> QueueFiguresV1 {
    let status = match view.status(Window::Interval).0 {
        engine::QueueStatus::Ok => "ok",
        engine::QueueStatus::Warning => "warning",
        engine::QueueStatus::Critical => "critical",
        engine::QueueStatus::Idle => "idle",
        engine::QueueStatus::Few => "few",
        engine::QueueStatus::Stale => "stale",
    };
    QueueFiguresV1 {
        status: status.into(),
        occupancy: view.occupancy(),
        interval: figures_to_wire(&view.figures(Window::Interval)),
        rolling_60m: figures_to_wire(&view.figures(Window::Rolling60)),
        day: figures_to_wire(&view.figures(Window::Day)),
    }
}

fn figures_to_wire(f: &WindowFigures) -> FiguresV1 {
    FiguresV1 {
        start: timestamp_to_wire(f.span.start),
        end: timestamp_to_wire(f.span.end),
        sl_formula: f.formula.name().into(),
        service_level: f.service_level,
        asa_s: f.asa_s,
        aht_s: f.aht_s,
        abandon_rate: f.abandon_rate,
        offered: f.tally.offered,
        answered: f.tally.answered,
        abandoned: f.tally.abandoned,
        includes_gap: f.includes_gap,
    }
}

fn counts_to_wire(a: &model::AgentCounts) -> AgentCountsV1 {
    AgentCountsV1 {
        available: a.available,
        ringing: a.ringing,
        on_call: a.on_call,
        wrap_up: a.wrap_up,
        not_ready: a.not_ready,
    }
}

impl QueueV1 {
    fn from_model(q: &model::QueueObservation, formula: SlFormula) -> Self {
        let c = &q.counters;
        let tally = engine::Tally::from_counters(c);
        QueueV1 {
            id: q.id.0.clone(),
            name: q.name.clone(),
            waiting: q.waiting,
            longest_wait_s: q.longest_wait_s,
            agents: counts_to_wire(&q.agents),
            counters_since: c.since.map(timestamp_to_wire),
            offered: c.offered,
            answered: c.answered,
            answered_in_sl: c.answered_in_sl,
            abandoned: c.abandoned,
            abandoned_in_sl: c.abandoned_in_sl,
            abandoned_short: c.abandoned_short,
            flowed_out: c.flowed_out,
            answered_wait_s: c.answered_wait_s,
            handled: c.handled,
            handle_time_s: c.handle_time_s,
            sl_threshold_s: q.sl_threshold_s,
            short_abandon_s: q.short_abandon_s,
            service_level: formula.service_level(&tally),
            sl_formula: formula.name().into(),
            asa_s: engine::figures::average_speed_of_answer(&tally),
            aht_s: engine::figures::average_handle_time(&tally),
            abandon_rate: engine::figures::abandon_rate(&tally, false),
            sentiment: q.sentiment.map(|s| SentimentV1 {
                score: s.score,
                samples: s.samples,
                negative_share: s.negative_share,
            }),
            reasons: q
                .reasons
                .iter()
                .map(|r| ReasonV1 {
                    reason: r.reason.clone(),
                    count: r.count,
                })
                .collect(),
            figures: None,
        }
    }

    fn into_model(self) -> Result<model::QueueObservation, WireError> {
        check_derived(&self)?;
        let since = match &self.counters_since {
            Some(value) => Some(timestamp_from_wire(
                &format!("queues[{}].counters_since", self.id),
                value,
            )?),
            None => None,
        };
        Ok(model::QueueObservation {
            id: QueueId(self.id),
            name: self.name,
            waiting: self.waiting,
            longest_wait_s: self.longest_wait_s,
            agents: model::AgentCounts {
                available: self.agents.available,
                ringing: self.agents.ringing,
                on_call: self.agents.on_call,
                wrap_up: self.agents.wrap_up,
                not_ready: self.agents.not_ready,
            },
            counters: model::QueueCounters {
                since,
                offered: self.offered,
                answered: self.answered,
                answered_in_sl: self.answered_in_sl,
                abandoned: self.abandoned,
                abandoned_in_sl: self.abandoned_in_sl,
                abandoned_short: self.abandoned_short,
                flowed_out: self.flowed_out,
                answered_wait_s: self.answered_wait_s,
                handled: self.handled,
                handle_time_s: self.handle_time_s,
            },
            sl_threshold_s: self.sl_threshold_s,
            short_abandon_s: self.short_abandon_s,
            sentiment: self.sentiment.map(|s| model::SentimentObservation {
                score: s.score,
                samples: s.samples,
                negative_share: s.negative_share,
            }),
            reasons: self
                .reasons
                .into_iter()
                .map(|r| model::ReasonCount {
                    reason: r.reason,
                    count: r.count,
                })
                .collect(),
        })
    }
}

fn agent_state_name(state: model::AgentState) -> &'static str {
    match state {
        model::AgentState::Available => "available",
        model::AgentState::Ringing => "ringing",
        model::AgentState::OnCall => "on_call",
        model::AgentState::WrapUp => "wrap_up",
        model::AgentState::NotReady => "not_ready",
        model::AgentState::Offline => "offline",
    }
}

/// An agent state by its wire name.
fn agent_state(agent: &str, name: &str) -> Result<model::AgentState, WireError> {
    use model::AgentState::*;
    [Available, Ringing, OnCall, WrapUp, NotReady, Offline]
        .into_iter()
        .find(|s| agent_state_name(*s) == name)
        .ok_or_else(|| WireError::AgentState {
            agent: agent.to_owned(),
            state: name.to_owned(),
        })
}

fn optional_timestamp(field: &str, value: Option<&str>) -> Result<Option<Timestamp>, WireError> {
    value.map(|v| timestamp_from_wire(field, v)).transpose()
}

impl AgentV1 {
    fn from_model(a: &model::AgentObservation) -> Self {
        AgentV1 {
            id: a.id.clone(),
            name: a.name.clone(),
            site: a.site.clone(),
            state: agent_state_name(a.state).into(),
            state_since: a.state_since.map(timestamp_to_wire),
            queues: a.queues.iter().map(|q| q.0.clone()).collect(),
            reason: a.reason.clone(),
            queue_states: a
                .queue_states
                .iter()
                .map(|s| AgentQueueStateV1 {
                    queue: s.queue.0.clone(),
                    state: agent_state_name(s.state).into(),
                    state_since: s.state_since.map(timestamp_to_wire),
                    reason: s.reason.clone(),
                })
                .collect(),
        }
    }

    fn into_model(self) -> Result<model::AgentObservation, WireError> {
        let state = agent_state(&self.id, &self.state)?;
        let state_since = optional_timestamp(
            &format!("agents[{}].state_since", self.id),
            self.state_since.as_deref(),
        )?;
        let queue_states = self
            .queue_states
            .into_iter()
            .map(|s| {
                Ok(model::QueueState {
                    state: agent_state(&self.id, &s.state)?,
                    state_since: optional_timestamp(
                        &format!("agents[{}].queue_states[{}].state_since", self.id, s.queue),
                        s.state_since.as_deref(),
                    )?,
                    queue: QueueId(s.queue),
                    reason: s.reason,
                })
            })
            .collect::<Result<_, WireError>>()?;
        Ok(model::AgentObservation {
            id: self.id,
            name: self.name,
            site: self.site,
            state,
            state_since,
            queues: self.queues.into_iter().map(QueueId).collect(),
            reason: self.reason,
            queue_states,
        })
    }
}

impl InteractionV1 {
    fn from_model(i: &model::Interaction) -> Self {
        InteractionV1 {
            id: i.id.clone(),
            queue: i.queue.0.clone(),
            agent: i.agent.clone(),
            started_at: timestamp_to_wire(i.started_at),
            customer_turn: i.customer_turn.clone(),
            sentiment: i.sentiment,
        }
    }

    fn into_model(self) -> Result<model::Interaction, WireError> {
        let field = format!("interactions[{}]", self.id);
        if let Some(score) = self.sentiment.filter(|s| !(-1.0..=1.0).contains(s)) {
            let value = score.to_string();
            return Err(WireError::Sentiment { field, value });
        }
        Ok(model::Interaction {
            started_at: timestamp_from_wire(&format!("{field}.started_at"), &self.started_at)?,
            id: self.id,
            queue: QueueId(self.queue),
            agent: self.agent,
            customer_turn: self.customer_turn,
            sentiment: self.sentiment,
        })
    }
}

impl WaitingContactV1 {
    fn from_model(c: &model::WaitingContact) -> Self {
        WaitingContactV1 {
            id: c.id.clone(),
            queue: c.queue.0.clone(),
            waiting_since: timestamp_to_wire(c.waiting_since),
            tags: c.tags.clone(),
            reason: c.reason.clone(),
            caller: c.caller.clone(),
        }
    }

    fn into_model(self) -> Result<model::WaitingContact, WireError> {
        Ok(model::WaitingContact {
            waiting_since: timestamp_from_wire(
                &format!("waiting_contacts[{}].waiting_since", self.id),
                &self.waiting_since,
            )?,
            id: self.id,
            queue: QueueId(self.queue),
            tags: self.tags,
            reason: self.reason,
            caller: self.caller,
        })
    }
}
