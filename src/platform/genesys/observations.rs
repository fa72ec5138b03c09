//! Queue observations: what is true now (waiting interactions, agents by
//! routing status, and, when asked, the conversations connected to an agent).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::query::{self, Stats};
use crate::model::{AgentCounts, AgentState, Timestamp};

/// Now, for one queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    pub waiting: u32,
    pub longest_wait_s: Option<f64>,
    pub agents: AgentCounts,
    /// Conversations connected to an agent, when the query asked for them.
    pub in_progress: Vec<InProgress>,
}

/// A conversation in progress on a queue, as the `oInteracting` detail lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct InProgress {
    pub conversation_id: String,
    /// The observation's date. For `oInteracting` we take it to be when the
    /// conversation reached the agent (documented only as "the time at which
    /// the observation occurred"; unverified against a live org).
    pub since: Timestamp,
    /// `participantName`, taken as the agent's name only when the entry also
    /// names a `userId` (a user, not a customer, is then on the session).
    /// Which participant the name belongs to is not documented: unverified.
    pub agent: Option<String>,
}

/// A queue the observations do not mention has nobody waiting and nobody on it.
impl Default for Live {
    fn default() -> Self {
        Self {
            waiting: 0,
            longest_wait_s: Some(0.0),
            agents: genesys_counts(),
            in_progress: Vec::new(),
        }
    }
}

/// Nobody yet, and wrap-up unknown: Genesys has no wrap-up routing status
/// (agents in after-call work show as INTERACTING and count as on a call).
fn genesys_counts() -> AgentCounts {
    AgentCounts {
        wrap_up: None,
        ..AgentCounts::default()
    }
}

/// `POST /api/v2/analytics/queues/observations/query` for `ids`; with
/// `list_in_progress`, the conversations connected to agents one by one too.
pub fn query(ids: &[String], media_type: Option<&str>, list_in_progress: bool) -> Value {
    // The waiting interactions one by one: their dates give the longest wait.
    // The interacting ones only when sentiment needs their conversation ids:
    // a busy floor lists hundreds, and nothing else reads them.
    let details = if list_in_progress {
        json!(["oWaiting", "oInteracting"])
    } else {
        json!(["oWaiting"])
    };
    json!({
        "filter": query::filter(ids, media_type),
        "metrics": ["oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers",
                    "oOffQueueUsers", "oUserRoutingStatuses"],
        "detailMetrics": details,
    })
}

#[derive(Deserialize)]
pub struct Answer {
    #[serde(default)]
    results: Vec<Group>,
}

/// Figures for one queue, or one queue and media type.
#[derive(Deserialize)]
struct Group {
    group: GroupKey,
    #[serde(default)]
    data: Vec<Datum>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupKey {
    queue_id: Option<String>,
}

#[derive(Deserialize)]
struct Datum {
    metric: String,
    qualifier: Option<String>,
    #[serde(default)]
    stats: Stats,
    #[serde(default)]
    observations: Vec<Observed>,
}

/// One `ObservationValue`; every field but the date is optional in the SDK models.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Observed {
    observation_date: String,
    conversation_id: Option<String>,
    user_id: Option<String>,
    participant_name: Option<String>,
}

/// Adds up the groups per queue id; `now` is Genesys's clock at the answer.
pub fn read(answer: Answer, now: Timestamp) -> Result<BTreeMap<String, Live>, String> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for group in answer.results {
        // We filter on queue ids, so every group names one; one that does not cannot be placed.
        let Some(id) = group.group.queue_id else {
            continue;
        };
        let tally = tallies.entry(id.clone()).or_default();
        for datum in &group.data {
            tally.add(datum, &id)?;
        }
    }
    Ok(tallies
        .into_iter()
        .map(|(id, tally)| (id, tally.live(now)))
        .collect())
}

/// One queue's figures, summed over its groups (Genesys splits interaction
/// metrics by media type; user metrics come once, in a group without one).
struct Tally {
    waiting: u64,
    oldest_waiting: Option<Timestamp>,
    agents: AgentCounts,
    in_progress: Vec<InProgress>,
}

impl Default for Tally {
    fn default() -> Self {
        Self {
            waiting: 0,
            oldest_waiting: None,
            agents: genesys_counts(),
            in_progress: Vec::new(),
        }
    }
}

