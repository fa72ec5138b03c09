//! The floor as a platform reports it: one [`Snapshot`] at the simulated
//! clock, in the model's vocabulary. Reads the floor, never changes it.

use crate::model::{
    AgentObservation, AgentState, Interaction, PlatformInfo, QueueId, QueueObservation,
    ReasonCount, Site, Snapshot, Timestamp, WaitingContact,
};

use super::floor::Floor;
use super::turns;

pub(super) fn snapshot(floor: &Floor) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: "sim".to_owned(),
            name: format!("simulator · {} · seed {}", floor.scenario, floor.seed),
        },
        observed_at: Timestamp::from_millis(floor.now_ms),
        queues: (0..floor.plan.queues.len())
            .map(|queue| queue_observation(floor, queue))
            .collect(),
        agents: (0..floor.agents.len())
            .map(|agent| agent_observation(floor, agent))
            .collect(),
        waiting_contacts: waiting_contacts(floor),
        interactions: interactions(floor),
        sites: floor
            .plan
            .sites
            .iter()
            .map(|site| Site {
                id: site.id.clone(),
                name: site.name.clone(),
            })
            .collect(),
    }
}

fn queue_observation(floor: &Floor, queue: usize) -> QueueObservation {
    let spec = &floor.plan.queues[queue];
    let stats = &floor.stats[queue];
    let longest_wait_ms = floor
        .routing
        .oldest_arrival_ms(queue)
        .map_or(0, |arrived_ms| floor.now_ms - arrived_ms);
    QueueObservation {
        id: spec.id.clone(),
        name: spec.name.clone(),
        waiting: u32::try_from(floor.routing.waiting_count(queue)).unwrap_or(u32::MAX),
        longest_wait_s: Some(longest_wait_ms as f64 / 1000.0),
        agents: floor.agent_counts[queue],
        counters: stats.counters(),
        sl_threshold_s: Some(f64::from(spec.sl_threshold_s)),
        short_abandon_s: Some(f64::from(spec.short_abandon_s)),
        // Like a platform that transcribes but does not score: floorwatch
        // scores the interactions' turns itself.
        sentiment: None,
        reasons: spec
            .reasons
            .iter()
            .zip(stats.reason_counts())
            .map(|(reason, &count)| ReasonCount {
                reason: reason.name.clone(),
                count,
            })
            .collect(),
    }
}

fn agent_observation(floor: &Floor, agent: usize) -> AgentObservation {
    let spec = &floor.plan.agents[agent];
    let runtime = &floor.agents[agent];
    AgentObservation {
        id: spec.id.clone(),
        name: spec.name.clone(),
        site: floor.plan.sites.get(spec.site).map(|site| site.id.clone()),
        state: runtime.state,
        state_since: Some(Timestamp::from_millis(runtime.since_ms)),
        queues: spec
            .skills
            .iter()
            .map(|&queue| queue_id(floor, queue))
            .collect(),
        reason: agent_reason(floor, agent),
        // The simulator's agents take every queue's calls alike.
        queue_states: Vec::new(),
    }
}

/// Why the agent is not ready, or what the call they are on is about.
fn agent_reason(floor: &Floor, agent: usize) -> Option<String> {
    let runtime = &floor.agents[agent];
    match runtime.state {
        AgentState::NotReady => runtime.on_break.map(|kind| kind.label().to_owned()),
        AgentState::OnCall | AgentState::WrapUp => {
            let call = runtime.call?.call;
            let queue = floor.plan.queues.get(call.queue as usize)?;
            queue
                .reasons
                .get(usize::from(call.reason))
                .map(|reason| reason.name.clone())
        }
        AgentState::Available | AgentState::Ringing | AgentState::Offline => None,
    }
}

fn waiting_contacts(floor: &Floor) -> Vec<WaitingContact> {
    let mut contacts = Vec::new();
    for (queue, spec) in floor.plan.queues.iter().enumerate() {
        for call in floor.routing.waiting(queue) {
            contacts.push(WaitingContact {
                id: format!("call-{:07}", call.id),
                queue: spec.id.clone(),
                waiting_since: Timestamp::from_millis(call.arrived_ms),
                tags: call.tags.labels(),
                reason: spec
                    .reasons
                    .get(usize::from(call.reason))
                    .map(|reason| reason.name.clone()),
                caller: Some(call.caller.display()),
            });
        }
    }
    contacts
}

/// Calls in conversation now, with what the caller said.
fn interactions(floor: &Floor) -> Vec<Interaction> {
    floor
        .agents
        .iter()
        .enumerate()
        .filter(|(_, runtime)| runtime.state == AgentState::OnCall)
        .filter_map(|(agent, runtime)| {
            let active = runtime.call?;
            let spec = floor.plan.queues.get(active.call.queue as usize)?;
            let reason = spec
                .reasons
                .get(usize::from(active.call.reason))
                .map_or("", |r| r.name.as_str());
            let chinese = active.call.caller.is_chinese();
            Some(Interaction {
                id: format!("call-{:07}", active.call.id),
                queue: spec.id.clone(),
                agent: floor.plan.agents.get(agent).map(|a| a.name.clone()),
                started_at: Timestamp::from_millis(active.answered_ms),
                customer_turn: Some(turns::text(active.turn, chinese, reason)),
                sentiment: None,
            })
        })
        .collect()
}

fn queue_id(floor: &Floor, queue: u32) -> QueueId {
    floor
        .plan
        .queues
        .get(queue as usize)
        .map_or_else(|| QueueId(String::new()), |spec| spec.id.clone())
}
