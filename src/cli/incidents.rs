//! `floorwatch incidents list`: what the store holds, replayed into step states.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use serde::{Serialize, Serializer};

use super::args::{StateDirArg, StoreStressArgs};
use super::output::{cell, write_json, write_lines};
use crate::app::incident::Trigger;
use crate::app::record;
use crate::app::text::{EN, fill};
use crate::app::{AppState, Msg, RestoredIncident};
use crate::config::checklist::{ChecklistCatalog, parse_checklist};
use crate::engine::checklist::{
    ActionKind, Completion, DrillScore, Impact, Moment, ReviewState, Run, StepOutcome, StepReview,
    StepState,
};
use crate::engine::rules::{Metric, Severity};
use crate::model::QueueId;
use crate::platform::wire::timestamp_to_wire;
use crate::store::records::{IncidentRecord, Monotonic, TriggerRecord};
use crate::store::{Store, StoredIncident};
use crate::untrusted::clean;

/// The state directory: `--state-dir`, else the platform's state directory.
pub fn state_dir(arg: &StateDirArg) -> anyhow::Result<PathBuf> {
    if let Some(dir) = &arg.state_dir {
        return Ok(dir.clone());
    }
    let dirs = directories::ProjectDirs::from("", "", "floorwatch")
        .context("no home directory to keep state in; give --state-dir")?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_owned())
}

#[derive(Serialize)]
struct IncidentReport {
    id: u64,
    checklist: String,
    version: u32,
    title: String,
    drill: bool,
    /// The alert that opened it; `None` when declared by hand.
    trigger: Option<TriggerReport>,
    started_at: String,
    /// Who opened it: an operator, or a rule by its name ("rule: site lost agents").
    started_by: String,
    /// `in_progress`, `complete`, `overridden` or `closed`.
    #[serde(serialize_with = "review_state_name")]
    state: ReviewState,
    steps: Vec<StepReport>,
    notes: Vec<String>,
    /// How it ended, when it was closed.
    outcome: Option<String>,
    closed_at: Option<String>,
    /// What it did to the floor, as the console kept it: at the start, at
    /// the worst, at the close.
    impact: ImpactReport,
    /// Every message copied to be sent: when, by whom, to whom, word for
    /// word; and each message step marked done without a copy, whose words
    /// are not on record. In the order they happened.
    messages: Vec<MessageReport>,
    /// Everything that happened, in order; undone actions stay, followed by their undo.
    timeline: Vec<TimelineEntry>,
}

/// The alert that opened an incident, in floor language.
#[derive(Serialize)]
struct TriggerReport {
    /// The rule by its name ("site lost agents").
    rule: String,
    /// Where it fired: a queue, a site, the floor or the platform.
    on: String,
    /// The alert as it fired ("North: agents lost 55% > 30%").
    alert: String,
    /// The value that tripped it, as people read it ("55%").
    value: String,
    severity: Option<String>,
}

#[derive(Serialize)]
struct ImpactReport {
    /// The incident's queue, or the floor.
    on: String,
    start: Option<FiguresReport>,
    /// Each figure at its worst while it was open.
    worst: Option<FiguresReport>,
    close: Option<FiguresReport>,
}

#[derive(Serialize)]
struct FiguresReport {
    /// When they were read, UTC.
    at: String,
    local: String,
    service_level: Option<String>,
    waiting: Option<u32>,
    longest_wait: Option<String>,
    abandon_rate: Option<String>,
    /// The same in a line: "SL 52%, 42 waiting, longest wait 3:05, 12% abandoned".
    words: String,
}

/// One message copied to be sent, or a message step marked done without a copy.
#[derive(Serialize)]
struct MessageReport {
    seq: u32,
    /// UTC.
    at: String,
    local: String,
    /// Who copied it, or marked its step done.
    by: String,
    /// Copied from floorwatch (`true`), or only marked done: then it was
    /// said from elsewhere and its words are not on record.
    copied: bool,
    /// The step, by its title.
    step: String,
    /// To whom, and how, as the checklist says.
    to: String,
    how: Option<String>,
    /// Word for word as it went to the clipboard, line by line (each line
    /// a clean string, as every string this prints); none when not copied.
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<String>>,
    /// The live values it was filled with, by placeholder.
    values: std::collections::BTreeMap<String, String>,
}

