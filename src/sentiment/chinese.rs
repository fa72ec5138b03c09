//! The Chinese reader: our own lexicon, negation and degree words, turns,
//! size-judged qualities (性价比很高, 价格偏高) and complaint cues.
//!
//! Text is normalized (Traditional → Simplified), cut into clauses at its
//! punctuation, and each clause into the longest dictionary words. Each
//! sentiment word is looked at with up to three words before it in its clause.

mod dictionary;
mod text;

use std::ops::Range;

use super::cue::{CueBook, Units};
use super::lexicon::{Problem, Table};
use super::tally::Tally;
use dictionary::{Dictionary, Entry, Piece};
use text::{CharMap, clauses};

const CUES: Table = Table {
    file: "zh_cue.tsv",
    text: include_str!("data/zh_cue.tsv"),
};

/// A negated positive word reads as its opposite, a little weaker (不热情).
const NEGATED_POSITIVE: f64 = -0.8;
/// A negated negative word is faint praise (不差, 不贵).
const NEGATED_NEGATIVE: f64 = -0.5;
/// A negation before a degree word softens rather than flips in full:
/// 不太好 is "not very good", milder than 不好.
const NEGATED_DEGREE: f64 = -0.7;
/// 好 before a sentiment word is "so" (好脏, 好贵), not "good".
const GOOD_AS_DEGREE: f64 = 1.5;
/// The sentiment of a size-judged quality: 性价比高, 价格低.
const ASPECT_VALENCE: f64 = 1.5;
/// How many words before a sentiment word its modifiers may be.
const REACH: usize = 3;
/// How many words before a size word (高, 小) the quality it judges may be.
const ASPECT_REACH: usize = 6;

/// Words after which a clause names what the call is about.
const MATTER_FRAMES: [&str; 5] = ["问一下", "查一下", "关于", "咨询", "办理"];
/// Words that name a matter (a refund, an outage, an upgrade), neutral where they name one.
const MATTER_WORDS: [&str; 10] = [
    "退款", "断网", "丢失", "投诉", "升级", "优惠", "故障", "理赔", "解约", "积分",
];

pub struct Chinese {
    chars: CharMap,
    dictionary: Dictionary,
    cues: CueBook,
}

impl Chinese {
    pub fn new(problems: &mut Vec<Problem>) -> Chinese {
        Chinese {
            chars: CharMap::new(problems),
            dictionary: Dictionary::new(problems),
            cues: CueBook::parse(CUES, Units::Chars, problems),
        }
    }

    /// The summed, weighted valence of the Chinese in `text`.
    pub fn read(&self, text: &str) -> f64 {
        let normalized = self.chars.normalize(text);
        let mut tally = Tally::default();
        for clause in clauses(&normalized) {
            self.read_clause(clause.text, &mut tally);
            if clause.ends_sentence {
                tally.end_sentence();
            } else {
                tally.end_clause();
            }
        }
        tally.finish()
    }

    fn read_clause(&self, clause: &str, tally: &mut Tally) {
        // What follows "could you check", "I'd like to ask about" names the
        // matter of the call: a request, not a feeling (see `en_matter.tsv`).
        let matter_from = MATTER_FRAMES
            .iter()
            .filter_map(|frame| clause.find(frame).map(|at| at + frame.len()))
            .min();
        let cues = self.cues_in(clause);
        let pieces = self.dictionary.cut(clause);
        let masked: Vec<bool> = pieces
            .iter()
            .map(|piece| cues.iter().any(|(bytes, _)| overlaps(bytes, &piece.range)))
            .collect();
        let words = Words {
            clause,
            pieces: &pieces,
            masked: &masked,
        };
        let mut cues = cues.iter().peekable();
        for (index, piece) in pieces.iter().enumerate() {
            while let Some((_, valence)) = cues.next_if(|(bytes, _)| bytes.start < piece.range.end)
            {
                tally.add(*valence);
            }
            let names_matter = matter_from.is_some_and(|from| piece.range.start >= from)
                && MATTER_WORDS.contains(&words.text(index));
            if !masked[index] && !names_matter {
                self.score_piece(&words, index, tally);
            }
        }
    }

