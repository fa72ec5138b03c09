//! QueueStatus events → the model, counting exactly as Asterisk counts.
//!
//! Asterisk keeps, per queue since its start or last `QueueReset`: `Completed`
//! (answered calls that have ended), `Abandoned` (callers who left unanswered,
//! timeouts included) and two percentages with one decimal, from which the
//! in-threshold counts come back exactly (for fewer than 1,000 calls):
//! `ServicelevelPerf = 100·completed_in_SL/Completed` and
//! `ServicelevelPerf2 = 100·(abandoned_in_SL + completed_in_SL)/(Abandoned + Completed)`.
//! Its `Holdtime` and `TalkTime` are moving averages, not sums, so ASA and AHT
//! over our windows cannot be derived: they stay `None` ("n/a"), never 0.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use super::rawman::Block;
use crate::model::{
    AgentCounts, AgentObservation, AgentState, QueueCounters, QueueId, QueueObservation,
    QueueState, Timestamp, WaitingContact,
};

/// What one QueueStatus answer says about the floor.
#[derive(Debug, Default, PartialEq)]
pub struct Reading {
    pub queues: Vec<QueueObservation>,
    pub agents: Vec<AgentObservation>,
    pub waiting: Vec<WaitingContact>,
}

/// Turns QueueStatus events into the model. `now` is the server's clock at
/// the answer (for waits and wrap-up); `wrapup` the queues' `wrapuptime`,
/// which AMI does not report; `wanted` the queues to keep (empty = all).
pub fn read(
    events: &[Block],
    now: Timestamp,
    wrapup: Duration,
    wanted: &[String],
) -> Result<Reading, String> {
    let mut queues: BTreeMap<String, QueueObservation> = BTreeMap::new();
    let mut agents: BTreeMap<String, Membership> = BTreeMap::new();
    let mut waiting = Vec::new();
    for event in events {
        let name = field(event, "Queue")?;
        if !is_wanted(name, wanted) {
            continue;
        }
        match event.event() {
            Some("QueueParams") => {
                queues.insert(name.to_owned(), queue(event, name)?);
            }
            Some("QueueMember") => {
                let (agent, in_queue) = member(event, name, now, wrapup)?;
                count(&mut queues, name, in_queue.state)?;
                agents
                    .entry(agent.id.clone())
                    .or_insert_with(|| Membership {
                        agent,
                        in_queues: Vec::new(),
                    })
                    .in_queues
                    .push(in_queue);
            }
            Some("QueueEntry") => waiting.push(entry(event, name, now)?),
            _ => {}
        }
    }
    for contact in &waiting {
        let queue = queues.get_mut(&contact.queue.0).ok_or_else(|| {
            format!(
                "a caller waits in queue {:?}, which has no QueueParams",
                contact.queue.0
            )
        })?;
        let wait = now.saturating_since(contact.waiting_since).as_secs_f64();
        queue.longest_wait_s = Some(queue.longest_wait_s.unwrap_or(0.0).max(wait));
    }
    if let Some(missing) = wanted
        .iter()
        .find(|w| !queues.keys().any(|q| q.eq_ignore_ascii_case(w)))
    {
        return Err(format!(
            "queue {missing:?} (from queues = […]) is not on this Asterisk"
        ));
    }
    Ok(Reading {
        queues: queues.into_values().collect(),
        agents: agents.into_values().map(Membership::agent).collect(),
        waiting,
    })
}

fn is_wanted(queue: &str, wanted: &[String]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| w.eq_ignore_ascii_case(queue))
}

fn field<'a>(event: &'a Block, key: &str) -> Result<&'a str, String> {
    event
        .get(key)
        .ok_or_else(|| format!("{} event without {key}", event.event().unwrap_or("an")))
}

fn number<T: FromStr>(event: &Block, key: &str) -> Result<T, String> {
    let value = field(event, key)?;
    value.trim().parse().map_err(|_| {
        format!(
            "{} of queue {:?}: {key} = {value:?} is not a number",
            event.event().unwrap_or("event"),
            event.get("Queue").unwrap_or("?")
        )
    })
}