impl Tally {
    fn add(&mut self, datum: &Datum, queue: &str) -> Result<(), String> {
        match (datum.metric.as_str(), datum.qualifier.as_deref()) {
            ("oWaiting", _) => {
                // Counts add up across media types; a sum saturates rather than wrap.
                let waiting = query::required_count(&datum.stats, "oWaiting", queue)?;
                self.waiting = self.waiting.saturating_add(waiting);
                for observed in &datum.observations {
                    let since = waiting_since(observed, queue)?;
                    self.oldest_waiting = Some(self.oldest_waiting.map_or(since, |t| t.min(since)));
                }
            }
            // Only listed when asked for (sentiment); a `truncated` list keeps
            // the oldest and newest halves, so a very busy queue misses some.
            ("oInteracting", _) => {
                let listed = datum.observations.iter();
                self.in_progress
                    .extend(listed.filter_map(|o| in_progress(o, queue)));
            }
            ("oUserRoutingStatuses", Some(status)) => {
                let users = users(&datum.stats, &datum.metric, queue)?;
                self.add_routing_status(status, users);
            }
            // Off-queue users are counted from oOffQueueUsers, the metric made
            // for it; the OFF_QUEUE routing status is the same people and is skipped.
            ("oOffQueueUsers", _) => {
                let users = users(&datum.stats, &datum.metric, queue)?;
                self.agents.count(AgentState::NotReady, users);
            }
            // The counts of oInteracting, oAlerting and oOnQueueUsers count
            // interactions or repeat the routing statuses; the model has no place for them.
            _ => {}
        }
        Ok(())
    }

    /// Genesys has no wrap-up routing status: agents in after-call work show
    /// as INTERACTING, so they count as on a call and `wrap_up` stays unknown.
    fn add_routing_status(&mut self, status: &str, users: u32) {
        let state = match status {
            "IDLE" => AgentState::Available,
            "INTERACTING" | "COMMUNICATING" => AgentState::OnCall,
            "NOT_RESPONDING" => AgentState::NotReady,
            // OFF_QUEUE: see oOffQueueUsers. OFFLINE/UNKNOWN: not logged in.
            _ => AgentState::Offline,
        };
        self.agents.count(state, users);
    }

    /// The oldest waiting interaction's age; unknown when some wait but Genesys
    /// listed none of them.
    fn live(self, now: Timestamp) -> Live {
        let longest_wait_s = match self.oldest_waiting {
            Some(since) => Some(now.saturating_since(since).as_secs_f64()),
            None if self.waiting == 0 => Some(0.0),
            None => None,
        };
        Live {
            waiting: u32::try_from(self.waiting).unwrap_or(u32::MAX),
            longest_wait_s,
            agents: self.agents,
            in_progress: self.in_progress,
        }
    }
}

fn users(stats: &Stats, metric: &str, queue: &str) -> Result<u32, String> {
    let count = query::required_count(stats, metric, queue)?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// An interacting conversation we can ask about. One without an id cannot
/// be looked up; one with an unreadable date is skipped rather than failing
/// the poll, since only sentiment reads these.
fn in_progress(observed: &Observed, queue: &str) -> Option<InProgress> {
    let conversation_id = observed.conversation_id.clone()?;
    let Some(since) = parse_date(&observed.observation_date) else {
        tracing::debug!(
            "genesys: queue {queue}: skipping interacting conversation {conversation_id}: \
             observationDate {:?} is not an ISO-8601 date",
            observed.observation_date
        );
        return None;
    };
    let agent = observed
        .user_id
        .as_ref()
        .and(observed.participant_name.clone())
        .filter(|name| !name.trim().is_empty());
    Some(InProgress {
        conversation_id,
        since,
        agent,
    })
}

fn parse_date(text: &str) -> Option<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| Timestamp::from_millis(t.timestamp_millis()))
}

fn waiting_since(observed: &Observed, queue: &str) -> Result<Timestamp, String> {
    chrono::DateTime::parse_from_rfc3339(&observed.observation_date)
        .map(|t| Timestamp::from_millis(t.timestamp_millis()))
        .map_err(|e| {
            format!(
                "queue {queue}: oWaiting observationDate {:?} is not an ISO-8601 date ({e})",
                observed.observation_date
            )
        })
}