    /// The cues in a clause: the bytes each covers and its valence.
    fn cues_in(&self, clause: &str) -> Vec<(Range<usize>, f64)> {
        let units: Vec<Range<usize>> = clause
            .char_indices()
            .map(|(at, c)| at..at + c.len_utf8())
            .collect();
        self.cues
            .find(clause, &units)
            .iter()
            .map(|cue| (units[cue.first].start..units[cue.end - 1].end, cue.valence))
            .collect()
    }

    fn score_piece(&self, words: &Words, index: usize, tally: &mut Tally) {
        match words.pieces[index].entry {
            Some(Entry::Valence(v)) if v != 0.0 && !words.is_degree_good(index) => {
                let v = self.modified(words, index, v, tally);
                tally.add(v);
            }
            Some(Entry::Scale(size)) => {
                if let Some(judged) = words.aspect_before(index) {
                    let v = self.modified(words, index, ASPECT_VALENCE * judged * size, tally);
                    tally.add(v);
                }
            }
            Some(Entry::But) => tally.turn(),
            Some(Entry::Although) => tally.concede(),
            Some(Entry::Negate(_)) => tally.saw_negator(),
            Some(Entry::Degree(d)) if d < 1.0 => tally.saw_hedge(),
            _ => {}
        }
    }

    /// The valence of piece `index` after the degree and negation words before it.
    fn modified(&self, words: &Words, index: usize, valence: f64, tally: &mut Tally) -> f64 {
        let mut degree = 1.0;
        let mut negations = 0;
        let mut softened = false;
        let mut emphasis = 1.0;
        for (distance, before) in (0..index).rev().take(REACH).enumerate() {
            if words.masked[before] {
                break;
            }
            match words.entry_before(before, distance) {
                Some(Entry::Degree(d)) => {
                    if d < 1.0 {
                        tally.used_hedge();
                    }
                    degree *= d;
                }
                Some(Entry::Negate(strength)) => {
                    negations += 1;
                    emphasis *= strength;
                    // 不太好: the negation reaches the word through a degree word.
                    softened |= degree != 1.0;
                }
                Some(Entry::Valence(v)) if v != 0.0 => break,
                Some(Entry::But | Entry::Although | Entry::Aspect(_)) => break,
                _ => {}
            }
        }
        if negations > 0 {
            tally.used_negation();
        }
        if negations % 2 == 0 {
            valence * degree * emphasis
        } else if softened {
            valence * emphasis * NEGATED_DEGREE
        } else if valence > 0.0 {
            valence * degree * emphasis * NEGATED_POSITIVE
        } else {
            valence * degree * emphasis * NEGATED_NEGATIVE
        }
    }
}

/// A clause cut into pieces, with the pieces a cue has claimed.
struct Words<'a> {
    clause: &'a str,
    pieces: &'a [Piece],
    masked: &'a [bool],
}

impl Words<'_> {
    fn text(&self, index: usize) -> &str {
        &self.clause[self.pieces[index].range.clone()]
    }

    /// 好 right before a sentiment word is a degree word (好脏, 好贵).
    fn is_degree_good(&self, index: usize) -> bool {
        self.text(index) == "好"
            && matches!(
                self.pieces.get(index + 1).and_then(|p| p.entry),
                Some(Entry::Valence(v)) if v != 0.0
            )
    }

    /// The entry of piece `before`, `distance` pieces before the word being
    /// scored, as it acts on that word.
    fn entry_before(&self, before: usize, distance: usize) -> Option<Entry> {
        if distance == 0 && self.is_degree_good(before) {
            return Some(Entry::Degree(GOOD_AS_DEGREE));
        }
        self.pieces[before].entry
    }

    /// The nearest quality a few words earlier in the clause whose size piece
    /// `index` judges (性价比 | 很 | 高).
    fn aspect_before(&self, index: usize) -> Option<f64> {
        self.pieces[index.saturating_sub(ASPECT_REACH)..index]
            .iter()
            .rev()
            .find_map(|p| match p.entry {
                Some(Entry::Aspect(judged)) => Some(judged),
                _ => None,
            })
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
