//! The shipped checklist pack: every plan loads, passes the checks, and can
//! be walked to the end, whichever way its questions are answered.

use std::time::Duration;

use floorwatch::config::checklist::{BUILTIN, ChecklistCatalog, parse_checklist};
use floorwatch::engine::checklist::{Checklist, Outcome, Run, StepKind, StepState};
use floorwatch::model::Timestamp;

const SHIPPED: [&str; 6] = [
    "traffic-surge",
    "telephony-outage",
    "site-power-outage",
    "severe-weather",
    "complaint-spike",
    "pandemic-continuity",
];

#[test]
fn every_shipped_file_passes_the_checks() {
    for (origin, text) in BUILTIN {
        if let Err(e) = parse_checklist(text, origin) {
            panic!("{origin} does not pass:\n{e}");
        }
    }
    let catalog = ChecklistCatalog::builtin();
    let ids: Vec<&str> = catalog.ids().collect();
    for id in SHIPPED {
        assert!(ids.contains(&id), "{id} ships: {ids:?}");
    }
}

/// Walks a plan: questions answered `yes` or not, manual steps ticked, sensed
/// steps closed by live data that holds long enough.
fn walk(checklist: &Checklist, yes: bool) -> Run {
    let start = Timestamp::from_secs(1_767_600_000);
    let mut run = Run::start(checklist.clone(), start, "ana");
    let mut now = start;
    for _ in 0..200 {
        let Some(current) = run.current() else { break };
        now = now.plus(Duration::from_secs(30));
        match &checklist.steps[current].kind {
            StepKind::Manual => run.complete(current, "ana", now).unwrap(),
            StepKind::Conditional { .. } => run.answer(current, yes, "ana", now).unwrap(),
            StepKind::Sensed(condition) => {
                let good = if condition.holds(condition.level + 1.0) {
                    condition.level + 1.0
                } else {
                    condition.level - 1.0
                };
                run.sense(now, true, |_| Some(good));
                let later = now.plus(condition.hold_for).plus(Duration::from_secs(1));
                run.sense(later, true, |_| Some(good));
                now = later;
            }
        }
    }
    run
}

#[test]
fn every_shipped_checklist_can_be_walked_to_the_end_either_way() {
    let catalog = ChecklistCatalog::builtin();
    for id in SHIPPED {
        let checklist = catalog.get(id).unwrap();
        for yes in [true, false] {
            let run = walk(checklist, yes);
            assert_eq!(run.outcome(), Outcome::Complete, "{id} (answers {yes})");
            let inactive = run
                .states()
                .iter()
                .filter(|s| **s == StepState::Inactive)
                .count();
            let questions = checklist
                .steps
                .iter()
                .filter(|s| matches!(s.kind, StepKind::Conditional { .. }))
                .count();
            assert!(questions > 0, "{id} asks at least one question");
            assert!(run.states().len() > inactive, "{id}");
        }
    }
}

#[test]
fn every_shipped_plan_is_a_real_plan() {
    let catalog = ChecklistCatalog::builtin();
    for id in SHIPPED {
        let checklist = catalog.get(id).unwrap();
        let steps = &checklist.steps;
        assert!(
            (6..=14).contains(&steps.len()),
            "{id}: {} steps",
            steps.len()
        );
        assert!(
            steps.iter().any(|s| matches!(s.kind, StepKind::Sensed(_))),
            "{id} senses recovery"
        );
        assert!(
            steps.windows(2).all(|w| w[0].when <= w[1].when),
            "{id}: deadlines grow along the list"
        );
        assert!(
            steps.iter().any(|s| s
                .say
                .as_deref()
                .is_some_and(|say| say.contains("{next_update}"))),
            "{id}: status updates say when the next one comes"
        );
        let owners: std::collections::HashSet<&str> =
            steps.iter().map(|s| s.owner.as_str()).collect();
        assert!(
            owners.len() >= 2,
            "{id}: more than one role acts: {owners:?}"
        );
    }
}

#[test]
fn every_checklist_a_shipped_rule_opens_ships_too() {
    let catalog = ChecklistCatalog::builtin();
    for rule in floorwatch::engine::rules::default_rules() {
        if let Some(id) = &rule.checklist {
            assert!(
                catalog.get(id).is_some(),
                "rule {} opens {id}, which is missing",
                rule.id
            );
        }
    }
}
