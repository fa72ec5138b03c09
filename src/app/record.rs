//! The incident's record in floor language, for the timeline on screen and
//! the review's export alike: a rule by its name, a figure as people read it
//! (84%, 3:05, 42 waiting), a step by its title, an undo by what it took back.

use super::state::{AppState, Confirmation};
use super::text::{Texts, fill};
use crate::engine::checklist::{
    Action, ActionKind, Impact, Moment, ReplayMismatch, Run, RunError, StepKind,
};
use crate::engine::rules::{Alert, Metric};
use crate::model::Timestamp;

/// Says `pending` now, and `saved` once incident `local`'s last action is on disk.
pub fn confirm(state: &mut AppState, local: usize, pending: String, saved: String) {
    let Some(seq) = state
        .incidents
        .get(local)
        .and_then(|i| i.run.actions().last())
        .map(|a| a.seq)
    else {
        return;
    };
    state.view.notice = Some(pending.clone());
    state.view.confirming = Some(Confirmation {
        local,
        seq,
        pending,
        saved,
    });
}

/// The store has incident `local`'s actions up to `seq`: a confirmation
/// waiting for them says so, unless another notice has taken its place.
pub fn confirmed(state: &mut AppState, local: usize, seq: u32) {
    let Some(c) = &state.view.confirming else {
        return;
    };
    if c.local != local || seq < c.seq {
        return;
    }
    if state.view.notice.as_deref() == Some(c.pending.as_str()) {
        state.view.notice = Some(c.saved.clone());
    }
    state.view.confirming = None;
}

/// What people call a rule of `metric`.
pub fn rule_name(texts: &Texts, metric: Metric) -> &'static str {
    let n = &texts.record.rule_names;
    match metric {
        Metric::ServiceLevel => n.service_level,
        Metric::Waiting => n.waiting,
        Metric::LongestWait => n.longest_wait,
        Metric::AbandonRate => n.abandon_rate,
        Metric::Asa => n.asa,
        Metric::NoAgentAvailable => n.no_agent_available,
        Metric::NegativeShare => n.negative_share,
        Metric::SiteAgentsLost => n.site_agents_lost,
        Metric::StaffLostAcrossSites => n.staff_lost_across_sites,
        Metric::ReasonJump => n.reason_jump,
        Metric::PlatformUnreachable => n.platform_unreachable,
        Metric::PlatformGarbage => n.platform_garbage,
    }
}

/// Who opened an incident that a rule of `metric` opened: "rule: site lost agents".
pub fn opened_by_rule(texts: &Texts, metric: Metric) -> String {
    fill(texts.record.by_rule, &[rule_name(texts, metric)])
}

/// A rule's figure as people read it: a share as a percentage, a wait as
/// a duration, anything else as a whole number. Records older than the
/// metric's keeping say only the value: a fraction of one is taken for a share.
pub fn value_words(metric: Option<Metric>, value: f64) -> String {
    match metric {
        Some(m) if m.is_share() => percent(value),
        Some(Metric::LongestWait | Metric::Asa) => duration(value),
        None if value.fract() != 0.0 && (0.0..1.0).contains(&value) => percent(value),
        _ => format!("{value:.0}"),
    }
}

/// An alert as it fired: "North: agents lost 55% > 30%".
pub fn alert_words(texts: &Texts, alert: &Alert) -> String {
    let m = &texts.alerts.metrics;
    let who = alert.subject.label();
    let metric = alert.rule.metric;
    let name = match metric {
        Metric::ServiceLevel => m.service_level,
        Metric::Waiting => m.waiting,
        Metric::LongestWait => m.longest_wait,
        Metric::AbandonRate => m.abandon_rate,
        Metric::Asa => m.asa,
        Metric::NoAgentAvailable => return format!("{who}: {}", m.no_agent_available),
        Metric::NegativeShare => m.negative_share,
        Metric::SiteAgentsLost => m.site_agents_lost,
        Metric::StaffLostAcrossSites => m.staff_lost_across_sites,
        Metric::ReasonJump => m.reason_jump,
        Metric::PlatformUnreachable => return m.platform_unreachable.to_owned(),
        Metric::PlatformGarbage => return m.platform_garbage.to_owned(),
    };
    let op = if alert.rule.below { "<" } else { ">" };
    format!(
        "{who}: {name} {} {op} {}",
        value_words(Some(metric), alert.tripped_value),
        value_words(Some(metric), alert.rule.trigger)
    )
}

