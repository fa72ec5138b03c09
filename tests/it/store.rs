//! The store from outside: act, then `kill -9` at a random moment, fifty
//! times over, and no acknowledged action is lost; and the reports it feeds
//! (`incidents list`, `incidents export`).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use floorwatch::config::checklist::parse_checklist;
use floorwatch::engine::checklist::Run;
use floorwatch::store::Store;
use rand::{Rng, SeedableRng};

use super::cli::floorwatch;

const CYCLES: usize = 50;

/// The record a console writes when `run` starts, from the shipped text of its checklist.
pub(crate) fn record_for(
    run: &Run,
    trigger: Option<floorwatch::store::records::TriggerRecord>,
    drill: bool,
) -> floorwatch::store::records::IncidentRecord {
    let checklist = run.checklist();
    let first = &run.actions()[0];
    floorwatch::store::records::IncidentRecord {
        id: 0,
        checklist_id: checklist.id.clone(),
        checklist_version: checklist.version,
        checklist_title: checklist.title.clone(),
        checklist_source: floorwatch::config::checklist::ChecklistCatalog::builtin()
            .source(&checklist.id)
            .unwrap()
            .to_owned(),
        trigger,
        drill,
        started_at: floorwatch::platform::wire::timestamp_to_wire(first.at),
        started_by: first.by.clone(),
        site: None,
    }
}

/// Runs floorwatch on the state directory and reads its JSON output.
fn json_of(args: &[&str], dir: &std::path::Path) -> serde_json::Value {
    super::cli::json_of(floorwatch().args(args).arg("--state-dir").arg(dir))
}

/// One worker, killed after `after`; the (incident, seq) pairs it acknowledged.
fn act_then_kill(dir: &std::path::Path, after: Duration) -> Vec<(u64, u32)> {
    let mut child = floorwatch()
        .args(["store-stress", "--state-dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let mut words = line.split_whitespace().skip(1);
            if let (Some(i), Some(s)) = (words.next(), words.next()) {
                let _ = tx.send((i.parse().unwrap(), s.parse().unwrap()));
            }
        }
    });
    let started = Instant::now();
    while started.elapsed() < after {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    reader.join().unwrap();
    rx.try_iter().collect()
}

#[test]
fn kill_9_at_random_moments_loses_no_acknowledged_action() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20261202);
    let mut acknowledged: BTreeSet<(u64, u32)> = BTreeSet::new();
    for _ in 0..CYCLES {
        // Some kills land while the store is still opening.
        let after = Duration::from_millis(rng.random_range(5..300));
        acknowledged.extend(act_then_kill(dir.path(), after));
    }
    assert!(
        acknowledged.len() > CYCLES,
        "the workers got to act: {} acks",
        acknowledged.len()
    );

    let store = Store::open(dir.path()).expect("the store opens after every crash");
    let incidents = store.incidents().unwrap();
    let mut stored: BTreeSet<(u64, u32)> = BTreeSet::new();
    for incident in &incidents {
        let seqs: Vec<u32> = incident.actions.iter().map(|a| a.seq).collect();
        let contiguous: Vec<u32> = (1..=seqs.len() as u32).collect();
        assert_eq!(seqs, contiguous, "incident {}: no gaps", incident.record.id);
        let checklist = parse_checklist(&incident.record.checklist_source, "stored").unwrap();
        Run::replay(checklist, &incident.actions).expect("the journal replays");
        stored.extend(seqs.iter().map(|s| (incident.record.id, *s)));
    }
    let lost: Vec<_> = acknowledged.difference(&stored).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
}

#[test]
fn incidents_list_shows_each_step_with_its_actor_and_time() {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::model::Timestamp;

    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("telephony-outage").unwrap().clone();
    let t0 = Timestamp::from_secs(1_795_390_000);
    let mut run = Run::start(checklist.clone(), t0, "ana@10.1.2.3");
    {
        let store = Store::open(dir.path()).unwrap();
        let id = store
            .open_incident(record_for(&run, None, false), &run.actions()[0])
            .unwrap();
        run.complete(0, "ana@10.1.2.3", t0.plus(Duration::from_secs(90)))
            .unwrap();
        store.append(id, run.actions().last().unwrap()).unwrap();
    }
    let list = json_of(&["incidents", "list", "--json"], dir.path());
    let first = &list[0]["steps"][0];
    assert_eq!(list[0]["checklist"], "telephony-outage");
    assert_eq!(list[0]["state"], "in_progress");
    assert_eq!(first["state"], "done");
    assert_eq!(first["by"], "ana@10.1.2.3");
    assert_eq!(
        first["at"],
        floorwatch::platform::wire::timestamp_to_wire(t0.plus(Duration::from_secs(90)))
    );
    assert_eq!(list[0]["steps"][1]["state"], "open");
}

