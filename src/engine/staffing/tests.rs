//! The Erlang C and Erlang A reference values that matter most (each
//! computed three independent ways, one matching a published worked example), the search
//! being minimal, and the properties every staffing model must have. The
//! whole reference tables are checked in `tests/it/staffing.rs`.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use proptest::prelude::*;

use super::*;

fn demand(calls: f64, period_s: u64, aht_s: u64) -> Demand {
    Demand {
        calls,
        period: Duration::from_secs(period_s),
        aht: Duration::from_secs(aht_s),
    }
}

fn target(share: f64, threshold_s: u64) -> Target {
    Target {
        share,
        threshold: Duration::from_secs(threshold_s),
    }
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn c1_the_worked_example_needs_14_agents_and_13_would_not_do() {
    let d = demand(100.0, 1800, 180);
    let t = target(0.8, 20);
    let needed = erlang_c_required(&d, &t).unwrap();
    assert_eq!(needed.agents, 14);
    assert!(close(needed.service_level, 0.888350, 1e-6), "{needed:?}");
    assert!(close(needed.p_wait, 0.174132, 1e-6));
    assert!(close(needed.occupancy, 0.714286, 1e-6));
    let fewer = erlang_c(&d, 13, t.threshold);
    assert!(close(fewer.service_level, 0.7956, 5e-5), "{fewer:?}");
}

#[test]
fn c8_the_search_starts_just_above_the_load() {
    let needed = erlang_c_required(&demand(30.0, 3600, 60), &target(0.8, 300)).unwrap();
    assert_eq!(needed.agents, 1, "pyworkforce over-staffs with 2");
}

#[test]
fn a1_patience_saves_an_agent_and_matches_the_published_test() {
    let d = demand(100.0, 1800, 180);
    let patience = Duration::from_secs(300);
    let needed = erlang_a_required(&d, patience, &target(0.8, 20)).unwrap();
    assert_eq!(needed.agents, 13);
    assert!(close(needed.service_level, 0.8582, 5e-5), "{needed:?}");
    // pyworkforce's regression test at 14 agents.
    let at_14 = erlang_a(&d, patience, 14, Duration::from_secs(20));
    assert!(close(at_14.p_wait, 0.14526, 5e-6), "{at_14:?}");
    assert!(close(at_14.p_abandon.unwrap(), 0.013984, 5e-7));
    assert!(close(at_14.occupancy, 0.704297, 5e-7));
    assert!(close(at_14.asa_s / 60.0, 0.069919, 5e-7));
    assert!(close(at_14.service_level, 0.916792, 5e-7));
}

#[test]
fn a_queue_that_cannot_keep_up_says_so() {
    let d = demand(100.0, 1800, 180);
    let swamped = erlang_c(&d, 10, Duration::from_secs(20));
    assert_eq!((swamped.service_level, swamped.p_wait), (0.0, 1.0));
    assert!(swamped.asa_s.is_infinite());
    assert!(matches!(
        erlang_c_required(&d, &target(1.0, 20)),
        Err(StaffingError::Target(_))
    ));
    assert!(matches!(
        erlang_c_required(&demand(-1.0, 1800, 180), &target(0.8, 20)),
        Err(StaffingError::NotPositive { what: "calls", .. })
    ));
}

#[test]
fn a_load_no_queue_carries_is_refused_not_searched() {
    // 10¹² calls in half an hour at 3 minutes each: 10¹¹ erlangs. The search
    // would take one step per agent, and the console would hang on it.
    let broken = demand(1e12, 1800, 180);
    for answer in [
        erlang_c_required(&broken, &target(0.8, 20)),
        erlang_a_required(&broken, Duration::from_secs(60), &target(0.8, 20)),
    ] {
        assert!(matches!(answer, Err(StaffingError::TooLarge(e)) if e > MAX_ERLANGS));
    }
    let largest = demand(MAX_ERLANGS * 10.0, 1800, 180);
    assert!(erlang_c_required(&largest, &target(0.8, 20)).is_ok());
}

#[test]
fn hundreds_of_erlangs_stay_finite_and_exact() {
    // C6: 600 erlangs, where A^N/N! overflows f64.
    let needed = erlang_c_required(&demand(3000.0, 1800, 360), &target(0.8, 20)).unwrap();
    assert_eq!(needed.agents, 615);
    assert!(close(needed.service_level, 0.8129, 5e-5));
    let patient = erlang_a_required(
        &demand(3000.0, 1800, 360),
        Duration::from_secs(180),
        &target(0.8, 20),
    )
    .unwrap();
    assert!(patient.service_level.is_finite() && patient.agents <= 615);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn more_agents_never_lower_the_service_level(
        calls in 1.0f64..4000.0, aht in 30u64..900, n in 1u32..700, patience in 20u64..900
    ) {
        let d = demand(calls, 1800, aht);
        let t = Duration::from_secs(20);
        prop_assert!(erlang_c(&d, n + 1, t).service_level >= erlang_c(&d, n, t).service_level - 1e-12);
        let p = Duration::from_secs(patience);
        let (a, b) = (erlang_a(&d, p, n, t), erlang_a(&d, p, n + 1, t));
        prop_assert!(b.service_level >= a.service_level - 1e-9, "{a:?} {b:?}");
        prop_assert!(a.service_level.is_finite() && (0.0..=1.0 + 1e-9).contains(&a.service_level));
    }

    #[test]
    fn more_calls_never_raise_the_service_level(
        calls in 1.0f64..4000.0, extra in 1.0f64..500.0, aht in 30u64..900, n in 1u32..700
    ) {
        let t = Duration::from_secs(20);
        let (fewer, more) = (demand(calls, 1800, aht), demand(calls + extra, 1800, aht));
        prop_assert!(erlang_c(&more, n, t).service_level <= erlang_c(&fewer, n, t).service_level + 1e-12);
        let p = Duration::from_secs(120);
        prop_assert!(
            erlang_a(&more, p, n, t).service_level <= erlang_a(&fewer, p, n, t).service_level + 1e-9
        );
    }

    #[test]
    fn the_answer_is_the_fewest_that_reach_the_target(
        calls in 1.0f64..6000.0, aht in 30u64..600, share in 0.5f64..0.95
    ) {
        let d = demand(calls, 1800, aht);
        let goal = target(share, 20);
        let needed = erlang_c_required(&d, &goal).unwrap();
        prop_assert!(needed.service_level >= share - 1e-12);
        if f64::from(needed.agents - 1) > d.erlangs() {
            prop_assert!(erlang_c(&d, needed.agents - 1, goal.threshold).service_level < share);
        }
    }
}
