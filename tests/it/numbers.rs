//! No number crashes or lies: hostile figures from a platform are refused by
//! name at the door, and the engine and the screens stay total behind it.

use std::time::Duration;

use floorwatch::app::{AppState, Screen};
use floorwatch::engine::rules::{RuleEngine, default_rules};
use floorwatch::engine::{EngineSettings, Floor, Window};
use floorwatch::model::*;
use floorwatch::platform::wire::SnapshotV1;
use floorwatch::ui::theme::ColorLevel;
use proptest::prelude::*;

use super::floor_fixture::T0;
use super::view::{render, theme};

/// Floats a broken platform sends: not numbers, infinities, signed zeros,
/// the huge and the negative, and ordinary ones.
fn wild_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(1e20),
        Just(1e308),
        Just(-1e308),
        Just(-5.0),
        Just(f64::MIN_POSITIVE),
        any::<f64>(),
        0.0..600.0,
    ]
}

fn wild_u64() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(u64::MAX),
        Just(u64::MAX - 1),
        Just(0),
        any::<u64>(),
        0u64..500
    ]
}

fn wild_u32() -> impl Strategy<Value = u32> {
    prop_oneof![Just(u32::MAX), Just(0), any::<u32>(), 0u32..50]
}

fn wild_time() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        Just(Timestamp::from_millis(i64::MIN)),
        Just(Timestamp::from_millis(i64::MAX)),
        Just(Timestamp::from_millis(0)),
        any::<i64>().prop_map(Timestamp::from_millis),
        (-7200i64..7200).prop_map(|s| Timestamp::from_secs(T0 + s)),
    ]
}

fn counters() -> impl Strategy<Value = QueueCounters> {
    (
        proptest::option::of(wild_time()),
        proptest::collection::vec(proptest::option::of(wild_u64()), 8),
        proptest::option::of(wild_f64()),
        proptest::option::of(wild_f64()),
    )
        .prop_map(|(since, n, wait, handle)| QueueCounters {
            since,
            offered: n[0],
            answered: n[1],
            answered_in_sl: n[2],
            abandoned: n[3],
            abandoned_in_sl: n[4],
            abandoned_short: n[5],
            flowed_out: n[6],
            answered_wait_s: wait,
            handled: n[7],
            handle_time_s: handle,
        })
}

fn queue() -> impl Strategy<Value = QueueObservation> {
    (
        prop_oneof![Just("q1"), Just("q2"), Just("q3")],
        wild_u32(),
        proptest::option::of(wild_f64()),
        (
            wild_u32(),
            wild_u32(),
            proptest::option::of(wild_u32()),
            wild_u32(),
        ),
        counters(),
        (
            proptest::option::of(wild_f64()),
            proptest::option::of(wild_f64()),
        ),
        proptest::option::of((wild_f64(), wild_u32(), wild_f64())),
        proptest::collection::vec(wild_u64(), 0..3),
    )
        .prop_map(
            |(
                id,
                waiting,
                longest,
                (available, on_call, wrap_up, not_ready),
                counters,
                (sl, short),
                sentiment,
                reasons,
            )| QueueObservation {
                id: QueueId(id.into()),
                name: id.to_uppercase(),
                waiting,
                longest_wait_s: longest,
                agents: AgentCounts {
                    available,
                    // Past u32 together with the others: a sum that must saturate.
                    ringing: available,
                    on_call,
                    wrap_up,
                    not_ready,
                },
                counters,
                sl_threshold_s: sl,
                short_abandon_s: short,
                sentiment: sentiment.map(|(score, samples, negative_share)| SentimentObservation {
                    score,
                    samples,
                    negative_share,
                }),
                reasons: reasons
                    .into_iter()
                    .enumerate()
                    .map(|(i, count)| ReasonCount {
                        reason: format!("reason {i}"),
                        count,
                    })
                    .collect(),
            },
        )
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (
        wild_time(),
        proptest::collection::vec(queue(), 0..4),
        proptest::collection::vec((wild_time(), proptest::option::of(wild_f64())), 0..3),
        proptest::collection::vec(wild_time(), 0..3),
    )
        .prop_map(|(observed_at, queues, talks, waits)| Snapshot {
            platform: PlatformInfo {
                kind: "test".into(),
                name: "hostile".into(),
            },
            observed_at,
            agents: talks
                .iter()
                .enumerate()
                .map(|(i, (since, _))| AgentObservation {
                    id: format!("a{i}"),
                    name: format!("Agent {i}"),
                    site: Some("hq".into()),
                    state: AgentState::OnCall,
                    state_since: Some(*since),
                    queues: vec![QueueId("q1".into())],
                    queue_states: vec![],
                    reason: None,
                })
                .collect(),
            waiting_contacts: waits
                .into_iter()
                .enumerate()
                .map(|(i, since)| WaitingContact {
                    id: format!("c{i}"),
                    queue: QueueId("q1".into()),
                    waiting_since: since,
                    tags: vec![],
                    reason: None,
                    caller: None,
                })
                .collect(),
            interactions: talks
                .into_iter()
                .enumerate()
                .map(|(i, (started_at, sentiment))| Interaction {
                    id: format!("i{i}"),
                    queue: QueueId("q1".into()),
                    agent: None,
                    started_at,
                    customer_turn: Some("this is awful".into()),
                    sentiment,
                })
                .collect(),
            queues,
            sites: vec![Site {
                id: "hq".into(),
                name: "HQ".into(),
            }],
        })
}