#[derive(Serialize)]
struct TimelineEntry {
    seq: u32,
    /// UTC.
    at: String,
    /// The same moment in the reader's zone, with its offset.
    local: String,
    /// The console's monotonic clock, when one recorded it: true intervals
    /// even when the wall clock was stepped.
    monotonic: Option<Monotonic>,
    by: String,
    what: String,
}

#[derive(Serialize)]
struct StepReport {
    id: String,
    title: String,
    owner: String,
    due: Option<String>,
    /// `open`, `awaiting_answer`, `inactive`, `done`, `overridden`,
    /// `overridden_with_checklist` or `answered`.
    #[serde(serialize_with = "step_outcome_name")]
    state: StepOutcome,
    by: Option<String>,
    at: Option<String>,
    /// For done steps: `manual` or `sensed`; for answers: `yes` or `no`.
    how: Option<String>,
    reason: Option<String>,
    /// Seconds after its deadline it was done (negative: early); `None` while open.
    delay_s: Option<f64>,
}

/// `floorwatch incidents list`: every incident with each step, who did it
/// and when; the text printed, every line and JSON string cleaned.
pub fn incidents_list(store: &Store, json: bool) -> anyhow::Result<String> {
    let reports: Vec<IncidentReport> = store
        .incidents()?
        .iter()
        .map(report)
        .collect::<anyhow::Result<_>>()?;
    if json {
        return json_text(&reports);
    }
    let mut text = Vec::new();
    if reports.is_empty() {
        writeln!(text, "no incidents in {}", store.dir().display())?;
    }
    for r in &reports {
        let drill = if r.drill { " DRILL" } else { "" };
        writeln!(
            text,
            "#{} {} v{} ({}){drill}: started {} by {}",
            r.id,
            clean(&r.title),
            r.version,
            incident_state_words(r.state),
            r.started_at,
            clean(&r.started_by)
        )?;
        for s in &r.steps {
            let who = match (&s.by, &s.at) {
                (Some(by), Some(at)) => format!(" by {} at {at}", clean(by)),
                _ => String::new(),
            };
            writeln!(text, "  [{}] {}{who}", state_in_words(s), clean(&s.title))?;
        }
    }
    lines_text(&text)
}

