//! The floor as the engine knows it: the latest snapshot, each queue's
//! history, and whether the data is live or stale.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

use super::clock::{self, CLOCK_TOLERANCE, ClockFault};
use super::figures::{self, SlFormula, WindowFigures};
use super::history::{Calendar, QueueHistory, span_of};
use super::mood::QueueMood;
use super::need::{self, Need};
use super::reasons::{self, Pareto, ReasonHistory};
use super::staffing::Target;
use super::status::{self, QueueStatus, StatusReason, StatusThresholds};
use super::{Coverage, Tally, Window};
use crate::model::{
    AgentCounts, AgentObservation, Interaction, PlatformCondition, PollFailure, QueueId,
    QueueObservation, SentimentObservation, Snapshot, Timestamp, WaitingContact,
};

/// The longer of the two windows whose demand `Need` is worked out on, in
/// every view (the other is the current interval).
pub const NEED_WINDOW: Window = Window::Rolling60;

/// The service-level threshold staffing aims at when the platform names none.
pub const DEFAULT_SL_THRESHOLD: Duration = Duration::from_secs(20);

#[derive(Clone, Debug, PartialEq)]
pub struct EngineSettings {
    pub sl_formula: SlFormula,
    /// 15 or 30 minutes, aligned to the local clock.
    pub interval: Duration,
    /// The site's zone, seconds east of UTC: intervals and days follow it.
    pub utc_offset_s: i32,
    pub exclude_short_abandons: bool,
    pub thresholds: StatusThresholds,
    /// Data older than this (wall time) is stale even without a failed poll.
    pub stale_after: Duration,
    /// Polls further apart than this leave a gap in the history.
    pub gap_after: Duration,
    /// How far the platform's clock may be from the wall clock; `None` when
    /// it is a simulator's, which runs at the time the operator chose.
    pub clock_tolerance: Option<Duration>,
}

impl Default for EngineSettings {
    fn default() -> Self {
        Self {
            sl_formula: SlFormula::default(),
            interval: Duration::from_secs(15 * 60),
            utc_offset_s: 0,
            exclude_short_abandons: false,
            thresholds: StatusThresholds::default(),
            stale_after: Duration::from_secs(15),
            gap_after: Duration::from_secs(5 * 60),
            clock_tolerance: Some(CLOCK_TOLERANCE),
        }
    }
}

/// Whether what is on screen can be trusted as current.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// No observation yet.
    Waiting {
        reason: Option<String>,
        condition: Option<PlatformCondition>,
    },
    Live,
    /// The last good data is from `since` (wall clock); `reason` says why it is old.
    Stale {
        since: Timestamp,
        reason: String,
        /// The platform's trouble, when a poll failed (not when polls merely stopped arriving).
        condition: Option<PlatformCondition>,
    },
    /// The platform answers, but its clock cannot be believed; the figures
    /// shown are from `since` (wall clock), if any came before.
    ClockOff {
        since: Option<Timestamp>,
        fault: ClockFault,
    },
}

#[derive(Clone, Debug)]
pub struct Floor {
    settings: EngineSettings,
    latest: Option<Snapshot>,
    queue_index: HashMap<QueueId, usize>,
    /// Each queue's history, in the order first seen; `history_slot` finds
    /// a queue's by id, `latest_slots` by its place in the latest snapshot
    /// (so a pass over a large floor does no lookup per queue).
    histories: Vec<QueueHistory>,
    history_slot: HashMap<QueueId, usize>,
    latest_slots: Vec<usize>,
    moods: HashMap<QueueId, QueueMood>,
    reasons: HashMap<QueueId, ReasonHistory>,
    /// Staffing answers for this snapshot, worked out when first asked for:
    /// Erlang A costs up to half a millisecond a queue, and every draw asks.
    needs: RefCell<HashMap<QueueId, Option<Need>>>,
    /// The floor's totals for this snapshot, by window: every draw shows
    /// them, and adding up a large floor's histories is not free.
    totals: RefCell<Vec<(Window, FloorTotals)>>,
    /// Counts observations, so views can tell a new snapshot from the last.
    generation: u64,
    last_success: Option<Timestamp>,
    last_failure: Option<(Timestamp, PollFailure)>,
    /// What the latest answer's clock got wrong, if anything.
    clock_fault: Option<ClockFault>,
    /// When (wall clock) the platform's time last moved forward.
    platform_moved_at: Option<Timestamp>,
}

