//! End to end: the real binary in tmux at 80×24, read with `capture-pane`
//! and driven with `send-keys`, as an operator on an SSH session would.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

pub(super) struct Pane {
    socket: String,
    dir: tempfile::TempDir,
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The user this test runs as, by the user database: what the hub records
/// actions under, whatever `USER` says.
pub(super) fn os_user() -> String {
    let output = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

pub(super) fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (.ci/run installs it)"
        );
        super::shared::skipped(
            "tmux is not installed, so the end-to-end terminal tests did not run",
        );
    }
    found
}

impl Pane {
    /// Starts floorwatch in a fresh tmux server; after it exits the pane
    /// prints its exit code and saves `stty -a`, so tests can check the terminal.
    pub(super) fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> Pane {
        Pane::start_with_files(name, args, env, &[])
    }

    /// Like `start`, with files written first under the pane's config and state directory.
    fn start_with_files(
        name: &str,
        args: &[&str],
        env: &[(&str, &str)],
        files: &[(&str, &str)],
    ) -> Pane {
        Pane::start_as(name, &[], args, env, files)
    }

    /// Like `start_with_files`, run through `prefix` (`runuser -u nobody --`).
    pub(super) fn start_as(
        name: &str,
        prefix: &[&str],
        args: &[&str],
        env: &[(&str, &str)],
        files: &[(&str, &str)],
    ) -> Pane {
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let script = dir.path().join("run.sh");
        let d = dir.path().display();
        let exports: String = env
            .iter()
            .map(|(k, v)| format!("export {k}='{v}'\n"))
            .collect();
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\n{exports}export XDG_STATE_HOME='{d}' XDG_CONFIG_HOME='{d}'\n\
                 sh -c 'echo $$ > \"{d}/pid\"; exec \"$0\" \"$@\"' {prefix} '{bin}' {args}\n\
                 echo \"EXITED:$?\"\nstty -a > '{d}/stty'\nsleep 600\n",
                bin = env!("CARGO_BIN_EXE_floorwatch"),
                args = args.join(" "),
                prefix = prefix.join(" "),
            ),
        )
        .unwrap();
        let socket = format!("floorwatch-test-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                "80",
                "-y",
                "24",
            ])
            .arg(format!("sh {}", script.display()))
            .status()
            .unwrap();
        assert!(status.success(), "tmux failed to start");
        Pane { socket, dir }
    }

    pub(super) fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub(super) fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    fn screen_with_attributes(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", "e2e"])
    }

    pub(super) fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", "e2e", key]);
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// The screen once it shows `text` and has stopped changing: a capture can
    /// land while a frame is still being written, so one sighting is not enough.
    pub(super) fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(150));
                if self.screen() == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                Instant::now() < deadline,
                "waited 30 s for {text:?}; the screen shows:\n{screen}\nthe log ends:\n{}",
                self.log_tail()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The last lines of the console's log, for a failure's message.
    fn log_tail(&self) -> String {
        let log =
            std::fs::read_to_string(self.path("floorwatch/floorwatch.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(super) fn pid(&self) -> String {
        std::fs::read_to_string(self.path("pid"))
            .unwrap()
            .trim()
            .to_string()
    }

    /// After floorwatch has exited: the terminal is back as it was.
    pub(super) fn assert_terminal_restored(&self, exit_code: &str) {
        let screen = self.wait_for(&format!("EXITED:{exit_code}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        // The shell creates the file before stty has written to it: wait for the whole report.
        let stty = loop {
            let text = std::fs::read_to_string(self.path("stty")).unwrap_or_default();
            if text.contains("icanon") && text.contains("echo") {
                break text;
            }
            assert!(Instant::now() < deadline, "stty never reported: {text:?}");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(
            stty.contains(" icanon") && !stty.contains("-icanon"),
            "still in raw mode:\n{stty}"
        );
        assert!(
            stty.contains(" echo ") && !stty.contains("-echo "),
            "echo still off:\n{stty}"
        );
        assert_eq!(
            self.tmux(&["display", "-p", "-t", "e2e", "#{alternate_on}"])
                .trim(),
            "0",
            "alternate screen left on"
        );
        assert_eq!(
            self.tmux(&["display", "-p", "-t", "e2e", "#{cursor_flag}"])
                .trim(),
            "1",
            "cursor hidden"
        );
        assert!(
            !screen.contains("Longest wait"),
            "the console was not cleared away:\n{screen}"
        );
    }
}

mod ticks;
mod two_consoles;

#[test]
fn an_operator_reads_the_floor_and_drives_it_with_keys() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start("keys", &["--speed", "5"], &[]);
    let screen = pane.wait_for("● LIVE");
    for expected in [
        "Longest wait",
        "Billing",
        "会员服务",
        "A≤T/(A+Ab>T)",
        "Alerts:",
        "? help",
        "q quit",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} at 80×24:\n{screen}"
        );
    }
    assert!(
        screen.lines().all(|l| l.chars().count() <= 80),
        "nothing wider than the terminal"
    );

    pane.keys(&["?"]);
    let help = pane.wait_for("Help");
    assert!(
        help.contains("filter") && help.contains("Esc, ? or q closes"),
        "{help}"
    );
    pane.keys(&["Escape"]);
    pane.wait_for("● LIVE");

    pane.keys(&["/", "b", "i", "l", "l", "Enter"]);
    let filtered = pane.wait_for("Filter: bill");
    assert!(
        !filtered.contains("Technical"),
        "the filter hides other queues:\n{filtered}"
    );

    pane.keys(&["Enter"]);
    let detail = pane.wait_for("Waiting callers");
    assert!(
        detail.contains("Billing") && detail.contains("Agents ("),
        "{detail}"
    );
    pane.keys(&["Escape", "Escape"]);
    let back = pane.wait_for("Technical");
    assert!(back.contains("Billing"), "{back}");

    // Resizing redraws at the new size; too small says so; back again, the floor returns.
    pane.tmux(&["resize-window", "-t", "e2e", "-x", "120", "-y", "30"]);
    // Wait for what is asserted: a capture can land while a frame is still being written.
    let wide = pane.wait_for("Technical Support");
    assert!(
        wide.contains("Service level"),
        "the wider screen has room for the full labels:\n{wide}"
    );
    pane.tmux(&["resize-window", "-t", "e2e", "-x", "30", "-y", "8"]);
    pane.wait_for("too small");
    pane.tmux(&["resize-window", "-t", "e2e", "-x", "80", "-y", "24"]);
    pane.wait_for("● LIVE");

    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
}

#[test]
fn signals_always_restore_the_terminal() {
    if !tmux_available() {
        return;
    }
    for signal in ["TERM", "HUP", "INT", "QUIT"] {
        let pane = Pane::start(&format!("sig{signal}"), &[], &[]);
        pane.wait_for("● LIVE");
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pane.pid()])
            .status()
            .unwrap();
        assert!(status.success());
        pane.assert_terminal_restored("0");
    }
}

