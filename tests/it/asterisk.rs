//! The `asterisk` adapter against a real HTTP server on 127.0.0.1 that serves
//! the team's byte-for-byte Asterisk 23.4.1 captures (`../shared/data/asterisk/`)
//! as Asterisk does: by action, with a session cookie that can expire.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use floorwatch::engine::{SlFormula, Tally};
use floorwatch::model::{AgentState, PlatformCondition, QueueObservation, Snapshot, Timestamp};
use floorwatch::platform::Platform;
use floorwatch::platform::asterisk::{AsteriskPlatform, AsteriskSettings, rawman};
use floorwatch::platform::secret::Secret;
use floorwatch::platform::transport::Transport;
use reqwest::Url;

use super::fake::{FakeServer, Reply, Request};
use super::faults::{check, check_matrix, standard_faults, test_transport};
use super::shared;

pub const USER: &str = "wallboard";
pub const SECRET: &str = "wb-readonly";

/// One captured HTTP response: its header lines (without the status line) and body.
struct Capture {
    headers: Vec<String>,
    body: Vec<u8>,
}

fn capture(dir: &Path, name: &str) -> Capture {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    Capture {
        headers: head.split("\r\n").skip(1).map(str::to_owned).collect(),
        body: bytes[split + 4..].to_vec(),
    }
}

impl Capture {
    /// The captured bytes, with the session cookie this server issued.
    fn reply(&self, session: &str) -> Reply {
        let mut out = b"HTTP/1.1 200 OK\r\n".to_vec();
        for line in &self.headers {
            let line = if line.starts_with("Set-Cookie:") {
                format!("Set-Cookie: mansession_id=\"{session}\"; Version=1; Max-Age=60")
            } else {
                line.clone()
            };
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&self.body);
        Reply::Raw(out)
    }
}

/// A fake Asterisk: sessions, a moment (`idle` or `busy`) and the captures.
pub struct Pbx {
    dir: PathBuf,
    pub moment: Mutex<&'static str>,
    sessions: Mutex<HashSet<String>>,
    next_session: AtomicU32,
    logins: AtomicU32,
}

impl Pbx {
    fn new(dir: PathBuf) -> Arc<Pbx> {
        Arc::new(Pbx {
            dir,
            moment: Mutex::new("idle"),
            sessions: Mutex::new(HashSet::new()),
            next_session: AtomicU32::new(0x5f3c_9a1e),
            logins: AtomicU32::new(0),
        })
    }

    fn new_session(&self) -> String {
        format!("{:08x}", self.next_session.fetch_add(1, Ordering::SeqCst))
    }

    /// Asterisk strips the quotes and reads the id as hex.
    fn session_of(request: &Request) -> Option<String> {
        let cookie = request.header("cookie")?;
        let value = cookie
            .split(';')
            .find_map(|c| c.trim().strip_prefix("mansession_id="))?;
        Some(value.trim_matches('"').to_owned())
    }

    fn answer(&self, request: &Request) -> Reply {
        if request.path() != "/rawman" {
            return Reply::status(404, "Not Found", &[], "");
        }
        let action = request
            .param("action")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if action == "login" {
            self.logins.fetch_add(1, Ordering::SeqCst);
            let session = self.new_session();
            let accepted = request.param("username").as_deref() == Some(USER)
                && request.param("secret").as_deref() == Some(SECRET);
            if !accepted {
                return capture(&self.dir, "rawman_login_badpass.txt").reply(&session);
            }
            self.sessions.lock().unwrap().insert(session.clone());
            return capture(&self.dir, "rawman_login_ok.txt").reply(&session);
        }
        let known = Self::session_of(request).filter(|s| self.sessions.lock().unwrap().contains(s));
        let Some(session) = known else {
            // An unknown or expired cookie gets a fresh, unauthenticated session.
            return capture(&self.dir, "rawman_nosession.txt").reply(&self.new_session());
        };
        match action.as_str() {
            "queuestatus" => {
                let moment = *self.moment.lock().unwrap();
                capture(&self.dir, &format!("rawman_queuestatus_{moment}.txt")).reply(&session)
            }
            _ => capture(&self.dir, "rawman_unknown_action.txt").reply(&session),
        }
    }

