//! What a tester saw on a live Asterisk 23.4.1 with real SIP calls, replayed
//! against a raw HTTP server on 127.0.0.1 that serves the team's captures
//! (edited only for a moment the captures lack), through the adapter, the
//! views at 80×24 and the real binary.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::Duration;

use floorwatch::app::{AppState, Screen};
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::{PollFailure, QueueId, Snapshot, Timestamp};
use floorwatch::platform::Platform;
use floorwatch::platform::asterisk::{AsteriskPlatform, AsteriskSettings};
use floorwatch::platform::secret::Secret;
use floorwatch::platform::transport::Transport;
use floorwatch::platform::wire::SnapshotV1;
use floorwatch::ui::theme::ColorLevel;
use reqwest::Url;
use serde_json::Value;

use super::fake::{FakeServer, Reply, Request};
use super::faults::test_transport;
use super::shared;
use super::view::{render, text, theme};

const USER: &str = "wallboard";
const SECRET: &str = "wb-readonly";
const SECRET_ENV: &str = "FLOORWATCH_TEST_PBX_SECRET";

/// The body of a captured response (after the first blank line).
fn body(dir: &Path, name: &str) -> String {
    let bytes = std::fs::read_to_string(dir.join(name)).unwrap();
    let (_, body) = bytes.split_once("\r\n\r\n").unwrap();
    body.to_owned()
}

/// A rawman answer as Asterisk sends it: HTTP 200, its clock, a session cookie.
fn rawman(body: &str) -> Reply {
    Reply::status(
        200,
        "OK",
        &[
            ("Server", "Asterisk/23.4.1"),
            ("Date", "Sun, 22 Nov 2026 23:38:09 GMT"),
            ("Content-type", "text/plain"),
            (
                "Set-Cookie",
                "mansession_id=\"5f3c9a1e\"; Version=1; Max-Age=60",
            ),
        ],
        body,
    )
}

/// The member block of `name` in `queue`, as QueueStatus prints it.
fn member_block(queue: &str, name: &str, location: &str, status: u8, paused: &str) -> String {
    let (paused, reason) = if paused.is_empty() {
        ("0", "")
    } else {
        ("1", paused)
    };
    format!(
        "Event: QueueMember\r\nQueue: {queue}\r\nName: {name}\r\nLocation: {location}\r\n\
         StateInterface: {location}\r\nMembership: dynamic\r\nPenalty: 0\r\nCallsTaken: 0\r\n\
         LastCall: 0\r\nLastPause: 1795390686\r\nLoginTime: 1795390676\r\nInCall: 0\r\n\
         Status: {status}\r\nPaused: {paused}\r\nPausedReason: {reason}\r\nWrapuptime: 0\r\n\r\n"
    )
}

/// The idle capture's QueueStatus, edited by `edit`.
fn idle_queue_status(dir: &Path, edit: impl Fn(String) -> String) -> String {
    edit(body(dir, "rawman_queuestatus_idle.txt"))
}

/// A fake Asterisk whose QueueStatus answer is `status`; a login with any
/// other secret gets the captured "Authentication failed".
async fn pbx(dir: &Path, status: String) -> FakeServer {
    let login_ok = body(dir, "rawman_login_ok.txt");
    let bad_pass = body(dir, "rawman_login_badpass.txt");
    FakeServer::start(move |r: &Request| {
        if r.path() != "/rawman" {
            return Reply::status(404, "Not Found", &[], "");
        }
        match r.param("action").as_deref() {
            Some("Login") if r.param("secret").as_deref() == Some(SECRET) => rawman(&login_ok),
            Some("Login") => rawman(&bad_pass),
            _ => rawman(&status),
        }
    })
    .await
}

fn adapter(url: &str, secret: &str) -> AsteriskPlatform {
    AsteriskPlatform::new(
        Transport::new(test_transport()).unwrap(),
        AsteriskSettings {
            url: Url::parse(url).unwrap(),
            username: USER.into(),
            secret: Secret::new(secret),
            queues: Vec::new(),
            wrapup_time: Duration::ZERO,
        },
    )
}