/// An incident's figures in a line: "SL 52%, 42 waiting, longest wait 3:05, 12% abandoned".
pub fn figures_words(texts: &Texts, figures: &Impact) -> String {
    let r = &texts.record;
    let words: Vec<String> = [
        figures
            .service_level
            .map(|v| fill(r.service_level, &[&percent(v)])),
        figures.waiting.map(|w| fill(r.waiting, &[&w.to_string()])),
        figures
            .longest_wait_s
            .map(|s| fill(r.longest_wait, &[&duration(s)])),
        figures
            .abandon_rate
            .map(|v| fill(r.abandon_rate, &[&percent(v)])),
    ]
    .into_iter()
    .flatten()
    .collect();
    if words.is_empty() {
        return r.no_figures.to_owned();
    }
    words.join(", ")
}

/// One action of `run` in words, for the timeline and the export.
pub fn describe(texts: &Texts, run: &Run, action: &Action, utc_offset_s: i32) -> String {
    let r = &texts.record;
    let title = |step: &str| step_title(run, step);
    let answer = |yes: bool| if yes { r.yes } else { r.no };
    match &action.kind {
        ActionKind::Started => r.started.to_owned(),
        ActionKind::Completed { step } => fill(r.completed, &[&title(step)]),
        ActionKind::Overridden { step, reason } => fill(r.overridden, &[&title(step), reason]),
        ActionKind::OverriddenAll { reason } => fill(r.overridden_all, &[reason]),
        ActionKind::Answered { step, yes } => fill(r.answered, &[&title(step), answer(*yes)]),
        ActionKind::Sensed { step, value } => {
            fill(r.sensed, &[&title(step), &sensed_value(run, step, *value)])
        }
        ActionKind::Reopened { step, value } => fill(
            r.reopened,
            &[&title(step), &sensed_value(run, step, *value)],
        ),
        ActionKind::Note { text } => fill(r.note, &[text.as_str()]),
        ActionKind::Undone { of } => undone(texts, run, *of, utc_offset_s),
        ActionKind::Closed { outcome } => fill(r.closed, &[outcome]),
        ActionKind::Copied { step, .. } => {
            fill(r.copied, &[&title(step), &to_whom(texts, run, step)])
        }
        ActionKind::Figures { moment, figures } => {
            let template = match moment {
                Moment::Start => r.figures_start,
                Moment::Worst => r.figures_worst,
                Moment::Close => r.figures_close,
            };
            fill(template, &[&figures_words(texts, figures)])
        }
    }
}

/// A step by its title, quoted: 'Tell agents'. A step the checklist no
/// longer has keeps its id.
pub fn step_title(run: &Run, step: &str) -> String {
    let title = run
        .checklist()
        .step(step)
        .map_or(step, |s| s.title.as_str());
    format!("'{title}'")
}

/// Why `run` refused an action, in floor words: steps by their titles.
pub fn refused(texts: &Texts, run: &Run, error: &RunError) -> String {
    error_words(texts, error, |id| step_title(run, id))
}

/// A run's error in words where there is no run to take titles from (its
/// record did not replay): steps by their ids, quoted.
pub fn run_error_words(texts: &Texts, error: &RunError) -> String {
    error_words(texts, error, |id| format!("'{id}'"))
}

