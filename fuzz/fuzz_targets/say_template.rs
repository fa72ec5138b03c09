//! Message templates and the values put into them. A value is the
//! platform's text (a queue or site name), so a `{queue}` inside a value
//! must come out as written, never be filled again.
#![no_main]

use std::collections::BTreeMap;

use arbitrary::Arbitrary;
use floorwatch::app::text;
use floorwatch::engine::checklist::{PLACEHOLDERS, fill, placeholders_in};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    template: String,
    values: Vec<String>,
}

/// A stand-in for value `i` that neither template nor values contain.
fn token(i: usize) -> String {
    format!("\u{F8FF}{i}\u{F8FF}")
}

fuzz_target!(|input: Input| {
    if input.template.contains('\u{F8FF}') || input.values.iter().any(|v| v.contains('\u{F8FF}')) {
        return;
    }
    let pairs: Vec<(&str, &String)> = PLACEHOLDERS.iter().copied().zip(&input.values).collect();
    let values: BTreeMap<&str, String> = pairs.iter().map(|(n, v)| (*n, (*v).clone())).collect();
    let tokens: BTreeMap<&str, String> = pairs
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (*n, token(i)))
        .collect();
    let _ = placeholders_in(&input.template);
    // Filled with unique tokens and then the tokens swapped for the values,
    // the message is what filling once, without looking inside values, gives.
    match (
        fill(&input.template, &values),
        fill(&input.template, &tokens),
    ) {
        (Ok(filled), Ok(with_tokens)) => {
            let mut expected = with_tokens;
            for (i, (_, value)) in pairs.iter().enumerate() {
                expected = expected.replace(&token(i), value);
            }
            assert_eq!(filled, expected, "a value was filled again");
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("values changed which placeholders are missing: {a:?} vs {b:?}"),
    }
    // The console's own words take arguments by position the same way.
    let args: Vec<&str> = input.values.iter().map(String::as_str).collect();
    let tokens: Vec<String> = (0..args.len()).map(token).collect();
    let token_args: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let mut expected = text::fill(&input.template, &token_args);
    for (i, arg) in args.iter().enumerate() {
        expected = expected.replace(&token(i), arg);
    }
    assert_eq!(
        text::fill(&input.template, &args),
        expected,
        "an argument was filled again"
    );
});
