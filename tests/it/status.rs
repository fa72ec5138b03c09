//! The status column tells the truth: it agrees with the figures beside it,
//! in every window, and with the alerts below it.

use std::time::Duration;

use floorwatch::app::{AppState, Key, Msg, update};
use floorwatch::engine::rules::{RuleEngine, default_rules};
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::*;

use super::floor_fixture::{self, T0};
use super::view::{render, text, theme};

/// What a queue has counted since 08:00, cumulatively.
#[derive(Clone, Copy, Default)]
struct Counts {
    answered_in_sl: u64,
    answered_late: u64,
    abandoned_in_sl: u64,
    abandoned_late: u64,
}

impl Counts {
    fn plus(self, more: Counts) -> Counts {
        Counts {
            answered_in_sl: self.answered_in_sl + more.answered_in_sl,
            answered_late: self.answered_late + more.answered_late,
            abandoned_in_sl: self.abandoned_in_sl + more.abandoned_in_sl,
            abandoned_late: self.abandoned_late + more.abandoned_late,
        }
    }
}

fn queue(id: &str, counts: Counts, waiting: u32, longest_wait_s: f64) -> QueueObservation {
    let answered = counts.answered_in_sl + counts.answered_late;
    let abandoned = counts.abandoned_in_sl + counts.abandoned_late;
    QueueObservation {
        id: QueueId(id.into()),
        name: id.into(),
        waiting,
        longest_wait_s: Some(longest_wait_s),
        agents: AgentCounts {
            available: 2,
            ringing: 0,
            on_call: 3,
            wrap_up: Some(0),
            not_ready: 0,
        },
        counters: QueueCounters {
            since: Some(Timestamp::from_secs(T0 - 2 * 3600)),
            offered: Some(answered + abandoned),
            answered: Some(answered),
            answered_in_sl: Some(counts.answered_in_sl),
            abandoned: Some(abandoned),
            abandoned_in_sl: Some(counts.abandoned_in_sl),
            abandoned_short: Some(0),
            flowed_out: Some(0),
            answered_wait_s: Some(answered as f64 * 15.0),
            handled: Some(answered),
            handle_time_s: Some(answered as f64 * 200.0),
        },
        sl_threshold_s: Some(20.0),
        short_abandon_s: Some(5.0),
        sentiment: None,
        reasons: vec![],
    }
}

fn snapshot(at: Timestamp, queues: Vec<QueueObservation>) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: "test".into(),
            name: "status floor".into(),
        },
        observed_at: at,
        queues,
        agents: vec![],
        waiting_contacts: vec![],
        interactions: vec![],
        sites: vec![],
    }
}

/// A console with the shipped rules that has seen `readings`, each `(minutes
/// after T0, queues)`; the last reading is "now".
fn console(readings: Vec<(u64, Vec<QueueObservation>)>) -> AppState {
    let mut floor = Floor::new(EngineSettings::default());
    let mut at = Timestamp::from_secs(T0);
    for (minutes, queues) in &readings {
        at = Timestamp::from_secs(T0).plus(Duration::from_secs(minutes * 60));
        floor.observe(snapshot(at, queues.clone()), at);
    }
    let mut state = AppState::new(floor, at, 0);
    state.rules = RuleEngine::new(default_rules());
    state.rules.evaluate(&state.floor, at);
    state
}

fn screen(state: &AppState, width: u16) -> String {
    text(&render(
        state,
        &theme("default", floorwatch::ui::theme::ColorLevel::Ansi16),
        width,
        24,
    ))
}

fn row<'a>(screen: &'a str, queue: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(&format!(" {queue} ")))
        .unwrap_or_else(|| panic!("no row for {queue} in\n{screen}"))
}

