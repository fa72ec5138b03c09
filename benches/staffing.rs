//! Staffing answers: what the Need column costs per queue on every draw.
//! `cargo bench --bench staffing`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use floorwatch::engine::staffing::{Demand, Target, erlang_a_required, erlang_c_required};

fn demand(calls: f64) -> Demand {
    Demand {
        calls,
        period: Duration::from_secs(1800),
        aht: Duration::from_secs(360),
    }
}

fn required(c: &mut Criterion) {
    let target = Target {
        share: 0.8,
        threshold: Duration::from_secs(20),
    };
    let patience = Duration::from_secs(180);
    c.bench_function("erlang C: agents for 80/20 at 10 erlangs", |b| {
        b.iter(|| erlang_c_required(black_box(&demand(50.0)), &target))
    });
    c.bench_function("erlang C: agents for 80/20 at 600 erlangs", |b| {
        b.iter(|| erlang_c_required(black_box(&demand(3000.0)), &target))
    });
    c.bench_function("erlang A: agents for 80/20 at 10 erlangs", |b| {
        b.iter(|| erlang_a_required(black_box(&demand(50.0)), patience, &target))
    });
    c.bench_function("erlang A: agents for 80/20 at 600 erlangs", |b| {
        b.iter(|| erlang_a_required(black_box(&demand(3000.0)), patience, &target))
    });
}

criterion_group!(benches, required);
criterion_main!(benches);
