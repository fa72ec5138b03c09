//! The agents' working day: logging in at the start of a shift, breaks taken
//! once the current call is done, logging out at the end, and what
//! scenarios do to staff (a site losing power, weather keeping people at
//! home, everyone drifting back afterwards).
//!
//! An agent who finishes something (a call's wrap-up, a break) always goes
//! through [`Floor::agent_free`], which decides what they do next.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::agent::Absence;
use super::event::Event;
use super::floor::Floor;
use super::profile::DAY_MS;
use super::roster::{BreakKind, SHIFTS, ShiftTimes};
use super::scenario::{Scenario, WEATHER_STRANDED_SHARE};
use crate::model::AgentState;

const MINUTE_MS: i64 = 60_000;
/// Severe weather takes people out over this long after it starts.
const STRANDING_SPREAD_MS: i64 = 4 * MINUTE_MS;
/// After a scenario clears, absent agents come back between these delays.
const RETURN_DELAY_MS: (i64, i64) = (MINUTE_MS, 6 * MINUTE_MS);
/// Agents come back from a break up to this late.
const BREAK_OVERRUN_MS: i64 = 2 * MINUTE_MS;

impl Floor {
    /// Logs in everyone whose shift is under way at the start and books the others' shifts.
    pub(super) fn roster_agents(&mut self) {
        for agent in 0..self.agent_indices() {
            let shift = SHIFTS[self.plan.agents[agent as usize].shift];
            let times = shift.current_or_next(self.now_ms, self.utc_offset_s);
            if times.start_ms <= self.now_ms {
                self.begin_shift(agent, times);
            } else {
                // Logged out since yesterday's occurrence ended (or since the start, if that is later).
                let runtime = &mut self.agents[agent as usize];
                runtime.since_ms = (times.end_ms - DAY_MS).min(self.now_ms);
                self.events
                    .schedule(times.start_ms, Event::ShiftStarts { agent });
            }
        }
    }

    pub(super) fn on_shift_starts(&mut self, agent: u32) {
        let shift = SHIFTS[self.plan.agents[agent as usize].shift];
        let times = shift.current_or_next(self.now_ms, self.utc_offset_s);
        self.begin_shift(agent, times);
    }

    /// Books the shift's end, breaks and tomorrow's start, and logs the agent in.
    fn begin_shift(&mut self, agent: u32, times: ShiftTimes) {
        let runtime = &mut self.agents[agent as usize];
        runtime.on_shift = true;
        runtime.shift_number += 1;
        let shift_number = runtime.shift_number;
        self.events.schedule(
            times.end_ms,
            Event::ShiftEnds {
                agent,
                shift: shift_number,
            },
        );
        self.events
            .schedule(times.start_ms + DAY_MS, Event::ShiftStarts { agent });
        self.plan_breaks(agent, times, shift_number);
        let runtime = &self.agents[agent as usize];
        if runtime.absence.is_none() && runtime.state == AgentState::Offline {
            self.become_available(agent);
        }
    }

    fn plan_breaks(&mut self, agent: u32, times: ShiftTimes, shift_number: u32) {
        let shift = SHIFTS[self.plan.agents[agent as usize].shift];
        for planned in shift.breaks {
            let jitter_ms = planned.jitter_minutes * MINUTE_MS;
            let offset_ms = self.rng.random_range(-jitter_ms..=jitter_ms);
            let due_ms = times.start_ms + planned.after_minutes * MINUTE_MS + offset_ms;
            let happens = self.rng.random_bool(planned.probability);
            if happens && due_ms > self.now_ms && due_ms < times.end_ms {
                let event = Event::BreakDue {
                    agent,
                    shift: shift_number,
                    kind: planned.kind,
                    minutes: u32::try_from(planned.minutes).unwrap_or(15),
                };
                self.events.schedule(due_ms, event);
            }
        }
    }

