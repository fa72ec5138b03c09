//! The record a review (复盘) reads, and drills, through the real binary in
//! tmux: drive a session as an operator would, then read what
//! `incidents export` and `drills list` say about it.

use std::time::{Duration, Instant};

use super::tmux::{Pane, listed, tmux_available};

mod floor_record;

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
    // The drill's checklist came by itself: it is read, then marked with Enter twice.
    pane.mark_deliberately();
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
    assert!(
        drills[1]["score"].is_null(),
        "nothing was due, nothing done: not scored 0%: {}",
        drills[1]
    );
    let incidents = listed(&["incidents", "list"], &dir);
    assert_eq!(
        incidents[1]["steps"][0]["state"], "open",
        "the second drill did not reopen the first: {incidents:#}"
    );
}

/// A session as a floor manager lives it, then the review reads the export:
/// who opened it, what was said to whom and when, the figures, the undo,
/// all in floor language.
#[test]
fn the_export_of_a_session_tells_the_review_what_happened_in_floor_language() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    let pane = drill_console("review", &dir);
    pane.wait_for("Traffic surge v1");
    pane.keys(&["c"]);
    pane.wait_for("✓ copied to clipboard");
    pane.wait_for("in the record");
    // A checklist that came by itself takes a note once the keys have paused.
    std::thread::sleep(Duration::from_secs(2));
    pane.keys(&["n"]);
    pane.tmux(&["send-keys", "-t", "e2e", "-l", "vendor called back"]);
    pane.keys(&["Enter"]);
    pane.wait_for("✓ note saved");
    pane.mark_deliberately();
    pane.wait_for("[✓]");
    pane.keys(&["u"]);
    command(&pane, "drill stop");
    pane.wait_for("INCIDENT CLOSED");
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");

    let export = |format: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_floorwatch"))
            .args([
                "incidents",
                "export",
                "1",
                "--format",
                format,
                "--state-dir",
                &dir,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let md = export("md");
    let ivr = "'Switch on the high-volume IVR message with callback offer'";
    for expected in [
        " by rule: ",
        "## Impact on ",
        "| service level | ",
        "## What was said, to whom, when",
        &format!(
            "{} copied {ivr} for customers (IVR message) (ivr):",
            super::tmux::os_user()
        ),
        "  > DRILL — Thank you for calling.",
        "note: vendor called back",
        &format!("undid: {ivr} marked done at "),
        "closed: drill stopped (surge)",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    let opened = md.lines().find(|l| l.starts_with("- Opened:")).unwrap();
    assert!(!opened.ends_with("by ana"), "a rule opened it: {opened}");
    // No rule ids, step ids, raw fractions or action numbers.
    let rule_ids = floorwatch::engine::rules::default_rules()
        .into_iter()
        .map(|r| r.id);
    let checklist = floorwatch::config::checklist::ChecklistCatalog::builtin()
        .get("traffic-surge")
        .unwrap()
        .clone();
    let step_ids = checklist.steps.iter().map(|s| s.id.clone());
    for unwanted in rule_ids.chain(step_ids) {
        assert!(!md.contains(&unwanted), "{unwanted:?} in\n{md}");
    }
    assert!(!md.contains("undid action"), "{md}");
    let fraction = md
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|w| w.starts_with("0.") && w.len() > 3);
    assert_eq!(fraction, None, "a raw fraction in\n{md}");

    let json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    let message = &json["messages"][0];
    assert_eq!(message["by"], super::tmux::os_user().as_str());
    assert_eq!(message["to"], "customers (IVR message)");
    assert!(
        message["lines"][0]
            .as_str()
            .unwrap()
            .starts_with("DRILL — Thank you for calling."),
        "{message}"
    );
    for moment in ["start", "worst", "close"] {
        assert!(
            json["impact"][moment]["words"].as_str().is_some(),
            "{moment}: {:#}",
            json["impact"]
        );
    }
}

/// What `c` and `n` say on screen, what the record keeps of a copy, and who
/// opened an incident, as `update` does it.
mod console {
    use floorwatch::app::{AppState, Effect, Key, Msg, update};
    use floorwatch::model::Timestamp;

    use super::super::floor_fixture::{self, T0};

    /// The fixture floor where Billing's service level opens Traffic surge at once.
    fn incident_open() -> AppState {
        incident_saying(None)
    }

    /// The same, with the first step's message written as `say`.
    fn incident_saying(say: Option<&str>) -> AppState {
        let mut state = floor_fixture::state_with_surge_rule("ana");
        if let Some(say) = say {
            state.checklists.get_mut("traffic-surge").unwrap().steps[0].say = Some(say.into());
        }
        let t = Timestamp::from_secs(T0 + 120);
        update(
            &mut state,
            Msg::FloorObserved {
                snapshot: floor_fixture::snapshot(t, 3),
                at: t,
            },
        );
        assert_eq!(state.incidents.len(), 1, "the surge plan opened");
        // The operator has read the checklist that came by itself: its keys act.
        state.view.hold = None;
        state
    }

    fn press(state: &mut AppState, key: Key) -> Vec<Effect> {
        update(state, Msg::KeyPressed(key)).effects
    }

    /// The sequence number of the last action handed to the store.
    fn last_persisted(effects: &[Effect]) -> u32 {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Persist { action, .. } => Some(action.seq),
                _ => None,
            })
            .next_back()
            .expect("an action for the store")
    }

    #[test]
    fn c_says_what_was_copied_and_when_the_record_has_it() {
        let mut state = incident_open();
        let effects = press(&mut state, Key::Char('c'));
        let copied = effects
            .iter()
            .find_map(|e| match e {
                Effect::Copy(text) => Some(text.clone()),
                _ => None,
            })
            .expect("copied");
        let chars = copied.chars().count();
        let notice = state.view.notice.clone().unwrap_or_default();
        assert!(
            notice.starts_with(&format!("✓ copied to clipboard: {chars} chars")),
            "{notice:?}"
        );
        assert!(notice.contains("saving"), "not on disk yet: {notice:?}");
        let seq = last_persisted(&effects);
        update(&mut state, Msg::Saved { local: 0, seq });
        assert_eq!(
            state.view.notice.as_deref(),
            Some(format!("✓ copied to clipboard: {chars} chars · in the record").as_str())
        );
    }

    #[test]
    fn the_record_keeps_a_copy_word_for_word_with_the_figures_it_carried() {
        use floorwatch::engine::checklist::ActionKind;
        let say = "{queue}: SL {service_level}, {waiting} waiting ({trigger} at {value})";
        let mut state = incident_saying(Some(say));
        let effects = press(&mut state, Key::Char('c'));
        let copied = effects
            .iter()
            .find_map(|e| match e {
                Effect::Copy(text) => Some(text.clone()),
                _ => None,
            })
            .unwrap();
        let kept = effects
            .iter()
            .find_map(|e| match e {
                Effect::Persist { action, .. } => Some(action.kind.clone()),
                _ => None,
            })
            .expect("the copy goes to the record");
        let ActionKind::Copied { step, text, values } = kept else {
            panic!("{kept:?}");
        };
        assert_eq!(step, "ivr-high-volume");
        assert_eq!(text, copied, "word for word");
        assert_eq!(values["queue"], "Billing");
        assert_eq!(values["trigger"], "service level low");
        for (name, value) in &values {
            assert!(
                copied.contains(value.as_str()),
                "{name} = {value:?} is in {copied:?}"
            );
        }
        // A message to people names no rule id and no raw fraction.
        assert!(!copied.contains("sl-critical"), "{copied}");
        assert!(!copied.contains("0."), "{copied}");
        assert!(values["value"].ends_with('%'), "{values:?}");
    }

    #[test]
    fn n_says_saving_then_note_saved() {
        let mut state = incident_open();
        press(&mut state, Key::Char('n'));
        for c in "vendor called back".chars() {
            press(&mut state, Key::Char(c));
        }
        let effects = press(&mut state, Key::Enter);
        let notice = state.view.notice.clone().unwrap_or_default();
        assert!(notice.contains("saving note"), "{notice:?}");
        update(
            &mut state,
            Msg::Saved {
                local: 0,
                seq: last_persisted(&effects),
            },
        );
        assert_eq!(state.view.notice.as_deref(), Some("✓ note saved"));
    }

    #[test]
    fn an_incident_a_rule_opened_says_so_and_not_the_operator() {
        let mut state = floor_fixture::state_with_surge_rule("ana");
        let t = Timestamp::from_secs(T0 + 120);
        let effects = update(
            &mut state,
            Msg::FloorObserved {
                snapshot: floor_fixture::snapshot(t, 3),
                at: t,
            },
        )
        .effects;
        let (first, trigger) = effects
            .iter()
            .find_map(|e| match e {
                Effect::OpenIncident { first, trigger, .. } => Some((first, trigger)),
                _ => None,
            })
            .expect("opened");
        assert_eq!(first.by, "rule: service level low");
        let trigger = trigger.as_ref().unwrap();
        // The alert in floor language: no rule id, no raw fraction.
        assert!(
            trigger.description.starts_with("Billing: SL ")
                && trigger.description.ends_with("% < 70%"),
            "{}",
            trigger.description
        );
        // The operator, having read it, acts on it as themselves.
        state.view.hold = None;
        let effects = press(&mut state, Key::Char(' '));
        let by = effects.iter().find_map(|e| match e {
            Effect::Persist { action, .. } => Some(action.by.clone()),
            _ => None,
        });
        assert_eq!(by.as_deref(), Some("ana"));
    }
}
