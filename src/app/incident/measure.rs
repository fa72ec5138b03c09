//! The figures an incident's sensed steps and review read off the floor.

use crate::engine::Window;
use crate::engine::checklist::{Impact, SensedCondition};
use crate::engine::rules::Metric;
use crate::model::QueueId;

/// The figures a review asks about, now: on the incident's queue, or the floor.
pub(super) fn impact_now(
    floor: &crate::engine::Floor,
    queue: Option<&QueueId>,
    at: crate::model::Timestamp,
) -> Option<Impact> {
    if let Some(id) = queue {
        let view = floor.queue(id)?;
        let figures = view.figures(Window::Interval);
        return Some(Impact {
            at,
            service_level: figures.service_level,
            waiting: Some(view.observation.waiting),
            longest_wait_s: view.observation.longest_wait_s,
            abandon_rate: figures.abandon_rate,
        });
    }
    floor.snapshot()?;
    let totals = floor.totals(Window::Interval);
    Some(Impact {
        at,
        service_level: totals.figures.service_level,
        waiting: Some(totals.waiting),
        longest_wait_s: totals.longest_wait_s,
        abandon_rate: totals.figures.abandon_rate,
    })
}

/// A sensed condition's value now: on the incident's queue, or the floor.
pub(super) fn measure(
    floor: &crate::engine::Floor,
    queue: Option<&crate::model::QueueId>,
    condition: &SensedCondition,
) -> Option<f64> {
    let platform = |c| {
        Some(if floor.platform_condition() == Some(c) {
            1.0
        } else {
            0.0
        })
    };
    match condition.metric {
        Metric::PlatformUnreachable => {
            return platform(crate::model::PlatformCondition::Unreachable);
        }
        Metric::PlatformGarbage => return platform(crate::model::PlatformCondition::Garbage),
        _ => {}
    }
    if condition.on_queue {
        let view = floor.queue(queue?)?;
        let figures = view.figures(Window::Interval);
        return match condition.metric {
            Metric::ServiceLevel => figures.service_level,
            Metric::AbandonRate => figures.abandon_rate,
            Metric::Asa => figures.asa_s,
            Metric::Waiting => Some(f64::from(view.observation.waiting)),
            Metric::LongestWait => view.observation.longest_wait_s,
            Metric::NegativeShare => view.observation.sentiment.map(|s| s.negative_share),
            _ => None,
        };
    }
    let totals = floor.totals(Window::Interval);
    match condition.metric {
        Metric::ServiceLevel => totals.figures.service_level,
        Metric::AbandonRate => totals.figures.abandon_rate,
        Metric::Asa => totals.figures.asa_s,
        Metric::Waiting => Some(f64::from(totals.waiting)),
        Metric::LongestWait => totals.longest_wait_s,
        Metric::NegativeShare => totals.sentiment.map(|s| s.negative_share),
        _ => None,
    }
}
