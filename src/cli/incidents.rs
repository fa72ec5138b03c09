//! `floorwatch incidents list`: what the store holds, replayed into step states.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use serde::Serialize;

use super::args::{ExportFormat, StateDirArg, StoreStressArgs};
use super::output::{cell, write_json, write_lines};
use crate::app::AppState;
use crate::app::incident::{Incident, Trigger, queue};
use crate::config::checklist::{ChecklistCatalog, parse_checklist};
use crate::engine::checklist::{ActionKind, Completion, Outcome, Run, StepState};
use crate::engine::rules::Severity;
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
    trigger: Option<TriggerRecord>,
    started_at: String,
    started_by: String,
    /// `in_progress`, `complete` or `closed`.
    state: &'static str,
    steps: Vec<StepReport>,
    notes: Vec<String>,
    /// How it ended, when it was closed.
    outcome: Option<String>,
    closed_at: Option<String>,
    /// Everything that happened, in order; undone actions stay, followed by their undo.
    timeline: Vec<TimelineEntry>,
}

#[derive(Serialize)]
struct TimelineEntry {
    seq: u32,
    /// UTC.
    at: String,
    /// The same moment in the reader's zone, with its offset.
    local: String,
    /// The console's monotonic clock, when one recorded it (R28).
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
    state: &'static str,
    by: Option<String>,
    at: Option<String>,
    /// For done steps: `manual`, `sensed` or `overridden`; for answers: `yes` or `no`.
    how: Option<String>,
    reason: Option<String>,
    /// Seconds after its deadline it was done (negative: early); `None` while open.
    delay_s: Option<f64>,
}

pub fn list(json: bool, state: &StateDirArg) -> anyhow::Result<()> {
    let dir = state_dir(state)?;
    let store = Store::open_for_reading(&dir)?;
    let reports: Vec<IncidentReport> = store
        .incidents()?
        .iter()
        .map(report)
        .collect::<anyhow::Result<_>>()?;
    let mut out = std::io::stdout().lock();
    if json {
        return write_json(&mut out, &reports);
    }
    let mut text = Vec::new();
    if reports.is_empty() {
        writeln!(text, "no incidents in {}", dir.display())?;
    }
    for r in &reports {
        let drill = if r.drill { " DRILL" } else { "" };
        writeln!(
            text,
            "#{} {} v{} ({}){drill}: started {} by {}",
            r.id,
            clean(&r.title),
            r.version,
            r.state,
            r.started_at,
            clean(&r.started_by)
        )?;
        for s in &r.steps {
            let who = match (&s.by, &s.at) {
                (Some(by), Some(at)) => format!(" by {} at {at}", clean(by)),
                _ => String::new(),
            };
            writeln!(text, "  [{}] {}{who}", s.state, clean(&s.title))?;
        }
    }
    write_lines(&mut out, &String::from_utf8_lossy(&text))?;
    Ok(())
}

/// Carries on where the last console stopped (R21): every incident still
/// open is replayed from its journal into `state`, the top of the queue on
/// screen. Returns the store's id of each, by its place in `state`. One that
/// does not replay is left in the store (export shows it) and named in the
/// notice line: a broken record must not keep the console from starting.
pub fn restore_open(store: &Store, state: &mut AppState) -> anyhow::Result<Vec<(usize, u64)>> {
    let mut ids = Vec::new();
    let mut broken = Vec::new();
    for stored in store.incidents()? {
        let record = &stored.record;
        let run = parse_checklist(&record.checklist_source, &format!("incident {}", record.id))
            .map_err(anyhow::Error::from)
            .and_then(|checklist| Ok(Run::replay(checklist, &stored.actions)?));
        match run {
            Ok(run) if run.is_closed() => {}
            Ok(run) => {
                let local = state.incidents.len();
                let trigger = record.trigger.as_ref().map(trigger_of);
                let mut incident = Incident::restored(local, run, trigger, record.drill);
                incident.site.clone_from(&record.site);
                state.incidents.push(incident);
                ids.push((local, record.id));
            }
            Err(e) => {
                tracing::error!("incident {} not restored: {e:#}", record.id);
                broken.push(record.id.to_string());
            }
        }
    }
    if let Some(&top) = queue::queue(state).first() {
        queue::show(state, top);
    }
    if !broken.is_empty() {
        state.notice = Some(format!(
            "incident(s) {} could not be restored: see the log and `floorwatch incidents export`",
            broken.join(", ")
        ));
    }
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
    }
}

