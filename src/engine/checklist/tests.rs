//! Every step kind, branches, deadlines, undo and closed-loop sensing.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use super::*;
use crate::engine::rules::{Direction, Metric};
use crate::model::Timestamp;

fn at(secs: i64) -> Timestamp {
    Timestamp::from_secs(1_767_600_000 + secs)
}

fn step(id: &str, kind: StepKind, minutes: u64) -> Step {
    Step {
        id: id.into(),
        title: format!("step {id}"),
        kind,
        owner: "floor manager".into(),
        who: None,
        how: None,
        when: Duration::from_secs(minutes * 60),
        response: format!("{id}: DONE STATE"),
        say: None,
    }
}

fn plan() -> Checklist {
    let sensed = StepKind::Sensed(SensedCondition {
        metric: Metric::ServiceLevel,
        on_queue: false,
        direction: Direction::Above,
        level: 0.75,
        hold_for: Duration::from_secs(300),
    });
    Checklist {
        id: "surge".into(),
        title: "Surge".into(),
        version: 1,
        effective: "2026-11-01".into(),
        summary: String::new(),
        steps: vec![
            step("ivr", StepKind::Manual, 5),
            step(
                "long",
                StepKind::Conditional {
                    yes: vec!["partner".into()],
                    no: vec!["watch".into()],
                },
                10,
            ),
            step("partner", StepKind::Manual, 20),
            step("watch", StepKind::Manual, 20),
            step("recovered", sensed, 60),
            step("all-clear", StepKind::Manual, 90),
        ],
    }
}

#[test]
fn branch_steps_wait_for_their_answer_and_one_item_is_current() {
    let run = Run::start(plan(), at(0), "ana");
    assert_eq!(run.states()[2], StepState::AwaitingAnswer);
    assert_eq!(run.states()[3], StepState::AwaitingAnswer);
    assert_eq!(run.current(), Some(0));
    assert_eq!(run.outcome(), Outcome::InProgress { open: 6 });
    assert_eq!(run.actions()[0].kind, ActionKind::Started);
}

#[test]
fn a_manual_step_records_who_and_when_once() {
    let mut run = Run::start(plan(), at(0), "ana");
    run.complete(0, "ana", at(60)).unwrap();
    assert_eq!(
        run.states()[0],
        StepState::Done {
            by: "ana".into(),
            at: at(60),
            how: Completion::Manual
        }
    );
    assert_eq!(
        run.complete(0, "bo", at(70)),
        Err(RunError::NotOpen("ivr".into()))
    );
    assert_eq!(run.current(), Some(1));
}

#[test]
fn a_question_is_answered_not_ticked_and_opens_one_branch() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(
        run.complete(1, "ana", at(5)),
        Err(RunError::IsQuestion("long".into()))
    );
    assert_eq!(
        run.answer(0, true, "ana", at(5)),
        Err(RunError::NotQuestion("ivr".into()))
    );
    run.answer(1, true, "ana", at(10)).unwrap();
    assert_eq!(run.states()[2], StepState::Open, "yes: partner applies");
    assert_eq!(run.states()[3], StepState::Inactive, "watch does not");
    for i in [0, 2, 5] {
        run.complete(i, "ana", at(100)).unwrap();
    }
    run.complete(4, "ana", at(100)).unwrap();
    assert_eq!(
        run.outcome(),
        Outcome::Complete { skipped: 0 },
        "inactive steps do not hold it open"
    );
}

#[test]
fn skipping_needs_a_reason() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(
        run.skip(0, "ana", at(5), "  "),
        Err(RunError::ReasonRequired)
    );
    run.skip(0, "ana", at(5), "IVR already on since 09:00")
        .unwrap();
    assert!(
        matches!(&run.states()[0], StepState::Skipped { reason, .. } if reason == "IVR already on since 09:00")
    );
}