/// One call answered late is a service level of 0 %, and no alert judges a
/// queue on one call: neither may the status column.
#[test]
fn one_call_is_too_few_to_be_critical() {
    let one_late = Counts {
        answered_late: 1,
        ..Counts::default()
    };
    let state = console(vec![
        (0, vec![queue("Claims", Counts::default(), 0, 0.0)]),
        (2, vec![queue("Claims", one_late, 0, 0.0)]),
    ]);
    let screen = screen(&state, 100);
    let claims = row(&screen, "Claims");
    assert!(screen.contains("no alerts"), "{screen}");
    assert!(!claims.contains("CRIT"), "{claims}");
    assert!(claims.contains("· few"), "{claims}");
    assert!(
        !screen.contains("CRIT"),
        "the SL tile judges the same way\n{screen}"
    );
}

/// `w` shows the last 60 minutes: the status beside their 50 % is theirs,
/// not the interval's 100 %.
#[test]
fn the_status_is_judged_on_the_window_shown() {
    let start = Counts::default();
    // 09:09 (T0 is 10:07 less a minute): twenty answered late, last interval.
    let before = start.plus(Counts {
        answered_late: 20,
        ..Counts::default()
    });
    let now = before.plus(Counts {
        answered_in_sl: 20,
        ..Counts::default()
    });
    let mut state = console(vec![
        (0, vec![queue("Sales", start, 0, 0.0)]),
        (5, vec![queue("Sales", before, 0, 0.0)]),
        (10, vec![queue("Sales", now, 0, 0.0)]),
    ]);
    let interval = screen(&state, 100);
    assert!(
        row(&interval, "Sales").contains("✓ OK"),
        "{}",
        row(&interval, "Sales")
    );
    update(&mut state, Msg::KeyPressed(Key::Char('w')));
    let rolling = screen(&state, 100);
    let sales = row(&rolling, "Sales");
    assert!(rolling.contains("last 60 min"), "{rolling}");
    assert!(sales.contains("50%"), "{sales}");
    assert!(sales.contains("✖ CRIT"), "{sales}");
    // Queue detail shows every window: its status names the one it judged.
    update(&mut state, Msg::KeyPressed(Key::Enter));
    let detail = screen(&state, 100);
    let title = detail.lines().nth(1).unwrap();
    assert!(title.contains("✖ CRIT"), "{title}");
    assert!(title.contains("SL 50% < 70% (last 60 min)"), "{title}");
}

/// Two callers in three hung up: whatever the service level, that is no
/// queue in good health.
#[test]
fn abandons_count_in_the_status() {
    let start = Counts::default();
    let now = Counts {
        answered_in_sl: 10,
        abandoned_in_sl: 20,
        ..Counts::default()
    };
    let mut state = console(vec![
        (0, vec![queue("Retentions", start, 0, 0.0)]),
        (5, vec![queue("Retentions", now, 0, 0.0)]),
    ]);
    let screen = screen(&state, 100);
    let retentions = row(&screen, "Retentions");
    assert!(retentions.contains("66.7%"), "{retentions}");
    assert!(retentions.contains("✖ CRIT"), "{retentions}");
    update_detail_says_why(&mut state, "abandoned 66.7% > 20%");
}

fn update_detail_says_why(state: &mut AppState, why: &str) {
    update(state, Msg::KeyPressed(Key::Enter));
    let detail = screen(state, 100);
    assert!(detail.contains(why), "{detail}");
}

/// An alert whose figure has come back says so: never "37s > 1:00".
#[test]
fn an_alert_line_never_claims_what_is_no_longer_true() {
    let mut state = floor_fixture::state();
    // Sales waits 90 s: longest-wait-high fires at once under the instant rules.
    let t = Timestamp::from_secs(T0 + 120);
    let mut tripped = floor_fixture::snapshot(t, 3);
    tripped
        .queues
        .iter_mut()
        .for_each(|q| q.longest_wait_s = Some(90.0));
    update(
        &mut state,
        Msg::FloorObserved {
            snapshot: tripped,
            at: t,
        },
    );
    let t = t.plus(Duration::from_secs(30));
    let mut eased = floor_fixture::snapshot(t, 4);
    eased
        .queues
        .iter_mut()
        .for_each(|q| q.longest_wait_s = Some(37.0));
    update(
        &mut state,
        Msg::FloorObserved {
            snapshot: eased,
            at: t,
        },
    );
    state.view.screen = floorwatch::app::Screen::Alerts { selected: 0 };
    let alerts = screen(&state, 160);
    assert!(alerts.contains("37s"), "{alerts}");
    assert!(!alerts.contains("37s > 1:00"), "{alerts}");
    assert!(alerts.contains("37s, back under 1:00"), "{alerts}");
}