#[test]
fn an_incident_exports_as_the_document_a_review_needs() {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::model::Timestamp;
    use floorwatch::store::records::TriggerRecord;

    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("site-power-outage").unwrap().clone();
    let t0 = Timestamp::from_secs(1_795_390_000);
    let later = |s: u64| t0.plus(Duration::from_secs(s));
    // Opened by a rule, as a console opens it.
    let mut run = Run::start(checklist.clone(), t0, "rule: site lost agents");
    let store = Store::open(dir.path()).unwrap();
    let trigger = Some(TriggerRecord {
        rule: "site-agents-lost".into(),
        subject: "North".into(),
        description: "North: agents lost 55% > 30%".into(),
        value: 0.55,
        severity: Some("critical".into()),
        queue: None,
        metric: Some("site_agents_lost".into()),
    });
    let id = store
        .open_incident(record_for(&run, trigger, false), &run.actions()[0])
        .unwrap();
    let figures = |s: u64, sl: f64, waiting: u32, longest: f64, abandon: f64| {
        floorwatch::engine::checklist::Impact {
            at: later(s),
            service_level: Some(sl),
            waiting: Some(waiting),
            longest_wait_s: Some(longest),
            abandon_rate: Some(abandon),
        }
    };
    run.observe(figures(2, 0.842, 12, 65.0, 0.031));
    run.complete(0, "ana", later(30)).unwrap();
    run.copied(
        1,
        "ana",
        later(60),
        "Please move North's calls.\nSL 41% now.",
        [("service_level".to_string(), "41%".to_string())].into(),
    )
    .unwrap();
    run.observe(figures(300, 0.41, 57, 372.0, 0.19));
    run.override_step(1, "bo", later(400), "site director already on site")
        .unwrap();
    run.note("ana", later(500), "UPS failed at 09:12").unwrap();
    run.complete(2, "ana", later(600)).unwrap();
    run.undo("ana", later(610)).unwrap();
    run.observe(figures(3500, 0.88, 3, 20.0, 0.04));
    run.close(
        "ana",
        later(3600),
        "power back 10:05; no customer impact after 10:20",
    )
    .unwrap();
    // As a console writes them: each with its monotonic reading.
    for (i, action) in run.actions()[1..].iter().enumerate() {
        let clock = floorwatch::store::records::Monotonic {
            console: "4242@2026-11-22T23:30:00.000Z".into(),
            ms: 1_000 * (i as u64 + 1),
        };
        store.append_clocked(id, action, Some(&clock)).unwrap();
    }
    drop(store);

    let export = |format: &str| {
        let output = floorwatch()
            .args([
                "incidents",
                "export",
                &id.to_string(),
                "--format",
                format,
                "--state-dir",
            ])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let md = export("md");
    let at = |s: u64| {
        let t = chrono::DateTime::from_timestamp_millis(later(s).as_millis()).unwrap();
        t.with_timezone(&chrono::Local).format("%H:%M").to_string()
    };
    for expected in [
        "# Incident 1: ",
        "by rule: site lost agents",
        "- Alert: North: agents lost 55% > 30%",
        "Outcome: power back 10:05; no customer impact after 10:20",
        "## Impact on the floor",
        "| service level | 84% | 41% | 88% |",
        "| waiting | 12 | 57 | 3 |",
        "| longest wait | 1:05 | 6:12 | 20s |",
        "| abandoned | 3% | 19% | 4% |",
        "## What was said, to whom, when",
        "ana copied 'Move the site's calls to the other sites and home workers' for IT/telecom on-call (phone):",
        "  > Please move North's calls.\n  > SL 41% now.",
        "Figures it carried: SL 41%",
        "## Steps",
        "| 1 |",
        "overridden: site director already on site",
        "## Notes",
        "UPS failed at 09:12",
        "## Timeline",
        "marked done: 'Confirm life safety at the site with facilities / security'",
        &format!(
            "undid: 'First notice to the site director and head of operations' marked done at {}",
            at(600)
        ),
        "closed: power back",
        "figures at the start: SL 84%, 12 waiting, longest wait 1:05, 3% abandoned",
        "bo: overrode 'Move the site's calls",
        "mono 4242@2026-11-22T23:30:00.000Z +",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    // Floor language: no rule ids, step ids, raw fractions or action numbers.
    for unwanted in [
        "site-agents-lost",
        "life-safety",
        "reroute-site",
        "first-notice",
        "0.55",
        "0.842",
        "undid action",
    ] {
        assert!(!md.contains(unwanted), "{unwanted:?} in\n{md}");
    }
    let json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(json["state"], "closed");
    assert_eq!(json["started_by"], "rule: site lost agents");
    assert_eq!(json["trigger"]["rule"], "site lost agents");
    assert_eq!(json["trigger"]["value"], "55%");
    assert_eq!(json["impact"]["start"]["service_level"], "84%");
    assert_eq!(json["impact"]["worst"]["waiting"], 57);
    assert_eq!(json["impact"]["close"]["abandon_rate"], "4%");
    // Life safety was confirmed by phone, marked done without a copy: it comes first.
    assert_eq!(json["messages"][0]["copied"], false);
    let message = &json["messages"][1];
    assert_eq!(message["copied"], true);
    assert_eq!(message["to"], "IT/telecom on-call");
    assert_eq!(message["how"], "phone");
    assert_eq!(message["by"], "ana");
    assert_eq!(
        message["lines"],
        serde_json::json!(["Please move North's calls.", "SL 41% now."])
    );
    assert_eq!(message["values"]["service_level"], "41%");
    assert_eq!(json["steps"][0]["by"], "ana");
    assert!(
        json["steps"][0]["delay_s"].as_f64().unwrap() < 0.0,
        "done before its deadline"
    );
    // Each event once, in order, with UTC, local time and the monotonic clock.
    let timeline = json["timeline"].as_array().unwrap();
    let seqs: Vec<u64> = timeline
        .iter()
        .map(|e| e["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, (1..=run.actions().len() as u64).collect::<Vec<_>>());
    for event in timeline {
        let (utc, local) = (
            event["at"].as_str().unwrap(),
            event["local"].as_str().unwrap(),
        );
        assert!(utc.ends_with('Z'), "{event}");
        let same = chrono::DateTime::parse_from_rfc3339(local).unwrap()
            == chrono::DateTime::parse_from_rfc3339(utc).unwrap();
        assert!(same, "local is the same moment: {event}");
    }
    assert!(
        timeline[0]["monotonic"].is_null(),
        "the start was not clocked here"
    );
    let mono: Vec<u64> = timeline[1..]
        .iter()
        .map(|e| e["monotonic"]["ms"].as_u64().unwrap())
        .collect();
    assert_eq!(
        mono,
        (1..timeline.len() as u64)
            .map(|i| i * 1_000)
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_new_console_restores_the_open_incidents_and_names_a_broken_one() {
    use floorwatch::app::{AppState, Screen};
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::engine::checklist::StepState;
    use floorwatch::model::Timestamp;
    use floorwatch::store::records::{IncidentRecord, TriggerRecord};

    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let t0 = Timestamp::from_secs(1_795_390_000);
    let store = Store::open(dir.path()).unwrap();
    let record = |id: &str, severity: &str, source: Option<&str>| IncidentRecord {
        id: 0,
        checklist_id: id.into(),
        checklist_version: 1,
        checklist_title: id.into(),
        checklist_source: source
            .unwrap_or_else(|| catalog.source(id).unwrap())
            .to_owned(),
        trigger: Some(TriggerRecord {
            rule: "r".into(),
            subject: "Billing".into(),
            description: "Billing: SL low".into(),
            value: 0.4,
            severity: Some(severity.into()),
            queue: Some("billing".into()),
            metric: None,
        }),
        drill: false,
        started_at: floorwatch::platform::wire::timestamp_to_wire(t0),
        started_by: "ana".into(),
        site: None,
    };
    let plan = |id: &str| catalog.get(id).unwrap().clone();
    // Closed: history only.
    let mut closed = Run::start(plan("severe-weather"), t0, "ana");
    let id = store
        .open_incident(
            record("severe-weather", "warning", None),
            &closed.actions()[0],
        )
        .unwrap();
    closed.close("ana", t0, "over").unwrap();
    store.append(id, closed.actions().last().unwrap()).unwrap();
    // Open, a warning, one step done.
    let mut warning = Run::start(plan("complaint-spike"), t0, "ana");
    let warning_id = store
        .open_incident(
            record("complaint-spike", "warning", None),
            &warning.actions()[0],
        )
        .unwrap();
    warning.complete(0, "ana", t0).unwrap();
    store.append(warning_id, &warning.actions()[1]).unwrap();
    // Open, critical, later: it heads the queue.
    let surge = Run::start(
        plan("traffic-surge"),
        t0.plus(Duration::from_secs(60)),
        "bo",
    );
    let surge_id = store
        .open_incident(
            record("traffic-surge", "critical", None),
            &surge.actions()[0],
        )
        .unwrap();
    // Its checklist text does not read: left in the store, named.
    let broken = Run::start(plan("traffic-surge"), t0, "ana");
    let broken_id = store
        .open_incident(
            record("traffic-surge", "critical", Some("id = 3")),
            &broken.actions()[0],
        )
        .unwrap();

    let mut state = AppState::new(
        floorwatch::engine::Floor::new(floorwatch::engine::EngineSettings::default()),
        t0,
        0,
    );
    let ids = floorwatch::cli::incidents::restore_open(&store, &mut state).unwrap();
    assert_eq!(ids, [(0, warning_id), (1, surge_id)]);
    assert!(matches!(
        state.incidents[0].run.states()[0],
        StepState::Done { .. }
    ));
    assert_eq!(
        state.incidents[0].saved_seq, 2,
        "what was restored is on disk"
    );
    assert!(!state.incidents[0].is_unsaved(0));
    assert_eq!(
        state.incidents[0]
            .trigger
            .as_ref()
            .and_then(|t| t.queue.clone()),
        Some(floorwatch::model::QueueId("billing".into()))
    );
    assert_eq!(
        state.view.screen,
        Screen::Checklist {
            incident: 1,
            selected: 0
        },
        "the critical one on screen"
    );
    assert!(
        state
            .view
            .notice
            .as_deref()
            .unwrap_or("")
            .contains(&broken_id.to_string()),
        "{:?}",
        state.view.notice
    );
}

#[test]
fn a_scripted_drill_scores_exactly_what_the_operator_did() {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::model::Timestamp;

    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let plan = catalog.get("traffic-surge").unwrap().clone();
    let t0 = Timestamp::from_secs(1_795_390_000);
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    let mut run = Run::start(plan.clone(), t0, "ana");
    // Known inputs on a fake clock: the IVR message (customers) at 1:30, on
    // time; the floor briefed at 7:00, late (due 5:00); WFM overridden; then
    // everything else passed over at once.
    run.note("ana", at(40), "drill begins").unwrap();
    run.complete(0, "ana", at(90)).unwrap();
    run.complete(1, "ana", at(420)).unwrap();
    run.override_step(2, "ana", at(430), "WFM is part of the drill script")
        .unwrap();
    run.override_all("ana", at(600), "drill ends here").unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = store
        .open_incident(record_for(&run, None, true), &run.actions()[0])
        .unwrap();
    for action in &run.actions()[1..] {
        store.append(id, action).unwrap();
    }
    drop(store);
    let drills = json_of(&["drills", "list", "--json"], dir.path());
    let drill = &drills[0];
    assert_eq!(drill["time_to_first_action_s"], 40.0, "{drill:#}");
    assert_eq!(drill["time_to_first_customer_message_s"], 90.0, "{drill:#}");
    assert_eq!(drill["time_to_finish_s"], 600.0, "{drill:#}");
    assert_eq!(drill["state"], "overridden");
    assert_eq!(
        (drill["on_time"].as_u64(), drill["late"].as_u64()),
        (Some(1), Some(1))
    );
    let steps = plan.steps.len() as u64;
    assert_eq!(drill["overridden"].as_u64(), Some(steps - 2), "{drill:#}");
    assert_eq!(drill["missed"], 0);
    assert_eq!(drill["score"].as_u64(), Some(100 / steps));
}
