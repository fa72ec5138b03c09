//! Preparing Chinese text: one form of every character, cut into clauses.
//!
//! Traditional characters become Simplified (a character map derived from
//! OpenCC, Apache-2.0), full-width letters and punctuation become ASCII, and
//! Latin letters become lower case, so the lexicon needs each word only once.

use std::collections::HashMap;

use crate::sentiment::lexicon::{Problem, Table};
use crate::sentiment::script::is_han;

const T2S: Table = Table {
    file: "zh_t2s.txt",
    text: include_str!("../data/zh_t2s.txt"),
};

/// Traditional → Simplified, one character to one.
pub struct CharMap(HashMap<char, char>);

impl CharMap {
    pub fn new(problems: &mut Vec<Problem>) -> CharMap {
        let mut map = HashMap::new();
        for row in T2S.rows() {
            for pair in row.fields.iter().flat_map(|f| f.split(' ')) {
                let mut chars = pair.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(traditional), Some(simplified), None) => {
                        map.insert(traditional, simplified);
                    }
                    _ => problems.push(T2S.problem(row.line, format!("bad pair {pair:?}"))),
                }
            }
        }
        CharMap(map)
    }

    /// `text` in Simplified characters, ASCII punctuation and lower case.
    pub fn normalize(&self, text: &str) -> String {
        text.chars().map(|c| self.one(c)).collect()
    }

    fn one(&self, c: char) -> char {
        match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            c if c.is_ascii() => c,
            // Full-width forms of ASCII (！ ， ？ Ａ １) sit 0xFEE0 above it.
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(u32::from(c) - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
            }
            '\u{3000}' => ' ',
            '。' | '…' | '｡' => '.',
            '、' | '､' => ',',
            c => self.0.get(&c).copied().unwrap_or(c),
        }
    }
}

/// A clause of normalized text, and whether a sentence ends with it.
pub struct Clause<'a> {
    pub text: &'a str,
    pub ends_sentence: bool,
}

/// The clauses of normalized text, cut at its punctuation.
pub fn clauses(normalized: &str) -> Vec<Clause<'_>> {
    let mut clauses = Vec::new();
    let mut start = 0;
    let mut previous = None;
    let mut chars = normalized.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends_sentence = matches!(c, '.' | '!' | '?' | ';' | '~' | '\n');
        // Chinese has no spaces between words: a space between two characters separates clauses.
        let spaced = c == ' '
            && previous.is_some_and(is_han)
            && chars.peek().is_some_and(|&(_, next)| is_han(next));
        previous = Some(c);
        let ends_clause = ends_sentence
            || spaced
            || matches!(
                c,
                ',' | ':' | '(' | ')' | '"' | '\'' | '《' | '》' | '「' | '」' | '“' | '”'
            );
        if ends_clause {
            if at > start {
                clauses.push(Clause {
                    text: &normalized[start..at],
                    ends_sentence,
                });
            } else if ends_sentence && let Some(last) = clauses.last_mut() {
                last.ends_sentence = true;
            }
            start = at + c.len_utf8();
        }
    }
    if start < normalized.len() {
        clauses.push(Clause {
            text: &normalized[start..],
            ends_sentence: true,
        });
    }
    clauses
}
