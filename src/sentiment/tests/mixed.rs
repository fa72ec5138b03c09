//! Language detection, mixed and empty input, emoji, and input that must not break anything.

use super::*;

#[test]
fn the_language_is_the_one_most_of_the_turn_is_written_in() {
    assert_eq!(analyze("投诉").lang, Lang::Zh);
    assert_eq!(analyze("hello there").lang, Lang::En);
    assert_eq!(analyze("我的iPhone又坏了").lang, Lang::Zh);
    assert_eq!(analyze("my order 号码 is wrong").lang, Lang::En);
    assert_eq!(analyze("12345").lang, Lang::En);
}

#[test]
fn mixed_turns_read_both_languages() {
    assert_label("客服 very rude", Label::Negative);
    assert_label("app 很好用, love it", Label::Positive);
}

#[test]
fn empty_and_blank_turns_are_neutral() {
    for text in ["", "   ", "\t", "12:30", "..."] {
        let s = analyze(text);
        assert_eq!(s.score, 0.0, "{text:?}");
        assert_eq!(s.label, Label::Neutral);
    }
}

#[test]
fn emoji_and_emoticons_carry_sentiment() {
    assert_label("👍", Label::Positive);
    assert_label("😡😡", Label::Negative);
    assert_label(":(", Label::Negative);
    assert_label("ok 🙂 thanks", Label::Positive);
    assert_label("又坏了 😭", Label::Negative);
}

#[test]
fn the_emoji_table_is_sorted_for_its_binary_search() {
    assert!(emoji::is_sorted());
}

#[test]
fn odd_input_never_panics() {
    let long =
        "not ".repeat(5_000) + &"很".repeat(5_000) + &"价格".repeat(2_000) + &"高".repeat(5_000);
    for text in [
        "caféed naïvely résuméing ﬁxed",
        "\u{0}\u{1}\u{7f}\u{200b}\u{202e}",
        "’’’ ''' !!! ??? ,,,",
        "🙂🙂🙂🙂🙂🙂🙂🙂",
        "𠀀𠀁𪚥 Ａｂｃ　１２３",
        long.as_str(),
    ] {
        let s = analyze(text);
        assert!((-1.0..=1.0).contains(&s.score), "{text:?}");
    }
}
