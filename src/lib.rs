//! floorwatch: a terminal console for contact-centre floor managers.
//!
//! Modules in reading order (ARCHITECTURE.md has the map):
//! `untrusted` (outside text made safe, used by every exit) →
//! `model` (the normalized snapshot) → `engine` (figures, pure) → `sentiment`
//! (how a customer's words feel, pure) → `sim` (the simulated contact centre)
//! → `app` (state, messages, update) → `ui` (the view)
//! → `platform` (adapters and the JSON contract) → `config` → `store` (incidents on disk)
//! → `shell` (run loop) → `cli`.

pub mod app;
pub mod cli;
pub mod config;
pub mod engine;
pub mod model;
pub mod platform;
pub mod sentiment;
pub mod shell;
pub mod sim;
pub mod store;
pub mod ui;
pub mod untrusted;
