//! Words a person reads come from `app::text`: an engine error names what
//! went wrong, and the table says it, whether on screen or at the command line.

use floorwatch::app::keymap::{Key, key_label};
use floorwatch::app::record::run_error_words;
use floorwatch::app::text::EN;
use floorwatch::engine::checklist::{ReplayMismatch, RunError};
use floorwatch::engine::staffing::StaffingError;

use super::cli::floorwatch;

#[test]
fn the_engines_errors_name_what_went_wrong_and_carry_no_sentence() {
    assert_eq!(RunError::NotOpen("ivr".into()).to_string(), "not-open ivr");
    assert_eq!(RunError::Closed.to_string(), "closed");
    assert_eq!(
        RunError::Replay(ReplayMismatch::ReplaysDifferently(4)).to_string(),
        "replay: replays-differently 4"
    );
    assert_eq!(StaffingError::Unreachable(10).to_string(), "unreachable 10");
}

#[test]
fn a_record_that_does_not_replay_says_where_in_words() {
    let words = |mismatch| run_error_words(&EN, &RunError::Replay(mismatch));
    assert_eq!(
        words(ReplayMismatch::ReplaysDifferently(4)),
        "the record does not replay: action 4 replays differently"
    );
    assert_eq!(
        words(ReplayMismatch::NoStep("ivr".into())),
        "the record does not replay: no step \"ivr\""
    );
    assert_eq!(
        words(ReplayMismatch::FirstNotStart),
        "the record does not replay: the first action is not the start"
    );
    // Without a run to take titles from, a step is named by its id.
    assert_eq!(
        run_error_words(&EN, &RunError::NotOpen("ivr".into())),
        "'ivr' is not open"
    );
}

#[test]
fn keys_are_written_in_the_tables_words() {
    assert_eq!(key_label(&EN, Key::Char(' ')), "Space");
    assert_eq!(key_label(&EN, Key::Ctrl('u')), "Ctrl-u");
    assert_eq!(key_label(&EN, Key::PageDown), "PgDn");
    assert_eq!(key_label(&EN, Key::F(1)), "F1");
    assert_eq!(key_label(&EN, Key::Char('q')), "q");
}

#[test]
fn a_staffing_question_beyond_the_console_is_refused_in_words() {
    let output = floorwatch()
        .args([
            "staffing", "--calls", "10000000", "--period", "1m", "--aht", "180s",
        ])
        .args(["--target", "80/20"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("erlangs is beyond the 5000 this console works out"),
        "{stderr}"
    );
}

#[test]
fn a_journal_that_does_not_replay_is_named_in_words_at_restore_and_export() {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::engine::checklist::Run;
    use floorwatch::model::Timestamp;

    let dir = tempfile::tempdir().unwrap();
    let t0 = Timestamp::from_secs(1_795_390_000);
    let plan = ChecklistCatalog::builtin()
        .get("traffic-surge")
        .unwrap()
        .clone();
    let mut run = Run::start(plan, t0, "ana");
    run.complete(0, "ana", t0).unwrap();
    let id = {
        let store = floorwatch::store::Store::open(dir.path()).unwrap();
        // A journal that begins with a tick, not the start.
        let record = super::store::record_for(&run, None, false);
        let id = store.open_incident(record, &run.actions()[1]).unwrap();
        let mut state = floorwatch::app::AppState::new(
            floorwatch::engine::Floor::new(floorwatch::engine::EngineSettings::default()),
            t0,
            0,
        );
        let restored = floorwatch::cli::incidents::restore_open(&store, &mut state).unwrap();
        assert!(restored.is_empty());
        let notice = state.view.notice.unwrap_or_default();
        assert!(notice.contains(&id.to_string()), "{notice}");
        id
    };
    let out = floorwatch()
        .args(["incidents", "export", &id.to_string(), "--state-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("incident {id}"))
            && stderr.contains("the record does not replay: the first action is not the start"),
        "{stderr}"
    );
}