#[test]
fn a_panic_restores_the_terminal_and_says_what_happened() {
    if !tmux_available() {
        return;
    }
    let pane = Pane::start(
        "panic",
        &[],
        &[("FLOORWATCH_INJECT_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    pane.assert_terminal_restored("101");
    assert!(
        pane.screen().contains("injected panic"),
        "{}",
        pane.screen()
    );
}

/// Colour parameters of every SGR sequence on screen.
fn colour_parameters(screen: &str) -> Vec<String> {
    screen
        .split("\x1b[")
        .skip(1)
        .filter_map(|rest| rest.split_once('m').map(|(params, _)| params))
        .flat_map(|params| params.split(';').map(str::to_string).collect::<Vec<_>>())
        .filter(|p| {
            matches!(
                p.parse::<u32>(),
                Ok(30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48)
            )
        })
        .collect()
}

#[test]
fn no_color_is_honoured_and_states_still_read() {
    if !tmux_available() {
        return;
    }
    let coloured = Pane::start("colour", &[], &[]);
    coloured.wait_for("● LIVE");
    assert!(
        !colour_parameters(&coloured.screen_with_attributes()).is_empty(),
        "the default theme uses colour"
    );
    drop(coloured);

    let plain = Pane::start("nocolor", &[], &[("NO_COLOR", "1")]);
    let screen = plain.wait_for("● LIVE");
    assert_eq!(
        colour_parameters(&plain.screen_with_attributes()),
        Vec::<String>::new()
    );
    assert!(
        screen.contains("✓ OK") || screen.contains("▲ WARN") || screen.contains("✖ CRIT"),
        "{screen}"
    );
    plain.keys(&["q"]);
    plain.assert_terminal_restored("0");
}

#[test]
fn a_theme_in_the_users_config_directory_is_used() {
    if !tmux_available() {
        return;
    }
    let theme = "name = \"night\"\ninherits = \"default\"\n[roles]\nlive = { fg = \"magenta\", modifiers = [\"bold\"] }\n";
    let pane = Pane::start_with_files(
        "usertheme",
        &["--theme", "night"],
        &[],
        &[("floorwatch/themes/night.toml", theme)],
    );
    pane.wait_for("● LIVE");
    let screen = pane.screen_with_attributes();
    let live = screen.find("● LIVE").unwrap();
    let before = &screen[..live];
    let last_sgr = before.rfind("\x1b[").map(|i| &before[i..]).unwrap_or("");
    // tmux writes ANSI magenta as 35 or as palette index 5.
    assert!(
        last_sgr.contains("[35") || last_sgr.contains(";35") || last_sgr.contains("38;5;5m"),
        "LIVE drawn in the user's magenta: {last_sgr:?}"
    );
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
}

/// A snapshot endpoint whose answers the test can break and mend.
fn flaky_snapshot_server(
    runtime: &tokio::runtime::Runtime,
    failing: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> super::fake::FakeServer {
    use super::fake::{FakeServer, Reply};
    use std::sync::atomic::Ordering;
    runtime.block_on(FakeServer::start(move |_| {
        if failing.load(Ordering::SeqCst) {
            return Reply::status(500, "Internal Server Error", &[], "down");
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        Reply::json(&format!(
            r#"{{"schema": "floorwatch.snapshot.v1", "platform": {{"kind": "http", "name": "lab PBX"}},
            "observed_at": "{now}", "queues": [{{"id": "q1", "name": "Claims", "waiting": 2,
            "longest_wait_s": 31.0, "agents": {{"available": 1, "on_call": 3, "wrap_up": 0, "not_ready": 1}},
            "counters_since": null, "offered": 10, "answered": 8, "answered_in_sl": 6, "abandoned": 1,
            "abandoned_in_sl": 0, "sl_threshold_s": 20.0, "service_level": null, "sl_formula": "x",
            "asa_s": null, "aht_s": null, "abandon_rate": null, "sentiment": null}}]}}"#
        ))
    }))
}

#[test]
fn a_failing_platform_is_shown_stale_with_its_reason_and_recovers_by_itself() {
    use std::sync::atomic::{AtomicBool, Ordering};
    if !tmux_available() {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let failing = std::sync::Arc::new(AtomicBool::new(false));
    let server = flaky_snapshot_server(&runtime, std::sync::Arc::clone(&failing));
    // The config in the user's config directory is found without --config.
    let config = format!(
        "[platform]\nkind = \"http\"\nurl = \"{}\"\npoll_interval = \"1s\"\n",
        server.url()
    );
    let pane = Pane::start_with_files("platform", &[], &[], &[("floorwatch/config.toml", &config)]);
    let screen = pane.wait_for("● LIVE");
    assert!(
        screen.contains("lab PBX") && screen.contains("Claims"),
        "{screen}"
    );

    failing.store(true, Ordering::SeqCst);
    let screen = pane.wait_for("STALE since");
    assert!(
        screen.contains("platform unreachable"),
        "the reason is on screen:\n{screen}"
    );
    assert!(
        screen.contains("platform not answering since"),
        "the alert strip says it:\n{screen}"
    );
    assert!(
        screen.contains("Claims"),
        "the last good figures stay, marked stale:\n{screen}"
    );

    failing.store(false, Ordering::SeqCst);
    let screen = pane.wait_for("● LIVE");
    assert!(!screen.contains("STALE since"), "{screen}");
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
}

/// Before any data: a refused login, a user without QueueStatus rights and a
/// wrong URL each say what is wrong, in the header and the banner at 80×24;
/// none of them reads as still connecting.
#[test]
fn a_platform_that_refuses_us_is_never_shown_connecting() {
    use super::live_pbx::{PBX_SECRET_ENV, pbx_config, refusing_pbx, serve_pbx};
    if !tmux_available() {
        return;
    }
    let Some(dir) = super::shared::data("asterisk") else {
        return;
    };
    let bad_password = refusing_pbx(&dir, false);
    let permission_denied = refusing_pbx(&dir, true);
    let not_found = serve_pbx(|_| super::fake::Reply::status(404, "Not Found", &[], ""));
    let cases = [
        (
            "badpass",
            bad_password.server.url(),
            "Authentication failed",
        ),
        (
            "denied",
            permission_denied.server.url(),
            "Permission denied",
        ),
        ("notfound", not_found.server.url(), "not found at this URL"),
    ];
    for (name, url, says) in cases {
        let config = pbx_config(&url);
        let pane = Pane::start_with_files(
            name,
            &[],
            &[PBX_SECRET_ENV],
            &[("floorwatch/config.toml", &config)],
        );
        let screen = pane.wait_for("NO DATA YET");
        let header = screen.lines().next().unwrap_or("");
        assert!(!screen.contains("CONNECTING"), "{name}:\n{screen}");
        let badge = if name == "notfound" {
            "NOT FOUND"
        } else {
            "REJECTED"
        };
        assert!(
            header.contains(badge),
            "{name}: the header says {badge}:\n{screen}"
        );
        let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(says), "{name}: the cause, whole:\n{screen}");
        pane.keys(&["q"]);
        pane.assert_terminal_restored("0");
    }
}

#[test]
fn a_surge_opens_its_checklist_and_a_completed_step_survives_kill_9() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    let pane = Pane::start(
        "surge",
        &[
            "--scenario",
            "surge",
            "--speed",
            "60",
            "--seed",
            "3",
            "--state-dir",
            &dir,
        ],
        &[("USER", "ana")],
    );
    // Within a minute of real time the surge checklist is on screen by itself.
    let screen = pane.wait_for("Traffic surge v1");
    assert!(screen.contains("[ ]"), "open steps are marked\n{screen}");
    pane.mark_deliberately();
    let screen = pane.wait_for("[✓]");
    assert!(screen.contains(&os_user()), "who did it\n{screen}");
    // [✓] is drawn only once the step is on disk ("[…]" before): kill at once.
    let pid = pane.pid();
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    // The screen is left as it was (no restore after SIGKILL): wait for the process itself.
    let deadline = Instant::now() + Duration::from_secs(10);
    while Command::new("kill")
        .args(["-0", &pid])
        .status()
        .is_ok_and(|s| s.success())
    {
        assert!(Instant::now() < deadline, "pid {pid} survived kill -9");
        std::thread::sleep(Duration::from_millis(50));
    }
    let list = listed(&["incidents", "list"], &dir);
    let incident = &list[0];
    assert_eq!(incident["checklist"], "traffic-surge");
    let step = &incident["steps"][0];
    assert_eq!(step["state"], "done", "{incident:#}");
    assert_eq!(step["by"], os_user().as_str(), "the OS user, not USER=ana");
    assert!(
        step["at"].as_str().is_some_and(|at| at.starts_with("20")),
        "{step}"
    );

    // A new console on the same directory carries on where it stopped.
    let pane = Pane::start("surge-again", &["--state-dir", &dir], &[("USER", "bo")]);
    let screen = pane.wait_for("Traffic surge v1");
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("[✓]")).collect();
    assert_eq!(marked.len(), 1, "the step done before the crash\n{screen}");
    assert!(
        screen.contains("▶[ ]  Brief the floor"),
        "the cursor on the current item\n{screen}"
    );
    // Quit straight after the step: what was acted on is written before the process ends.
    pane.keys(&[" ", "q"]);
    pane.assert_terminal_restored("0");
    let list = listed(&["incidents", "list"], &dir);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "no second incident");
    let steps = &list[0]["steps"];
    assert_eq!(
        (&steps[0]["by"], &steps[1]["by"]),
        (&os_user().into(), &os_user().into()),
        "{list:#}"
    );
    // Every action a console wrote carries that console's monotonic clock.
    let consoles: BTreeSet<&str> = list[0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["monotonic"]["console"].as_str().expect("clocked"))
        .collect();
    assert_eq!(consoles.len(), 2, "two console runs: {list:#}");
}