/// The floor added up: what the headline tiles show.
#[derive(Clone, Debug, PartialEq)]
pub struct FloorTotals {
    pub waiting: u32,
    pub longest_wait_s: Option<f64>,
    /// Distinct agents by state (an agent in three queues counts once).
    pub agents: AgentCounts,
    pub occupancy: Option<f64>,
    pub figures: WindowFigures,
    pub sentiment: Option<SentimentObservation>,
}

impl Floor {
    pub fn new(settings: EngineSettings) -> Self {
        Self {
            settings,
            latest: None,
            queue_index: HashMap::new(),
            histories: Vec::new(),
            history_slot: HashMap::new(),
            latest_slots: Vec::new(),
            moods: HashMap::new(),
            reasons: HashMap::new(),
            needs: RefCell::new(HashMap::new()),
            totals: RefCell::new(Vec::new()),
            generation: 0,
            last_success: None,
            last_failure: None,
            clock_fault: None,
            platform_moved_at: None,
        }
    }

    pub fn settings(&self) -> &EngineSettings {
        &self.settings
    }

    /// Takes in a new observation, received at wall time `received_at`.
    pub fn observe(&mut self, mut snapshot: Snapshot, received_at: Timestamp) {
        // A queue listed twice would have its counters credited twice: the
        // first listing stands (the adapters' door refuses such answers anyway).
        let mut seen = HashSet::new();
        snapshot.queues.retain(|q| seen.insert(q.id.clone()));
        // The platform answered: whatever failed before is over.
        self.last_failure = None;
        self.clock_fault = self.settings.clock_tolerance.and_then(|tolerance| {
            clock::judge(
                snapshot.observed_at,
                received_at,
                self.platform_time(),
                tolerance,
            )
        });
        if self.clock_fault.is_some_and(ClockFault::holds_back) {
            return;
        }
        if self
            .platform_time()
            .is_none_or(|shown| snapshot.observed_at > shown)
        {
            self.platform_moved_at = Some(received_at);
        }
        self.hear_customers(&mut snapshot);
        let calendar = self.calendar();
        self.latest_slots.clear();
        for queue in &snapshot.queues {
            let slot = self.history_slot_of(&queue.id);
            self.latest_slots.push(slot);
            self.histories[slot].record(snapshot.observed_at, queue, &calendar);
            self.reasons
                .entry(queue.id.clone())
                .or_default()
                .record(snapshot.observed_at, &queue.reasons);
        }
        self.queue_index = snapshot
            .queues
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        self.latest = Some(snapshot);
        self.needs.borrow_mut().clear();
        self.totals.borrow_mut().clear();
        self.generation += 1;
        self.last_success = Some(received_at);
    }

    fn history_slot_of(&mut self, id: &QueueId) -> usize {
        if let Some(slot) = self.history_slot.get(id) {
            return *slot;
        }
        self.histories.push(QueueHistory::default());
        let slot = self.histories.len() - 1;
        self.history_slot.insert(id.clone(), slot);
        slot
    }