    pub(super) fn on_shift_ends(&mut self, agent: u32, shift: u32) {
        let runtime = &mut self.agents[agent as usize];
        if runtime.shift_number != shift {
            return;
        }
        runtime.on_shift = false;
        runtime.pending_break = None;
        // Someone on a call finishes it first; `agent_free` then logs them out.
        if matches!(runtime.state, AgentState::Available | AgentState::NotReady) {
            self.go_offline(agent);
        }
    }

    pub(super) fn on_break_due(&mut self, agent: u32, shift: u32, kind: BreakKind, minutes: u32) {
        let runtime = &mut self.agents[agent as usize];
        if runtime.shift_number != shift || !runtime.on_shift || runtime.absence.is_some() {
            return;
        }
        match runtime.state {
            AgentState::Available => self.start_break(agent, kind, minutes),
            AgentState::Ringing
            | AgentState::OnCall
            | AgentState::WrapUp
            | AgentState::NotReady => {
                runtime.pending_break.get_or_insert((kind, minutes));
            }
            AgentState::Offline => {}
        }
    }

    pub(super) fn on_break_ends(&mut self, agent: u32, epoch: u32) {
        let runtime = &mut self.agents[agent as usize];
        if runtime.epoch != epoch || runtime.state != AgentState::NotReady {
            return;
        }
        runtime.on_break = None;
        self.agent_free(agent);
    }

    /// The agent has just finished a call or a break: log out, take a due break, or take calls.
    pub(super) fn agent_free(&mut self, agent: u32) {
        let runtime = &mut self.agents[agent as usize];
        if !runtime.on_shift || runtime.absence.is_some() {
            self.go_offline(agent);
        } else if let Some((kind, minutes)) = runtime.pending_break.take() {
            self.start_break(agent, kind, minutes);
        } else {
            self.become_available(agent);
        }
    }

    /// Takes the longest-waiting call on the agent's skills, or waits for one.
    fn become_available(&mut self, agent: u32) {
        let skills = &self.plan.agents[agent as usize].skills;
        match self.routing.take_oldest_for(skills) {
            Some(call) => self.connect(agent, call),
            None => self.set_state(agent, AgentState::Available),
        }
    }

    fn start_break(&mut self, agent: u32, kind: BreakKind, minutes: u32) {
        self.agents[agent as usize].on_break = Some(kind);
        self.set_state(agent, AgentState::NotReady);
        let overrun_ms = self.rng.random_range(0..=BREAK_OVERRUN_MS);
        let epoch = self.agents[agent as usize].epoch;
        let ends_ms = self.now_ms + i64::from(minutes) * MINUTE_MS + overrun_ms;
        self.events
            .schedule(ends_ms, Event::BreakEnds { agent, epoch });
    }

    fn go_offline(&mut self, agent: u32) {
        let runtime = &mut self.agents[agent as usize];
        runtime.epoch += 1;
        runtime.on_break = None;
        self.set_state(agent, AgentState::Offline);
    }

    /// Logs the agent out at once; a call in progress ends now and counts as
    /// handled with the time spent on it so far.
    fn pull_offline(&mut self, agent: u32) {
        match self.agents[agent as usize].state {
            AgentState::OnCall => self.finish_call(agent),
            AgentState::WrapUp => self.finish_call(agent),
            AgentState::Available
            | AgentState::Ringing
            | AgentState::NotReady
            | AgentState::Offline => {}
        }
        self.agents[agent as usize].pending_break = None;
        self.go_offline(agent);
    }

    /// Applies what `scenario` does to staff, at the moment it starts.
    pub(super) fn apply_scenario_to_staff(&mut self, scenario: Scenario) {
        match scenario {
            Scenario::SitePowerLoss => self.cut_power(),
            Scenario::SevereWeather => self.strand_staff(),
            Scenario::Normal
            | Scenario::Surge
            | Scenario::TelephonyOutage
            | Scenario::ComplaintSpike => {}
        }
    }

