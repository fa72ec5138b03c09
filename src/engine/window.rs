//! The three windows every statistic is shown over.

use crate::model::Timestamp;

/// Which stretch of time a figure covers. Every figure on screen names its window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Window {
    /// The current clock-aligned interval (15 or 30 minutes).
    #[default]
    Interval,
    /// The last 60 whole minutes, including the current one.
    Rolling60,
    /// Since local midnight.
    Day,
}

impl Window {
    pub const ALL: [Window; 3] = [Window::Interval, Window::Rolling60, Window::Day];

    /// The next window in the order the operator cycles through them.
    pub fn next(self) -> Window {
        match self {
            Window::Interval => Window::Rolling60,
            Window::Rolling60 => Window::Day,
            Window::Day => Window::Interval,
        }
    }
}

/// A window pinned to actual times: `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowSpan {
    pub window: Window,
    pub start: Timestamp,
    pub end: Timestamp,
}
