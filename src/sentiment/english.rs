//! The English reader: VADER's lexicon and rules, our additions for products,
//! service and contact centres, and the complaint cues.
//!
//! Each sentiment word is looked at with the three words before it in its
//! clause: boosters and dampeners change its size, an odd number of negators
//! flips it. Cues are found first and scored as one unit each.

mod learned;
mod token;

use std::collections::{HashMap, HashSet};

use super::cue::{Cue, CueBook, Units};
use super::lexicon::{Problem, Table, amount};
use super::tally::Tally;
use learned::Learned;
pub use learned::combine;
use token::{Boundary, Words};

const VADER: Table = Table {
    file: "en_vader.tsv",
    text: include_str!("data/en_vader.tsv"),
};
const OWN: Table = Table {
    file: "en_own.tsv",
    text: include_str!("data/en_own.tsv"),
};
const MODIFIERS: Table = Table {
    file: "en_modifier.tsv",
    text: include_str!("data/en_modifier.tsv"),
};
const CUES: Table = Table {
    file: "en_cue.tsv",
    text: include_str!("data/en_cue.tsv"),
};
const MATTER: Table = Table {
    file: "en_matter.tsv",
    text: include_str!("data/en_matter.tsv"),
};

/// A booster one word away counts fully, two and three words away less (VADER).
const BOOST_DECAY: [f64; 3] = [1.0, 0.95, 0.9];
/// A word in capitals among words that are not grows by this much (VADER).
const STRESS: f64 = 0.733;
/// "not good" is about as bad as "good" is good, only a little less sure.
const NEGATED_POSITIVE: f64 = -0.74;
/// "not bad" is faint praise, not the opposite of "bad".
const NEGATED_NEGATIVE: f64 = -0.5;
/// `like` is a sentiment word only as a verb; after these words it is one.
const LIKERS: &[&str] = &[
    "i",
    "we",
    "you",
    "they",
    "really",
    "definitely",
    "truly",
    "also",
    "totally",
    "actually",
    "do",
    "did",
    "does",
    "would",
    "i'd",
    "we'd",
    "still",
    "always",
    "don't",
    "didn't",
    "doesn't",
];

/// Endings tried when a word is not in the lexicons, with what may replace
/// them: `disappointingly` → `disappointing`, `frustrated` → `frustrate`.
const INFLECTIONS: &[(&str, &[&str])] = &[
    ("ily", &["y"]),
    ("ly", &[""]),
    ("ied", &["y"]),
    ("ed", &["", "e"]),
    ("ing", &["", "e"]),
];
/// A negating prefix before a positive word: `unresponsive`, `inconvenient`.
const NEGATING_PREFIXES: &[&str] = &["un", "in", "im", "dis", "non-"];
/// Shorter stems are too often other words (`likely` is not `like`).
const MIN_STEM: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Modifier {
    Negate,
    Boost(f64),
    But,
    Although,
    /// Two words that together mean nothing for sentiment (`at least`, `not only`).
    Inert,
}

pub struct English {
    words: HashMap<&'static str, f64>,
    modifiers: HashMap<String, Modifier>,
    cues: CueBook,
    learned: Learned,
    matter: Matter,
}

/// The words that name what a call is about, and the words that introduce them.
struct Matter {
    frames: HashSet<&'static str>,
    words: HashSet<&'static str>,
}

impl Matter {
    fn new(problems: &mut Vec<Problem>) -> Matter {
        let mut matter = Matter {
            frames: HashSet::new(),
            words: HashSet::new(),
        };
        for row in MATTER.rows() {
            match row.fields.as_slice() {
                ["frame", word] if !word.is_empty() => matter.frames.insert(word),
                ["matter", word] if !word.is_empty() => matter.words.insert(word),
                _ => {
                    problems.push(MATTER.problem(row.line, "expected frame|matter<TAB>word"));
                    false
                }
            };
        }
        matter
    }

    /// Which words of the turn only name its matter: matter words after a
    /// frame in the same clause, or in a first clause that begins with one
    /// and goes on to name something ("cancel contract"; "slow" alone judges).
    fn named(&self, words: &Words) -> Vec<bool> {
        let mut named = vec![false; words.tokens.len()];
        let mut naming = words.tokens.len() > 1
            && words.tokens[0].after == Boundary::None
            && self.words.contains(words.word(0));
        for (index, token) in words.tokens.iter().enumerate() {
            let word = words.word(index);
            named[index] = naming && self.words.contains(word);
            if self.frames.contains(word) {
                naming = true;
            }
            if token.after != Boundary::None {
                naming = false;
            }
        }
        named
    }
}

/// What the English reader found in a turn.
pub struct Reading {
    pub sum: f64,
    pub shouting: bool,
    /// What the learned weights add to the sum (see [`combine`]).
    pub learned: f64,
}

