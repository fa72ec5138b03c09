//! Issue 12, items 5 and 6, in ratatui's TestBackend: the open incident stays
//! in view on every screen, and every screen is workable at 80×24 (nothing an
//! operator must read is cut; what is longer than its pane scrolls).

use floorwatch::app::{AppState, Key, Msg, Screen, update};
use floorwatch::model::{QueueId, Timestamp};
use floorwatch::ui::theme::ColorLevel;

use super::floor_fixture::{self, T0};
use super::view::{render, text, theme};

fn screen(state: &AppState) -> String {
    text(&render(
        state,
        &theme("monochrome", ColorLevel::None),
        80,
        24,
    ))
}

fn press(state: &mut AppState, keys: &[Key]) {
    for key in keys {
        update(state, Msg::KeyPressed(*key));
    }
}

/// The fixture floor at 10:09: the surge rule has fired and its checklist is
/// on screen, started at 10:09 (first update due five minutes later).
fn surge_open() -> AppState {
    let mut state = floor_fixture::state_with_surge_rule("ana");
    let t = Timestamp::from_secs(T0 + 120);
    let snapshot = floor_fixture::snapshot(t, 3);
    update(&mut state, Msg::FloorObserved { snapshot, at: t });
    assert_eq!(state.incidents.len(), 1, "the surge rule opened its plan");
    // The operator has read the checklist that came by itself: its keys act.
    state.view.hold = None;
    state
}

/// The one line that names the open incident, from a rendered screen.
fn crisis_line(screen: &str) -> &str {
    screen
        .lines()
        .find(|l| l.contains('⚑'))
        .unwrap_or_else(|| panic!("no ⚑ line on\n{screen}"))
}

fn every_view() -> Vec<(&'static str, Screen, bool)> {
    vec![
        ("wallboard", Screen::Wallboard, false),
        (
            "detail",
            Screen::QueueDetail {
                queue: QueueId("billing".into()),
                scroll: 0,
            },
            false,
        ),
        ("alerts", Screen::Alerts { selected: 0 }, false),
        (
            "checklist",
            Screen::Checklist {
                incident: 0,
                selected: 0,
            },
            false,
        ),
        ("reasons", Screen::Reasons { queue: None }, false),
        ("sites", Screen::Sites, false),
        ("help", Screen::Wallboard, true),
    ]
}

#[test]
fn every_view_names_the_open_incident_its_step_and_the_next_update() {
    let mut state = surge_open();
    for (name, view, help) in every_view() {
        state.view.screen = view;
        state.view.help_open = help;
        let screen = screen(&state);
        let line = crisis_line(&screen);
        for expected in [
            "Traffic surge",
            "step 1/12",
            "Switch on",
            "next update 10:14",
        ] {
            assert!(
                line.contains(expected),
                "{name}: {expected:?} missing from {line:?}\n{screen}"
            );
        }
    }
}

#[test]
fn a_second_open_incident_is_counted_on_the_line_and_it_still_fits_80_columns() {
    let mut state = surge_open();
    update(&mut state, Msg::Command("declare complaint-spike".into()));
    assert_eq!(state.incidents.len(), 2);
    state.view.screen = Screen::Wallboard;
    let screen = screen(&state);
    let line = crisis_line(&screen);
    assert!(line.contains("+1 open"), "{line:?}\n{screen}");
    // Shortened by priority, never wrapped: the due time and the count stay whole.
    assert!(line.contains("next update 10:14"), "{line:?}");
    assert!(
        line.contains("Traffic surge"),
        "the plan at the top: {line:?}"
    );
    let below = screen
        .lines()
        .skip_while(|l| !l.contains('⚑'))
        .nth(1)
        .unwrap_or("");
    assert!(
        !below.contains("next update") && !below.contains("open"),
        "the crisis line wrapped into {below:?}\n{screen}"
    );
}

#[test]
fn a_late_status_update_is_said_on_every_view() {
    let mut state = surge_open();
    update(
        &mut state,
        Msg::Ticked(Timestamp::from_secs(T0 + 120 + 7 * 60)),
    );
    state.view.screen = Screen::Sites;
    let screen = screen(&state);
    let line = crisis_line(&screen);
    assert!(line.contains("UPDATE OVERDUE 2:00"), "{line:?}\n{screen}");
}

#[test]
fn no_crisis_line_without_an_open_incident() {
    let state = floor_fixture::state();
    assert!(!screen(&state).contains('⚑'));
}