/// An incident's run, replayed against the checklist text it was run with.
fn replay(stored: &StoredIncident) -> anyhow::Result<Run> {
    let record = &stored.record;
    let checklist =
        parse_checklist(&record.checklist_source, &format!("incident {}", record.id))
            .with_context(|| format!("incident {}: its checklist no longer reads", record.id))?;
    Run::replay(checklist, &stored.actions).with_context(|| format!("incident {}", record.id))
}

/// An incident as the review reads it: replayed, step by step, with its timeline.
fn report(stored: &StoredIncident) -> anyhow::Result<IncidentReport> {
    let record = &stored.record;
    let run = replay(stored)?;
    let steps = run
        .checklist()
        .steps
        .iter()
        .zip(run.states())
        .enumerate()
        .map(|(i, (step, state))| step_report(&run, i, step, state))
        .collect();
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
                what: describe(&a.kind),
            }
        })
        .collect();
    Ok(IncidentReport {
        id: record.id,
        checklist: record.checklist_id.clone(),
        version: record.checklist_version,
        title: record.checklist_title.clone(),
        drill: record.drill,
        trigger: record.trigger.clone(),
        started_at: record.started_at.clone(),
        started_by: record.started_by.clone(),
        state: match (run.is_closed(), run.outcome()) {
            (true, _) => "closed",
            (false, Outcome::Complete) => "complete",
            (false, Outcome::Overridden { .. }) => "overridden",
            (false, Outcome::InProgress { .. }) => "in_progress",
        },
        steps,
        notes,
        outcome: closing.as_ref().map(|(o, _)| o.clone()),
        closed_at: closing.map(|(_, at)| at),
        timeline,
    })
}

/// One action in words, for the timeline.
fn describe(kind: &ActionKind) -> String {
    match kind {
        ActionKind::Started => "incident started".into(),
        ActionKind::Completed { step } => format!("completed {step}"),
        ActionKind::Overridden { step, reason } => format!("overrode {step}: {reason}"),
        ActionKind::OverriddenAll { reason } => {
            format!("overrode the whole checklist: {reason}")
        }
        ActionKind::Answered { step, yes } => {
            format!("answered {step}: {}", if *yes { "yes" } else { "no" })
        }
        ActionKind::Sensed { step, value } => format!("sensed {step} done (value {value:.3})"),
        ActionKind::Reopened { step, value } => {
            format!("reopened {step}: condition no longer holds (value {value:.3})")
        }
        ActionKind::Note { text } => format!("note: {text}"),
        ActionKind::Undone { of } => format!("undid action {of}"),
        ActionKind::Closed { outcome } => format!("closed: {outcome}"),
    }
}

fn step_report(
    run: &Run,
    index: usize,
    step: &crate::engine::checklist::Step,
    state: &StepState,
) -> StepReport {
    let mut report = StepReport {
        id: step.id.clone(),
        title: step.title.clone(),
        owner: step.owner.clone(),
        due: run.due(index).map(timestamp_to_wire),
        state: "open",
        by: None,
        at: None,
        how: None,
        reason: None,
        delay_s: None,
    };
    let delay = |at: crate::model::Timestamp| run.due(index).map(|due| at.secs_since(due));
    match state {
        StepState::Open => {}
        StepState::AwaitingAnswer => report.state = "awaiting_answer",
        StepState::Inactive => report.state = "inactive",
        StepState::Done { by, at, how } => {
            report.state = "done";
            report.by = Some(by.clone());
            report.at = Some(timestamp_to_wire(*at));
            report.delay_s = delay(*at);
            report.how = Some(
                match how {
                    Completion::Manual => "manual",
                    Completion::Sensed { .. } => "sensed",
                }
                .into(),
            );
        }
        StepState::Overridden {
            by,
            at,
            reason,
            whole,
        } => {
            report.state = if *whole {
                "overridden_with_checklist"
            } else {
                "overridden"
            };
            report.by = Some(by.clone());
            report.at = Some(timestamp_to_wire(*at));
            report.delay_s = delay(*at);
            report.reason = Some(reason.clone());
        }
        StepState::Answered {
            by,
            at,
            yes,
            implied_by,
        } => {
            report.state = "answered";
            report.by = Some(by.clone());
            report.at = Some(timestamp_to_wire(*at));
            report.delay_s = delay(*at);
            report.how = Some(if *yes { "yes" } else { "no" }.into());
            report.reason = implied_by
                .as_ref()
                .map(|step| format!("implied by yes on {step} (exclusive group)"));
        }
    }
    report
}