    fn cut_power(&mut self) {
        for agent in 0..self.agent_indices() {
            if self.plan.agents[agent as usize].site == self.plan.power_loss_site {
                self.agents[agent as usize].absence = Some(Absence::PowerCut);
                self.pull_offline(agent);
            }
        }
    }

    /// Keeps a fixed share of on-site staff from work: those working leave
    /// over the next few minutes (after their call), those not yet in never come.
    fn strand_staff(&mut self) {
        let on_premises = |floor: &Floor, agent: u32| {
            let site = floor.plan.agents[agent as usize].site;
            floor
                .plan
                .sites
                .get(site)
                .is_some_and(|site| site.on_premises)
        };
        let (mut working, mut away): (Vec<u32>, Vec<u32>) = (0..self.agent_indices())
            .filter(|&agent| on_premises(self, agent))
            .partition(|&agent| self.agents[agent as usize].state != AgentState::Offline);
        for agent in pick_share(&mut working, WEATHER_STRANDED_SHARE, &mut self.rng) {
            self.agents[agent as usize].weather_pick = true;
            let at_ms = self.now_ms + self.rng.random_range(0..=STRANDING_SPREAD_MS);
            let generation = self.scenario_generation;
            self.events
                .schedule(at_ms, Event::Stranded { agent, generation });
        }
        for agent in pick_share(&mut away, WEATHER_STRANDED_SHARE, &mut self.rng) {
            let runtime = &mut self.agents[agent as usize];
            runtime.weather_pick = true;
            runtime.absence = Some(Absence::Stranded);
        }
    }

    pub(super) fn on_stranded(&mut self, agent: u32, generation: u32) {
        if generation != self.scenario_generation {
            return;
        }
        let runtime = &mut self.agents[agent as usize];
        runtime.absence = Some(Absence::Stranded);
        if matches!(runtime.state, AgentState::Available | AgentState::NotReady) {
            self.go_offline(agent);
        }
    }

    /// A scenario has ended: everyone it kept away drifts back over a few minutes
    /// (unless the next scenario keeps them away again).
    pub(super) fn release_absent_agents(&mut self) {
        let generation = self.scenario_generation;
        for agent in 0..self.agent_indices() {
            let runtime = &mut self.agents[agent as usize];
            runtime.weather_pick = false;
            if runtime.absence.is_some() {
                let delay_ms = self.rng.random_range(RETURN_DELAY_MS.0..=RETURN_DELAY_MS.1);
                self.events
                    .schedule(self.now_ms + delay_ms, Event::Returns { agent, generation });
            }
        }
    }

    pub(super) fn on_returns(&mut self, agent: u32, generation: u32) {
        if generation != self.scenario_generation || self.still_kept_away(agent) {
            return;
        }
        let runtime = &mut self.agents[agent as usize];
        runtime.absence = None;
        if runtime.on_shift && runtime.state == AgentState::Offline {
            self.become_available(agent);
        }
    }

    fn still_kept_away(&self, agent: u32) -> bool {
        let runtime = &self.agents[agent as usize];
        let site = self.plan.agents[agent as usize].site;
        match self.scenario {
            Scenario::SitePowerLoss => site == self.plan.power_loss_site,
            Scenario::SevereWeather => runtime.weather_pick,
            _ => false,
        }
    }

    /// Agent indices as the `u32` events carry (floors are far below four billion agents).
    fn agent_indices(&self) -> u32 {
        u32::try_from(self.agents.len()).unwrap_or(u32::MAX)
    }
}

/// A random `share` of `items`, rounded to the nearest whole item.
fn pick_share(items: &mut [u32], share: f64, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let wanted = (items.len() as f64 * share).round() as usize;
    // Partial Fisher–Yates: the first `wanted` slots end up a uniform random choice.
    for slot in 0..wanted.min(items.len()) {
        let pick = rng.random_range(slot..items.len());
        items.swap(slot, pick);
    }
    items.iter().take(wanted).copied().collect()
}