/// A number that must lie in `range`; `what` says what it is, for the message.
fn number_in(
    event: &Block,
    key: &str,
    range: std::ops::RangeInclusive<f64>,
    what: &str,
) -> Result<f64, String> {
    let value: f64 = number(event, key)?;
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{} of queue {:?}: {key} = {value} is not {what}",
            event.event().unwrap_or("event"),
            event.get("Queue").unwrap_or("?")
        ))
    }
}

fn queue(params: &Block, name: &str) -> Result<QueueObservation, String> {
    let completed: u64 = number(params, "Completed")?;
    let abandoned: u64 = number(params, "Abandoned")?;
    let percentage = |key| number_in(params, key, 0.0..=100.0, "a percentage (0…100)");
    let perf = percentage("ServicelevelPerf")?;
    let perf2 = percentage("ServicelevelPerf2")?;
    // Asterisk's `servicelevel` is 0 until queues.conf sets it: then nothing
    // was counted against a threshold, and the service level is unknown, not 0 %.
    let threshold = number_in(params, "ServiceLevel", 0.0..=f64::MAX, "0 or more seconds")?;
    let configured = threshold > 0.0;
    let finished = completed.checked_add(abandoned).ok_or_else(|| {
        format!("QueueParams of queue {name:?}: Completed + Abandoned is more than can be counted")
    })?;
    let answered_in_sl = share_of(perf, completed);
    let removed_in_sl = share_of(perf2, finished);
    Ok(QueueObservation {
        id: QueueId(name.to_owned()),
        name: name.to_owned(),
        waiting: number(params, "Calls")?,
        longest_wait_s: Some(0.0),
        agents: AgentCounts::default(),
        counters: QueueCounters {
            // Asterisk does not say when counting began; a drop in the counts is a reset.
            since: None,
            // The calls Asterisk has finished counting: ended after an answer, or abandoned.
            offered: Some(finished),
            answered: Some(completed),
            answered_in_sl: configured.then_some(answered_in_sl),
            abandoned: Some(abandoned),
            abandoned_in_sl: configured.then_some(removed_in_sl.saturating_sub(answered_in_sl)),
            abandoned_short: None,
            flowed_out: None,
            answered_wait_s: None,
            handled: Some(completed),
            handle_time_s: None,
        },
        sl_threshold_s: configured.then_some(threshold),
        short_abandon_s: None,
        sentiment: None,
        reasons: Vec::new(),
    })
}

/// `percent` (0…100, one decimal, as Asterisk prints it) of `total`, back as a count.
fn share_of(percent: f64, total: u64) -> u64 {
    let count = (percent * total as f64 / 100.0).round();
    if count.is_finite() && count > 0.0 {
        (count as u64).min(total)
    } else {
        0
    }
}

/// Device states (`Status`) in which the member has a call up: in use, busy,
/// ringing while in use (a second call offered), on hold.
const BUSY_DEVICE: [u8; 4] = [2, 3, 7, 8];
/// `RINGING`: a call is offered and not answered yet. The member is not on a
/// call, and not free either (Asterisk offers it nothing more, and its
/// QueueSummary does not count it `Available`).
const RINGING_DEVICE: u8 = 6;
/// `INVALID` and `UNAVAILABLE`: not logged in, as QueueSummary's `LoggedIn` counts.
const GONE_DEVICE: [u8; 2] = [4, 5];

