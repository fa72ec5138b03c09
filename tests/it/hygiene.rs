//! Outside text and odd inputs at every exit: hostile names never leave the
//! process raw (stdout, stderr, the log, reports), a secret never comes back
//! out in a message, and a secret file that is not a file is refused.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::cli::floorwatch;

/// Runs a command that must end by itself; one still running after `limit`
/// is killed and reported as hanging (a generous bound: the machine is shared).
fn finishes(command: &mut Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "{command:?} still running after {limit:?}: it hangs. stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn check_config_with_secret_file(dir: &Path, secret_file: &Path) -> Output {
    let config = dir.join("floorwatch.toml");
    std::fs::write(
        &config,
        format!(
            "[platform]\nkind = \"http\"\nurl = \"http://127.0.0.1:9/\"\nsecret_file = \"{}\"\n",
            secret_file.display()
        ),
    )
    .unwrap();
    finishes(
        floorwatch()
            .arg("check-config")
            .arg(&config)
            .env_remove("FLOORWATCH_CONFIG"),
        Duration::from_secs(60),
    )
}

mod odd_files {
    use super::*;

    fn refused_naming(output: &Output, file: &Path, why: &str) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(
            stderr.contains(&file.display().to_string()) && stderr.contains("secret_file"),
            "names the file and the key: {stderr}"
        );
        assert!(stderr.contains(why), "says why ({why}): {stderr}");
    }

    #[test]
    fn a_fifo_as_secret_file_is_refused_not_read_forever() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("token.fifo");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        std::fs::set_permissions(&fifo, std::fs::Permissions::from_mode(0o600)).unwrap();
        let output = check_config_with_secret_file(dir.path(), &fifo);
        refused_naming(&output, &fifo, "not a regular file (a FIFO)");
    }

    #[test]
    fn a_fifo_as_ca_file_is_refused_not_read_forever() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ca.fifo");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let config = dir.path().join("floorwatch.toml");
        std::fs::write(
            &config,
            format!(
                "[platform]\nkind = \"http\"\nurl = \"https://127.0.0.1:9/\"\nca_file = \"{}\"\n",
                fifo.display()
            ),
        )
        .unwrap();
        let output = finishes(
            floorwatch().arg("check-config").arg(&config),
            Duration::from_secs(60),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(
            stderr.contains("ca.fifo") && stderr.contains("not a regular file (a FIFO)"),
            "{stderr}"
        );
    }

    #[test]
    fn a_device_as_secret_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let output = check_config_with_secret_file(dir.path(), Path::new("/dev/zero"));
        refused_naming(
            &output,
            Path::new("/dev/zero"),
            "not a regular file (a device)",
        );
    }

    #[test]
    fn a_directory_as_secret_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("secrets");
        std::fs::create_dir(&sub).unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o700)).unwrap();
        let output = check_config_with_secret_file(dir.path(), &sub);
        refused_naming(&output, &sub, "not a regular file (a directory)");
    }

    #[test]
    fn a_huge_secret_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("token");
        let file = std::fs::File::create(&big).unwrap();
        // Sparse: a gigabyte on paper, nothing on disk.
        file.set_len(1 << 30).unwrap();
        std::fs::set_permissions(&big, std::fs::Permissions::from_mode(0o600)).unwrap();
        let output = check_config_with_secret_file(dir.path(), &big);
        refused_naming(&output, &big, "larger than");
    }
}

/// Whatever left the process, with any character that may not leave it.
fn forbidden_in(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| *c != '\n' && floorwatch::untrusted::is_forbidden(*c))
        .collect()
}

mod echoed_secrets {
    use super::*;
    use crate::fake::{FakeServer, Reply, Request};
    use base64::Engine as _;

    /// ASCII (a header must carry it) but with what encodings change: + / = & and a space.
    const SECRET: &str = "Hunter2-s3cr3t+/=&x y";
    const USER: &str = "fw-user";

    /// The request as an echoing platform sends it back: every header and the
    /// body, with some hostile bytes of its own.
    fn echo(request: &Request) -> String {
        let mut headers: Vec<String> = request
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        headers.sort();
        format!(
            "\x1b]0;pwned\x07\u{202E}you sent {} {} | {} | body {}",
            request.method,
            request.target,
            headers.join(" | "),
            String::from_utf8_lossy(&request.body)
        )
    }