/// The console's state after one good poll, showing one queue's detail.
fn detail_of(snapshot: Snapshot, queue: &str) -> AppState {
    let now = snapshot.observed_at;
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(snapshot, now);
    let mut state = AppState::new(floor, now, 0);
    state.view.screen = Screen::QueueDetail {
        queue: QueueId(queue.into()),
        scroll: 0,
    };
    state
}

fn screen_80x24(state: &AppState) -> String {
    text(&render(
        state,
        &theme("default", ColorLevel::Ansi16),
        80,
        24,
    ))
}

/// The line of the screen that names `who`.
fn line_of<'a>(screen: &'a str, who: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(who))
        .unwrap_or_else(|| panic!("{who} is not on the screen:\n{screen}"))
}

// ---- through the real binary -------------------------------------------------

fn floorwatch(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floorwatch"))
        .args(args)
        .env("XDG_STATE_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env(SECRET_ENV, SECRET)
        .env_remove("FLOORWATCH_CONFIG")
        .output()
        .unwrap()
}

fn config_file(dir: &Path, text: &str) -> String {
    let path = dir.join("floorwatch.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn asterisk_config(url: &str) -> String {
    format!(
        "[platform]\nkind = \"asterisk\"\nurl = \"{url}\"\nusername = \"{USER}\"\nsecret_env = \"{SECRET_ENV}\"\n"
    )
}

#[test]
fn poll_once_says_a_404_is_not_found_at_this_url() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(FakeServer::start(|_| {
        Reply::status(404, "Not Found", &[], "<html>no such page</html>")
    }));
    let home = tempfile::tempdir().unwrap();
    for config in [
        asterisk_config(&format!("{}/asterisk", server.url())),
        format!(
            "[platform]\nkind = \"http\"\nurl = \"{}/snapshot\"\n",
            server.url()
        ),
    ] {
        let path = config_file(home.path(), &config);
        let output = floorwatch(&["poll", "--once", "--config", &path], home.path());
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("not found at this URL")
                && stderr.contains(&server.addr.to_string())
                && !stderr.contains("garbage"),
            "{stderr}"
        );
    }
}

// ---- the header at 80×24 -----------------------------------------------------

/// The screen's text with the header's lines joined, as a person reads a wrapped line.
fn joined(screen: &str) -> String {
    screen.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_stale_cause_fits_at_80_columns_in_full() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    let server = pbx(&dir, body(&dir, "rawman_queuestatus_busy.txt")).await;
    let permission_denied = pbx(&dir, body(&dir, "rawman_permission_denied_wallboard.txt")).await;
    let not_found = FakeServer::start(|_| Reply::status(404, "Not Found", &[], "")).await;
    let snapshot = adapter(&server.url(), SECRET).poll().await.unwrap();
    // Asterisk's real long answers, as the adapter words them.
    let failures: Vec<PollFailure> = [
        adapter(&server.url(), "not-the-password").poll().await,
        adapter(&permission_denied.url(), SECRET).poll().await,
        adapter(&format!("{}/asterisk", not_found.url()), SECRET)
            .poll()
            .await,
    ]
    .into_iter()
    .map(|r| r.unwrap_err().to_failure())
    .collect();
    for failure in failures {
        let mut state = detail_of(snapshot.clone(), "support");
        state.view.screen = Screen::Wallboard;
        let failed_at = snapshot.observed_at.plus(Duration::from_secs(5));
        state.floor.observe_failure(failed_at, failure.clone());
        state.wall_now = failed_at;
        let screen = screen_80x24(&state);
        assert!(
            joined(&screen).contains(&failure.detail),
            "the whole cause is on screen at 80×24:\n{}\n{screen}",
            failure.detail
        );
        assert!(screen.lines().all(|l| l.chars().count() <= 80), "{screen}");
        assert!(screen.contains("? STALE"), "{screen}");
    }
}

