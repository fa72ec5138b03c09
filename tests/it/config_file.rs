//! The config file from the command line: `check-config` reports every
//! problem with file and line, `poll --once --json --config FILE` reads real
//! platforms, and the console refuses a bad file before going full screen.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

use super::cli::floorwatch;
use super::{asterisk, genesys, twilio};

fn write_config(dir: &tempfile::TempDir, text: &str) -> PathBuf {
    let path = dir.path().join("floorwatch.toml");
    std::fs::write(&path, text).unwrap();
    path
}

async fn run(args: Vec<String>, env: Vec<(&str, &str)>) -> Output {
    let env: Vec<(String, String)> = env.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
    tokio::task::spawn_blocking(move || {
        let mut command = floorwatch();
        command.args(&args).env_remove("FLOORWATCH_CONFIG");
        for (k, v) in env {
            command.env(k, v);
        }
        command.output().unwrap()
    })
    .await
    .unwrap()
}

fn args(list: &[&str], path: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    out.push(path.display().to_string());
    out
}

#[tokio::test]
async fn check_config_reports_every_problem_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        "[platform]\nkind = \"asterisk\"\nurl = \"http://user:pw@127.0.0.1:8088\"\npoll_interval = \"soon\"\nworkspace_sid = \"WS1\"\n",
    );
    let output = run(args(&["check-config"], &path), vec![]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let file = path.display().to_string();
    for (line, words) in [
        (3, "not in the URL"),
        (4, "not a duration"),
        (5, "does not apply"),
    ] {
        assert!(
            stderr.contains(&format!("{file}:{line}:")) && stderr.contains(words),
            "line {line} should say {words:?}:\n{stderr}"
        );
    }
    assert!(stderr.contains("needs \"username\""), "{stderr}");
    assert!(stderr.contains("needs a secret"), "{stderr}");
}

#[tokio::test]
async fn check_config_names_a_missing_secret_variable_and_passes_a_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        "[platform]\nkind = \"asterisk\"\nurl = \"http://127.0.0.1:8088\"\nusername = \"wallboard\"\nsecret_env = \"FW_TEST_UNSET_SECRET\"\n",
    );
    let output = run(args(&["check-config"], &path), vec![]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("FW_TEST_UNSET_SECRET") && stderr.contains("not set"),
        "{stderr}"
    );

    let output = run(
        args(&["check-config"], &path),
        vec![("FW_TEST_UNSET_SECRET", "x")],
    )
    .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("ok: asterisk at http://127.0.0.1:8088/"),
        "{stdout}"
    );
}

#[tokio::test]
async fn the_console_refuses_a_bad_config_before_going_full_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(&dir, "[platform]\nkind = \"avaya\"\n");
    let output = run(args(&["--config"], &path), vec![]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(":2:") && stderr.contains("unknown platform kind \"avaya\""),
        "{stderr}"
    );
    assert!(
        !output.stdout.windows(8).any(|w| w == b"\x1b[?1049h"),
        "the alternate screen was never entered"
    );
}

#[tokio::test]
async fn poll_once_json_reads_asterisk_through_the_config_file() {
    let Some((pbx, server)) = asterisk::start_pbx().await else {
        return;
    };
    *pbx.moment.lock().unwrap() = "busy";
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        &format!(
            "[platform]\nkind = \"asterisk\"\nurl = \"{}\"\nusername = \"{}\"\nsecret_env = \"FW_TEST_AMI_SECRET\"\npoll_interval = \"5s\"\n",
            server.url(),
            asterisk::USER
        ),
    );
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![("FW_TEST_AMI_SECRET", asterisk::SECRET)],
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stdout.contains(asterisk::SECRET),
        "the secret is never printed"
    );
    let snapshot: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(snapshot["platform"]["kind"], "asterisk");
    let support = snapshot["queues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "support")
        .unwrap();
    assert_eq!(support["waiting"], 3);
    assert_eq!(support["answered"], 4);
    assert_eq!(
        support["asa_s"],
        Value::Null,
        "not provided is null, never 0"
    );
    assert_eq!(support["sl_threshold_s"], 20.0);
}

#[tokio::test]
async fn poll_once_json_reads_a_snapshot_endpoint_and_reports_failures_plainly() {
    let server = super::serve::start(&["--seed", "4"]);
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        &format!("[platform]\nkind = \"http\"\nurl = \"{}\"\n", server.base),
    );
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![],
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let snapshot: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(snapshot["queues"].as_array().unwrap().len() >= 5);
    drop(server);

    let refused = super::fake::refused_url().await;
    let path = write_config(
        &dir,
        &format!("[platform]\nkind = \"http\"\nurl = \"{refused}\"\n"),
    );
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![],
    )
    .await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("platform unreachable") && stderr.contains("cannot connect"),
        "{stderr}"
    );
}

