//! The running floor: its clock, the event queue, and how calls flow —
//! arrival, routing to an agent, talk, wrap-up, abandonment — plus scenario
//! switches and the midnight reset. When calls arrive is `arrivals`'
//! business; the agents' own day (shifts, breaks, scenario absences) is in
//! `staffing`; turning the floor into a snapshot is in `view`.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::SimConfig;
use super::agent::{ActiveCall, AgentRuntime};
use super::arrivals::{ArrivalStreams, Stream};
use super::caller::{self, Call, WaitKey};
use super::event::{Event, EventQueue};
use super::floor_plan::FloorPlan;
use super::profile::{self, DAY_MS};
use super::routing::Routing;
use super::scenario::{SPIKE_COMPLAINT_SHARE, Scenario};
use super::stats::QueueStats;
use super::turns;
use crate::model::{AgentCounts, AgentState};

#[derive(Clone, Debug)]
pub(super) struct Floor {
    pub plan: FloorPlan,
    pub seed: u64,
    pub utc_offset_s: i32,
    pub now_ms: i64,
    pub rng: ChaCha8Rng,
    pub events: EventQueue,
    pub scenario: Scenario,
    /// Bumped on every scenario change; scenario events from before are stale.
    pub scenario_generation: u32,
    pub arrivals: ArrivalStreams,
    pub agents: Vec<AgentRuntime>,
    pub routing: Routing,
    pub stats: Vec<QueueStats>,
    /// Per queue, logged-in agents holding the skill, by state.
    pub agent_counts: Vec<AgentCounts>,
    pub next_call_id: u64,
    /// Days since the start; calls answered on an earlier day are not counted as handled today.
    pub day: u32,
}

