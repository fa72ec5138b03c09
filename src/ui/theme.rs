//! The runtime theme: one `ratatui` `Style` per semantic role, degraded to what the terminal can show.
//!
//! This module owns the `Role` vocabulary (what a piece of text *means*: ok, critical, selected…),
//! the resolved `Theme`, colour-level detection from environment values handed in by the caller,
//! and the pure colour mappings (RGB → xterm-256 → 16 named ANSI colours → none). ratatui writes
//! `Color::Rgb` as 24-bit SGR whatever the terminal supports, so degrading is done here, explicitly,
//! once per theme. It deliberately knows nothing about widgets, files or TOML (`config::theme`
//! builds themes from files), and it never reads the environment itself.

use ratatui::style::{Color, Style};

/// What a piece of text means on screen. Themes map roles to styles; views pick roles, never colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Ordinary text.
    Normal,
    /// Secondary text that should recede (units, explanations).
    Muted,
    /// Table and column headers.
    Header,
    /// Pane and screen titles.
    Title,
    /// Pane borders and separators.
    Border,
    /// The selected row or item; must stay visible without colour.
    Selected,
    /// A key in the hint bar (`q`, `?`).
    KeyHint,
    /// The words next to a key hint.
    HintText,
    /// Text the operator is typing (filter, search).
    Input,
    /// A figure inside its target.
    Ok,
    /// A figure approaching its limit.
    Warning,
    /// A figure past its limit, or an alert that needs action now.
    Critical,
    /// Nothing happening (a queue with no traffic).
    Idle,
    /// Data older than the freshness limit.
    Stale,
    /// The console is connected to the real floor.
    Live,
    /// The console is running a drill or simulation; must never be mistaken for live.
    Drill,
    /// Updates are paused by the operator.
    Paused,
    /// Agent ready for a contact.
    AgentAvailable,
    /// Agent handling a contact.
    AgentOnCall,
    /// Agent in after-contact work.
    AgentWrapUp,
    /// Agent logged in but not taking contacts.
    AgentNotReady,
    /// Agent logged out.
    AgentOffline,
    /// Sparklines and trend arrows.
    Trend,
    /// Skill, team and queue tags.
    Tag,
    /// A tag marking a VIP caller or queue.
    TagVip,
    /// The caption of a big-number tile.
    TileLabel,
    /// The number of a big-number tile.
    TileValue,
}

/// A resolved theme: a name and one style per role, already degraded to one colour level.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    name: String,
    /// Indexed by `Role as usize`; `Role::ALL` lists roles in discriminant order.
    styles: [Style; Role::ALL.len()],
}

/// How many colours the terminal can show, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorLevel {
    /// No colour at all (`NO_COLOR`, `TERM=dumb`): modifiers only.
    None,
    /// The 16 named ANSI colours, which follow the operator's palette.
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit RGB.
    TrueColor,
}

impl Role {
    /// Every role, in declaration (discriminant) order.
    pub const ALL: [Role; 27] = [
        Role::Normal,
        Role::Muted,
        Role::Header,
        Role::Title,
        Role::Border,
        Role::Selected,
        Role::KeyHint,
        Role::HintText,
        Role::Input,
        Role::Ok,
        Role::Warning,
        Role::Critical,
        Role::Idle,
        Role::Stale,
        Role::Live,
        Role::Drill,
        Role::Paused,
        Role::AgentAvailable,
        Role::AgentOnCall,
        Role::AgentWrapUp,
        Role::AgentNotReady,
        Role::AgentOffline,
        Role::Trend,
        Role::Tag,
        Role::TagVip,
        Role::TileLabel,
        Role::TileValue,
    ];

    /// The snake_case key used for this role in theme files.
    pub fn key(self) -> &'static str {
        match self {
            Role::Normal => "normal",
            Role::Muted => "muted",
            Role::Header => "header",
            Role::Title => "title",
            Role::Border => "border",
            Role::Selected => "selected",
            Role::KeyHint => "key_hint",
            Role::HintText => "hint_text",
            Role::Input => "input",
            Role::Ok => "ok",
            Role::Warning => "warning",
            Role::Critical => "critical",
            Role::Idle => "idle",
            Role::Stale => "stale",
            Role::Live => "live",
            Role::Drill => "drill",
            Role::Paused => "paused",
            Role::AgentAvailable => "agent_available",
            Role::AgentOnCall => "agent_on_call",
            Role::AgentWrapUp => "agent_wrap_up",
            Role::AgentNotReady => "agent_not_ready",
            Role::AgentOffline => "agent_offline",
            Role::Trend => "trend",
            Role::Tag => "tag",
            Role::TagVip => "tag_vip",
            Role::TileLabel => "tile_label",
            Role::TileValue => "tile_value",
        }
    }

    /// The role whose theme-file key is `key`, if any.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.key() == key)
    }
}

