//! The `[[rules]]` and `[alerts]` of a config file, read whole: shipped rules changed, switched off
//! and joined by new ones, and every mistake located by line however far into the file.

use std::path::Path;

use floorwatch::config::file::parse;
use floorwatch::engine::rules::{Direction, Metric, Severity};

#[test]
fn a_shipped_rule_is_changed_switched_off_or_joined_by_new_ones() {
    let text = r#"
[[rules]]
id = "sl-low"
below = 0.75
clear = 0.82

[[rules]]
id = "abandon-high"
enabled = false

[[rules]]
id = "vip-wait"
metric = "longest_wait"
above = 45
clear = 30
for = "30s"
severity = "critical"
queues = ["vip"]
"#;
    let config = parse(text, "f.toml", Path::new(".")).unwrap();
    let sl = config.rules.iter().find(|r| r.id == "sl-low").unwrap();
    assert_eq!(
        (sl.trigger, sl.clear, sl.direction),
        (0.75, 0.82, Direction::Below)
    );
    assert_eq!(
        sl.hold_for.as_secs(),
        120,
        "what is not written stays as shipped"
    );
    assert!(!config.rules.iter().any(|r| r.id == "abandon-high"));
    let vip = config.rules.iter().find(|r| r.id == "vip-wait").unwrap();
    assert_eq!(
        (vip.metric, vip.severity, vip.trigger),
        (Metric::LongestWait, Severity::Critical, 45.0)
    );
    assert_eq!(vip.queues, ["vip"]);
    assert_eq!(
        config.platform.kind.name(),
        "sim",
        "no [platform]: the simulator"
    );
}

#[test]
fn problems_far_into_a_large_file_are_located_by_line() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "[[rules]]\nid = \"r{i}\"\nmetric = \"waiting\"\nabove = 5\nclear = 1\n\n"
        ));
    }
    text.push_str(
        "[[rules]]\nid = \"bad\"\nmetric = \"waiting\"\nabove = 1\nclear = 1\ncolour = \"é\"\n",
    );
    let e = parse(&text, "f.toml", Path::new(".")).unwrap_err();
    let shown: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|p| p.starts_with("f.toml:18006:1: unknown key \"colour\"")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|p| p.starts_with("f.toml:18001:1: rule \"bad\"")),
        "{shown:#?}"
    );
}

#[test]
fn a_bad_rule_is_reported_where_it_is_written() {
    let text = "[alerts]\nbell = \"loud\"\n\n[[rules]]\nid = \"x\"\nmetric = \"queue_mood\"\n\n[[rules]]\nid = \"flappy\"\nmetric = \"waiting\"\nabove = 10\nclear = 10\n\n[[rules]]\nid = \"no-agent-available\"\nabove = 3\n\n[[rules]]\nmetric = \"waiting\"\n";
    let e = parse(text, "f.toml", Path::new(".")).unwrap_err();
    let shown: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
    let has = |line: usize, words: &str| {
        shown
            .iter()
            .any(|p| p.starts_with(&format!("f.toml:{line}:")) && p.contains(words))
    };
    assert!(has(2, "bell"), "{shown:#?}");
    assert!(has(6, "unknown value \"queue_mood\""), "{shown:#?}");
    assert!(has(8, "strictly below the trigger"), "{shown:#?}");
    assert!(has(16, "yes/no condition"), "{shown:#?}");
    assert!(has(18, "needs an id"), "{shown:#?}");
}
