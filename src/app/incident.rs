//! Incidents in the console: a checklist run, why it began, and how much of
//! it is on disk. A step shows as done only once its action is saved.
//! `queue` orders the incidents still to work and applies inhibits.

pub mod hold;
pub mod queue;
pub mod recovery;

use super::Effect;
use super::record;
use super::state::{AgainstFigures, AppState, Prompt, Screen};
use super::text::fill;
use crate::engine::checklist::{
    ActionKind, Impact, Run, RunError, SensedCondition, StepKind, StepState,
};
use crate::engine::rules::{Alert, Metric, Severity};
use crate::engine::{Health, Window};
use crate::model::QueueId;

/// What opened an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub rule: String,
    pub subject: String,
    /// The alert in words ("floor: SL 41.0% < 50% (interval)").
    pub description: String,
    pub value: f64,
    /// The rule's severity: it places the incident in the queue.
    pub severity: Severity,
    /// The queue, when the rule was about one.
    pub queue: Option<QueueId>,
    /// What the rule watches (none for a drill's synthetic condition): it
    /// names the rule and reads its value for people.
    pub metric: Option<Metric>,
}

#[derive(Clone, Debug)]
pub struct Incident {
    /// Its place in `AppState::incidents`, which names it to the store.
    pub local: usize,
    pub run: Run,
    pub trigger: Option<Trigger>,
    pub drill: bool,
    /// Actions handed to the store so far.
    pub sent: usize,
    /// The last action the store has confirmed on disk.
    pub saved_seq: u32,
    /// The site it is about, named by the operator or by the alert that opened it.
    pub site: Option<String>,
}

impl Incident {
    pub fn new(local: usize, run: Run, trigger: Option<Trigger>, drill: bool) -> Self {
        Self {
            local,
            run,
            trigger,
            drill,
            sent: 1,
            saved_seq: 0,
            site: None,
        }
    }

    /// An incident carried over from before a restart: every action it has
    /// is on disk already.
    pub fn restored(local: usize, run: Run, trigger: Option<Trigger>, drill: bool) -> Self {
        let saved_seq = run.actions().last().map_or(0, |a| a.seq);
        Self {
            local,
            sent: run.actions().len(),
            saved_seq,
            run,
            trigger,
            drill,
            site: None,
        }
    }

    pub fn is_open(&self) -> bool {
        !self.run.is_closed()
    }

    /// Whether step `index`'s current state rests on an action not yet on disk.
    pub fn is_unsaved(&self, index: usize) -> bool {
        let Some(step) = self.run.checklist().steps.get(index) else {
            return false;
        };
        if matches!(
            self.run.states()[index],
            StepState::Open | StepState::AwaitingAnswer
        ) {
            return false;
        }
        let state = &self.run.states()[index];
        let last = self.run.actions().iter().rev().find(|a| match &a.kind {
            ActionKind::Completed { step: s }
            | ActionKind::Overridden { step: s, .. }
            | ActionKind::Sensed { step: s, .. } => *s == step.id,
            ActionKind::Answered { step: s, .. } => {
                *s == step.id
                    || matches!(state, StepState::Answered { implied_by: Some(q), .. } if q == s)
            }
            ActionKind::OverriddenAll { .. } => {
                matches!(state, StepState::Overridden { whole: true, .. })
            }
            _ => false,
        });
        last.is_some_and(|a| a.seq > self.saved_seq)
    }
}

