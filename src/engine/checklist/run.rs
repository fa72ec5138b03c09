//! One walk through a checklist: step states, and a record of every action.

use std::collections::BTreeMap;
use std::time::Duration;

use super::impact::{Impact, Moment, WORST_KEPT_EVERY};
use super::{Checklist, SensedCondition, StepKind};
use crate::model::Timestamp;

/// Where one step stands.
#[derive(Clone, Debug, PartialEq)]
pub enum StepState {
    /// To do.
    Open,
    /// Applies only if a question is answered a certain way; not answered yet.
    AwaitingAnswer,
    /// The question was answered the other way: this step does not apply.
    Inactive,
    Done {
        by: String,
        at: Timestamp,
        how: Completion,
    },
    /// Passed over on purpose, with a reason (an item override). `whole`
    /// when the whole checklist was overridden.
    Overridden {
        by: String,
        at: Timestamp,
        reason: String,
        whole: bool,
    },
    Answered {
        by: String,
        at: Timestamp,
        yes: bool,
        /// Answered "no" for the operator by a "yes" on this step of the
        /// same mutually exclusive group.
        implied_by: Option<String>,
    },
}

/// How a step came to be done.
#[derive(Clone, Debug, PartialEq)]
pub enum Completion {
    /// The operator ticked it (a sensed step, when no live data could).
    Manual,
    /// Its condition held on live data; the value that showed it.
    Sensed { value: f64 },
}

/// One entry of the record. Nothing is ever removed: an undo is an entry too.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub seq: u32,
    pub at: Timestamp,
    pub by: String,
    pub kind: ActionKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ActionKind {
    Started,
    Completed {
        step: String,
    },
    Overridden {
        step: String,
        reason: String,
    },
    /// Every step still open passed over at once.
    OverriddenAll {
        reason: String,
    },
    Answered {
        step: String,
        yes: bool,
    },
    Sensed {
        step: String,
        value: f64,
    },
    /// A sensed step whose condition stopped holding: open again.
    Reopened {
        step: String,
        value: f64,
    },
    Note {
        text: String,
    },
    Undone {
        of: u32,
    },
    Closed {
        outcome: String,
    },
    /// A step's message handed to the operator's clipboard: the text word
    /// for word, and the live values it was filled with, by placeholder.
    Copied {
        step: String,
        text: String,
        values: BTreeMap<String, String>,
    },
    /// The incident's figures at its start, at their worst, or at its close.
    Figures {
        moment: Moment,
        figures: Impact,
    },
}

/// The status-update cadence: the next update is promised this far ahead.
pub const NEXT_UPDATE_IN: Duration = Duration::from_secs(20 * 60);

/// The first notice is due this soon after an incident begins (PagerDuty's cadence).
pub const FIRST_NOTICE_IN: Duration = Duration::from_secs(5 * 60);

/// Where the whole checklist stands: in progress, or one of the final
/// states COMPLETE and OVERRIDDEN, which say in one word how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    InProgress {
        open: usize,
    },
    /// Every step that applies is done or answered.
    Complete,
    /// Nothing is open, but `overridden` steps were passed over.
    Overridden {
        overridden: usize,
    },
}

impl Outcome {
    /// Nothing left open: complete, or overridden.
    pub fn is_finished(&self) -> bool {
        !matches!(self, Outcome::InProgress { .. })
    }
}

/// Steps dealt with, of the steps that apply: "3/7 done".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub applicable: usize,
}

/// Why a run refused an action, or its record did not replay. It names what
/// went wrong (steps by id), not how to say it: `app::record` puts it in the
/// operator's words, with steps by their titles. The display is that name,
/// for the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    #[error("no-step {0}")]
    NoStep(usize),
    #[error("not-open {0}")]
    NotOpen(String),
    #[error("is-question {0}")]
    IsQuestion(String),
    #[error("not-question {0}")]
    NotQuestion(String),
    #[error("reason-required")]
    ReasonRequired,
    #[error("earlier-step-open {0}")]
    EarlierStepOpen(String),
    #[error("nothing-open")]
    NothingOpen,
    #[error("nothing-to-undo")]
    NothingToUndo,
    #[error("closed")]
    Closed,
    #[error("replay: {0}")]
    Replay(ReplayMismatch),
}

