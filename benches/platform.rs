//! What reading a platform's answer costs on a large floor.
//!
//! `cargo bench --bench platform`:
//! - the `http` adapter's work for 1,000 queues / 20,000 agents: parse the
//!   snapshot contract (several MB of JSON) and check it into the model;
//! - the `asterisk` adapter's work for a QueueStatus of 100 queues with 20
//!   members and 5 waiting callers each: split the rawman blocks and map them.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use floorwatch::model::Timestamp;
use floorwatch::platform::asterisk::{rawman, read_queue_status};
use floorwatch::platform::wire::SnapshotV1;
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};

const START: i64 = 1_767_571_200 + 10 * 3600;

fn large_snapshot_json() -> Vec<u8> {
    let mut sim = Simulator::new(SimConfig {
        seed: 1,
        scenario: Scenario::Normal,
        shape: FloorShape::Large {
            queues: 1000,
            agents: 20_000,
        },
        start: Timestamp::from_secs(START),
        utc_offset_s: 0,
    });
    sim.advance_to(Timestamp::from_secs(START + 1800));
    serde_json::to_vec(&SnapshotV1::from_model(&sim.snapshot())).unwrap_or_default()
}

fn http_snapshot(c: &mut Criterion) {
    let body = large_snapshot_json();
    println!(
        "snapshot contract, 1000 queues / 20000 agents: {} bytes",
        body.len()
    );
    c.bench_function("http: parse + check 1000 queues / 20000 agents", |b| {
        b.iter(|| {
            let wire: SnapshotV1 =
                serde_json::from_slice(black_box(&body)).unwrap_or_else(|e| panic!("{e}"));
            black_box(wire.into_model().unwrap_or_else(|e| panic!("{e}")))
        });
    });
}

/// A QueueStatus answer as Asterisk frames it.
fn large_queue_status() -> String {
    let mut body = String::from(
        "Response: Success\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n",
    );
    let mut items = 0;
    for q in 0..100 {
        let _ = write!(
            body,
            "Event: QueueParams\r\nQueue: q{q}\r\nMax: 0\r\nStrategy: ringall\r\nCalls: 5\r\nHoldtime: 17\r\nTalkTime: 27\r\nCompleted: 400\r\nAbandoned: 30\r\nServiceLevel: 20\r\nServicelevelPerf: 81.5\r\nServicelevelPerf2: 79.3\r\nWeight: 0\r\n\r\n"
        );
        items += 1;
        for m in 0..20 {
            let _ = write!(
                body,
                "Event: QueueMember\r\nQueue: q{q}\r\nName: Agent {m}\r\nLocation: PJSIP/{q}-{m}\r\nStateInterface: PJSIP/{q}-{m}\r\nMembership: static\r\nPenalty: 0\r\nCallsTaken: 12\r\nLastCall: 1795390754\r\nLastPause: 0\r\nLoginTime: 1795388000\r\nInCall: {}\r\nStatus: {}\r\nPaused: 0\r\nPausedReason: \r\nWrapuptime: 0\r\n\r\n",
                m % 2,
                1 + m % 2
            );
            items += 1;
        }
        for e in 0..5 {
            let _ = write!(
                body,
                "Event: QueueEntry\r\nQueue: q{q}\r\nPosition: {e}\r\nChannel: PJSIP/trunk-{q}-{e}\r\nUniqueid: 1795390771.{q}{e}\r\nCallerIDNum: 555{e}\r\nCallerIDName: unknown\r\nConnectedLineNum: unknown\r\nConnectedLineName: unknown\r\nWait: {}\r\nPriority: 0\r\n\r\n",
                e * 7
            );
            items += 1;
        }
    }
    let _ = write!(
        body,
        "Event: QueueStatusComplete\r\nEventList: Complete\r\nListItems: {items}\r\n\r\n"
    );
    body
}

fn asterisk_queue_status(c: &mut Criterion) {
    let body = large_queue_status();
    println!(
        "QueueStatus, 100 queues / 2000 members / 500 callers: {} bytes",
        body.len()
    );
    let now = Timestamp::from_secs(1_795_390_800);
    c.bench_function("asterisk: parse + map QueueStatus of 100 queues", |b| {
        b.iter(|| {
            let blocks = rawman::parse(black_box(&body));
            let events = rawman::list_events(&blocks, "QueueStatusComplete")
                .unwrap_or_else(|e| panic!("{e}"));
            black_box(
                read_queue_status(events, now, Duration::ZERO, &[])
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = http_snapshot, asterisk_queue_status
}
criterion_main!(benches);
