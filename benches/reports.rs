//! Reports on a store as a hub runs them: on the record keeper's thread, so
//! the writes given after a report wait for it. How long is that wait?
//! `cargo bench --bench reports`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use floorwatch::cli::reports::answer;
use floorwatch::config::checklist::ChecklistCatalog;
use floorwatch::engine::checklist::Run;
use floorwatch::model::Timestamp;
use floorwatch::shell::protocol::{ReportFormat, ReportRequest};
use floorwatch::store::records::IncidentRecord;
use floorwatch::store::{AuditRecord, Store};

/// A month of a busy floor: `incidents` incidents, each with its first
/// three plain steps done, and `audits` audit entries.
fn busy_store(dir: &std::path::Path, incidents: usize, audits: usize) -> Store {
    let store = Store::open(dir).unwrap();
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("telephony-outage").unwrap().clone();
    let source = catalog.source("telephony-outage").unwrap().to_owned();
    let t0 = Timestamp::from_secs(1_795_390_000);
    for n in 0..incidents {
        let start = t0.plus(Duration::from_secs(3600 * n as u64));
        let mut run = Run::start(checklist.clone(), start, "ana");
        // The first three plain steps (a question is answered, not completed).
        let mut done = 0;
        for step in 0..run.checklist().steps.len() {
            let at = start.plus(Duration::from_secs(60 * (step as u64 + 1)));
            if done < 3 && run.complete(step, "ana", at).is_ok() {
                done += 1;
            }
        }
        let record = IncidentRecord {
            id: 0,
            checklist_id: checklist.id.clone(),
            checklist_version: checklist.version,
            checklist_title: checklist.title.clone(),
            checklist_source: source.clone(),
            trigger: None,
            drill: n % 5 == 0,
            started_at: floorwatch::platform::wire::timestamp_to_wire(start),
            started_by: "ana".into(),
            site: None,
        };
        let id = store.open_incident(record, &run.actions()[0]).unwrap();
        for action in &run.actions()[1..] {
            store.append(id, action).unwrap();
        }
    }
    for n in 0..audits {
        let entry = AuditRecord {
            seq: 0,
            at: "2026-12-03T10:42:05.000Z".into(),
            by: "ana".into(),
            what: "alert-acknowledged".into(),
            detail: format!("alert {n}"),
            monotonic: None,
        };
        store.audit(entry).unwrap();
    }
    store
}

fn reports(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = busy_store(dir.path(), 200, 1000);
    let mut group = c.benchmark_group("report on 200 incidents, 1000 audit entries");
    group.sample_size(10);
    for (name, request) in [
        (
            "incidents list",
            ReportRequest::IncidentsList { json: false },
        ),
        (
            "incidents list --json",
            ReportRequest::IncidentsList { json: true },
        ),
        (
            "incidents export (md)",
            ReportRequest::IncidentsExport {
                id: 100,
                format: ReportFormat::Md,
            },
        ),
        ("drills list", ReportRequest::DrillsList { json: false }),
        ("audit", ReportRequest::Audit { json: false }),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| answer(black_box(&request), &store).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, reports);
criterion_main!(benches);