#[test]
fn a_drill_says_drill_everywhere_and_is_scored_in_drills_list() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    let pane = Pane::start(
        "drill",
        &[
            "drill",
            "surge",
            "--speed",
            "60",
            "--seed",
            "3",
            "--state-dir",
            &dir,
        ],
        &[("USER", "ana")],
    );
    let screen = pane.wait_for("Traffic surge v1");
    assert!(
        screen.contains("DRILL surge"),
        "the header says DRILL\n{screen}"
    );
    pane.mark_deliberately();
    pane.wait_for("[✓]");
    pane.keys(&["1"]);
    let wallboard = pane.wait_for("Window:");
    assert!(
        wallboard.contains("DRILL surge"),
        "on every view\n{wallboard}"
    );
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
    let drills = listed(&["drills", "list"], &dir);
    let drill = &drills[0];
    assert_eq!(drill["checklist"], "traffic-surge");
    assert_eq!(drill["on_time"], 1, "{drill}");
    assert!(
        drill["time_to_first_action_s"].as_f64().is_some(),
        "{drill}"
    );
    assert!(drill["score"].as_u64().is_some(), "{drill}");
}

/// `floorwatch … --json --state-dir DIR` after a console ran there.
pub(super) fn listed(args: &[&str], dir: &str) -> serde_json::Value {
    super::cli::json_of(
        Command::new(env!("CARGO_BIN_EXE_floorwatch"))
            .args(args)
            .args(["--json", "--state-dir", dir]),
    )
}

