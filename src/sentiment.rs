//! Customer sentiment: how a short customer turn feels, in English or Chinese.
//!
//! [`analyze`] scores one turn offline: a score in −1…1, a [`Label`] and the
//! [`Lang`] it detected. It is a rule-based reader with a small learned part
//! for English, so every judgement can be traced to a word, a phrase, a rule
//! or a listed weight:
//!
//! - words carry a valence from embedded lexicons (VADER's for English, MIT;
//!   our own for English additions and for Chinese);
//! - modifiers change the words after them: negation (`not happy`, `不满意`),
//!   boosters and dampeners (`very`, `非常`, `有点`);
//! - a turn (`but`, `但是`) makes what follows count more than what came
//!   before, a concession (`although`, `虽然`) makes its clause count less;
//! - cues catch what no single word carries, above all the ways customers
//!   complain on a call (`on hold for forty minutes`, `第三次打电话`);
//! - emphasis strengthens what is there: `!!!`, SHOUTING, emoji; repeated
//!   question marks or shouting with nothing else read as impatience.
//! - in English, learned weights for words and word pairs (fitted offline to
//!   people's ratings of sentences) add what the rules' words do not say,
//!   moving a faint reading more than a clear one.
//!
//! Traditional Chinese is read through a character map to Simplified. The
//! module is pure: no I/O, no clock; the lexicons and weights are compiled in.
//! It does not know where turns come from or how they are shown.

mod chinese;
mod cue;
mod emoji;
mod english;
mod lexicon;
mod script;
mod tally;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use chinese::Chinese;
use english::English;
pub use lexicon::Problem;
pub use script::Lang;
use script::Script;
use tally::Signals;

/// The judgement on one customer turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sentiment {
    /// −1 (as negative as it gets) … 0 (nothing either way) … +1.
    pub score: f64,
    pub label: Label,
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Positive,
    Neutral,
    Negative,
}

impl Label {
    /// The short name used in machine output: `pos`, `neu`, `neg`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "pos",
            Label::Neutral => "neu",
            Label::Negative => "neg",
        }
    }

    /// The label a score falls in: within the neutral band it is neither.
    pub fn of_score(score: f64) -> Label {
        if score >= NEUTRAL_BAND {
            Label::Positive
        } else if score <= -NEUTRAL_BAND {
            Label::Negative
        } else {
            Label::Neutral
        }
    }
}

/// Scores closer to zero than this are neutral. One weakly polar word (VADER's
/// `fine`, our `还行`) stays neutral; one clear word (`good`, `不错`) does not.
/// Chosen on English tweets, movie and editorial snippets, never on the
/// evaluation sets.
pub const NEUTRAL_BAND: f64 = 0.25;

/// Scores one customer turn with the shared [`Analyzer`].
pub fn analyze(text: &str) -> Sentiment {
    Analyzer::shared().analyze(text)
}

/// The lexicons and cue books, read once. Building one parses about 40,000
/// embedded entries; [`Analyzer::shared`] does that once per process.
pub struct Analyzer {
    english: English,
    chinese: Chinese,
    problems: Vec<Problem>,
}

impl Analyzer {
    pub fn new() -> Analyzer {
        let mut problems = Vec::new();
        let english = English::new(&mut problems);
        let chinese = Chinese::new(&mut problems);
        Analyzer {
            english,
            chinese,
            problems,
        }
    }

    /// The analyzer every caller in the process shares.
    pub fn shared() -> &'static Analyzer {
        static SHARED: OnceLock<Analyzer> = OnceLock::new();
        SHARED.get_or_init(Analyzer::new)
    }

    /// Lines of the embedded lexicons that could not be read (none in a
    /// healthy build: a test holds it to that).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn analyze(&self, text: &str) -> Sentiment {
        let script = Script::of(text);
        let mut sum = 0.0;
        let mut learned = 0.0;
        let mut signals = Signals::of(text);
        if script.has_latin_or_symbols() {
            let english = self.english.read(text);
            sum += english.sum;
            learned = english.learned;
            signals.shouting = english.shouting;
        }
        if script.has_han() {
            sum += self.chinese.read(text);
        }
        sum += emoji::valence(text);
        let score = tally::normalize(english::combine(signals.finish(sum), learned));
        Sentiment {
            score,
            label: Label::of_score(score),
            lang: script.lang(),
        }
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}
