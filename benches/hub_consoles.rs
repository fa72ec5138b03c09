//! What a hub costs with consoles attached: its CPU and memory with 0, 2
//! and 20 real consoles (`floorwatch` in tmux windows, 80×24, idle
//! operators) on the standard simulated floor (`cargo bench --bench hub_consoles`).
//!
//! Prints, for each count, the hub's CPU as the median of three 10-second
//! samples, its resident memory at the end and its peak, and a console
//! process's CPU and memory for comparison.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[path = "common/process_cpu.rs"]
mod process_cpu;
use process_cpu::{cpu_ticks, ticks_per_second};

const SAMPLE: Duration = Duration::from_secs(10);

struct Hub {
    child: Child,
    dir: std::path::PathBuf,
    tmux: String,
}

impl Drop for Hub {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.tmux, "kill-server"])
            .output();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_hub() -> Hub {
    let dir = std::env::temp_dir().join(format!("floorwatch-hub-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let child = Command::new(env!("CARGO_BIN_EXE_floorwatch"))
        .args(["hub", "--speed", "1", "--state-dir"])
        .arg(dir.join("state"))
        .env("XDG_STATE_HOME", &dir)
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the hub: {e}"));
    let socket = dir.join("state/hub.sock");
    for _ in 0..200 {
        if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let tmux = format!("floorwatch-hub-bench-{}", std::process::id());
    Hub { child, dir, tmux }
}

/// Attaches consoles until `count` are attached, each in its own tmux window.
fn attach(hub: &Hub, count: usize, already: usize) {
    for n in already..count {
        let command = format!(
            "XDG_STATE_HOME='{d}' '{bin}' --state-dir '{d}/state'; sleep 600",
            d = hub.dir.display(),
            bin = env!("CARGO_BIN_EXE_floorwatch"),
        );
        let mut args = vec!["-L", &hub.tmux, "-f", "/dev/null"];
        let name = format!("c{n}");
        if n == 0 {
            args.extend([
                "new-session",
                "-d",
                "-s",
                "m",
                "-n",
                &name,
                "-x",
                "80",
                "-y",
                "24",
            ]);
        } else {
            args.extend(["new-window", "-d", "-t", "m", "-n", &name]);
        }
        args.push(&command);
        let ok = Command::new("tmux")
            .args(&args)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux is needed for this measurement");
    }
    std::thread::sleep(Duration::from_secs(3));
    let log =
        std::fs::read_to_string(hub.dir.join("floorwatch/floorwatch.log")).unwrap_or_default();
    let attached = log.matches("attached:").count();
    assert_eq!(attached, count, "consoles attached, by the hub's log");
}

fn proc_field(pid: u32, file: &str, key: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU % of one core over one sample.
fn cpu(pid: u32) -> f64 {
    let t0 = cpu_ticks(pid);
    std::thread::sleep(SAMPLE);
    (cpu_ticks(pid) - t0) as f64 / ticks_per_second() / SAMPLE.as_secs_f64() * 100.0
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// One attached console's process (the newest `floorwatch --state-dir` child).
fn a_console(hub: &Hub) -> Option<u32> {
    let out = Command::new("pgrep")
        .args([
            "-n",
            "-f",
            &format!("floorwatch --state-dir {}", hub.dir.display()),
        ])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    let hub = start_hub();
    let pid = hub.child.id();
    std::thread::sleep(Duration::from_secs(5));
    let mut attached = 0;
    for count in [0, 2, 20] {
        if count > 0 {
            attach(&hub, count, attached);
            attached = count;
        }
        let hub_cpu = median((0..3).map(|_| cpu(pid)).collect());
        let rss = proc_field(pid, "status", "VmRSS:");
        let peak = proc_field(pid, "status", "VmHWM:");
        let console = a_console(&hub)
            .filter(|_| count > 0)
            .map(|c| {
                format!(
                    "   one console: CPU {:5.2} %, {} MiB",
                    cpu(c),
                    proc_field(c, "status", "VmRSS:") / 1024
                )
            })
            .unwrap_or_default();
        println!(
            "{count:>2} consoles: hub CPU {hub_cpu:5.2} % of one core (median of 3 × {}s), memory {} MiB (peak {} MiB){console}",
            SAMPLE.as_secs(),
            rss / 1024,
            peak / 1024,
        );
    }
}
