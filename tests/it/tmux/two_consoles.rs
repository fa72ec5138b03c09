//! Two operators on one floor, through the real binary in two terminals:
//! the floor manager's console runs the hub, a second console attaches to
//! it over the socket. A step done at one shows done at the other within a
//! second, under the name the operating system gives each console's user —
//! as root, the second console runs as `nobody`, admitted by `--group`.

use std::os::unix::fs::PermissionsExt as _;
use std::time::{Duration, Instant};

use super::{Pane, listed, os_user, tmux_available};

/// Whether this test can run a console as another user: as root, with runuser.
fn another_user() -> Option<(&'static str, &'static str)> {
    let root = os_user() == "root";
    let runuser = std::process::Command::new("runuser")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    let nobody = std::process::Command::new("id")
        .args(["-gn", "nobody"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    match (root, runuser, nobody.as_deref()) {
        (true, true, Some("nogroup")) => Some(("nobody", "nogroup")),
        (true, true, Some("nobody")) => Some(("nobody", "nobody")),
        _ => None,
    }
}

/// How long after `since` the pane first showed `text`, looking every 20 ms.
fn seen_after(pane: &Pane, text: &str, since: Instant) -> Duration {
    let deadline = since + Duration::from_secs(10);
    loop {
        if pane.screen().contains(text) {
            return since.elapsed();
        }
        assert!(
            Instant::now() < deadline,
            "never showed {text:?}:\n{}",
            pane.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The first checklist row that holds `title_start`.
fn step_row(screen: &str, title_start: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(title_start))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_step_done_at_one_console_shows_at_the_other_within_a_second_under_its_users_name() {
    if !tmux_available() {
        return;
    }
    let other = another_user();
    if other.is_none() {
        super::super::shared::skipped(
            "not root with runuser: the second console runs as the same user, so \
             only the attribution to the OS user is checked, not to a second user",
        );
    }
    // A state directory a second user can reach (its own mode is the hub's to set).
    let parent = tempfile::tempdir().unwrap();
    std::fs::set_permissions(parent.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = parent.path().join("state").display().to_string();
    let mut args = vec![
        "--scenario",
        "surge",
        "--speed",
        "60",
        "--seed",
        "3",
        "--state-dir",
        &dir,
    ];
    if let Some((_, group)) = other {
        args.extend(["--group", group]);
    }
    let manager = Pane::start("floor-manager", &args, &[]);
    manager.wait_for("Traffic surge v1");
    let (prefix, second_name): (Vec<&str>, String) = match other {
        Some((user, _)) => (vec!["runuser", "-u", user, "--"], user.to_owned()),
        None => (vec![], os_user()),
    };
    let director = Pane::start_as(
        "site-director",
        &prefix,
        &["--state-dir", &dir],
        &[("USER", "claimed-name")],
        &[],
    );
    // Attaching mid-incident, the second console opens on it.
    director.wait_for("Traffic surge v1");

    manager.mark_deliberately();
    let marked = Instant::now();
    manager.wait_for("[✓]");
    let shown = seen_after(&director, "[✓]", marked);
    println!("a step marked at one console showed at the other after {shown:?}");
    assert!(
        shown <= Duration::from_secs(1),
        "the other console showed the step after {shown:?}"
    );
    let row = step_row(&director.screen(), "[✓]");
    assert!(
        row.contains(&os_user()) && !row.contains("claimed-name"),
        "done by the floor manager's OS user: {row}"
    );

    // The director marks the next step: its cursor moved under it, so it,
    // too, takes a pause and two presses.
    director.mark_deliberately();
    let marked = Instant::now();
    let shown = seen_after(&manager, "2 of 12 steps", marked);
    println!("and back the other way after {shown:?}");
    assert!(
        shown <= Duration::from_secs(1),
        "the floor manager's console showed it after {shown:?}"
    );
    let row = step_row(&manager.screen(), "Brief the floor");
    assert!(
        row.trim_end().ends_with(&format!(" {second_name}")),
        "done by the second console's OS user: {row}"
    );

    // The record has each step under its operator, read while the hub runs.
    let list = listed(&["incidents", "list"], &dir);
    let steps = list[0]["steps"].as_array().unwrap();
    let by: Vec<&str> = steps
        .iter()
        .filter(|s| s["state"] == "done")
        .filter_map(|s| s["by"].as_str())
        .collect();
    assert_eq!(by, [os_user(), second_name.clone()], "{list:#}");

    director.keys(&["q"]);
    director.assert_terminal_restored("0");
    manager.keys(&["q"]);
    manager.assert_terminal_restored("0");
}

/// The floor manager's console, which runs the hub, is killed: the other
/// console says so at once and shows no figure; `r` there starts a hub in
/// its own process, which carries on with what the store kept.
#[test]
fn when_the_hub_dies_the_other_console_says_so_at_once_and_r_brings_it_back() {
    if !tmux_available() {
        return;
    }
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("state").display().to_string();
    let args = [
        "--scenario",
        "surge",
        "--speed",
        "60",
        "--seed",
        "3",
        "--state-dir",
        &dir,
    ];
    let manager = Pane::start("hub-host", &args, &[]);
    manager.wait_for("Traffic surge v1");
    let director = Pane::start("hub-guest", &["--state-dir", &dir], &[]);
    director.wait_for("Traffic surge v1");
    manager.mark_deliberately();
    director.wait_for("[✓]");

    let killed = Instant::now();
    std::process::Command::new("kill")
        .args(["-9", &manager.pid()])
        .status()
        .unwrap();
    let shown = seen_after(&director, "HUB STOPPED", killed);
    println!("the other console said the hub stopped after {shown:?}");
    assert!(shown <= Duration::from_secs(1), "after {shown:?}");
    let page = director.screen();
    assert!(
        !page.contains("LIVE") && !page.contains("[✓]") && !page.contains("SL"),
        "no figure or checklist left up:\n{page}"
    );

    director.keys(&["r"]);
    let screen = director.wait_for("Traffic surge v1");
    assert!(
        screen.contains("[✓]"),
        "the step done before the hub died is still done:\n{screen}"
    );
    director.keys(&["q"]);
    director.assert_terminal_restored("0");
}
