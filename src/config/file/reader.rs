//! Reading a config file's values: each key's value with where it was written, and every
//! problem found, located, so the whole file is reported at once.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use super::checklist_ref::ChecklistRef;
use crate::config::source::{Problem, SourceText};

/// What a config file's reader keeps while it reads: the text, for locating problems, and
/// what it found.
pub(super) struct Reader<'a> {
    pub(super) text: &'a SourceText<'a>,
    pub(super) base_dir: &'a Path,
    pub(super) problems: Vec<Problem>,
    pub(super) checklist_refs: Vec<ChecklistRef>,
}

/// One key's value, with where it was written.
pub(super) struct Entry<'a> {
    pub(super) key: String,
    pub(super) key_span: std::ops::Range<usize>,
    pub(super) value: Spanned<DeValue<'a>>,
}

impl<'a> Reader<'a> {
    pub(super) fn problem(
        &mut self,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) {
        self.problems.push(self.text.problem(span, message));
    }

    /// Deserializes one value, recording a located problem if it has the wrong type.
    pub(super) fn value<T: for<'de> Deserialize<'de>>(&mut self, entry: &Entry<'a>) -> Option<T> {
        let span = entry.value.span();
        match T::deserialize(ValueDeserializer::from(entry.value.clone())) {
            Ok(value) => Some(value),
            Err(e) => {
                let message = format!("\"{}\": {}", entry.key, e.message());
                self.problem(e.span().or(Some(span)), message);
                None
            }
        }
    }

    pub(super) fn invalid(
        &mut self,
        entry: &Entry<'a>,
        message: String,
    ) -> Option<std::convert::Infallible> {
        self.problem(
            Some(entry.value.span()),
            format!("\"{}\": {message}", entry.key),
        );
        None
    }

    pub(super) fn text_value(&mut self, entry: &Entry<'a>) -> Option<String> {
        let text = self.value::<String>(entry)?;
        if text.trim().is_empty() {
            self.invalid(entry, "must not be empty".into())?;
        }
        Some(text)
    }

    pub(super) fn path(&mut self, entry: &Entry<'a>) -> Option<PathBuf> {
        let text = self.text_value(entry)?;
        Some(self.base_dir.join(text))
    }

    pub(super) fn duration_within(
        &mut self,
        entry: &Entry<'a>,
        limits: std::ops::RangeInclusive<Duration>,
    ) -> Option<Duration> {
        let text = self.value::<String>(entry)?;
        let duration = match humantime::parse_duration(&text) {
            Ok(d) => d,
            Err(e) => match self.invalid(
                entry,
                format!("{text:?} is not a duration like \"5s\" ({e})"),
            )? {},
        };
        if !limits.contains(&duration) {
            self.invalid(
                entry,
                format!(
                    "{text:?} is outside {}…{}",
                    humantime::format_duration(*limits.start()),
                    humantime::format_duration(*limits.end())
                ),
            )?;
        }
        Some(duration)
    }
}
