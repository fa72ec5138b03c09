//! A theme file.
#![no_main]

use floorwatch::config::theme::parse_theme;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = parse_theme(text, "fuzz-theme.toml") {
        drop(e.to_string());
    }
});
