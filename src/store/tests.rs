//! A real sled database in a temp dir: what is written survives a reopen,
//! the journal is append-only, one console per directory, schema versions.

#![allow(clippy::unwrap_used)]

use super::records::{IncidentRecord, TriggerRecord};
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
        }),
        drill: false,
        started_at: crate::platform::wire::timestamp_to_wire(at(0)),
        started_by: "ana".into(),
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
    let rewrite = store.append(id, &run.actions()[0]).unwrap_err();
    assert!(
        matches!(rewrite, StoreError::Duplicate { seq: 1, .. }),
        "{rewrite}"
    );
    let second = store
        .open_incident(surge_record(&catalog), &run.actions()[0])
        .unwrap();
    assert_eq!(second, id + 1);
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
