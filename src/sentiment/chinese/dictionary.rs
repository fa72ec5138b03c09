//! The Chinese dictionary and the longest-match cut of a clause into words.
//!
//! A general-purpose segmenter (jieba) glues 不太好 or 没人接 into one token
//! and hides the sentiment word inside; cutting on our own dictionary, longest
//! entry first, keeps exactly the units this reader has rules for.

use std::collections::HashMap;
use std::ops::Range;

use crate::sentiment::lexicon::{Problem, Table, amount};

const VALENCES: Table = Table {
    file: "zh_valence.tsv",
    text: include_str!("../data/zh_valence.tsv"),
};
const MODIFIERS: Table = Table {
    file: "zh_modifier.tsv",
    text: include_str!("../data/zh_modifier.tsv"),
};
/// Curated NTUSD words (MIT), read after ours: they fill gaps, never replace.
const NTUSD: Table = Table {
    file: "zh_ntusd.tsv",
    text: include_str!("../data/zh_ntusd.tsv"),
};

/// What a word in the dictionary does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entry {
    /// Carries sentiment (0 for a phrase listed only to win the match).
    Valence(f64),
    /// Flips the sentiment word after it; an emphatic negation (一点都不) also strengthens it.
    Negate(f64),
    /// Multiplies the sentiment word after it.
    Degree(f64),
    But,
    Although,
    /// A quality judged by size: +1 when more is better, −1 when more is worse.
    Aspect(f64),
    /// A word of size: +1 more, −1 less.
    Scale(f64),
}

/// A word of a clause: where it is, and its entry when it has one.
#[derive(Debug, Clone)]
pub struct Piece {
    pub range: Range<usize>,
    pub entry: Option<Entry>,
}

pub struct Dictionary {
    entries: HashMap<&'static str, Entry>,
    /// The longest entry, in characters, starting with each character.
    longest: HashMap<char, usize>,
}

impl Dictionary {
    pub fn new(problems: &mut Vec<Problem>) -> Dictionary {
        let mut dictionary = Dictionary {
            entries: HashMap::new(),
            longest: HashMap::new(),
        };
        for scored in VALENCES.valences(problems) {
            let entry = Entry::Valence(scored.valence);
            dictionary.insert(VALENCES, scored.line, scored.word, entry, problems);
        }
        for row in MODIFIERS.rows() {
            match modifier(&row.fields) {
                Some(entry) => {
                    dictionary.insert(MODIFIERS, row.line, row.fields[0], entry, problems)
                }
                None => problems.push(MODIFIERS.problem(
                    row.line,
                    "expected word<TAB>negate [N]|but|although|degree N|aspect N|scale N",
                )),
            }
        }
        for scored in NTUSD.valences(problems) {
            let entry = Entry::Valence(scored.valence);
            dictionary.insert(NTUSD, scored.line, scored.word, entry, problems);
        }
        dictionary
    }

    fn insert(
        &mut self,
        table: Table,
        line: usize,
        word: &'static str,
        entry: Entry,
        problems: &mut Vec<Problem>,
    ) {
        if self.entries.insert(word, entry).is_some() {
            problems.push(table.problem(line, format!("{word} is listed twice")));
        }
        if let Some(first) = word.chars().next() {
            let length = word.chars().count();
            let longest = self.longest.entry(first).or_insert(0);
            *longest = (*longest).max(length);
        }
    }

    pub fn get(&self, word: &str) -> Option<Entry> {
        self.entries.get(word).copied()
    }

    /// `clause` cut into words: at each character the longest entry that
    /// starts there, else the character alone.
    pub fn cut(&self, clause: &str) -> Vec<Piece> {
        let bounds: Vec<usize> = clause
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(clause.len()))
            .collect();
        let mut pieces = Vec::new();
        let mut at = 0;
        while at + 1 < bounds.len() {
            let (length, entry) = self.longest_at(clause, &bounds, at);
            pieces.push(Piece {
                range: bounds[at]..bounds[at + length],
                entry,
            });
            at += length;
        }
        pieces
    }

    fn longest_at(&self, clause: &str, bounds: &[usize], at: usize) -> (usize, Option<Entry>) {
        let first = clause[bounds[at]..].chars().next();
        let longest = first
            .and_then(|c| self.longest.get(&c))
            .copied()
            .unwrap_or(0);
        let most = longest.min(bounds.len() - 1 - at);
        (1..=most)
            .rev()
            .find_map(|length| {
                self.get(&clause[bounds[at]..bounds[at + length]])
                    .map(|entry| (length, Some(entry)))
            })
            .unwrap_or((1, None))
    }
}

fn modifier(fields: &[&str]) -> Option<Entry> {
    match fields {
        [_, "negate"] => Some(Entry::Negate(1.0)),
        [_, "negate", n] => amount(n).map(Entry::Negate),
        [_, "but"] => Some(Entry::But),
        [_, "although"] => Some(Entry::Although),
        [_, "degree", n] => amount(n).map(Entry::Degree),
        [_, "aspect", n] => amount(n).map(Entry::Aspect),
        [_, "scale", n] => amount(n).map(Entry::Scale),
        _ => None,
    }
}
