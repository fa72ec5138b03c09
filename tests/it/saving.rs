//! The store never lies about saving, end to end: the real binary in tmux at
//! 80×24 on a state directory that fills up, is read-only or is corrupt.
//!
//! A real full disk needs a small filesystem of its own: a tmpfs mounted in a
//! private mount namespace (`unshare`, as an unprivileged user through a user
//! namespace). The tmux server starts inside that namespace, so the console
//! and every command given with `run-shell` see the same mounts; the test
//! itself reads the results from outside.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use floorwatch::store::Store;

/// One console in its own tmux server and mount namespace.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // The namespace, and its mounts, go with the last process in it.
        let _ = self.tmux(&["kill-server"]).output();
    }
}

/// How to get a private mount namespace here: as anyone through a user
/// namespace, else as root; `None` (after saying so) when neither works.
fn namespace() -> Option<&'static [&'static str]> {
    const WAYS: [&[&str]; 2] = [
        &["unshare", "--user", "--map-root-user", "--mount"],
        &["unshare", "--mount"],
    ];
    let probe = tempfile::tempdir().unwrap();
    let works = |way: &[&str]| {
        Command::new(way[0])
            .args(&way[1..])
            .args(["sh", "-c", "mount -t tmpfs -o size=1m tmpfs \"$0\""])
            .arg(probe.path())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let has_tmux = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    let found = if has_tmux {
        WAYS.into_iter().find(|way| works(way))
    } else {
        None
    };
    if found.is_none() {
        let why = if has_tmux {
            "no private mount namespace (unshare --user --map-root-user --mount, or root)"
        } else {
            "tmux is not installed"
        };
        assert!(
            std::env::var("FLOORWATCH_REQUIRE_SHARED").map_or(true, |v| v != "1"),
            "{why}, and FLOORWATCH_REQUIRE_SHARED=1: the disk-full tests must run"
        );
        super::shared::skipped(&format!(
            "{why}: the full, read-only and corrupt state directory tests did not run"
        ));
    }
    found
}

impl Sandbox {
    /// Runs `prepare` (shell, `$STATE` the state directory) inside a new
    /// mount namespace, then floorwatch in a tmux server started there.
    fn start(prepare: &str, args: &[&str]) -> Option<Sandbox> {
        let way = namespace()?;
        let sandbox = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        let d = sandbox.dir.path().display().to_string();
        std::fs::create_dir_all(sandbox.path("state")).unwrap();
        std::fs::create_dir_all(sandbox.path("copy")).unwrap();
        std::fs::write(
            sandbox.path("console.sh"),
            format!(
                "#!/bin/sh\nexport USER=ana XDG_STATE_HOME='{d}' XDG_CONFIG_HOME='{d}'\n\
                 '{bin}' --state-dir '{d}/state' {args}\necho \"EXITED:$?\"\nsleep 600\n",
                bin = env!("CARGO_BIN_EXE_floorwatch"),
                args = args.join(" "),
            ),
        )
        .unwrap();
        let inside = format!(
            "STATE='{d}/state'; {prepare}\nexec tmux -S '{d}/tmux' -f /dev/null \
             new-session -d -s e2e -x 80 -y 24 \"sh '{d}/console.sh'\""
        );
        let output = Command::new(way[0])
            .args(&way[1..])
            .args(["sh", "-c", &inside])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "the sandbox did not start: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(sandbox)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn tmux(&self, args: &[&str]) -> Command {
        let mut command = Command::new("tmux");
        command.arg("-S").arg(self.path("tmux")).args(args);
        command
    }

    /// Runs a shell command inside the namespace (where the console's
    /// mounts are) and returns what it printed.
    fn inside(&self, script: &str) -> String {
        let out = self.path("inside.out");
        let state = self.path("state");
        let line = format!(
            "STATE='{}'; ( {script} ) > '{}' 2>&1",
            state.display(),
            out.display()
        );
        let status = self.tmux(&["run-shell", &line]).status().unwrap();
        assert!(status.success(), "run-shell failed for {script}");
        std::fs::read_to_string(out).unwrap_or_default()
    }

    fn screen(&self) -> String {
        let output = self
            .tmux(&["capture-pane", "-p", "-t", "e2e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", "e2e", key])
                .status()
                .unwrap();
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text])
            .status()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    /// The screen once `holds` is true of it twice in a row (a capture can
    /// land while a frame is still being written).
    fn wait_until(&self, what: &str, holds: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if holds(&screen) {
                std::thread::sleep(Duration::from_millis(150));
                let again = self.screen();
                if holds(&again) {
                    return again;
                }
                continue;
            }
            assert!(
                Instant::now() < deadline,
                "waited 30 s for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text))
    }

    /// The state directory as the console left it, copied out of the namespace.
    fn state_copy(&self) -> PathBuf {
        let copy = self.path("copy");
        self.inside(&format!("cp -r \"$STATE\"/. '{}'", copy.display()));
        copy
    }
}

fn listed(dir: &Path) -> serde_json::Value {
    super::cli::json_of(
        super::cli::floorwatch()
            .args(["incidents", "list", "--json", "--state-dir"])
            .arg(dir),
    )
}

/// The line of `screen` that holds `text`.
fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{screen}"))
}