    #[derive(Clone, Copy, Debug)]
    enum Answer {
        /// A 500 with the request in its body.
        ServerError,
        /// A 400 with the request in its body.
        BadRequest,
        /// A 200 whose body quotes the request where the adapter looks for data
        /// (a JSON string where an object belongs; an AMI error message).
        Quoted,
    }

    fn reply(answer: Answer, rawman: bool, request: &Request) -> Reply {
        let echoed = echo(request);
        match answer {
            Answer::ServerError => Reply::status(500, "Internal Server Error", &[], echoed),
            Answer::BadRequest => Reply::status(400, "Bad Request", &[], echoed),
            Answer::Quoted if rawman => Reply::status(
                200,
                "OK",
                &[("Content-Type", "text/plain")],
                format!("Response: Error\r\nMessage: {echoed}\r\n\r\n"),
            ),
            Answer::Quoted => Reply::json(&serde_json::to_string(&echoed).unwrap()),
        }
    }

    /// `[platform]` for each adapter that sends a secret, against `url`.
    fn configs(url: &str) -> Vec<(&'static str, String)> {
        let secret_env = "secret_env = \"FW_TEST_ECHO_SECRET\"";
        vec![
            (
                "http bearer",
                format!("kind = \"http\"\nurl = \"{url}\"\n{secret_env}"),
            ),
            (
                "http basic",
                format!("kind = \"http\"\nurl = \"{url}\"\nusername = \"{USER}\"\n{secret_env}"),
            ),
            (
                "asterisk",
                format!(
                    "kind = \"asterisk\"\nurl = \"{url}\"\nusername = \"{USER}\"\n{secret_env}"
                ),
            ),
            (
                "twilio",
                format!(
                    "kind = \"twilio\"\nurl = \"{url}\"\nusername = \"{USER}\"\n{secret_env}\n\
                     workspace_sid = \"WS0123456789abcdef0123456789abcdef\""
                ),
            ),
            (
                "genesys",
                format!("kind = \"genesys\"\nurl = \"{url}\"\nusername = \"{USER}\"\n{secret_env}"),
            ),
        ]
    }

    /// Every way the secret could show: as itself or form- or percent-encoded
    /// (all keep `s3cr3t`), in a Basic header, or base64 on its own.
    fn leaks(text: &str) -> Vec<String> {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        [
            "s3cr3t".to_owned(),
            b64(&format!("{USER}:{SECRET}")),
            b64(SECRET),
        ]
        .into_iter()
        .filter(|form| text.contains(form.as_str()))
        .collect()
    }

    /// A password written into a bad URL is not quoted back by check-config.
    #[test]
    fn check_config_never_quotes_a_password_in_a_url() {
        for url in [
            "ftp://fw:hunt3r-pw@pbx.example/",
            "http://fw:hunt3r-pw@pbx.example:99999/",
            "https://fw:hunt3r-pw@pbx.example/",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let config = dir.path().join("floorwatch.toml");
            std::fs::write(
                &config,
                format!("[platform]\nkind = \"http\"\nurl = \"{url}\"\n"),
            )
            .unwrap();
            let output = finishes(
                floorwatch().arg("check-config").arg(&config),
                Duration::from_secs(60),
            );
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(!output.status.success(), "{url}: {said}");
            assert!(said.contains("floorwatch.toml:3"), "{url}: {said}");
            assert!(!said.contains("hunt3r"), "{url}: {said}");
        }
    }

    /// Genesys sends an access token it was given, not the configured
    /// secret: an API that echoes it back must not get it into the message.
    #[test]
    fn genesys_echoing_its_access_token_never_gets_it_into_a_message() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(FakeServer::start(|request| {
            if request.path().ends_with("/oauth/token") {
                return Reply::json(r#"{"access_token": "AT-t0ken-value", "expires_in": 86399}"#);
            }
            Reply::json(&serde_json::to_string(&echo(request)).unwrap())
        }));
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("floorwatch.toml");
        std::fs::write(
            &config,
            format!(
                "[platform]\nkind = \"genesys\"\nurl = \"{}\"\nusername = \"{USER}\"\n\
                 secret_env = \"FW_TEST_ECHO_SECRET\"\n",
                server.url()
            ),
        )
        .unwrap();
        let output = finishes(
            floorwatch()
                .args(["poll", "--once", "--config"])
                .arg(&config)
                .env("FW_TEST_ECHO_SECRET", SECRET),
            Duration::from_secs(60),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("garbage"), "{stderr}");
        assert!(!stderr.contains("t0ken"), "{stderr}");
        assert!(
            server
                .requests()
                .iter()
                .any(|r| r.header("authorization") == Some("Bearer AT-t0ken-value")),
            "the token was sent, so the echo carried it"
        );
    }