    fn expire_sessions(&self) {
        self.sessions.lock().unwrap().clear();
    }
}

pub async fn start_pbx() -> Option<(Arc<Pbx>, FakeServer)> {
    let dir = shared::data("asterisk")?;
    let pbx = Pbx::new(dir);
    let answering = Arc::clone(&pbx);
    let server = FakeServer::start(move |r| answering.answer(r)).await;
    Some((pbx, server))
}

/// The adapter as a console configured for this fake PBX would build it.
pub fn platform_for(url: &str) -> AsteriskPlatform {
    asterisk(url, SECRET, &[])
}

fn asterisk(url: &str, secret: &str, queues: &[&str]) -> AsteriskPlatform {
    AsteriskPlatform::new(
        Transport::new(test_transport()).unwrap(),
        AsteriskSettings {
            url: Url::parse(url).unwrap(),
            username: USER.into(),
            secret: Secret::new(secret),
            queues: queues.iter().map(|q| q.to_string()).collect(),
            wrapup_time: Duration::ZERO,
        },
    )
}

/// Asterisk's own counts for one queue at one moment (the captures' README).
struct Counted {
    calls: u32,
    completed: u64,
    completed_in_sl: u64,
    abandoned: u64,
    abandoned_in_sl: u64,
    perf: f64,
    perf2: f64,
    logged_in: u32,
    available: u32,
    longest_hold: f64,
}

const IDLE_SUPPORT: Counted = Counted {
    calls: 0,
    completed: 0,
    completed_in_sl: 0,
    abandoned: 0,
    abandoned_in_sl: 0,
    perf: 0.0,
    perf2: 0.0,
    logged_in: 4,
    available: 2,
    longest_hold: 0.0,
};
const IDLE_BILLING: Counted = Counted {
    logged_in: 2,
    available: 1,
    ..IDLE_SUPPORT
};
const BUSY_SUPPORT: Counted = Counted {
    calls: 3,
    completed: 4,
    completed_in_sl: 2,
    abandoned: 3,
    abandoned_in_sl: 1,
    perf: 50.0,
    perf2: 42.9,
    logged_in: 4,
    available: 0,
    longest_hold: 15.0,
};
const BUSY_BILLING: Counted = Counted {
    calls: 2,
    completed: 1,
    completed_in_sl: 1,
    abandoned: 1,
    abandoned_in_sl: 1,
    perf: 100.0,
    perf2: 100.0,
    logged_in: 2,
    available: 0,
    longest_hold: 25.0,
};

fn queue<'a>(snapshot: &'a Snapshot, name: &str) -> &'a QueueObservation {
    snapshot.queues.iter().find(|q| q.name == name).unwrap()
}

fn assert_counts(snapshot: &Snapshot, name: &str, expected: &Counted, moment: &str) {
    let q = queue(snapshot, name);
    let at = format!("{name} at {moment}");
    let c = &q.counters;
    assert_eq!(q.waiting, expected.calls, "{at}: Calls");
    assert_eq!(c.answered, Some(expected.completed), "{at}: Completed");
    assert_eq!(
        c.answered_in_sl,
        Some(expected.completed_in_sl),
        "{at}: completed in SL"
    );
    assert_eq!(c.abandoned, Some(expected.abandoned), "{at}: Abandoned");
    assert_eq!(
        c.abandoned_in_sl,
        Some(expected.abandoned_in_sl),
        "{at}: abandoned in SL"
    );
    assert_eq!(q.agents.logged_in(), expected.logged_in, "{at}: LoggedIn");
    assert_eq!(q.agents.available, expected.available, "{at}: Available");
    assert_eq!(
        q.longest_wait_s,
        Some(expected.longest_hold),
        "{at}: LongestHoldTime"
    );
    assert_eq!(q.sl_threshold_s, Some(20.0), "{at}: ServiceLevel");
    assert_eq!(
        c.answered_wait_s, None,
        "{at}: Asterisk gives no wait sums: ASA is n/a, not 0"
    );
    assert_eq!(c.handle_time_s, None, "{at}: nor talk-time sums");
    // Asterisk's two percentages are our named formulas over these counts.
    let tally = Tally::from_counters(c);
    let percent = |f: SlFormula| f.service_level(&tally).map(|v| (v * 1000.0).round() / 10.0);
    if expected.completed > 0 {
        assert_eq!(
            percent(SlFormula::AnsweredOnly),
            Some(expected.perf),
            "{at}: ServicelevelPerf"
        );
        assert_eq!(
            percent(SlFormula::RemovedWithinThreshold),
            Some(expected.perf2),
            "{at}: ServicelevelPerf2"
        );
    } else {
        assert_eq!(
            percent(SlFormula::AnsweredOnly),
            None,
            "{at}: nothing counted yet is not 0 %"
        );
    }
}