#[test]
fn a_full_disk_says_not_saving_queues_every_action_and_writes_them_when_space_returns() {
    let Some(console) = Sandbox::start(
        "mount -t tmpfs -o size=24m tmpfs \"$STATE\"",
        &["--scenario", "surge", "--speed", "60", "--seed", "3"],
    ) else {
        return;
    };
    console.wait_for("Traffic surge v1");
    console.inside("dd if=/dev/zero of=\"$STATE/fill\" bs=4k; true");
    // The per-minute history fails first: the operator is told before acting.
    let screen = console.wait_for("NOT SAVING");
    assert!(screen.contains("No space left on device"), "why\n{screen}");
    assert!(
        !screen.contains("unreadable"),
        "a full disk is no corruption\n{screen}"
    );

    // A step ticked while full is drawn as waiting for the store, not done.
    // It came by itself: the keys rest a moment, then the first press arms and the second marks.
    std::thread::sleep(Duration::from_secs(2));
    console.keys(&[" ", " "]);
    let screen = console.wait_for("[…]");
    assert!(!screen.contains("[✓]"), "nothing drawn saved\n{screen}");
    assert!(screen.contains("NOT SAVING"), "{screen}");

    // A note, in the timeline, marked as not saved yet.
    console.keys(&["n"]);
    console.type_text("vendor ticket 4471");
    console.keys(&["Enter", "t"]);
    let screen = console.wait_for("vendor ticket 4471");
    assert!(
        line_with(&screen, "vendor ticket 4471").contains("[…] NOT SAVED"),
        "the note is marked unsaved\n{screen}"
    );

    // An alert acknowledged while full: the alerts view says it is not saved.
    console.keys(&["2"]);
    console.wait_for("FIRING");
    console.keys(&[" "]);
    let screen = console.wait_for("✓…");
    assert!(screen.contains("NOT SAVING"), "on every view\n{screen}");

    // Space returns: within seconds everything queued is written, in order.
    console.inside("rm \"$STATE/fill\"");
    let freed = Instant::now();
    let screen = console.wait_until("saving again", |s| !s.contains("NOT SAVING"));
    let took = freed.elapsed();
    eprintln!("saving again {took:?} after space returned");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(!screen.contains("✓…") && screen.contains(" ✓"), "{screen}");
    console.keys(&["3"]);
    let screen = console.wait_for("[✓]");
    assert!(!screen.contains("[…]"), "{screen}");
    console.keys(&["q"]);
    console.wait_for("EXITED:0");

    let copy = console.state_copy();
    let list = listed(&copy);
    let incident = &list[0];
    assert_eq!(incident["steps"][0]["state"], "done", "{incident:#}");
    let me = super::tmux::os_user();
    assert_eq!(incident["steps"][0]["by"], me.as_str());
    assert!(
        incident["notes"][0]
            .as_str()
            .is_some_and(|n| n.ends_with(&format!("{me}: vendor ticket 4471"))),
        "{incident:#}"
    );
    let timeline: Vec<&str> = incident["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    let tick = timeline.iter().position(|w| w.contains("marked done"));
    let note = timeline
        .iter()
        .position(|w| w.contains("vendor ticket 4471"));
    assert!(tick.is_some() && tick < note, "in order: {timeline:?}");
    let store = Store::open(&copy).unwrap();
    let audit = store.audit_log().unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.what == "alert-acknowledged" && e.by == me),
        "{audit:?}"
    );
}