/// The crash tests' worker: continues the last incident (or opens one) and
/// adds notes, printing `ack INCIDENT SEQ` only after each is on disk.
pub fn store_stress(args: &StoreStressArgs) -> anyhow::Result<()> {
    let dir = state_dir(&args.state)?;
    let store = Store::open(&dir)?;
    let catalog = ChecklistCatalog::builtin();
    let (incident, mut run) = match store.incidents()?.pop() {
        Some(stored) => {
            let checklist = parse_checklist(&stored.record.checklist_source, "stored")?;
            (stored.record.id, Run::replay(checklist, &stored.actions)?)
        }
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
pub fn export(id: u64, format: ExportFormat, state: &StateDirArg) -> anyhow::Result<()> {
    let store = Store::open_for_reading(&state_dir(state)?)?;
    let stored = store
        .incident(id)?
        .with_context(|| format!("no incident {id} in {}", store.dir().display()))?;
    let report = report(&stored)?;
    let mut out = std::io::stdout().lock();
    match format {
        ExportFormat::Json => write_json(&mut out, &report)?,
        ExportFormat::Md => {
            let mut text = Vec::new();
            write_markdown(&mut text, &report)?;
            write_lines(&mut out, &String::from_utf8_lossy(&text))?;
        }
    }
    Ok(())
}

fn local_rfc3339(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc).map_or_else(
        |_| "?".into(),
        |t| {
            t.with_timezone(&chrono::Local)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
        },
    )
}

fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| "?".into(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        },
    )
}