/// What QueueSummary says (LoggedIn, Available, LongestHoldTime), read from its capture.
fn summary(dir: &Path, moment: &str) -> Vec<(String, u32, u32, f64)> {
    let text =
        String::from_utf8(capture(dir, &format!("rawman_queuesummary_{moment}.txt")).body).unwrap();
    let blocks = rawman::parse(&text);
    rawman::list_events(&blocks, "QueueSummaryComplete")
        .unwrap()
        .iter()
        .map(|b| {
            let n = |k: &str| b.get(k).unwrap().parse::<u32>().unwrap();
            (
                b.get("Queue").unwrap().to_owned(),
                n("LoggedIn"),
                n("Available"),
                f64::from(n("LongestHoldTime")),
            )
        })
        .collect()
}

#[tokio::test]
async fn figures_equal_asterisks_own_counts_for_both_queues_at_both_moments() {
    let Some((pbx, server)) = start_pbx().await else {
        return;
    };
    let mut platform = asterisk(&server.url(), SECRET, &[]);
    for (moment, support, billing) in [
        ("idle", IDLE_SUPPORT, IDLE_BILLING),
        ("busy", BUSY_SUPPORT, BUSY_BILLING),
    ] {
        *pbx.moment.lock().unwrap() = moment;
        let snapshot = platform.poll().await.unwrap();
        assert_counts(&snapshot, "support", &support, moment);
        assert_counts(&snapshot, "billing", &billing, moment);
        for (name, logged_in, available, longest) in summary(&pbx.dir, moment) {
            let q = queue(&snapshot, &name);
            assert_eq!(
                (q.agents.logged_in(), q.agents.available, q.longest_wait_s),
                (logged_in, available, Some(longest)),
                "{name} at {moment}: derived from QueueStatus = QueueSummary"
            );
        }
    }
    assert_eq!(
        pbx.logins.load(Ordering::SeqCst),
        1,
        "one login serves many polls"
    );
}

#[tokio::test]
async fn agents_and_waiting_callers_at_the_busy_moment() {
    let Some((pbx, server)) = start_pbx().await else {
        return;
    };
    *pbx.moment.lock().unwrap() = "busy";
    let snapshot = asterisk(&server.url(), SECRET, &[]).poll().await.unwrap();
    // The capture's Date header: Asterisk's clock, not ours.
    let date = chrono::DateTime::parse_from_rfc2822("Sun, 22 Nov 2026 23:39:31 GMT").unwrap();
    assert_eq!(
        snapshot.observed_at,
        Timestamp::from_millis(date.timestamp_millis())
    );
    assert_eq!(snapshot.platform.kind, "asterisk");
    let agent = |name: &str| snapshot.agents.iter().find(|a| a.name == name).unwrap();
    assert_eq!(agent("Alice Agent").state, AgentState::OnCall);
    assert_eq!(agent("Erin Agent").state, AgentState::OnCall);
    assert_eq!(agent("Carol Agent").state, AgentState::NotReady);
    assert_eq!(
        agent("Dave Agent").state,
        AgentState::Offline,
        "device unavailable"
    );
    let grace = agent("Grace Agent");
    assert_eq!(
        (grace.state, grace.reason.as_deref()),
        (AgentState::NotReady, Some("Lunch"))
    );
    assert_eq!(grace.state_since, Some(Timestamp::from_secs(1_795_390_686)));
    assert_eq!(agent("Frank Agent").reason.as_deref(), Some("Coaching"));
    assert_eq!(snapshot.agents.len(), 7);

    let mut support: Vec<(u64, Option<&str>)> = snapshot
        .waiting_contacts
        .iter()
        .filter(|c| c.queue.0 == "support")
        .map(|c| {
            (
                snapshot
                    .observed_at
                    .saturating_since(c.waiting_since)
                    .as_secs(),
                c.caller.as_deref(),
            )
        })
        .collect();
    support.sort();
    assert_eq!(
        support,
        [
            (11, Some("Support Caller 12")),
            (13, Some("Support Caller 11")),
            (15, Some("Support Caller 10"))
        ]
    );
    assert_eq!(snapshot.waiting_contacts.len(), 5);
}