/// `poll --once --json --config FILE` with the secret in `variable`, parsed.
async fn poll_with_config(config: &str, variable: &'static str, secret: &'static str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(&dir, config);
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![(variable, secret)],
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains(secret), "the secret is never printed");
    serde_json::from_str(&stdout).unwrap()
}

fn queue_named<'a>(snapshot: &'a Value, name: &str) -> &'a Value {
    snapshot["queues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == name)
        .unwrap()
}

#[tokio::test]
async fn poll_once_json_reads_twilio_through_the_config_file() {
    let Some(server) = twilio::serve_test_workspace().await else {
        return;
    };
    let config = format!(
        "[platform]\nkind = \"twilio\"\nurl = \"{}\"\nusername = \"{}\"\nsecret_env = \"FW_TEST_TWILIO_TOKEN\"\nworkspace_sid = \"{}\"\ntask_channel = \"voice\"\nsl_threshold = \"20s\"\n",
        server.url(),
        twilio::USERNAME,
        twilio::WORKSPACE
    );
    let snapshot = poll_with_config(&config, "FW_TEST_TWILIO_TOKEN", twilio::SECRET).await;
    assert_eq!(snapshot["platform"]["kind"], "twilio");
    assert_eq!(
        snapshot["queues"].as_array().unwrap().len(),
        3,
        "both pages read"
    );
    let billing = queue_named(&snapshot, "Billing");
    assert_eq!(billing["waiting"], 4);
    assert_eq!(
        billing["aht_s"],
        Value::Null,
        "TaskRouter has no handle time: null, not 0"
    );
    assert_eq!(billing["sl_threshold_s"], 20.0);
}

#[tokio::test]
async fn poll_once_json_reads_genesys_through_the_config_file() {
    let (_org, server) = genesys::start_org(86_399).await;
    let config = format!(
        "[platform]\nkind = \"genesys\"\nurl = \"{}\"\nusername = \"{}\"\nsecret_env = \"FW_TEST_GENESYS_SECRET\"\nmedia_type = \"voice\"\n",
        server.url(),
        genesys::CLIENT_ID
    );
    let snapshot = poll_with_config(&config, "FW_TEST_GENESYS_SECRET", genesys::SECRET).await;
    assert_eq!(snapshot["platform"]["kind"], "genesys");
    let queues = snapshot["queues"].as_array().unwrap();
    assert!(queues.len() >= 2, "{snapshot}");
    assert!(
        queues
            .iter()
            .any(|q| q["offered"].as_u64().unwrap_or(0) > 0),
        "day counters arrived: {snapshot}"
    );
}

#[tokio::test]
async fn poll_once_json_reads_genesys_sentiment_when_the_config_file_asks() {
    let (_org, server) = genesys::start_org(86_399).await;
    let config = format!(
        "[platform]\nkind = \"genesys\"\nurl = \"{}\"\nusername = \"{}\"\nsecret_env = \"FW_TEST_GENESYS_SECRET\"\nsentiment = true\n",
        server.url(),
        genesys::CLIENT_ID
    );
    let snapshot = poll_with_config(&config, "FW_TEST_GENESYS_SECRET", genesys::SECRET).await;
    let interactions = snapshot["interactions"].as_array().unwrap();
    let angry = interactions
        .iter()
        .find(|i| i["id"] == "conv-angry")
        .unwrap_or_else(|| panic!("{snapshot}"));
    assert_eq!(angry["sentiment"], -0.6);
    assert_eq!(angry["queue"], "q-sales");
}

#[tokio::test]
async fn check_config_reports_a_sentiment_that_is_not_a_boolean_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        "[platform]\nkind = \"genesys\"\nregion = \"eu-central-1\"\nusername = \"client\"\nsecret_env = \"FW_TEST_GENESYS_SECRET\"\nsentiment = \"yes\"\n",
    );
    let output = run(
        args(&["check-config"], &path),
        vec![("FW_TEST_GENESYS_SECRET", "x")],
    )
    .await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let file = path.display().to_string();
    assert!(
        stderr.contains(&format!("{file}:6:")) && stderr.contains("\"sentiment\""),
        "{stderr}"
    );
}

const TINY_SNAPSHOT: &str = r#"{"schema": "floorwatch.snapshot.v1", "platform": {"kind": "http", "name": "behind a proxy"},
    "observed_at": "2026-11-23T10:00:00Z", "queues": []}"#;