/// Opens the checklist a firing alert names, unless an incident of it is
/// still being worked (one that is complete or overridden does not count: a
/// new episode queues the plan again, R8), or a running plan inhibits it.
pub fn open_for_alert(state: &mut AppState, alert: &Alert, description: String) -> Vec<Effect> {
    // During a drill, the first alert its situation trips opens the drilled
    // plan: once per drill, whatever earlier drills opened.
    let drilled = state
        .drill
        .as_ref()
        .filter(|d| {
            !state.incidents.iter().any(|i| {
                i.drill && i.run.checklist().id == d.checklist && i.run.started_at() >= d.started_at
            })
        })
        .map(|d| d.checklist.clone());
    let Some(checklist) = drilled.or_else(|| alert.rule.checklist.clone()) else {
        return Vec::new();
    };
    // A drill rehearses beside real incidents: each counts only its own kind.
    let drill = state.drill.is_some();
    let already_queued = state
        .incidents
        .iter()
        .any(|i| i.is_queued() && i.drill == drill && i.run.checklist().id == checklist);
    if already_queued {
        return Vec::new();
    }
    if let Some(inhibitor) = queue::inhibitor_of(state, &checklist, drill) {
        let by = inhibitor.run.checklist().id.clone();
        state.view.notice = Some(fill(
            state.texts.incidents.inhibited_notice,
            &[&checklist, &by],
        ));
        let detail = format!("{checklist} not opened for {description}: {by} inhibits it");
        return vec![state.saving.audit("checklist-inhibited", detail)];
    }
    let trigger = Trigger {
        rule: alert.rule.id.clone(),
        subject: alert.subject.label().to_owned(),
        description,
        value: alert.tripped_value,
        severity: alert.rule.severity,
        queue: match &alert.subject {
            crate::engine::rules::Subject::Queue { id, .. } => {
                Some(crate::model::QueueId(id.clone()))
            }
            _ => None,
        },
        metric: Some(alert.rule.metric),
    };
    let site = match &alert.subject {
        crate::engine::rules::Subject::Site(name) => Some(name.clone()),
        _ => None,
    };
    let mut effects = open(state, &checklist, Some(trigger), false);
    name_site(state, &mut effects, site);
    effects
}

/// Gives the incident just opened by `effects` its site, and the record keeper too.
fn name_site(state: &mut AppState, effects: &mut [Effect], named: Option<String>) {
    for effect in effects.iter_mut() {
        if let Effect::OpenIncident { local, site, .. } = effect {
            if let Some(incident) = state.incidents.get_mut(*local) {
                incident.site.clone_from(&named);
            }
            site.clone_from(&named);
        }
    }
}

/// `:declare PLAN [SITE]`: opens a plan by hand; a plan whose messages name
/// `{site}` takes the site from the floor's sites (any case, or one word of
/// its name), and says how to name one when none is given.
fn declare(state: &mut AppState, rest: &str) -> Vec<Effect> {
    let (id, site) = rest
        .split_once(' ')
        .map_or((rest, ""), |(id, site)| (id, site.trim()));
    if !state.checklists.contains_key(id) {
        let known: Vec<&str> = state.checklists.keys().map(String::as_str).collect();
        state.view.notice = Some(fill(
            state.texts.incidents.unknown_checklist,
            &[id, &known.join(", ")],
        ));
        return Vec::new();
    }
    let site = if site.is_empty() {
        None
    } else {
        match site_named(state, site) {
            Ok(name) => Some(name),
            Err(notice) => {
                state.view.notice = Some(notice);
                return Vec::new();
            }
        }
    };
    let names_site = state.checklists[id]
        .steps
        .iter()
        .any(|s| s.say.as_deref().is_some_and(|say| say.contains("{site}")));
    let mut effects = open(state, id, None, false);
    if site.is_none() && names_site && !effects.is_empty() {
        state.view.notice = Some(fill(state.texts.incidents.name_the_site, &[id]));
    }
    name_site(state, &mut effects, site);
    effects
}

/// The floor's site `wanted` names: its name or id in any case, or one word
/// of one site's name; else the notice naming the valid sites.
fn site_named(state: &AppState, wanted: &str) -> Result<String, String> {
    let sites = state
        .floor
        .snapshot()
        .map_or(&[][..], |s| s.sites.as_slice());
    let same = |a: &str| a.to_lowercase() == wanted.to_lowercase();
    let whole = sites.iter().find(|s| same(&s.name) || same(&s.id));
    let by_word: Vec<&crate::model::Site> = sites
        .iter()
        .filter(|s| s.name.split_whitespace().any(same))
        .collect();
    match (whole, by_word.as_slice()) {
        (Some(site), _) => Ok(site.name.clone()),
        (None, [site]) => Ok(site.name.clone()),
        _ => {
            let names: Vec<&str> = sites.iter().map(|s| s.name.as_str()).collect();
            let t = &state.texts.incidents;
            Err(if names.is_empty() {
                fill(t.no_sites_yet, &[wanted])
            } else {
                fill(t.no_such_site, &[wanted, &names.join(", ")])
            })
        }
    }
}

