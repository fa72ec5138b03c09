//! `[[rules]]` tables in a config file; the rules that parse are evaluated
//! against a live floor, so that a threshold written as `nan` or `-1e300`
//! is caught at the file or behaves, never panics.
#![no_main]

use std::path::Path;

use floorwatch::config::file;
use floorwatch::engine::rules::RuleEngine;
use floorwatch_fuzz::with_rules_on_a_floor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let source = format!("[alerts]\ndefault_rules = false\n\n[[rules]]\n{text}");
    match file::parse(&source, "fuzz.toml", Path::new("/nonexistent")) {
        Ok(config) => with_rules_on_a_floor(RuleEngine::new(config.rules)),
        Err(e) => drop(e.to_string()),
    }
});