/// Below 70 columns the tiles shorten their own labels: "Longest wait"
/// does not become a second "SL".
#[test]
fn narrow_tiles_keep_their_own_labels() {
    let state = floor_fixture::state();
    for width in [60, 65, 69] {
        let screen = screen(&state, width);
        let labels = screen.lines().nth(1).unwrap();
        assert_eq!(labels.matches("SL").count(), 1, "{width}: {labels}");
        assert!(labels.contains("Longest"), "{width}: {labels}");
        assert!(labels.contains("Waiting"), "{width}: {labels}");
    }
}

/// `Need` is one thing in every window: agents needed now, on the last
/// hour's demand, and it says so. (It used to be the interval's demand, a
/// day's average under "today", and the last hour's when the interval had
/// barely begun.)
#[test]
fn need_means_the_same_in_every_window() {
    // From 10:07 a queue watched for half an hour: 60 calls in the first
    // ten minutes, 20 in each ten after. Its counters began at 08:07, so
    // "today" holds the 200 counted before the console looked.
    let busy = |n: u64| Counts {
        answered_in_sl: n,
        ..Counts::default()
    };
    let mut state = console(vec![
        (0, vec![queue("Sales", busy(200), 0, 0.0)]),
        (10, vec![queue("Sales", busy(260), 0, 0.0)]),
        (20, vec![queue("Sales", busy(280), 0, 0.0)]),
        (30, vec![queue("Sales", busy(300), 0, 0.0)]),
    ]);
    let wallboard = screen(&state, 160);
    update(&mut state, Msg::KeyPressed(Key::Enter));
    let staffing = |state: &AppState| -> String {
        let detail = screen(state, 160);
        detail
            .lines()
            .find(|l| l.contains("Need "))
            .unwrap_or_else(|| panic!("no staffing line in\n{detail}"))
            .trim()
            .to_owned()
    };
    let interval = staffing(&state);
    update(&mut state, Msg::KeyPressed(Key::Char('w')));
    update(&mut state, Msg::KeyPressed(Key::Char('w')));
    assert_eq!(state.view.window, floorwatch::engine::Window::Day);
    assert_eq!(interval, staffing(&state));
    // A quiet interval after a busy start: the hour's calls are the busier.
    assert!(interval.contains("last 60 min"), "{interval}");
    assert!(wallboard.contains("Need"), "{wallboard}");
}

