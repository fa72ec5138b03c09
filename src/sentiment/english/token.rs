//! Cutting an English turn into lower-cased words, remembering which were in
//! capitals and where clauses and sentences end.

use std::ops::Range;

/// Where a word's clause or sentence ends, from the punctuation after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    None,
    /// `,` `;` `:` `-` and brackets.
    Clause,
    /// `.` `!` `?`.
    Sentence,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// The word's place in [`Words::joined`].
    pub span: Range<usize>,
    /// Written in capitals (two letters or more, none lower case).
    pub caps: bool,
    pub after: Boundary,
}

/// A turn's words, lower-cased and joined by single spaces, so phrases can be
/// matched as text.
#[derive(Debug, Default)]
pub struct Words {
    pub joined: String,
    pub tokens: Vec<Token>,
    /// Words with at least one letter, and how many of them were in capitals.
    pub lettered: usize,
    pub capitalised: usize,
}

impl Words {
    /// `keep_whole` says whether a token is a lexicon word as written, to be
    /// kept whole: an emoticon (`:(`, `<3`) is not stripped of its
    /// punctuation, a hyphenated word (`well-made`) is not cut at its hyphen.
    pub fn of(text: &str, keep_whole: impl Fn(&str) -> bool) -> Words {
        let mut words = Words::default();
        for raw in text.split_whitespace() {
            words.push(raw, &keep_whole);
        }
        words
    }

    pub fn word(&self, index: usize) -> &str {
        &self.joined[self.tokens[index].span.clone()]
    }

    pub fn spans(&self) -> Vec<Range<usize>> {
        self.tokens.iter().map(|t| t.span.clone()).collect()
    }

    /// Some words in capitals among others that are not: those are stressed.
    pub fn stresses_some(&self) -> bool {
        self.capitalised > 0 && self.capitalised < self.lettered
    }

    /// Nearly every word in capitals, and more than one: the turn is shouted.
    pub fn is_shouted(&self) -> bool {
        self.capitalised >= 2 && self.capitalised * 5 >= self.lettered * 4
    }

    /// Joins word `index` with the next one, for two-word modifiers (`kind of`).
    pub fn merge_with_next(&mut self, index: usize) {
        if index + 1 < self.tokens.len() {
            let next = self.tokens.remove(index + 1);
            let token = &mut self.tokens[index];
            token.span.end = next.span.end;
            token.after = next.after;
        }
    }

    fn push(&mut self, raw: &str, keep_whole: &impl Fn(&str) -> bool) {
        let lowered = lower(raw);
        let word = if keep_whole(&lowered) {
            lowered.as_str()
        } else {
            lowered.trim_matches(|c: char| c.is_ascii_punctuation() || is_quote(c))
        };
        let after = boundary_after(raw);
        if word.is_empty() {
            // Punctuation on its own ("-", "...") still ends a clause or sentence.
            if let Some(last) = self.tokens.last_mut() {
                last.after = strongest(last.after, after);
            }
            return;
        }
        // "easy-to-use", "good/bad": the parts are the words, unless the whole is one.
        if word.contains(['-', '/']) && !keep_whole(word) {
            let parts: Vec<&str> = word.split(['-', '/']).filter(|p| !p.is_empty()).collect();
            for (index, part) in parts.iter().enumerate() {
                let boundary = if index + 1 == parts.len() {
                    after
                } else {
                    Boundary::None
                };
                self.push_word(part, raw, boundary);
            }
            return;
        }
        self.push_word(word, raw, after);
    }

    fn push_word(&mut self, word: &str, raw: &str, after: Boundary) {
        if !self.joined.is_empty() {
            self.joined.push(' ');
        }
        let start = self.joined.len();
        self.joined.push_str(word);
        let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
        let caps = letters >= 2 && !raw.chars().any(char::is_lowercase);
        if letters > 0 {
            self.lettered += 1;
            self.capitalised += usize::from(caps);
        }
        self.tokens.push(Token {
            span: start..self.joined.len(),
            caps,
            after,
        });
    }
}

/// Lower case, with typographic apostrophes made plain (`don’t` → `don't`).
fn lower(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '«' | '»' | '…')
}

fn boundary_after(raw: &str) -> Boundary {
    let trailing = raw
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_punctuation() || is_quote(*c) || !c.is_alphanumeric());
    let mut boundary = Boundary::None;
    for c in trailing {
        let here = match c {
            '.' | '!' | '?' | '…' | '。' | '！' | '？' => Boundary::Sentence,
            ',' | ';' | ':' | '-' | '(' | ')' | '，' | '；' | '：' => Boundary::Clause,
            _ => Boundary::None,
        };
        boundary = strongest(boundary, here);
    }
    boundary
}

fn strongest(a: Boundary, b: Boundary) -> Boundary {
    match (a, b) {
        (Boundary::Sentence, _) | (_, Boundary::Sentence) => Boundary::Sentence,
        (Boundary::Clause, _) | (_, Boundary::Clause) => Boundary::Clause,
        _ => Boundary::None,
    }
}
