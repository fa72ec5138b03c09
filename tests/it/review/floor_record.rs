//! The record through the real binary, from a store written as a console
//! writes it: what was said when no copy was made, and step states in the
//! words of the floor.

use std::time::Duration;

use floorwatch::config::checklist::ChecklistCatalog;
use floorwatch::engine::checklist::Run;
use floorwatch::model::Timestamp;
use floorwatch::store::Store;

use crate::cli::floorwatch;
use crate::store::record_for;

const T0: i64 = 1_795_390_000;

fn later(secs: u64) -> Timestamp {
    Timestamp::from_secs(T0).plus(Duration::from_secs(secs))
}

/// A run of the shipped checklist `id`, opened by ana at T0.
fn run_of(id: &str) -> Run {
    let checklist = ChecklistCatalog::builtin().get(id).unwrap().clone();
    Run::start(checklist, later(0), "ana")
}

/// Writes `run` to a new store, as the record keeper would; the directory.
fn stored(run: &Run) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = store
        .open_incident(record_for(run, None, false), &run.actions()[0])
        .unwrap();
    for action in &run.actions()[1..] {
        store.append(id, action).unwrap();
    }
    dir
}

/// What `floorwatch ARGS --state-dir DIR` prints.
fn printed(args: &[&str], dir: &tempfile::TempDir) -> String {
    let output = floorwatch()
        .args(args)
        .arg("--state-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The site director was told by phone, from the checklist's text rather
/// than floorwatch's clipboard: the review still sees when, by whom and to
/// whom, in time order with the copies, and that the words are not on record.
#[test]
fn a_message_marked_done_without_a_copy_is_among_what_was_said() {
    let mut run = run_of("site-power-outage");
    // life-safety (to facilities / security): done, not copied.
    run.complete(0, "ana", later(30)).unwrap();
    // reroute-site: copied, then done: one entry, the copy.
    run.copied(1, "ana", later(60), "Please move North's calls.", [].into())
        .unwrap();
    run.complete(1, "ana", later(90)).unwrap();
    // first-notice (to the site director): done by bo, not copied.
    run.complete(2, "bo", later(120)).unwrap();
    // reduced-service-ivr: done, then undone: nothing was said.
    run.complete(3, "ana", later(200)).unwrap();
    run.undo("ana", later(210)).unwrap();
    let dir = stored(&run);

    let json: serde_json::Value = serde_json::from_str(&printed(
        &["incidents", "export", "1", "--format", "json"],
        &dir,
    ))
    .unwrap();
    let messages = json["messages"].as_array().unwrap();
    let steps: Vec<&str> = messages
        .iter()
        .map(|m| m["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "Confirm life safety at the site with facilities / security",
            "Move the site's calls to the other sites and home workers",
            "First notice to the site director and head of operations",
        ],
        "{messages:#?}"
    );
    let copied: Vec<bool> = messages
        .iter()
        .map(|m| m["copied"].as_bool().unwrap())
        .collect();
    assert_eq!(copied, [false, true, false]);
    let notice = &messages[2];
    assert_eq!(notice["by"], "bo");
    assert_eq!(notice["to"], "site director, head of operations");
    assert_eq!(notice["how"], "sms");
    assert_eq!(
        notice["at"],
        floorwatch::platform::wire::timestamp_to_wire(later(120))
    );
    assert!(
        notice.get("lines").is_none(),
        "no words on record: {notice}"
    );
    assert_eq!(messages[1]["lines"][0], "Please move North's calls.");

    let md = printed(&["incidents", "export", "1", "--format", "md"], &dir);
    let said = md
        .split("## What was said, to whom, when")
        .nth(1)
        .and_then(|rest| rest.split("## Steps").next())
        .unwrap();
    let at = |s: u64| {
        let t = chrono::DateTime::from_timestamp_millis(later(s).as_millis()).unwrap();
        t.with_timezone(&chrono::Local)
            .format("%H:%M:%S")
            .to_string()
    };
    let expected = format!(
        "- {} bo marked 'First notice to the site director and head of operations' done, \
         a message for site director, head of operations (sms): it was not copied from \
         floorwatch, so its exact words are not on record.",
        at(120)
    );
    assert!(said.contains(&expected), "missing {expected:?} in\n{said}");
    assert!(
        said.contains("not on record.\n\n- "),
        "one blank line before the next:\n{said}"
    );
    let place = |what: &str| {
        said.find(what)
            .unwrap_or_else(|| panic!("{what} in\n{said}"))
    };
    assert!(place("'Confirm life safety") < place("ana copied 'Move the site's calls"));
    assert!(place("ana copied 'Move the site's calls") < place("'First notice"));
    assert!(!said.contains("reduced-service"), "{said}");
    assert!(
        !said.contains("Switch on the reduced-service IVR"),
        "undone: {said}"
    );
}

/// `incidents list` says each step's state as the export's Steps table
/// does; `--json` keeps the machine's values.
#[test]
fn incidents_list_says_step_states_in_floor_words() {
    let mut run = run_of("telephony-outage");
    run.complete(0, "ana", later(30)).unwrap();
    run.override_step(1, "ana", later(40), "the test call rang through")
        .unwrap();
    let dir = stored(&run);

    let list = printed(&["incidents", "list"], &dir);
    for expected in [
        "  [done (manual)] ",
        "  [overridden] Are customers cut off",
        "  [after the answer] ",
        "  [open] ",
    ] {
        assert!(list.contains(expected), "missing {expected:?} in\n{list}");
    }
    for machine in [
        "awaiting_answer",
        "[done]",
        "overridden_with_checklist",
        "in_progress",
    ] {
        assert!(!list.contains(machine), "{machine:?} in\n{list}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&printed(&["incidents", "list", "--json"], &dir)).unwrap();
    let states: Vec<&str> = json[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert!(states.contains(&"awaiting_answer"), "{states:?}");
    assert_eq!(states[0], "done");
}
