//! Where a problem in a config file is: `file:line:column`, for every file format we read.

use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

/// A position in a config file, 1-based, with the column counted in characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub origin: String,
    pub line: usize,
    pub column: usize,
}

/// One thing wrong in a config file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub at: Location,
    pub message: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.origin, self.line, self.column)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// A file's text and name, for turning byte offsets into `file:line:column`.
pub struct SourceText<'a> {
    pub origin: &'a str,
    pub source: &'a str,
    /// Where each line starts, found on the first `locate`: a file with
    /// many problems is then read once, not once per problem.
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> SourceText<'a> {
    pub fn new(origin: &'a str, source: &'a str) -> Self {
        Self {
            origin,
            source,
            line_starts: OnceCell::new(),
        }
    }
}

impl SourceText<'_> {
    pub fn locate(&self, offset: usize) -> Location {
        let mut end = offset.min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let starts = self.line_starts.get_or_init(|| line_starts(self.source));
        // The last line starting at or before `end` (the first always starts at 0).
        let line = starts.partition_point(|start| *start <= end).max(1);
        let line_start = starts.get(line - 1).copied().unwrap_or(0);
        Location {
            origin: self.origin.to_owned(),
            line,
            column: self.source[line_start..end].chars().count() + 1,
        }
    }

    pub fn problem(&self, span: Option<Range<usize>>, message: impl Into<String>) -> Problem {
        let offset = span.map_or(0, |span| span.start);
        Problem {
            at: self.locate(offset),
            message: message.into(),
        }
    }
}

impl<'a> SourceText<'a> {
    /// The file as a TOML table with spans, or every syntax error in it, located.
    pub fn parse_toml(&self) -> Result<Spanned<DeTable<'a>>, Vec<Problem>> {
        let (document, syntax_errors) = DeTable::parse_recoverable(self.source);
        if syntax_errors.is_empty() {
            return Ok(document);
        }
        Err(syntax_errors
            .iter()
            .map(|e| self.problem(e.span(), format!("invalid TOML: {}", e.message())))
            .collect())
    }
}

/// The byte offset of each line's first character.
fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(at, _)| at + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::SourceText;

    /// What `locate` answered before it kept a line index: count the newlines before the offset.
    fn counted(source: &str, offset: usize) -> (usize, usize) {
        let mut end = offset.min(source.len());
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        let before = &source[..end];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    }

    #[test]
    fn every_offset_is_located_as_by_counting_newlines() {
        for source in ["", "\n", "a", "a\n\nbé = 1\n", "\n\n山田\r\nx", "é\n"] {
            let text = SourceText::new("f.toml", source);
            for offset in 0..=source.len() + 2 {
                let at = text.locate(offset);
                assert_eq!(
                    (at.line, at.column),
                    counted(source, offset),
                    "{source:?} at {offset}"
                );
            }
        }
    }
}
