//! The arrival process: Poisson at the configured, time-varying rate.

use super::*;

/// Arrivals at a constant profile hour (overnight, factor 0.15) are Poisson:
/// counts match the rate, and per-minute counts have variance ≈ mean.
#[test]
fn overnight_arrivals_are_poisson_at_the_configured_rate() {
    let mut sim = standard(21, 0.0);
    let hours = 7.0;
    let mut per_minute = Vec::new();
    let mut previous = 0;
    for _ in 0..(hours * 60.0) as usize {
        advance_minutes(&mut sim, 1);
        let total = total_offered(&sim.snapshot());
        per_minute.push((total - previous) as f64);
        previous = total;
    }
    let snapshot = sim.snapshot();
    let plan = &sim.floor.plan;
    for spec in &plan.queues {
        let expected = spec.peak_calls_per_hour * 0.15 * hours;
        let got = offered(&snapshot, &spec.id.0) as f64;
        assert!(
            (got - expected).abs() < 4.0 * expected.sqrt(),
            "{}: {got} vs {expected}",
            spec.id.0
        );
    }
    let mean = per_minute.iter().sum::<f64>() / per_minute.len() as f64;
    let variance =
        per_minute.iter().map(|n| (n - mean).powi(2)).sum::<f64>() / (per_minute.len() - 1) as f64;
    let dispersion = variance / mean;
    assert!(
        (0.78..=1.22).contains(&dispersion),
        "variance/mean = {dispersion}"
    );
}

#[test]
fn peak_arrivals_match_the_peak_rate() {
    let mut sim = standard(22, 10.0);
    advance_minutes(&mut sim, 90);
    let expected: f64 = sim
        .floor
        .plan
        .queues
        .iter()
        .map(|q| q.peak_calls_per_hour * 1.5)
        .sum();
    let got = total_offered(&sim.snapshot()) as f64;
    assert!(
        (got - expected).abs() < 3.0 * expected.sqrt(),
        "{got} vs {expected}"
    );
}
