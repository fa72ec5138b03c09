//! The closed vocabularies: what can happen, and what the core asks of the world.

use super::Key;
use crate::model::{PollFailure, Snapshot, Timestamp};

#[derive(Clone, Debug)]
pub enum Msg {
    /// The operator pressed a key.
    KeyPressed(Key),
    /// A poll succeeded; `at` is the wall clock when it arrived.
    FloorObserved { snapshot: Snapshot, at: Timestamp },
    /// A poll failed; the failure is already free of secrets.
    PollFailed { at: Timestamp, failure: PollFailure },
    /// The wall clock moved on (once a second).
    Ticked(Timestamp),
    /// The terminal changed size.
    Resized,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and leave.
    Quit,
    /// Ring the terminal bell (a queue just went critical).
    RingBell,
}