impl Theme {
    /// A theme named `name` whose style for each role is `style_of(role)`, used as given.
    pub fn new(name: impl Into<String>, style_of: impl FnMut(Role) -> Style) -> Theme {
        Theme {
            name: name.into(),
            styles: Role::ALL.map(style_of),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    /// Whether any role sets a foreground or background colour (`Reset` is not a colour).
    pub fn uses_colour(&self) -> bool {
        let is_colour = |colour: Option<Color>| colour.is_some_and(|c| c != Color::Reset);
        self.styles
            .iter()
            .any(|s| is_colour(s.fg) || is_colour(s.bg))
    }

    /// This theme with every colour mapped to what `level` can show; modifiers are kept.
    pub fn at_level(&self, level: ColorLevel) -> Theme {
        Theme {
            name: self.name.clone(),
            styles: self.styles.map(|style| degrade_style(style, level)),
        }
    }
}

impl ColorLevel {
    /// Pure detection from the environment's values (passed in, never read here).
    ///
    /// `NO_COLOR` set and non-empty ⇒ `None`; `TERM=dumb` ⇒ `None` (checked before `COLORTERM`,
    /// which leaks into dumb terminals such as Emacs' shell); `COLORTERM` `truecolor`/`24bit` or
    /// `TERM` ending in `-direct` ⇒ `TrueColor`; `TERM` containing `256color` ⇒ `Ansi256`;
    /// anything else ⇒ `Ansi16`. It never assumes more than the evidence shows.
    pub fn detect(
        no_color: Option<&str>,
        colorterm: Option<&str>,
        term: Option<&str>,
    ) -> ColorLevel {
        let term = term.unwrap_or_default().trim().to_ascii_lowercase();
        let colorterm = colorterm.unwrap_or_default().trim().to_ascii_lowercase();
        if no_color.is_some_and(|value| !value.is_empty()) || term == "dumb" {
            ColorLevel::None
        } else if colorterm == "truecolor" || colorterm == "24bit" || term.ends_with("-direct") {
            ColorLevel::TrueColor
        } else if term.contains("256color") {
            ColorLevel::Ansi256
        } else {
            ColorLevel::Ansi16
        }
    }
}

/// `style` with its foreground and background degraded to `level`; modifiers untouched.
pub fn degrade_style(style: Style, level: ColorLevel) -> Style {
    let mut degraded = style;
    degraded.fg = style.fg.and_then(|c| degrade_colour(c, level));
    degraded.bg = style.bg.and_then(|c| degrade_colour(c, level));
    degraded
}

/// `colour` as `level` can show it: `None` drops it, `Ansi16` keeps only the 16 named colours,
/// `Ansi256` turns RGB into the nearest xterm-256 index, `TrueColor` keeps it as is.
pub fn degrade_colour(colour: Color, level: ColorLevel) -> Option<Color> {
    match (level, colour) {
        (ColorLevel::None, _) => None,
        (ColorLevel::Ansi16, Color::Rgb(r, g, b)) => Some(nearest_ansi16([r, g, b])),
        (ColorLevel::Ansi16, Color::Indexed(index)) => Some(match ANSI16.get(usize::from(index)) {
            Some((named, _)) => *named,
            None => nearest_ansi16(xterm256_rgb(index)),
        }),
        (ColorLevel::Ansi256, Color::Rgb(r, g, b)) => {
            Some(Color::Indexed(nearest_xterm256([r, g, b])))
        }
        (_, other) => Some(other),
    }
}

/// The named ANSI colour closest to `rgb`, keeping its hue: nearly grey colours go to the nearest
/// of black, dark gray, gray and white; all others to the ANSI colour of their hue sector (red,
/// yellow, green, cyan, blue, magenta), in its light variant when the colour is bright. Plain RGB
/// distance would send a saturated pastel such as `#ff5f5f` to dark gray and lose its meaning.
pub fn nearest_ansi16(rgb: [u8; 3]) -> Color {
    const NORMAL: [Color; 6] = [
        Color::Red,
        Color::Yellow,
        Color::Green,
        Color::Cyan,
        Color::Blue,
        Color::Magenta,
    ];
    const LIGHT: [Color; 6] = [
        Color::LightRed,
        Color::LightYellow,
        Color::LightGreen,
        Color::LightCyan,
        Color::LightBlue,
        Color::LightMagenta,
    ];
    let (max, min) = (
        rgb.into_iter().max().unwrap_or(0),
        rgb.into_iter().min().unwrap_or(0),
    );
    if max - min < 48 || max < 64 {
        return nearest_grey(rgb);
    }
    let sector = (hue_degrees(rgb) + 30) / 60 % 6;
    if max >= 0xf0 {
        LIGHT[sector]
    } else {
        NORMAL[sector]
    }
}

/// The xterm-256 index (16–255) closest to `rgb`. Indices 0–15 are skipped because terminals
/// repaint them with their own palette, so they do not promise any particular RGB.
pub fn nearest_xterm256(rgb: [u8; 3]) -> u8 {
    (16..=255)
        .min_by_key(|&index| distance(rgb, xterm256_rgb(index)))
        .unwrap_or(16)
}

/// The RGB of an xterm-256 index: 0–15 from xterm's default palette, then the 6×6×6 cube, then
/// the 24 greys.
pub fn xterm256_rgb(index: u8) -> [u8; 3] {
    const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => ANSI16[usize::from(index)].1,
        16..=231 => {
            let i = usize::from(index - 16);
            [CUBE[i / 36], CUBE[(i / 6) % 6], CUBE[i % 6]]
        }
        232..=255 => {
            let grey = 8 + 10 * (index - 232);
            [grey, grey, grey]
        }
    }
}

/// The RGB a colour shows as under xterm's default palette (`None` for `Reset`). Used to judge
/// nearness and contrast; real terminals may use another palette for the 16 named colours.
pub fn xterm_rgb(colour: Color) -> Option<[u8; 3]> {
    match colour {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some([r, g, b]),
        Color::Indexed(index) => Some(xterm256_rgb(index)),
        named => ANSI16
            .iter()
            .find(|(c, _)| *c == named)
            .map(|(_, rgb)| *rgb),
    }
}

/// The 16 named colours in ANSI index order, with xterm's default RGB for each.
const ANSI16: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0, 0, 0]),
    (Color::Red, [205, 0, 0]),
    (Color::Green, [0, 205, 0]),
    (Color::Yellow, [205, 205, 0]),
    (Color::Blue, [0, 0, 238]),
    (Color::Magenta, [205, 0, 205]),
    (Color::Cyan, [0, 205, 205]),
    (Color::Gray, [229, 229, 229]),
    (Color::DarkGray, [127, 127, 127]),
    (Color::LightRed, [255, 0, 0]),
    (Color::LightGreen, [0, 255, 0]),
    (Color::LightYellow, [255, 255, 0]),
    (Color::LightBlue, [92, 92, 255]),
    (Color::LightMagenta, [255, 0, 255]),
    (Color::LightCyan, [0, 255, 255]),
    (Color::White, [255, 255, 255]),
];

