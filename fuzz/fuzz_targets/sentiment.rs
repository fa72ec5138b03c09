//! What a customer said: any text at all, in any script.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let reading = floorwatch::sentiment::analyze(text);
    assert!(
        (-1.0..=1.0).contains(&reading.score),
        "score {} off -1..1 for {text:?}",
        reading.score
    );
});
