//! The record a review (复盘) reads, and drills, through the real binary in
//! tmux: drive a session as an operator would, then read what
//! `incidents export` and `drills list` say about it.

use std::time::{Duration, Instant};

use super::tmux::{Pane, listed, tmux_available};

/// `floorwatch --speed 60 drill surge`, as the README writes it, on `dir`.
fn drill_console(name: &str, dir: &str) -> Pane {
    Pane::start(
        name,
        &[
            "--speed",
            "60",
            "--seed",
            "3",
            "--state-dir",
            dir,
            "drill",
            "surge",
        ],
        &[("USER", "ana")],
    )
}

/// The screen once `holds` is true of it (30 s at most).
fn wait_until(pane: &Pane, what: &str, holds: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let screen = pane.screen();
        if holds(&screen) {
            return screen;
        }
        assert!(
            Instant::now() < deadline,
            "waited 30 s for {what}; the screen shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Types a `:` command and Enter.
fn command(pane: &Pane, line: &str) {
    pane.keys(&[":"]);
    pane.tmux(&["send-keys", "-t", "e2e", "-l", line]);
    pane.keys(&["Enter"]);
}

#[test]
fn a_drill_runs_at_the_readme_speed_and_stopping_it_ends_and_scores_it() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    // At 60 simulated seconds a second the surge trips its rules within seconds.
    let pane = drill_console("drill-speed", &dir);
    pane.wait_for("Traffic surge v1");
    pane.keys(&[" "]);
    pane.wait_for("[✓]");
    // Quit without stopping: the next drill must not carry on with this incident.
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
    drop(pane);

    let pane = drill_console("drill-again", &dir);
    wait_until(&pane, "the new drill's checklist", |screen| {
        screen.contains("Traffic surge v1") && !screen.contains("INCIDENT CLOSED")
    });
    command(&pane, "drill stop");
    pane.wait_for("INCIDENT CLOSED");
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");

    let drills = listed(&["drills", "list"], &dir);
    let drills = drills.as_array().unwrap();
    assert_eq!(drills.len(), 2, "two drills, two incidents: {drills:#?}");
    for drill in drills {
        assert_eq!(drill["state"], "closed", "each ended: {drill}");
        assert_eq!(drill["missed"], 0, "nothing was due yet: {drill}");
    }
    assert_eq!(drills[0]["on_time"], 1, "{}", drills[0]);
    assert_eq!(drills[0]["score"], 100, "{}", drills[0]);
    assert_eq!(drills[1]["on_time"], 0, "a new incident: {}", drills[1]);
    let incidents = listed(&["incidents", "list"], &dir);
    assert_eq!(
        incidents[1]["steps"][0]["state"], "open",
        "the second drill did not reopen the first: {incidents:#}"
    );
}