/// Starts an incident of `checklist` (by a rule, or declared by hand).
pub fn open(
    state: &mut AppState,
    checklist: &str,
    trigger: Option<Trigger>,
    drill: bool,
) -> Vec<Effect> {
    let Some(plan) = state.checklists.get(checklist).cloned() else {
        return Vec::new();
    };
    let local = state.incidents.len();
    // While a drill runs, what opens is part of it.
    let drill = drill || state.drill.is_some();
    // A rule that opens an incident is named as its opener, not whoever sits at the console.
    let opener = match trigger.as_ref().and_then(|t| t.metric) {
        Some(metric) => super::record::opened_by_rule(state.texts, metric),
        None => state.view.operator.clone(),
    };
    let run = Run::start(plan, state.wall_now, &opener);
    let first = run.actions()[0].clone();
    state
        .incidents
        .push(Incident::new(local, run, trigger.clone(), drill));
    let mut effects = vec![Effect::OpenIncident {
        local,
        checklist: checklist.to_owned(),
        trigger,
        drill,
        first,
        site: None,
    }];
    effects.extend(queue::close_inhibited(state, local));
    // Declared by hand, it is on screen because this operator asked for it.
    let asked = state.incidents[local].trigger.is_none();
    bring_on_screen(state, local, asked);
    state.view.seen.incidents = state.incidents.len();
    effects
}

/// Shows a new incident if it heads the queue, but never takes the screen
/// from someone typing: they find it with `3`. One lower in the queue waits
/// its turn, said in the notice line. One the operator at this view did
/// not ask for (a rule's, or declared at another console) holds its keys.
pub(super) fn bring_on_screen(state: &mut AppState, local: usize, asked: bool) {
    let checklist = state.incidents[local].run.checklist().id.clone();
    let t = &state.texts.incidents;
    if state.view.prompt.is_some() || state.view.filter_editing {
        let text = fill(t.opened_while_typing, &[&checklist]);
        super::notice::while_unseen(state, text, local);
        return;
    }
    let queue = queue::queue(state);
    let by_itself = !asked;
    match queue.iter().position(|l| *l == local) {
        Some(0) | None => {
            queue::show(state, local);
            if by_itself {
                hold::start(state, local, hold::Unasked::Opened);
            }
        }
        Some(place) => {
            let text = fill(
                t.queued,
                &[
                    &checklist,
                    &(place + 1).to_string(),
                    &queue.len().to_string(),
                ],
            );
            super::notice::while_unseen(state, text, local);
        }
    }
}

/// Hands the store every action of `local` it has not seen yet, and moves
/// the cursor on to the step now current (one current item at a time).
pub fn persist_new(state: &mut AppState, local: usize) -> Vec<Effect> {
    let Some(incident) = state.incidents.get_mut(local) else {
        return Vec::new();
    };
    // A copy or a reading of the figures leaves the steps as they were.
    let acted = incident.run.actions()[incident.sent..].iter().any(|a| {
        !matches!(
            a.kind,
            ActionKind::Copied { .. } | ActionKind::Figures { .. }
        )
    });
    if let Screen::Checklist {
        incident: shown,
        selected,
    } = &mut state.view.screen
        && *shown == local
        && acted
        && incident.run.states().get(*selected) != Some(&StepState::Open)
        && let Some(current) = incident.run.current()
    {
        *selected = current;
    }
    let fresh: Vec<Effect> = incident.run.actions()[incident.sent..]
        .iter()
        .map(|action| Effect::Persist {
            local,
            action: action.clone(),
        })
        .collect();
    incident.sent = incident.run.actions().len();
    fresh
}