    /// Scores what customers said on each queue, and where the platform
    /// gave no sentiment of its own, fills in ours: every figure and rule
    /// then reads one `sentiment` per queue.
    fn hear_customers(&mut self, snapshot: &mut Snapshot) {
        let now = snapshot.observed_at;
        let mut by_queue: HashMap<&QueueId, Vec<&Interaction>> = HashMap::new();
        for interaction in &snapshot.interactions {
            by_queue
                .entry(&interaction.queue)
                .or_default()
                .push(interaction);
        }
        for queue in &mut snapshot.queues {
            let said = by_queue.get(&queue.id).map_or(&[][..], Vec::as_slice);
            let mood = self.moods.entry(queue.id.clone()).or_default();
            mood.hear(said, now);
            if let Some(ours) = mood.observation(now) {
                queue.sentiment = Some(ours);
            }
        }
    }

    /// Why people called over the last hour, all queues together.
    pub fn pareto(&self) -> Option<Pareto> {
        let splits: Vec<_> = self
            .reasons
            .values()
            .filter_map(ReasonHistory::split)
            .collect();
        if splits.is_empty() {
            return None;
        }
        let hour = reasons::merged(splits.iter().map(|(hour, _)| hour));
        let before = reasons::merged(splits.iter().map(|(_, before)| before));
        Some(Pareto::of(&hour, &before))
    }

    /// Records a failed poll; the last good snapshot stays, marked stale.
    pub fn observe_failure(&mut self, at: Timestamp, failure: PollFailure) {
        self.last_failure = Some((at, failure));
    }

    /// What is wrong with the platform right now, if its last poll failed: a
    /// condition rules can match ("platform unreachable", "answering garbage").
    pub fn platform_condition(&self) -> Option<PlatformCondition> {
        self.last_failure.as_ref().map(|(_, f)| f.condition)
    }

    pub fn health(&self, now: Timestamp) -> Health {
        if let (Some(fault), None) = (self.clock_fault, &self.last_failure) {
            return Health::ClockOff {
                since: self.last_success,
                fault,
            };
        }
        match (self.last_success, &self.last_failure) {
            (None, failure) => Health::Waiting {
                reason: failure.as_ref().map(|(_, f)| f.detail.clone()),
                condition: failure.as_ref().map(|(_, f)| f.condition),
            },
            (Some(since), Some((_, failure))) => Health::Stale {
                since,
                reason: failure.detail.clone(),
                condition: Some(failure.condition),
            },
            (Some(since), None) if now.saturating_since(since) > self.settings.stale_after => {
                let age = now.saturating_since(since).as_secs();
                Health::Stale {
                    since,
                    reason: format!("no update for {age} s"),
                    condition: None,
                }
            }
            (Some(since), None) => match self.stopped_clock(now) {
                Some(fault) => Health::ClockOff {
                    since: Some(since),
                    fault,
                },
                None => Health::Live,
            },
        }
    }

    /// Whether the figures can be shown as current at `now` (wall clock).
    pub fn is_live(&self, now: Timestamp) -> bool {
        matches!(self.health(now), Health::Live)
    }

    /// The floor's service-level status as the headline shows it over
    /// `window`, judged as the queues are (a handful of contacts is "few",
    /// not critical); `Stale` when the figures are not live at `now`.
    pub fn headline_status(&self, window: Window, now: Timestamp) -> QueueStatus {
        if !self.is_live(now) {
            return QueueStatus::Stale;
        }
        status::headline_band(&self.totals(window).figures, &self.settings.thresholds)
    }

    /// Answers keep coming, but the platform's time has stood still for
    /// longer than data may age: the same figures, served again.
    fn stopped_clock(&self, now: Timestamp) -> Option<ClockFault> {
        self.settings.clock_tolerance?;
        let stopped_for = now.saturating_since(self.platform_moved_at?);
        (stopped_for > self.settings.stale_after)
            .then_some(ClockFault::Stopped { for_: stopped_for })
    }