/// A snapshot endpoint the test switches between honest answers, a hostile
/// figure (a negative threshold) and a clock an hour ahead.
fn switchable_snapshot_server(
    runtime: &tokio::runtime::Runtime,
    mode: std::sync::Arc<std::sync::atomic::AtomicU8>,
) -> super::fake::FakeServer {
    use super::fake::{FakeServer, Reply};
    use super::numbers::{now_rfc3339, snapshot_body};
    use std::sync::atomic::Ordering;
    runtime.block_on(FakeServer::start(move |_| {
        let body = match mode.load(Ordering::SeqCst) {
            HOSTILE => snapshot_body(&now_rfc3339(), serde_json::json!({"sl_threshold_s": -5})),
            AHEAD => {
                let ahead = chrono::Utc::now() + chrono::Duration::seconds(3750);
                let at = ahead.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                snapshot_body(&at, serde_json::json!({}))
            }
            _ => snapshot_body(&now_rfc3339(), serde_json::json!({})),
        };
        Reply::json(&body)
    }))
}

const HONEST: u8 = 0;
const HOSTILE: u8 = 1;
const AHEAD: u8 = 2;

fn switchable_console(
    name: &str,
) -> (
    Pane,
    std::sync::Arc<std::sync::atomic::AtomicU8>,
    super::fake::FakeServer,
    tokio::runtime::Runtime,
) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mode = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(HONEST));
    let server = switchable_snapshot_server(&runtime, std::sync::Arc::clone(&mode));
    let config = format!(
        "[platform]\nkind = \"http\"\nurl = \"{}\"\npoll_interval = \"1s\"\n",
        server.url()
    );
    let pane = Pane::start_with_files(name, &[], &[], &[("floorwatch/config.toml", &config)]);
    (pane, mode, server, runtime)
}

