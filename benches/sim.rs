//! How fast the simulator carries a large floor: 1,000 queues and 20,000
//! agents must run at 10 simulated seconds per real second with lots of room.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use floorwatch::model::Timestamp;
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};

/// 2025-03-10 10:00 UTC: the morning peak, the busiest the floor gets.
const PEAK_MS: i64 = 1_741_564_800_000 + 10 * 3_600_000;

fn large_floor_at_peak() -> Simulator {
    let mut sim = Simulator::new(SimConfig {
        seed: 1,
        scenario: Scenario::Normal,
        shape: FloorShape::Large {
            queues: 1_000,
            agents: 20_000,
        },
        start: Timestamp::from_millis(PEAK_MS),
        utc_offset_s: 0,
    });
    // Warm up: let queues and calls in progress build to a steady state.
    sim.advance_to(sim.now().plus(Duration::from_secs(10 * 60)));
    sim
}

fn advance_ten_seconds(c: &mut Criterion) {
    let warm = large_floor_at_peak();
    let until = warm.now().plus(Duration::from_secs(10));
    // Each run starts from the same warmed-up floor, so every sample times the same 10 seconds of peak.
    c.bench_function("large floor: advance 10 simulated seconds", |b| {
        b.iter_batched(
            || warm.clone(),
            |mut sim| {
                sim.advance_to(black_box(until));
                sim
            },
            BatchSize::PerIteration,
        );
    });
}

fn snapshot(c: &mut Criterion) {
    let sim = large_floor_at_peak();
    c.bench_function("large floor: snapshot", |b| {
        b.iter(|| black_box(sim.snapshot()))
    });
}

criterion_group!(benches, advance_ten_seconds, snapshot);
criterion_main!(benches);