#[tokio::test]
async fn proxy_variables_are_honoured() {
    use super::fake::{FakeServer, Reply};
    // A forward proxy on 127.0.0.1: the PBX's name is never looked up here, the proxy is asked.
    let proxy = FakeServer::start(|_| Reply::json(TINY_SNAPSHOT)).await;
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        "[platform]\nkind = \"http\"\nurl = \"http://pbx.example:8088\"\n",
    );
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![("HTTP_PROXY", &proxy.url()), ("NO_PROXY", "")],
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        proxy.requests()[0].target,
        "http://pbx.example:8088/v1/snapshot",
        "the request went to the proxy, in absolute form"
    );

    // NO_PROXY names the PBX: straight to it, past a proxy that would refuse.
    let pbx = FakeServer::start(|_| Reply::json(TINY_SNAPSHOT)).await;
    let path = write_config(
        &dir,
        &format!("[platform]\nkind = \"http\"\nurl = \"{}\"\n", pbx.url()),
    );
    let dead_proxy = super::fake::refused_url().await;
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![("HTTP_PROXY", &dead_proxy), ("NO_PROXY", "127.0.0.1")],
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(pbx.requests().len(), 1);
}

#[tokio::test]
async fn a_rejected_login_is_reported_plainly_without_the_secret() {
    let Some((_pbx, server)) = asterisk::start_pbx().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        &format!(
            "[platform]\nkind = \"asterisk\"\nurl = \"{}\"\nusername = \"{}\"\nsecret_env = \"FW_TEST_AMI_SECRET\"\n",
            server.url(),
            asterisk::USER
        ),
    );
    let output = run(
        args(&["poll", "--once", "--json", "--config"], &path),
        vec![("FW_TEST_AMI_SECRET", "wrong-horse-battery")],
    )
    .await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("credentials rejected") && stderr.contains("Authentication failed"),
        "{stderr}"
    );
    let everything = format!("{stderr}{}", String::from_utf8_lossy(&output.stdout));
    assert!(!everything.contains("wrong-horse-battery"), "{everything}");
}

#[tokio::test]
async fn a_rule_that_opens_an_unknown_checklist_is_reported_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        "[[rules]]\nid = \"sl-low\"\nchecklist = \"traffic-surg\"\n",
    );
    let output = run(args(&["check-config"], &path), vec![]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let file = path.display().to_string();
    assert!(
        stderr.contains(&format!("{file}:3:"))
            && stderr.contains("\"traffic-surg\", which does not exist"),
        "{stderr}"
    );
    assert!(
        stderr.contains("traffic-surge"),
        "the known ones are listed: {stderr}"
    );
}

/// A snapshot of `queues` queues with nothing counted, as an `http` platform sends it.
fn wide_snapshot(queues: usize) -> String {
    let queues: Vec<Value> = (0..queues)
        .map(|i| {
            serde_json::json!({
                "id": format!("q{i}"), "name": format!("Queue {i}"), "waiting": 0,
                "longest_wait_s": null,
                "agents": {"available": 1, "on_call": 0, "not_ready": 0},
                "counters_since": null, "offered": null, "answered": null,
                "answered_in_sl": null, "abandoned": null, "abandoned_in_sl": null,
                "sl_threshold_s": null, "service_level": null, "sl_formula": "x",
                "asa_s": null, "aht_s": null, "abandon_rate": null, "sentiment": null
            })
        })
        .collect();
    serde_json::json!({
        "schema": "floorwatch.snapshot.v1",
        "platform": {"kind": "http", "name": "wide"},
        "observed_at": "2026-11-23T10:00:00Z",
        "queues": queues
    })
    .to_string()
}

/// More queues than one console watches is refused at the adapter, with the
/// count and the cap in the message; the cap itself is watched.
#[tokio::test]
async fn a_floor_over_the_queue_cap_is_refused_by_count_and_cap() {
    use super::fake::{FakeServer, Reply};
    let cap = floorwatch::platform::MAX_QUEUES;
    for (queues, refused) in [(cap + 1, true), (cap, false)] {
        let body = wide_snapshot(queues);
        let server = FakeServer::start(move |_| Reply::json(&body)).await;
        let dir = tempfile::tempdir().unwrap();
        let path = write_config(
            &dir,
            &format!("[platform]\nkind = \"http\"\nurl = \"{}\"\n", server.url()),
        );
        let output = run(args(&["poll", "--once", "--config"], &path), vec![]).await;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if refused {
            assert!(!output.status.success(), "{queues} queues were read");
            assert!(
                stderr.contains(&format!("reported {queues} queues"))
                    && stderr.contains(&format!("at most {cap}")),
                "{stderr}"
            );
        } else {
            assert!(output.status.success(), "{queues} queues: {stderr}");
        }
    }
}
