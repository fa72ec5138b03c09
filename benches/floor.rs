//! What a poll costs on a large floor: one engine step, and drawing the wallboard.
//!
//! `cargo bench --bench floor` — 1,000 queues and 20,000 agents from the simulator.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use floorwatch::app::AppState;
use floorwatch::config::theme::ThemeCatalog;
use floorwatch::engine::{EngineSettings, Floor, Window};
use floorwatch::model::{Snapshot, Timestamp};
use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};
use floorwatch::ui::theme::ColorLevel;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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
                    let statuses: usize = floor.queues().map(|q| q.status().0 as usize).sum();
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = engine_step, draw_wallboard
}
criterion_main!(benches);
