//! A floor as wide as a platform may report: many queues, no agent list,
//! counters that grow with the clock. Shared by the benchmarks that measure
//! the engine, the draw and the running console at that size.

use floorwatch::platform::wire::{
    AgentCountsV1, PlatformV1, QueueV1, ReasonV1, SCHEMA, SnapshotV1, timestamp_to_wire,
};

/// A cheap, fixed "random" number per queue and salt.
fn mix(queue: usize, salt: u64) -> u64 {
    let mut x = (queue as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// The floor at `now_ms` of `queues` queues whose counters started at `since_ms`.
pub fn snapshot(queues: usize, since_ms: i64, now_ms: i64) -> SnapshotV1 {
    let elapsed_s = (now_ms - since_ms).max(0) as f64 / 1000.0;
    let since = timestamp_to_wire(floorwatch::model::Timestamp::from_millis(since_ms));
    let step = (now_ms / 2000) as u64;
    let queues = (0..queues)
        .map(|i| {
            let rate = 0.002 + (mix(i, 1) % 100) as f64 / 10_000.0;
            let offered = (rate * elapsed_s) as u64;
            let abandoned = offered * (mix(i, 2) % 15) / 100;
            let answered = offered - abandoned;
            let in_sl = answered * (60 + mix(i, 3) % 41) / 100;
            let waiting = (mix(i, step) % 6) as u32;
            QueueV1 {
                id: format!("q{i:06}"),
                name: format!("Queue {i:06}"),
                waiting,
                longest_wait_s: Some(f64::from(waiting) * 11.5),
                agents: AgentCountsV1 {
                    available: (mix(i, step + 7) % 4) as u32,
                    ringing: 0,
                    on_call: (mix(i, 5) % 6) as u32,
                    wrap_up: Some((mix(i, 6) % 2) as u32),
                    not_ready: (mix(i, 8) % 2) as u32,
                },
                counters_since: Some(since.clone()),
                offered: Some(offered),
                answered: Some(answered),
                answered_in_sl: Some(in_sl),
                abandoned: Some(abandoned),
                abandoned_in_sl: Some(abandoned / 3),
                abandoned_short: Some(0),
                flowed_out: Some(0),
                answered_wait_s: Some(answered as f64 * 9.0),
                handled: Some(answered),
                handle_time_s: Some(answered as f64 * 240.0),
                sl_threshold_s: Some(20.0),
                short_abandon_s: Some(5.0),
                service_level: None,
                sl_formula: "answered-and-late-abandons".into(),
                asa_s: None,
                aht_s: None,
                abandon_rate: None,
                sentiment: None,
                reasons: vec![
                    ReasonV1 {
                        reason: "Billing".into(),
                        count: offered / 2,
                    },
                    ReasonV1 {
                        reason: "Technical fault".into(),
                        count: offered / 3,
                    },
                ],
                figures: None,
            }
        })
        .collect();
    SnapshotV1 {
        schema: SCHEMA.into(),
        platform: PlatformV1 {
            kind: "http".into(),
            name: "scale test".into(),
        },
        observed_at: timestamp_to_wire(floorwatch::model::Timestamp::from_millis(now_ms)),
        queues,
        agents: vec![],
        waiting_contacts: vec![],
        interactions: vec![],
        sites: vec![],
        floor: None,
    }
}
