//! Pure formatting: numbers, durations, clocks, sparklines, and text from the
//! platform made safe and fitted to a width (CJK and emoji are two columns).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::text::Texts;
use crate::model::Timestamp;

/// `0.8234` → `"82%"`; `None` → the placeholder.
pub fn percent(value: Option<f64>, placeholder: &str) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{:.0}%", v * 100.0),
        _ => placeholder.to_string(),
    }
}

/// Like [`percent`] with one decimal, for rates that live near zero.
pub fn percent1(value: Option<f64>, placeholder: &str) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{:.1}%", v * 100.0),
        _ => placeholder.to_string(),
    }
}

/// Seconds as `48s` under a minute, `m:ss` under an hour, `h:mm:ss` beyond.
pub fn duration(seconds: Option<f64>, placeholder: &str) -> String {
    let Some(s) = seconds.filter(|s| s.is_finite() && *s >= 0.0) else {
        return placeholder.to_string();
    };
    let total = s.round().min(f64::from(u32::MAX)) as u64;
    match total {
        0..60 => format!("{total}s"),
        60..3600 => format!("{}:{:02}", total / 60, total % 60),
        _ => format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60),
    }
}

/// A signed clock difference, short: `+45s`, `-5m10s`, `+1h02m`, `+2d03h`.
pub fn skew(millis: i64) -> String {
    let sign = if millis < 0 { '-' } else { '+' };
    let s = millis.unsigned_abs() / 1000;
    match s {
        0..60 => format!("{sign}{s}s"),
        60..3600 => format!("{sign}{}m{:02}s", s / 60, s % 60),
        3600..86_400 => format!("{sign}{}h{:02}m", s / 3600, s / 60 % 60),
        _ => format!("{sign}{}d{:02}h", s / 86_400, s / 3600 % 24),
    }
}

/// `hh:mm:ss` in a zone `utc_offset_s` east of UTC.
pub fn clock(at: Timestamp, utc_offset_s: i32) -> String {
    let (h, m, s) = at.local_hms(utc_offset_s);
    format!("{h:02}:{m:02}:{s:02}")
}

/// `hh:mm`.
pub fn clock_hm(at: Timestamp, utc_offset_s: i32) -> String {
    let (h, m, _) = at.local_hms(utc_offset_s);
    format!("{h:02}:{m:02}")
}

/// A signed sentiment score: `+0.21`, `-0.48`.
pub fn score(value: f64) -> String {
    format!("{value:+.2}")
}

/// A sentiment score the analyzer would call negative: drawn as a warning.
pub fn is_sour(score: f64) -> bool {
    crate::sentiment::Label::of_score(score) == crate::sentiment::Label::Negative
}

/// Which way a score is heading, in a symbol: `↓` falling, `↑` rising,
/// `→` steady (moves under 0.05 are noise).
pub fn trend_arrow(change: Option<f64>) -> &'static str {
    match change {
        Some(c) if c <= -0.05 => "↓",
        Some(c) if c >= 0.05 => "↑",
        Some(_) => "→",
        None => " ",
    }
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One bar per value scaled between `low` and `high`; `·` where there is no data.
pub fn sparkline(values: impl IntoIterator<Item = Option<f64>>, low: f64, high: f64) -> String {
    let span = (high - low).max(f64::EPSILON);
    values
        .into_iter()
        .map(|v| match v.filter(|v| v.is_finite()) {
            Some(v) => {
                let level = ((v - low) / span * 7.0).round().clamp(0.0, 7.0) as usize;
                BARS[level]
            }
            None => '·',
        })
        .collect()
}

/// The one cleaning function, kept where every exit can reach it (drawn
/// here, printed by the commands, copied, logged).
pub use crate::untrusted::clean;

/// Cleans `text` and cuts it to at most `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let text = clean(text);
    if text.width() <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` in lines of at most `width` columns, broken at spaces; a word
/// longer than a line (a URL) is broken where the line ends.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let gap = usize::from(!line.is_empty());
        if line.width() + gap + word.width() <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cleans, fits, and pads `text` on the right to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let fill = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(fill))
}

/// Cleans, fits, and pads `text` on the left to exactly `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let fill = width.saturating_sub(fitted.width());
    format!("{}{fitted}", " ".repeat(fill))
}

/// 75 → "1:15", 20 → "20s" (as durations read elsewhere on the console), 1800 → "30 min".
pub fn humanize(texts: &Texts, seconds: f64) -> String {
    if seconds >= 3600.0 {
        format!(
            "{:.0}h{:02.0}",
            (seconds / 3600.0).floor(),
            ((seconds % 3600.0) / 60.0).floor()
        )
    } else if seconds >= 60.0 && seconds % 60.0 == 0.0 {
        crate::app::text::fill(texts.misc.minutes, &[&format!("{:.0}", seconds / 60.0)])
    } else {
        duration(Some(seconds), "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_wallboard() {
        assert_eq!(duration(Some(7.4), "—"), "7s");
        assert_eq!(duration(Some(151.0), "—"), "2:31");
        assert_eq!(duration(Some(3725.0), "—"), "1:02:05");
        assert_eq!(duration(None, "n/a"), "n/a");
        assert_eq!(duration(Some(-3.0), "—"), "—");
        assert_eq!(duration(Some(f64::NAN), "—"), "—");
    }

    #[test]
    fn percentages_round() {
        assert_eq!(percent(Some(0.8251), "—"), "83%");
        assert_eq!(percent1(Some(0.0412), "—"), "4.1%");
        assert_eq!(percent(None, "—"), "—");
    }

    #[test]
    fn fitting_counts_columns_not_chars() {
        assert_eq!(fit("王芳王芳王芳", 7), "王芳王…");
        assert_eq!(fit("王芳王芳王芳", 7).width(), 7);
        assert_eq!(pad("王芳", 6).width(), 6);
        assert_eq!(pad_left("42", 5), "   42");
        assert_eq!(fit("Billing", 3), "Bi…");
        assert_eq!(fit("anything", 0), "");
    }

    #[test]
    fn sparkline_marks_missing_data() {
        assert_eq!(sparkline([Some(0.0), None, Some(1.0)], 0.0, 1.0), "▁·█");
    }
}