    #[test]
    fn a_platform_echoing_the_credentials_never_gets_them_into_a_message() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        for answer in [Answer::ServerError, Answer::BadRequest, Answer::Quoted] {
            let server = runtime.block_on(FakeServer::start(move |request| {
                // Only Asterisk has a /rawman path.
                reply(answer, request.path().ends_with("/rawman"), request)
            }));
            for (adapter, platform) in configs(&server.url()) {
                let dir = tempfile::tempdir().unwrap();
                let config = dir.path().join("floorwatch.toml");
                std::fs::write(&config, format!("[platform]\n{platform}\n")).unwrap();
                let output = finishes(
                    floorwatch()
                        .args(["poll", "--once", "--config"])
                        .arg(&config)
                        .env("FW_TEST_ECHO_SECRET", SECRET),
                    Duration::from_secs(60),
                );
                let said = format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
                assert!(!output.status.success(), "{adapter} {answer:?}: {said}");
                assert!(
                    said.contains("floorwatch: "),
                    "{adapter} {answer:?}: the failure is reported: {said}"
                );
                assert_eq!(
                    leaks(&said),
                    Vec::<String>::new(),
                    "{adapter} {answer:?} leaked the secret: {said}"
                );
                assert_eq!(
                    forbidden_in(&said),
                    Vec::<char>::new(),
                    "{adapter} {answer:?}: {said:?}"
                );
            }
            assert!(
                server
                    .requests()
                    .iter()
                    .any(|r| !leaks(&echo(r)).is_empty()),
                "{answer:?}: the secret was sent, so the echo could carry it"
            );
        }
    }
}

/// RELIABILITY's hostile corpus, items 1 and 2, in one name: escape
/// sequences (screen clear, title, clipboard, title report, DCS, 8-bit CSI),
/// a carriage return, backspaces and bells; bidirectional overrides and
/// isolates, zero-width joiners, a homoglyph, Zalgo, the combining grapheme
/// joiner, tag characters, line and paragraph separators, a BOM, NUL and DEL.
pub const HOSTILE: &str = "Bil\x1b[2J\x1b]0;pwned\x07\x1b]52;c;cm0gLXJm\x07\x1b[21t\x1bP1|x\x1b\\l\u{9b}2J\
    \rin\x08\x08g\x07\x07 \u{202E}4321\u{202C}\u{2066}\u{2069}Z\u{200D}o\u{200B}e Qu\u{0435}ue \
    Z\u{0337}\u{0322}\u{031B}\u{034F}\u{E0001}\u{E0041}\u{E007F}\u{2028}\u{2029}\u{FEFF}\u{0}\u{7f}";

/// The hostile name as it must come out: every forbidden character gone, the letters kept.
pub const HOSTILE_CLEANED: &str = "Billing 4321Zoe Qu\u{0435}ue Z\u{0337}\u{0322}\u{031B}";

#[test]
fn the_corpus_name_cleans_to_its_letters() {
    assert_eq!(floorwatch::untrusted::clean(HOSTILE), HOSTILE_CLEANED);
}

mod exits {
    use super::*;
    use crate::fake::{FakeServer, Reply};

    fn hostile_snapshot() -> String {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        serde_json::json!({
            "schema": "floorwatch.snapshot.v1",
            "platform": {"kind": "http", "name": HOSTILE},
            "observed_at": now,
            "queues": [{
                "id": format!("q1{HOSTILE}"), "name": HOSTILE, "waiting": 2,
                "longest_wait_s": 31.0,
                "agents": {"available": 1, "on_call": 3, "wrap_up": 0, "not_ready": 1},
                "counters_since": null, "offered": 10, "answered": 8, "answered_in_sl": 6,
                "abandoned": 1, "abandoned_in_sl": 0, "sl_threshold_s": 20.0,
                "service_level": null, "sl_formula": "x", "asa_s": null, "aht_s": null,
                "abandon_rate": null, "sentiment": null
            }]
        })
        .to_string()
    }