impl Floor {
    pub fn new(config: &SimConfig) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let plan = FloorPlan::build(config.shape, &mut rng);
        let now_ms = config.start.as_millis();
        let stats = plan
            .queues
            .iter()
            .map(|queue| {
                QueueStats::new(
                    now_ms,
                    queue.sl_threshold_s,
                    queue.short_abandon_s,
                    queue.reasons.len(),
                )
            })
            .collect();
        let mut floor = Floor {
            seed: config.seed,
            utc_offset_s: config.utc_offset_s,
            now_ms,
            rng,
            events: EventQueue::default(),
            scenario: config.scenario,
            scenario_generation: 0,
            arrivals: ArrivalStreams::new(config.seed, plan.queues.len(), config.utc_offset_s),
            agents: vec![AgentRuntime::logged_out(now_ms); plan.agents.len()],
            routing: Routing::new(plan.queues.len()),
            stats,
            agent_counts: vec![AgentCounts::default(); plan.queues.len()],
            next_call_id: 1,
            day: 0,
            plan,
        };
        floor.start(config.scenario);
        floor
    }

    fn start(&mut self, scenario: Scenario) {
        for queue in 0..self.plan.queues.len() {
            self.schedule_arrival_candidate(queue, Stream::Base);
            self.schedule_arrival_candidate(queue, Stream::Surplus);
        }
        let next_midnight = profile::local_midnight(self.now_ms, self.utc_offset_s) + DAY_MS;
        self.events.schedule(next_midnight, Event::Midnight);
        self.roster_agents();
        // A floor that starts mid-scenario starts with the scenario's effects.
        self.apply_scenario_to_staff(scenario);
    }

    pub fn advance_to(&mut self, until_ms: i64) {
        if until_ms <= self.now_ms {
            return;
        }
        while let Some((at_ms, event)) = self.events.pop_due(until_ms) {
            self.now_ms = at_ms;
            self.handle(event);
        }
        self.now_ms = until_ms;
    }

    pub fn set_scenario(&mut self, scenario: Scenario) {
        if scenario == self.scenario {
            return;
        }
        self.scenario = scenario;
        self.scenario_generation += 1;
        // The base streams carry on; only what scenarios add is rescheduled.
        self.arrivals.new_generation();
        for queue in 0..self.plan.queues.len() {
            self.schedule_arrival_candidate(queue, Stream::Surplus);
        }
        self.release_absent_agents();
        self.apply_scenario_to_staff(scenario);
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::ArrivalCandidate {
                queue,
                stream,
                generation,
            } => {
                self.on_arrival_candidate(queue, stream, generation);
            }
            Event::PatienceOut {
                queue,
                call,
                arrived_ms,
            } => self.on_patience_out(queue, WaitKey { arrived_ms, call }),
            Event::TalkEnds { agent, epoch } => self.on_talk_ends(agent, epoch),
            Event::WrapUpEnds { agent, epoch } => self.on_wrap_up_ends(agent, epoch),
            Event::BreakDue {
                agent,
                shift,
                kind,
                minutes,
            } => self.on_break_due(agent, shift, kind, minutes),
            Event::BreakEnds { agent, epoch } => self.on_break_ends(agent, epoch),
            Event::ShiftStarts { agent } => self.on_shift_starts(agent),
            Event::ShiftEnds { agent, shift } => self.on_shift_ends(agent, shift),
            Event::Stranded { agent, generation } => self.on_stranded(agent, generation),
            Event::Returns { agent, generation } => self.on_returns(agent, generation),
            Event::Midnight => self.on_midnight(),
        }
    }

    fn schedule_arrival_candidate(&mut self, queue: usize, stream: Stream) {
        let spec = &self.plan.queues[queue];
        let next = self
            .arrivals
            .next_candidate(queue, stream, spec, self.scenario, self.now_ms);
        if let (Some(candidate), Ok(queue)) = (next, u32::try_from(queue)) {
            let generation = candidate.generation;
            let event = Event::ArrivalCandidate {
                queue,
                stream,
                generation,
            };
            self.events.schedule(candidate.at_ms, event);
        }
    }

    fn on_arrival_candidate(&mut self, queue: u32, stream: Stream, generation: u32) {
        let index = queue as usize;
        if !self.arrivals.is_current(index, stream, generation) {
            return;
        }
        self.schedule_arrival_candidate(index, stream);
        let spec = &self.plan.queues[index];
        if self
            .arrivals
            .keep(index, stream, spec, self.scenario, self.now_ms)
        {
            self.call_arrives(queue);
        }
    }

    fn call_arrives(&mut self, queue: u32) {
        let call = self.new_call(queue);
        self.stats[queue as usize].offered(usize::from(call.reason));
        if let Some((agent, _)) = self.routing.longest_idle(queue) {
            self.connect(agent, call);
            return;
        }
        let patience_ms = caller::draw_patience_ms(&mut self.rng, call.tags);
        self.routing.enqueue(call);
        let event = Event::PatienceOut {
            queue,
            call: call.id,
            arrived_ms: call.arrived_ms,
        };
        self.events.schedule(self.now_ms + patience_ms, event);
    }

    fn new_call(&mut self, queue: u32) -> Call {
        let spec = &self.plan.queues[queue as usize];
        let spiking = self.scenario == Scenario::ComplaintSpike && spec.role.complaint_target;
        let spike_share = spiking.then_some(SPIKE_COMPLAINT_SHARE);
        let reason = caller::draw_reason(&mut self.rng, spec, spike_share);
        let tags = caller::draw_tags(&mut self.rng);
        let identity = caller::draw_identity(&mut self.rng, spec.chinese_callers);
        let id = self.next_call_id;
        self.next_call_id += 1;
        Call {
            id,
            queue,
            arrived_ms: self.now_ms,
            reason: u16::try_from(reason).unwrap_or(u16::MAX),
            tags,
            caller: identity,
            angry: spiking && spec.spike_reason == Some(reason),
        }
    }

    fn on_patience_out(&mut self, queue: u32, key: WaitKey) {
        // The caller may have been answered already; then there is nothing to do.
        if let Some(call) = self.routing.withdraw(queue, key) {
            self.stats[queue as usize].abandoned(self.now_ms - call.arrived_ms);
        }
    }

    /// Puts `call` through to `agent`, who must be free (available, or just finished something).
    pub(super) fn connect(&mut self, agent: u32, call: Call) {
        let wait_ms = self.now_ms - call.arrived_ms;
        let queue = &self.plan.queues[call.queue as usize];
        self.stats[call.queue as usize].answered(wait_ms);
        let talk_ms = caller::draw_talk_ms(&mut self.rng, queue, call.tags);
        let reason_mood = queue
            .reasons
            .get(usize::from(call.reason))
            .map_or(0.0, |reason| reason.mood);
        let mood = caller::draw_sentiment(&mut self.rng, &call, wait_ms, reason_mood);
        let turn = turns::pick(&mut self.rng, mood, call.angry, call.caller.is_chinese());
        let runtime = &mut self.agents[agent as usize];
        runtime.call = Some(ActiveCall {
            call,
            answered_ms: self.now_ms,
            day: self.day,
            turn,
        });
        self.set_state(agent, AgentState::OnCall);
        let epoch = self.agents[agent as usize].epoch;
        self.events
            .schedule(self.now_ms + talk_ms, Event::TalkEnds { agent, epoch });
    }

    fn on_talk_ends(&mut self, agent: u32, epoch: u32) {
        if !self.is_current(agent, epoch, AgentState::OnCall) {
            return;
        }
        self.set_state(agent, AgentState::WrapUp);
        let Some(active) = self.agents[agent as usize].call else {
            return;
        };
        let wrap_ms =
            caller::draw_wrap_ms(&mut self.rng, &self.plan.queues[active.call.queue as usize]);
        self.events
            .schedule(self.now_ms + wrap_ms, Event::WrapUpEnds { agent, epoch });
    }

    fn on_wrap_up_ends(&mut self, agent: u32, epoch: u32) {
        if !self.is_current(agent, epoch, AgentState::WrapUp) {
            return;
        }
        self.finish_call(agent);
        self.agent_free(agent);
    }

    /// The agent is done with their call (wrap-up over, or cut short): count it as handled.
    pub(super) fn finish_call(&mut self, agent: u32) {
        let Some(active) = self.agents[agent as usize].call.take() else {
            return;
        };
        // A call answered before midnight belongs to yesterday's counters, which are gone.
        if active.day == self.day {
            self.stats[active.call.queue as usize].handled(self.now_ms - active.answered_ms);
        }
    }

    fn is_current(&self, agent: u32, epoch: u32, state: AgentState) -> bool {
        self.agents
            .get(agent as usize)
            .is_some_and(|runtime| runtime.epoch == epoch && runtime.state == state)
    }

    fn on_midnight(&mut self) {
        self.day += 1;
        for queue in 0..self.stats.len() {
            let carried = self
                .routing
                .waiting(queue)
                .map(|call| usize::from(call.reason));
            self.stats[queue].start_day(self.now_ms, carried);
        }
        self.events.schedule(self.now_ms + DAY_MS, Event::Midnight);
    }
}