/// A platform that starts answering a negative threshold: the console lives
/// on, keeps the last good figures marked stale and names the garbage, and
/// is live again when the platform mends.
#[test]
fn a_hostile_figure_does_not_kill_the_console() {
    use std::sync::atomic::Ordering;
    if !tmux_available() {
        return;
    }
    let (pane, mode, _server, _runtime) = switchable_console("hostile");
    pane.wait_for("● LIVE");
    pane.keys(&["Enter"]);
    mode.store(HOSTILE, Ordering::SeqCst);
    let screen = pane.wait_for("STALE since");
    assert!(
        screen.contains("platform answered garbage") && screen.contains("queues[billing]"),
        "{screen}"
    );
    assert!(
        screen.contains("Billing"),
        "the last good figures stay:\n{screen}"
    );
    std::thread::sleep(Duration::from_secs(3));
    assert!(!pane.screen().contains("EXITED"), "{}", pane.screen());
    mode.store(HONEST, Ordering::SeqCst);
    pane.wait_for("● LIVE");
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
}

/// A platform whose clock jumps an hour ahead, then comes right: `? CLOCK`
/// with the skew while it is off, live again after.
#[test]
fn a_platform_clock_an_hour_ahead_is_not_live_and_recovers() {
    use std::sync::atomic::Ordering;
    if !tmux_available() {
        return;
    }
    let (pane, mode, _server, _runtime) = switchable_console("clock");
    pane.wait_for("● LIVE");
    mode.store(AHEAD, Ordering::SeqCst);
    let screen = pane.wait_for("? CLOCK +1h02m");
    assert!(!screen.contains("● LIVE"), "{screen}");
    assert!(
        screen.contains("platform clock 1h02m ahead of ours: figures held since"),
        "{screen}"
    );
    mode.store(HONEST, Ordering::SeqCst);
    let screen = pane.wait_for("● LIVE");
    assert!(!screen.contains("CLOCK"), "{screen}");
}