#[test]
fn undo_takes_back_the_last_action_and_keeps_it_on_record() {
    let mut run = Run::start(plan(), at(0), "ana");
    run.complete(0, "ana", at(10)).unwrap();
    run.answer(1, false, "ana", at(20)).unwrap();
    assert_eq!(run.states()[3], StepState::Open);
    let undone = run.undo("ana", at(30)).unwrap();
    assert_eq!(
        run.states()[1],
        StepState::Open,
        "the question is open again"
    );
    assert_eq!(run.states()[2], StepState::AwaitingAnswer);
    assert_eq!(run.states()[3], StepState::AwaitingAnswer);
    run.undo("ana", at(40)).unwrap();
    assert_eq!(run.states()[0], StepState::Open);
    assert_eq!(run.undo("ana", at(50)), Err(RunError::NothingToUndo));
    let kinds: Vec<&ActionKind> = run.actions().iter().map(|a| &a.kind).collect();
    assert_eq!(
        kinds.len(),
        5,
        "started, completed, answered, and two undos: nothing erased"
    );
    assert_eq!(*kinds[3], ActionKind::Undone { of: undone });
}

#[test]
fn a_sensed_step_closes_on_fresh_data_held_long_enough_and_reopens_if_it_slips() {
    let mut run = Run::start(plan(), at(0), "ana");
    let sl = |v: f64| move |_: &SensedCondition| Some(v);
    run.sense(at(60), true, sl(0.80));
    run.sense(at(200), true, sl(0.81));
    assert_eq!(run.states()[4], StepState::Open, "held 140 s of 300");
    run.sense(at(300), false, sl(0.90));
    run.sense(at(400), false, sl(0.90));
    assert_eq!(
        run.states()[4],
        StepState::Open,
        "stale data closes nothing"
    );
    run.sense(at(500), true, sl(0.82));
    run.sense(at(800), true, sl(0.83));
    assert!(
        matches!(run.states()[4], StepState::Done { how: Completion::Sensed { value }, .. } if value == 0.83)
    );
    run.sense(at(860), true, sl(0.60));
    assert_eq!(
        run.states()[4],
        StepState::Open,
        "closed loop stays closed loop"
    );
    assert!(matches!(
        run.actions().last().unwrap().kind,
        ActionKind::Reopened { .. }
    ));
    // Closed by hand, it stays closed whatever the data says.
    run.complete(4, "ana", at(900)).unwrap();
    run.sense(at(960), true, sl(0.40));
    assert!(matches!(
        run.states()[4],
        StepState::Done {
            how: Completion::Overridden,
            ..
        }
    ));
}

#[test]
fn deadlines_run_from_the_start() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(run.due(0), Some(at(300)));
    assert!(!run.is_overdue(0, at(300)));
    assert!(run.is_overdue(0, at(301)));
    run.complete(0, "ana", at(400)).unwrap();
    assert!(!run.is_overdue(0, at(401)), "done late is done");
    assert!(
        !run.is_overdue(2, at(5000)),
        "a branch not yet chosen is not overdue"
    );
}

#[test]
fn notes_are_kept_and_a_closed_run_refuses_changes() {
    let mut run = Run::start(plan(), at(0), "ana");
    run.note("ana", at(10), "vendor ticket 4471").unwrap();
    run.note("ana", at(20), "typo").unwrap();
    run.undo("ana", at(21)).unwrap();
    let notes: Vec<&Action> = run.notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].kind,
        ActionKind::Note {
            text: "vendor ticket 4471".into()
        }
    );
    run.close("ana", at(30), "resolved: IVR fix").unwrap();
    assert_eq!(run.complete(0, "ana", at(40)), Err(RunError::Closed));
    assert_eq!(run.note("ana", at(40), "late"), Err(RunError::Closed));
}

#[test]
fn a_run_replays_from_its_record_to_the_same_state() {
    let mut run = Run::start(plan(), at(0), "ana");
    run.complete(0, "ana", at(10)).unwrap();
    run.answer(1, true, "bo", at(20)).unwrap();
    run.note("bo", at(25), "partner on standby").unwrap();
    run.undo("bo", at(26)).unwrap();
    run.sense(at(30), true, |_| Some(0.9));
    run.sense(at(400), true, |_| Some(0.9));
    run.skip(2, "ana", at(500), "partner closed today").unwrap();
    let replayed = Run::replay(plan(), run.actions()).unwrap();
    assert_eq!(replayed.states(), run.states());
    assert_eq!(replayed.actions(), run.actions());
    // A record that cannot have happened is refused, not half-applied.
    let mut broken = run.actions().to_vec();
    broken.push(Action {
        seq: 99,
        at: at(600),
        by: "ana".into(),
        kind: ActionKind::Completed { step: "ivr".into() },
    });
    assert!(Run::replay(plan(), &broken).is_err());
}
