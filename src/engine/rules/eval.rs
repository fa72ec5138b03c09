//! Evaluating rules against the floor, poll after poll.
//!
//! Each (rule, subject) pair moves through `ok → pending → firing → clearing →
//! ok`. The condition must hold for `for` before the alert fires, and the value
//! must be past the separate clear level for `clear_for` before it resolves;
//! in between (the hysteresis band) nothing changes, so a figure hovering at the
//! line cannot make the alert flap. A firing alert is one episode: it is not
//! raised again until it has resolved. Figures are timed on the platform's
//! clock (so a simulator at `--speed 60` trips rules sixty times sooner);
//! rules about the platform itself on the wall clock, since the platform's
//! clock stops with it. On stale data, figure rules hold their state: a number
//! that is not current must not open or close anything.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use super::alert::{Alert, AlertBook, AlertId, RuleRef, Subject};
use super::rule::{Metric, Rule, Scope};
use crate::engine::sites::site_name;
use crate::engine::{Floor, Health, QueueView, Reading};
use crate::model::{AgentState, Snapshot, Timestamp};

/// What changed in one evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlertEvent {
    Fired(AlertId),
    Resolved(AlertId),
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Pending { since: Timestamp, value: f64 },
    Firing { alert: AlertId },
    Clearing { alert: AlertId, since: Timestamp },
}

/// A condition that holds but has not held long enough yet.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingAlert<'a> {
    pub rule: &'a Rule,
    pub subject: &'a Subject,
    pub since: Timestamp,
    pub value: f64,
}

#[derive(Clone, Debug)]
pub struct RuleEngine {
    rules: Vec<Rule>,
    /// Only pairs that are not ok are kept.
    phases: HashMap<(usize, Subject), Phase>,
    book: AlertBook,
    sites: SiteHistory,
    /// The platform time figure rules last looked at: the same data is not judged twice.
    last_data: Option<Timestamp>,
}

impl RuleEngine {
    pub fn new(rules: Vec<Rule>) -> Self {
        Self {
            rules,
            phases: HashMap::new(),
            book: AlertBook::default(),
            sites: SiteHistory::default(),
            last_data: None,
        }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn book(&self) -> &AlertBook {
        &self.book
    }

    pub fn book_mut(&mut self) -> &mut AlertBook {
        &mut self.book
    }

    /// Conditions holding but not yet for long enough, longest-held first.
    pub fn pending(&self) -> Vec<PendingAlert<'_>> {
        let mut pending: Vec<PendingAlert<'_>> = self
            .phases
            .iter()
            .filter_map(|((rule, subject), phase)| match phase {
                Phase::Pending { since, value } => Some(PendingAlert {
                    rule: &self.rules[*rule],
                    subject,
                    since: *since,
                    value: *value,
                }),
                _ => None,
            })
            .collect();
        pending.sort_by(|a, b| {
            a.since
                .cmp(&b.since)
                .then_with(|| a.rule.id.cmp(&b.rule.id))
        });
        pending
    }

    /// Remembers who was logged in where, without judging: the console's
    /// warm-up on the simulator, so a site lost just before going live is
    /// seen against the staff it had.
    pub fn remember(&mut self, snapshot: &Snapshot) {
        let keep_since = self.oldest_site_baseline();
        self.sites
            .record(snapshot.observed_at, snapshot, keep_since);
    }

    /// How far back the site history must reach: to before the earliest
    /// staffing alert still open, so its baseline is not forgotten.
    fn oldest_site_baseline(&self) -> Option<Timestamp> {
        self.phases
            .iter()
            .filter_map(|((rule, _), phase)| {
                let rule = &self.rules[*rule];
                let began = self.site_alert_began(rule, phase)?;
                Some(began.minus(rule.lookback))
            })
            .min()
    }

