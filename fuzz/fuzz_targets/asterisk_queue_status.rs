//! A body from an Asterisk AMI `/rawman?action=QueueStatus`.
#![no_main]

use floorwatch::platform::answers;
use floorwatch_fuzz::{WALL_CLOCK, through_the_console};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    if let Ok(snapshot) = answers::asterisk_queue_status(body, WALL_CLOCK) {
        through_the_console(vec![snapshot]);
    }
});
