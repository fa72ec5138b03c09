//! Where a problem in a config file is: `file:line:column`, for every file format we read.

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
}

impl SourceText<'_> {
    pub fn locate(&self, offset: usize) -> Location {
        let mut end = offset.min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.source[..end];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            origin: self.origin.to_owned(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
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
