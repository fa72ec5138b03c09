//! Snapshots built field by field from the input, with no parser in the way:
//! every number the model can hold (NaN, infinities, −0, 1e308, u64::MAX),
//! platform clocks that jump forward and back, duplicate and vanishing
//! queues. The console behind the adapters' checks must not panic on any of
//! it, because a check missed once is a console that dies on every restart.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use floorwatch::model::{
    AgentCounts, AgentObservation, AgentState, Interaction, PlatformInfo, QueueCounters, QueueId,
    QueueObservation, QueueState, ReasonCount, SentimentObservation, Site, Snapshot, Timestamp,
    WaitingContact,
};
use floorwatch_fuzz::{WALL_CLOCK, through_the_console};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Poll {
    /// The platform's clock against the console's, in seconds.
    clock_offset_s: i32,
    queues: Vec<Queue>,
    agents: Vec<Agent>,
    waiting: Vec<Waiting>,
    interactions: Vec<Talk>,
}

#[derive(Arbitrary, Debug)]
struct Queue {
    /// Few ids, so that queues repeat within and across polls.
    id: u8,
    name: String,
    waiting: u32,
    longest_wait_s: Option<f64>,
    available: u32,
    ringing: u32,
    on_call: u32,
    wrap_up: Option<u32>,
    not_ready: u32,
    since_offset_s: Option<i32>,
    offered: Option<u64>,
    answered: Option<u64>,
    answered_in_sl: Option<u64>,
    abandoned: Option<u64>,
    abandoned_in_sl: Option<u64>,
    abandoned_short: Option<u64>,
    flowed_out: Option<u64>,
    answered_wait_s: Option<f64>,
    handled: Option<u64>,
    handle_time_s: Option<f64>,
    sl_threshold_s: Option<f64>,
    short_abandon_s: Option<f64>,
    sentiment: Option<(f64, u32, f64)>,
    reasons: Vec<(String, u64)>,
}

#[derive(Arbitrary, Debug)]
struct Agent {
    id: u8,
    name: String,
    site: Option<u8>,
    state: u8,
    since_offset_s: Option<i32>,
    queues: Vec<u8>,
    reason: Option<String>,
    /// Per-queue states (paused in one queue only), which may contradict the rest.
    queue_states: Vec<(u8, u8, Option<i32>)>,
}

#[derive(Arbitrary, Debug)]
struct Waiting {
    queue: u8,
    since_offset_s: i32,
    tags: Vec<String>,
    caller: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Talk {
    queue: u8,
    started_offset_s: i32,
    agent: Option<String>,
    said: Option<String>,
    sentiment: Option<f64>,
}

fn queue_id(n: u8) -> QueueId {
    QueueId(format!("q{}", n % 8))
}

fn at(base: Timestamp, offset_s: i32) -> Timestamp {
    let seconds = Duration::from_secs(u64::from(offset_s.unsigned_abs()));
    if offset_s >= 0 {
        base.plus(seconds)
    } else {
        base.minus(seconds)
    }
}

fn queue(q: Queue, now: Timestamp) -> QueueObservation {
    QueueObservation {
        id: queue_id(q.id),
        name: q.name,
        waiting: q.waiting,
        longest_wait_s: q.longest_wait_s,
        agents: AgentCounts {
            available: q.available,
            ringing: q.ringing,
            on_call: q.on_call,
            wrap_up: q.wrap_up,
            not_ready: q.not_ready,
        },
        counters: QueueCounters {
            since: q.since_offset_s.map(|s| at(now, s)),
            offered: q.offered,
            answered: q.answered,
            answered_in_sl: q.answered_in_sl,
            abandoned: q.abandoned,
            abandoned_in_sl: q.abandoned_in_sl,
            abandoned_short: q.abandoned_short,
            flowed_out: q.flowed_out,
            answered_wait_s: q.answered_wait_s,
            handled: q.handled,
            handle_time_s: q.handle_time_s,
        },
        sl_threshold_s: q.sl_threshold_s,
        short_abandon_s: q.short_abandon_s,
        sentiment: q
            .sentiment
            .map(|(score, samples, negative_share)| SentimentObservation {
                score,
                samples,
                negative_share,
            }),
        reasons: q
            .reasons
            .into_iter()
            .map(|(reason, count)| ReasonCount { reason, count })
            .collect(),
    }
}

fn agent(a: Agent, now: Timestamp) -> AgentObservation {
    let states = [
        AgentState::Available,
        AgentState::Ringing,
        AgentState::OnCall,
        AgentState::WrapUp,
        AgentState::NotReady,
        AgentState::Offline,
    ];
    AgentObservation {
        id: format!("a{}", a.id),
        name: a.name,
        site: a.site.map(|s| format!("s{}", s % 3)),
        state: states[usize::from(a.state) % states.len()],
        state_since: a.since_offset_s.map(|s| at(now, s)),
        queues: a.queues.into_iter().map(queue_id).collect(),
        reason: a.reason,
        queue_states: a
            .queue_states
            .into_iter()
            .map(|(queue, state, since)| QueueState {
                queue: queue_id(queue),
                state: states[usize::from(state) % states.len()],
                state_since: since.map(|s| at(now, s)),
                reason: None,
            })
            .collect(),
    }
}

fn snapshot(poll: Poll, index: u64) -> Snapshot {
    let wall = WALL_CLOCK.plus(Duration::from_secs(5 * (index + 1)));
    let now = at(wall, poll.clock_offset_s);
    Snapshot {
        platform: PlatformInfo {
            kind: "fuzz".into(),
            name: "fuzz".into(),
        },
        observed_at: now,
        queues: poll.queues.into_iter().map(|q| queue(q, now)).collect(),
        agents: poll.agents.into_iter().map(|a| agent(a, now)).collect(),
        waiting_contacts: poll
            .waiting
            .into_iter()
            .enumerate()
            .map(|(i, w)| WaitingContact {
                id: format!("c{i}"),
                queue: queue_id(w.queue),
                waiting_since: at(now, w.since_offset_s),
                tags: w.tags,
                reason: None,
                caller: w.caller,
            })
            .collect(),
        interactions: poll
            .interactions
            .into_iter()
            .enumerate()
            .map(|(i, t)| Interaction {
                id: format!("i{i}"),
                queue: queue_id(t.queue),
                agent: t.agent,
                started_at: at(now, t.started_offset_s),
                customer_turn: t.said,
                sentiment: t.sentiment,
            })
            .collect(),
        sites: (0..3)
            .map(|s| Site {
                id: format!("s{s}"),
                name: format!("Site {s}"),
            })
            .collect(),
    }
}

fuzz_target!(|polls: Vec<Poll>| {
    let snapshots = polls
        .into_iter()
        .take(6)
        .zip(0..)
        .map(|(poll, index)| snapshot(poll, index))
        .collect();
    through_the_console(snapshots);
});