#[tokio::test]
async fn rejected_credentials_are_said_never_connecting() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    let server = pbx(&dir, body(&dir, "rawman_queuestatus_busy.txt")).await;
    let unauthorized = FakeServer::start(|_| Reply::status(401, "Unauthorized", &[], "")).await;
    let failures = [
        adapter(&server.url(), "not-the-password").poll().await,
        adapter(&unauthorized.url(), SECRET).poll().await,
    ];
    for failure in failures {
        let failure = failure.unwrap_err().to_failure();
        let now = Timestamp::from_secs(1_795_390_689);
        let mut state = AppState::new(Floor::new(EngineSettings::default()), now, 0);
        state.platform_label = "asterisk · 127.0.0.1".into();
        state.floor.observe_failure(now, failure.clone());
        let screen = screen_80x24(&state);
        let header = screen.lines().next().unwrap();
        assert!(
            !screen.contains("CONNECTING") && header.contains("REJECTED"),
            "{}\n{screen}",
            failure.detail
        );
    }
}

/// Keeps a tokio runtime's server alive for a test that is not async itself.
pub struct Serving {
    pub _runtime: tokio::runtime::Runtime,
    pub server: FakeServer,
}

/// A fake Asterisk for the console in tmux: `secret` is what it accepts.
pub fn serve_pbx(answer: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Serving {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let answer = Arc::new(answer);
    let server = runtime.block_on(FakeServer::start(move |r| answer(r)));
    Serving {
        _runtime: runtime,
        server,
    }
}

/// The captured answers of a PBX that refuses our login, and one that lets
/// us in but not run QueueStatus.
pub fn refusing_pbx(dir: &Path, permission_denied: bool) -> Serving {
    let login_ok = body(dir, "rawman_login_ok.txt");
    let bad_pass = body(dir, "rawman_login_badpass.txt");
    let denied = body(dir, "rawman_permission_denied_wallboard.txt");
    serve_pbx(move |r| match r.param("action").as_deref() {
        Some("Login") if permission_denied => rawman(&login_ok),
        Some("Login") => rawman(&bad_pass),
        _ => rawman(&denied),
    })
}

pub fn pbx_config(url: &str) -> String {
    format!("{}poll_interval = \"1s\"\n", asterisk_config(url))
}

pub const PBX_SECRET_ENV: (&str, &str) = (SECRET_ENV, SECRET);

// ---- agents per queue, and ringing ------------------------------------------

#[tokio::test]
async fn an_agent_paused_in_one_queue_is_not_ready_there_and_available_in_the_other() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    // Alice, free in support, is paused for training in billing, which
    // Asterisk lists first: her billing pause must not follow her into support.
    let status = idle_queue_status(&dir, |body| {
        let billing_member = "Event: QueueMember\r\nQueue: billing\r\n";
        body.replacen(
            billing_member,
            &format!(
                "{}{billing_member}",
                member_block("billing", "Alice Agent", "PJSIP/agent1", 1, "Training")
            ),
            1,
        )
        .replace("ListItems: 9\r\n", "ListItems: 10\r\n")
    });
    let server = pbx(&dir, status).await;
    let snapshot = adapter(&server.url(), SECRET).poll().await.unwrap();
    let queue = |name: &str| snapshot.queues.iter().find(|q| q.name == name).unwrap();
    assert_eq!(
        (
            queue("support").agents.available,
            queue("support").agents.not_ready
        ),
        (2, 2),
        "support: Alice and Bob free; Carol and Grace paused"
    );
    assert_eq!(
        (
            queue("billing").agents.available,
            queue("billing").agents.not_ready
        ),
        (1, 2),
        "billing: Erin free; Frank and Alice paused"
    );

    // The snapshot contract carries the per-queue state (`poll --once --json`, `sim serve`).
    let wire = serde_json::to_string(&SnapshotV1::from_model(&snapshot)).unwrap();
    let back: SnapshotV1 = serde_json::from_str(&wire).unwrap();
    assert_eq!(back.into_model().unwrap(), snapshot, "{wire}");

    let support = screen_80x24(&detail_of(snapshot.clone(), "support"));
    let alice = line_of(&support, "Alice Agent");
    assert!(
        alice.contains("● Available") && !alice.contains("Not ready"),
        "in support Alice is free:\n{support}"
    );
    let billing = screen_80x24(&detail_of(snapshot, "billing"));
    let alice = line_of(&billing, "Alice Agent");
    assert!(
        alice.contains("○ Not ready") && alice.contains("Trai"),
        "in billing Alice is paused, with the pause's reason:\n{billing}"
    );
}

