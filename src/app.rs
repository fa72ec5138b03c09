//! The application state machine: everything the console knows and how it changes.
//!
//! Every input (a key, a snapshot, a failed poll, a clock tick) arrives as a
//! [`Msg`]; [`update`] is the only place [`AppState`] changes, and it answers
//! with [`Effect`]s for the shell to carry out. Like the engine it reads no
//! clock and does no I/O, and it owns its own [`Key`] type so that no terminal
//! library reaches this far in.

mod follow;
pub mod hub;
pub mod incident;
pub mod keymap;
mod msg;
pub mod notice;
pub mod order;
pub mod record;
pub mod saving;
mod state;
pub mod text;
mod update;
pub mod view;

pub use keymap::{Action, Key};
pub use msg::{Effect, MinuteRow, Msg, RestoredIncident};
pub use order::SortKey;
pub use state::{AgainstFigures, AppState, Drill, Prompt, Screen, Seen, Setup, View};
pub use update::{Outcome, SNOOZE_FOR, update};
