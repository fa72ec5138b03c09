//! What the running console costs: CPU and bytes written to the terminal per
//! second, measured on the real binary in tmux (`cargo bench --bench console_cpu`).
//!
//! Prints the median of three 15-second samples for the standard floor
//! (idle operator, 80×24) and for 1,000 queues / 20,000 agents at --speed 10 (200×60).

use std::process::Command;
use std::time::Duration;

#[path = "common/process_cpu.rs"]
mod process_cpu;
use process_cpu::{cpu_ticks, ticks_per_second};

const SAMPLE: Duration = Duration::from_secs(15);

struct Run {
    socket: String,
    dir: std::path::PathBuf,
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start(label: &str, args: &str, size: (u16, u16)) -> Run {
    let name: String = label
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(24)
        .collect();
    let dir = std::env::temp_dir().join(format!("floorwatch-cpu-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let d = dir.display();
    let script = format!(
        "export XDG_STATE_HOME='{d}'; sh -c 'echo $$ > \"{d}/pid\"; exec {bin} {args}'; sleep 600",
        bin = env!("CARGO_BIN_EXE_floorwatch")
    );
    let socket = format!("floorwatch-cpu-{name}-{}", std::process::id());
    let (w, h) = (size.0.to_string(), size.1.to_string());
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
    let out = format!("cat >> '{d}/bytes'");
    let _ = Command::new("tmux")
        .args(["-L", &socket, "pipe-pane", "-o", "-t", "m", &out])
        .status();
    Run { socket, dir }
}

fn bytes(run: &Run) -> u64 {
    std::fs::metadata(run.dir.join("bytes")).map_or(0, |m| m.len())
}

/// (CPU % of one core, bytes per second) over one sample.
fn sample(run: &Run, pid: &str) -> (f64, f64) {
    let (t0, b0) = (cpu_ticks(pid), bytes(run));
    std::thread::sleep(SAMPLE);
    let (t1, b1) = (cpu_ticks(pid), bytes(run));
    let cpu = (t1 - t0) as f64 / ticks_per_second() / SAMPLE.as_secs_f64() * 100.0;
    (cpu, (b1 - b0) as f64 / SAMPLE.as_secs_f64())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn measure(name: &str, args: &str, size: (u16, u16)) {
    let run = start(name, args, size);
    std::thread::sleep(Duration::from_secs(10)); // warm-up and first frames
    let pid = std::fs::read_to_string(run.dir.join("pid"))
        .unwrap_or_default()
        .trim()
        .to_string();
    assert!(
        cpu_ticks(&pid) > 0,
        "floorwatch is not running for {name:?}"
    );
    let samples: Vec<(f64, f64)> = (0..3).map(|_| sample(&run, &pid)).collect();
    let cpu = median(samples.iter().map(|s| s.0).collect());
    let rate = median(samples.iter().map(|s| s.1).collect());
    println!(
        "{name:<48} CPU {cpu:6.2} % of one core   terminal output {rate:8.0} bytes/s   (median of 3 × {}s)",
        SAMPLE.as_secs()
    );
}

fn main() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    measure(
        "standard floor, --speed 1, idle operator, 80x24",
        "--speed 1",
        (80, 24),
    );
    measure(
        "1000 queues / 20000 agents, --speed 10, 200x60",
        "--speed 10 --queues 1000 --agents 20000",
        (200, 60),
    );
}
