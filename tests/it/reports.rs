//! The reading commands (`incidents list`, `incidents export`, `drills list`,
//! `audit`) through the real binary: on a store written here, on a state
//! directory that does not exist, and on one a console or a hub holds.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use floorwatch::cli::reports::answer;
use floorwatch::shell::protocol::{ReportFormat, ReportRequest, ToConsole, ToHub};

use floorwatch::store::{AuditRecord, Store};

use super::cli::floorwatch;

/// Runs a reading command on `dir`.
fn report(args: &[&str], dir: &Path) -> Output {
    floorwatch()
        .args(args)
        .arg("--state-dir")
        .arg(dir)
        .output()
        .unwrap()
}

const READING_COMMANDS: [&[&str]; 5] = [
    &["incidents", "list"],
    &["incidents", "list", "--json"],
    &["incidents", "export", "1"],
    &["drills", "list"],
    &["audit"],
];

/// A mistyped `--state-dir` is an error naming it, and nothing is created.
#[test]
fn a_state_directory_that_does_not_exist_is_an_error_and_is_not_created() {
    let parent = tempfile::tempdir().unwrap();
    let missing = parent.path().join("flooorwatch");
    for args in READING_COMMANDS {
        let output = report(args, &missing);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&missing.display().to_string()) && stderr.contains("does not exist"),
            "{args:?}: {stderr}"
        );
        assert!(!missing.exists(), "{args:?} created {}", missing.display());
    }
}

/// A store with two audit entries, one with hostile text, as a console writes them.
fn store_with_an_audit_log() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for (by, what, detail) in [
        (
            "ana@10.1.2.3",
            "alert-acknowledged",
            "Billing: SL 52% < 80%",
        ),
        (
            "bo\u{1b}[2Jb",
            "drill-started",
            "surge (checklist traffic-surge)\u{202E}\u{7}",
        ),
    ] {
        store
            .audit(AuditRecord {
                seq: 0,
                at: "2026-12-03T10:42:05.000Z".into(),
                by: by.into(),
                what: what.into(),
                detail: detail.into(),
                monotonic: None,
            })
            .unwrap();
    }
    dir
}

fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// `floorwatch audit`: every entry, oldest first, who and what, cleaned.
#[test]
fn audit_prints_the_log_in_words_and_cleaned() {
    let dir = store_with_an_audit_log();
    let text = stdout_of(&report(&["audit"], dir.path()));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("#1 2026-12-03T10:42:05.000Z (local ")
            && lines[0].ends_with("ana@10.1.2.3: alert acknowledged: Billing: SL 52% < 80%"),
        "{text}"
    );
    assert!(
        lines[1].ends_with("bob: drill started: surge (checklist traffic-surge)"),
        "{text}"
    );
    let forbidden = |c: char| c != '\n' && floorwatch::untrusted::is_forbidden(c);
    assert!(!text.chars().any(forbidden), "{text:?}");
}

#[test]
fn audit_json_has_every_entry_with_its_strings_cleaned() {
    let dir = store_with_an_audit_log();
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&report(&["audit", "--json"], dir.path()))).unwrap();
    assert_eq!(json[0]["seq"], 1);
    assert_eq!(json[0]["what"], "alert-acknowledged");
    assert_eq!(json[0]["by"], "ana@10.1.2.3");
    assert_eq!(json[1]["by"], "bob");
    assert_eq!(json[1]["detail"], "surge (checklist traffic-surge)");
    assert_eq!(json[1]["at"], "2026-12-03T10:42:05.000Z");
}

#[test]
fn audit_of_an_empty_log_says_so() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let text = stdout_of(&report(&["audit"], dir.path()));
    assert!(text.starts_with("no audit entries in "), "{text}");
}