#[tokio::test]
async fn a_ringing_agent_is_ringing_not_on_call() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    // Bob's phone rings (device state 6, RINGING): offered a call, not on one.
    let status = idle_queue_status(&dir, |body| {
        body.replacen(
            "Name: Bob Agent\r\nLocation: PJSIP/agent2\r\nStateInterface: PJSIP/agent2\r\n\
             Membership: static\r\nPenalty: 0\r\nCallsTaken: 0\r\nLastCall: 0\r\nLastPause: 0\r\n\
             LoginTime: 1795390676\r\nInCall: 0\r\nStatus: 1\r\n",
            "Name: Bob Agent\r\nLocation: PJSIP/agent2\r\nStateInterface: PJSIP/agent2\r\n\
             Membership: static\r\nPenalty: 0\r\nCallsTaken: 0\r\nLastCall: 0\r\nLastPause: 0\r\n\
             LoginTime: 1795390676\r\nInCall: 0\r\nStatus: 6\r\n",
            1,
        )
    });
    assert!(status.contains("Status: 6"), "the edit found Bob");
    let server = pbx(&dir, status).await;
    let snapshot = adapter(&server.url(), SECRET).poll().await.unwrap();
    let support = snapshot
        .queues
        .iter()
        .find(|q| q.name == "support")
        .unwrap();
    assert_eq!(support.agents.on_call, 0, "nobody talks yet");
    assert_eq!(
        support.agents.available, 1,
        "only Alice can be offered the next call (QueueSummary's Available)"
    );
    assert_eq!(support.agents.logged_in(), 4, "Bob is still logged in");

    let wire = serde_json::to_string(&SnapshotV1::from_model(&snapshot)).unwrap();
    let back: SnapshotV1 = serde_json::from_str(&wire).unwrap();
    assert_eq!(back.into_model().unwrap(), snapshot, "{wire}");

    let screen = screen_80x24(&detail_of(snapshot, "support"));
    let bob = line_of(&screen, "Bob Agent");
    assert!(
        bob.contains("Ringing") && !bob.contains("On call"),
        "Bob's line says ringing:\n{screen}"
    );
    assert!(
        !line_of(&screen, "Now:").contains("on call 1"),
        "the counts agree with the list:\n{screen}"
    );
}

// ---- poll --sl-formula and check-config, through the real binary -----------

#[test]
fn poll_once_honours_sl_formula() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(pbx(&dir, body(&dir, "rawman_queuestatus_busy.txt")));
    let home = tempfile::tempdir().unwrap();
    let config = config_file(home.path(), &asterisk_config(&server.url()));
    let json = |formula: &str| -> Value {
        let output = floorwatch(
            &[
                "poll",
                "--once",
                "--json",
                "--sl-formula",
                formula,
                "--config",
                &config,
            ],
            home.path(),
        );
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let support = |snapshot: &Value| -> Value {
        snapshot["queues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["name"] == "support")
            .unwrap()
            .clone()
    };
    // support: 4 completed (2 within 20 s), 3 abandoned (1 within 20 s).
    let answered_only = support(&json("answered-only"));
    assert_eq!(answered_only["sl_formula"], "answered-only");
    assert_eq!(
        answered_only["service_level"], 0.5,
        "Asterisk's own ServicelevelPerf"
    );
    let removed = support(&json("removed-within-threshold"));
    assert_eq!(removed["sl_formula"], "removed-within-threshold");
    let perf2 = removed["service_level"].as_f64().unwrap();
    assert!(
        (perf2 - 3.0 / 7.0).abs() < 1e-9,
        "Asterisk's ServicelevelPerf2, 42.9 %: {perf2}"
    );

    let table = floorwatch(
        &[
            "poll",
            "--once",
            "--sl-formula",
            "answered-only",
            "--config",
            &config,
        ],
        home.path(),
    );
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("service level = A≤T/A") && !table.contains("A≤T/(A+Ab>T)"),
        "the table names the formula it used:\n{table}"
    );
}

#[test]
fn check_config_says_an_unset_secret_once_with_its_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let config = config_file(
        home.path(),
        "[platform]\nkind = \"asterisk\"\nurl = \"http://127.0.0.1:8088\"\nusername = \"fw\"\nsecret_env = \"FLOORWATCH_TEST_NEVER_SET\"\n",
    );
    let output = floorwatch(&["check-config", &config], home.path());
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("FLOORWATCH_TEST_NEVER_SET").count(),
        1,
        "said once:\n{stderr}"
    );
    assert!(
        stderr.contains(&format!("{config}:5:")) && stderr.contains("is not set"),
        "file:line:column of secret_env:\n{stderr}"
    );
}

