//! A body from an endpoint that claims to speak the snapshot contract.
#![no_main]

use floorwatch::platform::answers;
use floorwatch_fuzz::through_the_console;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    if let Ok(snapshot) = answers::http_snapshot(body) {
        through_the_console(vec![snapshot]);
    }
});