    fn poll_once(url: &str, extra: &[&str]) -> Output {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("floorwatch.toml");
        std::fs::write(
            &config,
            format!("[platform]\nkind = \"http\"\nurl = \"{url}\"\n"),
        )
        .unwrap();
        finishes(
            floorwatch()
                .args(["poll", "--once", "--config"])
                .arg(&config)
                .args(extra),
            Duration::from_secs(60),
        )
    }

    #[test]
    fn poll_once_prints_hostile_names_clean_in_the_table_and_the_json() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(FakeServer::start(|_| Reply::json(&hostile_snapshot())));
        let table = poll_once(&server.url(), &[]);
        let stdout = String::from_utf8_lossy(&table.stdout);
        assert!(
            table.status.success(),
            "{}",
            String::from_utf8_lossy(&table.stderr)
        );
        assert_eq!(forbidden_in(&stdout), Vec::<char>::new(), "{stdout:?}");
        assert!(stdout.starts_with(HOSTILE_CLEANED), "{stdout}");

        let json = poll_once(&server.url(), &["--json"]);
        let stdout = String::from_utf8_lossy(&json.stdout);
        assert!(
            json.status.success(),
            "{}",
            String::from_utf8_lossy(&json.stderr)
        );
        let snapshot: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        // Decoded, not only as bytes: JSON's own escapes would bring ESC back.
        let decoded = snapshot.to_string();
        for text in [&*stdout, &decoded] {
            assert_eq!(forbidden_in(text), Vec::<char>::new(), "{text:?}");
            assert!(
                !text.contains("\\u001b") && !text.contains("\\u0007"),
                "{text}"
            );
        }
        assert_eq!(snapshot["platform"]["name"], HOSTILE_CLEANED);
        assert_eq!(snapshot["queues"][0]["name"], HOSTILE_CLEANED);
    }

    #[test]
    fn a_platform_error_quoting_hostile_text_reaches_stderr_clean() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        // Asterisk's own error message is quoted as it came.
        let server = runtime.block_on(FakeServer::start(|_| {
            Reply::status(
                200,
                "OK",
                &[("Content-Type", "text/plain")],
                format!("Response: Error\r\nMessage: {HOSTILE}\r\n\r\n"),
            )
        }));
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("floorwatch.toml");
        std::fs::write(
            &config,
            format!(
                "[platform]\nkind = \"asterisk\"\nurl = \"{}\"\nusername = \"fw\"\nsecret_env = \"FW_TEST_AMI\"\n",
                server.url()
            ),
        )
        .unwrap();
        let output = finishes(
            floorwatch()
                .args(["poll", "--once", "--config"])
                .arg(&config)
                .env("FW_TEST_AMI", "x-secret"),
            Duration::from_secs(60),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(
            stderr.contains(HOSTILE_CLEANED),
            "quoted, cleaned: {stderr}"
        );
        assert_eq!(forbidden_in(&stderr), Vec::<char>::new(), "{stderr:?}");
    }

    /// `text` as a TOML basic string, every character outside printable ASCII escaped.
    fn toml_string(text: &str) -> String {
        let mut out = String::from('"');
        for c in text.chars() {
            match c {
                '"' | '\\' => out.push_str(&format!("\\{c}")),
                ' '..='~' => out.push(c),
                c if u32::from(c) > 0xFFFF => out.push_str(&format!("\\U{:08X}", u32::from(c))),
                c => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn check_config_quotes_a_hostile_file_clean() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("floorwatch.toml");
        let hostile = toml_string(HOSTILE);
        std::fs::write(
            &config,
            format!(
                "[platform]\nkind = \"http\"\n{hostile} = 1\nurl = {hostile}\n\n\
                 [[rules]]\nid = {hostile}\nchecklist = {hostile}\n"
            ),
        )
        .unwrap();
        let output = finishes(
            floorwatch().arg("check-config").arg(&config),
            Duration::from_secs(60),
        );
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.status.success(), "{said}");
        assert!(
            said.contains("floorwatch.toml:3") && said.contains("Billing 4321Zoe"),
            "the problems quote the file, on their lines: {said}"
        );
        assert_eq!(forbidden_in(&said), Vec::<char>::new(), "{said:?}");
    }
}
