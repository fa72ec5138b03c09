//! A console reading `sim serve` over HTTP, end to end: the real server, the
//! real console in tmux. It must show the floor as the built-in simulator's
//! console does, and a restarted server must not have its calls counted twice.

use std::process::Command;
use std::time::{Duration, Instant};

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

/// A free port on 127.0.0.1, so a restarted server can come back on it.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `sim serve` at speed 1 on `port`, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_on(port: u16) -> Server {
    let listen = format!("127.0.0.1:{port}");
    let mut child = super::cli::floorwatch()
        .args([
            "sim", "serve", "--listen", &listen, "--speed", "1", "--seed", "2",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains(&listen), "{line}");
    Server {
        child,
        base: format!("http://{listen}"),
    }
}

/// The console in its own tmux server, reading the http platform at `base`.
struct Console {
    socket: String,
    _dir: tempfile::TempDir,
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

impl Console {
    fn start(name: &str, base: &str) -> Option<Console> {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            super::shared::skipped(
                "tmux is not installed: the sim serve console tests did not run",
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("floorwatch.toml");
        std::fs::write(
            &config,
            format!("[platform]\nkind = \"http\"\nurl = \"{base}\"\npoll_interval = \"1s\"\n"),
        )
        .unwrap();
        let d = dir.path().display();
        let command = format!(
            "XDG_STATE_HOME='{d}' XDG_CONFIG_HOME='{d}' '{bin}' --config '{config}' --state-dir '{d}/state'; sleep 600",
            bin = env!("CARGO_BIN_EXE_floorwatch"),
            config = config.display(),
        );
        let socket = format!("floorwatch-serve-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-s", "e2e", "-x", "100", "-y", "30", &command])
            .status()
            .unwrap();
        assert!(status.success(), "tmux failed to start");
        Some(Console { socket, _dir: dir })
    }

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "e2e", key]);
        std::thread::sleep(Duration::from_millis(200));
    }

    /// The screen once `ready` says so, twice in a row (a frame may be half drawn).
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(40);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                std::thread::sleep(Duration::from_millis(300));
                let again = self.screen();
                if ready(&again) {
                    return again;
                }
            }
            assert!(
                Instant::now() < deadline,
                "waited 40 s for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// The rows of the wallboard's table.
fn queue_rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Status  Queue"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

/// Read over HTTP, the simulated floor looks as it does built in: the
/// current interval's figures at once (the server counts per interval, and
/// the console takes what it counted since the interval began as the
/// interval's), each queue judged on them; not every queue `· IDLE ~—` with
/// a false "polls missed".
#[test]
fn an_http_console_on_sim_serve_shows_the_floor_like_the_built_in_one() {
    let server = serve_on(free_port());
    let Some(console) = Console::start("look", &server.base) else {
        return;
    };
    let screen = console.wait_until("the queues, live", |s| {
        s.contains("● LIVE") && queue_rows(s).len() >= 5
    });
    assert!(!screen.contains("polls missed"), "{screen}");
    assert!(
        !screen.contains("~"),
        "the interval is counted whole:\n{screen}"
    );
    // From five minutes into an interval the queues have had contacts in it
    // (how many are judged, rather than `· few`, depends on the hour's
    // traffic): they show them at once, not `· IDLE` with nothing counted.
    if minutes_into_the_interval(&screen) >= 5 {
        let counted = queue_rows(&screen)
            .iter()
            .filter(|r| !r.contains("IDLE"))
            .count();
        assert!(
            counted >= 3,
            "the queues show their interval at once:\n{screen}"
        );
    }
}

/// How far the platform's clock ("data 10:24:33") is into the interval shown.
fn minutes_into_the_interval(screen: &str) -> u32 {
    let minutes = |hh_mm: &str| -> u32 {
        let (h, m) = hh_mm.split_once(':').unwrap();
        h.parse::<u32>().unwrap() * 60 + m[..2].parse::<u32>().unwrap()
    };
    let data = screen.split("data ").nth(1).unwrap();
    let start = screen.split("interval ").nth(1).unwrap();
    minutes(data).saturating_sub(minutes(start)) % (24 * 60)
}

/// The detail's "Offered" line: interval, last 60 min, today.
fn offered(screen: &str) -> Vec<u64> {
    let line = screen
        .lines()
        .find(|l| l.trim_start().starts_with("Offered"))
        .unwrap_or_else(|| panic!("no Offered line in\n{screen}"));
    line.split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

/// `sim serve` restarted: its counters start again over the hour it warms
/// up, which the console counted already. Those calls are not counted again.
#[test]
fn a_restarted_sim_serve_is_not_counted_twice() {
    let port = free_port();
    let server = serve_on(port);
    let Some(console) = Console::start("restart", &server.base) else {
        return;
    };
    console.wait_until("the queues, live", |s| {
        s.contains("● LIVE") && queue_rows(s).len() >= 5
    });
    console.key("Enter");
    let before = console.wait_until("the queue's figures", |s| s.contains("Offered"));
    let before = offered(&before);
    drop(server);
    let _server = serve_on(port);
    // Polls of the new server, a second apart: let a few land.
    std::thread::sleep(Duration::from_secs(5));
    let after = console.wait_until("live again", |s| {
        s.contains("● LIVE") && s.contains("Offered")
    });
    let after_counts = offered(&after);
    assert_eq!(before.len(), 3, "{before:?}");
    assert_eq!(after_counts.len(), 3, "{after}");
    // Seconds passed, not an hour: a handful of new calls at most (the
    // restarted simulation may also have counted a few more of this
    // interval than the first, which no console can tell from growth).
    assert!(
        after_counts[2] <= before[2] + 10,
        "today went from {} to {}: the restarted server's hour was counted again\n{after}",
        before[2],
        after_counts[2]
    );
}

/// `sim serve` counts per interval, as platforms do: every queue's counters
/// run from the start of the current quarter hour.
#[tokio::test]
async fn sim_serve_counts_from_the_start_of_the_quarter_hour() {
    let server = serve_on(free_port());
    let snapshot: serde_json::Value = reqwest::get(format!("{}/v1/snapshot", server.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let observed = chrono::DateTime::parse_from_rfc3339(snapshot["observed_at"].as_str().unwrap())
        .unwrap()
        .timestamp();
    let quarter_hour = observed - observed.rem_euclid(900);
    for queue in snapshot["queues"].as_array().unwrap() {
        let since = chrono::DateTime::parse_from_rfc3339(queue["counters_since"].as_str().unwrap())
            .unwrap()
            .timestamp();
        assert_eq!(since, quarter_hour, "{queue}");
    }
}