/// A state directory holding one incident, written by the store itself.
fn state_with_an_incident(dir: &Path) {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::engine::checklist::Run;
    let catalog = ChecklistCatalog::builtin();
    let checklist = catalog.get("traffic-surge").unwrap().clone();
    let now = floorwatch::model::Timestamp::from_secs(1_767_600_000);
    let run = Run::start(checklist.clone(), now, "ana");
    let record = floorwatch::store::records::IncidentRecord {
        id: 0,
        checklist_id: checklist.id.clone(),
        checklist_version: checklist.version,
        checklist_title: checklist.title.clone(),
        checklist_source: catalog.source(&checklist.id).unwrap().to_owned(),
        trigger: None,
        drill: false,
        started_at: floorwatch::platform::wire::timestamp_to_wire(now),
        started_by: "ana".into(),
        site: None,
    };
    let store = Store::open(dir).unwrap();
    store.open_incident(record, &run.actions()[0]).unwrap();
}

#[test]
fn a_read_only_state_dir_starts_live_only_and_its_incidents_can_still_be_listed() {
    let staged = tempfile::tempdir().unwrap();
    state_with_an_incident(staged.path());
    let Some(console) = Sandbox::start(
        &format!(
            "cp -r '{}'/. \"$STATE\" && mount --bind \"$STATE\" \"$STATE\" \
             && mount -o remount,bind,ro \"$STATE\"",
            staged.path().display()
        ),
        &["--speed", "5"],
    ) else {
        return;
    };
    let screen = console.wait_for("LIVE ONLY");
    assert!(screen.contains("NOT SAVING"), "{screen}");
    assert!(screen.contains("Read-only file system"), "why\n{screen}");
    assert!(
        screen.contains("Longest wait"),
        "the floor is shown\n{screen}"
    );
    let list = console.inside(&format!(
        "'{}' incidents list --json --state-dir \"$STATE\"",
        env!("CARGO_BIN_EXE_floorwatch")
    ));
    let list: serde_json::Value = serde_json::from_str(&list)
        .unwrap_or_else(|e| panic!("incidents list on a read-only dir: {e}\n{list}"));
    assert_eq!(list[0]["checklist"], "traffic-surge", "{list:#}");
    let export = console.inside(&format!(
        "'{}' incidents export 1 --format json --state-dir \"$STATE\"",
        env!("CARGO_BIN_EXE_floorwatch")
    ));
    let export: serde_json::Value = serde_json::from_str(&export)
        .unwrap_or_else(|e| panic!("incidents export on a read-only dir: {e}\n{export}"));
    assert_eq!(export["started_by"], "ana", "{export:#}");
    console.keys(&["q"]);
    console.wait_for("EXITED:0");
}

#[test]
fn a_corrupt_state_dir_starts_live_only_and_says_why() {
    let Some(console) = Sandbox::start(
        "mkdir -p \"$STATE/db\" && head -c 4096 /dev/urandom > \"$STATE/db/db\" \
         && printf 'segment_size: banana\\n' > \"$STATE/db/conf\"",
        &["--speed", "5"],
    ) else {
        return;
    };
    let screen = console.wait_for("LIVE ONLY");
    assert!(screen.contains("NOT SAVING"), "{screen}");
    assert!(screen.contains("database is unreadable"), "why\n{screen}");
    assert!(
        screen.contains("nothing done in this console is kept"),
        "not tried again\n{screen}"
    );
    assert!(
        screen.contains("Longest wait"),
        "the floor is shown\n{screen}"
    );
    console.keys(&["q"]);
    console.wait_for("EXITED:0");
}

