//! The integration tests: one binary, a module per feature.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod answers;
mod architecture;
mod asterisk;
mod checklists;
mod cli;
mod config_file;
mod declare_site;
mod drills;

mod engine;
mod fake;
mod faults;
mod floor_fixture;
mod floor_signals;
mod genesys;
mod http_platform;
mod hygiene;
mod live_pbx;
mod numbers;
mod saving;
mod scenario_plans;
mod sentiment;
mod serve;
mod shared;
mod staffing;
mod store;
mod themes;
mod tls;
mod tmux;
mod twilio;
mod update;
mod view;