/// Lets every open incident's sensed steps look at the floor as it is now.
pub fn sense_all(state: &mut AppState) -> Vec<Effect> {
    let fresh = matches!(state.floor.health(state.wall_now), Health::Live);
    let now = state.wall_now;
    let mut effects = Vec::new();
    for local in 0..state.incidents.len() {
        let queue = state.incidents[local]
            .trigger
            .as_ref()
            .and_then(|t| t.queue.clone());
        let floor = &state.floor;
        state.incidents[local].run.sense(now, fresh, |condition| {
            measure(floor, queue.as_ref(), condition)
        });
        // Only live figures show what the incident did to the floor.
        if fresh && let Some(figures) = impact_now(floor, queue.as_ref(), now) {
            state.incidents[local].run.observe(figures);
        }
        let cursor_before = state.view.screen.clone();
        effects.extend(persist_new(state, local));
        // The cursor moved on from a step the sensor closed: the key the
        // operator meant for that step must not land on the next one.
        if state.view.screen != cursor_before {
            hold::start(state, local, hold::Unasked::CursorMoved);
        }
    }
    effects
}

/// The figures a review asks about, now: on the incident's queue, or the floor.
fn impact_now(
    floor: &crate::engine::Floor,
    queue: Option<&QueueId>,
    at: crate::model::Timestamp,
) -> Option<Impact> {
    if let Some(id) = queue {
        let view = floor.queue(id)?;
        let figures = view.figures(Window::Interval);
        return Some(Impact {
            at,
            service_level: figures.service_level,
            waiting: Some(view.observation.waiting),
            longest_wait_s: view.observation.longest_wait_s,
            abandon_rate: figures.abandon_rate,
        });
    }
    floor.snapshot()?;
    let totals = floor.totals(Window::Interval);
    Some(Impact {
        at,
        service_level: totals.figures.service_level,
        waiting: Some(totals.waiting),
        longest_wait_s: totals.longest_wait_s,
        abandon_rate: totals.figures.abandon_rate,
    })
}

/// A sensed condition's value now: on the incident's queue, or the floor.
fn measure(
    floor: &crate::engine::Floor,
    queue: Option<&crate::model::QueueId>,
    condition: &SensedCondition,
) -> Option<f64> {
    let platform = |c| {
        Some(if floor.platform_condition() == Some(c) {
            1.0
        } else {
            0.0
        })
    };
    match condition.metric {
        Metric::PlatformUnreachable => {
            return platform(crate::model::PlatformCondition::Unreachable);
        }
        Metric::PlatformGarbage => return platform(crate::model::PlatformCondition::Garbage),
        _ => {}
    }
    if condition.on_queue {
        let view = floor.queue(queue?)?;
        let figures = view.figures(Window::Interval);
        return match condition.metric {
            Metric::ServiceLevel => figures.service_level,
            Metric::AbandonRate => figures.abandon_rate,
            Metric::Asa => figures.asa_s,
            Metric::Waiting => Some(f64::from(view.observation.waiting)),
            Metric::LongestWait => view.observation.longest_wait_s,
            Metric::NegativeShare => view.observation.sentiment.map(|s| s.negative_share),
            _ => None,
        };
    }
    let totals = floor.totals(Window::Interval);
    match condition.metric {
        Metric::ServiceLevel => totals.figures.service_level,
        Metric::AbandonRate => totals.figures.abandon_rate,
        Metric::Asa => totals.figures.asa_s,
        Metric::Waiting => Some(f64::from(totals.waiting)),
        Metric::LongestWait => totals.longest_wait_s,
        Metric::NegativeShare => totals.sentiment.map(|s| s.negative_share),
        _ => None,
    }
}

/// Space or Enter on a step: tick it, or ask the question. A later step
/// waits for the current one (R11); a sensed step closes itself while live
/// data can show it, and is ticked by hand only when it cannot (R22).
pub fn act_on_step(state: &mut AppState) -> Vec<Effect> {
    let Some((local, step)) = selected_step(state) else {
        return Vec::new();
    };
    if let Some(refusal) = refusal(state, local, step) {
        state.view.notice = Some(refusal);
        return Vec::new();
    }
    let kind = &state.incidents[local].run.checklist().steps[step].kind;
    if matches!(kind, StepKind::Sensed(_)) && super::view::is_live(state) {
        state.view.notice = Some(state.texts.checklist.sensed_closes_itself.into());
        return Vec::new();
    }
    if matches!(kind, StepKind::Conditional { .. }) {
        state.view.prompt = Some(Prompt::Answer {
            incident: local,
            step,
        });
        return Vec::new();
    }
    if recovery::ask_if_against(state, local, AgainstFigures::Tick { step }) {
        return Vec::new();
    }
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state.incidents[local].run.complete(step, &who, now) {
        Ok(()) => persist_new(state, local),
        Err(e) => {
            say_refused(state, local, &e);
            Vec::new()
        }
    }
}

