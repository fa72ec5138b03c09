//! The learned part of the English reader: word and word-pair weights fitted
//! to people's ratings of sentences, added to what the rules found.
//!
//! The rules read what they have words for; many words and pairs lean one way
//! only on average, and no lexicon lists them. A ridge regression, fitted to
//! the mean human rating of about
//! 20,000 sentences (VADER's rated tweets, movie-review and newspaper
//! snippets, MIT, not the evaluation sets) with the rules' own reading as one
//! of its inputs, learned how much each lower-cased word and pair of
//! neighbouring words adds beyond the rules. Its weights are stored in the
//! rules' units, so they simply add to the rules' sum (on a log scale, so a
//! clear rule reading, such as a complaint cue, is moved less than a faint one).
//!
//! Features, mirrored exactly by the training script: words are runs of ASCII
//! letters and apostrophes, lower-cased, apostrophes trimmed at both ends; a
//! negation word marks up to [`NEGATION_SCOPE`] words after it as negated
//! (`not_good`) until punctuation or `but`; each word (or its negated form) and
//! each pair of neighbouring words not split by punctuation counts once, except
//! pairs holding a negation word or a negated word (negation is the rules' job).

use std::collections::HashMap;

use crate::sentiment::lexicon::{Problem, Table, amount};

const WEIGHTS: Table = Table {
    file: "en_learned.tsv",
    text: include_str!("../data/en_learned.tsv"),
};

/// Alone (when the rules found nothing), the learned weights move a turn at
/// most this far on the log scale: a score of about 0.12, half the neutral
/// band. They pick a side but never make a polar label out of words no
/// lexicon knows; a request stays neutral.
const ALONE: f64 = 0.4;
/// How many words after a negation word read as negated.
const NEGATION_SCOPE: usize = 3;
/// Punctuation that ends a negation's scope and separates word pairs.
const PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '\n'];
/// Words that end a negation's scope.
const TURNS: &[&str] = &["but", "however", "although", "though"];
/// Negation words (besides any word ending in `n't`), as the training script lists them.
const NEGATORS: &[&str] = &[
    "aint", "ain't", "arent", "cannot", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt",
    "hasnt", "havent", "isnt", "neednt", "neither", "never", "no", "none", "nope", "nor", "not",
    "nothing", "nowhere", "shouldnt", "wasnt", "werent", "without", "wont", "wouldnt", "rarely",
    "seldom", "hardly", "barely", "nobody",
];

pub struct Learned {
    /// Each feature's weight, and a number of its own to count it once per turn.
    weights: HashMap<&'static str, (u32, f64)>,
}

impl Learned {
    pub fn new(problems: &mut Vec<Problem>) -> Learned {
        let mut weights = HashMap::new();
        for row in WEIGHTS.rows() {
            match row.fields.as_slice() {
                [feature, weight] if !feature.is_empty() => match amount(weight) {
                    Some(w) => {
                        let index = u32::try_from(weights.len()).unwrap_or(u32::MAX);
                        weights.insert(*feature, (index, w));
                    }
                    None => problems.push(WEIGHTS.problem(row.line, "bad weight")),
                },
                _ => problems.push(WEIGHTS.problem(row.line, "expected feature<TAB>weight")),
            }
        }
        Learned { weights }
    }

    /// The summed weight of the features in `text`, in the rules' units.
    pub fn read(&self, text: &str) -> f64 {
        let mut found: Vec<(u32, f64)> = Vec::new();
        let mut look_up = |key: &str| {
            if let Some(&hit) = self.weights.get(key) {
                found.push(hit);
            }
        };
        let mut key = String::new();
        let mut negated_left = 0;
        let mut previous: Option<String> = None;
        for (word, after_punctuation) in words(text) {
            if after_punctuation {
                negated_left = 0;
                previous = None;
            }
            if TURNS.contains(&word.as_str()) {
                negated_left = 0;
            }
            let negated = negated_left > 0;
            if negated {
                negated_left -= 1;
            }
            key.clear();
            if negated {
                key.push_str("not_");
            }
            key.push_str(&word);
            look_up(&key);
            match &previous {
                Some(previous) if !negated && !is_negator(&word) && !is_negator(previous) => {
                    key.clear();
                    key.push_str(previous);
                    key.push(' ');
                    key.push_str(&word);
                    look_up(&key);
                }
                _ => {}
            }
            if is_negator(&word) {
                negated_left = NEGATION_SCOPE;
            }
            previous = Some(word);
        }
        found.sort_unstable_by_key(|(index, _)| *index);
        found.dedup_by_key(|(index, _)| *index);
        found.iter().map(|(_, w)| w).sum()
    }
}

/// The rules' sum moved by the learned weights. They add on a log scale,
/// `sign(x) · ln(1 + |x|)`, so the same weights move a faint reading more than
/// a clear one (a complaint cue keeps its side against all but a strong
/// contrary verdict). With nothing learned, the rules' sum is returned unchanged.
pub fn combine(rules: f64, learned: f64) -> f64 {
    if learned == 0.0 {
        return rules;
    }
    let learned = if rules == 0.0 {
        learned.clamp(-ALONE, ALONE)
    } else {
        learned
    };
    let log = rules.signum() * rules.abs().ln_1p() + learned;
    log.signum() * log.abs().exp_m1()
}

fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word) || word.ends_with("n't")
}

/// The words of `text`, each with whether punctuation came between it and the word before.
fn words(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut punctuation = false;
    let finish = |current: &mut String, punctuation: &mut bool, out: &mut Vec<(String, bool)>| {
        let word = current.trim_matches('\'');
        if !word.is_empty() {
            out.push((word.to_owned(), *punctuation));
            *punctuation = false;
        }
        current.clear();
    };
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_lowercase() || c == '\'' {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            finish(&mut current, &mut punctuation, &mut out);
        }
        if PUNCTUATION.contains(&c) {
            punctuation = true;
        }
    }
    finish(&mut current, &mut punctuation, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_letter_runs_with_the_punctuation_between_them() {
        let got = words("I DON'T like it, ‘ok’ 12:30 café");
        let expected = [
            ("i", false),
            ("don't", false),
            ("like", false),
            ("it", false),
            ("ok", true),
            ("caf", true),
        ];
        let expected: Vec<(String, bool)> = expected
            .iter()
            .map(|(w, p)| ((*w).to_owned(), *p))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn the_weights_add_up_as_the_training_script_adds_them() {
        // Sums computed by the training script from the same file.
        let learned = Learned::new(&mut Vec::new());
        for (text, expected) in [
            (
                "The battery died after a week, but the screen is SHARP!",
                0.011,
            ),
            (
                "I didn\u{2019}t love it: the sound is tinny and the app never works.",
                0.113,
            ),
            ("Can you help me please", -0.08),
        ] {
            let got = learned.read(text);
            assert!((got - expected).abs() < 1e-6, "{text:?}: {got}");
        }
    }

    #[test]
    fn nothing_learned_leaves_the_rules_alone() {
        for rules in [0.0, 1.7, -3.2] {
            assert_eq!(combine(rules, 0.0), rules);
        }
        assert!(combine(0.0, 0.5) > 0.0);
        assert!(crate::sentiment::tally::normalize(combine(0.0, 9.0)) < 0.13);
        assert!(combine(3.0, -0.5) < 3.0);
        assert!(combine(3.0, -0.5) > 0.0);
    }
}
