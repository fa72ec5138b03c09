//! Platforms' own sentiment, put on floorwatch's scale: −1 (as negative as
//! it gets) … 0 … +1, with the analyzer's neutral band deciding the label, so
//! a platform's "negative" is negative here too.

use crate::sentiment::NEUTRAL_BAND;

/// Genesys Cloud Speech and Text Analytics `sentimentScore`: −100…+100,
/// weighted towards the end of the conversation.
pub fn from_genesys(score: f64) -> Option<f64> {
    score.is_finite().then(|| (score / 100.0).clamp(-1.0, 1.0))
}

/// Amazon Connect Contact Lens, per customer turn: a label without a
/// magnitude. A labelled turn counts as clearly that way, twice the
/// neutral band from zero; `MIXED` does not occur in its real-time APIs.
pub fn from_contact_lens(label: &str) -> Option<f64> {
    let clear = (2.0 * NEUTRAL_BAND).min(1.0);
    match label.to_ascii_uppercase().as_str() {
        "POSITIVE" => Some(clear),
        "NEGATIVE" => Some(-clear),
        "NEUTRAL" => Some(0.0),
        _ => None,
    }
}

/// Twilio Conversational Intelligence's sentiment operator: a label and
/// the model's probability for it. Mixed and neutral sit at zero.
pub fn from_twilio_operator(label: &str, probability: f64) -> Option<f64> {
    let p = probability
        .is_finite()
        .then(|| probability.clamp(0.0, 1.0))?;
    match label.to_ascii_lowercase().as_str() {
        "positive" => Some(p),
        "negative" => Some(-p),
        "neutral" | "mixed" => Some(0.0),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::sentiment::Label;

    #[test]
    fn genesys_hundreds_become_fractions_and_nonsense_is_refused() {
        assert_eq!(from_genesys(-100.0), Some(-1.0));
        assert_eq!(from_genesys(42.0), Some(0.42));
        assert_eq!(from_genesys(250.0), Some(1.0), "clamped");
        assert_eq!(from_genesys(f64::NAN), None);
    }

    #[test]
    fn a_platforms_label_keeps_its_meaning_here() {
        for (label, expected) in [
            ("POSITIVE", Label::Positive),
            ("NEGATIVE", Label::Negative),
            ("NEUTRAL", Label::Neutral),
        ] {
            let score = from_contact_lens(label).unwrap();
            assert_eq!(Label::of_score(score), expected, "{label}");
        }
        assert_eq!(from_contact_lens("MIXED"), None);
        let sure = from_twilio_operator("negative", 0.9).unwrap();
        assert_eq!(Label::of_score(sure), Label::Negative);
        assert_eq!(from_twilio_operator("mixed", 0.8), Some(0.0));
        assert_eq!(from_twilio_operator("positive", f64::NAN), None);
    }
}