/// Every action waits for `Msg::Saved` / `Msg::AuditSaved` before it is
/// drawn saved: `app::update` and the views, without a store.
mod pending {
    use floorwatch::app::saving::Saving;
    use floorwatch::app::{AppState, Effect, Key, Msg, update};
    use floorwatch::model::Timestamp;

    use super::super::floor_fixture::{self, T0};
    use floorwatch::ui::theme::ColorLevel;

    use super::super::view::{render, text, theme};

    fn press(state: &mut AppState, keys: &[Key]) -> Vec<Effect> {
        keys.iter()
            .flat_map(|k| update(state, Msg::KeyPressed(*k)).effects)
            .collect()
    }

    fn type_text(state: &mut AppState, text: &str) {
        for c in text.chars() {
            update(state, Msg::KeyPressed(Key::Char(c)));
        }
    }

    fn drawn(state: &AppState) -> String {
        text(&render(
            state,
            &theme("default", ColorLevel::Ansi16),
            80,
            24,
        ))
    }

    /// The audit numbers of `effects`, with what each says.
    fn audits(effects: &[Effect]) -> Vec<(u64, &'static str)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Audit { seq, what, .. } => Some((*seq, *what)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_acknowledgement_and_a_snooze_are_drawn_unsaved_until_the_audit_log_has_them() {
        let mut state = floor_fixture::state();
        state.view.operator = "ana".into();
        press(&mut state, &[Key::Char('2')]);
        let effects = press(&mut state, &[Key::Char(' ')]);
        assert_eq!(audits(&effects), [(1, "alert-acknowledged")]);
        // Acknowledged, it stays where it was, under the cursor.
        let screen = drawn(&state);
        let ack = super::line_with(&screen, "acknowledged by ana");
        assert!(ack.contains("[…] saving…"), "{screen}");
        assert!(screen.contains(" ✓…"), "the row's mark too\n{screen}");
        press(&mut state, &[Key::Char('1')]);
        let wallboard = drawn(&state);
        assert!(
            wallboard.contains(" ✓…"),
            "the wallboard's strip\n{wallboard}"
        );
        press(&mut state, &[Key::Char('2'), Key::Char('G')]);
        assert_eq!(state.unsaved(), 1);
        assert!(screen.contains("… saving"), "the header says so\n{screen}");

        press(&mut state, &[Key::Char('g'), Key::Char('z')]);
        type_text(&mut state, "known backlog");
        let effects = press(&mut state, &[Key::Enter]);
        assert_eq!(audits(&effects), [(2, "alert-snoozed")]);
        assert!(drawn(&state).contains(" z…"), "{}", drawn(&state));

        // The store answers in order: the acknowledgement first.
        update(&mut state, Msg::AuditSaved { seq: 1 });
        press(&mut state, &[Key::Char('G')]);
        let screen = drawn(&state);
        assert!(
            !screen.contains(" ✓…") && screen.contains(" z…"),
            "{screen}"
        );
        assert_eq!(state.unsaved(), 1, "the snooze is still on its way");
        update(&mut state, Msg::AuditSaved { seq: 2 });
        assert_eq!(state.unsaved(), 0);
        let screen = drawn(&state);
        assert!(!screen.contains("saving"), "{screen}");
    }

    #[test]
    fn while_the_store_cannot_write_every_view_says_not_saving_until_it_can() {
        let mut state = floor_fixture::state();
        state.view.operator = "ana".into();
        update(
            &mut state,
            Msg::SaveFailed {
                reason: "No space left on device (os error 28)".into(),
                held: 0,
                dropped: 0,
            },
        );
        for view in ['1', '2', '4', '5'] {
            press(&mut state, &[Key::Char(view)]);
            let screen = drawn(&state);
            assert!(
                screen.contains("✖ NOT SAVING") && screen.contains("No space left"),
                "view {view}\n{screen}"
            );
        }
        press(&mut state, &[Key::Char('2'), Key::Char(' ')]);
        let screen = drawn(&state);
        let ack = super::line_with(&screen, "acknowledged by ana");
        assert!(ack.contains("[…] NOT SAVED"), "{screen}");
        update(
            &mut state,
            Msg::SaveFailed {
                reason: "No space left on device (os error 28)".into(),
                held: 1,
                dropped: 3,
            },
        );
        let screen = drawn(&state);
        assert!(screen.contains("1 actions held"), "{screen}");
        assert!(
            screen.contains("3 NOT KEPT (10,000 max)"),
            "the cap is said\n{screen}"
        );
        update(&mut state, Msg::SavingAgain);
        update(&mut state, Msg::AuditSaved { seq: 1 });
        let screen = drawn(&state);
        assert!(!screen.contains("NOT SAV"), "{screen}");
        assert_eq!(
            state.view.notice, None,
            "a console that restored its incidents"
        );
    }