#[test]
fn a_wide_plan_title_in_chinese_is_shortened_on_the_line_not_wrapped() {
    let mut state = floor_fixture::state_with_surge_rule("ana");
    let mut plan = state.checklists["traffic-surge"].clone();
    plan.id = "话务激增".into();
    plan.title = "话务激增：呼入量远超预测，全体坐席请立即登录并保持在线".into();
    plan.steps[0].title = "打开高话务量语音导航提示并提供回拨选项给所有来电客户".into();
    state.checklists.insert(plan.id.clone(), plan);
    update(&mut state, Msg::Command("declare 话务激增".into()));
    state.view.screen = Screen::Wallboard;
    let buffer = render(&state, &theme("monochrome", ColorLevel::None), 80, 24);
    let screen = text(&buffer);
    let line = crisis_line(&screen);
    assert!(line.contains("话务激增"), "{line:?}\n{screen}");
    assert!(line.contains("next update"), "{line:?}\n{screen}");
    assert!(
        unicode_width::UnicodeWidthStr::width(line) <= 80,
        "{line:?} is wider than the screen"
    );
}

/// Instant rules: many alerts fire on the fixture floor at once; the one
/// rule that opens a plan is a warning, so it sorts after the criticals.
fn many_alerts_and_a_warning_opens_the_plan() -> AppState {
    use floorwatch::engine::rules::{RuleEngine, Severity};
    let mut state = floor_fixture::state_with_surge_rule("ana");
    let mut rules = floor_fixture::instant_rules();
    for rule in &mut rules {
        rule.checklist = None;
    }
    let opener = rules
        .iter_mut()
        .find(|r| r.id == "longest-wait-high")
        .unwrap();
    assert_eq!(opener.severity, Severity::Warning);
    opener.checklist = Some("traffic-surge".into());
    state.rules = RuleEngine::new(rules);
    let t = Timestamp::from_secs(T0 + 120);
    let snapshot = floor_fixture::snapshot(t, 3);
    update(&mut state, Msg::FloorObserved { snapshot, at: t });
    assert_eq!(state.incidents.len(), 1, "the warning opened the plan");
    state.view.screen = Screen::Wallboard;
    state
}

#[test]
fn the_alert_that_opened_the_incident_never_hides_in_more() {
    let state = many_alerts_and_a_warning_opens_the_plan();
    let trigger = state.incidents[0].trigger.clone().unwrap();
    let screen = screen(&state);
    let strip = screen
        .lines()
        .find(|l| l.starts_with(" Alerts:"))
        .unwrap_or_else(|| panic!("no alert strip\n{screen}"));
    assert!(
        strip.contains("more"),
        "enough alerts to overflow: {strip:?}"
    );
    let queue = trigger.subject.clone();
    let wait_alert = strip.contains("longest wait") && strip.contains(&queue[..4]);
    assert!(
        wait_alert,
        "the warning that opened the plan ({} on {queue}) is shown: {strip:?}",
        trigger.rule
    );
    // Critical ones still come before warnings.
    let critical = strip.find('✖').unwrap_or(usize::MAX);
    let warning = strip.find('▲').unwrap_or(usize::MAX);
    assert!(critical < warning, "{strip:?}");
}

/// The text of the checklist's columns at 80 columns, rows joined and spaces
/// dropped: the title (x 6–47), the owner (49–62) and the note (64–79).
fn columns(state: &AppState) -> [String; 3] {
    let buffer = render(state, &theme("monochrome", ColorLevel::None), 80, 24);
    let column = |from: u16, to: u16| {
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut x = from;
            while x < to {
                let symbol = buffer[(x, y)].symbol();
                out.push_str(symbol);
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap();
            }
        }
        out.replace(' ', "")
    };
    [column(6, 48), column(49, 63), column(64, 80)]
}

