//! What a very large floor costs the running console: memory, and how soon
//! a key shows on screen, measured on the real binary in tmux against a
//! snapshot server on 127.0.0.1 (`cargo bench --bench console_scale`).
//!
//! The server answers every poll with a fresh `floorwatch.snapshot.v1`
//! document of `FLOORWATCH_SCALE_QUEUES` queues (default: the cap of queues
//! per console; no agent list), its counters growing with the wall clock.
//! Over the cap, the console's refusal is printed instead. The console polls it every 2 s at 200×60. Printed:
//! time to the first rows, resident memory (now and peak), the median and
//! slowest of `KEYS` key presses from `send-keys` to the moved selection in
//! `capture-pane`, and whether the screen ever claimed the platform was not
//! answering. It prints figures and asserts nothing timed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[path = "common/wide_floor.rs"]
mod wide_floor;

const KEYS: usize = 20;
/// Give up on one key after this long (and say so) rather than hang.
const KEY_GIVE_UP: Duration = Duration::from_secs(60);
const SIZE: (u16, u16) = (200, 60);
/// What the console says when it believes the platform is down.
const NOT_ANSWERING: &str = "platform not answering";

fn wall_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

struct Server {
    address: SocketAddr,
    served: Arc<AtomicUsize>,
    largest_body: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.address);
    }
}

fn serve(queues: usize) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let address = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let served = Arc::new(AtomicUsize::new(0));
    let largest_body = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let since_ms = wall_ms();
    let (s, l, st) = (served.clone(), largest_body.clone(), stop.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if st.load(Ordering::Relaxed) {
                return;
            }
            let Ok(stream) = stream else { continue };
            let (s, l) = (s.clone(), l.clone());
            std::thread::spawn(move || answer(stream, queues, since_ms, &s, &l));
        }
    });
    Server {
        address,
        served,
        largest_body,
        stop,
    }
}

/// Answers requests on one kept-alive connection until it closes.
fn answer(
    stream: TcpStream,
    queues: usize,
    since_ms: i64,
    served: &AtomicUsize,
    largest: &AtomicUsize,
) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        let mut length = 0usize;
        let mut first = true;
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" && !first {
                break;
            }
            first = false;
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let document = wide_floor::snapshot(queues, since_ms, wall_ms());
        let body = serde_json::to_vec(&document).unwrap_or_default();
        largest.fetch_max(body.len(), Ordering::Relaxed);
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let stream = reader.get_mut();
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(&body).is_err() {
            return;
        }
        served.fetch_add(1, Ordering::Relaxed);
    }
}

struct Console {
    socket: String,
    dir: std::path::PathBuf,
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Console {
    fn start(server: SocketAddr) -> Console {
        let dir = std::env::temp_dir().join(format!("floorwatch-scale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let config = dir.join("config.toml");
        std::fs::write(
            &config,
            format!("[platform]\nkind = \"http\"\nurl = \"http://{server}\"\n"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let d = dir.display();
        let script = format!(
            "export XDG_STATE_HOME='{d}'; sh -c 'echo $$ > \"{d}/pid\"; exec {bin} --config {c} --poll-interval 2s'; sleep 600",
            bin = env!("CARGO_BIN_EXE_floorwatch"),
            c = config.display()
        );
        let socket = format!("floorwatch-scale-{}", std::process::id());
        let (w, h) = (SIZE.0.to_string(), SIZE.1.to_string());
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "m",
                "-x",
                &w,
                "-y",
                &h,
                &script,
            ])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux is needed for this measurement");
        Console { socket, dir }
    }

    fn screen(&self) -> String {
        Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "m"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    fn press(&self, key: &str) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "m", key])
            .status();
    }

    fn pid(&self) -> String {
        std::fs::read_to_string(self.dir.join("pid"))
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// (resident now, peak resident) in MiB.
    fn memory_mib(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|kb| kb.parse::<f64>().ok())
                .map_or(f64::NAN, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

/// The queue under the cursor: the text after `▶` on the screen.
fn selected(screen: &str) -> Option<String> {
    screen
        .lines()
        .find_map(|l| l.split_once('▶').map(|(_, rest)| rest.trim().to_owned()))
        .map(|rest| {
            rest.chars()
                .filter(|c| !c.is_whitespace())
                .take(40)
                .collect()
        })
}

fn queue_name(selected: &str) -> Option<&str> {
    let at = selected.find("Queue")?;
    selected.get(at..at + 11)
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    let queues: usize = std::env::var("FLOORWATCH_SCALE_QUEUES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(floorwatch::platform::MAX_QUEUES);
    let server = serve(queues);
    let console = Console::start(server.address);
    let started = Instant::now();
    let mut claimed_down = false;
    // The first rows, or what the console says instead (a refusal, a cap).
    let first_rows = loop {
        let screen = console.screen();
        claimed_down |= screen.contains(NOT_ANSWERING);
        if selected(&screen).as_deref().and_then(queue_name).is_some() {
            break Some(started.elapsed());
        }
        if let Some(refusal) = screen.lines().find(|l| l.contains("watches at most")) {
            println!("refused: {}", refusal.trim());
            break None;
        }
        if started.elapsed() > Duration::from_secs(300) {
            println!("no rows after 300 s; the screen:\n{screen}");
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    println!(
        "{queues} queues, largest body {:.1} MiB; first rows after {}",
        server.largest_body.load(Ordering::Relaxed) as f64 / 1_048_576.0,
        first_rows.map_or("never".into(), |d| format!("{:.1} s", d.as_secs_f64()))
    );
    if first_rows.is_none() {
        return;
    }
    // Let a few polls land so the histories hold more than one observation.
    let settle = Instant::now();
    while settle.elapsed() < Duration::from_secs(20) {
        claimed_down |= console.screen().contains(NOT_ANSWERING);
        std::thread::sleep(Duration::from_millis(500));
    }
    let (rss, _) = console.memory_mib();
    let mut latencies = Vec::new();
    for _ in 0..KEYS {
        let before = selected(&console.screen()).unwrap_or_default();
        let before = queue_name(&before).map(str::to_owned);
        let pressed = Instant::now();
        console.press("j");
        loop {
            let screen = console.screen();
            claimed_down |= screen.contains(NOT_ANSWERING);
            let now = selected(&screen).unwrap_or_default();
            if queue_name(&now).map(str::to_owned) != before {
                latencies.push(pressed.elapsed().as_secs_f64() * 1000.0);
                break;
            }
            if pressed.elapsed() > KEY_GIVE_UP {
                println!("a key was not answered in {} s", KEY_GIVE_UP.as_secs());
                latencies.push(f64::INFINITY);
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let (rss_after, peak) = console.memory_mib();
    let slowest = latencies.iter().copied().fold(0.0, f64::max);
    println!(
        "resident {rss:.0} MiB after 20 s of polls, {rss_after:.0} MiB after the keys, peak {peak:.0} MiB"
    );
    println!(
        "key to screen over {KEYS} presses of j: median {:.0} ms, slowest {slowest:.0} ms",
        median(&mut latencies)
    );
    println!(
        "polls answered {}; the screen claimed \"{NOT_ANSWERING}\": {}",
        server.served.load(Ordering::Relaxed),
        if claimed_down { "YES" } else { "no" }
    );
}