    /// What the latest answer's clock got wrong, if anything.
    pub fn clock_fault(&self) -> Option<ClockFault> {
        self.clock_fault
    }

    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.latest.as_ref()
    }

    /// The platform's clock at the latest observation: the "now" of every window.
    pub fn platform_time(&self) -> Option<Timestamp> {
        self.latest.as_ref().map(|s| s.observed_at)
    }

    /// The agents by state on the queue `on`, or (`None`) the whole floor,
    /// each counted once; `None` before the first snapshot, or when the
    /// queue is not in the latest.
    pub fn agents_on(&self, on: Option<&QueueId>) -> Option<AgentCounts> {
        match on {
            Some(id) => Some(self.queue(id)?.observation.agents),
            None => self.latest.as_ref().map(|_| self.distinct_agents()),
        }
    }

    /// How long before the latest snapshot `since` was, in seconds on the
    /// platform's clock (an agent's time in state, a caller's wait); never
    /// negative.
    pub fn age_s(&self, since: Timestamp) -> f64 {
        self.platform_time()
            .unwrap_or_default()
            .secs_since(since)
            .max(0.0)
    }

    pub fn queues(&self) -> impl Iterator<Item = QueueView<'_>> {
        self.latest
            .iter()
            .flat_map(|s| s.queues.iter().enumerate())
            .filter_map(|(index, q)| self.view(index, q))
    }

    pub fn queue(&self, id: &QueueId) -> Option<QueueView<'_>> {
        let index = *self.queue_index.get(id)?;
        self.view(index, self.latest.as_ref()?.queues.get(index)?)
    }

    /// How many snapshots have been observed: a new number means new figures.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The queue at `index` in the latest snapshot's order.
    pub fn queue_at(&self, index: usize) -> Option<QueueView<'_>> {
        self.view(index, self.latest.as_ref()?.queues.get(index)?)
    }

    /// Where the queue `id` is in the latest snapshot's order.
    pub fn index_of(&self, id: &QueueId) -> Option<usize> {
        self.queue_index.get(id).copied()
    }

    pub fn totals(&self, window: Window) -> FloorTotals {
        if let Some((_, known)) = self.totals.borrow().iter().find(|(w, _)| *w == window) {
            return known.clone();
        }
        let totals = self.add_up(window);
        self.totals.borrow_mut().push((window, totals.clone()));
        totals
    }

    fn add_up(&self, window: Window) -> FloorTotals {
        let now = self.platform_time().unwrap_or_default();
        let calendar = self.calendar();
        let mut tally = Tally::default();
        let mut coverage = Coverage::default();
        for history in self.histories_of_latest() {
            let (_, t, _) = history.tally(window, now, &calendar);
            tally.add(&t);
            coverage = coverage.join(history.coverage(window, now, &calendar));
        }
        let queues = self.latest.iter().flat_map(|s| s.queues.iter());
        let agents = self.distinct_agents();
        FloorTotals {
            waiting: queues
                .clone()
                .fold(0u32, |sum, q| sum.saturating_add(q.waiting)),
            longest_wait_s: queues
                .clone()
                .filter_map(|q| q.longest_wait_s)
                .filter(|s| s.is_finite() && *s >= 0.0)
                .reduce(f64::max),
            occupancy: figures::occupancy(&agents),
            agents,
            figures: self.figures(span_of(window, now, &calendar), tally, coverage),
            sentiment: pooled_sentiment(queues.filter_map(|q| q.sentiment.as_ref())),
        }
    }

    fn view<'a>(
        &'a self,
        index: usize,
        observation: &'a QueueObservation,
    ) -> Option<QueueView<'a>> {
        Some(QueueView {
            observation,
            history: self.histories.get(*self.latest_slots.get(index)?)?,
            floor: self,
        })
    }

    fn histories_of_latest(&self) -> impl Iterator<Item = &QueueHistory> {
        self.latest_slots
            .iter()
            .filter_map(|slot| self.histories.get(*slot))
    }

    /// Agents by state, each counted once; from the per-queue counts when the
    /// platform does not list agents (then agents in several queues count more than once).
    fn distinct_agents(&self) -> AgentCounts {
        let Some(snapshot) = &self.latest else {
            return AgentCounts::default();
        };
        if snapshot.agents.is_empty() {
            return snapshot
                .queues
                .iter()
                .fold(AgentCounts::default(), |sum, q| sum.plus(q.agents));
        }
        AgentCounts::of(&snapshot.agents)
    }

    fn figures(&self, span: super::WindowSpan, tally: Tally, coverage: Coverage) -> WindowFigures {
        WindowFigures {
            coverage,
            ..WindowFigures::compute(
                span,
                tally,
                self.settings.sl_formula,
                self.settings.exclude_short_abandons,
                coverage.is_incomplete(),
            )
        }
    }

    fn calendar(&self) -> Calendar {
        Calendar {
            interval: self.settings.interval,
            utc_offset_s: self.settings.utc_offset_s,
            gap_after: self.settings.gap_after,
        }
    }
}