/// A directory held by a floorwatch that answers no reports (an older
/// console; here this test process): refused after a wait, naming the holder
/// from the lock file and what to do, not "pick another --state-dir".
#[test]
fn a_directory_held_by_a_console_that_answers_no_reports_names_it_and_says_what_to_do() {
    let dir = store_with_an_audit_log();
    let _held = Store::open(dir.path()).unwrap();
    let output = report(&["incidents", "list"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("pid {}", std::process::id())),
        "the holder, from the lock file: {stderr}"
    );
    assert!(stderr.contains("quit it"), "{stderr}");
    assert!(!stderr.contains("pick another"), "{stderr}");
}

/// A store as consoles leave it: an incident with a step done, a drill, and
/// the audit log.
fn store_with_everything() -> tempfile::TempDir {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::engine::checklist::Run;
    use floorwatch::model::Timestamp;

    let dir = store_with_an_audit_log();
    let store = Store::open(dir.path()).unwrap();
    let t0 = Timestamp::from_secs(1_795_390_000);
    let catalog = ChecklistCatalog::builtin();
    for (checklist, drill) in [("telephony-outage", false), ("traffic-surge", true)] {
        let checklist = catalog.get(checklist).unwrap().clone();
        let mut run = Run::start(checklist, t0, "ana@10.1.2.3");
        run.complete(0, "ana@10.1.2.3", t0.plus(Duration::from_secs(90)))
            .unwrap();
        let record = super::store::record_for(&run, None, drill);
        let id = store.open_incident(record, &run.actions()[0]).unwrap();
        store.append(id, &run.actions()[1]).unwrap();
    }
    dir
}

/// Every report, as a command and as the request a hub is sent.
fn every_report() -> Vec<(Vec<&'static str>, ReportRequest)> {
    vec![
        (
            vec!["incidents", "list"],
            ReportRequest::IncidentsList { json: false },
        ),
        (
            vec!["incidents", "list", "--json"],
            ReportRequest::IncidentsList { json: true },
        ),
        (
            vec!["incidents", "export", "1"],
            ReportRequest::IncidentsExport {
                id: 1,
                format: ReportFormat::Md,
            },
        ),
        (
            vec!["incidents", "export", "2", "--format", "json"],
            ReportRequest::IncidentsExport {
                id: 2,
                format: ReportFormat::Json,
            },
        ),
        (
            vec!["drills", "list"],
            ReportRequest::DrillsList { json: false },
        ),
        (
            vec!["drills", "list", "--json"],
            ReportRequest::DrillsList { json: true },
        ),
        (vec!["audit"], ReportRequest::Audit { json: false }),
        (vec!["audit", "--json"], ReportRequest::Audit { json: true }),
    ]
}

/// What the hub answers is what the command prints on the same store.
#[test]
fn each_report_as_a_function_of_the_store_is_what_the_command_prints() {
    let dir = store_with_everything();
    for (args, request) in every_report() {
        let printed = stdout_of(&report(&args, dir.path()));
        let store = Store::open(dir.path()).unwrap();
        let answered = answer(&request, &store).unwrap();
        drop(store);
        assert_eq!(answered, printed, "{args:?}");
    }
}

/// A hub written here, on a real socket in the state directory: it reads
/// one hello and answers with the messages it is given (the real hub runs
/// `answer` on its record keeper's thread).
mod tiny_hub {
    use std::io::{Read, Write};
    use std::os::unix::net::UnixListener;
    use std::path::Path;
    use std::thread::JoinHandle;

    use floorwatch::shell::protocol::{ToConsole, ToHub, encode_to_console};

