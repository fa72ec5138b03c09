//! A real sled database in a temp dir: what is written survives a reopen,
//! the journal is append-only, one console per directory, schema versions.

#![allow(clippy::unwrap_used)]

use super::records::{IncidentRecord, Monotonic, TriggerRecord};
use super::*;
use crate::config::checklist::ChecklistCatalog;
use crate::config::checklist::parse_checklist;
use crate::engine::checklist::Run;
use crate::model::Timestamp;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_secs(1_767_600_000 + secs)
}

fn surge_record(catalog: &ChecklistCatalog) -> IncidentRecord {
    let checklist = catalog.get("traffic-surge").unwrap();
    IncidentRecord {
        id: 0,
        checklist_id: checklist.id.clone(),
        checklist_version: checklist.version,
        checklist_title: checklist.title.clone(),
        checklist_source: catalog.source("traffic-surge").unwrap().to_owned(),
        trigger: Some(TriggerRecord {
            rule: "floor-sl-critical".into(),
            subject: "floor".into(),
            description: "floor: SL 41.0% < 50% (interval)".into(),
            value: 0.41,
            severity: Some("critical".into()),
            queue: None,
            metric: Some("service_level".into()),
        }),
        drill: false,
        started_at: crate::platform::wire::timestamp_to_wire(at(0)),
        started_by: "ana".into(),
        site: None,
    }
}

#[test]
fn what_is_written_is_there_after_a_reopen_and_replays() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("traffic-surge").unwrap().clone();
    let mut run = Run::start(checklist.clone(), at(0), "ana");
    let id = {
        let store = Store::open(dir.path()).unwrap();
        let id = store
            .open_incident(surge_record(&catalog), &run.actions()[0])
            .unwrap();
        run.complete(0, "ana", at(30)).unwrap();
        store.append(id, run.actions().last().unwrap()).unwrap();
        run.note("ana", at(40), "IVR vendor ticket 881").unwrap();
        store.append(id, run.actions().last().unwrap()).unwrap();
        id
    };
    let store = Store::open(dir.path()).unwrap();
    let stored = store.incident(id).unwrap().unwrap();
    assert_eq!(stored.record.checklist_id, "traffic-surge");
    assert_eq!(stored.actions, run.actions());
    let again = parse_checklist(&stored.record.checklist_source, "stored").unwrap();
    let replayed = Run::replay(again, &stored.actions).unwrap();
    assert_eq!(replayed.states(), run.states());
    assert_eq!(store.incidents().unwrap().len(), 1);
}

#[test]
fn the_journal_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let run = Run::start(catalog.get("traffic-surge").unwrap().clone(), at(0), "ana");
    let store = Store::open(dir.path()).unwrap();
    let id = store
        .open_incident(surge_record(&catalog), &run.actions()[0])
        .unwrap();
    // The same entry again is no change (a retry); a different one is refused.
    store.append(id, &run.actions()[0]).unwrap();
    let changed = crate::engine::checklist::Action {
        by: "bo".into(),
        ..run.actions()[0].clone()
    };
    let rewrite = store.append(id, &changed).unwrap_err();
    assert!(
        matches!(rewrite, StoreError::Duplicate { seq: 1, .. }),
        "{rewrite}"
    );
    let second = store
        .open_incident(surge_record(&catalog), &run.actions()[0])
        .unwrap();
    assert_eq!(second, id + 1);
}

/// A report started as a console quits (or while another process is being
/// started and briefly shares the lock's file) waits for the lock to go,
/// rather than refusing a directory that is about to be free.
#[test]
fn a_report_waits_a_moment_for_a_holder_letting_go() {
    let dir = tempfile::tempdir().unwrap();
    let holder = Store::open(dir.path()).unwrap();
    let letting_go = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        drop(holder);
    });
    let read = Store::open_for_reading(dir.path());
    letting_go.join().unwrap();
    assert!(read.is_ok(), "{:?}", read.err().map(|e| e.to_string()));
}

/// One that keeps holding it is still named, after the wait.
#[test]
fn a_report_on_a_directory_still_held_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let _holder = Store::open(dir.path()).unwrap();
    let e = Store::open_for_reading(dir.path()).err().unwrap();
    assert!(matches!(e, StoreError::InUse { .. }), "{e}");
}

