//! The command line: what the operator can ask for, and the composition of
//! the parts for each command. Everything that can be wrong with the
//! arguments or the theme is reported here, before the terminal goes full screen.

mod args;
pub mod audit;
mod checklist_setup;
mod commands;
pub mod console_theme;
pub mod floor_setup;
pub mod hub_setup;
pub mod incidents;
mod output;
mod platform_setup;
pub mod reports;
mod sentiment;
mod staffing;

pub use args::{
    Cli, Command, ConsoleArgs, IncidentsCommand, PollArgs, ServeArgs, SimArgs, SimCommand,
    StateDirArg,
};
pub use commands::run;

use anyhow::Context as _;

/// The async runtime a command that talks to the network or serves consoles runs on.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}
