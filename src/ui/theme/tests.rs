//! Tests of the parent module.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use ratatui::style::Modifier;

#[test]
fn role_all_is_in_discriminant_order_and_keys_round_trip() {
    for (index, role) in Role::ALL.into_iter().enumerate() {
        assert_eq!(role as usize, index);
        assert_eq!(Role::from_key(role.key()), Some(role));
    }
    assert_eq!(Role::AgentOnCall.key(), "agent_on_call");
    assert_eq!(Role::from_key("agent.on_call"), None);
}

#[test]
fn detect_follows_the_evidence() {
    use ColorLevel as L;
    // (NO_COLOR, COLORTERM, TERM) => level
    #[rustfmt::skip]
    let table = [
        (Some("1"), Some("truecolor"), Some("xterm-256color"), L::None),
        (Some(""),  None,              Some("xterm-256color"), L::Ansi256),
        (None,      Some("truecolor"), Some("xterm"),          L::TrueColor),
        (None,      Some("24bit"),     None,                   L::TrueColor),
        (None,      Some("TrueColor"), Some("tmux-256color"),  L::TrueColor),
        (None,      None,              Some("xterm-direct"),   L::TrueColor),
        (None,      None,              Some("tmux-256color"),  L::Ansi256),
        (None,      Some("yes"),       Some("screen-256color"), L::Ansi256),
        (None,      None,              Some("dumb"),           L::None),
        (None,      Some("truecolor"), Some("dumb"),           L::None),
        (None,      None,              Some("xterm"),          L::Ansi16),
        (None,      None,              None,                   L::Ansi16),
    ];
    for (no_color, colorterm, term, expected) in table {
        let got = ColorLevel::detect(no_color, colorterm, term);
        assert_eq!(
            got, expected,
            "NO_COLOR={no_color:?} COLORTERM={colorterm:?} TERM={term:?}"
        );
    }
}

#[test]
fn nearest_ansi16_picks_the_obvious_colour() {
    assert!(matches!(
        nearest_ansi16([255, 0, 0]),
        Color::Red | Color::LightRed
    ));
    assert!(matches!(
        nearest_ansi16([0x80, 0x80, 0x80]),
        Color::DarkGray | Color::Gray
    ));
    assert_eq!(nearest_ansi16([0, 0, 0]), Color::Black);
    assert_eq!(nearest_ansi16([255, 255, 255]), Color::White);
    assert_eq!(nearest_ansi16([0x1e, 0x1e, 0x2e]), Color::Black);
    assert!(matches!(nearest_ansi16([0, 0x87, 0]), Color::Green));
    assert!(matches!(
        nearest_ansi16([0x5f, 0x87, 0xff]),
        Color::LightBlue | Color::Blue
    ));
    assert_eq!(nearest_ansi16([0xff, 0x5f, 0x5f]), Color::LightRed);
    assert_eq!(nearest_ansi16([0x00, 0x5f, 0x00]), Color::Green);
    assert_eq!(nearest_ansi16([0x00, 0x00, 0x5f]), Color::Blue);
    assert_eq!(nearest_ansi16([0xaf, 0x5f, 0x00]), Color::Yellow);
    assert_eq!(nearest_ansi16([0x58, 0x58, 0x58]), Color::DarkGray);
}

#[test]
fn nearest_ansi16_maps_each_named_colour_to_itself() {
    for (colour, rgb) in ANSI16 {
        assert_eq!(nearest_ansi16(rgb), colour, "{rgb:?}");
    }
}

#[test]
fn hue_degrees_of_primaries_and_mixes() {
    assert_eq!(hue_degrees([255, 0, 0]), 0);
    assert_eq!(hue_degrees([255, 0, 128]), 330);
    assert_eq!(hue_degrees([0, 255, 0]), 120);
    assert_eq!(hue_degrees([0, 0, 255]), 240);
    assert_eq!(hue_degrees([255, 128, 0]), 30);
    assert_eq!(hue_degrees([9, 9, 9]), 0);
}

#[test]
fn nearest_xterm256_finds_cube_and_grey_entries() {
    assert_eq!(nearest_xterm256([255, 0, 0]), 196);
    assert_eq!(nearest_xterm256([0, 0, 0]), 16);
    assert_eq!(nearest_xterm256([255, 255, 255]), 231);
    assert_eq!(nearest_xterm256([0x80, 0x80, 0x80]), 244);
    assert_eq!(nearest_xterm256([0x00, 0x5f, 0x87]), 24);
    for index in 16..=255 {
        assert_eq!(
            nearest_xterm256(xterm256_rgb(index)),
            index,
            "index {index}"
        );
    }
}

#[test]
fn xterm256_rgb_covers_the_three_ranges() {
    assert_eq!(xterm256_rgb(1), [205, 0, 0]);
    assert_eq!(xterm256_rgb(196), [255, 0, 0]);
    assert_eq!(xterm256_rgb(232), [8, 8, 8]);
    assert_eq!(xterm256_rgb(255), [238, 238, 238]);
}

#[test]
fn degrade_colour_per_level() {
    let rgb = Color::Rgb(255, 0, 0);
    assert_eq!(degrade_colour(rgb, ColorLevel::TrueColor), Some(rgb));
    assert_eq!(
        degrade_colour(rgb, ColorLevel::Ansi256),
        Some(Color::Indexed(196))
    );
    assert_eq!(
        degrade_colour(rgb, ColorLevel::Ansi16),
        Some(Color::LightRed)
    );
    assert_eq!(
        degrade_colour(Color::Indexed(2), ColorLevel::Ansi16),
        Some(Color::Green)
    );
    assert_eq!(
        degrade_colour(Color::Indexed(244), ColorLevel::Ansi16),
        Some(Color::DarkGray)
    );
    assert_eq!(
        degrade_colour(Color::Indexed(244), ColorLevel::Ansi256),
        Some(Color::Indexed(244))
    );
    assert_eq!(
        degrade_colour(Color::Green, ColorLevel::Ansi16),
        Some(Color::Green)
    );
    assert_eq!(degrade_colour(Color::Green, ColorLevel::None), None);
    assert_eq!(
        degrade_colour(Color::Reset, ColorLevel::Ansi16),
        Some(Color::Reset)
    );
}

#[test]
fn no_colour_keeps_modifiers() {
    let style = Style::new()
        .fg(Color::Red)
        .bg(Color::Rgb(1, 2, 3))
        .add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let plain = degrade_style(style, ColorLevel::None);
    assert_eq!(
        plain,
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    );
}

#[test]
fn theme_at_level_none_uses_no_colour() {
    let theme = Theme::new("t", |role| match role {
        Role::Critical => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        _ => Style::new().fg(Color::Reset),
    });
    assert!(theme.uses_colour());
    let plain = theme.at_level(ColorLevel::None);
    assert!(!plain.uses_colour());
    assert_eq!(plain.name(), "t");
    assert_eq!(
        plain.style(Role::Critical),
        Style::new().add_modifier(Modifier::BOLD)
    );
}