/// Outside text through a whole session: an operator name from the
/// environment and a note typed at the console, both hostile, come out of
/// every report clean, while the store keeps exactly what happened.
#[test]
fn reports_after_a_session_carry_no_raw_outside_text_and_the_store_keeps_it_raw() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    let operator =
        "ana\x1b]0;pwned\x07\x1b[2J\u{202E}\u{2066}x\u{200D}\u{034F}\u{E0041}\u{2028}\u{9b}1m";
    let pane = Pane::start(
        "hostile-reports",
        &[
            "drill",
            "surge",
            "--speed",
            "60",
            "--seed",
            "3",
            "--state-dir",
            &dir,
        ],
        &[("USER", operator)],
    );
    pane.wait_for("Traffic surge v1");
    pane.mark_deliberately();
    pane.wait_for("[✓]");
    pane.keys(&["n"]);
    pane.tmux(&[
        "send-keys",
        "-t",
        "e2e",
        "-l",
        "vendor\u{202E}\u{200B}\u{E0041} 4471",
    ]);
    pane.keys(&["Enter", "q"]);
    pane.assert_terminal_restored("0");

    let list = listed(&["incidents", "list"], &dir);
    let id = list[0]["id"].as_u64().unwrap().to_string();
    let forbidden = |text: &str| -> Vec<char> {
        text.chars()
            .filter(|c| *c != '\n' && floorwatch::untrusted::is_forbidden(*c))
            .collect()
    };
    let run = |args: &[&str]| -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_floorwatch"))
            .args(args)
            .args(["--state-dir", &dir])
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    for args in [
        vec!["incidents", "export", &id, "--format", "md"],
        vec!["incidents", "export", &id, "--format", "json"],
        vec!["incidents", "list"],
        vec!["incidents", "list", "--json"],
        vec!["drills", "list"],
        vec!["drills", "list", "--json"],
    ] {
        let out = run(&args);
        assert_eq!(forbidden(&out), Vec::<char>::new(), "{args:?}: {out:?}");
        if args.contains(&"json") || args.contains(&"--json") {
            let decoded = serde_json::from_str::<serde_json::Value>(&out)
                .unwrap()
                .to_string();
            assert!(
                !decoded.contains("\\u001b"),
                "{args:?}: escaped, not cleaned: {decoded}"
            );
        }
    }
    let md = run(&["incidents", "export", &id, "--format", "md"]);
    assert!(
        md.contains(&format!("{}: marked done", os_user())),
        "the operator, as the OS names them:\n{md}"
    );
    assert!(md.contains("vendor 4471"), "the note, cleaned:\n{md}");

    // The record keeps the raw bytes: cleaning happens on the way out.
    let store = floorwatch::store::Store::open(state_dir.path()).unwrap();
    let stored = store.incidents().unwrap();
    let note = stored[0].actions.iter().find_map(|a| match &a.kind {
        floorwatch::engine::checklist::ActionKind::Note { text } => Some(text.as_str()),
        _ => None,
    });
    assert_eq!(note, Some("vendor\u{202E}\u{200B}\u{E0041} 4471"));
}

