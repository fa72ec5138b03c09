//! A checklist file, and if it parses, a run of it walked to the end with
//! every step's message filled in: a plan is only harmless once it can be run.
#![no_main]

use std::collections::BTreeMap;
use std::time::Duration;

use floorwatch::config::checklist::parse_checklist;
use floorwatch::engine::checklist::{PLACEHOLDERS, Run, StepKind, fill};
use floorwatch_fuzz::WALL_CLOCK;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let checklist = match parse_checklist(text, "fuzz-checklist.toml") {
        Ok(checklist) => checklist,
        Err(e) => return drop(e.to_string()),
    };
    let values: BTreeMap<&str, String> = PLACEHOLDERS
        .iter()
        .map(|p| (*p, format!("<{p}>")))
        .collect();
    for step in &checklist.steps {
        if let Some(say) = &step.say {
            assert!(
                fill(say, &values).is_ok(),
                "a parsed message names an unknown placeholder: {say:?}"
            );
        }
    }
    let mut run = Run::start(checklist.clone(), WALL_CLOCK, "fuzz");
    let mut now = WALL_CLOCK;
    for (index, step) in checklist.steps.iter().enumerate() {
        now = now.plus(Duration::from_secs(30));
        let acted = match step.kind {
            StepKind::Conditional { .. } => run.answer(index, index % 2 == 0, "fuzz", now),
            _ => run.complete(index, "fuzz", now),
        };
        drop(acted);
        drop(run.note("fuzz", now, "a note"));
        let _overdue = run.is_overdue(index, now);
    }
    while run.undo("fuzz", now).is_ok() {}
    drop(run.close("fuzz", now, "resolved"));
});