/// Asks the engine every question the console and `poll --once` ask, and
/// draws every screen at 80×24.
fn look_at_everything(floor: Floor, wall_now: Timestamp) {
    let _ = floor.health(wall_now);
    let _ = floor.pareto();
    for window in [Window::Interval, Window::Rolling60, Window::Day] {
        let _ = floor.totals(window);
        for view in floor.queues() {
            let _ = (view.figures(window), view.need(), view.status(window));
        }
    }
    let ids: Vec<QueueId> = floor.queues().map(|v| v.observation.id.clone()).collect();
    for view in floor.queues() {
        let _ = (view.occupancy(), view.sl_trend());
        let _ = (view.waiting_trend(), view.pareto(), view.sentiment_trend());
        let _ = (view.interactions(), view.waiting_contacts());
    }
    if let Some(wire) = SnapshotV1::from_floor(&floor) {
        let _ = serde_json::to_string(&wire).unwrap();
    }
    let mut state = AppState::new(floor, wall_now, 0);
    state.rules = RuleEngine::new(default_rules());
    state.rules.evaluate(&state.floor, wall_now);
    let mut screens = vec![
        Screen::Wallboard,
        Screen::Alerts { selected: 0 },
        Screen::Reasons { queue: None },
        Screen::Sites,
    ];
    for id in ids {
        screens.push(Screen::QueueDetail {
            queue: id.clone(),
            scroll: 0,
        });
        screens.push(Screen::Reasons { queue: Some(id) });
    }
    let theme = theme("default", ColorLevel::Ansi16);
    for screen in screens {
        state.view.screen = screen;
        render(&state, &theme, 80, 24);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The engine is total: whatever numbers reach it (past the adapters'
    /// checks or not), no lookup and no screen panics.
    #[test]
    fn no_number_crashes_the_engine_or_the_screens(
        snapshots in proptest::collection::vec((snapshot(), wild_time()), 1..4),
        wall_now in wild_time(),
    ) {
        let mut floor = Floor::new(EngineSettings::default());
        for (snapshot, received_at) in snapshots {
            floor.observe(snapshot, received_at);
        }
        look_at_everything(floor, wall_now);
    }
}

/// The crash of the issue: a negative threshold reached `Duration::from_secs_f64`.
#[test]
fn a_negative_threshold_does_not_crash_the_staffing_figures() {
    let t0 = Timestamp::from_secs(T0);
    let mut floor = Floor::new(EngineSettings::default());
    for minute in 0..12u64 {
        let at = t0.plus(Duration::from_secs(minute * 60));
        let mut snapshot = super::floor_fixture::snapshot(at, minute + 1);
        for queue in &mut snapshot.queues {
            queue.sl_threshold_s = Some(-5.0);
        }
        floor.observe(snapshot, at);
    }
    let now = t0.plus(Duration::from_secs(11 * 60));
    look_at_everything(floor, now);
}

/// A snapshot in the contract, observed now, with one queue whose fields
/// `hostile` may overwrite (`"sl_threshold_s": -5`).
pub fn snapshot_body(observed_at: &str, hostile: serde_json::Value) -> String {
    let mut queue = serde_json::json!({
        "id": "billing", "name": "Billing", "waiting": 2, "longest_wait_s": 31.0,
        "agents": {"available": 1, "on_call": 3, "wrap_up": 0, "not_ready": 1},
        "counters_since": null, "offered": 10, "answered": 8, "answered_in_sl": 6,
        "abandoned": 1, "abandoned_in_sl": 0, "sl_threshold_s": 20.0, "service_level": null,
        "sl_formula": "answered-and-late-abandons", "asa_s": null, "aht_s": null,
        "abandon_rate": null, "sentiment": null
    });
    let mut queues = vec![];
    if let serde_json::Value::Object(fields) = hostile {
        for (key, value) in fields {
            if key == "duplicate" {
                queues.push(queue.clone());
            } else {
                queue[key] = value;
            }
        }
    }
    queues.push(queue);
    serde_json::json!({
        "schema": "floorwatch.snapshot.v1",
        "platform": {"kind": "http", "name": "lab PBX"},
        "observed_at": observed_at,
        "queues": queues,
    })
    .to_string()
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn checked_http(base: &str) -> Box<dyn floorwatch::platform::Platform> {
    use floorwatch::platform::checked::Checked;
    use floorwatch::platform::http::HttpPlatform;
    use floorwatch::platform::transport::Transport;
    Box::new(Checked::new(Box::new(HttpPlatform::new(
        Transport::new(super::faults::test_transport()).unwrap(),
        reqwest::Url::parse(base).unwrap(),
        None,
        None,
    ))))
}

/// Each hostile figure of the http contract is refused with its field named.
#[tokio::test]
async fn hostile_numbers_in_the_http_contract_are_garbage_named_by_field() {
    use super::fake::{FakeServer, Reply};
    use serde_json::json;
    let cases = [
        (
            json!({"sl_threshold_s": -5}),
            "queues[billing].sl_threshold_s = -5",
        ),
        (
            json!({"sl_threshold_s": 0}),
            "queues[billing].sl_threshold_s = 0",
        ),
        (
            json!({"longest_wait_s": -3}),
            "queues[billing].longest_wait_s = -3",
        ),
        (
            json!({"longest_wait_s": 1e20}),
            "queues[billing].longest_wait_s = 1e20",
        ),
        (
            json!({"answered_wait_s": 1e308}),
            "queues[billing].answered_wait_s",
        ),
        (
            json!({"handle_time_s": -1.5, "handled": 3}),
            "queues[billing].handle_time_s = -1.5",
        ),
        (
            json!({"service_level": 1.5}),
            "queues[billing].service_level = 1.5",
        ),
        (
            json!({"abandon_rate": -0.1}),
            "queues[billing].abandon_rate = -0.1",
        ),
        (
            json!({"sentiment": {"score": 3.0, "samples": 2, "negative_share": 0.5}}),
            "queues[billing].sentiment.score = 3",
        ),
        (
            json!({"duplicate": true}),
            "queues[billing] = a second queue",
        ),
        (json!({"waiting": 1e20}), "queues[0].waiting"),
        // One more than u64::MAX, written into the body below.
        (json!({"offered": "u64::MAX + 1"}), "queues[0].offered"),
    ];
    for (hostile, named) in cases {
        let body = snapshot_body(&now_rfc3339(), hostile.clone())
            .replace("\"u64::MAX + 1\"", "18446744073709551616");
        let server = FakeServer::start(move |_| Reply::json(&body)).await;
        let error = checked_http(&server.url()).poll().await.unwrap_err();
        super::faults::check(
            &error,
            PlatformCondition::Garbage,
            named,
            &hostile.to_string(),
        );
    }
}

/// The console's counters cannot wrap: a platform's u32::MAX waiting in two
/// queues adds up to u32::MAX, not to 4,294,967,294 fewer.
#[test]
fn totals_across_queues_saturate_instead_of_wrapping() {
    let t0 = Timestamp::from_secs(T0);
    let mut snapshot = super::floor_fixture::snapshot(t0, 1);
    for queue in &mut snapshot.queues {
        queue.waiting = u32::MAX;
        queue.agents.available = u32::MAX;
    }
    snapshot.agents.clear();
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(snapshot, t0);
    let totals = floor.totals(Window::Interval);
    assert_eq!(totals.waiting, u32::MAX);
    assert_eq!(totals.agents.available, u32::MAX);
}

/// `poll --once` against a platform answering a negative threshold: a clean
/// exit that names the field, never a panic.
#[tokio::test]
async fn poll_once_names_a_hostile_figure_and_exits_cleanly() {
    use super::fake::{FakeServer, Reply};
    let body = snapshot_body(&now_rfc3339(), serde_json::json!({"sl_threshold_s": -5}));
    let server = FakeServer::start(move |_| Reply::json(&body)).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("floorwatch.toml");
    std::fs::write(
        &config,
        format!("[platform]\nkind = \"http\"\nurl = \"{}\"\n", server.url()),
    )
    .unwrap();
    let output = tokio::task::spawn_blocking(move || {
        super::cli::floorwatch()
            .args(["poll", "--once", "--json", "--config"])
            .arg(&config)
            .env_remove("FLOORWATCH_CONFIG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("platform answered garbage")
            && stderr.contains("queues[billing].sl_threshold_s = -5: must be > 0 s"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "nothing printed as if it were figures"
    );
}

/// An Asterisk that logs anyone in and answers QueueStatus with one queue
/// whose QueueParams carry `params` (`Key: value` lines).
async fn asterisk_answering(params: &str) -> super::fake::FakeServer {
    use super::fake::{FakeServer, Reply};
    let status = format!(
        "Response: Success\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n\
         Event: QueueParams\r\nQueue: billing\r\nMax: 0\r\nStrategy: ringall\r\nHoldtime: 10\r\n\
         TalkTime: 25\r\nWeight: 0\r\n{params}\r\n\
         Event: QueueStatusComplete\r\nEventList: Complete\r\nListItems: 1\r\n\r\n"
    );
    FakeServer::start(move |request| {
        let cookie = [(
            "Set-Cookie",
            "mansession_id=\"0badcafe\"; Version=1; Max-Age=60",
        )];
        if request.param("action").as_deref() == Some("Login") {
            Reply::status(
                200,
                "OK",
                &cookie,
                "Response: Success\r\nMessage: Authentication accepted\r\n\r\n",
            )
        } else {
            Reply::status(200, "OK", &cookie, status.as_str())
        }
    })
    .await
}

fn checked_asterisk(base: &str) -> Box<dyn floorwatch::platform::Platform> {
    use floorwatch::platform::asterisk::{AsteriskPlatform, AsteriskSettings};
    use floorwatch::platform::checked::Checked;
    use floorwatch::platform::secret::Secret;
    use floorwatch::platform::transport::Transport;
    Box::new(Checked::new(Box::new(AsteriskPlatform::new(
        Transport::new(super::faults::test_transport()).unwrap(),
        AsteriskSettings {
            url: reqwest::Url::parse(base).unwrap(),
            username: "wallboard".into(),
            secret: Secret::new("x"),
            queues: vec![],
            wrapup_time: Duration::ZERO,
        },
    ))))
}

fn params(
    calls: &str,
    completed: &str,
    abandoned: &str,
    level: &str,
    perf: &str,
    perf2: &str,
) -> String {
    format!(
        "Calls: {calls}\r\nCompleted: {completed}\r\nAbandoned: {abandoned}\r\nServiceLevel: {level}\r\n\
         ServicelevelPerf: {perf}\r\nServicelevelPerf2: {perf2}\r\n"
    )
}

/// Asterisk's QueueParams with numbers no Asterisk prints: each is garbage
/// naming the key, never a panic and never a made-up 0 % or 100 %.
#[tokio::test]
async fn hostile_asterisk_queue_params_are_garbage_named_by_key() {
    let max = u64::MAX.to_string();
    let cases = [
        (
            params("2", "4", "3", "20", "nan", "42.9"),
            "ServicelevelPerf = NaN is not a percentage",
        ),
        (
            params("2", "4", "3", "20", "150", "42.9"),
            "ServicelevelPerf = 150 is not a percentage",
        ),
        (
            params("2", "4", "3", "20", "50", "-1"),
            "ServicelevelPerf2 = -1 is not a percentage",
        ),
        (
            params("2", "4", "3", "20", "inf", "42.9"),
            "ServicelevelPerf = inf is not a percentage",
        ),
        (
            params("2", "4", "3", "-5", "50", "42.9"),
            "ServiceLevel = -5 is not 0 or more seconds",
        ),
        (
            params("2", "4", "3", "1e20", "50", "42.9"),
            "sl_threshold_s = 1e20",
        ),
        (
            params("-1", "4", "3", "20", "50", "42.9"),
            "Calls = \"-1\" is not a number",
        ),
        (
            params("4294967296", "4", "3", "20", "50", "42.9"),
            "Calls = \"4294967296\"",
        ),
        (
            params("2", &max, "1", "20", "50", "42.9"),
            "Completed + Abandoned is more than can be counted",
        ),
        (
            params("2", "18446744073709551616", "1", "20", "50", "42.9"),
            "Completed",
        ),
    ];
    for (params, named) in cases {
        let server = asterisk_answering(&params).await;
        let error = checked_asterisk(&server.url()).poll().await.unwrap_err();
        super::faults::check(&error, PlatformCondition::Garbage, named, &params);
    }
}

/// `ServiceLevel: 0` is Asterisk's default: no threshold was set, so nothing
/// was counted against one. The service level is unknown (`—`), not 0 %.
#[tokio::test]
async fn an_asterisk_queue_without_a_threshold_has_no_service_level() {
    let server = asterisk_answering(&params("2", "4", "3", "0", "0.0", "0.0")).await;
    let snapshot = checked_asterisk(&server.url()).poll().await.unwrap();
    let queue = &snapshot.queues[0];
    assert_eq!(queue.sl_threshold_s, None);
    assert_eq!(queue.counters.answered_in_sl, None);
    assert_eq!(queue.counters.answered, Some(4), "the other counts stay");
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(snapshot.clone(), snapshot.observed_at);
    let view = floor.queues().next().unwrap();
    assert_eq!(view.figures(Window::Day).service_level, None);
}

fn counted_queue(id: &str, since: i64, offered: u64) -> QueueObservation {
    QueueObservation {
        id: QueueId(id.into()),
        name: id.into(),
        waiting: 0,
        longest_wait_s: Some(0.0),
        agents: AgentCounts::default(),
        counters: QueueCounters {
            since: Some(Timestamp::from_secs(since)),
            offered: Some(offered),
            ..QueueCounters::default()
        },
        sl_threshold_s: Some(20.0),
        short_abandon_s: None,
        sentiment: None,
        reasons: vec![],
    }
}

fn floor_of(readings: &[(i64, Vec<QueueObservation>)]) -> Floor {
    let mut floor = Floor::new(EngineSettings::default());
    for (at, queues) in readings {
        let at = Timestamp::from_secs(*at);
        let snapshot = Snapshot {
            platform: PlatformInfo {
                kind: "test".into(),
                name: "test".into(),
            },
            observed_at: at,
            queues: queues.clone(),
            agents: vec![],
            waiting_contacts: vec![],
            interactions: vec![],
            sites: vec![],
        };
        floor.observe(snapshot, at);
    }
    floor
}

fn offered_this_hour(floor: &Floor) -> Option<u64> {
    floor
        .queues()
        .next()?
        .figures(Window::Rolling60)
        .tally
        .offered
}

/// Two counting windows taking turns (two nodes, each counting the same calls
/// since its own start): each switch back is not a reset, and nothing is
/// counted twice.
#[test]
fn counters_whose_since_flips_back_and_forth_are_never_double_counted() {
    let (a, b) = (T0 - 7200, T0 - 60);
    let t = |s: i64| T0 + s;
    let readings: Vec<(i64, Vec<QueueObservation>)> = vec![
        (t(0), vec![counted_queue("q", a, 100)]),
        // A newer window that began before our last reading: its 5 may be
        // calls `a` counted already, so nothing is credited for the switch.
        (t(10), vec![counted_queue("q", b, 5)]),
        (t(20), vec![counted_queue("q", a, 101)]),
        (t(30), vec![counted_queue("q", b, 6)]),
        (t(40), vec![counted_queue("q", a, 102)]),
        (t(50), vec![counted_queue("q", b, 7)]),
    ];
    let floor = floor_of(&readings);
    assert_eq!(
        offered_this_hour(&floor),
        Some(2),
        "the newer window's growth (5 → 7), not 7 + 100 + 101 + … credited at every flip"
    );
}

/// When the older window is the one that goes on, counting follows it again
/// after a few readings, crediting nothing for the switch itself.
#[test]
fn an_older_counting_window_that_goes_on_is_followed_again() {
    let (a, b) = (T0 - 7200, T0 - 60);
    let t = |s: i64| T0 + s;
    let mut readings = vec![
        (t(0), vec![counted_queue("q", a, 100)]),
        (t(10), vec![counted_queue("q", b, 5)]),
    ];
    for (i, offered) in (101..=106).enumerate() {
        readings.push((t(20 + 10 * i as i64), vec![counted_queue("q", a, offered)]));
    }
    let floor = floor_of(&readings);
    // Nothing from the glitch (its window began before our last reading),
    // then the three readings that settle it are skipped (103 becomes the
    // base), then 104, 105, 106: 3.
    assert_eq!(offered_this_hour(&floor), Some(3));
}

/// A queue listed twice in one answer is credited once.
#[test]
fn a_queue_listed_twice_is_counted_once() {
    let t = |s: i64| T0 + s;
    let since = T0 - 600;
    let floor = floor_of(&[
        (t(0), vec![counted_queue("q", since, 10)]),
        (
            t(10),
            vec![counted_queue("q", since, 14), counted_queue("q", since, 14)],
        ),
    ]);
    assert_eq!(offered_this_hour(&floor), Some(4));
    assert_eq!(floor.queues().count(), 1);
}

// The platform's clock, checked against ours.

fn floor_snapshot(at: Timestamp, scale: u64) -> Snapshot {
    super::floor_fixture::snapshot(at, scale)
}

/// Every figure the windows give for every queue, to compare two floors by.
fn all_figures(floor: &Floor) -> Vec<String> {
    let mut out = vec![];
    for window in [Window::Interval, Window::Rolling60, Window::Day] {
        out.push(format!("{:?}", floor.totals(window).figures));
        for view in floor.queues() {
            out.push(format!("{:?}", view.figures(window)));
        }
    }
    out
}

/// One answer stamped an hour ahead is held back and said so; once the
/// platform is right again, every window is as if it had never come.
#[test]
fn a_single_future_snapshot_does_not_poison_the_windows() {
    use floorwatch::engine::{ClockFault, Health};
    let t0 = Timestamp::from_secs(T0);
    let at = |s: u64| t0.plus(Duration::from_secs(s));
    let mut honest = Floor::new(EngineSettings::default());
    let mut poisoned = Floor::new(EngineSettings::default());
    for floor in [&mut honest, &mut poisoned] {
        floor.observe(floor_snapshot(at(0), 1), at(0));
    }
    // 1 h 02 min ahead, with counts an hour on.
    poisoned.observe(floor_snapshot(at(3720 + 2), 3), at(2));
    assert_eq!(
        poisoned.health(at(3)),
        Health::ClockOff {
            since: Some(at(0)),
            fault: ClockFault::Ahead {
                by: Duration::from_secs(3720)
            }
        }
    );
    assert_eq!(
        poisoned.platform_time(),
        Some(at(0)),
        "the figures shown stay"
    );
    for floor in [&mut honest, &mut poisoned] {
        floor.observe(floor_snapshot(at(60), 2), at(60));
        floor.observe(floor_snapshot(at(120), 2), at(120));
    }
    assert_eq!(poisoned.health(at(121)), Health::Live);
    assert_eq!(all_figures(&poisoned), all_figures(&honest));
}

/// An answer stamped well before the figures already shown is held back.
#[test]
fn a_snapshot_behind_the_previous_one_is_held_back() {
    use floorwatch::engine::{ClockFault, Health};
    let t0 = Timestamp::from_secs(T0);
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(floor_snapshot(t0, 1), t0);
    let later = t0.plus(Duration::from_secs(30));
    // A stale copy from ten minutes before (a cache, another node).
    floor.observe(floor_snapshot(t0.minus(Duration::from_secs(570)), 1), later);
    assert!(matches!(
        floor.health(later),
        Health::ClockOff {
            fault: ClockFault::WentBack { .. },
            ..
        }
    ));
    assert_eq!(floor.platform_time(), Some(t0));
}

/// Figures stamped five minutes behind our clock are taken, but not live.
#[test]
fn a_platform_behind_our_clock_is_not_live() {
    use floorwatch::engine::{ClockFault, Health};
    let t0 = Timestamp::from_secs(T0);
    let mut floor = Floor::new(EngineSettings::default());
    let received = t0.plus(Duration::from_secs(300));
    floor.observe(floor_snapshot(t0, 1), received);
    assert_eq!(floor.platform_time(), Some(t0));
    assert_eq!(
        floor.health(received),
        Health::ClockOff {
            since: Some(received),
            fault: ClockFault::Behind {
                by: Duration::from_secs(300)
            }
        }
    );
}

/// The same time in every answer while ours runs: the platform serves the
/// same figures again, and after `stale_after` they are not live.
#[test]
fn a_frozen_platform_clock_is_not_live() {
    use floorwatch::engine::{ClockFault, Health};
    let t0 = Timestamp::from_secs(T0);
    let mut floor = Floor::new(EngineSettings::default());
    for s in (0..=20).step_by(2) {
        floor.observe(floor_snapshot(t0, 1), t0.plus(Duration::from_secs(s)));
    }
    let now = t0.plus(Duration::from_secs(20));
    assert_eq!(
        floor.health(now),
        Health::ClockOff {
            since: Some(now),
            fault: ClockFault::Stopped {
                for_: Duration::from_secs(20)
            }
        },
        "stale after 15 s by default"
    );
    floor.observe(floor_snapshot(now, 1), now.plus(Duration::from_secs(1)));
    assert_eq!(floor.health(now.plus(Duration::from_secs(1))), Health::Live);
}

/// The header says `? CLOCK` with the skew, and the banner what is held, at 80×24.
#[test]
fn the_header_says_clock_with_the_skew() {
    let t0 = Timestamp::from_secs(T0);
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(floor_snapshot(t0, 1), t0);
    let now = t0.plus(Duration::from_secs(2));
    floor.observe(floor_snapshot(now.plus(Duration::from_secs(3720)), 2), now);
    let state = AppState::new(floor, now, 0);
    let screen = super::view::text(&render(
        &state,
        &theme("default", ColorLevel::Ansi16),
        80,
        24,
    ));
    assert!(screen.contains("? CLOCK +1h02m"), "{screen}");
    assert!(
        screen.contains("CLOCK platform clock 1h02m ahead of ours: figures held since 10:07:00"),
        "{screen}"
    );
    assert!(!screen.contains("● LIVE"), "{screen}");
}

/// `poll --once` prints what the platform answered, and says on stderr that
/// the console would hold back figures stamped an hour ahead.
#[tokio::test]
async fn poll_once_warns_of_a_platform_clock_an_hour_ahead() {
    use super::fake::{FakeServer, Reply};
    let ahead = chrono::Utc::now() + chrono::Duration::seconds(3750);
    let at = ahead.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let body = snapshot_body(&at, serde_json::json!({}));
    let server = FakeServer::start(move |_| Reply::json(&body)).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("floorwatch.toml");
    std::fs::write(
        &config,
        format!("[platform]\nkind = \"http\"\nurl = \"{}\"\n", server.url()),
    )
    .unwrap();
    let output = tokio::task::spawn_blocking(move || {
        super::cli::floorwatch()
            .args(["poll", "--once", "--json", "--config"])
            .arg(&config)
            .env_remove("FLOORWATCH_CONFIG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: CLOCK platform clock 1h02m ahead of ours"),
        "{stderr}"
    );
}