/// A surge that began this interval is not averaged away over the hour:
/// `Need` staffs for the busier of the two, and says which.
#[test]
fn need_staffs_for_a_surge_this_interval() {
    let busy = |n: u64| Counts {
        answered_in_sl: n,
        ..Counts::default()
    };
    // From 10:07, a call a minute; from 10:30, eleven a minute.
    let mut state = console(vec![
        (0, vec![queue("Sales", busy(200), 0, 0.0)]),
        (10, vec![queue("Sales", busy(210), 0, 0.0)]),
        (20, vec![queue("Sales", busy(220), 0, 0.0)]),
        (23, vec![queue("Sales", busy(223), 0, 0.0)]),
        (30, vec![queue("Sales", busy(300), 0, 0.0)]),
    ]);
    update(&mut state, Msg::KeyPressed(Key::Enter));
    let detail = screen(&state, 160);
    let staffing = detail
        .lines()
        .find(|l| l.contains("Need "))
        .unwrap_or_else(|| panic!("no staffing line in\n{detail}"));
    assert!(staffing.contains("this interval"), "{staffing}");
    let needed = |line: &str| -> u32 {
        line.trim()
            .trim_start_matches("Need ")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // The hour alone (103 calls in 30 minutes) would ask for fewer.
    let sales = state.floor.queue(&QueueId("Sales".into())).unwrap();
    let hour = floorwatch::engine::need::need(
        &sales.figures(floorwatch::engine::Window::Rolling60),
        floorwatch::engine::Window::Rolling60,
        state.floor.platform_time().unwrap(),
        sales.observation.agents.present(),
        &floorwatch::engine::staffing::Target {
            share: 0.8,
            threshold: Duration::from_secs(20),
        },
    )
    .unwrap();
    assert!(
        needed(staffing) > hour.needed.agents,
        "{staffing} vs {hour:?}"
    );
}

/// A console that began watching at 10:07 says its windows are counted from
/// then: no polls were missed, and it does not say so.
#[test]
fn a_window_watched_from_the_first_poll_says_so_not_polls_missed() {
    let state = floor_fixture::state();
    let wallboard = screen(&state, 160);
    assert!(wallboard.contains("~ counted from 10:07"), "{wallboard}");
    assert!(!wallboard.contains("polls missed"), "{wallboard}");
}

/// A caller offered in the last interval who hung up in this one makes a
/// service level of 0 % from one contact: that is "few", never "IDLE" beside 0 %.
#[test]
fn a_window_with_a_service_level_is_never_idle() {
    let start = Counts::default();
    let now = Counts {
        abandoned_late: 1,
        ..Counts::default()
    };
    let mut claims = queue("Claims", now, 0, 0.0);
    // Offered before the interval began: this interval offered nothing.
    claims.counters.offered = Some(0);
    let mut before = queue("Claims", start, 0, 0.0);
    before.counters.offered = Some(0);
    let state = console(vec![(0, vec![before]), (3, vec![claims])]);
    let screen = screen(&state, 100);
    let row = row(&screen, "Claims");
    assert!(row.contains("0%"), "{row}");
    assert!(row.contains("· few"), "{row}");
}

/// An alert fired on a window that has since ended, and the new window has
/// too few contacts to judge: the alert holds (a quiet start proves nothing),
/// but its line says its figure is from before, not what the queue is now.
#[test]
fn an_alert_on_an_ended_window_says_it_cannot_judge_the_new_one() {
    let mut state = AppState::new(
        Floor::new(EngineSettings::default()),
        Timestamp::from_secs(T0),
        0,
    );
    state.rules = RuleEngine::new(default_rules());
    let mut counts = Counts::default();
    let observe = |state: &mut AppState, minute: u64, counts: Counts| {
        let at = Timestamp::from_secs(T0).plus(Duration::from_secs(minute * 60));
        let snapshot = snapshot(at, vec![queue("Sales", counts, 0, 0.0)]);
        update(state, Msg::FloorObserved { snapshot, at });
    };
    // 10:07–10:14: three calls a minute, two of them answered late.
    for minute in 0..=7 {
        observe(&mut state, minute, counts);
        counts = counts.plus(Counts {
            answered_in_sl: 1,
            answered_late: 2,
            ..Counts::default()
        });
    }
    state.view.screen = floorwatch::app::Screen::Alerts { selected: 0 };
    let fired = screen(&state, 120);
    assert!(fired.contains("Sales: SL 33."), "{fired}");
    assert!(!fired.contains("too few contacts"), "{fired}");
    // 10:16: a new interval, one call in it so far.
    counts = counts.plus(Counts {
        answered_in_sl: 1,
        ..Counts::default()
    });
    observe(&mut state, 9, counts);
    let quiet = screen(&state, 120);
    assert!(quiet.contains("FIRING"), "the alert holds\n{quiet}");
    assert!(
        quiet.contains("too few contacts since 10:16 to judge"),
        "{quiet}"
    );
}