#[test]
fn a_second_console_is_told_who_holds_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    let e = Store::open(dir.path()).err().unwrap();
    let said = e.to_string();
    assert!(matches!(e, StoreError::InUse { .. }), "{said}");
    assert!(
        said.contains(&format!("pid {}", std::process::id())),
        "{said}"
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    {
        let db = super::open_db(&dir.path().join("db")).unwrap_or_else(|e| panic!("reopen: {e:?}"));
        db.open_tree("meta")
            .unwrap()
            .insert("schema", &9u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let e = Store::open(dir.path()).err().unwrap();
    assert!(matches!(e, StoreError::Schema { found: 9, .. }), "{e}");
}

#[test]
fn the_audit_log_numbers_every_entry_in_order_and_history_is_kept_with_retention() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let entry = |what: &str| AuditRecord {
        seq: 0,
        at: crate::platform::wire::timestamp_to_wire(at(0)),
        by: "ana".into(),
        what: what.into(),
        detail: "#3 sl-low on Sales".into(),
        monotonic: None,
    };
    assert_eq!(store.audit(entry("alert-acknowledged")).unwrap(), 1);
    assert_eq!(store.audit(entry("alert-snoozed")).unwrap(), 2);
    let log = store.audit_log().unwrap();
    assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(log[1].what, "alert-snoozed");

    let row = |queue: &str, waiting| MinuteRecord {
        queue: queue.into(),
        waiting,
        longest_wait_s: Some(12.0),
        service_level: Some(0.8),
        offered: Some(10),
        answered: Some(9),
        abandoned: Some(1),
    };
    for minute in 0..5 {
        store
            .record_minute(
                at(minute * 60),
                &[row("sales", minute as u32), row("billing", 7)],
            )
            .unwrap();
    }
    let sales = store.history("sales", at(120)).unwrap();
    assert_eq!(
        sales
            .iter()
            .map(|(t, r)| (*t, r.waiting))
            .collect::<Vec<_>>(),
        [(at(120), 2), (at(180), 3), (at(240), 4)]
    );
    assert_eq!(
        store.prune_history(at(180)).unwrap(),
        6,
        "three old minutes of two queues"
    );
    assert_eq!(store.history("sales", at(0)).unwrap().len(), 2);
    assert_eq!(store.history("billing", at(0)).unwrap().len(), 2);
}

/// A write the keeper repeats after a failed flush (which may have reached
/// the disk all the same) is kept once, under the same id and number.
#[test]
fn a_write_repeated_after_a_failed_flush_is_kept_once() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("traffic-surge").unwrap().clone();
    let mut run = Run::start(checklist, at(0), "ana");
    let clock = Monotonic {
        console: "42@2026-12-03T07:00:00Z".into(),
        ms: 10,
    };
    let store = Store::open(dir.path()).unwrap();
    let first = run.actions()[0].clone();
    let id = store
        .open_incident_clocked(surge_record(&catalog), &first, Some(&clock))
        .unwrap();
    let again = store
        .open_incident_clocked(surge_record(&catalog), &first, Some(&clock))
        .unwrap();
    assert_eq!(again, id, "one incident, not two");

    run.complete(0, "ana", at(30)).unwrap();
    let tick = run.actions()[1].clone();
    store.append_clocked(id, &tick, Some(&clock)).unwrap();
    store.append_clocked(id, &tick, Some(&clock)).unwrap();
    let other = crate::engine::checklist::Action {
        by: "bo".into(),
        ..tick.clone()
    };
    assert!(
        matches!(store.append(id, &other), Err(StoreError::Duplicate { .. })),
        "a different action under the same number is still refused"
    );

    let entry = AuditRecord {
        seq: 0,
        at: crate::platform::wire::timestamp_to_wire(at(40)),
        by: "ana".into(),
        what: "alert-acknowledged".into(),
        detail: "#3 sl-low on Sales".into(),
        monotonic: Some(clock.clone()),
    };
    assert_eq!(store.audit(entry.clone()).unwrap(), 1);
    assert_eq!(store.audit(entry.clone()).unwrap(), 1);
    let later = AuditRecord {
        monotonic: Some(Monotonic { ms: 11, ..clock }),
        ..entry
    };
    assert_eq!(
        store.audit(later).unwrap(),
        2,
        "a new entry is a new number"
    );

    // Closed and opened again under the lock it kept, as the keeper does.
    let lock = store.close();
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::InUse { .. })
    ));
    let store = Store::open_locked(dir.path(), lock)
        .map_err(|(e, _)| e)
        .unwrap();
    assert_eq!(store.incidents().unwrap().len(), 1);
    assert_eq!(store.incident(id).unwrap().unwrap().actions.len(), 2);
    assert_eq!(store.audit_log().unwrap().len(), 2);
}

#[test]
fn a_corrupt_database_is_named_corrupt_and_not_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    std::fs::write(dir.path().join("db/conf"), "segment_size: banana\n").unwrap();
    std::fs::write(dir.path().join("db/db"), [0xA5_u8; 4096]).unwrap();
    let Err(e) = Store::open(dir.path()) else {
        panic!("a corrupt database opened");
    };
    assert!(!e.is_transient(), "{e}");
}

#[test]
fn copies_and_figures_are_kept_and_replay_after_a_reopen() {
    use crate::engine::checklist::{Impact, Moment};
    let dir = tempfile::tempdir().unwrap();
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("traffic-surge").unwrap().clone();
    let mut run = Run::start(checklist, at(0), "rule: service level low");
    run.observe(Impact {
        at: at(2),
        service_level: Some(0.41),
        waiting: Some(42),
        longest_wait_s: None,
        abandon_rate: Some(0.12),
    });
    let values = [("waiting".to_string(), "42".to_string())].into();
    run.copied(0, "ana", at(30), "42 waiting\nline two", values)
        .unwrap();
    run.close("ana", at(60), "over").unwrap();
    let id = {
        let store = Store::open(dir.path()).unwrap();
        let id = store
            .open_incident(surge_record(&catalog), &run.actions()[0])
            .unwrap();
        for action in &run.actions()[1..] {
            store.append(id, action).unwrap();
        }
        id
    };
    let store = Store::open(dir.path()).unwrap();
    let stored = store.incident(id).unwrap().unwrap();
    assert_eq!(stored.actions, run.actions(), "every entry, as it was");
    let checklist = parse_checklist(&stored.record.checklist_source, "stored").unwrap();
    let replayed = Run::replay(checklist, &stored.actions).unwrap();
    assert_eq!(replayed.actions(), run.actions());
    for moment in [Moment::Start, Moment::Worst, Moment::Close] {
        assert_eq!(replayed.figures(moment), run.figures(moment), "{moment:?}");
    }
}