impl English {
    pub fn new(problems: &mut Vec<Problem>) -> English {
        // VADER lists a few words twice; like VADER, the later line wins, and ours win over VADER's.
        let words = [VADER, OWN]
            .into_iter()
            .flat_map(|table| table.valences(problems))
            .map(|scored| (scored.word, scored.valence))
            .collect();
        English {
            words,
            modifiers: modifiers(problems),
            cues: CueBook::parse(CUES, Units::Words, problems),
            learned: Learned::new(problems),
            matter: Matter::new(problems),
        }
    }

    pub fn read(&self, text: &str) -> Reading {
        let mut words = Words::of(text, |w| self.words.contains_key(w));
        self.merge_pairs(&mut words);
        let cues = self.cues_by_sentence(&words);
        let mut masked = vec![false; words.tokens.len()];
        for cue in &cues {
            masked[cue.first..cue.end].fill(true);
        }
        let turn = Turn {
            words: &words,
            masked: &masked,
        };
        let named = self.matter.named(&words);
        let mut tally = Tally::default();
        let mut cues = cues.iter().peekable();
        let mut clause_start = 0;
        for (index, token) in words.tokens.iter().enumerate() {
            if let Some(cue) = cues.next_if(|c| c.first == index) {
                if !named[index] {
                    let valence =
                        self.negated_cue(&turn, index, clause_start, cue.valence, &mut tally);
                    tally.add(valence);
                }
            } else if !masked[index] && !named[index] {
                self.score_word(&turn, index, clause_start, &mut tally);
            }
            match token.after {
                Boundary::None => {}
                Boundary::Clause => {
                    tally.end_clause();
                    clause_start = index + 1;
                }
                Boundary::Sentence => {
                    tally.end_sentence();
                    clause_start = index + 1;
                }
            }
        }
        let sum = tally.finish();
        // A turn that only names its matter ("I'm calling about my refund
        // request") is a request: the learned weights, fitted to reviews where
        // "refund" and "failed" mean a bad buy, do not make it a complaint.
        let only_a_request = sum == 0.0 && named.contains(&true);
        Reading {
            sum,
            shouting: words.is_shouted(),
            learned: if only_a_request {
                0.0
            } else {
                self.learned.read(text)
            },
        }
    }

    /// Word `index` adds its sentiment, or acts as a turn; `clause_start` is
    /// as far back as its modifiers may be.
    fn score_word(&self, turn: &Turn, index: usize, clause_start: usize, tally: &mut Tally) {
        let word = turn.words.word(index);
        let valence = self.valence_of(word);
        match (self.modifiers.get(word), valence) {
            (Some(Modifier::But), _) => tally.turn(),
            (Some(Modifier::Although), _) => tally.concede(),
            (Some(Modifier::Negate), _) => tally.saw_negator(),
            (Some(Modifier::Boost(b)), None) if *b < 0.0 => tally.saw_hedge(),
            // "pretty", "super": a booster before a sentiment word, a word of their own elsewhere.
            (Some(Modifier::Boost(_)), Some(v)) if !self.sentiment_follows(turn, index) => {
                let v = self.modified(turn, index, clause_start, v, tally);
                tally.add(v);
            }
            (Some(_), _) | (None, None) => {}
            (None, Some(v)) => {
                let v = self.modified(turn, index, clause_start, v, tally);
                tally.add(v);
            }
        }
    }

    /// A word's valence: from the lexicons, else from the word it inflects
    /// (`disappointingly` → `disappointing`), else the opposite of a positive
    /// word it negates with a prefix (`unresponsive`, `inconvenient`).
    fn valence_of(&self, word: &str) -> Option<f64> {
        self.words
            .get(word)
            .copied()
            .or_else(|| self.inflected(word))
            .or_else(|| self.prefixed(word))
    }

    fn inflected(&self, word: &str) -> Option<f64> {
        INFLECTIONS.iter().find_map(|(suffix, bases)| {
            let stem = word.strip_suffix(suffix).filter(|s| s.len() >= MIN_STEM)?;
            bases
                .iter()
                .map(|base| format!("{stem}{base}"))
                .chain(undoubled(stem).map(str::to_owned))
                .find_map(|base| self.words.get(base.as_str()).copied())
        })
    }

    fn prefixed(&self, word: &str) -> Option<f64> {
        NEGATING_PREFIXES.iter().find_map(|prefix| {
            let base = word.strip_prefix(prefix).filter(|b| b.len() >= MIN_STEM)?;
            let valence = self.words.get(base).copied().filter(|v| *v > 0.0)?;
            Some(valence * NEGATED_POSITIVE)
        })
    }

    fn sentiment_follows(&self, turn: &Turn, index: usize) -> bool {
        index + 1 < turn.words.tokens.len()
            && turn.words.tokens[index].after == Boundary::None
            && self.valence_of(turn.words.word(index + 1)).is_some()
    }