    /// When a staffing alert in `phase` began, if it is one.
    fn site_alert_began(&self, rule: &Rule, phase: &Phase) -> Option<Timestamp> {
        if !matches!(
            rule.metric,
            Metric::SiteAgentsLost | Metric::StaffLostAcrossSites
        ) {
            return None;
        }
        match phase {
            Phase::Pending { since, .. } => Some(*since),
            Phase::Firing { alert } | Phase::Clearing { alert, .. } => {
                self.book.get(*alert).map(|a| a.began_at)
            }
        }
    }

    /// Looks at the floor as it is now; `wall_now` times the platform rules.
    pub fn evaluate(&mut self, floor: &Floor, wall_now: Timestamp) -> Vec<AlertEvent> {
        let live = matches!(floor.health(wall_now), Health::Live);
        let data_now = floor.platform_time();
        // Figure rules move only with new data (a clock tick alone changes no figure).
        let new_data = live && data_now.is_some() && data_now != self.last_data;
        if let (true, Some(now), Some(snapshot)) = (new_data, data_now, floor.snapshot()) {
            let keep_since = self.oldest_site_baseline();
            self.sites.record(now, snapshot, keep_since);
            self.last_data = Some(now);
        }
        let mut events = Vec::new();
        for index in 0..self.rules.len() {
            let rule = &self.rules[index];
            let measured = if rule.metric.is_about_the_platform() {
                vec![(Subject::Platform, floor.platform_value(rule.metric))]
            } else if new_data {
                let baselines = self.site_baselines(index);
                measure(rule, index, floor, &self.sites, &baselines, &self.phases)
            } else {
                continue;
            };
            let Some(now) = timed_at(rule.metric, floor, wall_now) else {
                continue;
            };
            for (subject, value) in measured {
                if let Some(event) = self.step(index, subject, value, now) {
                    events.push(event);
                }
            }
        }
        events
    }

    /// For rule `index`, when each subject's staffing alert began: its loss
    /// is measured against the staff it had then, for as long as it lasts,
    /// so a site still dark is not "steady" once the drop leaves the lookback.
    fn site_baselines(&self, index: usize) -> HashMap<Subject, Timestamp> {
        let rule = &self.rules[index];
        self.phases
            .iter()
            .filter(|((i, _), _)| *i == index)
            .filter_map(|((_, subject), phase)| {
                let began = self.site_alert_began(rule, phase)?;
                Some((subject.clone(), began))
            })
            .collect()
    }

    /// One pair, one observation. `None` (not enough data) changes nothing.
    fn step(
        &mut self,
        index: usize,
        subject: Subject,
        value: Option<f64>,
        now: Timestamp,
    ) -> Option<AlertEvent> {
        let key = (index, subject);
        let Some(value) = value.filter(|v| v.is_finite()) else {
            // Not enough data changes nothing, but a firing alert says its
            // figure is no longer judged rather than pass an old one off as now.
            if let Some(Phase::Firing { alert } | Phase::Clearing { alert, .. }) =
                self.phases.get(&key)
            {
                self.book.unjudged(*alert, now);
            }
            return None;
        };
        let rule = &self.rules[index];
        let next = match self.phases.get(&key).cloned() {
            None if rule.trips(value) => Some(Phase::Pending { since: now, value }),
            None => None,
            Some(Phase::Pending { since, .. }) if rule.trips(value) => {
                Some(Phase::Pending { since, value })
            }
            Some(Phase::Pending { .. }) => None,
            Some(Phase::Firing { alert }) => {
                self.book.update_value(alert, value);
                Some(if rule.clears(value) {
                    Phase::Clearing { alert, since: now }
                } else {
                    Phase::Firing { alert }
                })
            }
            Some(Phase::Clearing { alert, since }) => {
                self.book.update_value(alert, value);
                Some(if rule.clears(value) {
                    Phase::Clearing { alert, since }
                } else {
                    Phase::Firing { alert }
                })
            }
        };
        let (next, event) = self.advance(next, &key, now);
        match next {
            Some(phase) => self.phases.insert(key, phase),
            None => self.phases.remove(&key),
        };
        event
    }