/// One queue as the views need it: the latest observation and its figures.
#[derive(Clone, Copy)]
pub struct QueueView<'a> {
    pub observation: &'a QueueObservation,
    history: &'a QueueHistory,
    floor: &'a Floor,
}

impl<'a> QueueView<'a> {
    /// The floor this queue is on.
    pub fn floor(&self) -> &'a Floor {
        self.floor
    }

    pub fn figures(&self, window: Window) -> WindowFigures {
        let now = self.floor.platform_time().unwrap_or_default();
        let calendar = self.floor.calendar();
        let (span, tally, _) = self.history.tally(window, now, &calendar);
        let coverage = self.history.coverage(window, now, &calendar);
        self.floor.figures(span, tally, coverage)
    }

    /// Status from `window`'s service level and abandon rate (the window
    /// whose figures are shown beside it) and the waits right now.
    pub fn status(&self, window: Window) -> (QueueStatus, Option<StatusReason>) {
        status::classify(
            &self.figures(window),
            self.observation,
            &self.floor.settings.thresholds,
        )
    }

    /// The status as shown at `now` (wall clock): `Stale` when the figures
    /// are not live, whatever they say, with the reason they would give.
    pub fn status_at(&self, window: Window, now: Timestamp) -> (QueueStatus, Option<StatusReason>) {
        let (status, reason) = self.status(window);
        if self.floor.is_live(now) {
            (status, reason)
        } else {
            (QueueStatus::Stale, reason)
        }
    }

    pub fn occupancy(&self) -> Option<f64> {
        figures::occupancy(&self.observation.agents)
    }

    /// Agents needed now for the target service level, on the demand of
    /// the busier of the current interval and the last 60 minutes
    /// ([`NEED_WINDOW`]) whatever window the figures are shown for, and what
    /// the agents working now should reach. One meaning everywhere: a day's
    /// average would say something else under the same heading.
    pub fn need(&self) -> Option<Need> {
        let key = self.observation.id.clone();
        if let Some(known) = self.floor.needs.borrow().get(&key) {
            return *known;
        }
        let need = self.work_out_need();
        self.floor.needs.borrow_mut().insert(key, need);
        need
    }

    /// The service level the queue is staffed for: the warning level,
    /// within the platform's threshold or else [`DEFAULT_SL_THRESHOLD`].
    /// A threshold that is no length of time gives no target.
    pub fn sl_target(&self) -> Option<Target> {
        let threshold = match self.observation.sl_threshold_s {
            Some(seconds) => Duration::try_from_secs_f64(seconds)
                .ok()
                .filter(|t| !t.is_zero())?,
            None => DEFAULT_SL_THRESHOLD,
        };
        Some(Target {
            share: self.floor.settings.thresholds.sl_warning_below,
            threshold,
        })
    }

    fn work_out_need(&self) -> Option<Need> {
        let now = self.floor.platform_time()?;
        let agents = &self.observation.agents;
        let present = agents.present();
        let target = self.sl_target()?;
        // A surge of the last quarter hour is averaged away over an hour,
        // and an hour's calls smooth a quiet interval: the busier of the two
        // is what the queue needs now (the hour on a tie: it is steadier).
        [Window::Interval, NEED_WINDOW]
            .into_iter()
            .filter_map(|window| need::need(&self.figures(window), window, now, present, &target))
            .max_by_key(|need| need.needed.agents)
    }

    /// Service level per 5 minutes over the last hour, oldest first.
    pub fn sl_trend(&self) -> Vec<Option<f64>> {
        let now = self.floor.platform_time().unwrap_or_default();
        self.history.sl_trend(
            now,
            self.floor.settings.sl_formula,
            Duration::from_secs(300),
            12,
        )
    }

    /// The most contacts waiting in each of the last 60 minutes, oldest first.
    pub fn waiting_trend(&self) -> Vec<Option<u32>> {
        self.history
            .waiting_trend(self.floor.platform_time().unwrap_or_default(), 60)
    }

    pub fn agents(&self) -> impl Iterator<Item = &'a AgentObservation> + 'a {
        let id = &self.observation.id;
        self.floor
            .latest
            .iter()
            .flat_map(|s| s.agents.iter())
            .filter(move |a| a.queues.contains(id))
    }

    /// How many contacts this queue's reasons counted over the last hour.
    pub fn reasons_in_hour(&self) -> Option<u64> {
        self.floor.reasons.get(&self.observation.id)?.hour_total()
    }

    /// Why people called this queue over the last hour.
    pub fn pareto(&self) -> Option<Pareto> {
        let (hour, before) = self.floor.reasons.get(&self.observation.id)?.split()?;
        Some(Pareto::of(&hour, &before))
    }

    /// How much the queue's mean sentiment moved over the last half hour.
    pub fn sentiment_trend(&self) -> Option<f64> {
        let now = self.floor.platform_time()?;
        self.floor.moods.get(&self.observation.id)?.trend(now)
    }

    /// Conversations in progress on this queue with their scores,
    /// most negative first (unscored last).
    pub fn interactions(&self) -> Vec<(&'a Interaction, Option<f64>)> {
        let id = &self.observation.id;
        let mood = self.floor.moods.get(id);
        let mut live: Vec<_> = self
            .floor
            .latest
            .iter()
            .flat_map(|s| s.interactions.iter())
            .filter(|i| &i.queue == id)
            .map(|i| (i, mood.and_then(|m| m.score(&i.id))))
            .collect();
        live.sort_by(|(_, a), (_, b)| {
            a.unwrap_or(f64::INFINITY)
                .total_cmp(&b.unwrap_or(f64::INFINITY))
        });
        live
    }

    /// Contacts waiting in this queue, longest-waiting first.
    pub fn waiting_contacts(&self) -> Vec<&'a WaitingContact> {
        let id = &self.observation.id;
        let mut contacts: Vec<_> = self
            .floor
            .latest
            .iter()
            .flat_map(|s| s.waiting_contacts.iter())
            .filter(|c| &c.queue == id)
            .collect();
        contacts.sort_by_key(|c| c.waiting_since);
        contacts
    }
}

/// Per-queue sentiment pooled by sample count.
fn pooled_sentiment<'a>(
    items: impl Iterator<Item = &'a SentimentObservation>,
) -> Option<SentimentObservation> {
    let (mut weight, mut score, mut negative) = (0.0, 0.0, 0.0);
    for s in items.filter(|s| s.samples > 0 && s.score.is_finite() && s.negative_share.is_finite())
    {
        let w = f64::from(s.samples);
        weight += w;
        score += s.score * w;
        negative += s.negative_share * w;
    }
    (weight > 0.0).then(|| SentimentObservation {
        score: score / weight,
        // `as` saturates: the sum of u32 samples may pass u32::MAX.
        samples: weight as u32,
        negative_share: negative / weight,
    })
}

#[cfg(test)]
mod tests;
