//! The integration tests: one binary, a module per feature.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod architecture;
mod cli;
mod engine;
mod floor_fixture;
mod serve;
mod themes;
mod tmux;
mod update;
mod view;
