//! What an incident did to the floor: its figures when it began, at their
//! worst while it ran, and when it closed, for the review to read.

use std::time::Duration;

use crate::engine::rules::Metric;
use crate::engine::{Floor, Reading};
use crate::model::{QueueId, Timestamp};

/// The figures a review asks about, read at one moment, on the incident's
/// queue or the whole floor. A figure the platform does not give is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// When they were read (for the worst: when the last of them got worse).
    pub at: Timestamp,
    /// Service level, 0…1.
    pub service_level: Option<f64>,
    /// Contacts waiting.
    pub waiting: Option<u32>,
    /// The longest wait now, seconds.
    pub longest_wait_s: Option<f64>,
    /// Abandoned of offered, 0…1.
    pub abandon_rate: Option<f64>,
}

/// Which of an incident's figures an entry holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// The first live reading after the incident opened.
    Start,
    /// Each figure at its worst so far.
    Worst,
    /// The last live reading before it closed.
    Close,
}

impl Moment {
    pub fn name(self) -> &'static str {
        match self {
            Moment::Start => "start",
            Moment::Worst => "worst",
            Moment::Close => "close",
        }
    }

    pub fn from_name(name: &str) -> Option<Moment> {
        [Moment::Start, Moment::Worst, Moment::Close]
            .into_iter()
            .find(|m| m.name() == name)
    }
}

/// The worst so far is written to the record at most this often: often
/// enough that a restart loses little, seldom enough that a worsening
/// surge does not flood the record.
pub const WORST_KEPT_EVERY: Duration = Duration::from_secs(60);

impl Impact {
    /// The figures now, read at `at`, on `queue` or (`None`) the whole
    /// floor, over the current interval as the sensed steps read them;
    /// `None` before the first snapshot or when the queue is not in it.
    pub fn now(floor: &Floor, queue: Option<&QueueId>, at: Timestamp) -> Option<Impact> {
        let waiting = match queue {
            Some(id) => floor.queue(id)?.observation.waiting,
            None => {
                floor.snapshot()?;
                floor.totals(Reading::SENSED.window).waiting
            }
        };
        let read = |metric| floor.metric_value(metric, queue, Reading::SENSED);
        Some(Impact {
            at,
            service_level: read(Metric::ServiceLevel),
            waiting: Some(waiting),
            longest_wait_s: read(Metric::LongestWait),
            abandon_rate: read(Metric::AbandonRate),
        })
    }

    /// Each figure at the worse of the two readings: lower service level,
    /// more waiting, a longer wait, more abandons. `at` is `now`'s when any
    /// figure got worse.
    pub fn worst_with(&self, now: &Impact) -> Impact {
        let low = |a: Option<f64>, b: Option<f64>| pick(a, b, |x, y| y < x);
        let high = |a: Option<f64>, b: Option<f64>| pick(a, b, |x, y| y > x);
        let worst = Impact {
            at: self.at,
            service_level: low(self.service_level, now.service_level),
            waiting: pick(self.waiting, now.waiting, |x, y| y > x),
            longest_wait_s: high(self.longest_wait_s, now.longest_wait_s),
            abandon_rate: high(self.abandon_rate, now.abandon_rate),
        };
        if worst.same_figures(self) {
            worst
        } else {
            Impact {
                at: now.at,
                ..worst
            }
        }
    }

    /// The same figures, whenever they were read.
    pub fn same_figures(&self, other: &Impact) -> bool {
        Impact {
            at: other.at,
            ..self.clone()
        } == *other
    }
}

/// `b` when it is known and `worse` than `a` (or `a` is unknown), else `a`.
fn pick<T: Copy>(a: Option<T>, b: Option<T>, worse: impl Fn(T, T) -> bool) -> Option<T> {
    match (a, b) {
        (Some(x), Some(y)) if worse(x, y) => Some(y),
        (None, b) => b,
        (a, _) => a,
    }
}