/// The hue of `rgb` in whole degrees, 0–359 (0 for greys).
fn hue_degrees([r, g, b]: [u8; 3]) -> usize {
    let [r, g, b] = [r, g, b].map(i32::from);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let chroma = max - min;
    let hue = if chroma == 0 {
        0
    } else if max == r {
        60 * (g - b) / chroma
    } else if max == g {
        120 + 60 * (b - r) / chroma
    } else {
        240 + 60 * (r - g) / chroma
    };
    usize::try_from(hue.rem_euclid(360)).unwrap_or(0)
}

/// The nearest of the four achromatic named colours.
fn nearest_grey(rgb: [u8; 3]) -> Color {
    const GREYS: [(Color, [u8; 3]); 4] = [
        (Color::Black, [0, 0, 0]),
        (Color::DarkGray, [127, 127, 127]),
        (Color::Gray, [229, 229, 229]),
        (Color::White, [255, 255, 255]),
    ];
    GREYS
        .iter()
        .min_by_key(|(_, candidate)| distance(rgb, *candidate))
        .map_or(Color::Black, |(colour, _)| *colour)
}

/// Squared "redmean" distance: a cheap weighting of RGB that tracks perceived difference far
/// better than plain Euclidean distance.
fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    let [r1, g1, b1] = a.map(u32::from);
    let [r2, g2, b2] = b.map(u32::from);
    let red_mean = (r1 + r2) / 2;
    let (dr, dg, db) = (r1.abs_diff(r2), g1.abs_diff(g2), b1.abs_diff(b2));
    (((512 + red_mean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - red_mean) * db * db) >> 8)
}

#[cfg(test)]
mod tests;