/// `value` as the reports print JSON: pretty, every string cleaned.
pub(super) fn json_text(value: &impl Serialize) -> anyhow::Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, value)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Report text as printed: each line cleaned.
pub(super) fn lines_text(text: &[u8]) -> anyhow::Result<String> {
    let mut out = Vec::new();
    write_lines(&mut out, &String::from_utf8_lossy(text))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Carries on where the last console stopped: every incident still open is
/// replayed from its journal into `state` (through `app::update`, which puts
/// the top of the queue on screen). Returns the store's id of each, by its
/// place in `state`. One that does not replay is left in the store (export
/// shows it) and named in the notice line: a broken record must not keep
/// the console from starting.
pub fn restore_open(store: &Store, state: &mut AppState) -> anyhow::Result<Vec<(usize, u64)>> {
    let first_local = state.incidents.len();
    let mut ids = Vec::new();
    let mut incidents = Vec::new();
    let mut broken = Vec::new();
    for stored in store.incidents()? {
        let record = &stored.record;
        match replay(&stored) {
            Ok(run) if run.is_closed() => {}
            Ok(run) => {
                // `update` appends them in this order.
                ids.push((first_local + incidents.len(), record.id));
                incidents.push(RestoredIncident {
                    run,
                    trigger: record.trigger.as_ref().map(trigger_of),
                    drill: record.drill,
                    site: record.site.clone(),
                });
            }
            Err(e) => {
                tracing::error!("incident {} not restored: {e:#}", record.id);
                broken.push(record.id);
            }
        }
    }
    crate::app::update(state, Msg::Restored { incidents, broken });
    Ok(ids)
}

fn trigger_of(record: &TriggerRecord) -> Trigger {
    Trigger {
        rule: record.rule.clone(),
        subject: record.subject.clone(),
        description: record.description.clone(),
        value: record.value,
        // Written before the queue existed: between advisory and critical.
        severity: record
            .severity
            .as_deref()
            .and_then(Severity::from_name)
            .unwrap_or(Severity::Warning),
        queue: record.queue.clone().map(QueueId),
        metric: record.metric.as_deref().and_then(Metric::from_name),
    }
}

/// An incident's run, replayed against the checklist text it was run with.
fn replay(stored: &StoredIncident) -> anyhow::Result<Run> {
    let record = &stored.record;
    let checklist =
        parse_checklist(&record.checklist_source, &format!("incident {}", record.id))
            .with_context(|| format!("incident {}: its checklist no longer reads", record.id))?;
    // The engine names what went wrong; the record's words say it.
    Run::replay(checklist, &stored.actions)
        .map_err(|e| anyhow::anyhow!(record::run_error_words(&EN, &e)))
        .with_context(|| format!("incident {}", record.id))
}

/// An incident as the review reads it: replayed, step by step, with its
/// timeline, the messages sent and the figures, in floor language.
fn report(stored: &StoredIncident) -> anyhow::Result<IncidentReport> {
    let record = &stored.record;
    let run = replay(stored)?;
    let offset = crate::shell::local_utc_offset_s();
    let review = run.review();
    let steps = review.steps.iter().map(step_report).collect();
    let notes = run
        .notes()
        .iter()
        .filter_map(|a| match &a.kind {
            ActionKind::Note { text } => {
                Some(format!("{} {}: {text}", timestamp_to_wire(a.at), a.by))
            }
            _ => None,
        })
        .collect();
    let closing = run.actions().iter().find_map(|a| match &a.kind {
        ActionKind::Closed { outcome } => Some((outcome.clone(), timestamp_to_wire(a.at))),
        _ => None,
    });
    let timeline = run
        .actions()
        .iter()
        .zip(stored.clocks.iter().chain(std::iter::repeat(&None)))
        .map(|(a, clock)| {
            let at = timestamp_to_wire(a.at);
            TimelineEntry {
                seq: a.seq,
                local: local_rfc3339(&at),
                at,
                monotonic: clock.clone(),
                by: a.by.clone(),
                what: record::describe(&EN, &run, a, offset),
            }
        })
        .collect();
    Ok(IncidentReport {
        id: record.id,
        checklist: record.checklist_id.clone(),
        version: record.checklist_version,
        title: record.checklist_title.clone(),
        drill: record.drill,
        trigger: record.trigger.as_ref().map(trigger_report),
        started_at: record.started_at.clone(),
        started_by: record.started_by.clone(),
        state: review.state,
        steps,
        notes,
        outcome: closing.as_ref().map(|(o, _)| o.clone()),
        closed_at: closing.map(|(_, at)| at),
        impact: impact_report(record.trigger.as_ref(), &run),
        messages: messages(&run),
        timeline,
    })
}

fn trigger_report(trigger: &TriggerRecord) -> TriggerReport {
    let metric = trigger.metric.as_deref().and_then(Metric::from_name);
    TriggerReport {
        // Older records did not keep what the rule watches: its id is all there is.
        rule: metric.map_or_else(
            || trigger.rule.clone(),
            |m| record::rule_name(&EN, m).to_owned(),
        ),
        on: trigger.subject.clone(),
        alert: trigger.description.clone(),
        value: record::value_words(metric, trigger.value),
        severity: trigger.severity.clone(),
    }
}

/// The figures the console kept: on the incident's queue, or the floor.
fn impact_report(trigger: Option<&TriggerRecord>, run: &Run) -> ImpactReport {
    let on = match trigger {
        Some(t) if t.queue.is_some() => t.subject.clone(),
        _ => EN.record.export.the_floor.to_owned(),
    };
    let figures = |moment| run.figures(moment).map(figures_report);
    ImpactReport {
        on,
        start: figures(Moment::Start),
        worst: figures(Moment::Worst),
        close: figures(Moment::Close),
    }
}

fn figures_report(figures: &Impact) -> FiguresReport {
    let at = timestamp_to_wire(figures.at);
    let percent = |v: Option<f64>| v.map(|v| record::value_words(Some(Metric::ServiceLevel), v));
    FiguresReport {
        local: local_rfc3339(&at),
        at,
        service_level: percent(figures.service_level),
        waiting: figures.waiting,
        longest_wait: figures
            .longest_wait_s
            .map(|s| record::value_words(Some(Metric::LongestWait), s)),
        abandon_rate: percent(figures.abandon_rate),
        words: record::figures_words(&EN, figures),
    }
}

/// What was said, to whom and when: each message copied, and each message
/// step marked done without a copy (told by phone from the checklist's
/// text, say), in the order they happened.
fn messages(run: &Run) -> Vec<MessageReport> {
    let mut said: Vec<MessageReport> = run
        .actions()
        .iter()
        .filter_map(|a| match &a.kind {
            ActionKind::Copied { step, text, values } => {
                let mut m = message_report(run, a, step);
                m.copied = true;
                m.lines = Some(text.lines().map(str::to_owned).collect());
                m.values.clone_from(values);
                Some(m)
            }
            _ => None,
        })
        .collect();
    said.extend(said_without_copy(run));
    said.sort_by_key(|m| m.seq);
    said
}

/// Each step with a message for someone, marked done by hand and never
/// copied: when it was marked, by whom. An undone mark is not among them.
fn said_without_copy(run: &Run) -> Vec<MessageReport> {
    let was_copied = |id: &str| {
        run.actions()
            .iter()
            .any(|a| matches!(&a.kind, ActionKind::Copied { step, .. } if step == id))
    };
    run.checklist()
        .steps
        .iter()
        .zip(run.states())
        .filter(|(step, state)| {
            step.say.is_some()
                && (step.who.is_some() || step.how.is_some())
                && matches!(
                    state,
                    StepState::Done {
                        how: Completion::Manual,
                        ..
                    }
                )
                && !was_copied(&step.id)
        })
        .filter_map(|(step, _)| {
            // The mark that stands is the last: an earlier one was undone.
            let marked = run.actions().iter().rev().find(
                |a| matches!(&a.kind, ActionKind::Completed { step: id } if *id == step.id),
            )?;
            Some(message_report(run, marked, &step.id))
        })
        .collect()
}

/// A message of `step` at `action`, with no words: the caller adds them
/// when it was copied.
fn message_report(
    run: &Run,
    action: &crate::engine::checklist::Action,
    step: &str,
) -> MessageReport {
    let at = timestamp_to_wire(action.at);
    let checklist_step = run.checklist().step(step);
    MessageReport {
        seq: action.seq,
        local: local_rfc3339(&at),
        at,
        by: action.by.clone(),
        copied: false,
        step: checklist_step.map_or_else(|| step.to_owned(), |s| s.title.clone()),
        to: record::to_whom(&EN, run, step),
        how: checklist_step
            .and_then(|s| s.how)
            .map(|c| c.name().replace('_', " ")),
        lines: None,
        values: std::collections::BTreeMap::new(),
    }
}

fn step_report(review: &StepReview<'_>) -> StepReport {
    let at = |t: Option<crate::model::Timestamp>| t.map(timestamp_to_wire);
    StepReport {
        id: review.step.id.clone(),
        title: review.step.title.clone(),
        owner: review.step.owner.clone(),
        due: at(review.due),
        state: review.outcome,
        by: review.by.map(str::to_owned),
        at: at(review.at),
        how: review.outcome.how().map(str::to_owned),
        reason: review.reason.map(str::to_owned).or_else(|| {
            review
                .implied_by
                .map(|step| format!("implied by yes on {step} (exclusive group)"))
        }),
        delay_s: review.delay_s,
    }
}

/// The JSON's name for where an incident stands.
fn review_state_name<S: Serializer>(state: &ReviewState, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(state.name())
}

/// The JSON's name for how a step ended up.
fn step_outcome_name<S: Serializer>(outcome: &StepOutcome, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(outcome.name())
}

/// The crash tests' worker: continues the last incident (or opens one) and
/// adds notes, printing `ack INCIDENT SEQ` only after each is on disk.
pub fn store_stress(args: &StoreStressArgs) -> anyhow::Result<()> {
    let dir = state_dir(&args.state)?;
    let store = Store::open(&dir)?;
    let catalog = ChecklistCatalog::builtin();
    let (incident, mut run) = match store.incidents()?.pop() {
        Some(stored) => (stored.record.id, replay(&stored)?),
        None => {
            let checklist = catalog
                .get("traffic-surge")
                .context("the shipped pack has traffic-surge")?
                .clone();
            let now = crate::shell::wall_now();
            let run = Run::start(checklist.clone(), now, "stress");
            let record = IncidentRecord {
                id: 0,
                checklist_id: checklist.id.clone(),
                checklist_version: checklist.version,
                checklist_title: checklist.title.clone(),
                checklist_source: catalog.source(&checklist.id).unwrap_or_default().to_owned(),
                trigger: None,
                drill: true,
                started_at: timestamp_to_wire(now),
                started_by: "stress".into(),
                site: None,
            };
            let id = store.open_incident(record, &run.actions()[0])?;
            (id, run)
        }
    };
    let mut out = std::io::stdout().lock();
    for n in 0..args.actions {
        run.note("stress", crate::shell::wall_now(), &format!("note {n}"))?;
        let action = run.actions().last().context("a note was just recorded")?;
        store.append(incident, action)?;
        writeln!(out, "ack {incident} {}", action.seq)?;
        out.flush()?;
    }
    Ok(())
}

/// `incidents export ID --format md|json`: the document a review meeting needs.
/// `floorwatch incidents export ID`: one incident for the review, as
/// Markdown or JSON; the text printed, cleaned.
pub fn incident_export(store: &Store, id: u64, json: bool) -> anyhow::Result<String> {
    let stored = store
        .incident(id)?
        .with_context(|| format!("no incident {id} in {}", store.dir().display()))?;
    let report = report(&stored)?;
    if json {
        return json_text(&report);
    }
    let mut text = Vec::new();
    write_markdown(&mut text, &report)?;
    lines_text(&text)
}

pub(super) fn local_rfc3339(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc).map_or_else(
        |_| "?".into(),
        |t| {
            t.with_timezone(&chrono::Local)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
        },
    )
}

