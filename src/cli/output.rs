//! What the commands print is an exit for outside text (queue and platform
//! names, operators, notes, file contents quoted in errors): it goes out
//! cleaned. JSON strings are cleaned too, not only escaped: JSON escapes
//! C0 controls but passes DEL, C1, bidirectional and invisible characters
//! through, and a reader that prints a decoded string would run an escaped
//! ESC all the same. The store keeps what was said, byte for byte.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::untrusted::{clean, clean_lines};

/// `value` as pretty JSON, every string in it (keys too) cleaned.
pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> anyhow::Result<()> {
    let value = cleaned(serde_json::to_value(value)?);
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)?;
    Ok(())
}

fn cleaned(value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(owned(clean(&text), &text)),
        Value::Array(items) => Value::Array(items.into_iter().map(cleaned).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (owned(clean(&key), &key), cleaned(value)))
                .collect(),
        ),
        other => other,
    }
}

fn owned(text: Cow<'_, str>, original: &str) -> String {
    match text {
        Cow::Borrowed(_) => original.to_owned(),
        Cow::Owned(text) => text,
    }
}

/// Text of several lines (a report, an error with its causes), each line
/// cleaned on the way out.
pub fn write_lines(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(clean_lines(text).as_bytes())
}

/// A cell of a Markdown table: one clean line, and no `|` to split the row.
pub fn cell(text: &str) -> String {
    clean(text).replace('|', "/")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_json_string_and_key_is_cleaned_and_the_rest_kept() {
        let value = serde_json::json!({
            "name": "Evil\u{1b}[2J\u{9b}1m\u{202E}\u{2066}Queue\u{200D}\u{E0041}\u{2028}",
            "ids": ["q\u{85}1", 7, null, true],
            "by\u{7f}": {"note": "ok"},
        });
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        let read: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            read,
            serde_json::json!({"name": "EvilQueue", "ids": ["q1", 7, null, true], "by": {"note": "ok"}})
        );
        assert!(!text.contains("\\u001b"), "not escaped: removed");
    }
}
