//! Issue 12, items 5 and 6, through the real binary in tmux at 80×24: the
//! open incident is named on every view, and what runs long scrolls or wraps.

use std::time::{Duration, Instant};

use super::tmux::{Pane, tmux_available};

/// `floorwatch drill surge --speed 60 --seed 3` at 80×24, as ana; `None`
/// (said loudly) where tmux is missing.
fn surge_drill(name: &str) -> Option<Pane> {
    if !tmux_available() {
        return None;
    }
    let args = ["drill", "surge", "--speed", "60", "--seed", "3"];
    Some(Pane::start(name, &args, &[("USER", "ana")]))
}

/// The screen once it shows every one of `texts` and has stopped changing.
fn wait_for_all(pane: &Pane, texts: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let screen = pane.screen();
        if texts.iter().all(|t| screen.contains(t)) {
            std::thread::sleep(Duration::from_millis(150));
            if pane.screen() == screen {
                return screen;
            }
            continue;
        }
        assert!(
            Instant::now() < deadline,
            "waited 30 s for {texts:?}; the screen shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The ⚑ line of a screen, checked to name the drill's plan, its step and
/// the next update, within 80 columns.
fn assert_crisis_line(screen: &str, view: &str) {
    let line = screen
        .lines()
        .find(|l| l.contains('⚑'))
        .unwrap_or_else(|| panic!("{view}: no ⚑ line\n{screen}"));
    for expected in ["Traffic surge", "step ", "next update"] {
        assert!(
            line.contains(expected),
            "{view}: {expected:?} missing from {line:?}\n{screen}"
        );
    }
    assert!(
        unicode_width::UnicodeWidthStr::width(line) <= 80,
        "{view}: {line:?}"
    );
}

#[test]
fn at_80x24_the_open_incident_is_named_on_every_view_and_help_scrolls() {
    let Some(pane) = surge_drill("crisis") else {
        return;
    };
    let screen = pane.wait_for("Traffic surge v1");
    assert_crisis_line(&screen, "checklist");
    for (key, view, shows) in [
        ("1", "wallboard", "Longest wait"),
        ("Enter", "detail", "occupancy"),
        ("2", "alerts", "FIRING"),
        ("4", "reasons", "Why people call"),
        ("5", "sites", "Agents by site"),
    ] {
        pane.keys(&[key]);
        let screen = wait_for_all(&pane, &[shows, "⚑"]);
        assert_crisis_line(&screen, view);
    }
    // Help opens below the line and scrolls to its last line.
    pane.keys(&["?"]);
    let help = pane.wait_for("PgUp/PgDn");
    assert_crisis_line(&help, "help");
    assert!(!help.contains("an action not on disk yet"), "{help}");
    pane.keys(&["NPage", "NPage", "NPage"]);
    let end = pane.wait_for("an action not on disk yet");
    assert_crisis_line(&end, "help, scrolled");
    pane.keys(&["Escape", "q"]);
}

#[test]
fn at_80x24_the_message_scrolls_and_a_queued_notice_is_read_whole_then_goes() {
    let Some(pane) = surge_drill("notice") else {
        return;
    };
    pane.wait_for("Traffic surge v1");
    // The scoping update's message runs past its pane: PgDn shows its end.
    pane.keys(&["1", "3", "j", "j", "j", "j"]);
    let scoping = pane.wait_for("▶[ ]  Scoping update");
    assert!(scoping.contains("▼ more: PgDn"), "{scoping}");
    pane.keys(&["NPage", "NPage", "NPage"]);
    let scrolled = pane.wait_for("▲ PgUp");
    assert!(
        scrolled.contains("▶[ ]  Scoping update"),
        "the cursor stays on its step\n{scrolled}"
    );
    // A second plan waits its turn: the notice says so whole at 80 columns.
    pane.keys(&[":"]);
    pane.keys(&["declare complaint-spike", "Enter"]);
    let queued = pane.wait_for("+1 open");
    let joined: String = queued.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("checklist complaint-spike queued (2 of 2): 3 shows the top, ] the next"),
        "{queued}"
    );
    // Still true while the operator works the first plan: it stays.
    pane.keys(&["k"]);
    let still = pane.screen();
    assert!(still.contains("queued (2 of 2)"), "{still}");
    // Once that plan is on screen the notice has stopped being true.
    pane.keys(&["]"]);
    let shown = pane.wait_for("Complaint or negative-sentiment spike v");
    assert!(!shown.contains("queued (2 of 2)"), "{shown}");
    pane.keys(&["q"]);
}
