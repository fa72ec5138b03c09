//! `platform::answers` reads a body exactly as the adapter does over HTTP:
//! the fuzz targets (`fuzz/`) drive these functions, so what they prove
//! holds for the adapters only if the two agree.

use chrono::DateTime;
use floorwatch::model::{PlatformCondition, Timestamp};
use floorwatch::platform::Platform;
use floorwatch::platform::answers;

use super::asterisk::start_pbx;
use super::shared;

fn body_of_capture(bytes: &[u8]) -> &[u8] {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    &bytes[split + 4..]
}

#[tokio::test]
async fn asterisk_queue_status_reads_a_capture_as_the_adapter_does() {
    let Some((pbx, server)) = start_pbx().await else {
        return;
    };
    *pbx.moment.lock().unwrap() = "busy";
    let mut platform = super::asterisk::platform_for(&server.url());
    let polled = platform.poll().await.unwrap();

    let dir = shared::data("asterisk").unwrap();
    let bytes = std::fs::read(dir.join("rawman_queuestatus_busy.txt")).unwrap();
    // The capture's Date header: the adapter measures waits on Asterisk's clock.
    let date = DateTime::parse_from_rfc2822("Sun, 22 Nov 2026 23:39:31 GMT").unwrap();
    let now = Timestamp::from_millis(date.timestamp_millis());
    let read = answers::asterisk_queue_status(body_of_capture(&bytes), now).unwrap();

    assert_eq!(polled.observed_at, read.observed_at);
    assert_eq!(polled.queues, read.queues);
    assert_eq!(polled.agents, read.agents);
    assert_eq!(polled.waiting_contacts, read.waiting_contacts);
    assert!(!read.queues.is_empty() && !read.agents.is_empty());
}

#[test]
fn each_reader_turns_a_broken_body_into_garbage_not_a_panic() {
    let now = Timestamp::from_millis(1_796_284_800_000);
    let bodies: [&[u8]; 5] = [b"", b"{", b"\xff\xfe", b"[[[[[[[[", b"null"];
    for body in bodies {
        let results = [
            answers::http_snapshot(body),
            answers::asterisk_queue_status(body, now),
            answers::twilio_statistics(body, now),
            answers::genesys_poll(body, body, body, now),
        ];
        for result in results {
            let error = result.unwrap_err();
            assert_eq!(error.condition(), PlatformCondition::Garbage, "{error}");
        }
    }
}

#[test]
fn a_snapshot_the_simulator_serves_reads_back_whole() {
    use floorwatch::platform::wire::SnapshotV1;
    use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};
    let start = Timestamp::from_millis(1_796_284_800_000);
    let mut sim = Simulator::new(SimConfig {
        seed: 3,
        scenario: Scenario::Surge,
        shape: FloorShape::Standard,
        start,
        utc_offset_s: 0,
    });
    sim.advance_to(start.plus(std::time::Duration::from_secs(600)));
    let served = sim.snapshot();
    let body = serde_json::to_vec(&SnapshotV1::from_model(&served)).unwrap();
    let read = answers::http_snapshot(&body).unwrap();
    assert_eq!(read.queues, served.queues);
    assert_eq!(read.agents.len(), served.agents.len());
}