/// A platform that echoes the request (credentials included) and hostile
/// text in its answer: the console shows the failure, and neither the
/// screen nor the log file holds the secret or a raw control character.
#[test]
fn an_echoing_platform_gets_no_secret_and_no_raw_text_into_the_log() {
    use super::fake::{FakeServer, Reply};
    if !tmux_available() {
        return;
    }
    const SECRET: &str = "Tok3n-s3cr3t+/=";
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(FakeServer::start(|request| {
        let mut headers: Vec<String> = request
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        headers.sort();
        let echoed = format!(
            "Evil\x1b]0;pwned\x07\u{202E}\u{E0041}\u{2028}: you sent {}",
            headers.join(" | ")
        );
        Reply::json(&serde_json::to_string(&echoed).unwrap())
    }));
    let config = format!(
        "[platform]\nkind = \"http\"\nurl = \"{}\"\nsecret_env = \"FW_TEST_TOKEN\"\npoll_interval = \"1s\"\n",
        server.url()
    );
    let log_dir = tempfile::tempdir().unwrap();
    let log = log_dir.path().join("floorwatch.log");
    let log_arg = log.display().to_string();
    let pane = Pane::start_with_files(
        "echo-log",
        &["--log-file", &log_arg],
        &[("FW_TEST_TOKEN", SECRET)],
        &[("floorwatch/config.toml", &config)],
    );
    let screen = pane.wait_for("garbage");
    assert!(!screen.contains("s3cr3t"), "{screen}");
    // Until the log has the failure (written by the poller as it happens).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("garbage")
    {
        assert!(
            Instant::now() < deadline,
            "the failure never reached the log"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(
        written.contains("you sent") && written.contains("Bearer <secret hidden>"),
        "the answer is quoted, the token hidden: {written}"
    );
    assert!(!written.contains("s3cr3t"), "{written}");
    assert!(
        !written
            .chars()
            .any(|c| c != '\n' && floorwatch::untrusted::is_forbidden(c)),
        "{written:?}"
    );
    assert!(
        server.requests().iter().any(|r| r
            .header("authorization")
            .is_some_and(|a| a.contains("s3cr3t"))),
        "the token was sent, so the echo carried it"
    );
}

/// The `c` copy through the real binary: tmux takes the OSC 52 sequence into
/// a paste buffer, which must hold the message with the operator's hostile
/// name cleaned.
#[test]
fn the_copied_message_reaches_the_clipboard_clean() {
    if !tmux_available() {
        return;
    }
    let state_dir = tempfile::tempdir().unwrap();
    let dir = state_dir.path().display().to_string();
    let operator = "ana\x1b]0;pwned\x07\u{202E}x\u{200D}\u{034F}\u{E0041}\u{2028}\u{9b}1m";
    let pane = Pane::start(
        "hostile-copy",
        &[
            "drill",
            "surge",
            "--speed",
            "60",
            "--seed",
            "3",
            "--state-dir",
            &dir,
        ],
        &[("USER", operator)],
    );
    pane.tmux(&["set", "-g", "set-clipboard", "on"]);
    pane.wait_for("Traffic surge v1");
    // The third step's message names the operator ("{operator} on the floor").
    pane.keys(&["j", "j", "c"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let copied = loop {
        let buffer = pane.tmux(&["show-buffer"]);
        if buffer.contains("on the floor") {
            break buffer;
        }
        assert!(
            Instant::now() < deadline,
            "nothing copied: {:?}\n{}",
            buffer,
            pane.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        copied.starts_with(&format!("DRILL — {} on the floor", os_user())),
        "{copied:?}"
    );
    assert!(
        !copied
            .chars()
            .any(|c| c != '\n' && floorwatch::untrusted::is_forbidden(c)),
        "{copied:?}"
    );
    pane.keys(&["q"]);
    pane.assert_terminal_restored("0");
}