/// Where a recorded run stops replaying as it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayMismatch {
    #[error("no-actions")]
    NoActions,
    #[error("first-not-start")]
    FirstNotStart,
    /// The action numbered so lands elsewhere than it did.
    #[error("replays-differently {0}")]
    ReplaysDifferently(u32),
    /// The record names a step the checklist does not have.
    #[error("no-step {0}")]
    NoStep(String),
    #[error("started-twice")]
    StartedTwice,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    checklist: Checklist,
    started_at: Timestamp,
    states: Vec<StepState>,
    /// Since when each sensed step's condition has held (on fresh data).
    holding_since: Vec<Option<Timestamp>>,
    actions: Vec<Action>,
    closed: bool,
    figures: KeptFigures,
}

/// The incident's figures as the run knows them.
#[derive(Clone, Debug, Default, PartialEq)]
struct KeptFigures {
    start: Option<Impact>,
    /// Each figure at its worst so far, written or not.
    worst: Option<Impact>,
    close: Option<Impact>,
    /// The worst as the record last has it, and when it was written.
    worst_written: Option<(Impact, Timestamp)>,
    /// The last live reading: the figures at the close.
    latest: Option<Impact>,
}

impl Run {
    pub fn start(checklist: Checklist, at: Timestamp, by: &str) -> Run {
        let states = checklist
            .steps
            .iter()
            .map(|s| {
                if checklist.branch_of(&s.id).is_some() {
                    StepState::AwaitingAnswer
                } else {
                    StepState::Open
                }
            })
            .collect();
        let holding_since = vec![None; checklist.steps.len()];
        let mut run = Run {
            checklist,
            started_at: at,
            states,
            holding_since,
            actions: Vec::new(),
            closed: false,
            figures: KeptFigures::default(),
        };
        run.record(at, by, ActionKind::Started);
        run
    }

    /// Rebuilds a run from its record, as after a restart: every action
    /// applied again in order, checked to land where it landed before.
    pub fn replay(checklist: Checklist, actions: &[Action]) -> Result<Run, RunError> {
        let (first, rest) = actions
            .split_first()
            .ok_or(RunError::Replay(ReplayMismatch::NoActions))?;
        if first.kind != ActionKind::Started {
            return Err(RunError::Replay(ReplayMismatch::FirstNotStart));
        }
        let mut run = Run::start(checklist, first.at, &first.by);
        for action in rest {
            run.apply(action)?;
            if run.actions.last() != Some(action) {
                return Err(RunError::Replay(ReplayMismatch::ReplaysDifferently(
                    action.seq,
                )));
            }
        }
        Ok(run)
    }