    /// Serves one connection on `dir/hub.sock`: `answer` turns the hello
    /// into the frames sent back (raw JSON, to speak another version too).
    /// Returns the hello it was sent.
    pub fn serve_once(
        dir: &Path,
        answer: impl FnOnce(&ToHub) -> Vec<Vec<u8>> + Send + 'static,
    ) -> JoinHandle<ToHub> {
        let listener = UnixListener::bind(dir.join("hub.sock")).unwrap();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut len = [0; 4];
            stream.read_exact(&mut len).unwrap();
            let mut frame = vec![0; u32::from_be_bytes(len) as usize];
            stream.read_exact(&mut frame).unwrap();
            assert_eq!(frame[0], b'J');
            let hello: ToHub = serde_json::from_slice(&frame[1..]).unwrap();
            for frame in answer(&hello) {
                stream.write_all(&frame).unwrap();
            }
            hello
        })
    }

    pub fn frame(message: &ToConsole) -> Vec<u8> {
        encode_to_console(message).unwrap()
    }

    /// A frame of JSON as another build might send it.
    pub fn raw(json: serde_json::Value) -> Vec<u8> {
        let mut body = vec![b'J'];
        body.extend(serde_json::to_vec(&json).unwrap());
        let mut frame = (body.len() as u32).to_be_bytes().to_vec();
        frame.extend(body);
        frame
    }

    pub fn welcome() -> Vec<u8> {
        frame(&ToConsole::Welcome {
            protocol: floorwatch::shell::protocol::PROTOCOL,
            operator: "ana".into(),
        })
    }
}

/// The report a hello asks for.
fn asked(hello: &ToHub) -> ReportRequest {
    match hello {
        ToHub::Hello(floorwatch::shell::protocol::Hello {
            role: floorwatch::shell::protocol::Role::Report(request),
            ..
        }) => request.clone(),
        other => panic!("not a report's hello: {other:?}"),
    }
}

/// With a hub answering on the state directory's socket, every report
/// comes from it, as the command would print it on the store the hub holds.
#[test]
fn a_report_is_asked_of_the_hub_that_holds_the_store() {
    let dir = store_with_everything();
    for (args, request) in every_report() {
        // The hub holds the store: a report cannot open it itself.
        let store = Store::open(dir.path()).unwrap();
        let hub = tiny_hub::serve_once(dir.path(), move |hello| {
            let text = answer(&asked(hello), &store).unwrap();
            vec![
                tiny_hub::welcome(),
                tiny_hub::frame(&ToConsole::Report { text }),
            ]
        });
        let printed = stdout_of(&report(&args, dir.path()));
        let hello = hub.join().unwrap();
        assert_eq!(asked(&hello), request);
        std::fs::remove_file(dir.path().join("hub.sock")).unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(printed, answer(&request, &store).unwrap(), "{args:?}");
    }
}

/// The hub's text is from another process: it is printed cleaned.
#[test]
fn the_hubs_text_is_printed_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let hub = tiny_hub::serve_once(dir.path(), |_| {
        vec![
            tiny_hub::welcome(),
            tiny_hub::frame(&ToConsole::Report {
                text: "#1 Evil\u{1b}[2J\u{202E}Queue\n".into(),
            }),
        ]
    });
    let printed = stdout_of(&report(&["incidents", "list"], dir.path()));
    assert_eq!(printed, "#1 EvilQueue\n");
    hub.join().unwrap();
}