/// The report as Markdown. Every value from outside (names, notes, reasons)
/// is one clean line, so none can start a heading or a row of its own.
fn write_markdown(out: &mut impl Write, r: &IncidentReport) -> std::io::Result<()> {
    let drill = if r.drill { " (DRILL)" } else { "" };
    writeln!(out, "# Incident {}: {}{drill}\n", r.id, clean(&r.title))?;
    writeln!(
        out,
        "- Checklist: `{}` version {}",
        clean(&r.checklist),
        r.version
    )?;
    writeln!(
        out,
        "- Started: {} by {}",
        r.started_at,
        clean(&r.started_by)
    )?;
    match &r.trigger {
        Some(t) => writeln!(
            out,
            "- Trigger: rule `{}` on {}: {} (value {:.3})",
            clean(&t.rule),
            clean(&t.subject),
            clean(&t.description),
            t.value
        )?,
        None => writeln!(out, "- Trigger: declared by hand")?,
    }
    writeln!(out, "- State: {}", r.state)?;
    if let (Some(outcome), Some(at)) = (&r.outcome, &r.closed_at) {
        writeln!(out, "- Outcome: {} (closed {at})", clean(outcome))?;
    }
    writeln!(out, "\n## Steps\n")?;
    writeln!(out, "| # | step | owner | state | by | at | due | delay |")?;
    writeln!(out, "|---|---|---|---|---|---|---|---|")?;
    for (i, s) in r.steps.iter().enumerate() {
        let state = match (&s.how, &s.reason) {
            (Some(how), Some(reason)) => format!("{} ({how}; {})", s.state, cell(reason)),
            (Some(how), None) => format!("{} ({how})", s.state),
            (None, Some(reason)) => format!("{}: {}", s.state, cell(reason)),
            (None, None) => s.state.to_string(),
        };
        let delay = s.delay_s.map_or(String::new(), |d| {
            if d > 0.0 {
                format!("{d:.0} s late")
            } else {
                format!("{:.0} s early", -d)
            }
        });
        writeln!(
            out,
            "| {} | {} | {} | {state} | {} | {} | {} | {delay} |",
            i + 1,
            cell(&s.title),
            cell(&s.owner),
            cell(s.by.as_deref().unwrap_or("")),
            s.at.as_deref().unwrap_or(""),
            s.due.as_deref().unwrap_or("")
        )?;
    }
    if !r.notes.is_empty() {
        writeln!(out, "\n## Notes\n")?;
        for note in &r.notes {
            writeln!(out, "- {}", clean(note))?;
        }
    }
    writeln!(out, "\n## Timeline\n")?;
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

/// A drill's score: how fast the first action came and each step against its deadline.
#[derive(Serialize)]
struct DrillScore {
    incident: u64,
    checklist: String,
    started_at: String,
    state: &'static str,
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
    /// Steps that apply and were never done.
    missed: usize,
    /// Steps done on time, of those that apply, in percent.
    score: u32,
}

/// `floorwatch drills list`: every drill with its score, oldest first.
pub fn drills(json: bool, state: &StateDirArg) -> anyhow::Result<()> {
    let store = Store::open_for_reading(&state_dir(state)?)?;
    let scores: Vec<DrillScore> = store
        .incidents()?
        .iter()
        .filter(|i| i.record.drill)
        .map(|i| Ok(score(&report(i)?, &replay(i)?)))
        .collect::<anyhow::Result<_>>()?;
    let mut out = std::io::stdout().lock();
    if json {
        return write_json(&mut out, &scores);
    }
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
            "#{} {} {} ({}): score {}% · {first} · {} on time, {} late, {} overridden, {} missed",
            s.incident,
            s.started_at,
            clean(&s.checklist),
            s.state,
            s.score,
            s.on_time,
            s.late,
            s.overridden,
            s.missed
        )?;
    }
    Ok(())
}

fn score(report: &IncidentReport, run: &Run) -> DrillScore {
    let start = run.started_at();
    let first_action = run
        .actions()
        .iter()
        .skip(1)
        .find(|a| a.by != crate::engine::checklist::SENSOR)
        .map(|a| a.at.secs_since(start));
    let speaks_to_customers = |id: &str| {
        run.checklist().step(id).is_some_and(|s| {
            s.who
                .as_deref()
                .is_some_and(|w| w.to_lowercase().contains("customer"))
        })
    };
    let first_customer_message = run
        .actions()
        .iter()
        .find(|a| matches!(&a.kind, ActionKind::Completed { step } if speaks_to_customers(step)))
        .map(|a| a.at.secs_since(start));
    let finished = run.outcome().is_finished().then(|| {
        run.states()
            .iter()
            .filter_map(|s| match s {
                StepState::Done { at, .. }
                | StepState::Overridden { at, .. }
                | StepState::Answered { at, .. } => Some(at.secs_since(start)),
                _ => None,
            })
            .fold(0.0, f64::max)
    });
    let count = |f: &dyn Fn(&StepReport) -> bool| report.steps.iter().filter(|s| f(s)).count();
    let on_time =
        count(&|s| matches!(s.state, "done" | "answered") && s.delay_s.is_some_and(|d| d <= 0.0));
    let late =
        count(&|s| matches!(s.state, "done" | "answered") && s.delay_s.is_some_and(|d| d > 0.0));
    let overridden = count(&|s| s.state.starts_with("overridden"));
    let missed = count(&|s| matches!(s.state, "open" | "awaiting_answer"));
    let applicable = (on_time + late + overridden + missed).max(1);
    DrillScore {
        incident: report.id,
        checklist: report.checklist.clone(),
        started_at: report.started_at.clone(),
        state: report.state,
        time_to_first_action_s: first_action,
        time_to_first_customer_message_s: first_customer_message,
        time_to_finish_s: finished,
        on_time,
        late,
        overridden,
        missed,
        score: u32::try_from(on_time * 100 / applicable).unwrap_or(0),
    }
}