#[test]
fn the_selected_steps_title_owner_and_who_did_it_are_read_whole_at_80x24() {
    let mut state = surge_open();
    state.view.operator = "ana.lopez@floor-3-supervisors".into();
    // Done by a long name; then the question step with a long title and owner.
    press(&mut state, &[Key::Char(' ')]);
    // Opened, its figures at the start, then the step done.
    update(&mut state, Msg::Saved { local: 0, seq: 3 });
    press(&mut state, &[Key::Char('k')]);
    let [titles, _, notes] = columns(&state);
    assert!(
        notes.contains("ana.lopez@floor-3-supervisors"),
        "who did it, whole: {notes}"
    );
    assert!(
        titles.contains("SwitchonthehighvolumeIVRmessagewithcallbackoffer")
            || titles.contains("Switchonthehigh-volumeIVRmessagewithcallbackoffer"),
        "the title, wrapped: {titles}"
    );
    press(&mut state, &[Key::Char('j'); 5]);
    let [titles, owners, _] = columns(&state);
    assert!(
        titles.contains("Willthestaffinggaplastmorethan60minutes(WFMre-forecast)?"),
        "{titles}"
    );
    assert!(owners.contains("workforceplanning(WFM)"), "{owners}");
}

#[test]
fn chinese_step_titles_wrap_by_columns_and_lose_nothing() {
    let mut state = floor_fixture::state_with_surge_rule("ana");
    let mut plan = state.checklists["traffic-surge"].clone();
    plan.id = "话务激增".into();
    plan.steps[0].title =
        "打开高话务量语音导航提示并提供回拨选项，然后通知全体坐席与现场主管，😀确认已生效".into();
    plan.steps[0].owner = "现场经理（值班）与坐席主管".into();
    state.checklists.insert(plan.id.clone(), plan);
    update(&mut state, Msg::Command("declare 话务激增".into()));
    assert!(matches!(
        state.view.screen,
        Screen::Checklist { incident: 0, .. }
    ));
    let [titles, owners, _] = columns(&state);
    assert!(
        titles.contains(
            "打开高话务量语音导航提示并提供回拨选项，然后通知全体坐席与现场主管，😀确认已生效"
        ),
        "{titles}"
    );
    assert!(owners.contains("现场经理（值班）与坐席主管"), "{owners}");
    for line in screen(&state).lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
}

#[test]
fn the_message_preview_scrolls_with_page_down_and_every_line_is_read_whole() {
    let mut state = surge_open();
    // The scoping update: a message longer than its pane at 80×24.
    press(&mut state, &[Key::Char('j'); 4]);
    let message = floorwatch::app::view::step_message(&state, 0, 4).unwrap();
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut unseen: Vec<String> = message
        .lines()
        .map(words)
        .filter(|l| !l.is_empty())
        .collect();
    let last = unseen.last().cloned().unwrap();
    let before = screen(&state);
    assert!(
        !words(&before).contains(&last),
        "the fixture's message must be longer than its pane\n{before}"
    );
    for _ in 0..12 {
        let page = words(&screen(&state));
        unseen.retain(|line| !page.contains(line.as_str()));
        press(&mut state, &[Key::PageDown]);
    }
    assert!(unseen.is_empty(), "never read whole: {unseen:?}");
    let after = screen(&state);
    assert!(words(&after).contains(&last), "{last:?}\n{after}");
    assert!(
        after.contains("▶[ ]  Scoping update"),
        "page down scrolls the message, the cursor stays\n{after}"
    );
}

#[test]
fn the_timeline_scrolls_back_to_the_start() {
    let mut state = surge_open();
    for n in 0..8 {
        press(&mut state, &[Key::Char('n')]);
        let note: Vec<Key> = format!("note {n}")
            .chars()
            .map(Key::Char)
            .chain([Key::Enter])
            .collect();
        press(&mut state, &note);
    }
    press(&mut state, &[Key::Char('t')]);
    let newest = screen(&state);
    assert!(newest.contains("note 7"), "newest first in view\n{newest}");
    assert!(!newest.contains("incident opened"), "{newest}");
    // Ten entries (opened, the figures at the start, eight notes), two a press.
    press(&mut state, &[Key::PageUp; 4]);
    let oldest = screen(&state);
    assert!(oldest.contains("incident opened"), "{oldest}");
}

#[test]
fn help_at_80x24_scrolls_to_its_last_line_and_says_how() {
    let mut state = floor_fixture::state();
    state.view.help_open = true;
    let first = screen(&state);
    assert!(first.contains("PgDn"), "help says how it scrolls\n{first}");
    press(&mut state, &[Key::PageDown, Key::PageDown, Key::PageDown]);
    let after = screen(&state);
    // The last line of help, wrapped under its symbol.
    assert!(
        after.contains("[…]      an action not on disk yet") && after.contains("SAVING"),
        "{after}"
    );
    assert!(state.view.help_open, "scrolling keeps help open");
}