    #[test]
    fn a_live_only_console_whose_directory_becomes_usable_says_what_it_did_not_restore() {
        let mut state = floor_fixture::state();
        state.saving = Saving::live_only("in use by another floorwatch (pid 7)".into(), true);
        let screen = drawn(&state);
        assert!(
            screen.contains("✖ LIVE ONLY, NOT SAVING · in use by another"),
            "{screen}"
        );
        assert!(screen.contains("tried again every second"), "{screen}");
        update(&mut state, Msg::SavingAgain);
        assert!(!drawn(&state).contains("LIVE ONLY"));
        assert!(
            state
                .view
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("restart to see incidents")),
            "{:?}",
            state.view.notice
        );
    }

    #[test]
    fn a_note_a_close_and_a_declared_incident_are_drawn_unsaved_until_saved() {
        let mut state = floor_fixture::state_with_surge_rule("ana");
        let t = Timestamp::from_secs(T0 + 120);
        update(
            &mut state,
            Msg::FloorObserved {
                snapshot: floor_fixture::snapshot(t, 3),
                at: t,
            },
        );
        // The operator reads the checklist that came by itself before acting on it.
        update(
            &mut state,
            Msg::Ticked(t.plus(std::time::Duration::from_secs(2))),
        );
        // The incident's start is not on disk yet.
        let screen = drawn(&state);
        assert!(
            super::line_with(&screen, "Traffic surge v1").contains("[…] saving…"),
            "{screen}"
        );
        update(&mut state, Msg::Saved { local: 0, seq: 1 });
        press(&mut state, &[Key::Char('n')]);
        type_text(&mut state, "vendor ticket 4471");
        press(&mut state, &[Key::Enter, Key::Char('t')]);
        let screen = drawn(&state);
        let note = super::line_with(&screen, "vendor ticket 4471");
        assert!(note.contains("[…] saving…"), "{screen}");
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "close restored at 11:20");
        // Its recovery step is open: confirmed, with a reason (the cases are in `ticks`).
        press(&mut state, &[Key::Enter, Key::Enter]);
        type_text(&mut state, "restored by the carrier");
        press(&mut state, &[Key::Enter]);
        let screen = drawn(&state);
        assert!(
            super::line_with(&screen, "INCIDENT CLOSED").contains("[…]"),
            "{screen}"
        );
        assert!(state.unsaved() >= 2, "the note and the close");
        press(&mut state, &[Key::Char('2')]);
        let alerts = drawn(&state);
        assert!(
            alerts.contains("→!") && !alerts.contains("→✓"),
            "the checklist is not done until the close is saved\n{alerts}"
        );
        let last = state.incidents[0].run.actions().last().unwrap().seq;
        update(
            &mut state,
            Msg::Saved {
                local: 0,
                seq: last,
            },
        );
        assert!(drawn(&state).contains("→✓"), "{}", drawn(&state));
        press(&mut state, &[Key::Char('3')]);
        let screen = drawn(&state);
        assert!(
            !screen.contains("[…]") && !screen.contains("saving"),
            "{screen}"
        );
        assert_eq!(state.unsaved(), 0);
    }

    #[test]
    fn a_drill_started_and_stopped_is_audited_with_its_own_number() {
        let mut state = floor_fixture::state_with_surge_rule("ana");
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "drill surge");
        let started = press(&mut state, &[Key::Enter]);
        press(&mut state, &[Key::Char(':')]);
        type_text(&mut state, "drill stop");
        let stopped = press(&mut state, &[Key::Enter]);
        assert_eq!(audits(&started), [(1, "drill-started")]);
        assert_eq!(audits(&stopped), [(2, "drill-stopped")]);
        assert!(state.unsaved() >= 2);
        update(&mut state, Msg::AuditSaved { seq: 2 });
        let incidents: u64 = state
            .incidents
            .iter()
            .map(|i| i.run.actions().len() as u64)
            .sum();
        assert_eq!(state.unsaved(), incidents, "both audits saved");
    }
}

