//! `floorwatch sim serve`: the real binary serving HTTP on 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use floorwatch::platform::wire::SnapshotV1;
use serde_json::{Value, json};

use super::cli::floorwatch;

/// Kills the server when the test ends, pass or fail.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(args: &[&str]) -> Server {
    start_at_speed("10", args)
}

pub fn start_at_speed(speed: &str, args: &[&str]) -> Server {
    let mut child = floorwatch()
        .args(["sim", "serve", "--listen", "127.0.0.1:0", "--speed", speed])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("address printed")
        .to_string();
    Server { child, base }
}

#[tokio::test]
async fn serves_the_snapshot_contract_and_switches_scenario() {
    let server = start(&["--seed", "5"]);
    let client = reqwest::Client::new();
    let url = |path: &str| format!("{}{path}", server.base);

    let response = client.get(url("/v1/snapshot")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let snapshot: SnapshotV1 = response.json().await.unwrap();
    let model = snapshot
        .clone()
        .into_model()
        .expect("the served snapshot reads back as the model");
    assert!(model.queues.len() >= 5);
    // Served counters run from the start of the quarter hour, so right
    // after 15:00 every queue may have offered nothing yet: the floor is
    // warm when agents are at work and the counters are kept.
    assert!(!model.agents.is_empty(), "warmed up: agents logged in");
    assert!(
        model.queues.iter().all(|q| q.counters.offered.is_some()),
        "every queue counted"
    );
    assert!(
        !model.interactions.is_empty() || model.queues.iter().any(|q| q.counters.offered > Some(0)),
        "warmed up: calls on the floor"
    );

    let scenario: Value = client
        .get(url("/v1/scenario"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(scenario["scenario"], "normal");
    assert_eq!(scenario["available"].as_array().unwrap().len(), 6);

    let switched = client
        .post(url("/v1/scenario"))
        .json(&json!({"scenario": "telephony-outage"}))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 200);
    let down = client.get(url("/v1/snapshot")).send().await.unwrap();
    assert_eq!(down.status(), 503, "the platform stops answering");
    let body: Value = down.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("outage"));

    let bad = client
        .post(url("/v1/scenario"))
        .json(&json!({"scenario": "alien-invasion"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let body: Value = bad.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("alien-invasion"));

    client
        .post(url("/v1/scenario"))
        .json(&json!({"scenario": "normal"}))
        .send()
        .await
        .unwrap();
    let back = client.get(url("/v1/snapshot")).send().await.unwrap();
    assert_eq!(back.status(), 200, "it recovers by itself");
    let later: SnapshotV1 = back.json().await.unwrap();
    assert!(
        later.observed_at > snapshot.observed_at,
        "the simulated clock moved on"
    );
}

/// Read over HTTP, the simulator is a platform like any other, and the
/// console checks its clock: served in real time without `--start`, it
/// goes live now, so a console reading it sees ● LIVE, not `? CLOCK`.
#[test]
fn a_console_reading_sim_serve_in_real_time_believes_its_clock() {
    let server = start_at_speed("1", &["--seed", "4"]);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("floorwatch.toml");
    std::fs::write(
        &config,
        format!("[platform]\nkind = \"http\"\nurl = \"{}\"\n", server.base),
    )
    .unwrap();
    let output = floorwatch()
        .args(["poll", "--once", "--json", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("CLOCK"), "{stderr}");
    let snapshot: Value = serde_json::from_slice(&output.stdout).unwrap();
    let observed =
        chrono::DateTime::parse_from_rfc3339(snapshot["observed_at"].as_str().unwrap()).unwrap();
    let skew = (chrono::Utc::now() - observed.to_utc()).num_seconds().abs();
    assert!(skew < 60, "served clock {skew} s off the wall clock");
}
