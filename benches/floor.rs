//! What a poll costs on a large floor: one engine step, and drawing the wallboard.
//!
//! `cargo bench --bench floor` — 1,000 queues and 20,000 agents from the simulator;
//! then a floor of `FLOORWATCH_BENCH_QUEUES` queues (default 100,000) with an
//! hour of history: the console's whole step for a poll (engine, rules,
//! wallboard order), and a key press with the frame it draws.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use floorwatch::app::{AppState, Key, Msg, update};
use floorwatch::config::theme::ThemeCatalog;
use floorwatch::engine::{EngineSettings, Floor, Window};
use floorwatch::model::{Snapshot, Timestamp};
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};
use floorwatch::ui::theme::ColorLevel;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/wide_floor.rs"]
mod wide_floor;

const START: i64 = 1_767_571_200 + 9 * 3600; // 09:00 UTC

/// A large floor that has been observed every 5 s for 30 minutes, and the next snapshot.
fn large_floor() -> (Floor, Snapshot) {
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
    let mut floor = Floor::new(EngineSettings::default());
    let mut t = Timestamp::from_secs(START);
    for _ in 0..360 {
        t = t.plus(Duration::from_secs(5));
        sim.advance_to(t);
        floor.observe(sim.snapshot(), t);
    }
    sim.advance_to(t.plus(Duration::from_secs(5)));
    (floor, sim.snapshot())
}

fn engine_step(c: &mut Criterion) {
    let (floor, next) = large_floor();
    c.bench_function(
        "engine step: observe + figures, 1000 queues / 20000 agents",
        |b| {
            b.iter_batched(
                || (floor.clone(), next.clone()),
                |(mut floor, snapshot)| {
                    let at = snapshot.observed_at;
                    floor.observe(snapshot, at);
                    let statuses: usize = floor
                        .queues()
                        .map(|q| q.status(floorwatch::engine::Window::Interval).0 as usize)
                        .sum();
                    let totals = black_box((floor.totals(Window::Interval), statuses));
                    // Returned, so criterion drops the floor after the clock stops.
                    (floor, totals)
                },
                BatchSize::LargeInput,
            );
        },
    );
}

fn draw_wallboard(c: &mut Criterion) {
    let (mut floor, next) = large_floor();
    let at = next.observed_at;
    floor.observe(next, at);
    let state = AppState::new(floor, at, 0);
    let theme = ThemeCatalog::builtin()
        .resolve("default", ColorLevel::Ansi16)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("draw wallboard: 1000 queues into 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| floorwatch::ui::render(frame, &state, &theme))
                .unwrap_or_else(|e| panic!("{e}"));
        });
    });
}

fn wide_queues() -> usize {
    std::env::var("FLOORWATCH_BENCH_QUEUES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// The wide floor's snapshot `k` polls of 30 s after the counters started.
fn wide_snapshot(queues: usize, k: i64) -> Snapshot {
    let since_ms = START * 1000;
    wide_floor::snapshot(queues, since_ms, since_ms + k * 30_000)
        .into_model()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A console that has watched the wide floor for an hour, polled every 30 s.
fn wide_console(queues: usize) -> (AppState, i64) {
    let mut state = AppState::new(
        Floor::new(EngineSettings::default()),
        Timestamp::from_secs(START),
        0,
    );
    let polls = 121;
    for k in 1..=polls {
        let snapshot = wide_snapshot(queues, k);
        let at = snapshot.observed_at;
        update(&mut state, Msg::FloorObserved { snapshot, at });
    }
    (state, polls)
}

/// Resident memory of this process, from /proc (0 where there is none).
fn resident_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn wide_floor_step_and_key(c: &mut Criterion) {
    let queues = wide_queues();
    let (mut state, mut polls) = wide_console(queues);
    println!(
        "{queues} queues with an hour of history: this process holds {} MiB",
        resident_mib()
    );
    c.bench_function(
        &format!("console step for a poll: {queues} queues, an hour of history"),
        |b| {
            b.iter_batched(
                || {
                    polls += 1;
                    wide_snapshot(queues, polls)
                },
                |snapshot| {
                    let at = snapshot.observed_at;
                    update(&mut state, Msg::FloorObserved { snapshot, at })
                },
                BatchSize::PerIteration,
            );
        },
    );
    let theme = ThemeCatalog::builtin()
        .resolve("default", ColorLevel::Ansi16)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    let mut down = true;
    c.bench_function(
        &format!("key press and its frame: {queues} queues into 200x60"),
        |b| {
            b.iter(|| {
                // Down and up in turn, so the selection stays near the top.
                let key = if down { 'j' } else { 'k' };
                down = !down;
                black_box(update(&mut state, Msg::KeyPressed(Key::Char(key))));
                terminal
                    .draw(|frame| floorwatch::ui::render(frame, &state, &theme))
                    .unwrap_or_else(|e| panic!("{e}"));
            });
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = engine_step, draw_wallboard
}
criterion_group! {
    name = wide;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    targets = wide_floor_step_and_key
}
criterion_main!(benches, wide);