/// A hub that refuses (another user, another version): a clear error
/// naming the hub, with its reason, and a failing exit.
#[test]
fn a_hub_that_refuses_the_report_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let hub = tiny_hub::serve_once(dir.path(), |_| {
        vec![tiny_hub::frame(&ToConsole::Refused {
            reason: "uid 1001 is not the owner nor in group floor".into(),
        })]
    });
    let output = report(&["audit"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    hub.join().unwrap();
    assert!(output.stdout.is_empty());
    let socket = dir.path().join("hub.sock");
    assert!(
        stderr.contains(&format!(
            "the hub at {} refused the report",
            socket.display()
        )) && stderr.contains("uid 1001 is not the owner nor in group floor"),
        "{stderr}"
    );
}

/// A hub that could not make the report (its store is not open: live-only).
#[test]
fn a_hub_that_cannot_make_the_report_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let hub = tiny_hub::serve_once(dir.path(), |_| {
        vec![
            tiny_hub::welcome(),
            tiny_hub::frame(&ToConsole::ReportFailed {
                reason: "the store is not open: No space left on device".into(),
            }),
        ]
    });
    let output = report(&["drills", "list"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    hub.join().unwrap();
    assert!(
        stderr.contains("could not make the report: the store is not open: No space left"),
        "{stderr}"
    );
}

/// A hub of another protocol is named as such, not misread.
#[test]
fn a_hub_of_another_protocol_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let hub = tiny_hub::serve_once(dir.path(), |_| {
        vec![tiny_hub::raw(serde_json::json!(
            {"type": "welcome", "protocol": 2, "operator": "ana", "shape": ["new"]}
        ))]
    });
    let output = report(&["audit"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    hub.join().unwrap();
    assert!(
        stderr.contains("hub.sock speaks floorwatch protocol 2")
            && stderr.contains("speaks protocol 1: run the same floorwatch"),
        "{stderr}"
    );
}

/// A socket file left by a hub that stopped: nobody answers, the store is read.
#[test]
fn a_socket_nobody_answers_on_is_passed_over() {
    let dir = store_with_an_audit_log();
    drop(std::os::unix::net::UnixListener::bind(dir.path().join("hub.sock")).unwrap());
    let text = stdout_of(&report(&["audit"], dir.path()));
    assert!(text.starts_with("#1 "), "{text}");
}

/// `floorwatch hub` on `dir`, killed when dropped.
struct RunningHub(std::process::Child);

impl Drop for RunningHub {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the real hub (on the simulator) on `dir` and waits for its socket.
fn hub_on(dir: &Path, home: &Path) -> RunningHub {
    let child = floorwatch()
        .arg("hub")
        .arg("--state-dir")
        .arg(dir)
        .env("XDG_STATE_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("FLOORWATCH_CONFIG")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let hub = RunningHub(child);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::os::unix::net::UnixStream::connect(dir.join("hub.sock")).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the hub never answered"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    hub
}

/// The real hub holds the store and answers the reports: the same text as
/// the commands print on the store alone (the audit log, and an incident
/// closed before the hub started, which nothing changes any more).
#[test]
fn floorwatch_hub_answers_the_reports_while_it_holds_the_store() {
    use floorwatch::config::checklist::ChecklistCatalog;
    use floorwatch::engine::checklist::Run;
    use floorwatch::model::Timestamp;

    let home = tempfile::tempdir().unwrap();
    let dir = store_with_an_audit_log();
    {
        let store = Store::open(dir.path()).unwrap();
        let t0 = Timestamp::from_secs(1_795_390_000);
        let checklist = ChecklistCatalog::builtin()
            .get("telephony-outage")
            .unwrap()
            .clone();
        let mut run = Run::start(checklist, t0, "ana@10.1.2.3");
        run.complete(0, "ana@10.1.2.3", t0.plus(Duration::from_secs(90)))
            .unwrap();
        run.close(
            "ana@10.1.2.3",
            t0.plus(Duration::from_secs(600)),
            "resolved",
        )
        .unwrap();
        let record = super::store::record_for(&run, None, false);
        let id = store.open_incident(record, &run.actions()[0]).unwrap();
        for action in &run.actions()[1..] {
            store.append(id, action).unwrap();
        }
    }
    let asked: [&[&str]; 4] = [
        &["audit"],
        &["audit", "--json"],
        &["incidents", "export", "1"],
        &["incidents", "export", "1", "--format", "json"],
    ];
    let alone: Vec<String> = asked
        .iter()
        .map(|args| stdout_of(&report(args, dir.path())))
        .collect();
    let _hub = hub_on(dir.path(), home.path());
    for (args, alone) in asked.iter().zip(alone) {
        // The hub holds the directory's lock: only it can have answered.
        assert_eq!(stdout_of(&report(args, dir.path())), alone, "{args:?}");
    }
}
