//! `floorwatch sentiment --json`, the real binary: lines in on standard input,
//! one JSON result per line out, in the same order.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::cli::floorwatch;

fn sentiment(args: &[&str], input: &[u8]) -> Output {
    let mut child = floorwatch()
        .arg("sentiment")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect()
}

#[test]
fn each_line_in_gets_one_json_result_out_in_order() {
    let input = "I've called three times and nobody fixed it\n\
                 Thank you so much, that fixed it\n\
                 \n\
                 My account number is 4417\n\
                 我已经等了四十分钟了\n\
                 服務很好，非常滿意\n";
    let output = sentiment(&["--json"], input.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = json_lines(&output);
    let expected = [
        ("neg", "en"),
        ("pos", "en"),
        ("neu", "en"),
        ("neu", "en"),
        ("neg", "zh"),
        ("pos", "zh"),
    ];
    assert_eq!(results.len(), expected.len(), "one result per input line");
    for (result, (label, lang)) in results.iter().zip(expected) {
        let score = result["score"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&score), "{result}");
        assert_eq!(result["label"], label, "{result}");
        assert_eq!(result["lang"], lang, "{result}");
        let object = result.as_object().unwrap();
        assert_eq!(object.len(), 3, "exactly score, label, lang: {result}");
    }
    assert!(
        results[0]["score"].as_f64().unwrap() < 0.0,
        "the issue's example is negative"
    );
    assert_eq!(
        results[2]["score"].as_f64().unwrap(),
        0.0,
        "an empty line is neutral"
    );
}

#[test]
fn the_issue_example_prints_a_negative_score() {
    let output = sentiment(
        &["--json"],
        b"I've called three times and nobody fixed it\n",
    );
    let results = json_lines(&output);
    assert_eq!(results.len(), 1);
    assert!(
        results[0]["score"].as_f64().unwrap() < 0.0,
        "{}",
        results[0]
    );
}

#[test]
fn invalid_utf8_fails_naming_the_line_after_printing_the_lines_before_it() {
    let output = sentiment(&["--json"], b"great\nfine\n\xc3\x28 broken\nnever read\n");
    assert!(!output.status.success());
    assert_eq!(json_lines(&output).len(), 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 3") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn without_json_each_line_is_readable() {
    let output = sentiment(&[], "terrible service\n\n这个很好用\n".as_bytes());
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("negative") && lines[0].ends_with("en  terrible service"),
        "{text}"
    );
    assert!(lines[1].starts_with("neutral"), "{text}");
    assert!(
        lines[2].starts_with("positive") && lines[2].contains(" zh "),
        "{text}"
    );
}

#[test]
fn no_input_is_no_output() {
    let output = sentiment(&["--json"], b"");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
}

#[test]
fn help_names_the_command() {
    let output = Command::new(env!("CARGO_BIN_EXE_floorwatch"))
        .args(["sentiment", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("--json"), "{help}");
}