    fn apply(&mut self, action: &Action) -> Result<(), RunError> {
        let (by, at) = (action.by.as_str(), action.at);
        let index = |step: &str| {
            self.index_of(step)
                .ok_or_else(|| RunError::Replay(ReplayMismatch::NoStep(step.to_owned())))
        };
        match &action.kind {
            ActionKind::Started => Err(RunError::Replay(ReplayMismatch::StartedTwice)),
            ActionKind::Completed { step } => self.complete(index(step)?, by, at),
            ActionKind::Overridden { step, reason } => {
                self.override_step(index(step)?, by, at, reason)
            }
            ActionKind::OverriddenAll { reason } => self.override_all(by, at, reason),
            ActionKind::Answered { step, yes } => self.answer(index(step)?, *yes, by, at),
            ActionKind::Note { text } => self.note(by, at, text),
            ActionKind::Undone { .. } => self.undo(by, at).map(|_| ()),
            ActionKind::Closed { outcome } => self.close_as_recorded(by, at, outcome),
            ActionKind::Copied { step, text, values } => {
                self.copied(index(step)?, by, at, text, values.clone())
            }
            ActionKind::Figures { moment, figures } => {
                self.keep_figures(at, *moment, figures.clone());
                Ok(())
            }
            ActionKind::Sensed { step, value } => {
                let i = index(step)?;
                self.states[i] = StepState::Done {
                    by: by.into(),
                    at,
                    how: Completion::Sensed { value: *value },
                };
                self.record(at, by, action.kind.clone());
                Ok(())
            }
            ActionKind::Reopened { step, .. } => {
                let i = index(step)?;
                self.states[i] = StepState::Open;
                self.record(at, by, action.kind.clone());
                Ok(())
            }
        }
    }

    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }

    pub fn started_at(&self) -> Timestamp {
        self.started_at
    }

    pub fn states(&self) -> &[StepState] {
        &self.states
    }

    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The step to do now: the first open step the operator must act on,
    /// else the first sensed step still waiting for its condition.
    pub fn current(&self) -> Option<usize> {
        let open = |i: &usize| self.states[*i] == StepState::Open;
        let mut indices = 0..self.states.len();
        indices
            .clone()
            .find(|i| open(i) && self.checklist.is_blocking(*i))
            .or_else(|| indices.find(open))
    }

    /// The open step before `index` that must be dealt with first, if any.
    pub fn blocked_by(&self, index: usize) -> Option<usize> {
        (0..index.min(self.states.len()))
            .find(|i| self.states[*i] == StepState::Open && self.checklist.is_blocking(*i))
    }

    /// When step `index` is due.
    pub fn due(&self, index: usize) -> Option<Timestamp> {
        let step = self.checklist.steps.get(index)?;
        Some(self.started_at.plus(step.when))
    }

    /// Seconds from `now` until step `index` is due; negative once past.
    pub fn seconds_to_due(&self, index: usize, now: Timestamp) -> Option<f64> {
        Some(self.due(index)?.secs_since(now))
    }

    /// When the next status update is due: [`FIRST_NOTICE_IN`] after the
    /// start, then [`NEXT_UPDATE_IN`] after the last update sent (a step
    /// whose message promises `{next_update}`). `None` once closed.
    pub fn next_status_update(&self) -> Option<Timestamp> {
        if self.closed {
            return None;
        }
        let promises_update = |step: &str| {
            self.checklist
                .step(step)
                .and_then(|s| s.say.as_deref())
                .is_some_and(|say| say.contains("{next_update}"))
        };
        let last_update = self
            .actions
            .iter()
            .rev()
            .find(|a| matches!(&a.kind, ActionKind::Completed { step } if promises_update(step)))
            .map(|a| a.at.plus(NEXT_UPDATE_IN));
        Some(last_update.unwrap_or_else(|| self.started_at.plus(FIRST_NOTICE_IN)))
    }

    /// Seconds from `now` until the next status update is due; negative
    /// once it is late.
    pub fn seconds_to_status_update(&self, now: Timestamp) -> Option<f64> {
        Some(self.next_status_update()?.secs_since(now))
    }

    /// Open and past its deadline.
    pub fn is_overdue(&self, index: usize, now: Timestamp) -> bool {
        self.states.get(index) == Some(&StepState::Open)
            && self.due(index).is_some_and(|due| now > due)
    }

    pub fn outcome(&self) -> Outcome {
        let open = self
            .states
            .iter()
            .filter(|s| matches!(s, StepState::Open | StepState::AwaitingAnswer))
            .count();
        if open > 0 {
            return Outcome::InProgress { open };
        }
        let overridden = self
            .states
            .iter()
            .filter(|s| matches!(s, StepState::Overridden { .. }))
            .count();
        match overridden {
            0 => Outcome::Complete,
            overridden => Outcome::Overridden { overridden },
        }
    }

    /// How far the walk is: steps dealt with (done, answered or
    /// overridden) of the steps that apply (all but those an answer ruled out).
    pub fn progress(&self) -> Progress {
        let dealt_with = |s: &&StepState| {
            matches!(
                s,
                StepState::Done { .. } | StepState::Overridden { .. } | StepState::Answered { .. }
            )
        };
        let applies = |s: &&StepState| !matches!(s, StepState::Inactive);
        Progress {
            done: self.states.iter().filter(dealt_with).count(),
            applicable: self.states.iter().filter(applies).count(),
        }
    }

    /// Notes in the order they were written, less the undone ones.
    pub fn notes(&self) -> Vec<&Action> {
        self.actions
            .iter()
            .filter(|a| matches!(a.kind, ActionKind::Note { .. }) && !self.is_undone(a.seq))
            .collect()
    }

    /// The operator ticks a step. A sensed step is ticked by hand only when
    /// no live data can close it (the caller knows); otherwise it is overridden.
    pub fn complete(&mut self, index: usize, by: &str, at: Timestamp) -> Result<(), RunError> {
        let step = self.open_step(index)?;
        if let StepKind::Conditional { .. } = step.kind {
            return Err(RunError::IsQuestion(step.id.clone()));
        }
        let id = step.id.clone();
        self.states[index] = StepState::Done {
            by: by.into(),
            at,
            how: Completion::Manual,
        };
        self.record(at, by, ActionKind::Completed { step: id });
        Ok(())
    }

    /// Passes over one step, with a reason: the checklist can then end only
    /// as OVERRIDDEN.
    pub fn override_step(
        &mut self,
        index: usize,
        by: &str,
        at: Timestamp,
        reason: &str,
    ) -> Result<(), RunError> {
        let id = self.open_step(index)?.id.clone();
        let reason = required(reason)?;
        self.states[index] = overridden(by, at, &reason, false);
        self.record(at, by, ActionKind::Overridden { step: id, reason });
        Ok(())
    }

    /// Passes over every step still open or waiting for an answer.
    pub fn override_all(&mut self, by: &str, at: Timestamp, reason: &str) -> Result<(), RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        let reason = required(reason)?;
        let mut any = false;
        for state in &mut self.states {
            if matches!(state, StepState::Open | StepState::AwaitingAnswer) {
                *state = overridden(by, at, &reason, true);
                any = true;
            }
        }
        if !any {
            return Err(RunError::NothingOpen);
        }
        self.record(at, by, ActionKind::OverriddenAll { reason });
        Ok(())
    }

    /// Answers a question: the steps of the chosen branch open, the others
    /// do not apply. A yes in a mutually exclusive group answers the group's
    /// other open questions no; a no never answers anything for you.
    pub fn answer(
        &mut self,
        index: usize,
        yes: bool,
        by: &str,
        at: Timestamp,
    ) -> Result<(), RunError> {
        let step = self.open_step(index)?;
        if !matches!(step.kind, StepKind::Conditional { .. }) {
            return Err(RunError::NotQuestion(step.id.clone()));
        }
        let id = step.id.clone();
        self.set_answer(index, yes, by, at, None);
        if yes {
            for sibling in self.open_siblings(index) {
                self.set_answer(sibling, false, by, at, Some(id.clone()));
            }
        }
        self.record(at, by, ActionKind::Answered { step: id, yes });
        Ok(())
    }

    fn set_answer(
        &mut self,
        index: usize,
        yes: bool,
        by: &str,
        at: Timestamp,
        implied_by: Option<String>,
    ) {
        let id = self.checklist.steps[index].id.clone();
        let (chosen, other) = self.branches(&id, yes);
        self.set_branch(&chosen, StepState::Open);
        self.set_branch(&other, StepState::Inactive);
        self.states[index] = StepState::Answered {
            by: by.into(),
            at,
            yes,
            implied_by,
        };
    }

    /// The unanswered questions of `index`'s group, other than itself.
    fn open_siblings(&self, index: usize) -> Vec<usize> {
        let Some(group) = &self.checklist.steps[index].group else {
            return Vec::new();
        };
        (0..self.states.len())
            .filter(|i| *i != index && self.states[*i] == StepState::Open)
            .filter(|i| self.checklist.steps[*i].group.as_ref() == Some(group))
            .collect()
    }

    pub fn note(&mut self, by: &str, at: Timestamp, text: &str) -> Result<(), RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(RunError::ReasonRequired);
        }
        self.record(at, by, ActionKind::Note { text: text.into() });
        Ok(())
    }

    /// Takes back the operator's last action that is not yet taken back. It
    /// stays in the record, followed by an `Undone` entry.
    pub fn undo(&mut self, by: &str, at: Timestamp) -> Result<u32, RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        let last = self
            .actions
            .iter()
            .rev()
            .find(|a| a.by != SENSOR && is_undoable(&a.kind) && !self.is_undone(a.seq))
            .cloned()
            .ok_or(RunError::NothingToUndo)?;
        match &last.kind {
            ActionKind::Completed { step } | ActionKind::Overridden { step, .. } => {
                self.reopen(step);
            }
            ActionKind::OverriddenAll { .. } => {
                let whole = |s: &StepState| matches!(s, StepState::Overridden { whole: true, .. });
                for i in 0..self.states.len() {
                    if whole(&self.states[i]) {
                        self.states[i] = StepState::Open;
                    }
                }
                // A branch step is back to waiting, or out, as its question stands.
                for i in 0..self.states.len() {
                    if self.states[i] == StepState::Open {
                        self.states[i] = self.natural_state(i);
                    }
                }
            }
            ActionKind::Answered { step, .. } => {
                let implied: Vec<String> = self
                    .states
                    .iter()
                    .zip(&self.checklist.steps)
                    .filter(|(s, _)| matches!(s, StepState::Answered { implied_by: Some(by), .. } if by == step))
                    .map(|(_, s)| s.id.clone())
                    .collect();
                for question in implied.iter().chain(std::iter::once(step)) {
                    self.unanswer(question);
                }
            }
            _ => {}
        }
        self.record(at, by, ActionKind::Undone { of: last.seq });
        Ok(last.seq)
    }

    /// Closes the incident. Its figures go to the record first: their worst,
    /// if the record does not have it yet, and the last live reading.
    pub fn close(&mut self, by: &str, at: Timestamp, outcome: &str) -> Result<(), RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        if let Some(worst) = self.unwritten_worst() {
            self.keep_figures(at, Moment::Worst, worst);
        }
        if let Some(latest) = self.figures.latest.clone() {
            self.keep_figures(at, Moment::Close, latest);
        }
        self.close_as_recorded(by, at, outcome)
    }

    fn close_as_recorded(
        &mut self,
        by: &str,
        at: Timestamp,
        outcome: &str,
    ) -> Result<(), RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        self.closed = true;
        self.record(
            at,
            by,
            ActionKind::Closed {
                outcome: outcome.trim().into(),
            },
        );
        Ok(())
    }

    /// Records that step `index`'s message went to the clipboard, as it was
    /// copied: what was said, and the figures it carried.
    pub fn copied(
        &mut self,
        index: usize,
        by: &str,
        at: Timestamp,
        text: &str,
        values: BTreeMap<String, String>,
    ) -> Result<(), RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        let step = self
            .checklist
            .steps
            .get(index)
            .ok_or(RunError::NoStep(index))?
            .id
            .clone();
        let text = text.to_owned();
        self.record(at, by, ActionKind::Copied { step, text, values });
        Ok(())
    }

    /// A live reading of the incident's figures. The first is its start;
    /// the worst so far is kept, and written when it has got worse, at most
    /// once every `WORST_KEPT_EVERY`; the last is its close.
    pub fn observe(&mut self, now: Impact) {
        if self.closed {
            return;
        }
        if self.figures.start.is_none() {
            self.keep_figures(now.at, Moment::Start, now.clone());
        }
        self.figures.worst = Some(match &self.figures.worst {
            Some(worst) => worst.worst_with(&now),
            None => now.clone(),
        });
        let due = self
            .figures
            .worst_written
            .as_ref()
            .is_none_or(|(_, written)| now.at.saturating_since(*written) >= WORST_KEPT_EVERY);
        if due && let Some(worst) = self.unwritten_worst() {
            self.keep_figures(now.at, Moment::Worst, worst);
        }
        self.figures.latest = Some(now);
    }

    /// The incident's figures at `moment`, as far as they are known (the
    /// worst so far, while it runs).
    pub fn figures(&self, moment: Moment) -> Option<&Impact> {
        match moment {
            Moment::Start => self.figures.start.as_ref(),
            Moment::Worst => self.figures.worst.as_ref(),
            Moment::Close => self.figures.close.as_ref(),
        }
    }

    /// The worst so far, when the record does not have it yet.
    fn unwritten_worst(&self) -> Option<Impact> {
        let worst = self.figures.worst.as_ref()?;
        let written = self.figures.worst_written.as_ref();
        (!written.is_some_and(|(w, _)| w.same_figures(worst))).then(|| worst.clone())
    }

    /// Puts figures on the record (live, or replayed from it).
    fn keep_figures(&mut self, at: Timestamp, moment: Moment, figures: Impact) {
        let kept = &mut self.figures;
        match moment {
            Moment::Start => {
                kept.start = Some(figures.clone());
                kept.worst = Some(match &kept.worst {
                    Some(worst) => worst.worst_with(&figures),
                    None => figures.clone(),
                });
                kept.worst_written = Some((figures.clone(), at));
            }
            Moment::Worst => {
                kept.worst = Some(figures.clone());
                kept.worst_written = Some((figures.clone(), at));
            }
            Moment::Close => kept.close = Some(figures.clone()),
        }
        self.record(at, SENSOR, ActionKind::Figures { moment, figures });
    }

    /// Looks at live data for every sensed step. `measure` gives a condition's
    /// value now; `fresh` is false when the data is stale, and then nothing
    /// closes by itself (a stale number is no evidence). A step closed by its
    /// sensor reopens when the condition stops holding; one the operator
    /// closed by hand stays closed.
    pub fn sense(
        &mut self,
        now: Timestamp,
        fresh: bool,
        measure: impl Fn(&SensedCondition) -> Option<f64>,
    ) {
        if self.closed {
            return;
        }
        for index in 0..self.checklist.steps.len() {
            let StepKind::Sensed(condition) = &self.checklist.steps[index].kind else {
                continue;
            };
            let value = if fresh { measure(condition) } else { None };
            let Some(value) = value else {
                self.holding_since[index] = None;
                continue;
            };
            let holds = condition.holds(value);
            let hold_for = condition.hold_for;
            let id = self.checklist.steps[index].id.clone();
            match (&self.states[index], holds) {
                (StepState::Open, true) => {
                    let since = *self.holding_since[index].get_or_insert(now);
                    if now.saturating_since(since) >= hold_for {
                        self.states[index] = StepState::Done {
                            by: SENSOR.into(),
                            at: now,
                            how: Completion::Sensed { value },
                        };
                        self.record(now, SENSOR, ActionKind::Sensed { step: id, value });
                    }
                }
                (StepState::Open, false) => self.holding_since[index] = None,
                (
                    StepState::Done {
                        how: Completion::Sensed { .. },
                        ..
                    },
                    false,
                ) => {
                    self.states[index] = StepState::Open;
                    self.holding_since[index] = None;
                    self.record(now, SENSOR, ActionKind::Reopened { step: id, value });
                }
                _ => {}
            }
        }
    }

    fn open_step(&self, index: usize) -> Result<&super::Step, RunError> {
        if self.closed {
            return Err(RunError::Closed);
        }
        let step = self
            .checklist
            .steps
            .get(index)
            .ok_or(RunError::NoStep(index))?;
        if self.states[index] != StepState::Open {
            return Err(RunError::NotOpen(step.id.clone()));
        }
        if let Some(earlier) = self.blocked_by(index) {
            let id = self.checklist.steps[earlier].id.clone();
            return Err(RunError::EarlierStepOpen(id));
        }
        Ok(step)
    }

    fn reopen(&mut self, step: &str) {
        if let Some(i) = self.index_of(step) {
            self.states[i] = self.natural_state(i);
            self.holding_since[i] = None;
        }
    }

    /// A question open again, both its branches waiting for it.
    fn unanswer(&mut self, step: &str) {
        let (yes, no) = self.branches(step, true);
        self.set_branch(&yes, StepState::AwaitingAnswer);
        self.set_branch(&no, StepState::AwaitingAnswer);
        self.reopen(step);
    }

    /// What an untouched step's state is, given how its question stands.
    fn natural_state(&self, index: usize) -> StepState {
        let id = &self.checklist.steps[index].id;
        match self.checklist.branch_of(id) {
            None => StepState::Open,
            Some((question, on_yes)) => match &self.states[question] {
                StepState::Answered { yes, .. } if *yes == on_yes => StepState::Open,
                StepState::Answered { .. } => StepState::Inactive,
                _ => StepState::AwaitingAnswer,
            },
        }
    }

    fn branches(&self, step: &str, yes: bool) -> (Vec<String>, Vec<String>) {
        match self.index_of(step).map(|i| &self.checklist.steps[i].kind) {
            Some(StepKind::Conditional { yes: y, no: n }) if yes => (y.clone(), n.clone()),
            Some(StepKind::Conditional { yes: y, no: n }) => (n.clone(), y.clone()),
            _ => (Vec::new(), Vec::new()),
        }
    }

    fn set_branch(&mut self, ids: &[String], state: StepState) {
        for id in ids {
            if let Some(i) = self.index_of(id) {
                self.states[i] = state.clone();
            }
        }
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.checklist.steps.iter().position(|s| s.id == id)
    }

    fn is_undone(&self, seq: u32) -> bool {
        self.actions
            .iter()
            .any(|a| a.kind == ActionKind::Undone { of: seq })
    }

    fn record(&mut self, at: Timestamp, by: &str, kind: ActionKind) {
        let seq = u32::try_from(self.actions.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        self.actions.push(Action {
            seq,
            at,
            by: by.into(),
            kind,
        });
    }
}

/// Who closes sensed steps.
pub const SENSOR: &str = "sensor";

fn required(reason: &str) -> Result<String, RunError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RunError::ReasonRequired);
    }
    Ok(reason.into())
}

fn overridden(by: &str, at: Timestamp, reason: &str, whole: bool) -> StepState {
    StepState::Overridden {
        by: by.into(),
        at,
        reason: reason.into(),
        whole,
    }
}

fn is_undoable(kind: &ActionKind) -> bool {
    matches!(
        kind,
        ActionKind::Completed { .. }
            | ActionKind::Overridden { .. }
            | ActionKind::OverriddenAll { .. }
            | ActionKind::Answered { .. }
            | ActionKind::Note { .. }
    )
}
