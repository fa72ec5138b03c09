//! `floorwatch sentiment`: one customer turn per line in, one judgement per line out.
//!
//! Every input line gets exactly one output line, an empty one too (neutral),
//! so the output can be pasted beside the input. Reading stops at the first
//! line that is not UTF-8, after printing the results before it.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};

use serde::Serialize;

use crate::sentiment::{Analyzer, Label, Sentiment};
use crate::ui::fmt;

/// How each result is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `negative  -0.79  en  I've called three times…`: for a person.
    Readable,
    /// `{"score":-0.7905,"label":"neg","lang":"en"}`: for a program.
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum SentimentError {
    #[error("line {line} is not valid UTF-8 (the bad byte is byte {byte} of the line)")]
    NotUtf8 { line: usize, byte: usize },
    #[error("cannot read standard input")]
    Read(#[source] std::io::Error),
    #[error("cannot write standard output")]
    Write(#[source] std::io::Error),
}

/// Scores standard input onto standard output. A reader that goes away
/// (`| head`) ends the run quietly.
pub fn run(json: bool) -> Result<(), SentimentError> {
    let format = if json { Format::Json } else { Format::Readable };
    let mut input = BufReader::new(std::io::stdin());
    match score_lines(&mut input, std::io::stdout().lock(), format) {
        Err(SentimentError::Write(e)) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.map(|_lines| ()),
    }
}

/// Scores every line of `input` onto `output`; returns how many lines it scored.
pub fn score_lines<R: Read>(
    input: &mut BufReader<R>,
    mut output: impl Write,
    format: Format,
) -> Result<usize, SentimentError> {
    let analyzer = Analyzer::shared();
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        if input
            .read_until(b'\n', &mut line)
            .map_err(SentimentError::Read)?
            == 0
        {
            break;
        }
        number += 1;
        let text = match std::str::from_utf8(without_line_end(&line)) {
            Ok(text) => text,
            Err(e) => {
                output.flush().map_err(SentimentError::Write)?;
                return Err(SentimentError::NotUtf8 {
                    line: number,
                    byte: e.valid_up_to() + 1,
                });
            }
        };
        write_result(&mut output, analyzer.analyze(text), text, format)
            .map_err(SentimentError::Write)?;
        // Nothing more is waiting: flush, so a person typing sees each answer at once.
        if input.buffer().is_empty() {
            output.flush().map_err(SentimentError::Write)?;
        }
    }
    output.flush().map_err(SentimentError::Write)?;
    Ok(number)
}

fn without_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The JSON twin of a result.
#[derive(Serialize)]
struct SentimentLine {
    score: f64,
    label: &'static str,
    lang: &'static str,
}

fn write_result(
    output: &mut impl Write,
    sentiment: Sentiment,
    text: &str,
    format: Format,
) -> std::io::Result<()> {
    // Four decimals: finer than any judgement the analyzer makes, stable to compare.
    let score = (sentiment.score * 10_000.0).round() / 10_000.0;
    match format {
        Format::Json => {
            let line = SentimentLine {
                score,
                label: sentiment.label.as_str(),
                lang: sentiment.lang.as_str(),
            };
            serde_json::to_writer(&mut *output, &line)?;
            writeln!(output)
        }
        Format::Readable => writeln!(
            output,
            "{:<8}  {score:+.2}  {}  {}",
            word(sentiment.label),
            sentiment.lang.as_str(),
            fmt::clean(text)
        ),
    }
}

fn word(label: Label) -> &'static str {
    match label {
        Label::Positive => "positive",
        Label::Neutral => "neutral",
        Label::Negative => "negative",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn score(input: &[u8], format: Format) -> (Result<usize, SentimentError>, String) {
        let mut output = Vec::new();
        let result = score_lines(&mut BufReader::new(input), &mut output, format);
        (result, String::from_utf8(output).unwrap())
    }

    #[test]
    fn every_line_gets_one_result_empty_ones_too() {
        let (result, output) = score(
            b"great service\n\nterrible\r\nlast line without newline",
            Format::Json,
        );
        assert_eq!(result.unwrap(), 4);
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].contains(r#""label":"pos""#), "{}", lines[0]);
        assert_eq!(lines[1], r#"{"score":0.0,"label":"neu","lang":"en"}"#);
        assert!(lines[2].contains(r#""label":"neg""#), "{}", lines[2]);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named_after_the_lines_before_it_are_printed() {
        let (result, output) = score(b"fine\nok\nbad \xff byte\nnever read\n", Format::Readable);
        match result {
            Err(SentimentError::NotUtf8 { line, byte }) => {
                assert_eq!((line, byte), (3, 5));
            }
            other => panic!("expected NotUtf8, got {other:?}"),
        }
        assert_eq!(output.lines().count(), 2);
        let message = SentimentError::NotUtf8 { line: 3, byte: 5 }.to_string();
        assert!(message.contains("line 3"), "{message}");
    }

    #[test]
    fn the_readable_line_shows_label_score_language_and_the_cleaned_text() {
        let (_, output) = score("这家店服务太差了\u{1b}[2J\n".as_bytes(), Format::Readable);
        assert!(output.starts_with("negative  -"), "{output}");
        assert!(output.contains("  zh  这家店服务太差了"), "{output}");
        assert!(
            !output.contains('\u{1b}'),
            "escape sequences never reach the terminal"
        );
    }
}
