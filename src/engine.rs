//! The engine: figures computed from what the platform reports.
//!
//! Pure and deterministic. It receives snapshots and the time as parameters and
//! never reads a clock, touches the network, the terminal or the disk, so every
//! figure on screen can be tested without any of them.
//!
//! The path of a number: a platform's cumulative counters ([`crate::model::QueueCounters`])
//! are differenced into a [`Tally`] per minute by [`QueueHistory`] (surviving resets
//! and gaps), summed over a [`Window`], and turned into [`WindowFigures`] by the
//! formulas in [`figures`]. [`Floor`] holds one history per queue plus the health
//! of the data (live or stale), and [`status`] classifies each queue. [`rules`]
//! turns figures that stay on the wrong side of a line into alerts. [`mood`]
//! follows how each queue's customers feel, from the platform's scores or
//! from their words (scored by [`crate::sentiment`]).

pub mod checklist;
pub mod clock;
mod coverage;
pub mod figures;
mod floor;
mod history;
pub mod metric;
pub mod mood;
pub mod need;
pub mod reasons;
pub mod rules;
pub mod sites;
pub mod staffing;
pub mod status;
mod tally;
mod window;

pub use clock::ClockFault;
pub use coverage::{Coverage, GapCause};
pub use figures::{SlFormula, WindowFigures};
pub use floor::{
    DEFAULT_SL_THRESHOLD, EngineSettings, Floor, FloorTotals, Health, NEED_WINDOW, QueueView,
};
pub use history::{Calendar, QueueHistory};
pub use metric::Reading;
pub use status::{QueueStatus, StatusReason, StatusThresholds};
pub use tally::Tally;
pub use window::{Window, WindowSpan};
