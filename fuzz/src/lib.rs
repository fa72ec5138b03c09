//! What every fuzz target shares: a console that takes in what a parser
//! produced, as the real one would, and draws every screen.
//!
//! A parser that accepts a body hands its snapshot to the whole core —
//! figures, rules, incidents and the view — because a number that parses
//! is only harmless once nothing downstream panics on it either.

use std::time::Duration;

use floorwatch::app::{AppState, Key, Msg, update};
use floorwatch::config::theme::ThemeCatalog;
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::{Snapshot, Timestamp};
use floorwatch::ui::theme::{ColorLevel, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 2026-12-03 08:00 UTC: a wall clock for the console under test.
pub const WALL_CLOCK: Timestamp = Timestamp::from_millis(1_796_284_800_000);

/// The keys that move between screens and through lists.
const KEYS: [Key; 9] = [
    Key::Down,
    Key::Enter,
    Key::Char('w'),
    Key::Esc,
    Key::Char('2'),
    Key::Char('4'),
    Key::Char('5'),
    Key::Char('3'),
    Key::Char('1'),
];

/// The default theme, read once: parsing the built-in theme files for every
/// input would cost more than the input.
fn theme() -> &'static Theme {
    static THEME: std::sync::OnceLock<Theme> = std::sync::OnceLock::new();
    THEME.get_or_init(
        || match ThemeCatalog::builtin().resolve("default", ColorLevel::TrueColor) {
            Ok(theme) => theme,
            Err(e) => panic!("the built-in default theme does not resolve: {e}"),
        },
    )
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState, theme: &Theme) {
    if let Err(e) = terminal.draw(|frame| floorwatch::ui::render(frame, state, theme)) {
        panic!("drawing into a test backend failed: {e}");
    }
}

/// Feeds the snapshots to a fresh console one poll apart (the wall clock
/// moving 5 s a poll whatever the platform's clock says), then draws every
/// screen at 80×24. (Drawing after every poll as well would cost most of the
/// time — the layout solver dominates — for little: each screen draws from
/// the state the polls left, which is where a bad number would show.)
pub fn through_the_console(snapshots: Vec<Snapshot>) {
    let theme = theme();
    let mut terminal = match Terminal::new(TestBackend::new(80, 24)) {
        Ok(terminal) => terminal,
        Err(e) => panic!("a test backend cannot fail to open: {e}"),
    };
    let mut state = AppState::new(Floor::new(EngineSettings::default()), WALL_CLOCK, 0);
    let mut now = WALL_CLOCK;
    for snapshot in snapshots {
        now = now.plus(Duration::from_secs(5));
        update(&mut state, Msg::FloorObserved { snapshot, at: now });
        update(&mut state, Msg::Ticked(now));
    }
    draw(&mut terminal, &state, theme);
    for key in KEYS {
        update(&mut state, Msg::KeyPressed(key));
        draw(&mut terminal, &state, theme);
    }
}

/// The simulated floor in a surge, one snapshot every 2 minutes for half an
/// hour: enough for figures to move and rules to hold for their `for`.
fn surge_snapshots() -> &'static [Snapshot] {
    use floorwatch::sim::{FloorShape, Scenario, SimConfig, Simulator};
    static SNAPSHOTS: std::sync::OnceLock<Vec<Snapshot>> = std::sync::OnceLock::new();
    SNAPSHOTS.get_or_init(|| {
        let mut sim = Simulator::new(SimConfig {
            seed: 7,
            scenario: Scenario::Surge,
            shape: FloorShape::Standard,
            start: WALL_CLOCK,
            utc_offset_s: 0,
        });
        (1..=15)
            .map(|i| {
                sim.advance_to(WALL_CLOCK.plus(Duration::from_secs(120 * i)));
                sim.snapshot()
            })
            .collect()
    })
}

/// Evaluates `rules` on the surging floor as the console does each poll, and
/// draws the alerts they raised.
pub fn with_rules_on_a_floor(rules: floorwatch::engine::rules::RuleEngine) {
    let theme = theme();
    let mut terminal = match Terminal::new(TestBackend::new(80, 24)) {
        Ok(terminal) => terminal,
        Err(e) => panic!("a test backend cannot fail to open: {e}"),
    };
    let mut state = AppState::new(Floor::new(EngineSettings::default()), WALL_CLOCK, 0);
    state.rules = rules;
    for snapshot in surge_snapshots() {
        let at = snapshot.observed_at;
        update(
            &mut state,
            Msg::FloorObserved {
                snapshot: snapshot.clone(),
                at,
            },
        );
        update(&mut state, Msg::Ticked(at));
    }
    update(&mut state, Msg::KeyPressed(Key::Char('2')));
    draw(&mut terminal, &state, theme);
}
