//! Each adapter's reading of a platform's answers, from the bytes of the
//! bodies to the model, with no network and no clock: the same steps the
//! adapters take between the transport and the [`Snapshot`], gathered here so
//! that hostile bodies can be thrown at them whole (`fuzz/` and the adapter
//! tests) without a server.
//!
//! Every function returns the adapter's own error for a body it cannot use;
//! none may panic, whatever the bytes.

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::PlatformError;
use super::asterisk::{queues as asterisk_queues, rawman};
use super::genesys::{aggregates, observations, observations_of, queues as genesys_queues};
use super::transport::Reply;
use super::twilio::{map as twilio_map, wire as twilio_wire};
use super::wire::SnapshotV1;
use crate::model::{PlatformInfo, QueueObservation, Snapshot, Timestamp};

/// Where a body read here says it came from, in messages.
const SHOWN_URL: &str = "the answer";

fn reply(body: &[u8]) -> Reply {
    Reply {
        status: StatusCode::OK,
        headers: HeaderMap::new(),
        body: body.to_vec(),
        shown_url: SHOWN_URL.into(),
    }
}

fn garbage(reason: impl std::fmt::Display) -> PlatformError {
    PlatformError::garbage(format!("{SHOWN_URL}: {reason}"))
}

fn snapshot(kind: &str, observed_at: Timestamp, queues: Vec<QueueObservation>) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: kind.into(),
            name: kind.into(),
        },
        observed_at,
        queues,
        agents: Vec::new(),
        waiting_contacts: Vec::new(),
        interactions: Vec::new(),
        sites: Vec::new(),
    }
}

/// A `floorwatch.snapshot.v1` body, as the `http` adapter reads it.
pub fn http_snapshot(body: &[u8]) -> Result<Snapshot, PlatformError> {
    let wire: SnapshotV1 = reply(body).json()?;
    wire.into_model().map_err(garbage)
}

/// An AMI `QueueStatus` answer in rawman form, as the `asterisk` adapter
/// reads it with Asterisk's clock at `now`, every queue watched and no
/// wrap-up time configured.
pub fn asterisk_queue_status(body: &[u8], now: Timestamp) -> Result<Snapshot, PlatformError> {
    let reply = reply(body);
    let blocks = rawman::parse(reply.text()?);
    let events = rawman::list_events(&blocks, "QueueStatusComplete").map_err(garbage)?;
    let reading = asterisk_queues::read(events, now, Duration::ZERO, &[]).map_err(garbage)?;
    let mut out = snapshot("asterisk", now, reading.queues);
    out.agents = reading.agents;
    out.waiting_contacts = reading.waiting;
    Ok(out)
}

/// A TaskRouter `TaskQueues/Statistics` page, as the `twilio` adapter reads
/// it with a catalogue that knows no names (queues are shown by sid).
pub fn twilio_statistics(body: &[u8], now: Timestamp) -> Result<Snapshot, PlatformError> {
    let page: twilio_wire::StatisticsPage = reply(body).json()?;
    let catalogue = twilio_map::Catalogue::new(None, Vec::new(), Vec::new());
    let thresholds = twilio_map::Thresholds::new(Duration::from_secs(20), Duration::from_secs(5));
    let queues = page
        .task_queues_statistics
        .iter()
        .map(|statistics| twilio_map::queue(statistics, &catalogue, thresholds))
        .collect::<Result<Vec<_>, _>>()
        .map_err(garbage)?;
    Ok(snapshot("twilio", now, queues))
}

/// Genesys Cloud's three answers for one poll — the queue list page, the
/// queue observations and today's conversation aggregates — as the
/// `genesys` adapter reads and joins them.
pub fn genesys_poll(
    queue_page: &[u8],
    observations_body: &[u8],
    aggregates_body: &[u8],
    now: Timestamp,
) -> Result<Snapshot, PlatformError> {
    let page: genesys_queues::Page = reply(queue_page).json()?;
    let queues: Vec<_> = page.queues(None, None).collect();
    let answer: observations::Answer = reply(observations_body).json()?;
    let live = observations::read(answer, now).map_err(garbage)?;
    let answer: aggregates::Answer = reply(aggregates_body).json()?;
    let totals = aggregates::read(answer).map_err(garbage)?;
    let since = aggregates::local_midnight(now);
    let counters: BTreeMap<_, _> = queues
        .iter()
        .map(|q| (q.id.clone(), aggregates::counters(totals.get(&q.id), since)))
        .collect();
    let observed = observations_of(&queues, live, counters);
    Ok(snapshot("genesys", now, observed))
}
