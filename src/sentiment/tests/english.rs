//! English: negation, degree, contrast, emphasis and contact-centre complaints.

use super::*;

#[test]
fn negation_flips_a_positive_word() {
    // A count sees "happy" and "satisfied": positive.
    assert_label("I am not happy with this", Label::Negative);
    assert_label("I wasn't satisfied at all", Label::Negative);
    assert_label("This doesn't help me", Label::Negative);
}

#[test]
fn negating_a_negative_word_is_faint_praise_not_its_opposite() {
    // A count sees "bad" and "problem": negative.
    assert!(score("not bad") > 0.0);
    assert!(score("no problem at all") > 0.0);
    assert!(score("not bad") < score("good"));
}

#[test]
fn intensifiers_strengthen_and_diminishers_weaken() {
    // A count gives "very good" and "good" the same score.
    assert!(score("very good") > score("good"));
    assert!(score("extremely rude") < score("rude"));
    assert!(score("slightly annoying") > score("annoying"));
    assert!(score("slightly annoying") < 0.0);
    // "kind of" is a dampener, not the word "kind".
    assert!(score("kind of slow") > score("slow"));
}

#[test]
fn what_follows_but_outweighs_what_came_before() {
    // A count: great (+3.1) and awful (-2.0) sum to positive.
    assert_label(
        "The screen is great but the battery is awful",
        Label::Negative,
    );
    assert_label("Thanks, but nobody has called me back", Label::Negative);
    // A thank-you that only leads into a complaint is not praise.
    assert!(score("Thanks, but that's not what I asked.") < NEUTRAL_BAND);
    // And the other way round: a complaint conceded, praise that stands.
    assert_label(
        "Although it was late, the engineer was excellent",
        Label::Positive,
    );
}

#[test]
fn exclamation_marks_and_capitals_add_emphasis() {
    assert!(score("great!!!") > score("great"));
    assert!(score("this is UNACCEPTABLE") < score("this is unacceptable"));
    assert!(score("THIS IS UNACCEPTABLE") < score("this is unacceptable"));
}

#[test]
fn shouting_or_repeated_question_marks_without_sentiment_words_read_as_impatience() {
    // A count finds no sentiment word: neutral.
    assert_label("WHERE IS MY ORDER", Label::Negative);
    assert_label("where is my order???", Label::Negative);
    assert_label("where is my order?", Label::Neutral);
}

#[test]
fn contact_centre_complaints_without_sentiment_words_are_negative() {
    // A count finds at most a positive word ("fixed") in each of these.
    for text in [
        "I've called three times and nobody fixed it",
        "I have been on hold for forty minutes",
        "This is the third time I'm calling about this",
        "third time calling",
        "I want to cancel my account",
        "I'm still waiting for my refund",
        "Your agent hung up on me",
        "I'd like to speak to a manager please",
        "It stopped working after two days",
        "I was charged twice this month",
        "been transferred four times and still no answer",
    ] {
        assert_label(text, Label::Negative);
    }
}

#[test]
fn a_phrase_scored_as_a_cue_still_negates_what_follows_it() {
    // "still not" is a cue; "fixed" after it must not count as good news.
    assert!(score("it is still not fixed") < score("it is still not"));
}

#[test]
fn like_is_a_sentiment_word_only_as_a_verb() {
    // A count reads "like" (+1.5) in each.
    assert_label("It looks like a phone", Label::Neutral);
    assert_label("I'd like to check my balance", Label::Neutral);
    assert_label("I really like it", Label::Positive);
}

#[test]
fn requests_and_politeness_on_a_call_are_not_praise() {
    // VADER scores "help" +1.7 and "please" +1.3.
    assert_label("Can you help me please", Label::Neutral);
    assert_label("I need help with my bill", Label::Neutral);
}

#[test]
fn inflected_and_prefixed_words_are_read_through_their_base() {
    assert!(score("it was disappointingly slow") < score("it was slow"));
    assert_label("the app is unintuitive and unresponsive", Label::Negative);
}

#[test]
fn plain_requests_are_neutral() {
    for text in [
        "My account number is 4417",
        "Can you tell me when my contract ends",
        "I need to update my address",
    ] {
        assert_label(text, Label::Neutral);
    }
}

#[test]
fn praise_after_a_fix_is_positive() {
    assert_label("Thank you so much, that fixed it", Label::Positive);
    assert_label("Works perfectly, highly recommend", Label::Positive);
    assert_label("The agent was very helpful and patient", Label::Positive);
}

#[test]
fn a_negation_or_a_hedge_with_nothing_to_act_on_leans_negative_but_stays_neutral() {
    // A count finds no sentiment word in either: exactly 0.
    for text in [
        "I don't have my account number with me",
        "the buttons are a bit small",
    ] {
        let s = analyze(text);
        assert!(s.score < 0.0, "{text:?} scored {}", s.score);
        assert_eq!(s.label, Label::Neutral, "{text:?}");
    }
}

#[test]
fn a_conclusion_outweighs_the_details_before_it() {
    assert!(score("the menus are confusing, but overall it is good") > 0.0);
}

#[test]
fn a_condition_counts_less_than_what_is_asserted() {
    assert!(score("if you want great sound, this is terrible") < score("this is terrible") / 2.0);
}

#[test]
fn a_request_named_plainly_is_no_complaint() {
    // A count sees "cancel", "refund", "fault": negative. The caller only says
    // what they want done.
    for request in [
        "cancel contract",
        "refund request",
        "I'm calling about my refund request.",
        "Can you tell me where I am with the broadband fault?",
        "I'm calling about cancelling my contract.",
    ] {
        assert_label(request, Label::Neutral);
    }
    // How they feel about it still shows in the words around the matter.
    assert_label(
        "I'm not happy, the refund request still isn't sorted.",
        Label::Negative,
    );
    assert_label(
        "I'm calling about my refund, this is a disgrace.",
        Label::Negative,
    );
    assert_label("I'VE HAD ENOUGH, CANCEL MY ACCOUNT NOW!", Label::Negative);
    assert_label(
        "This is the third time I've called about the broadband fault.",
        Label::Negative,
    );
    assert_label("The battery failed after two weeks", Label::Negative);
}
