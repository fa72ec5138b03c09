//! The real binary's headless commands: `poll --once --json` and its contract.

use std::process::Command;

use serde_json::Value;

pub fn floorwatch() -> Command {
    Command::new(env!("CARGO_BIN_EXE_floorwatch"))
}

/// Runs a floorwatch command that must succeed and reads the JSON it prints.
pub fn json_of(command: &mut Command) -> Value {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn poll_json(args: &[&str], tz: &str) -> Value {
    json_of(
        floorwatch()
            .args(["poll", "--once", "--json"])
            .args(args)
            .env("TZ", tz),
    )
}

const QUEUE_FIELDS: [&str; 16] = [
    "id",
    "name",
    "waiting",
    "longest_wait_s",
    "agents",
    "offered",
    "answered",
    "answered_in_sl",
    "abandoned",
    "abandoned_in_sl",
    "sl_threshold_s",
    "service_level",
    "asa_s",
    "aht_s",
    "abandon_rate",
    "sentiment",
];

#[test]
fn poll_once_json_prints_every_field_of_the_contract() {
    let snapshot = poll_json(&["--scenario", "surge", "--seed", "1"], "UTC");
    assert_eq!(snapshot["schema"], "floorwatch.snapshot.v1");
    assert_eq!(snapshot["platform"]["kind"], "sim");
    assert!(
        snapshot["observed_at"].as_str().unwrap().ends_with('Z'),
        "RFC 3339 UTC"
    );
    let queues = snapshot["queues"].as_array().unwrap();
    assert!(queues.len() >= 5, "at least five queues");
    for q in queues {
        for field in QUEUE_FIELDS {
            assert!(q.get(field).is_some(), "queue {} lacks {field}", q["id"]);
        }
        for state in ["available", "on_call", "wrap_up", "not_ready"] {
            assert!(q["agents"][state].is_u64(), "agents.{state}");
        }
        match q["service_level"].as_f64() {
            Some(sl) => assert!((0.0..=1.0).contains(&sl)),
            None => assert!(q["service_level"].is_null()),
        }
        for window in ["interval", "rolling_60m", "day"] {
            assert!(
                q["figures"][window]["sl_formula"].is_string(),
                "figures.{window}"
            );
        }
    }
    let offered: u64 = queues.iter().map(|q| q["offered"].as_u64().unwrap()).sum();
    assert!(
        offered > 100,
        "after the warm-up the floor has history, not zeros ({offered})"
    );
    assert!(snapshot["floor"]["interval"]["service_level"].is_number());
    assert!(!snapshot["agents"].as_array().unwrap().is_empty());
}

/// The snapshot without anything that names a date or time of day.
fn without_timestamps(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !(k.ends_with("_at") || k.ends_with("_since") || *k == "start" || *k == "end")
                })
                .map(|(k, v)| (k.clone(), without_timestamps(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_timestamps).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_same_seed_gives_the_same_figures_whatever_the_clock_says() {
    let args = ["--scenario", "surge", "--seed", "7"];
    let first = poll_json(&args, "UTC");
    let second = poll_json(&args, "UTC");
    assert_eq!(
        first["queues"], second["queues"],
        "identical runs, identical figures"
    );
    let elsewhere = poll_json(&args, "America/New_York");
    assert_eq!(
        without_timestamps(&first["queues"]),
        without_timestamps(&elsewhere["queues"]),
        "a different wall clock and zone do not change the figures"
    );
    let other_seed = poll_json(&["--scenario", "surge", "--seed", "8"], "UTC");
    assert_ne!(
        without_timestamps(&first["queues"]),
        without_timestamps(&other_seed["queues"])
    );
}

#[test]
fn a_surge_raises_the_calls_offered() {
    let offered = |v: &Value| v["floor"]["interval"]["offered"].as_u64().unwrap();
    let normal = poll_json(&["--seed", "3"], "UTC");
    let surge = poll_json(&["--scenario", "surge", "--seed", "3"], "UTC");
    assert!(
        offered(&surge) as f64 > 1.3 * offered(&normal) as f64,
        "{} vs {}",
        offered(&surge),
        offered(&normal)
    );
}

#[test]
fn the_telephony_outage_is_reported_as_unreachable() {
    let output = floorwatch()
        .args(["poll", "--once", "--json", "--scenario", "telephony-outage"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("platform unreachable"), "{stderr}");
    assert!(output.stdout.is_empty(), "no half-made snapshot on stdout");
}

#[test]
fn bad_arguments_say_what_is_wrong_before_anything_starts() {
    let output = floorwatch()
        .args(["--scenario", "meteor-strike"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("meteor-strike") && stderr.contains("surge"),
        "{stderr}"
    );

    let output = floorwatch()
        .args(["--theme", "no-such-theme"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no-such-theme") && stderr.contains("monochrome"),
        "{stderr}"
    );

    let output = floorwatch().args(["poll", "--json"]).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--once"));
}

#[test]
fn poll_once_without_json_prints_a_readable_table() {
    let output = floorwatch().args(["poll", "--once"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("Billing") && text.contains("A≤T/(A+Ab>T)"),
        "{text}"
    );
}

#[test]
fn a_broken_theme_is_reported_with_file_and_line_before_full_screen() {
    let config = tempfile::tempdir().unwrap();
    let themes = config.path().join("floorwatch/themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(
        themes.join("night.toml"),
        "name = \"night\"\n[roles]\nok = { fg = \"gren\" }\n",
    )
    .unwrap();
    let output = floorwatch()
        .args(["--theme", "night"])
        .env("XDG_CONFIG_HOME", config.path())
        .env("XDG_STATE_HOME", config.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("night.toml:3:"), "file and line: {stderr}");
    assert!(stderr.contains("gren"), "what is wrong: {stderr}");
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("\x1b[?1049h"),
        "never entered full screen"
    );
}
