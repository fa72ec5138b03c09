//! Reading the embedded tables: `word<TAB>value` lines, `#` comments.
//!
//! The tables are compiled in, so a bad line is a bug in this repository, not
//! an operator's mistake: it is skipped and reported as a [`Problem`], which a
//! test requires to be absent, rather than failing at run time.

/// A line of an embedded table that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct Problem {
    pub file: &'static str,
    pub line: usize,
    pub reason: String,
}

/// One table, with where it came from for the problems it reports.
#[derive(Clone, Copy)]
pub struct Table {
    pub file: &'static str,
    pub text: &'static str,
}

/// A data line: its number (from 1) and its tab-separated fields.
pub struct Row {
    pub line: usize,
    pub fields: Vec<&'static str>,
}

impl Table {
    /// The lines that carry data, split at tabs.
    pub fn rows(self) -> impl Iterator<Item = Row> {
        self.text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|(index, line)| Row {
                line: index + 1,
                fields: line.split('\t').map(str::trim).collect(),
            })
    }

    pub fn problem(self, line: usize, reason: impl Into<String>) -> Problem {
        Problem {
            file: self.file,
            line,
            reason: reason.into(),
        }
    }

    /// `word<TAB>valence` entries on VADER's −4…4 scale.
    pub fn valences(self, problems: &mut Vec<Problem>) -> Vec<Scored> {
        let mut entries = Vec::new();
        for row in self.rows() {
            match row.fields.as_slice() {
                [word, value] if !word.is_empty() => match valence(value) {
                    Some(valence) => entries.push(Scored {
                        line: row.line,
                        word,
                        valence,
                    }),
                    None => problems.push(self.problem(row.line, format!("bad valence {value:?}"))),
                },
                _ => problems.push(self.problem(row.line, "expected word<TAB>valence")),
            }
        }
        entries
    }
}

/// A word and its valence, from line `line` of a table.
pub struct Scored {
    pub line: usize,
    pub word: &'static str,
    pub valence: f64,
}

/// A valence: a finite number within −4…4.
pub fn valence(text: &str) -> Option<f64> {
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (-4.0..=4.0).contains(v))
}

/// A modifier's amount: any finite number.
pub fn amount(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}