fn member(
    event: &Block,
    queue: &str,
    now: Timestamp,
    wrapup: Duration,
) -> Result<(AgentObservation, QueueState), String> {
    let status: u8 = number(event, "Status")?;
    let paused = number::<u8>(event, "Paused")? == 1;
    let in_call = number::<u8>(event, "InCall")? == 1;
    let epoch = |key| -> Result<Option<Timestamp>, String> {
        let seconds: i64 = number(event, key)?;
        Ok((seconds > 0).then(|| Timestamp::from_secs(seconds)))
    };
    let last_call = epoch("LastCall")?;
    let last_pause = epoch("LastPause")?;
    let member_wrapup: u64 = number(event, "Wrapuptime").unwrap_or(0);
    let wrapup = if member_wrapup > 0 {
        Duration::from_secs(member_wrapup)
    } else {
        wrapup
    };
    let in_wrapup = last_call.is_some_and(|t| now.saturating_since(t) < wrapup);
    let reason = event
        .get("PausedReason")
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let (state, since, reason) = if GONE_DEVICE.contains(&status) {
        (AgentState::Offline, None, None)
    } else if paused {
        (AgentState::NotReady, last_pause, reason)
    } else if in_call || BUSY_DEVICE.contains(&status) {
        (AgentState::OnCall, None, None)
    } else if status == RINGING_DEVICE {
        (AgentState::Ringing, None, None)
    } else if in_wrapup {
        (AgentState::WrapUp, last_call, None)
    } else {
        let since = [last_call, last_pause, epoch("LoginTime")?]
            .into_iter()
            .flatten()
            .max();
        (AgentState::Available, since, None)
    };
    let id = field(event, "Location")?.to_owned();
    let name = event
        .get("Name")
        .filter(|n| !n.is_empty())
        .unwrap_or(&id)
        .to_owned();
    let agent = AgentObservation {
        id,
        name,
        site: None,
        state,
        state_since: since,
        queues: Vec::new(),
        reason: reason.clone(),
        queue_states: Vec::new(),
    };
    let in_queue = QueueState {
        queue: QueueId(queue.to_owned()),
        state,
        state_since: since,
        reason,
    };
    Ok((agent, in_queue))
}

/// One member (an interface) and its state in each queue it is in: Asterisk
/// pauses, rings and wraps up a member per queue.
struct Membership {
    agent: AgentObservation,
    in_queues: Vec<QueueState>,
}

impl Membership {
    /// The agent as the floor sees it: in its most engaged state of all its
    /// queues (free in one queue and paused in another is free), and its state
    /// in each queue where that differs.
    fn agent(self) -> AgentObservation {
        let Membership {
            mut agent,
            in_queues,
        } = self;
        if let Some(main) = in_queues.iter().max_by_key(|s| engagement(s.state)) {
            agent.state = main.state;
            agent.state_since = main.state_since;
            agent.reason = main.reason.clone();
        }
        agent.queues = in_queues.iter().map(|s| s.queue.clone()).collect();
        agent.queue_states = in_queues
            .into_iter()
            .filter(|s| {
                (s.state, s.state_since, s.reason.as_ref())
                    != (agent.state, agent.state_since, agent.reason.as_ref())
            })
            .collect();
        agent
    }
}

/// How much a state occupies an agent, for the one state the floor shows:
/// a call anywhere is a call; a free queue makes the agent free.
fn engagement(state: AgentState) -> u8 {
    match state {
        AgentState::Offline => 0,
        AgentState::NotReady => 1,
        AgentState::Available => 2,
        AgentState::WrapUp => 3,
        AgentState::Ringing => 4,
        AgentState::OnCall => 5,
    }
}

fn count(
    queues: &mut BTreeMap<String, QueueObservation>,
    queue: &str,
    state: AgentState,
) -> Result<(), String> {
    let q = queues.get_mut(queue).ok_or_else(|| {
        format!("a member of queue {queue:?} came before the queue's QueueParams")
    })?;
    q.agents.add(state);
    Ok(())
}

fn entry(event: &Block, queue: &str, now: Timestamp) -> Result<WaitingContact, String> {
    let wait: u64 = number(event, "Wait")?;
    let known = |key| event.get(key).filter(|v| !v.is_empty() && *v != "unknown");
    Ok(WaitingContact {
        id: field(event, "Uniqueid")?.to_owned(),
        queue: QueueId(queue.to_owned()),
        waiting_since: now.minus(Duration::from_secs(wait)),
        tags: Vec::new(),
        reason: None,
        caller: known("CallerIDName")
            .or_else(|| known("CallerIDNum"))
            .map(str::to_owned),
    })
}
