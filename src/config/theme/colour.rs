//! Colours and modifiers as theme files write them: the 16 ANSI names, `reset`,
//! `#rrggbb`, `ansi:N`, and `bold dim italic underlined reversed`.

use ratatui::style::{Color, Modifier};

use crate::ui::theme::Role;

pub(super) const COLOUR_CHOICES: &str = "black, red, green, yellow, blue, magenta, cyan, gray, darkgray, \
    lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white, reset, #rrggbb, ansi:N";

pub(super) const MODIFIER_CHOICES: &str = "bold, dim, italic, underlined, reversed";

/// Why a colour value was refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ColourProblem {
    Unknown,
    BadHex,
    BadIndex,
}

impl ColourProblem {
    pub(super) fn describe(self, value: &str, role: Role) -> String {
        let role = role.key();
        match self {
            ColourProblem::Unknown => {
                format!(
                    "unknown colour \"{value}\" for role \"{role}\" (expected one of: {COLOUR_CHOICES})"
                )
            }
            ColourProblem::BadHex => {
                format!(
                    "invalid colour \"{value}\" for role \"{role}\": #rrggbb needs exactly six hex digits"
                )
            }
            ColourProblem::BadIndex => {
                format!(
                    "invalid colour \"{value}\" for role \"{role}\": ansi:N needs N from 0 to 255"
                )
            }
        }
    }
}

/// A colour as written in a theme file: a named ANSI colour (case, `_`, `-`, spaces and the
/// spelling "grey" do not matter), `reset`, `#rrggbb`, or `ansi:N`.
pub(super) fn parse_colour(value: &str) -> Result<Color, ColourProblem> {
    let value = value.trim();
    if let Some(hex) = value.strip_prefix('#') {
        return parse_hex(hex).ok_or(ColourProblem::BadHex);
    }
    let lower = value.to_ascii_lowercase();
    if let Some(index) = lower.strip_prefix("ansi:") {
        return index
            .trim()
            .parse()
            .map(Color::Indexed)
            .map_err(|_| ColourProblem::BadIndex);
    }
    named_colour(&lower.replace(['_', '-', ' '], "").replace("grey", "gray"))
        .ok_or(ColourProblem::Unknown)
}

pub(super) fn parse_hex(hex: &str) -> Option<Color> {
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?))
}

pub(super) fn named_colour(name: &str) -> Option<Color> {
    let colour = match name {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "darkgray" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        _ => return None,
    };
    Some(colour)
}

pub(super) fn parse_modifier(name: &str) -> Option<Modifier> {
    let modifier = match name.trim().to_ascii_lowercase().as_str() {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" | "underline" => Modifier::UNDERLINED,
        "reversed" | "reverse" => Modifier::REVERSED,
        _ => return None,
    };
    Some(modifier)
}
