//! The screens, rendered into ratatui's TestBackend and read like a person would.

use floorwatch::app::{AppState, Screen};
use floorwatch::config::theme::ThemeCatalog;
use floorwatch::model::{PlatformCondition, PollFailure, QueueId, Timestamp};
use floorwatch::ui::theme::{ColorLevel, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use super::floor_fixture::{self, T0};

pub fn theme(name: &str, level: ColorLevel) -> Theme {
    ThemeCatalog::builtin().resolve(name, level).unwrap()
}

pub fn render(state: &AppState, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| floorwatch::ui::render(frame, state, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as a person reads it: a wide character's second cell is not a space.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width.max(1))
        .map(|row| {
            let mut line = String::new();
            let mut skip = 0;
            for cell in row {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                line.push_str(cell.symbol());
                skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn default_theme() -> Theme {
    theme("default", ColorLevel::Ansi16)
}

#[test]
fn wallboard_at_80x24_shows_the_floor_at_a_glance() {
    let state = floor_fixture::state();
    let screen = text(&render(&state, &default_theme(), 80, 24));
    for expected in [
        "● LIVE",
        "fixture floor",
        "Longest wait",
        "Billing",
        "✖ CRIT",
        "会员服务 VIP",
        "A≤T/(A+Ab>T)",
        "interval 10:00–10:15",
        "Alerts:",
        "q quit",
        "? help",
        "Need",
        "Mood",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
    insta::assert_snapshot!("wallboard_80x24", screen);
}

#[test]
fn the_most_urgent_queue_comes_first_and_says_why() {
    let state = floor_fixture::state();
    let screen = text(&render(&state, &default_theme(), 100, 30));
    let billing = screen.find("✖ CRIT  Billing").expect("billing is critical");
    let tech = screen.find("Technical").expect("tech is listed");
    assert!(billing < tech, "critical queue sorts first\n{screen}");
    assert!(
        screen.contains("✖ Billing: SL 41.7% < 70% (interval)"),
        "{screen}"
    );
}

#[test]
fn text_from_the_platform_cannot_write_escape_sequences() {
    let state = floor_fixture::state();
    let buffer = render(&state, &default_theme(), 120, 40);
    for cell in &buffer.content {
        for c in cell.symbol().chars() {
            assert!(
                !floorwatch::untrusted::is_forbidden(c),
                "{c:?} reached the screen"
            );
        }
    }
    assert!(
        text(&buffer).contains("EvilQueue"),
        "the name is shown, cleaned of its escape sequences"
    );
}

#[test]
fn wide_characters_keep_the_columns_aligned() {
    let state = floor_fixture::state();
    let buffer = render(&state, &default_theme(), 80, 24);
    let width = usize::from(buffer.area.width);
    // The x of the SL column's '%' on every queue row that has a service level.
    let mut columns = vec![];
    for row in buffer.content.chunks(width) {
        let line: String = row.iter().map(|c| c.symbol()).collect();
        let is_queue_row = [
            "  ✓ OK",
            "  ▲ WARN",
            "  ✖ CRIT",
            "  · few",
            "▶ ✓ OK",
            "▶ ▲ WARN",
            "▶ ✖ CRIT",
        ]
        .iter()
        .any(|s| line.starts_with(s));
        if !is_queue_row {
            continue;
        }
        if let Some(x) = row.iter().position(|c| c.symbol() == "%") {
            columns.push(x);
        }
    }
    assert!(columns.len() >= 4, "found {columns:?}");
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "SL column drifts: {columns:?}"
    );
}

#[test]
fn every_size_renders_without_panicking_and_small_ones_say_so() {
    let state = floor_fixture::state();
    let theme = default_theme();
    for width in (0..=130).step_by(7).chain([39, 40, 80]) {
        for height in (0..=50).step_by(5).chain([11, 12, 24]) {
            let buffer = render(&state, &theme, width, height);
            if (width < 40 || height < 12) && width >= 20 && height >= 3 {
                assert!(
                    text(&buffer).contains("too small"),
                    "{width}×{height}:\n{}",
                    text(&buffer)
                );
            }
        }
    }
}

#[test]
fn monochrome_uses_no_colour_and_states_still_read() {
    let state = floor_fixture::state();
    let buffer = render(&state, &theme("monochrome", ColorLevel::None), 80, 24);
    for cell in &buffer.content {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "coloured cell {cell:?}"
        );
    }
    let screen = text(&buffer);
    assert!(
        screen.contains("✖ CRIT") && screen.contains("✓ OK"),
        "{screen}"
    );
    assert!(
        screen.contains("▶ "),
        "the selection is marked by a symbol, not only by style"
    );
}

#[test]
fn every_theme_draws_every_screen() {
    let catalog = ThemeCatalog::builtin();
    for name in catalog.names() {
        for level in [
            ColorLevel::None,
            ColorLevel::Ansi16,
            ColorLevel::Ansi256,
            ColorLevel::TrueColor,
        ] {
            let theme = catalog.resolve(&name, level).unwrap();
            let mut state = floor_fixture::state();
            assert!(
                text(&render(&state, &theme, 80, 24)).contains("Billing"),
                "{name} {level:?}"
            );
            state.view.screen = Screen::QueueDetail {
                queue: QueueId("billing".into()),
                scroll: 0,
            };
            assert!(
                text(&render(&state, &theme, 80, 24)).contains("Waiting callers"),
                "{name} {level:?}"
            );
            state.view.help_open = true;
            assert!(
                text(&render(&state, &theme, 80, 24)).contains("Help"),
                "{name} {level:?}"
            );
        }
    }
}

#[test]
fn stale_data_is_marked_stale_everywhere() {
    let mut state = floor_fixture::state();
    let failed_at = Timestamp::from_secs(T0 + 70);
    state.floor.observe_failure(
        failed_at,
        PollFailure::new(PlatformCondition::Unreachable, "connection refused"),
    );
    state.wall_now = failed_at;
    let screen = text(&render(&state, &default_theme(), 80, 24));
    assert!(screen.contains("? STALE"), "{screen}");
    assert!(
        screen.contains("STALE since 10:08:00: connection refused"),
        "{screen}"
    );
    assert!(!screen.contains("● LIVE"), "{screen}");
    assert!(
        !screen.contains("✖ CRIT  Billing"),
        "rows say STALE, not their last status\n{screen}"
    );
    assert!(
        screen.contains("Billing"),
        "the last good figures stay on screen\n{screen}"
    );
    assert!(
        screen.contains("✖ platform not answering since 10:08:00"),
        "{screen}"
    );
    assert!(
        screen.contains("?STALE"),
        "the SL tile is not OK on stale data\n{screen}"
    );
    assert!(!screen.contains("✓OK"), "{screen}");
    let wide = text(&render(&state, &default_theme(), 140, 30));
    assert!(
        wide.contains("? Billing: SL"),
        "alerts from stale data say so\n{wide}"
    );
}

#[test]
fn queue_detail_shows_windows_agents_and_callers() {
    let mut state = floor_fixture::state();
    state.view.screen = Screen::QueueDetail {
        queue: QueueId("billing".into()),
        scroll: 0,
    };
    let screen = text(&render(&state, &default_theme(), 80, 24));
    for expected in [
        "Billing",
        "10:00–10:15",
        "last 60 min",
        "today",
        "A≤T/(A+Ab>T)",
        "ASA",
        "AHT",
        "Agents (4)",
        "王芳",
        "● Available",
        "◐ On call",
        "Waiting callers (2)",
        "[VIP]",
        "2:31",
        "Payment failed",
        "Esc back",
        "Mood (30 min",
        "3 heard",
        "Conversations, most negative first (3)",
        // Watched for a minute: too little to say what the queue needs.
        "Staffing: too few contacts, or too little time counted, to say yet",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
    // Most negative first; a transcript's escape sequence never reaches the terminal.
    let at = |words: &str| screen.find(words).unwrap();
    assert!(at("nobody fixed it") < at("Why is my bill higher?"));
    assert!(at("Why is my bill higher?") < at("服务非常好"));
    assert!(
        !screen.contains('\u{1b}') && !screen.contains("[2J"),
        "{screen}"
    );
    assert!(
        screen.contains("-0.") && screen.contains("+0.8"),
        "signed scores\n{screen}"
    );
    insta::assert_snapshot!("detail_80x24", screen);
}

#[test]
fn help_lists_the_keys_from_the_keymap() {
    let mut state = floor_fixture::state();
    state.view.help_open = true;
    let screen = text(&render(&state, &default_theme(), 80, 24));
    for expected in [
        "Help",
        "/",
        "filter",
        "sort",
        "Enter",
        "detail",
        "q Ctrl-c",
        "quit",
        "✖ CRIT",
        "? SLOW   figures are late, yet no poll failed",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
}

#[test]
fn filter_keeps_matching_queues_and_bang_inverts() {
    let mut state = floor_fixture::state();
    state.view.filter = "bill".into();
    let screen = text(&render(&state, &default_theme(), 80, 24));
    assert!(
        screen.contains("Billing") && !screen.contains("Technical"),
        "{screen}"
    );
    assert!(
        screen.contains("Filter: bill"),
        "the filter stays visible\n{screen}"
    );
    state.view.filter = "!bill".into();
    let screen = text(&render(&state, &default_theme(), 80, 24));
    assert!(
        screen.contains("Technical") && !screen.contains("✖ CRIT  Billing"),
        "{screen}"
    );
}

#[test]
fn a_large_screen_shows_every_column() {
    let state = floor_fixture::state();
    let screen = text(&render(&state, &default_theme(), 200, 60));
    assert!(
        screen.contains("Service level"),
        "the full tile label where it fits\n{screen}"
    );
    for heading in [
        "Status", "Queue", "SL", "Wait", "Longest", "Avail", "ASA", "Aband", "Occ", "SL 1h",
    ] {
        assert!(
            screen.contains(heading),
            "missing column {heading}\n{screen}"
        );
    }
}

#[test]
fn before_the_first_answer_nothing_is_shown_as_zero_and_the_reason_is_given() {
    use floorwatch::engine::{EngineSettings, Floor};
    let now = Timestamp::from_secs(T0);
    let mut state = AppState::new(Floor::new(EngineSettings::default()), now, 0);
    state.platform_label = "asterisk · pbx:8088".into();
    state.floor.observe_failure(
        now,
        PollFailure::new(
            PlatformCondition::CredentialsRejected,
            "credentials rejected: http://pbx:8088/rawman refused the login of user \"fw\"",
        ),
    );
    let screen = text(&render(&state, &default_theme(), 80, 24));
    assert!(screen.contains("asterisk · pbx:8088"), "{screen}");
    assert!(
        screen.contains("NO DATA YET: credentials rejected"),
        "{screen}"
    );
    assert!(
        screen.contains("platform rejected our credentials"),
        "alert strip:\n{screen}"
    );
    let tiles = screen.lines().nth(3).unwrap_or("");
    assert!(
        !tiles.contains('0'),
        "no made-up zeros before data: {tiles:?}"
    );
    assert!(
        !screen.contains("00:00–00:15"),
        "no interval times without a platform clock\n{screen}"
    );
}

#[test]
fn wrap_up_a_platform_does_not_report_is_na_not_zero() {
    use floorwatch::engine::{EngineSettings, Floor};
    let t0 = Timestamp::from_secs(T0);
    let mut snapshot = floor_fixture::snapshot(t0, 1);
    for queue in &mut snapshot.queues {
        queue.agents.wrap_up = None;
    }
    snapshot.agents.clear();
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(snapshot, t0);
    let mut state = AppState::new(floor, t0, 0);
    state.view.screen = Screen::QueueDetail {
        queue: QueueId("billing".into()),
        scroll: 0,
    };
    let screen = text(&render(&state, &default_theme(), 120, 30));
    assert!(screen.contains("wrap-up n/a"), "{screen}");
    assert!(!screen.contains("wrap-up 0"), "{screen}");
}

#[test]
fn the_alerts_view_at_80x24_says_who_has_what() {
    use floorwatch::engine::rules::{RuleEngine, default_rules};
    let mut state = floor_fixture::state();
    // Instant rules fire; a rule that must hold for a minute is pending.
    let mut rules = floor_fixture::instant_rules();
    rules.extend(
        default_rules()
            .into_iter()
            .filter(|r| r.id == "longest-wait-high"),
    );
    rules.last_mut().unwrap().id = "longest-wait-held".into();
    state.rules = RuleEngine::new(rules);
    state.rules.evaluate(&state.floor, state.wall_now);
    let now = state.wall_now;
    let shown: Vec<u64> = floorwatch::app::view::alert_rows(&state)
        .iter()
        .filter_map(|r| r.actionable())
        .collect();
    let book = state.rules.book_mut();
    assert!(book.acknowledge(shown[0], "ana", now));
    assert!(book.snooze(
        shown[1],
        "ana",
        now,
        std::time::Duration::from_secs(1800),
        "backlog known"
    ));
    state.view.screen = Screen::Alerts { selected: 0 };
    let screen = text(&render(&state, &default_theme(), 80, 24));
    assert!(
        screen.contains("FIRING") && screen.contains("PENDING"),
        "{screen}"
    );
    assert!(
        screen.contains("10:08 ✓"),
        "acknowledged, marked in the list\n{screen}"
    );
    assert!(
        screen.contains("not acknowledged: Space acknowledges"),
        "the selected one, in full\n{screen}"
    );
    assert!(
        screen.contains("✖ CRIT"),
        "severity in words and symbols\n{screen}"
    );
    assert!(
        !screen.contains("Billing: SL 41.7% < 80%"),
        "a warning said louder by a critical alert on the same figure is not repeated\n{screen}"
    );
    insta::assert_snapshot!("alerts_80x24", screen);
}

#[test]
fn the_checklist_view_at_80x24_marks_every_state_without_colour() {
    use floorwatch::app::{Effect, Key, Msg, update};
    use floorwatch::ui::theme::ColorLevel;

    let (mut state, t) = surge_checklist_on_screen();
    // Done and saved; done and not yet saved; one overridden; one overdue.
    update(&mut state, Msg::KeyPressed(Key::Char(' ')));
    for key in "ssbriefed at 10:05"
        .chars()
        .map(Key::Char)
        .chain([Key::Enter])
    {
        update(&mut state, Msg::KeyPressed(key));
    }
    // The start, its figures, the tick and the override are on disk.
    update(&mut state, Msg::Saved { local: 0, seq: 4 });
    update(&mut state, Msg::KeyPressed(Key::Char(' ')));
    update(
        &mut state,
        Msg::Ticked(t.plus(std::time::Duration::from_secs(400))),
    );
    let effects = update(&mut state, Msg::KeyPressed(Key::Char('j'))).effects;
    assert!(!effects.iter().any(|e| matches!(e, Effect::Persist { .. })));
    let mono = theme("monochrome", ColorLevel::None);
    let screen = text(&render(&state, &mono, 80, 24));
    for mark in ["[✓]", "[…]", "[!]", "[?]", "[·]", "[ ]"] {
        assert!(
            screen.contains(mark),
            "{mark} on screen without colour\n{screen}"
        );
    }
    assert!(screen.contains("OVERDUE"), "{screen}");
    assert!(screen.contains("overridden: ana"), "{screen}");
    assert!(
        screen.contains("»[ ]  First notice"),
        "the current item is marked when the cursor is elsewhere\n{screen}"
    );
    assert!(
        screen.contains("no data: by hand"),
        "stale data: the sensed step waits for a hand\n{screen}"
    );
    assert!(screen.contains("Traffic surge v1"), "{screen}");
    assert!(
        screen.contains("steps to go"),
        "the list says how it ends\n{screen}"
    );
    insta::assert_snapshot!("checklist_80x24", screen);
    // `t`: the record instead of the message, every action with who and when.
    update(&mut state, Msg::KeyPressed(Key::Char('t')));
    // The timeline rests on its newest entry at 80×24: read it back to the start.
    let mut timeline = text(&render(&state, &mono, 80, 24));
    for _ in 0..6 {
        update(&mut state, Msg::KeyPressed(Key::PageUp));
        timeline.push_str(&text(&render(&state, &mono, 80, 24)));
    }
    update(&mut state, Msg::KeyPressed(Key::Char('t')));
    update(&mut state, Msg::KeyPressed(Key::Char('t')));
    assert!(timeline.contains("Timeline"), "{timeline}");
    assert!(
        timeline.contains("ana: marked done: 'Switch on the high-volume"),
        "a step by its title, not its id\n{timeline}"
    );
    assert!(timeline.contains("incident opened"), "{timeline}");
    assert!(timeline.contains("figures at the start: SL "), "{timeline}");
    // The next status update is always in view, and loud once late.
    assert!(screen.contains("next update 10:29 (in 13:20)"), "{screen}");
    update(
        &mut state,
        Msg::Ticked(t.plus(std::time::Duration::from_secs(1500))),
    );
    let late = text(&render(&state, &mono, 80, 24));
    assert!(late.contains("STATUS UPDATE OVERDUE 5:00"), "{late}");
}

#[test]
fn a_checklist_with_an_overridden_item_ends_checklist_overridden() {
    use floorwatch::app::{Key, Msg, update};
    use floorwatch::engine::checklist::StepKind;

    let (mut state, t) = surge_checklist_on_screen();
    // Stale data from here on: the sensed step is ticked by hand.
    update(
        &mut state,
        Msg::Ticked(t.plus(std::time::Duration::from_secs(400))),
    );
    let press = |state: &mut AppState, keys: &[Key]| {
        for key in keys {
            update(state, Msg::KeyPressed(*key));
        }
    };
    press(&mut state, &[Key::Char(' '), Key::Char(' ')]);
    let third: Vec<Key> = "ssWFM already flexing since 09:00"
        .chars()
        .map(Key::Char)
        .chain([Key::Enter])
        .collect();
    press(&mut state, &third);
    for _ in 0..30 {
        let Some(current) = state.incidents[0].run.current() else {
            break;
        };
        // The sensed step by hand before the all clear, which would otherwise go against the figures.
        let run = &state.incidents[0].run;
        let sensed_first = (0..current).find(|i| {
            run.states()[*i] == floorwatch::engine::checklist::StepState::Open
                && matches!(run.checklist().steps[*i].kind, StepKind::Sensed(_))
        });
        if let Some(sensed) = sensed_first {
            state.view.screen = Screen::Checklist {
                incident: 0,
                selected: sensed,
            };
        }
        match state.incidents[0].run.checklist().steps[current].kind {
            StepKind::Conditional { .. } if sensed_first.is_none() => {
                press(&mut state, &[Key::Enter, Key::Char('n')])
            }
            _ => press(&mut state, &[Key::Char(' ')]),
        }
    }
    let screen = text(&render(&state, &default_theme(), 80, 24));
    assert!(screen.contains("CHECKLIST OVERRIDDEN"), "{screen}");
    let reason = state.incidents[0].run.actions().iter().any(|a| {
        a.kind
            == floorwatch::engine::checklist::ActionKind::Overridden {
                step: "wfm-flex".into(),
                reason: "WFM already flexing since 09:00".into(),
            }
    });
    assert!(reason, "the record has the reason");
}

/// The fixture floor two minutes in: the surge rule has fired and its
/// checklist is on screen. Returns the state and that moment.
fn surge_checklist_on_screen() -> (AppState, Timestamp) {
    use floorwatch::app::{Msg, update};
    let mut state = floor_fixture::state_with_surge_rule("ana");
    let t = Timestamp::from_secs(T0 + 120);
    let snapshot = floor_fixture::snapshot(t, 3);
    update(&mut state, Msg::FloorObserved { snapshot, at: t });
    // Read, not yet acted on: the line a checklist that came by itself shows is in `ticks`.
    state.view.hold = None;
    (state, t)
}

#[test]
fn the_sites_view_at_80x24_counts_agents_by_site_and_state() {
    let mut state = floor_fixture::state();
    state.view.screen = Screen::Sites;
    let screen = text(&render(&state, &default_theme(), 80, 24));
    for expected in ["Agents by site", "Site", "Avail", "NotRdy", "Alert"] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
    insta::assert_snapshot!("sites_80x24", screen);
}