/// Whether Space or Enter on step `step` would do something, rather than
/// be refused or say that the sensor closes it.
pub fn would_act(state: &AppState, local: usize, step: usize) -> bool {
    let Some(incident) = state.incidents.get(local) else {
        return false;
    };
    let sensed_live = matches!(
        incident.run.checklist().steps.get(step).map(|s| &s.kind),
        Some(StepKind::Sensed(_))
    ) && super::view::is_live(state);
    refusal(state, local, step).is_none() && !sensed_live
}

pub fn answer(state: &mut AppState, local: usize, step: usize, yes: bool) -> Vec<Effect> {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state
        .incidents
        .get_mut(local)
        .map(|i| i.run.answer(step, yes, &who, now))
    {
        Some(Ok(())) => persist_new(state, local),
        Some(Err(e)) => {
            say_refused(state, local, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Why an action on step `step` would be refused now, in words: it is not
/// open, or an earlier step must be dealt with first.
fn refusal(state: &AppState, local: usize, step: usize) -> Option<String> {
    let run = &state.incidents.get(local)?.run;
    if run.is_closed() {
        return Some(record::refused(state.texts, run, &RunError::Closed));
    }
    let id = &run.checklist().steps.get(step)?.id;
    if run.states().get(step) != Some(&StepState::Open) {
        return Some(record::refused(
            state.texts,
            run,
            &RunError::NotOpen(id.clone()),
        ));
    }
    let earlier = run.blocked_by(step)?;
    let id = run.checklist().steps[earlier].id.clone();
    Some(record::refused(
        state.texts,
        run,
        &RunError::EarlierStepOpen(id),
    ))
}

/// `s` (one step) or `S` (the whole checklist): the first press asks to
/// confirm, unless the override would be refused anyway.
pub fn ask_override(state: &mut AppState, whole: bool) {
    let Screen::Checklist { incident, selected } = state.view.screen else {
        return;
    };
    let Some(run) = state.incidents.get(incident).map(|i| &i.run) else {
        return;
    };
    let refused = if whole {
        (run.is_closed() || run.outcome().is_finished())
            .then(|| record::refused(state.texts, run, &RunError::NothingOpen))
    } else {
        refusal(state, incident, selected)
    };
    match refused {
        Some(why) => state.view.notice = Some(why),
        None => {
            state.view.prompt = Some(Prompt::ConfirmOverride {
                incident,
                step: (!whole).then_some(selected),
            });
        }
    }
}

/// Overrides one step, or the whole checklist (`step: None`), with a reason.
pub fn override_with_reason(
    state: &mut AppState,
    local: usize,
    step: Option<usize>,
    reason: &str,
) -> Vec<Effect> {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state.incidents.get_mut(local).map(|i| match step {
        Some(step) => i.run.override_step(step, &who, now, reason),
        None => i.run.override_all(&who, now, reason),
    }) {
        Some(Ok(())) => persist_new(state, local),
        Some(Err(e)) => {
            say_refused(state, local, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// `n`: a note on the record, confirmed on screen once it is on disk.
pub fn note(state: &mut AppState, local: usize, text: &str) -> Vec<Effect> {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state
        .incidents
        .get_mut(local)
        .map(|i| i.run.note(&who, now, text))
    {
        Some(Ok(())) => {
            let r = &state.texts.record;
            let (pending, saved) = (r.note_pending.to_owned(), r.note_saved.to_owned());
            record::confirm(state, local, pending, saved);
            persist_new(state, local)
        }
        Some(Err(e)) => {
            say_refused(state, local, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// `c`: the step's message onto the operator's clipboard, exactly as the
/// record keeps it with the figures it carried; the screen says how much
/// was copied, and when the record has it.
pub fn copy_message(state: &mut AppState) -> Vec<Effect> {
    let Some((local, step)) = selected_step(state) else {
        return Vec::new();
    };
    let r = &state.texts.record;
    let text = match super::view::step_message(state, local, step) {
        Ok(text) if text.is_empty() => {
            state.view.notice = Some(r.nothing_to_copy.into());
            return Vec::new();
        }
        Ok(text) => text,
        Err(_) => {
            state.view.notice = Some(r.not_copied.into());
            return Vec::new();
        }
    };
    // The template comes from a checklist file: its lines are cleaned too.
    let text = crate::untrusted::clean_lines(&text);
    // A drill's message can never be mistaken for a real one.
    let text = if state.incidents[local].drill {
        format!("DRILL — {text}")
    } else {
        text.into_owned()
    };
    let values = super::view::step_message_values(state, local, step);
    let chars = text.chars().count().to_string();
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    let recorded = state.incidents[local]
        .run
        .copied(step, &who, now, &text, values);
    let mut effects = vec![Effect::Copy(text)];
    let r = &state.texts.record;
    match recorded {
        Ok(()) => {
            let pending = fill(r.copied_pending, &[&chars]);
            let saved = fill(r.copied_saved, &[&chars]);
            record::confirm(state, local, pending, saved);
            effects.extend(persist_new(state, local));
        }
        Err(e) => {
            let why = record::refused(state.texts, &state.incidents[local].run, &e);
            state.view.notice = Some(fill(r.copied_not_recorded, &[&why]));
        }
    }
    effects
}

pub fn undo(state: &mut AppState) -> Vec<Effect> {
    let Screen::Checklist { incident, .. } = state.view.screen else {
        return Vec::new();
    };
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state
        .incidents
        .get_mut(incident)
        .map(|i| i.run.undo(&who, now))
    {
        Some(Ok(_)) => persist_new(state, incident),
        Some(Err(e)) => {
            say_refused(state, incident, &e);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// The incident and step under the cursor in the checklist view.
pub fn selected_step(state: &AppState) -> Option<(usize, usize)> {
    let Screen::Checklist { incident, selected } = state.view.screen else {
        return None;
    };
    let steps = state.incidents.get(incident)?.run.checklist().steps.len();
    (selected < steps).then_some((incident, selected))
}

/// The store confirmed actions up to `seq`.
pub fn saved(state: &mut AppState, local: usize, seq: u32) {
    if let Some(incident) = state.incidents.get_mut(local) {
        incident.saved_seq = incident.saved_seq.max(seq);
    }
    record::confirmed(state, local, seq);
}

/// A `:` command: `declare NAME` opens a checklist by hand; `close OUTCOME`
/// closes the incident on screen (or the newest open one) with its outcome.
pub fn command(state: &mut AppState, line: &str) -> Vec<Effect> {
    let line = line.trim().trim_start_matches(':');
    let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    match verb {
        "declare" | "open" => declare(state, rest),
        "close" if rest.is_empty() => {
            state.view.notice = Some(state.texts.incidents.close_needs_outcome.into());
            Vec::new()
        }
        "close" => close(state, rest),
        "drill" if rest == "stop" => stop_drill(state),
        "drill" => start_drill(state, rest),
        _ => {
            state.view.notice = Some(fill(state.texts.incidents.unknown_command, &[verb]));
            Vec::new()
        }
    }
}

fn close(state: &mut AppState, outcome: &str) -> Vec<Effect> {
    let shown = match state.view.screen {
        Screen::Checklist { incident, .. } => Some(incident),
        _ => None,
    };
    let Some(local) = shown
        .filter(|i| state.incidents.get(*i).is_some_and(Incident::is_open))
        .or_else(|| state.incidents.iter().rposition(Incident::is_open))
    else {
        state.view.notice = Some(state.texts.incidents.nothing_to_close.into());
        return Vec::new();
    };
    let act = AgainstFigures::Close {
        outcome: outcome.trim().to_owned(),
    };
    if recovery::ask_if_against(state, local, act) {
        return Vec::new();
    }
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    match state.incidents[local].run.close(&who, now, outcome) {
        Ok(()) => persist_new(state, local),
        Err(e) => {
            say_refused(state, local, &e);
            Vec::new()
        }
    }
}

/// The simulator's scenarios and the plans they rehearse.
pub const DRILLS: [(&str, &str); 5] = [
    ("surge", "traffic-surge"),
    ("telephony-outage", "telephony-outage"),
    ("site-power-loss", "site-power-outage"),
    ("severe-weather", "severe-weather"),
    ("complaint-spike", "complaint-spike"),
];

/// Starts a drill. On the simulator the scenario's situation is switched on
/// and the rules trip as they would; on a live platform (or for a plan with
/// no scenario) a synthetic alert opens the checklist and the platform is
/// never touched.
pub fn start_drill(state: &mut AppState, name: &str) -> Vec<Effect> {
    let scenario = DRILLS.iter().find(|(s, c)| *s == name || *c == name);
    let checklist = scenario.map_or(name, |(_, c)| c).to_owned();
    let t = &state.texts.incidents;
    if !state.checklists.contains_key(&checklist) {
        let known: Vec<&str> = DRILLS.iter().map(|(s, _)| *s).collect();
        state.view.notice = Some(fill(
            t.no_such_drill,
            &[&format!("{name:?}"), &known.join(", ")],
        ));
        return Vec::new();
    }
    if state.drill.is_some() {
        state.view.notice = Some(t.drill_running.into());
        return Vec::new();
    }
    // What an earlier drill left open (its console quit before `:drill stop`)
    // ends here, so that this drill starts on a fresh incident.
    let outcome = fill(t.drill_superseded, &[name]);
    let (_, mut effects) = end_drill_incidents(state, &outcome);
    state.drill = Some(super::state::Drill {
        name: name.to_owned(),
        checklist: checklist.clone(),
        started_at: state.wall_now,
    });
    effects.push(
        state
            .saving
            .audit("drill-started", format!("{name} (checklist {checklist})")),
    );
    match scenario {
        Some((scenario, _)) if state.simulated => {
            effects.push(Effect::SwitchScenario((*scenario).to_owned()));
            effects
        }
        _ => {
            let trigger = Trigger {
                rule: "drill".into(),
                subject: name.to_owned(),
                description: format!("drill: synthetic {name} condition"),
                value: 1.0,
                // A drill rehearses the plan at the top of the queue.
                severity: Severity::Critical,
                queue: None,
                metric: None,
            };
            effects.extend(open(state, &checklist, Some(trigger), true));
            effects
        }
    }
}

/// Ends the drill and every incident it opened, closed on the record as
/// ended by the drill (the score counts only the steps due by then); the
/// simulator goes back to normal.
pub fn stop_drill(state: &mut AppState) -> Vec<Effect> {
    let Some(drill) = state.drill.take() else {
        state.view.notice = Some(state.texts.incidents.no_drill_running.into());
        return Vec::new();
    };
    let outcome = fill(state.texts.incidents.drill_stopped, &[&drill.name]);
    let (closed, mut effects) = end_drill_incidents(state, &outcome);
    state.view.notice = Some(fill(
        state.texts.incidents.drill_ended,
        &[&drill.name, &closed.to_string()],
    ));
    effects.push(state.saving.audit("drill-stopped", drill.name));
    if state.simulated {
        effects.push(Effect::SwitchScenario("normal".into()));
    }
    effects
}

/// Closes every open drill incident with `outcome`: how many, and what
/// goes to the record. A drill's end is no claim that the floor recovered,
/// so it asks for no confirmation.
fn end_drill_incidents(state: &mut AppState, outcome: &str) -> (usize, Vec<Effect>) {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    let open: Vec<usize> = state
        .incidents
        .iter()
        .filter(|i| i.drill && i.is_open())
        .map(|i| i.local)
        .collect();
    let mut effects = Vec::new();
    let mut closed = 0;
    for local in open {
        if state.incidents[local].run.close(&who, now, outcome).is_ok() {
            closed += 1;
            effects.extend(persist_new(state, local));
        }
    }
    (closed, effects)
}

/// A refused action, said on the notice line with its steps by title.
pub(super) fn say_refused(state: &mut AppState, local: usize, error: &RunError) {
    if let Some(incident) = state.incidents.get(local) {
        state.view.notice = Some(record::refused(state.texts, &incident.run, error));
    }
}
