//! A config file as an operator (or anyone who can write it) may write it.
#![no_main]

use std::path::Path;

use floorwatch::config::file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match file::parse(text, "fuzz.toml", Path::new("/nonexistent")) {
        Ok(_) => {}
        // Every problem must be printable: it is what the operator reads.
        Err(e) => drop(e.to_string()),
    }
});
