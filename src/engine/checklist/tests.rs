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
        group: None,
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
        inhibits: Vec::new(),
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
        run.answer(0, true, "ana", at(5)),
        Err(RunError::NotQuestion("ivr".into()))
    );
    run.complete(0, "ana", at(6)).unwrap();
    assert_eq!(
        run.complete(1, "ana", at(7)),
        Err(RunError::IsQuestion("long".into()))
    );
    run.answer(1, true, "ana", at(10)).unwrap();
    assert_eq!(run.states()[2], StepState::Open, "yes: partner applies");
    assert_eq!(run.states()[3], StepState::Inactive, "watch does not");
    for i in [2, 4, 5] {
        run.complete(i, "ana", at(100)).unwrap();
    }
    assert_eq!(
        run.outcome(),
        Outcome::Complete,
        "inactive steps do not hold it open"
    );
}

#[test]
fn an_item_override_needs_a_reason_and_marks_the_end_overridden() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(
        run.override_step(0, "ana", at(5), "  "),
        Err(RunError::ReasonRequired)
    );
    run.override_step(0, "ana", at(5), "IVR already on since 09:00")
        .unwrap();
    assert!(
        matches!(&run.states()[0], StepState::Overridden { reason, whole: false, .. } if reason == "IVR already on since 09:00")
    );
    run.answer(1, false, "ana", at(10)).unwrap();
    for i in [3, 4, 5] {
        run.complete(i, "ana", at(20)).unwrap();
    }
    assert_eq!(run.outcome(), Outcome::Overridden { overridden: 1 });
    assert!(run.actions().iter().any(|a| a.kind
        == ActionKind::Overridden {
            step: "ivr".into(),
            reason: "IVR already on since 09:00".into()
        }));
}

#[test]
fn later_steps_are_refused_while_an_earlier_one_is_open_but_sensed_steps_wait_aside() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(
        run.complete(5, "ana", at(5)),
        Err(RunError::EarlierStepOpen("ivr".into()))
    );
    assert_eq!(
        run.answer(1, true, "ana", at(5)),
        Err(RunError::EarlierStepOpen("ivr".into()))
    );
    assert_eq!(
        run.override_step(5, "ana", at(5), "later"),
        Err(RunError::EarlierStepOpen("ivr".into()))
    );
    run.complete(0, "ana", at(10)).unwrap();
    run.answer(1, true, "ana", at(20)).unwrap();
    run.complete(2, "ana", at(30)).unwrap();
    assert_eq!(
        run.current(),
        Some(5),
        "the sensed step 4 does not hold up the all-clear"
    );
    run.complete(5, "ana", at(40)).unwrap();
    assert_eq!(
        run.current(),
        Some(4),
        "then the sensed step is all that is left"
    );
}

#[test]
fn a_whole_checklist_override_passes_over_everything_open_and_undoes_as_one() {
    let mut run = Run::start(plan(), at(0), "ana");
    run.complete(0, "ana", at(10)).unwrap();
    assert_eq!(
        run.override_all("ana", at(20), ""),
        Err(RunError::ReasonRequired)
    );
    run.override_all("ana", at(20), "false alarm: wallboard feed replayed")
        .unwrap();
    assert_eq!(run.outcome(), Outcome::Overridden { overridden: 5 });
    assert_eq!(
        run.states()[0],
        StepState::Done {
            by: "ana".into(),
            at: at(10),
            how: Completion::Manual
        }
    );
    assert_eq!(
        run.override_all("ana", at(21), "again"),
        Err(RunError::NothingOpen)
    );
    run.undo("ana", at(30)).unwrap();
    assert_eq!(run.states()[1], StepState::Open);
    assert_eq!(run.states()[2], StepState::AwaitingAnswer);
    assert_eq!(run.states()[5], StepState::Open);
    assert_eq!(
        Run::replay(plan(), run.actions()).unwrap().states(),
        run.states()
    );
}

fn cause_plan() -> Checklist {
    let question = |id: &str, then: &str| {
        let mut q = step(
            id,
            StepKind::Conditional {
                yes: vec![then.into()],
                no: Vec::new(),
            },
            5,
        );
        q.group = Some("cause".into());
        q
    };
    let mut plan = plan();
    plan.steps = vec![
        question("carrier", "call-carrier"),
        question("pbx", "call-pbx-vendor"),
        question("network", "call-network"),
        step("call-carrier", StepKind::Manual, 10),
        step("call-pbx-vendor", StepKind::Manual, 10),
        step("call-network", StepKind::Manual, 10),
    ];
    plan
}