    /// Fires a pending condition that has held long enough, resolves a clearing one.
    fn advance(
        &mut self,
        phase: Option<Phase>,
        key: &(usize, Subject),
        now: Timestamp,
    ) -> (Option<Phase>, Option<AlertEvent>) {
        let rule = &self.rules[key.0];
        match phase {
            Some(Phase::Pending { since, value }) if held(since, now, rule.hold_for) => {
                let alert = self.book.open(Alert {
                    id: 0,
                    rule: RuleRef::of(rule),
                    subject: key.1.clone(),
                    began_at: since,
                    fired_at: now,
                    tripped_value: value,
                    latest_value: Some(value),
                    unjudged_since: None,
                    resolved_at: None,
                    acknowledged: None,
                    snoozed: None,
                });
                (
                    Some(Phase::Firing { alert }),
                    Some(AlertEvent::Fired(alert)),
                )
            }
            Some(Phase::Clearing { alert, since }) if held(since, now, rule.clear_for) => {
                self.book.resolve(alert, now);
                (None, Some(AlertEvent::Resolved(alert)))
            }
            other => (other, None),
        }
    }
}

impl PendingAlert<'_> {
    /// How long the condition has held so far, in seconds, on the clock
    /// its rule is timed on.
    pub fn held_s(&self, floor: &Floor, wall_now: Timestamp) -> f64 {
        timed_at(self.rule.metric, floor, wall_now)
            .unwrap_or(wall_now)
            .secs_since(self.since)
            .max(0.0)
    }
}

/// Now on the clock a rule is timed on: the platform's for figures (a
/// simulator at `--speed 60` trips rules sixty times sooner), the wall
/// clock for the platform's own trouble, since its clock stops with it.
fn timed_at(metric: Metric, floor: &Floor, wall_now: Timestamp) -> Option<Timestamp> {
    if metric.is_about_the_platform() {
        Some(wall_now)
    } else {
        floor.platform_time()
    }
}

fn held(since: Timestamp, now: Timestamp, needed: Duration) -> bool {
    now.saturating_since(since) >= needed
}

/// Every subject the rule applies to, with its value now (`None`: not enough data).
///
/// Queues only where something can happen: the value trips the rule, or
/// the pair is already pending, firing or clearing. For the rest (nearly
/// all of a large floor) the pair stays ok, so no subject is built for it.
fn measure(
    rule: &Rule,
    index: usize,
    floor: &Floor,
    sites: &SiteHistory,
    baselines: &HashMap<Subject, Timestamp>,
    phases: &HashMap<(usize, Subject), Phase>,
) -> Vec<(Subject, Option<f64>)> {
    match rule.scope {
        Scope::Queue => {
            let watched: HashSet<&str> = phases
                .keys()
                .filter_map(|(rule_index, subject)| match subject {
                    Subject::Queue { id, .. } if *rule_index == index => Some(id.as_str()),
                    _ => None,
                })
                .collect();
            floor
                .queues()
                .filter(|q| applies_to(rule, q))
                .filter_map(|q| {
                    let value = q.metric_value(rule.metric, reading(rule));
                    let trips = value.is_some_and(|v| v.is_finite() && rule.trips(v));
                    let id = &q.observation.id.0;
                    (trips || watched.contains(id.as_str())).then(|| {
                        let subject = Subject::Queue {
                            id: id.clone(),
                            name: q.observation.name.clone(),
                        };
                        (subject, value)
                    })
                })
                .collect()
        }
        Scope::Floor if rule.metric == Metric::StaffLostAcrossSites => {
            let since = baselines.get(&Subject::Floor).copied();
            vec![(Subject::Floor, sites.lost_across_sites(rule, since))]
        }
        Scope::Floor => vec![(
            Subject::Floor,
            floor.metric_value(rule.metric, None, reading(rule)),
        )],
        Scope::Site => sites.shares_lost(rule, baselines),
        Scope::Platform => Vec::new(),
    }
}