#[test]
fn a_console_started_on_a_full_disk_runs_live_only_and_saves_once_space_returns() {
    let Some(console) = Sandbox::start(
        "mount -t tmpfs -o size=4m tmpfs \"$STATE\" \
         && (dd if=/dev/zero of=\"$STATE/fill\" bs=4k 2>/dev/null; true)",
        &["--scenario", "surge", "--speed", "60", "--seed", "3"],
    ) else {
        return;
    };
    let screen = console.wait_for("LIVE ONLY");
    assert!(screen.contains("NOT SAVING"), "{screen}");
    // The surge opens its checklist all the same; its first step is ticked.
    console.wait_for("Traffic surge v1");
    // It came by itself: the keys rest a moment, then the first press arms and the second marks.
    std::thread::sleep(Duration::from_secs(2));
    console.keys(&[" ", " "]);
    let screen = console.wait_for("[…]");
    assert!(!screen.contains("[✓]"), "nothing drawn saved\n{screen}");
    console.inside("rm \"$STATE/fill\"");
    let screen = console.wait_until("saving", |s| !s.contains("NOT SAVING"));
    assert!(!screen.contains("LIVE ONLY"), "{screen}");
    console.wait_for("[✓]");
    console.keys(&["q"]);
    console.wait_for("EXITED:0");
    let list = listed(&console.state_copy());
    assert_eq!(list[0]["checklist"], "traffic-surge", "{list:#}");
    assert_eq!(list[0]["steps"][0]["state"], "done", "{list:#}");
}

#[test]
fn quitting_while_nothing_can_be_written_says_how_many_actions_were_not_saved() {
    let Some(console) = Sandbox::start(
        "mount -t tmpfs -o size=24m tmpfs \"$STATE\"",
        &["--scenario", "surge", "--speed", "60", "--seed", "3"],
    ) else {
        return;
    };
    console.wait_for("Traffic surge v1");
    console.inside("dd if=/dev/zero of=\"$STATE/fill\" bs=4k; true");
    console.wait_for("NOT SAVING");
    // It came by itself: the keys rest a moment, then the first press arms and the second marks.
    std::thread::sleep(Duration::from_secs(2));
    console.keys(&[" ", " ", "q"]);
    let screen = console.wait_for("EXITED:0");
    assert!(
        screen.contains("actions of this console were NOT SAVED"),
        "{screen}"
    );
}

#[test]
fn a_console_on_a_directory_held_by_another_runs_live_only_until_it_is_let_go() {
    let Some(console) = Sandbox::start(
        "(flock \"$STATE/floorwatch.lock\" sleep 8 >/dev/null 2>&1 &) && sleep 0.3",
        &["--scenario", "surge", "--speed", "60", "--seed", "3"],
    ) else {
        return;
    };
    let screen = console.wait_for("LIVE ONLY");
    assert!(screen.contains("in use by another floorwatch"), "{screen}");
    console.wait_for("Traffic surge v1");
    // It came by itself: the keys rest a moment, then the first press arms and the second marks.
    std::thread::sleep(Duration::from_secs(2));
    console.keys(&[" ", " "]);
    console.wait_for("[…]");
    // The other console quits: this one takes the directory and writes what it held.
    let screen = console.wait_until("saving", |s| !s.contains("NOT SAVING"));
    assert!(!screen.contains("LIVE ONLY"), "{screen}");
    console.wait_for("[✓]");
    console.keys(&["q"]);
    console.wait_for("EXITED:0");
    let list = listed(&console.state_copy());
    assert_eq!(list[0]["steps"][0]["state"], "done", "{list:#}");
}
