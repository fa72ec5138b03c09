//! The analyzer's hard cases. Each is one a plain word count gets wrong: the
//! comment says what the count would answer.

mod chinese;
mod english;
mod mixed;

use super::*;

fn score(text: &str) -> f64 {
    analyze(text).score
}

fn label(text: &str) -> Label {
    analyze(text).label
}

#[track_caller]
fn assert_label(text: &str, expected: Label) {
    let sentiment = analyze(text);
    assert_eq!(
        sentiment.label, expected,
        "{text:?} scored {:+.3}",
        sentiment.score
    );
}

#[test]
fn the_embedded_tables_read_without_a_problem() {
    let analyzer = Analyzer::new();
    let problems: Vec<String> = analyzer.problems().iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn scores_stay_within_minus_one_and_one_and_labels_follow_the_band() {
    for text in [
        "TERRIBLE TERRIBLE TERRIBLE!!!! worst worst worst awful awful",
        "best best best amazing amazing love love!!!!",
        "太差了太差了太差了垃圾垃圾！！！！",
        "",
    ] {
        let s = analyze(text);
        assert!((-1.0..=1.0).contains(&s.score), "{text:?}: {}", s.score);
        assert_eq!(s.label, Label::of_score(s.score));
    }
    assert_eq!(Label::of_score(NEUTRAL_BAND), Label::Positive);
    assert_eq!(Label::of_score(-NEUTRAL_BAND), Label::Negative);
    assert_eq!(Label::of_score(NEUTRAL_BAND / 2.0), Label::Neutral);
}

#[test]
fn the_short_names_are_the_json_ones() {
    assert_eq!(Label::Positive.as_str(), "pos");
    assert_eq!(Label::Neutral.as_str(), "neu");
    assert_eq!(Label::Negative.as_str(), "neg");
    assert_eq!(Lang::En.as_str(), "en");
    assert_eq!(Lang::Zh.as_str(), "zh");
}