/// `2026-12-03 10:42:05` in the reader's zone.
fn local_date_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| "?".into(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    )
}

pub(super) fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| "?".into(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        },
    )
}

/// The report as Markdown, in floor language. Every value from outside
/// (names, notes, reasons, messages) is one clean line, so none can start a
/// heading or a row of its own.
fn write_markdown(out: &mut impl Write, r: &IncidentReport) -> std::io::Result<()> {
    let x = &EN.record.export;
    let drill = if r.drill { x.drill } else { "" };
    let title = format!("{}{drill}", clean(&r.title));
    writeln!(out, "{}\n", fill(x.heading, &[&r.id.to_string(), &title]))?;
    let version = r.version.to_string();
    writeln!(
        out,
        "{}",
        fill(x.checklist, &[&clean(&r.checklist), &version])
    )?;
    let opened = local_date_time(&r.started_at);
    writeln!(
        out,
        "{}",
        fill(x.opened, &[&opened, &r.started_at, &clean(&r.started_by)])
    )?;
    match &r.trigger {
        Some(t) => writeln!(out, "{}", fill(x.alert, &[&clean(&t.alert)]))?,
        None => writeln!(out, "{}", x.declared)?,
    }
    writeln!(out, "{}", fill(x.state, &[incident_state_words(r.state)]))?;
    if let (Some(outcome), Some(at)) = (&r.outcome, &r.closed_at) {
        let at = local_date_time(at);
        writeln!(out, "{}", fill(x.outcome, &[&clean(outcome), &at]))?;
    }
    write_impact(out, &r.impact)?;
    write_messages(out, &r.messages)?;
    write_steps(out, &r.steps)?;
    if !r.notes.is_empty() {
        writeln!(out, "\n{}\n", x.notes_heading)?;
        for note in &r.notes {
            writeln!(out, "- {}", clean(note))?;
        }
    }
    writeln!(out, "\n{}\n", x.timeline_heading)?;
    // UTC for the record, local time for the people in the room, and the
    // console's monotonic clock for intervals that survive a clock step.
    for e in &r.timeline {
        let mono = e.monotonic.as_ref().map_or(String::new(), |m| {
            format!(
                ", mono {} +{:.3} s",
                clean(&m.console),
                m.ms as f64 / 1000.0
            )
        });
        writeln!(
            out,
            "- {} {} (local {}{mono}) {}: {}",
            e.seq,
            e.at,
            local_time(&e.at),
            clean(&e.by),
            clean(&e.what)
        )?;
    }
    Ok(())
}