/// The counter an agent in `state` adds to; logged-out agents are not counted.
fn count_for(counts: &mut AgentCounts, state: AgentState) -> Option<&mut u32> {
    match state {
        AgentState::Available => Some(&mut counts.available),
        AgentState::Ringing => Some(&mut counts.ringing),
        AgentState::OnCall => Some(&mut counts.on_call),
        AgentState::WrapUp => Some(counts.wrap_up.get_or_insert(0)),
        AgentState::NotReady => Some(&mut counts.not_ready),
        AgentState::Offline => None,
    }
}

impl Floor {
    /// Moves an agent to `state` now, keeping per-queue counts and the idle sets in step.
    pub(super) fn set_state(&mut self, agent: u32, state: AgentState) {
        let skills = &self.plan.agents[agent as usize].skills;
        let runtime = &mut self.agents[agent as usize];
        let (old_state, old_since) = (runtime.state, runtime.since_ms);
        runtime.state = state;
        runtime.since_ms = self.now_ms;
        if old_state == AgentState::Available {
            self.routing.unmark_idle(agent, skills, old_since);
        }
        if state == AgentState::Available {
            self.routing.mark_idle(agent, skills, self.now_ms);
        }
        for &queue in skills {
            let counts = &mut self.agent_counts[queue as usize];
            if let Some(count) = count_for(counts, old_state) {
                *count = count.saturating_sub(1);
            }
            if let Some(count) = count_for(counts, state) {
                *count += 1;
            }
        }
    }
}