    /// The valence of word `index` after its own capitals and the modifiers before it.
    fn modified(
        &self,
        turn: &Turn,
        index: usize,
        clause_start: usize,
        valence: f64,
        tally: &mut Tally,
    ) -> f64 {
        let words = turn.words;
        let liked = index > 0 && LIKERS.contains(&words.word(index - 1));
        if words.word(index) == "like" && !liked {
            return 0.0;
        }
        let sign = valence.signum();
        let stress = words.stresses_some();
        let mut v = valence;
        if stress && words.tokens[index].caps {
            v += sign * STRESS;
        }
        let mut negations = 0;
        for (distance, before) in (clause_start..index).rev().take(3).enumerate() {
            let modifier = self.modifiers.get(words.word(before));
            if turn.masked[before] {
                // A phrase already scored still negates what follows it ("still not | fixed").
                negations += usize::from(modifier == Some(&Modifier::Negate));
                continue;
            }
            match modifier {
                Some(Modifier::Negate) => negations += 1,
                Some(Modifier::Boost(b)) => {
                    if *b < 0.0 {
                        tally.used_hedge();
                    }
                    v += sign * b * BOOST_DECAY[distance];
                    if stress && words.tokens[before].caps {
                        v += sign * STRESS;
                    }
                }
                Some(Modifier::Inert) => {}
                Some(Modifier::But | Modifier::Although) => break,
                None if self.valence_of(words.word(before)).is_some() => break,
                None => {}
            }
        }
        if negations > 0 {
            tally.used_negation();
        }
        if negations % 2 == 1 { negated(v) } else { v }
    }

    /// A phrase right after a negator is negated too: "not too big".
    fn negated_cue(
        &self,
        turn: &Turn,
        index: usize,
        clause_start: usize,
        valence: f64,
        tally: &mut Tally,
    ) -> f64 {
        let before = index
            .checked_sub(1)
            .filter(|&b| b >= clause_start && !turn.masked[b]);
        match before.and_then(|b| self.modifiers.get(turn.words.word(b))) {
            Some(Modifier::Negate) => {
                tally.used_negation();
                negated(valence)
            }
            _ => valence,
        }
    }

    /// Two-word modifiers become one word, so they act as one.
    fn merge_pairs(&self, words: &mut Words) {
        let mut index = 0;
        while index + 1 < words.tokens.len() {
            let pair =
                &words.joined[words.tokens[index].span.start..words.tokens[index + 1].span.end];
            if words.tokens[index].after == Boundary::None && self.modifiers.contains_key(pair) {
                words.merge_with_next(index);
            }
            index += 1;
        }
    }

    /// Cues never reach across a sentence end.
    fn cues_by_sentence(&self, words: &Words) -> Vec<Cue> {
        let spans = words.spans();
        let mut cues = Vec::new();
        let mut start = 0;
        for (index, token) in words.tokens.iter().enumerate() {
            let last = index + 1 == words.tokens.len();
            if token.after == Boundary::Sentence || last {
                let found = self.cues.find(&words.joined, &spans[start..=index]);
                cues.extend(found.into_iter().map(|cue| Cue {
                    first: cue.first + start,
                    end: cue.end + start,
                    ..cue
                }));
                start = index + 1;
            }
        }
        cues
    }
}

/// A stem whose last letter was doubled by its ending, without the double:
/// `stopp` (from `stopped`) → `stop`.
fn undoubled(stem: &str) -> Option<&str> {
    let mut from_end = stem.char_indices().rev();
    let (last_at, last) = from_end.next()?;
    let (_, before) = from_end.next()?;
    (last == before).then(|| &stem[..last_at])
}

/// A turn's words and which of them a cue has claimed.
struct Turn<'a> {
    words: &'a Words,
    masked: &'a [bool],
}

fn negated(valence: f64) -> f64 {
    if valence > 0.0 {
        valence * NEGATED_POSITIVE
    } else {
        valence * NEGATED_NEGATIVE
    }
}

fn modifiers(problems: &mut Vec<Problem>) -> HashMap<String, Modifier> {
    let mut modifiers = HashMap::new();
    for row in MODIFIERS.rows() {
        let modifier = match row.fields.as_slice() {
            [_, "negate"] => Some(Modifier::Negate),
            [_, "but"] => Some(Modifier::But),
            [_, "although"] => Some(Modifier::Although),
            [_, "inert"] => Some(Modifier::Inert),
            [_, "boost", size] => amount(size).map(Modifier::Boost),
            _ => None,
        };
        match modifier {
            Some(modifier) => {
                modifiers.insert(row.fields[0].replace('_', " "), modifier);
            }
            None => problems.push(MODIFIERS.problem(
                row.line,
                "expected word<TAB>negate|but|although|inert|boost<TAB>N",
            )),
        }
    }
    modifiers
}
