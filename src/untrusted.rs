//! Text from outside the process — platform answers, config files, the
//! operator's environment — made safe before it leaves: drawn, printed,
//! copied to the clipboard or written to the log.
//!
//! A name can carry an escape sequence that retitles the window, rewrites
//! the clipboard or clears the screen; a bidirectional override that shows
//! `4321` for `1234`; or characters that show nothing at all and make two
//! different names look alike. [`clean`] removes all of them, and every
//! exit uses it. The stored record keeps what the platform said; cleaning
//! happens on the way out.
//!
//! This module depends on nothing else in the crate, so any part may use it.

use std::borrow::Cow;

/// `text` as one safe line: escape sequences (CSI, OSC, DCS, APC, PM, SOS,
/// in their 7-bit and 8-bit forms) are removed whole, and so is every
/// character [`is_forbidden`] names, line breaks included.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            '\u{9b}' => skip_until(&mut chars, is_final_byte),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if !is_forbidden(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`] for text of several lines (an error with its causes, a
/// message to copy): each line is cleaned on its own and the line breaks
/// (`\n`) stay; a `\r` is removed, so no line can overwrite another.
pub fn clean_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_forbidden(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(clean).collect();
    Cow::Owned(lines.join("\n"))
}

/// Whether `c` may not leave the process: control characters (C0, DEL, C1,
/// so also NUL, a lone CR, BEL and ESC), bidirectional overrides, embeddings,
/// isolates and marks, zero-width and other invisible formatting characters
/// (joiners, the BOM, the soft hyphen, the combining grapheme joiner,
/// invisible operators), tag characters, and the Unicode line and paragraph
/// separators, which some terminals and editors treat as line breaks.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// A CSI sequence ends at its final byte, `@` to `~`.
fn is_final_byte(c: char) -> bool {
    ('\u{40}'..='\u{7e}').contains(&c)
}

fn skip_escape_sequence(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_until(chars, is_final_byte),
        // OSC, DCS, APC, PM, SOS: a string up to BEL or ST.
        Some(']' | 'P' | '_' | '^' | 'X') => skip_string(chars),
        // Two-character escapes (ESC c, ESC 7 …): the one character is gone already.
        _ => {}
    }
}

fn skip_until(chars: &mut Chars<'_>, end: impl Fn(char) -> bool) {
    for c in chars.by_ref() {
        if end(c) {
            return;
        }
    }
}

/// Skips to the end of a control string: BEL, ST (ESC \\) or C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// RELIABILITY's hostile corpus, items 1 and 2: escape sequences and Unicode spoofing.
    const HOSTILE: &[&str] = &[
        "\x1b[2J",
        "\x1b]0;pwned\x07",
        "\x1b]52;c;aGVsbG8=\x07",
        "\x1b[21t",
        "\x1bP1;2|xyz\x1b\\",
        "\u{9b}2J",
        "over\rwrite",
        "back\x08\x08\x08space",
        "\x07\x07\x07\x07",
        "\u{202E}4321\u{202C}",
        "\u{202D}1234\u{2066}5678\u{2069}\u{2067}9\u{2069}\u{2068}0\u{2069}",
        "Z\u{200D}o\u{200C}e\u{200B}y\u{2060}",
        "Qu\u{0435}ue",
        "\u{FEFF}BOM\u{0000}NUL\u{007F}DEL",
        "Z̷̢̛a̶l̴g̸o\u{034F}",
        "tag\u{E0001}\u{E0041}\u{E007F}s",
        "line\u{2028}para\u{2029}end",
    ];

    #[test]
    fn escape_sequences_go_whole_and_the_readable_text_stays() {
        let hostile = "Eve\x1b]0;pwned\x07\x1b[2J\u{9b}2J\r\x08\u{202E}4321\u{200B}";
        assert_eq!(clean(hostile), "Eve4321");
        assert_eq!(clean("a\x1bP1;2|xyz\x1b\\b"), "ab", "DCS up to ST");
        assert_eq!(
            clean("a\u{9d}0;title\u{9c}b"),
            "ab",
            "8-bit OSC up to 8-bit ST"
        );
        assert_eq!(clean("a\u{9f}apc\u{9c}b"), "ab", "8-bit APC");
        assert_eq!(clean("王芳\u{1b}[31m!"), "王芳!");
        assert_eq!(
            clean("Qu\u{0435}ue"),
            "Qu\u{0435}ue",
            "homoglyphs are letters"
        );
    }

    #[test]
    fn invisible_characters_go() {
        for c in [
            '\u{034F}',
            '\u{E0000}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{2028}',
            '\u{2029}',
            '\u{00AD}',
            '\u{206A}',
            '\u{180E}',
            '\u{FEFF}',
            '\u{200D}',
            '\u{2066}',
            '\u{061C}',
            '\u{0000}',
            '\u{007F}',
            '\u{0085}',
            '\r',
            '\t',
            '\u{200B}',
            '\u{200C}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202B}',
            '\u{202C}',
            '\u{202D}',
            '\u{202E}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{2060}',
            '\u{2064}',
            '\u{FFF9}',
            '\u{1D173}',
        ] {
            assert_eq!(clean(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn clean_text_is_borrowed_as_it_is() {
        let text = "会员服务 · Billing 👍🏽 é";
        assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_their_carriage_returns() {
        assert_eq!(clean_lines("one\x1b[2J\r\ntwo\u{202E}\n"), "one\ntwo\n");
        assert_eq!(clean("one\ntwo"), "onetwo", "a single line has no break");
    }

    #[test]
    fn the_corpus_comes_out_clean() {
        for hostile in HOSTILE {
            let cleaned = clean(hostile);
            assert!(
                !cleaned.chars().any(is_forbidden),
                "{hostile:?} → {cleaned:?}"
            );
        }
    }

    /// Text mixing the characters that matter: controls, invisibles, escape
    /// introducers, sequence bytes and ordinary letters in several scripts.
    fn risky_text() -> impl Strategy<Value = String> {
        let risky = prop_oneof![
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap_or('?')),
            Just('\u{1b}'),
            Just('['),
            Just(']'),
            Just('\\'),
            Just('P'),
            Just('m'),
            Just(';'),
            proptest::sample::select(vec![
                '\u{034F}',
                '\u{200B}',
                '\u{200D}',
                '\u{202E}',
                '\u{2066}',
                '\u{2069}',
                '\u{2028}',
                '\u{FEFF}',
                '\u{E0041}',
                '\u{E007F}',
                '\u{00AD}',
                'a',
                'Z',
                '王',
                '芳',
                'é',
                '👍',
                '\u{0301}',
            ]),
            any::<char>(),
        ];
        proptest::collection::vec(risky, 0..64).prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn cleaned_text_holds_nothing_forbidden_and_cleans_to_itself(text in risky_text()) {
            let once = clean(&text).into_owned();
            prop_assert!(!once.chars().any(is_forbidden), "{:?} → {:?}", text, once);
            prop_assert_eq!(clean(&once), once.as_str());
            let lines = clean_lines(&text).into_owned();
            prop_assert!(!lines.chars().any(|c| c != '\n' && is_forbidden(c)));
            prop_assert_eq!(clean_lines(&lines), lines.as_str());
        }
    }
}
