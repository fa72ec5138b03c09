//! How much of a window its counts cover, and why a part of it was not counted.

use crate::model::Timestamp;

/// Why part of a window was not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GapCause {
    /// Polls further apart than the gap setting.
    #[default]
    PollsMissed,
    /// The platform's counters restarted into a counting window that began
    /// before our last reading (a restarted `sim serve`, a node failing
    /// over): what it counted again was counted already, and what came
    /// between the two readings is unknown.
    CountersRestarted,
}

/// How much of a window its counts cover.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Coverage {
    /// The counts begin here, later than the window: we began watching then.
    pub counted_from: Option<Timestamp>,
    /// A stretch inside the window was not counted, and why.
    pub gap: Option<GapCause>,
}

impl Coverage {
    /// Whether the window's counts are incomplete for any reason.
    pub fn is_incomplete(&self) -> bool {
        self.counted_from.is_some() || self.gap.is_some()
    }

    /// The coverage of windows added together (a floor of queues).
    pub fn join(self, other: Coverage) -> Coverage {
        Coverage {
            counted_from: self.counted_from.max(other.counted_from),
            gap: self.gap.or(other.gap),
        }
    }
}