#[tokio::test]
async fn an_expired_session_logs_in_again_by_itself() {
    let Some((pbx, server)) = start_pbx().await else {
        return;
    };
    let mut platform = asterisk(&server.url(), SECRET, &[]);
    platform.poll().await.unwrap();
    pbx.expire_sessions();
    let snapshot = platform.poll().await.expect("a new session, then the data");
    assert_eq!(snapshot.queues.len(), 2);
    assert_eq!(pbx.logins.load(Ordering::SeqCst), 2);
    let logins: Vec<Request> = server
        .requests()
        .into_iter()
        .filter(|r| r.param("action").as_deref() == Some("Login"))
        .collect();
    assert!(
        logins
            .iter()
            .all(|r| r.method == "POST" && !r.target.contains(SECRET)),
        "the secret travels in the body, never the URL"
    );
}

#[tokio::test]
async fn a_wrong_password_is_credentials_rejected_and_never_shown() {
    let Some((pbx, server)) = start_pbx().await else {
        return;
    };
    let error = asterisk(&server.url(), "not-the-password", &[])
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::CredentialsRejected,
        "Authentication failed",
        "bad password",
    );
    assert!(!format!("{error} {error:?}").contains("not-the-password"));
    assert_eq!(
        pbx.logins.load(Ordering::SeqCst),
        1,
        "no retry storm against the login"
    );
}

#[tokio::test]
async fn queue_selection_and_unknown_queues() {
    let Some((_pbx, server)) = start_pbx().await else {
        return;
    };
    let snapshot = asterisk(&server.url(), SECRET, &["Billing"])
        .poll()
        .await
        .unwrap();
    assert_eq!(
        snapshot
            .queues
            .iter()
            .map(|q| q.name.as_str())
            .collect::<Vec<_>>(),
        ["billing"]
    );
    assert!(
        snapshot
            .agents
            .iter()
            .all(|a| a.queues.iter().all(|q| q.0 == "billing"))
    );
    let error = asterisk(&server.url(), SECRET, &["sales"])
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "\"sales\"",
        "unknown queue",
    );
}

#[tokio::test]
async fn an_error_answered_with_http_200_is_an_error() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    let unknown = capture(&dir, "rawman_unknown_action.txt");
    let login = capture(&dir, "rawman_login_ok.txt");
    let server = FakeServer::start(move |r| {
        if r.param("action").as_deref() == Some("Login") {
            login.reply("0badcafe")
        } else {
            unknown.reply("0badcafe")
        }
    })
    .await;
    let error = asterisk(&server.url(), SECRET, &[])
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "Invalid/unknown command",
        "200 with an error body",
    );
}

#[tokio::test]
async fn survives_the_fault_matrix() {
    let Some(dir) = shared::data("asterisk") else {
        return;
    };
    let valid = String::from_utf8(capture(&dir, "rawman_queuestatus_busy.txt").body).unwrap();
    let login = Arc::new(capture(&dir, "rawman_login_ok.txt"));
    let mut faults = standard_faults(&valid);
    // A body that is not rawman at all (Asterisk's malformed case is text, not JSON).
    for fault in &mut faults {
        if fault.name == "malformed body" {
            fault.reply = Reply::status(
                200,
                "OK",
                &[("Content-Type", "text/html")],
                "<html>proxy error</html>",
            );
            fault.says = "rawman";
        }
    }
    let setup = move |r: &Request| {
        (r.param("action").as_deref() == Some("Login")).then(|| login.reply("1234abcd"))
    };
    check_matrix(faults, setup, |base| Box::new(asterisk(base, SECRET, &[]))).await;
}