/// The figures at the start, at the worst and at the close, side by side.
fn write_impact(out: &mut impl Write, impact: &ImpactReport) -> std::io::Result<()> {
    let x = &EN.record.export;
    writeln!(out, "\n{}\n", fill(x.impact_heading, &[&clean(&impact.on)]))?;
    let moments = [&impact.start, &impact.worst, &impact.close];
    if moments.iter().all(|m| m.is_none()) {
        return writeln!(out, "{}", x.no_live_figures);
    }
    let [figure, start, worst, close] = x.impact_columns;
    let at = |m: &Option<FiguresReport>| m.as_ref().map_or(String::new(), |f| local_time(&f.at));
    writeln!(
        out,
        "| {figure} | {start} ({}) | {worst} ({}) | {close} ({}) |",
        at(&impact.start),
        at(&impact.worst),
        at(&impact.close)
    )?;
    writeln!(out, "|---|---|---|---|")?;
    let dash = EN.misc.nothing_counted;
    let rows: [fn(&FiguresReport) -> Option<String>; 4] = [
        |f| f.service_level.clone(),
        |f| f.waiting.map(|w| w.to_string()),
        |f| f.longest_wait.clone(),
        |f| f.abandon_rate.clone(),
    ];
    for (name, value) in x.impact_rows.iter().zip(rows) {
        let cells: Vec<String> = moments
            .iter()
            .map(|m| {
                m.as_ref()
                    .and_then(value)
                    .unwrap_or_else(|| dash.to_owned())
            })
            .collect();
        writeln!(out, "| {name} | {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Each message copied to be sent: when, who copied it, for whom, word for
/// word; and each marked done without a copy, saying its words are not on record.
fn write_messages(out: &mut impl Write, messages: &[MessageReport]) -> std::io::Result<()> {
    let x = &EN.record.export;
    writeln!(out, "\n{}\n", x.messages_heading)?;
    if messages.is_empty() {
        return writeln!(out, "{}", x.no_messages);
    }
    for m in messages {
        let how = m.how.as_ref().map_or(String::new(), |h| format!(" ({h})"));
        let step = format!("'{}'", clean(&m.step));
        let template = if m.copied {
            x.message
        } else {
            x.said_not_copied
        };
        let line = fill(
            template,
            &[
                &local_time(&m.at),
                &clean(&m.by),
                &step,
                &clean(&m.to),
                &how,
            ],
        );
        writeln!(out, "{line}\n")?;
        // Marked done without a copy: there are no words to quote.
        if !m.copied {
            continue;
        }
        for line in m.lines.iter().flatten() {
            writeln!(out, "  > {}", clean(line))?;
        }
        let carried = carried_figures(&m.values);
        if !carried.is_empty() {
            writeln!(out, "\n{}", fill(x.carried, &[&clean(&carried)]))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The figures among a message's values, in words ("SL 52%, 42 waiting").
fn carried_figures(values: &std::collections::BTreeMap<String, String>) -> String {
    let r = &EN.record;
    let word = |name: &str, template: &str| values.get(name).map(|v| fill(template, &[v]));
    [
        word("service_level", r.service_level),
        word("waiting", r.waiting),
        word("longest_wait", r.longest_wait),
        word("abandon_rate", r.abandon_rate),
        values.get("value").map(|v| match values.get("trigger") {
            Some(rule) => format!("{rule} {v}"),
            None => v.clone(),
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

fn write_steps(out: &mut impl Write, steps: &[StepReport]) -> std::io::Result<()> {
    let x = &EN.record.export;
    writeln!(out, "\n{}\n", x.steps_heading)?;
    writeln!(out, "{}", x.step_columns)?;
    for (i, s) in steps.iter().enumerate() {
        let words = step_state_words(s.state);
        let state = match (&s.how, &s.reason) {
            (Some(how), Some(reason)) => format!("{words} ({how}; {})", cell(reason)),
            (Some(how), None) => format!("{words} ({how})"),
            (None, Some(reason)) => format!("{words}: {}", cell(reason)),
            (None, None) => words.to_string(),
        };
        let delay = s.delay_s.map_or(String::new(), |d| {
            let by = record::value_words(Some(Metric::LongestWait), d.abs());
            fill(if d > 0.0 { x.late } else { x.early }, &[&by])
        });
        let time = |t: &Option<String>| t.as_deref().map_or(String::new(), local_time);
        writeln!(
            out,
            "| {} | {} | {} | {state} | {} | {} | {} | {delay} |",
            i + 1,
            cell(&s.title),
            cell(&s.owner),
            cell(s.by.as_deref().unwrap_or("")),
            time(&s.at),
            time(&s.due)
        )?;
    }
    Ok(())
}

/// A step's state as the review table says it.
fn step_state_words(outcome: StepOutcome) -> &'static str {
    let c = &EN.checklist;
    let [done, overridden, overridden_with_checklist, answered, open] =
        EN.record.export.step_states;
    match outcome {
        StepOutcome::AwaitingAnswer => c.awaiting,
        StepOutcome::Inactive => c.inactive,
        StepOutcome::Done { .. } => done,
        StepOutcome::Overridden {
            with_checklist: false,
        } => overridden,
        StepOutcome::Overridden {
            with_checklist: true,
        } => overridden_with_checklist,
        StepOutcome::Answered { .. } => answered,
        StepOutcome::Open => open,
    }
}

/// A step's state and how it came about, as `incidents list` says it:
/// "done (manual)", "answered (no)", "after the answer".
fn state_in_words(step: &StepReport) -> String {
    let words = step_state_words(step.state);
    match &step.how {
        Some(how) => format!("{words} ({how})"),
        None => words.to_owned(),
    }
}

/// An incident's state in words: "in progress", "closed".
fn incident_state_words(state: ReviewState) -> &'static str {
    let [in_progress, complete, overridden, closed] = EN.record.export.incident_states;
    match state {
        ReviewState::Complete => complete,
        ReviewState::Overridden => overridden,
        ReviewState::Closed => closed,
        ReviewState::InProgress => in_progress,
    }
}

/// A drill's score: how fast the first action came and each step against
/// its deadline (the engine's `DrillScore`, with the incident it is of).
#[derive(Serialize)]
struct DrillReport {
    incident: u64,
    checklist: String,
    started_at: String,
    #[serde(serialize_with = "review_state_name")]
    state: ReviewState,
    /// Seconds from the start to the operator's first action.
    time_to_first_action_s: Option<f64>,
    /// Seconds from the start to the first step done that speaks to
    /// customers (its `who` names customers: IVR, status page …).
    time_to_first_customer_message_s: Option<f64>,
    /// Seconds from the start until nothing was left open.
    time_to_finish_s: Option<f64>,
    on_time: usize,
    late: usize,
    overridden: usize,
    /// Steps that apply, were due by the end of the drill and were never done.
    missed: usize,
    /// Steps still open whose deadline had not come when the drill ended
    /// (or, for one not ended, by now): not scored.
    not_due: usize,
    /// Steps done on time, of those that apply and were due (or done), in
    /// percent; `None` when nothing was due and nothing done: not scored.
    score: Option<u32>,
}

/// `floorwatch drills list`: every drill with its score, oldest first.
pub fn drills_list(store: &Store, json: bool) -> anyhow::Result<String> {
    let scores: Vec<DrillReport> = store
        .incidents()?
        .iter()
        .filter(|i| i.record.drill)
        .map(|i| {
            // A drill not ended is scored as of now.
            let score = replay(i)?.drill_score(crate::shell::wall_now());
            Ok(drill_report(&report(i)?, score))
        })
        .collect::<anyhow::Result<_>>()?;
    if json {
        return json_text(&scores);
    }
    let mut out = Vec::new();
    if scores.is_empty() {
        writeln!(out, "no drills yet: floorwatch drill surge")?;
    }
    for s in &scores {
        let first = s.time_to_first_action_s.map_or_else(
            || "no action".into(),
            |t| format!("first action after {t:.0} s"),
        );
        writeln!(
            out,
            "#{} {} {} ({}): score {} · {first} · {} on time, {} late, {} overridden, {} missed, {} not due yet",
            s.incident,
            s.started_at,
            clean(&s.checklist),
            incident_state_words(s.state),
            s.score
                .map_or_else(|| "— (nothing was due)".into(), |p| format!("{p}%")),
            s.on_time,
            s.late,
            s.overridden,
            s.missed,
            s.not_due
        )?;
    }
    lines_text(&out)
}

fn drill_report(report: &IncidentReport, score: DrillScore) -> DrillReport {
    DrillReport {
        incident: report.id,
        checklist: report.checklist.clone(),
        started_at: report.started_at.clone(),
        state: report.state,
        time_to_first_action_s: score.time_to_first_action_s,
        time_to_first_customer_message_s: score.time_to_first_customer_message_s,
        time_to_finish_s: score.time_to_finish_s,
        on_time: score.on_time,
        late: score.late,
        overridden: score.overridden,
        missed: score.missed,
        not_due: score.not_due,
        score: score.score,
    }
}