#[test]
fn in_an_exclusive_group_no_no_leaves_the_last_question_to_the_operator() {
    let mut run = Run::start(cause_plan(), at(0), "ana");
    run.answer(0, false, "ana", at(10)).unwrap();
    run.answer(1, false, "ana", at(20)).unwrap();
    assert_eq!(
        run.states()[2],
        StepState::Open,
        "never answered yes for you"
    );
    assert_eq!(run.current(), Some(2));
    assert_eq!(run.states()[5], StepState::AwaitingAnswer);
}

#[test]
fn in_an_exclusive_group_a_yes_answers_the_others_no_and_undo_takes_all_back() {
    let mut run = Run::start(cause_plan(), at(0), "ana");
    run.answer(0, true, "ana", at(10)).unwrap();
    for sibling in [1, 2] {
        assert!(matches!(
            &run.states()[sibling],
            StepState::Answered { yes: false, implied_by: Some(by), .. } if by == "carrier"
        ));
    }
    assert_eq!(run.states()[3], StepState::Open);
    assert_eq!(run.states()[4], StepState::Inactive);
    assert_eq!(run.states()[5], StepState::Inactive);
    assert_eq!(run.current(), Some(3));
    assert_eq!(
        Run::replay(cause_plan(), run.actions()).unwrap().states(),
        run.states()
    );
    run.undo("ana", at(20)).unwrap();
    for question in [0, 1, 2] {
        assert_eq!(run.states()[question], StepState::Open);
    }
    for branch in [3, 4, 5] {
        assert_eq!(run.states()[branch], StepState::AwaitingAnswer);
    }
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
    // Overridden by hand, it stays closed whatever the data says (once the
    // steps before it are dealt with: one current item).
    run.complete(0, "ana", at(870)).unwrap();
    run.answer(1, false, "ana", at(880)).unwrap();
    run.complete(3, "ana", at(890)).unwrap();
    run.override_step(4, "ana", at(900), "IVR vendor confirmed by phone")
        .unwrap();
    run.sense(at(960), true, sl(0.40));
    assert!(matches!(run.states()[4], StepState::Overridden { .. }));
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
    run.override_step(2, "ana", at(500), "partner closed today")
        .unwrap();
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

fn reading(secs: i64, sl: f64, waiting: u32) -> Impact {
    Impact {
        at: at(secs),
        service_level: Some(sl),
        waiting: Some(waiting),
        longest_wait_s: Some(f64::from(waiting) * 10.0),
        abandon_rate: Some(0.05),
    }
}

fn figures_kept(run: &Run) -> Vec<(Moment, Impact)> {
    run.actions()
        .iter()
        .filter_map(|a| match &a.kind {
            ActionKind::Figures { moment, figures } => Some((*moment, figures.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_record_keeps_the_figures_at_the_start_at_their_worst_and_at_the_close() {
    let mut run = Run::start(plan(), at(0), "rule: service level low");
    run.observe(reading(2, 0.62, 20));
    run.observe(reading(10, 0.41, 35));
    run.observe(reading(20, 0.55, 50));
    assert_eq!(
        figures_kept(&run).len(),
        1,
        "the worst is written at most once a minute"
    );
    run.observe(reading(90, 0.70, 12));
    let worst = run.figures(Moment::Worst).unwrap().clone();
    assert_eq!(worst.service_level, Some(0.41), "each figure at its worst");
    assert_eq!(worst.waiting, Some(50));
    assert_eq!(worst.at, at(20), "when the last of them got worse");
    run.observe(reading(200, 0.86, 2));
    run.close("ana", at(300), "recovered").unwrap();
    let kept = figures_kept(&run);
    let moments: Vec<Moment> = kept.iter().map(|(m, _)| *m).collect();
    assert_eq!(moments, [Moment::Start, Moment::Worst, Moment::Close]);
    assert_eq!(kept[0].1, reading(2, 0.62, 20));
    assert_eq!(kept[1].1, worst);
    assert_eq!(kept[2].1, reading(200, 0.86, 2), "the last live reading");
    assert!(
        matches!(
            run.actions().last().unwrap().kind,
            ActionKind::Closed { .. }
        ),
        "the figures go on the record before the close"
    );
    // Replayed, as after a restart: the same figures, the same record.
    let replayed = Run::replay(plan(), run.actions()).unwrap();
    assert_eq!(replayed.figures(Moment::Start), run.figures(Moment::Start));
    assert_eq!(replayed.figures(Moment::Worst), Some(&worst));
    assert_eq!(replayed.figures(Moment::Close), run.figures(Moment::Close));
    // Figures are no one's action: undo passes them by.
    let mut open = Run::start(plan(), at(0), "ana");
    open.complete(0, "ana", at(5)).unwrap();
    open.observe(reading(6, 0.5, 5));
    open.undo("ana", at(7)).unwrap();
    assert_eq!(open.states()[0], StepState::Open);
}

#[test]
fn a_copy_is_kept_word_for_word_and_replays() {
    let mut run = Run::start(plan(), at(0), "ana");
    let values = [("waiting".to_string(), "42".to_string())].into();
    run.copied(0, "ana", at(30), "42 waiting\nsecond line", values)
        .unwrap();
    assert!(matches!(
        &run.actions()[1].kind,
        ActionKind::Copied { step, text, values }
            if step == "ivr" && text == "42 waiting\nsecond line" && values["waiting"] == "42"
    ));
    assert_eq!(run.states()[0], StepState::Open, "a copy ticks nothing");
    assert_eq!(Run::replay(plan(), run.actions()).unwrap(), run);
    run.close("ana", at(40), "done").unwrap();
    assert_eq!(
        run.copied(0, "ana", at(50), "late", Default::default()),
        Err(RunError::Closed)
    );
}

#[test]
fn progress_counts_steps_dealt_with_of_those_that_apply() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(
        run.progress(),
        Progress {
            done: 0,
            applicable: 6
        },
        "steps awaiting an answer may yet apply"
    );
    run.override_step(0, "ana", at(5), "IVR already on")
        .unwrap();
    run.answer(1, false, "ana", at(10)).unwrap();
    assert_eq!(
        run.progress(),
        Progress {
            done: 2,
            applicable: 5
        },
        "overridden and answered count as dealt with; the branch not taken no longer applies"
    );
    run.complete(3, "ana", at(20)).unwrap();
    run.undo("ana", at(21)).unwrap();
    assert_eq!(run.progress().done, 2, "an undone tick is not progress");
}

fn minutes(m: i64) -> Timestamp {
    at(m * 60)
}

/// The ivr step 1 min early, the question 2 min late (no: `partner` is
/// ruled out), `watch` overridden; `recovered` (due at 60 min) and
/// `all-clear` (at 90) left open.
fn half_walked() -> Run {
    let mut plan = plan();
    plan.steps[0].who = Some("Customers in queue".into());
    let mut run = Run::start(plan, at(0), "ana");
    run.complete(0, "ana", minutes(4)).unwrap();
    run.answer(1, false, "bo", minutes(12)).unwrap();
    run.override_step(3, "bo", minutes(25), "watched already")
        .unwrap();
    run
}

#[test]
fn the_review_gives_each_steps_outcome_who_and_its_delay() {
    let run = half_walked();
    let review = run.review();
    assert_eq!(review.state, ReviewState::InProgress);
    let outcomes: Vec<&str> = review.steps.iter().map(|s| s.outcome.name()).collect();
    assert_eq!(
        outcomes,
        ["done", "answered", "inactive", "overridden", "open", "open"]
    );
    let ivr = &review.steps[0];
    assert_eq!((ivr.by, ivr.at), (Some("ana"), Some(minutes(4))));
    assert_eq!(ivr.outcome.how(), Some("manual"));
    assert_eq!(ivr.delay_s, Some(-60.0), "a minute early");
    let question = &review.steps[1];
    assert_eq!(question.outcome.how(), Some("no"));
    assert_eq!(question.delay_s, Some(120.0), "two minutes late");
    let watch = &review.steps[3];
    assert_eq!(watch.reason, Some("watched already"));
    assert_eq!(watch.by, Some("bo"));
    let open = &review.steps[4];
    assert_eq!((open.by, open.at, open.delay_s), (None, None, None));
    assert_eq!(open.due, Some(minutes(60)));
}

#[test]
fn every_outcome_has_one_name_and_an_answer_for_you_names_its_cause() {
    let mut run = Run::start(cause_plan(), at(0), "ana");
    run.answer(0, true, "ana", at(10)).unwrap();
    let review = run.review();
    assert_eq!(review.steps[1].implied_by, Some("carrier"));
    assert_eq!(review.steps[1].outcome.how(), Some("no"));
    assert_eq!(review.steps[0].outcome.how(), Some("yes"));
    let names = [
        (StepOutcome::Open, "open"),
        (StepOutcome::AwaitingAnswer, "awaiting_answer"),
        (StepOutcome::Inactive, "inactive"),
        (StepOutcome::Done { sensed: true }, "done"),
        (
            StepOutcome::Overridden {
                with_checklist: true,
            },
            "overridden_with_checklist",
        ),
        (StepOutcome::Answered { yes: true }, "answered"),
    ];
    for (outcome, name) in names {
        assert_eq!(outcome.name(), name);
    }
    assert_eq!(StepOutcome::Done { sensed: true }.how(), Some("sensed"));
    let states = [
        (ReviewState::InProgress, "in_progress"),
        (ReviewState::Complete, "complete"),
        (ReviewState::Overridden, "overridden"),
        (ReviewState::Closed, "closed"),
    ];
    for (state, name) in states {
        assert_eq!(state.name(), name);
    }
}

#[test]
fn a_whole_checklist_override_is_its_own_outcome_and_leaves_it_overridden() {
    let mut run = half_walked();
    run.override_all("ana", minutes(30), "drill over").unwrap();
    let review = run.review();
    assert_eq!(review.state, ReviewState::Overridden);
    assert_eq!(
        review.steps[5].outcome,
        StepOutcome::Overridden {
            with_checklist: true
        }
    );
    run.close("ana", minutes(31), "done").unwrap();
    assert_eq!(run.review().state, ReviewState::Closed);
}

#[test]
fn a_drill_still_running_is_scored_at_now_without_steps_not_yet_due() {
    let score = half_walked().drill_score(minutes(70));
    assert_eq!(
        (score.on_time, score.late, score.overridden),
        (1, 1, 1),
        "ivr early, the question late, watch overridden"
    );
    assert_eq!(score.missed, 1, "recovered was due at 60 min");
    assert_eq!(score.not_due, 1, "all-clear is due at 90 min");
    assert_eq!(score.score, Some(25), "1 on time of 4 scored");
    assert_eq!(score.time_to_first_action_s, Some(240.0));
    assert_eq!(score.time_to_first_customer_message_s, Some(240.0));
    assert_eq!(score.time_to_finish_s, None, "steps are still open");
}

#[test]
fn a_drill_ended_is_scored_at_its_close_whatever_the_time_now() {
    let mut run = half_walked();
    run.close("ana", minutes(100), "stopped").unwrap();
    assert_eq!(run.closed_at(), Some(minutes(100)));
    let score = run.drill_score(minutes(10));
    assert_eq!(
        (score.missed, score.not_due),
        (2, 0),
        "both were due by 100 min"
    );
    assert_eq!(score.score, Some(20), "1 on time of 5");
}

#[test]
fn a_drill_finished_says_when_the_last_step_was_dealt_with() {
    let mut run = Run::start(plan(), at(0), "ana");
    assert_eq!(
        run.drill_score(at(1)).score,
        None,
        "nothing due, nothing done: not scored"
    );
    assert_eq!(run.drill_score(at(1)).time_to_first_action_s, None);
    run.note("ana", at(30), "on it").unwrap();
    run.complete(0, "ana", at(60)).unwrap();
    run.answer(1, true, "ana", at(120)).unwrap();
    for i in [2, 4, 5] {
        run.complete(i, "ana", minutes(100)).unwrap();
    }
    let score = run.drill_score(minutes(200));
    assert_eq!(
        score.time_to_first_action_s,
        Some(30.0),
        "a note is acting on the plan"
    );
    assert_eq!(score.time_to_finish_s, Some(6000.0));
    assert_eq!((score.on_time, score.late), (2, 3));
    assert_eq!(
        score.time_to_first_customer_message_s, None,
        "nobody told customers"
    );
    assert_eq!(run.review().state, ReviewState::Complete);
}

#[test]
fn the_first_update_is_due_five_minutes_in_and_each_sent_promises_the_next() {
    let mut plan = plan();
    plan.steps[0].say = Some("Next update at {next_update}.".into());
    let mut run = Run::start(plan, at(0), "ana");
    assert_eq!(run.next_status_update(), Some(at(0).plus(FIRST_NOTICE_IN)));
    assert_eq!(run.seconds_to_status_update(minutes(2)), Some(180.0));
    assert_eq!(
        run.seconds_to_status_update(minutes(7)),
        Some(-120.0),
        "late"
    );
    run.complete(0, "ana", minutes(6)).unwrap();
    assert_eq!(
        run.next_status_update(),
        Some(minutes(6).plus(NEXT_UPDATE_IN))
    );
    run.answer(1, true, "ana", minutes(8)).unwrap();
    assert_eq!(
        run.next_status_update(),
        Some(minutes(6).plus(NEXT_UPDATE_IN)),
        "a step that promises nothing moves nothing"
    );
    run.close("ana", minutes(9), "done").unwrap();
    assert_eq!(run.next_status_update(), None);
    assert_eq!(run.seconds_to_status_update(minutes(9)), None);
}

#[test]
fn time_to_a_steps_deadline_runs_negative_once_past() {
    let run = Run::start(plan(), at(0), "ana");
    assert_eq!(run.seconds_to_due(0, minutes(3)), Some(120.0));
    assert_eq!(run.seconds_to_due(0, minutes(6)), Some(-60.0));
    assert_eq!(run.seconds_to_due(99, minutes(6)), None);
}
