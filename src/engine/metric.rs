//! A figure by name: the value of a rule's metric on one queue or on the
//! whole floor, read over a window. The alert rules and the checklists'
//! sensed steps both ask here, so a step waiting for "service level above
//! 80 %" reads the very number the rule that opened the incident read.

use super::floor::{Floor, QueueView};
use super::reasons::Pareto;
use super::rules::Metric;
use super::{Window, WindowFigures};
use crate::model::{PlatformCondition, QueueId};

/// How a figure is read: over which window, and how many contacts (or
/// customers heard, for sentiment) it must count before it says anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub window: Window,
    pub min_volume: u64,
}

impl Reading {
    /// How a checklist's sensed step reads its figure: over the current
    /// interval, on whatever volume there is. A person watches the step and
    /// can override it; a rule, which acts alone, asks for its least volume.
    pub const SENSED: Reading = Reading {
        window: Window::Interval,
        min_volume: 0,
    };
}

impl Floor {
    /// The value of `metric` on the queue `on`, or on the whole floor when
    /// `on` is `None`; `None` when there is not enough data to say (or the
    /// queue is not in the latest snapshot). The platform's own conditions
    /// are the same wherever they are asked about.
    pub fn metric_value(
        &self,
        metric: Metric,
        on: Option<&QueueId>,
        reading: Reading,
    ) -> Option<f64> {
        match on {
            _ if metric.is_about_the_platform() => self.platform_value(metric),
            Some(id) => self.queue(id)?.metric_value(metric, reading),
            None => self.floor_metric_value(metric, reading),
        }
    }

    /// 1 while the platform is in the trouble `metric` names, else 0;
    /// `None` for a metric that is not about the platform.
    pub fn platform_value(&self, metric: Metric) -> Option<f64> {
        // Only a failed poll says the platform is in trouble. Figures that are
        // merely late are not: every adapter's request times out into a failure,
        // so lateness without one is a slow answer or the console itself behind.
        let trouble = match metric {
            Metric::PlatformUnreachable => PlatformCondition::Unreachable,
            Metric::PlatformGarbage => PlatformCondition::Garbage,
            _ => return None,
        };
        Some(if self.platform_condition() == Some(trouble) {
            1.0
        } else {
            0.0
        })
    }

    /// The value of `metric` over the whole floor.
    fn floor_metric_value(&self, metric: Metric, reading: Reading) -> Option<f64> {
        let totals = self.totals(reading.window);
        match metric {
            Metric::ServiceLevel | Metric::AbandonRate | Metric::Asa => {
                windowed_value(metric, reading, &totals.figures)
            }
            Metric::Waiting => Some(f64::from(totals.waiting)),
            Metric::LongestWait => totals.longest_wait_s,
            Metric::NegativeShare => totals
                .sentiment
                .filter(|s| u64::from(s.samples) >= reading.min_volume)
                .map(|s| s.negative_share),
            Metric::ReasonJump => largest_jump(reading, self.pareto()),
            Metric::PlatformUnreachable | Metric::PlatformGarbage => self.platform_value(metric),
            // Nobody to answer is a queue's trouble; staff lost is a site's,
            // followed over time by the rules.
            Metric::NoAgentAvailable | Metric::SiteAgentsLost | Metric::StaffLostAcrossSites => {
                None
            }
        }
    }
}

impl QueueView<'_> {
    /// The value of `metric` on this queue; `None` when there is not
    /// enough data to say, or the metric is not about one queue.
    pub fn metric_value(&self, metric: Metric, reading: Reading) -> Option<f64> {
        let q = self.observation;
        match metric {
            Metric::ServiceLevel | Metric::AbandonRate | Metric::Asa => {
                windowed_value(metric, reading, &self.figures(reading.window))
            }
            Metric::Waiting => Some(f64::from(q.waiting)),
            Metric::LongestWait => q.longest_wait_s,
            // Callers wait and nobody is staffed to take them: not "all busy", which is a queue.
            Metric::NoAgentAvailable => {
                let stranded = q.waiting > 0 && q.agents.present() == 0;
                Some(if stranded { 1.0 } else { 0.0 })
            }
            Metric::NegativeShare => q
                .sentiment
                .filter(|s| u64::from(s.samples) >= reading.min_volume)
                .map(|s| s.negative_share),
            // Most queues of a large floor count too few to judge: no Pareto for them.
            Metric::ReasonJump if self.reasons_in_hour().unwrap_or(0) < reading.min_volume => None,
            Metric::ReasonJump => largest_jump(reading, self.pareto()),
            Metric::PlatformUnreachable | Metric::PlatformGarbage => {
                self.floor().platform_value(metric)
            }
            Metric::SiteAgentsLost | Metric::StaffLostAcrossSites => None,
        }
    }
}

/// A windowed figure, only once the window holds enough contacts to judge by.
fn windowed_value(metric: Metric, reading: Reading, figures: &WindowFigures) -> Option<f64> {
    if figures.tally.volume() < reading.min_volume {
        return None;
    }
    match metric {
        Metric::ServiceLevel => figures.service_level,
        Metric::AbandonRate => figures.abandon_rate,
        Metric::Asa => figures.asa_s,
        _ => None,
    }
}

/// The largest jump of a reason, once the hour holds enough contacts.
fn largest_jump(reading: Reading, pareto: Option<Pareto>) -> Option<f64> {
    pareto
        .filter(|p| p.total >= reading.min_volume)
        .map(|p| p.largest_jump())
}

#[cfg(test)]
pub(crate) mod tests;
