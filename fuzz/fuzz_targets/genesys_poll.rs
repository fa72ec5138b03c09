//! Genesys Cloud's three answers of one poll (queue list, observations,
//! aggregates), cut from one input at 0xFF bytes, which JSON never contains.
#![no_main]

use floorwatch::platform::answers;
use floorwatch_fuzz::{WALL_CLOCK, through_the_console};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let mut bodies = input.splitn(3, |b| *b == 0xFF);
    let queues = bodies.next().unwrap_or_default();
    let observations = bodies.next().unwrap_or_default();
    let aggregates = bodies.next().unwrap_or_default();
    if let Ok(snapshot) = answers::genesys_poll(queues, observations, aggregates, WALL_CLOCK) {
        through_the_console(vec![snapshot]);
    }
});
