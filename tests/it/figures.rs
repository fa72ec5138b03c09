//! Every figure the console shows is worked out in `engine`, where it is
//! pure and unit-tested; the parts around it (`ui`, `app`, `cli`, `shell`)
//! ask the engine and format the answer. This test reads their source for
//! the ways a figure has been worked out again outside the engine, each
//! with the engine's lookup that answers it instead.

use std::fs;
use std::path::PathBuf;

/// Code that works out a figure, and what in the engine answers it. A
/// pattern ending in `$` is found at the end of a line only.
const COPIES: &[(&str, &str)] = &[
    (
        "secs_since(",
        "a time between two moments (an age, a deadline, how long a condition held): \
         Floor::age_s, Run::seconds_to_due, Run::seconds_to_status_update, PendingAlert::held_s",
    ),
    (
        "headline_band(",
        "the floor's status: Floor::headline_status",
    ),
    (
        // As a value chosen, not a status matched to its badge.
        "QueueStatus::Stale$",
        "a status made stale when the data is not live: Floor::headline_status, QueueView::status_at",
    ),
    (
        "Some(20.0)",
        "the service-level threshold when the platform names none: engine::DEFAULT_SL_THRESHOLD",
    ),
    (
        "sl_threshold.unwrap_or(Duration",
        "the service-level threshold when none is configured: engine::DEFAULT_SL_THRESHOLD",
    ),
    (
        ".present()",
        "agents at work: the engine's figures and Need",
    ),
    (
        "fn by_site(",
        "agents by site and state: engine::sites::agents_by_site",
    ),
    (
        "latest_value.unwrap_or(",
        "a site's loss while its alert fires: AlertBook::site_loss",
    ),
    (
        "=> figures.",
        "a metric's value by name: Floor::metric_value",
    ),
    (
        "=> totals.",
        "a metric's value by name: Floor::metric_value",
    ),
    (
        "=> view.observation.",
        "a metric's value by name: Floor::metric_value",
    ),
    (
        "StepState::Done { .. } | StepState::Overridden",
        "a run's progress: Run::progress",
    ),
    (
        "\"done\" | \"answered\"",
        "a step's outcome, typed: Run::review, StepOutcome",
    ),
    (
        "starts_with(\"overridden",
        "a step's outcome, typed: Run::review, StepOutcome",
    ),
    (
        "NEXT_UPDATE_IN: ",
        "the status-update cadence: Run::next_status_update",
    ),
];

/// The parts that only ask the engine and format.
const OUTSIDE_THE_ENGINE: &[&str] = &["ui", "app", "cli", "shell"];

#[test]
fn no_figure_is_worked_out_outside_the_engine() {
    let mut found = Vec::new();
    for module in OUTSIDE_THE_ENGINE {
        let files = sources(module);
        assert!(files.len() > 1, "no sources read for {module}");
        for (path, text) in files {
            for (number, line) in code_lines(&text) {
                for (copy, instead) in COPIES {
                    if is_in(copy, line) {
                        found.push(format!(
                            "{}:{number}: {copy:?} works out {instead}",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "figures worked out outside the engine:\n{}",
        found.join("\n")
    );
}

/// The check sees what it looks for: a copy in code is found, in a
/// comment it is not.
#[test]
fn the_check_finds_a_copy_in_code_and_not_in_a_comment() {
    let source = "\
// secs_since( in a comment
fn age() -> f64 {
    now.secs_since(since) // secs_since( again
}
";
    let lines: Vec<usize> = code_lines(source)
        .filter(|(_, line)| is_in("secs_since(", line))
        .map(|(number, _)| number)
        .collect();
    assert_eq!(lines, [3]);
    assert!(is_in("Status::Stale$", "        QueueStatus::Stale"));
    assert!(!is_in(
        "Status::Stale$",
        "QueueStatus::Stale => Role::Stale,"
    ));
}

fn is_in(pattern: &str, line: &str) -> bool {
    match pattern.strip_suffix('$') {
        Some(at_end) => line.trim_end().ends_with(at_end),
        None => line.contains(pattern),
    }
}

/// Each `.rs` file of `module`, with its text.
fn sources(module: &str) -> Vec<(PathBuf, String)> {
    super::source_files::module_files(module)
        .into_iter()
        .map(|path| {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text)
        })
        .collect()
}

/// The lines of code, numbered from 1, without comments.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(index, line)| (index + 1, line))
}
