//! A run as the review reads it: where the incident stands, each step's
//! outcome and how it stood against its deadline, and for a drill, its score.

use super::Step;
use super::run::{ActionKind, Completion, Outcome, Run, StepState};
use crate::model::Timestamp;

/// Where an incident stands at the review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewState {
    InProgress,
    /// Every step that applies is done or answered, not yet closed.
    Complete,
    /// Nothing is open, but steps were passed over; not yet closed.
    Overridden,
    Closed,
}

impl ReviewState {
    /// The name in the reports' JSON.
    pub fn name(self) -> &'static str {
        match self {
            ReviewState::InProgress => "in_progress",
            ReviewState::Complete => "complete",
            ReviewState::Overridden => "overridden",
            ReviewState::Closed => "closed",
        }
    }
}

/// How one step ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Open,
    /// Applies only on an answer not given yet.
    AwaitingAnswer,
    /// The answer given ruled it out.
    Inactive,
    Done {
        /// Closed by its condition on live data, not by a person.
        sensed: bool,
    },
    Overridden {
        /// With the whole checklist, not by itself.
        with_checklist: bool,
    },
    Answered {
        yes: bool,
    },
}

impl StepOutcome {
    fn of(state: &StepState) -> StepOutcome {
        match state {
            StepState::Open => StepOutcome::Open,
            StepState::AwaitingAnswer => StepOutcome::AwaitingAnswer,
            StepState::Inactive => StepOutcome::Inactive,
            StepState::Done { how, .. } => StepOutcome::Done {
                sensed: matches!(how, Completion::Sensed { .. }),
            },
            StepState::Overridden { whole, .. } => StepOutcome::Overridden {
                with_checklist: *whole,
            },
            StepState::Answered { yes, .. } => StepOutcome::Answered { yes: *yes },
        }
    }

    /// The name in the reports' JSON: `open`, `awaiting_answer`,
    /// `inactive`, `done`, `overridden`, `overridden_with_checklist` or `answered`.
    pub fn name(self) -> &'static str {
        match self {
            StepOutcome::Open => "open",
            StepOutcome::AwaitingAnswer => "awaiting_answer",
            StepOutcome::Inactive => "inactive",
            StepOutcome::Done { .. } => "done",
            StepOutcome::Overridden {
                with_checklist: false,
            } => "overridden",
            StepOutcome::Overridden {
                with_checklist: true,
            } => "overridden_with_checklist",
            StepOutcome::Answered { .. } => "answered",
        }
    }

    /// How it came about, as the reports' JSON says it: `manual` or
    /// `sensed` for a step done, `yes` or `no` for an answer.
    pub fn how(self) -> Option<&'static str> {
        match self {
            StepOutcome::Done { sensed: false } => Some("manual"),
            StepOutcome::Done { sensed: true } => Some("sensed"),
            StepOutcome::Answered { yes: true } => Some("yes"),
            StepOutcome::Answered { yes: false } => Some("no"),
            _ => None,
        }
    }

    /// Done or answered: the plan carried out, as a drill scores it.
    pub fn is_carried_out(self) -> bool {
        matches!(
            self,
            StepOutcome::Done { .. } | StepOutcome::Answered { .. }
        )
    }

    /// Still to be dealt with.
    pub fn is_open(self) -> bool {
        matches!(self, StepOutcome::Open | StepOutcome::AwaitingAnswer)
    }
}

/// One step at the review.
#[derive(Clone, Debug, PartialEq)]
pub struct StepReview<'a> {
    pub step: &'a Step,
    pub outcome: StepOutcome,
    /// Who dealt with it, and when; `None` while it is open or does not apply.
    pub by: Option<&'a str>,
    pub at: Option<Timestamp>,
    pub due: Option<Timestamp>,
    /// Seconds after its deadline it was dealt with (negative: early).
    pub delay_s: Option<f64>,
    /// Why it was passed over.
    pub reason: Option<&'a str>,
    /// The step whose "yes" answered this one "no" (an exclusive group).
    pub implied_by: Option<&'a str>,
}

/// A run as the review reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Review<'a> {
    pub state: ReviewState,
    pub steps: Vec<StepReview<'a>>,
}

/// A drill's score: how fast the first action came, and each step against
/// its deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillScore {
    /// Seconds from the start to the operator's first action on the plan.
    pub time_to_first_action_s: Option<f64>,
    /// Seconds from the start to the first step done that speaks to
    /// customers (its `who` names customers: IVR, status page …).
    pub time_to_first_customer_message_s: Option<f64>,
    /// Seconds from the start until nothing was left open.
    pub time_to_finish_s: Option<f64>,
    pub on_time: usize,
    pub late: usize,
    pub overridden: usize,
    /// Steps that apply, were due by the end of the drill and were never done.
    pub missed: usize,
    /// Steps still open whose deadline had not come when the drill ended:
    /// not scored.
    pub not_due: usize,
    /// Steps done on time, of those that apply and were due (or done), in
    /// percent; `None` when nothing was due and nothing done: not scored.
    pub score: Option<u32>,
}

