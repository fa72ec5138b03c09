//! `floorwatch hub` through its socket, with consoles speaking the protocol
//! from this test: one poll per interval however many attach, a console
//! that stops reading slows nobody and is sent the whole screen once it
//! reads again, and a console of another protocol version is told so.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use floorwatch::shell::protocol::{
    self, ConsoleHello, Hello, Role, ThemeChoice, ToConsole, ToHub, WireColorLevel, WireKey,
};
use tokio::net::UnixStream;

use super::fake::{FakeServer, Reply};

/// `floorwatch hub` on a state directory of its own, killed when dropped.
pub struct HubProcess {
    child: Child,
    pub dir: tempfile::TempDir,
}

impl Drop for HubProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl HubProcess {
    /// Starts the hub with `args` (a config file written from `config`, if
    /// any) and waits until its socket answers.
    pub fn start(config: Option<&str>, args: &[&str]) -> HubProcess {
        let dir = tempfile::tempdir().unwrap();
        let mut command = super::cli::floorwatch();
        command
            .arg("hub")
            .args(["--state-dir", &state_dir(dir.path()).display().to_string()])
            .args(args)
            .env("XDG_STATE_HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env_remove("FLOORWATCH_CONFIG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(text) = config {
            let file = dir.path().join("floorwatch.toml");
            std::fs::write(&file, text).unwrap();
            command.arg("--config").arg(file);
        }
        let child = command.spawn().unwrap();
        let hub = HubProcess { child, dir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::os::unix::net::UnixStream::connect(hub.socket()).is_err() {
            assert!(
                Instant::now() < deadline,
                "the hub never answered on its socket"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        hub
    }

    pub fn socket(&self) -> PathBuf {
        state_dir(self.dir.path()).join("hub.sock")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(state_dir(self.dir.path()).join("floorwatch.log"))
            .or_else(|_| std::fs::read_to_string(self.dir.path().join("floorwatch/floorwatch.log")))
            .unwrap_or_default()
    }
}

fn state_dir(root: &Path) -> PathBuf {
    root.join("state")
}

/// A console speaking the protocol from this test.
pub struct RawConsole {
    pub stream: UnixStream,
    pub operator: String,
}

impl RawConsole {
    pub async fn attach(socket: &Path, cols: u16, rows: u16) -> RawConsole {
        let mut stream = UnixStream::connect(socket).await.unwrap();
        let hello = ToHub::Hello(Hello::new(Role::Console(ConsoleHello {
            cols,
            rows,
            utc_offset_s: 0,
            theme: ThemeChoice {
                name: None,
                colours: WireColorLevel::None,
                user_themes: vec![],
            },
            no_bell: true,
        })));
        protocol::write_to_hub(&mut stream, &hello).await.unwrap();
        match protocol::read_welcome(&mut stream).await.unwrap() {
            Some(ToConsole::Welcome { operator, .. }) => RawConsole { stream, operator },
            other => panic!("not welcomed: {other:?}"),
        }
    }

    pub async fn key(&mut self, key: WireKey) {
        let at_ms = i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis(),
        )
        .unwrap();
        protocol::write_to_hub(&mut self.stream, &ToHub::Key { key, at_ms })
            .await
            .unwrap();
    }

    /// The next output frame within `patience`, as text.
    pub async fn next_output(&mut self, patience: Duration) -> Option<String> {
        loop {
            match tokio::time::timeout(patience, protocol::read_to_console(&mut self.stream)).await
            {
                Ok(Ok(Some(ToConsole::Output(bytes)))) => {
                    return Some(String::from_utf8_lossy(&bytes).into_owned());
                }
                Ok(Ok(Some(_))) => continue,
                _ => return None,
            }
        }
    }

    /// Everything sent within `time`, as text.
    pub async fn read_for(&mut self, time: Duration) -> String {
        let deadline = tokio::time::Instant::now() + time;
        let mut all = String::new();
        while let Some(left) = deadline.checked_duration_since(tokio::time::Instant::now()) {
            match self.next_output(left).await {
                Some(text) => all.push_str(&text),
                None => break,
            }
        }
        all
    }
}

/// A snapshot body as the http adapter reads it: the simulator's, once.
fn snapshot_body() -> String {
    let output = super::cli::floorwatch()
        .args(["poll", "--once", "--json", "--seed", "4"])
        .env_remove("FLOORWATCH_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn polls_in(server: &FakeServer, from: usize, time: Duration) -> usize {
    std::thread::sleep(time);
    server.requests().len() - from
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_is_polled_once_per_interval_with_two_and_with_twenty_consoles() {
    let body = snapshot_body();
    let server = FakeServer::start(move |_| Reply::json(&body)).await;
    let config = format!(
        "[platform]\nkind = \"http\"\nurl = \"{}\"\npoll_interval = \"1s\"\n",
        server.url()
    );
    let hub = HubProcess::start(Some(&config), &[]);
    let mut consoles = Vec::new();
    for _ in 0..2 {
        consoles.push(RawConsole::attach(&hub.socket(), 80, 24).await);
    }
    let window = Duration::from_secs(5);
    let before = server.requests().len();
    let with_two = tokio::task::block_in_place(|| polls_in(&server, before, window));
    for _ in 0..18 {
        consoles.push(RawConsole::attach(&hub.socket(), 80, 24).await);
    }
    let before = server.requests().len();
    let with_twenty = tokio::task::block_in_place(|| polls_in(&server, before, window));
    println!("polls in 5 s at a 1 s interval: {with_two} with 2 consoles, {with_twenty} with 20");
    for polls in [with_two, with_twenty] {
        assert!(
            (4..=6).contains(&polls),
            "one poll a second, not one per console: {with_two} with 2, {with_twenty} with 20"
        );
    }
    // Every console was drawn its own screen.
    for console in &mut consoles {
        let screen = console.read_for(Duration::from_millis(300)).await;
        assert!(!screen.is_empty(), "a console was sent nothing");
    }
}

/// One console freezes (its SSH link stalls: it reads nothing) while its
/// operator's keys still make the hub draw whole screens for it. The other
/// console is drawn every second as before; the frozen one, once it reads
/// again, is sent the whole screen rather than the backlog.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_that_stops_reading_slows_nobody_and_gets_the_whole_screen_after() {
    let hub = HubProcess::start(None, &["--speed", "1"]);
    let mut frozen = RawConsole::attach(&hub.socket(), 400, 150).await;
    let mut reader = RawConsole::attach(&hub.socket(), 80, 24).await;
    // Both have their first whole screen; from here on only changes come.
    frozen.read_for(Duration::from_millis(500)).await;
    reader.read_for(Duration::from_millis(500)).await;
    // Help on, help off: each a whole 400×150 screen for the frozen console.
    for n in 0..300 {
        frozen
            .key(if n % 2 == 0 {
                WireKey::Char('?')
            } else {
                WireKey::Esc
            })
            .await;
    }
    let mut gaps = Vec::new();
    let mut last = Instant::now();
    let until = Instant::now() + Duration::from_secs(8);
    while Instant::now() < until {
        if reader.next_output(Duration::from_secs(5)).await.is_none() {
            panic!("the reading console was sent nothing for 5 s");
        }
        gaps.push(last.elapsed());
        last = Instant::now();
    }
    let longest = gaps.iter().max().copied().unwrap_or_default();
    println!(
        "frames to the reading console while the other is frozen: {}, longest gap {longest:?}",
        gaps.len()
    );
    assert!(
        longest < Duration::from_millis(2500),
        "the reading console waited {longest:?} for a frame"
    );
    assert!(
        hub.log().contains("is behind"),
        "the frozen console's queue filled: {}",
        hub.log()
    );
    // It reads again: the backlog is not replayed; the whole screen comes.
    let mut caught_up = String::new();
    let until = Instant::now() + Duration::from_secs(10);
    // The header's name never changes, and help never covers it: only a
    // whole screen sends it again.
    let whole = |text: &str| text.contains(" floorwatch ");
    while Instant::now() < until && !whole(&caught_up) {
        match frozen.next_output(Duration::from_secs(2)).await {
            Some(frame) => caught_up.push_str(&frame),
            None => break,
        }
    }
    assert!(
        hub.log().contains("caught up") && whole(&caught_up),
        "a clear and a whole screen: {} bytes read; log:\n{}",
        caught_up.len(),
        hub.log()
    );
}

#[tokio::test]
async fn a_console_of_another_protocol_is_told_both_versions() {
    let hub = HubProcess::start(None, &["--speed", "1"]);
    let mut stream = UnixStream::connect(hub.socket()).await.unwrap();
    let frame = br#"{"type":"hello","protocol":99,"version":"9.9.9","role":{"console":{}}}"#;
    let mut bytes = u32::try_from(frame.len() + 1)
        .unwrap()
        .to_be_bytes()
        .to_vec();
    bytes.push(protocol::TAG_JSON);
    bytes.extend_from_slice(frame);
    protocol::write_frame(&mut stream, &bytes).await.unwrap();
    match protocol::read_welcome(&mut stream).await.unwrap() {
        Some(ToConsole::Refused { reason }) => {
            assert!(
                reason.contains("99") && reason.contains(&protocol::PROTOCOL.to_string()),
                "{reason}"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn a_hub_stopped_cleanly_takes_its_socket_with_it() {
    let mut hub = HubProcess::start(None, &["--speed", "1"]);
    // Welcomed: the hub's loop runs, and listens for signals.
    drop(RawConsole::attach(&hub.socket(), 80, 24).await);
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &hub.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = hub.child.wait().unwrap();
    assert!(status.success(), "{status:?}\n{}", hub.log());
    assert!(
        !hub.socket().exists(),
        "the socket outlived the hub that made it"
    );
}

#[test]
fn a_second_hub_on_the_same_directory_is_refused_and_names_it() {
    let hub = HubProcess::start(None, &["--speed", "1"]);
    let output = super::cli::floorwatch()
        .arg("hub")
        .args([
            "--state-dir",
            &state_dir(hub.dir.path()).display().to_string(),
        ])
        .env_remove("FLOORWATCH_CONFIG")
        .env("XDG_CONFIG_HOME", hub.dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a hub already serves") && stderr.contains("hub.sock"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_state_directory_and_socket_are_the_owners_alone_and_the_operator_is_the_os_user() {
    use std::os::unix::fs::PermissionsExt as _;
    let hub = HubProcess::start(None, &["--speed", "1"]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&state_dir(hub.dir.path())), 0o700);
    assert_eq!(mode(&hub.socket()), 0o600);
    let console = RawConsole::attach(&hub.socket(), 80, 24).await;
    let me = String::from_utf8(
        std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(console.operator, me.trim());
}
