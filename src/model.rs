//! The normalized model: what every platform is turned into, whatever it is.
//!
//! A [`Snapshot`] is one observation of the whole floor at one instant, in the
//! vocabulary of the `floorwatch.snapshot.v1` contract. Adapters build it; the engine
//! reads it. It owns no I/O and no serialization: the JSON twin lives in
//! `platform::wire`, so the shape on the wire can change without touching this.
//!
//! A figure the platform does not provide is `None`, never a made-up zero.

mod failure;
mod snapshot;
mod time;

pub use failure::{PlatformCondition, PollFailure};
pub use snapshot::{
    AgentCounts, AgentObservation, AgentState, InQueue, Interaction, PlatformInfo, QueueCounters,
    QueueId, QueueObservation, QueueState, ReasonCount, SentimentObservation, Site, Snapshot,
    WaitingContact,
};
pub use time::Timestamp;