impl Run {
    /// The run as the review reads it.
    pub fn review(&self) -> Review<'_> {
        let state = match (self.is_closed(), self.outcome()) {
            (true, _) => ReviewState::Closed,
            (false, Outcome::Complete) => ReviewState::Complete,
            (false, Outcome::Overridden { .. }) => ReviewState::Overridden,
            (false, Outcome::InProgress { .. }) => ReviewState::InProgress,
        };
        let steps = self
            .checklist()
            .steps
            .iter()
            .zip(self.states())
            .enumerate()
            .map(|(index, (step, state))| self.step_review(index, step, state))
            .collect();
        Review { state, steps }
    }

    fn step_review<'a>(
        &self,
        index: usize,
        step: &'a Step,
        state: &'a StepState,
    ) -> StepReview<'a> {
        let (by, at) = match state {
            StepState::Done { by, at, .. }
            | StepState::Overridden { by, at, .. }
            | StepState::Answered { by, at, .. } => (Some(by.as_str()), Some(*at)),
            StepState::Open | StepState::AwaitingAnswer | StepState::Inactive => (None, None),
        };
        let due = self.due(index);
        StepReview {
            step,
            outcome: StepOutcome::of(state),
            by,
            at,
            due,
            delay_s: at.zip(due).map(|(at, due)| at.secs_since(due)),
            reason: match state {
                StepState::Overridden { reason, .. } => Some(reason.as_str()),
                _ => None,
            },
            implied_by: match state {
                StepState::Answered { implied_by, .. } => implied_by.as_deref(),
                _ => None,
            },
        }
    }

    /// When the incident was closed, if it was.
    pub fn closed_at(&self) -> Option<Timestamp> {
        self.actions().iter().find_map(|a| match a.kind {
            ActionKind::Closed { .. } => Some(a.at),
            _ => None,
        })
    }

    /// The run scored as a drill: ended when it was closed, or for one
    /// still running, at `now`. A drill stopped early is not marked down
    /// for steps not yet due.
    pub fn drill_score(&self, now: Timestamp) -> DrillScore {
        let start = self.started_at();
        let since_start = |at: Timestamp| at.secs_since(start);
        let review = self.review();
        let count =
            |f: &dyn Fn(&StepReview<'_>) -> bool| review.steps.iter().filter(|s| f(s)).count();
        let carried_out = |s: &StepReview<'_>, late: bool| {
            s.outcome.is_carried_out() && s.delay_s.is_some_and(|d| (d > 0.0) == late)
        };
        let on_time = count(&|s| carried_out(s, false));
        let late = count(&|s| carried_out(s, true));
        let overridden = count(&|s| matches!(s.outcome, StepOutcome::Overridden { .. }));
        let ended = self.closed_at().unwrap_or(now);
        let was_due = |s: &StepReview<'_>| s.due.is_some_and(|due| due <= ended);
        let missed = count(&|s| s.outcome.is_open() && was_due(s));
        let not_due = count(&|s| s.outcome.is_open()) - missed;
        let applicable = on_time + late + overridden + missed;
        DrillScore {
            time_to_first_action_s: self.first_action_at().map(since_start),
            time_to_first_customer_message_s: self.first_customer_message_at().map(since_start),
            time_to_finish_s: self.outcome().is_finished().then(|| {
                review
                    .steps
                    .iter()
                    .filter_map(|s| s.at.map(since_start))
                    .fold(0.0, f64::max)
            }),
            on_time,
            late,
            overridden,
            missed,
            not_due,
            score: (applicable > 0).then(|| u32::try_from(on_time * 100 / applicable).unwrap_or(0)),
        }
    }

    /// When the operator first acted on the plan: a step done, answered,
    /// overridden, a message copied or a note. Ending the drill is not.
    fn first_action_at(&self) -> Option<Timestamp> {
        self.actions()
            .iter()
            .find(|a| {
                matches!(
                    a.kind,
                    ActionKind::Completed { .. }
                        | ActionKind::Answered { .. }
                        | ActionKind::Overridden { .. }
                        | ActionKind::OverriddenAll { .. }
                        | ActionKind::Copied { .. }
                        | ActionKind::Note { .. }
                )
            })
            .map(|a| a.at)
    }

    /// When a step that speaks to customers was first marked done.
    fn first_customer_message_at(&self) -> Option<Timestamp> {
        let speaks_to_customers = |id: &str| {
            self.checklist().step(id).is_some_and(|s| {
                s.who
                    .as_deref()
                    .is_some_and(|w| w.to_lowercase().contains("customer"))
            })
        };
        self.actions()
            .iter()
            .find(
                |a| matches!(&a.kind, ActionKind::Completed { step } if speaks_to_customers(step)),
            )
            .map(|a| a.at)
    }
}
