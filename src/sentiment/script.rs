//! Which writing systems a turn uses, and so which language it is in.

/// The language a text is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The ISO 639-1 code: `en`, `zh`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// A count of what a turn is written in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Script {
    /// Chinese characters (Simplified or Traditional).
    han: usize,
    /// Runs of Latin letters: about one per English word.
    latin_words: usize,
    /// Visible characters that are neither: digits, punctuation, emoticons.
    other: usize,
}

impl Script {
    pub fn of(text: &str) -> Script {
        let mut script = Script::default();
        let mut in_word = false;
        for c in text.chars() {
            let latin = c.is_ascii_alphabetic() || is_latin_letter(c);
            if latin && !in_word {
                script.latin_words += 1;
            }
            in_word = latin;
            if is_han(c) {
                script.han += 1;
            } else if !latin && !c.is_whitespace() {
                script.other += 1;
            }
        }
        script
    }

    /// Chinese when its characters are at least as many as the English
    /// words: a Chinese sentence naming an `iPhone` is still Chinese, an
    /// English one quoting `投诉` is still English. Nothing to read is English.
    pub fn lang(self) -> Lang {
        if self.han > 0 && self.han >= self.latin_words {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn has_han(self) -> bool {
        self.han > 0
    }

    /// Whether the English reader has anything to read: words, or the
    /// punctuation that makes emoticons such as `:(`.
    pub fn has_latin_or_symbols(self) -> bool {
        self.latin_words > 0 || self.other > 0
    }
}

/// CJK Unified Ideographs and their extensions and compatibility forms.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// Latin letters with diacritics (café, naïve), counted with English.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}') && c.is_alphabetic()
}