#[test]
fn check_config_refuses_credentials_in_the_url_without_asking_for_a_url() {
    let home = tempfile::tempdir().unwrap();
    let config = config_file(
        home.path(),
        &format!(
            "[platform]\nkind = \"asterisk\"\nurl = \"http://user:pw@127.0.0.1:8088/\"\nusername = \"fw\"\nsecret_env = \"{SECRET_ENV}\"\n"
        ),
    );
    let output = floorwatch(&["check-config", &config], home.path());
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{config}:3:")) && stderr.contains("credentials"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("needs \"url\""),
        "the url is there, just refused:\n{stderr}"
    );
    assert!(
        stderr.contains("1 problem(s)") && !stderr.contains(":pw@"),
        "{stderr}"
    );
}

// ---- the same, message by message through `app::update` ------------------------

#[tokio::test]
async fn a_refused_login_then_data_then_a_404_as_the_console_receives_them() {
    use floorwatch::app::{Key, Msg, update};
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    let status = idle_queue_status(&dir, |body| {
        let billing_member = "Event: QueueMember\r\nQueue: billing\r\n";
        body.replacen(
            billing_member,
            &format!(
                "{}{billing_member}",
                member_block("billing", "Alice Agent", "PJSIP/agent1", 1, "Training")
            ),
            1,
        )
        .replace("ListItems: 9\r\n", "ListItems: 10\r\n")
    });
    let server = pbx(&dir, status).await;
    let not_found = FakeServer::start(|_| Reply::status(404, "Not Found", &[], "")).await;
    let refused = adapter(&server.url(), "not-the-password").poll().await;
    let snapshot = adapter(&server.url(), SECRET).poll().await.unwrap();
    let gone = adapter(&format!("{}/asterisk", not_found.url()), SECRET)
        .poll()
        .await;
    let t0 = snapshot.observed_at;

    let mut state = AppState::new(Floor::new(EngineSettings::default()), t0, 0);
    update(
        &mut state,
        Msg::PollFailed {
            at: t0,
            failure: refused.unwrap_err().to_failure(),
        },
    );
    let screen = screen_80x24(&state);
    assert!(
        screen.lines().next().unwrap().contains("✖ REJECTED") && !screen.contains("CONNECTING"),
        "{screen}"
    );

    update(
        &mut state,
        Msg::FloorObserved {
            snapshot,
            at: t0.plus(Duration::from_secs(2)),
        },
    );
    update(&mut state, Msg::Ticked(t0.plus(Duration::from_secs(2))));
    let screen = screen_80x24(&state);
    assert!(
        screen.contains("● LIVE") && !screen.contains("REJECTED"),
        "{screen}"
    );
    // Each queue's detail shows Alice as that queue sees her.
    update(&mut state, Msg::KeyPressed(Key::Enter));
    let Screen::QueueDetail { queue, .. } = &state.view.screen else {
        panic!("Enter opens the selected queue: {:?}", state.view.screen);
    };
    let paused_here = queue.0 == "billing";
    let screen = screen_80x24(&state);
    let alice = line_of(&screen, "Alice Agent");
    assert_eq!(
        alice.contains("Not ready"),
        paused_here,
        "{}:\n{screen}",
        queue.0
    );
    update(&mut state, Msg::KeyPressed(Key::Esc));

    let failure = gone.unwrap_err().to_failure();
    let later = t0.plus(Duration::from_secs(4));
    update(
        &mut state,
        Msg::PollFailed {
            at: later,
            failure: failure.clone(),
        },
    );
    update(&mut state, Msg::Ticked(later));
    let screen = screen_80x24(&state);
    assert!(
        joined(&screen).contains(&failure.detail)
            && failure.detail.contains("not found at this URL"),
        "{screen}"
    );
    assert!(
        screen.contains("nothing found at the platform's URL") && !screen.contains("garbage"),
        "{screen}"
    );
}