#[test]
fn a_long_notice_is_read_whole_at_80_columns() {
    let mut state = floor_fixture::state();
    let notice = "checklist complaint-spike queued (2 of 3): 3 shows the top, ] the next";
    state.view.notice = Some(notice.into());
    let screen = screen(&state);
    let joined: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains(notice), "{screen}");
    assert!(screen.contains("q quit"), "the keys stay\n{screen}");
}

#[test]
fn a_queued_notice_goes_once_that_incident_is_on_screen() {
    let mut state = surge_open();
    update(&mut state, Msg::Command("declare complaint-spike".into()));
    let queued = state.view.notice.clone().unwrap_or_default();
    assert!(queued.contains("queued"), "{queued:?}");
    // Still true while the operator works the top one: it stays.
    let now = state.wall_now;
    update(&mut state, Msg::Ticked(now));
    press(&mut state, &[Key::Char('j')]);
    assert_eq!(state.view.notice.as_deref(), Some(queued.as_str()));
    press(&mut state, &[Key::Char(']')]);
    assert!(
        matches!(state.view.screen, Screen::Checklist { incident: 1, .. }),
        "{:?}",
        state.view.screen
    );
    assert_eq!(state.view.notice, None, "the queued incident is on screen");
}

#[test]
fn a_one_off_notice_goes_at_the_next_key() {
    let mut state = floor_fixture::state();
    press(&mut state, &[Key::Char('3')]);
    assert!(state.view.notice.is_some(), "no incident yet");
    press(&mut state, &[Key::Char('j')]);
    assert_eq!(state.view.notice, None);
}

#[test]
fn the_detail_views_now_line_is_read_whole_at_80_columns() {
    let mut state = floor_fixture::state();
    state.view.screen = Screen::QueueDetail {
        queue: QueueId("billing".into()),
        scroll: 0,
    };
    let screen = screen(&state);
    let joined: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("not ready"), "{screen}");
    assert!(joined.contains("occupancy"), "{screen}");
    assert!(!screen.contains("not read…"), "{screen}");
}

#[test]
fn help_on_the_checklist_says_page_keys_scroll_there() {
    let mut state = surge_open();
    state.view.help_open = true;
    let screen = screen(&state);
    assert!(screen.contains("PgDn Ctrl-d   scroll down"), "{screen}");
    assert!(
        !screen.contains("page down"),
        "PgDn does not page the list here\n{screen}"
    );
}

#[test]
fn at_every_width_the_due_time_and_the_count_stay_whole() {
    let mut state = surge_open();
    update(&mut state, Msg::Command("declare complaint-spike".into()));
    state.view.screen = Screen::Wallboard;
    let mono = theme("monochrome", ColorLevel::None);
    for width in 40..=200 {
        let screen = text(&render(&state, &mono, width, 24));
        let line = crisis_line(&screen);
        assert!(
            line.contains("next update 10:14") && line.ends_with("+1 open"),
            "{width}: {line:?}"
        );
        assert!(
            line.contains("⚑ Traf"),
            "the plan, if only its start: {width}: {line:?}"
        );
    }
}

#[test]
fn every_view_with_an_incident_a_notice_and_help_draws_at_every_size() {
    let mut state = surge_open();
    update(&mut state, Msg::Command("declare complaint-spike".into()));
    let mono = theme("monochrome", ColorLevel::None);
    for (_, view, help) in every_view() {
        state.view.screen = view;
        state.view.help_open = help;
        state.view.show_timeline = false;
        for timeline in [false, true] {
            state.view.show_timeline = timeline;
            state.view.pane_scroll = 7;
            state.view.help_scroll = 9;
            for width in (40..=130).step_by(9) {
                for height in (12..=50).step_by(6) {
                    let screen = text(&render(&state, &mono, width, height));
                    assert!(screen.contains('⚑'), "{width}×{height}\n{screen}");
                }
            }
        }
    }
}

/// On a wide screen the owner column has room for whole role names: the
/// title column does not take every column it is offered.
#[test]
fn at_160_columns_owners_are_read_on_one_line() {
    let state = surge_open();
    let wide = text(&render(
        &state,
        &theme("monochrome", ColorLevel::None),
        160,
        48,
    ));
    for owner in ["workforce planning (WFM)", "marketing / communications"] {
        assert!(
            wide.lines().any(|l| l.contains(owner)),
            "{owner} on one line\n{wide}"
        );
    }
}