fn applies_to(rule: &Rule, queue: &QueueView<'_>) -> bool {
    let q = queue.observation;
    rule.queues.is_empty()
        || rule
            .queues
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&q.id.0) || w.eq_ignore_ascii_case(&q.name))
}

/// How the rule reads its figure: over its window, once it counts its least volume.
fn reading(rule: &Rule) -> Reading {
    Reading {
        window: rule.window,
        min_volume: rule.min_volume,
    }
}

/// Logged-in agents per site over the last few minutes, to see a site drop out.
#[derive(Clone, Debug, Default)]
struct SiteHistory {
    samples: HashMap<String, VecDeque<(Timestamp, u32)>>,
}

/// Samples older than this are of no rule's interest.
const SITE_MEMORY: Duration = Duration::from_secs(3600);

impl SiteHistory {
    /// Adds a sample per site; forgets samples older than an hour, or than
    /// `keep_since` when an open alert still measures against them.
    fn record(&mut self, now: Timestamp, snapshot: &Snapshot, keep_since: Option<Timestamp>) {
        let memory = now.minus(SITE_MEMORY);
        let forget_before = keep_since.map_or(memory, |kept| kept.min(memory));
        let mut logged_in: HashMap<String, u32> = snapshot
            .sites
            .iter()
            .map(|s| (site_name(snapshot, &s.id).to_owned(), 0))
            .collect();
        for agent in &snapshot.agents {
            if let (Some(site), true) = (&agent.site, agent.state != AgentState::Offline) {
                *logged_in
                    .entry(site_name(snapshot, site).to_owned())
                    .or_default() += 1;
            }
        }
        for (site, count) in logged_in {
            let series = self.samples.entry(site).or_default();
            series.push_back((now, count));
            while series.front().is_some_and(|(t, _)| *t < forget_before) {
                series.pop_front();
            }
        }
    }

    /// Per site: the share of its peak no longer logged in. The peak is
    /// within the lookback, or for a site whose alert is open, within the
    /// lookback before the alert began.
    fn shares_lost(
        &self,
        rule: &Rule,
        baselines: &HashMap<Subject, Timestamp>,
    ) -> Vec<(Subject, Option<f64>)> {
        let mut out: Vec<(Subject, Option<f64>)> = self
            .samples
            .iter()
            .map(|(site, series)| {
                let subject = Subject::Site(site.clone());
                let since = baselines.get(&subject).copied();
                let share = share_lost(series, rule, since);
                (subject, share)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The share lost by the second-hardest-hit site, beyond what the
    /// least-hit site lost: high only when two sites or more are short at
    /// once and not the whole floor. A shift ending takes people from every
    /// site alike; weather keeps them from the buildings, not from home.
    fn lost_across_sites(&self, rule: &Rule, since: Option<Timestamp>) -> Option<f64> {
        let mut shares: Vec<f64> = self
            .samples
            .values()
            .filter_map(|series| share_lost(series, rule, since))
            .collect();
        shares.sort_by(|a, b| b.total_cmp(a));
        match shares.as_slice() {
            [] => None,
            [_] => Some(0.0),
            [_, second] => Some(*second),
            [_, second, .., least] => Some((second - least).max(0.0)),
        }
    }
}

/// The share of a site's peak no longer logged in: the peak within the
/// lookback before now, or before `since` (an open alert's start) and on.
fn share_lost(
    series: &VecDeque<(Timestamp, u32)>,
    rule: &Rule,
    since: Option<Timestamp>,
) -> Option<f64> {
    let &(now, current) = series.back()?;
    let from = since.unwrap_or(now).minus(rule.lookback);
    let peak = series
        .iter()
        .filter(|(t, _)| *t >= from)
        .map(|(_, n)| *n)
        .max()?;
    if u64::from(peak) < rule.min_volume.max(1) {
        return None;
    }
    Some(f64::from(peak.saturating_sub(current)) / f64::from(peak))
}
