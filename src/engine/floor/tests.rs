//! The status the views show: the headline's and each queue's, stale when
//! the figures are not live.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use crate::engine::metric::tests::{at, floor, queue, sales, snapshot};
use crate::engine::{
    DEFAULT_SL_THRESHOLD, EngineSettings, Floor, QueueStatus, StatusReason, Window,
};

#[test]
fn the_headline_is_the_floors_service_level_band_while_live() {
    let floor = floor();
    // 10 of 14 within the threshold: 71 %, under the 80 % warning level.
    assert_eq!(
        floor.headline_status(Window::Interval, at(121)),
        QueueStatus::Warning
    );
}

#[test]
fn a_headline_on_too_few_contacts_is_few_and_on_none_idle() {
    let mut few = Floor::new(EngineSettings::default());
    few.observe(snapshot(at(60), vec![queue("billing", 0, 0, 0, 0)]), at(60));
    assert_eq!(
        few.headline_status(Window::Interval, at(61)),
        QueueStatus::Idle,
        "nothing counted yet"
    );
    few.observe(
        snapshot(at(120), vec![queue("billing", 0, 4, 1, 0)]),
        at(120),
    );
    assert_eq!(
        few.headline_status(Window::Interval, at(121)),
        QueueStatus::Few,
        "4 contacts, 25 %: too few to call critical"
    );
}

#[test]
fn figures_that_are_not_live_are_stale_on_the_headline_and_every_queue() {
    let floor = floor();
    let later = at(120).plus(Duration::from_secs(16));
    assert!(!floor.is_live(later));
    assert_eq!(
        floor.headline_status(Window::Interval, later),
        QueueStatus::Stale
    );
    let sales = floor.queue(&sales()).unwrap();
    let (live, reason) = sales.status_at(Window::Interval, at(121));
    assert_eq!(live, QueueStatus::Critical, "60 %, under 70 %");
    assert!(matches!(reason, Some(StatusReason::ServiceLevel(_))));
    let (stale, stale_reason) = sales.status_at(Window::Interval, later);
    assert_eq!(stale, QueueStatus::Stale);
    assert_eq!(stale_reason, reason, "the reason it would give stays");
}

#[test]
fn a_queue_is_staffed_for_the_warning_level_within_its_threshold_or_twenty_seconds() {
    let mut floor = Floor::new(EngineSettings::default());
    let mut named = queue("sales", 0, 0, 0, 0);
    named.sl_threshold_s = Some(30.0);
    let mut unnamed = queue("billing", 0, 0, 0, 0);
    unnamed.sl_threshold_s = None;
    floor.observe(snapshot(at(60), vec![named, unnamed]), at(60));
    let target = |id: &str| {
        floor
            .queue(&crate::model::QueueId(id.into()))
            .unwrap()
            .sl_target()
            .unwrap()
    };
    assert_eq!(target("sales").threshold, Duration::from_secs(30));
    assert_eq!(target("billing").threshold, DEFAULT_SL_THRESHOLD);
    assert_eq!(DEFAULT_SL_THRESHOLD, Duration::from_secs(20));
    assert_eq!(target("sales").share, 0.80, "the warning level");
}

#[test]
fn an_age_is_counted_on_the_platforms_clock_and_is_never_negative() {
    let floor = floor();
    // The latest snapshot is from 120 s.
    assert_eq!(floor.age_s(at(45)), 75.0);
    assert_eq!(floor.age_s(at(200)), 0.0, "a time ahead of the snapshot");
}

#[test]
fn agents_are_read_on_the_incidents_queue_or_the_whole_floor() {
    let floor = floor();
    let on_sales = floor.agents_on(Some(&sales())).unwrap();
    assert_eq!((on_sales.available, on_sales.on_call), (1, 4));
    // No agents listed: the floor adds up each queue's counts.
    let whole = floor.agents_on(None).unwrap();
    assert_eq!((whole.available, whole.on_call), (2, 8));
    assert_eq!(
        floor.agents_on(Some(&crate::model::QueueId("gone".into()))),
        None
    );
    assert_eq!(Floor::new(EngineSettings::default()).agents_on(None), None);
}