fn error_words(texts: &Texts, error: &RunError, title: impl Fn(&str) -> String) -> String {
    let r = &texts.record.refusals;
    let step = |template: &str, id: &str| fill(template, &[&title(id)]);
    match error {
        RunError::NoStep(_) => r.no_step.to_owned(),
        RunError::NotOpen(id) => step(r.not_open, id),
        RunError::IsQuestion(id) => step(r.is_question, id),
        RunError::NotQuestion(id) => step(r.not_question, id),
        RunError::ReasonRequired => r.reason_required.to_owned(),
        RunError::EarlierStepOpen(id) => step(r.earlier_step_open, id),
        RunError::NothingOpen => r.nothing_open.to_owned(),
        RunError::NothingToUndo => r.nothing_to_undo.to_owned(),
        RunError::Closed => r.closed.to_owned(),
        RunError::Replay(mismatch) => fill(r.replay, &[&replay_words(texts, mismatch)]),
    }
}

/// Where a record stops replaying, in words.
fn replay_words(texts: &Texts, mismatch: &ReplayMismatch) -> String {
    let r = &texts.record.refusals.replays;
    match mismatch {
        ReplayMismatch::NoActions => r.no_actions.to_owned(),
        ReplayMismatch::FirstNotStart => r.first_not_start.to_owned(),
        ReplayMismatch::ReplaysDifferently(seq) => fill(r.replays_differently, &[&seq.to_string()]),
        ReplayMismatch::NoStep(id) => fill(r.no_step, &[id]),
        ReplayMismatch::StartedTwice => r.started_twice.to_owned(),
    }
}

/// Whom a step's message is for, as its checklist says.
pub fn to_whom(texts: &Texts, run: &Run, step: &str) -> String {
    run.checklist()
        .step(step)
        .and_then(|s| s.who.clone())
        .unwrap_or_else(|| texts.record.anyone.to_owned())
}

/// "undid: 'Tell agents' marked done at 10:42": what was taken back, and when it was done.
fn undone(texts: &Texts, run: &Run, of: u32, utc_offset_s: i32) -> String {
    let r = &texts.record;
    let Some(action) = run.actions().iter().find(|a| a.seq == of) else {
        return r.undone_unknown.to_owned();
    };
    let title = |step: &str| step_title(run, step);
    let what = match &action.kind {
        ActionKind::Completed { step } => fill(r.was_completed, &[&title(step)]),
        ActionKind::Overridden { step, .. } => fill(r.was_overridden, &[&title(step)]),
        ActionKind::OverriddenAll { .. } => r.was_overridden_all.to_owned(),
        ActionKind::Answered { step, yes } => fill(
            r.was_answered,
            &[&title(step), if *yes { r.yes } else { r.no }],
        ),
        ActionKind::Note { text } => fill(r.was_note, &[text.as_str()]),
        _ => return r.undone_unknown.to_owned(),
    };
    fill(r.undone, &[&what, &clock(action.at, utc_offset_s)])
}

/// A sensed step's figure in its metric's unit.
fn sensed_value(run: &Run, step: &str, value: f64) -> String {
    let metric = run.checklist().step(step).and_then(|s| match &s.kind {
        StepKind::Sensed(condition) => Some(condition.metric),
        _ => None,
    });
    value_words(metric, value)
}

/// 0.842 → "84%": a share as the record and a copied message read it.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Seconds as `48s` under a minute, `m:ss` beyond (as durations read on the console).
fn duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round().min(f64::from(u32::MAX)) as u64;
    match total {
        0..60 => format!("{total}s"),
        60..3600 => format!("{}:{:02}", total / 60, total % 60),
        _ => format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60),
    }
}

/// `hh:mm` in the reader's zone.
pub fn clock(at: Timestamp, utc_offset_s: i32) -> String {
    let (h, m, _) = at.local_hms(utc_offset_s);
    format!("{h:02}:{m:02}")
}

#[cfg(test)]
mod tests {
    use super::value_words;
    use crate::engine::rules::Metric;

    #[test]
    fn figures_read_as_people_say_them() {
        assert_eq!(value_words(Some(Metric::ServiceLevel), 0.842), "84%");
        assert_eq!(value_words(Some(Metric::LongestWait), 185.0), "3:05");
        assert_eq!(value_words(Some(Metric::Asa), 20.0), "20s");
        assert_eq!(value_words(Some(Metric::Waiting), 42.0), "42");
        assert_eq!(value_words(None, 0.55), "55%", "an older record's share");
        assert_eq!(value_words(None, 1.0), "1");
    }
}
