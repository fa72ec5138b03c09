//! No accidental ticks, through the real binary: a checklist a rule opens
//! while the operator is pressing keys takes none of them.

use std::time::{Duration, Instant};

use super::{Pane, listed, tmux_available};

impl Pane {
    /// Marks the current step of a checklist that came on screen by itself,
    /// as an operator who has read it does: a pause, then two presses.
    pub(crate) fn mark_deliberately(&self) {
        std::thread::sleep(Duration::from_secs(2));
        self.keys(&[" "]);
        self.wait_for("Enter again marks step");
        self.keys(&[" "]);
    }
}

#[test]
fn a_checklist_a_rule_opens_while_keys_arrive_takes_none_of_them() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    let pane = Pane::start(
        "ticks",
        &[
            "--scenario",
            "surge",
            "--speed",
            "60",
            "--seed",
            "3",
            "--state-dir",
            &dir,
        ],
        &[("USER", "ana")],
    );
    pane.wait_for("Longest wait");
    // The operator is busy on the wallboard and the queue view, Enter and
    // Space, when the surge rule opens its checklist; they keep going a
    // moment after it appears, not having seen it yet.
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut appeared: Option<Instant> = None;
    let mut presses_after = 0;
    while appeared.is_none_or(|at| at.elapsed() < Duration::from_millis(1200)) {
        assert!(Instant::now() < deadline, "the surge plan never opened");
        for key in ["Enter", "Space", "Enter"] {
            pane.tmux(&["send-keys", "-t", "e2e", key]);
            std::thread::sleep(Duration::from_millis(120));
            if appeared.is_some() {
                presses_after += 1;
            }
        }
        if appeared.is_none() && pane.screen().contains("Traffic surge v1") {
            appeared = Some(Instant::now());
        }
    }
    assert!(presses_after >= 6, "keys arrived after it appeared");
    let screen = pane.wait_for("OPENED BY ITSELF");
    assert!(
        !screen.contains("[✓]") && !screen.contains("[…]"),
        "no step marked by keys meant for something else\n{screen}"
    );

    // After a pause the first press only arms the step, the second marks it.
    std::thread::sleep(Duration::from_secs(2));
    pane.keys(&[" "]);
    let screen = pane.wait_for("Enter again marks step 1 done");
    assert!(!screen.contains("[✓]"), "armed, not marked\n{screen}");
    pane.keys(&[" "]);
    pane.wait_for("[✓]");
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");

    let list = listed(&["incidents", "list"], &dir);
    let steps = list[0]["steps"].as_array().unwrap();
    let done: Vec<&serde_json::Value> = steps.iter().filter(|s| s["state"] == "done").collect();
    assert_eq!(done.len(), 1, "one step, marked on purpose: {list:#}");
    assert_eq!(done[0]["by"], super::os_user().as_str());
}
