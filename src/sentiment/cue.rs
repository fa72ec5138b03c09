//! Cues: phrases with gaps in them, for the sentiment that no single word
//! carries ("on hold for forty minutes", "第三次打电话").
//!
//! A cue book is read from a table (see `data/en_cue.tsv` for the syntax) and
//! matched over a text cut into units: words for English, characters for
//! Chinese. Matching runs left to right; at each unit the first pattern that
//! matches wins and the match's units are not looked at again.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::{Problem, Table, valence};

/// What a pattern's units are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    /// Words separated by single spaces; `_` in a pattern stands for the space.
    Words,
    /// Characters, with nothing between them.
    Chars,
}

/// A phrase found in a text: units `first..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue {
    pub first: usize,
    pub end: usize,
    pub valence: f64,
}

pub struct CueBook {
    patterns: Vec<Pattern>,
    /// Patterns by the text of the first unit they can start with, in table order.
    by_first_unit: HashMap<String, Vec<usize>>,
}

struct Pattern {
    valence: f64,
    steps: Vec<Step>,
}

enum Step {
    OneOf(Vec<String>),
    /// Up to this many units of anything.
    Gap(usize),
}

impl CueBook {
    pub fn parse(table: Table, units: Units, problems: &mut Vec<Problem>) -> CueBook {
        let mut sets: HashMap<&str, Vec<String>> = HashMap::new();
        let mut book = CueBook {
            patterns: Vec::new(),
            by_first_unit: HashMap::new(),
        };
        for row in table.rows() {
            let parsed = match row.fields.as_slice() {
                [definition] if definition.starts_with('@') => {
                    define_set(definition, units, &mut sets)
                }
                [value, pattern] => valence(value)
                    .ok_or_else(|| format!("bad valence {value:?}"))
                    .and_then(|v| parse_pattern(v, pattern, units, &sets))
                    .map(|pattern| book.add(pattern, units)),
                _ => Err("expected @name = a|b or valence<TAB>pattern".to_owned()),
            };
            if let Err(reason) = parsed {
                problems.push(table.problem(row.line, reason));
            }
        }
        book
    }

    fn add(&mut self, pattern: Pattern, units: Units) {
        let index = self.patterns.len();
        if let Some(Step::OneOf(alternatives)) = pattern.steps.first() {
            for alternative in alternatives {
                let first = first_unit(alternative, units).to_owned();
                let entry = self.by_first_unit.entry(first).or_default();
                if entry.last() != Some(&index) {
                    entry.push(index);
                }
            }
        }
        self.patterns.push(pattern);
    }

    /// The cues in `text`, whose units are the byte ranges `units`, left to right.
    pub fn find(&self, text: &str, units: &[Range<usize>]) -> Vec<Cue> {
        let mut cues = Vec::new();
        let mut at = 0;
        while at < units.len() {
            match self.match_at(text, units, at) {
                Some(cue) => {
                    cues.push(cue);
                    at = cue.end.max(at + 1);
                }
                None => at += 1,
            }
        }
        cues
    }

    fn match_at(&self, text: &str, units: &[Range<usize>], at: usize) -> Option<Cue> {
        let candidates = self.by_first_unit.get(text.get(units[at].clone())?)?;
        candidates.iter().find_map(|&index| {
            let pattern = &self.patterns[index];
            pattern.end_of_match(0, text, units, at).map(|end| Cue {
                first: at,
                end,
                valence: pattern.valence,
            })
        })
    }
}

impl Pattern {
    /// Where a match of the steps from `step` on, starting at unit `at`, ends.
    fn end_of_match(
        &self,
        step: usize,
        text: &str,
        units: &[Range<usize>],
        at: usize,
    ) -> Option<usize> {
        let Some(current) = self.steps.get(step) else {
            return Some(at);
        };
        match current {
            Step::Gap(most) => (0..=*most)
                .take_while(|skip| at + skip <= units.len())
                .find_map(|skip| self.end_of_match(step + 1, text, units, at + skip)),
            Step::OneOf(alternatives) => alternatives
                .iter()
                .filter_map(|alternative| literal_end(text, units, at, alternative))
                .find_map(|next| self.end_of_match(step + 1, text, units, next)),
        }
    }
}

/// The unit after a match of `literal` starting at unit `at`, when the match
/// ends exactly where a unit ends.
fn literal_end(text: &str, units: &[Range<usize>], at: usize, literal: &str) -> Option<usize> {
    let start = units.get(at)?.start;
    if !text.get(start..)?.starts_with(literal) {
        return None;
    }
    let end = start + literal.len();
    units[at..]
        .iter()
        .take_while(|unit| unit.start < end)
        .position(|unit| unit.end == end)
        .map(|offset| at + offset + 1)
}

fn first_unit(alternative: &str, units: Units) -> &str {
    match units {
        Units::Words => alternative.split(' ').next().unwrap_or(alternative),
        Units::Chars => alternative
            .char_indices()
            .nth(1)
            .map_or(alternative, |(end, _)| &alternative[..end]),
    }
}

/// `@name = a|b|c`.
fn define_set<'a>(
    definition: &'a str,
    units: Units,
    sets: &mut HashMap<&'a str, Vec<String>>,
) -> Result<(), String> {
    let (name, members) = definition
        .split_once('=')
        .ok_or_else(|| "a set is written @name = a|b|c".to_owned())?;
    let members = alternatives(members.trim(), units, sets)?;
    sets.insert(name.trim(), members);
    Ok(())
}

fn parse_pattern(
    valence: f64,
    pattern: &str,
    units: Units,
    sets: &HashMap<&str, Vec<String>>,
) -> Result<Pattern, String> {
    let steps = pattern
        .split(' ')
        .filter(|element| !element.is_empty())
        .map(|element| match element.strip_prefix('~') {
            Some(most) => most
                .parse()
                .map(Step::Gap)
                .map_err(|_| format!("bad gap {element:?}")),
            None => alternatives(element, units, sets).map(Step::OneOf),
        })
        .collect::<Result<Vec<_>, _>>()?;
    match steps.first() {
        Some(Step::OneOf(_)) => Ok(Pattern { valence, steps }),
        _ => Err("a pattern starts with words, not a gap".to_owned()),
    }
}

/// `a|b_c|@set` → the strings it stands for.
fn alternatives(
    element: &str,
    units: Units,
    sets: &HashMap<&str, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for alternative in element.split('|').filter(|a| !a.is_empty()) {
        if alternative.starts_with('@') {
            let set = sets
                .get(alternative)
                .ok_or_else(|| format!("unknown set {alternative}"))?;
            out.extend(set.iter().cloned());
        } else if units == Units::Words {
            out.push(alternative.replace('_', " "));
        } else {
            out.push(alternative.to_owned());
        }
    }
    if out.is_empty() {
        return Err(format!("no alternatives in {element:?}"));
    }
    Ok(out)
}
