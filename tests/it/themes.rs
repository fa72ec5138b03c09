//! Themes as a feature: every shipped theme loads and resolves at every colour level, keeps its
//! promises (monochrome has no colour, default uses only named ANSI colours, colour-blind never
//! pairs red with green, high-contrast and light reach their contrast targets, selection shows
//! without colour), and every invalid fixture is reported with its file, line, column and cause.

use std::path::{Path, PathBuf};

use floorwatch::config::theme::*;
use floorwatch::ui::theme::*;
use ratatui::style::{Color, Modifier, Style};

const BUILTIN_NAMES: [&str; 5] = [
    "colour-blind",
    "default",
    "high-contrast",
    "light",
    "monochrome",
];

const LEVELS: [ColorLevel; 4] = [
    ColorLevel::None,
    ColorLevel::Ansi16,
    ColorLevel::Ansi256,
    ColorLevel::TrueColor,
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/themes")
}

fn resolve(name: &str, level: ColorLevel) -> Theme {
    ThemeCatalog::builtin()
        .resolve(name, level)
        .unwrap_or_else(|e| panic!("{name} at {level:?}: {e}"))
}

fn colours(style: Style) -> impl Iterator<Item = Color> {
    style
        .fg
        .into_iter()
        .chain(style.bg)
        .filter(|c| *c != Color::Reset)
}

#[test]
fn every_builtin_theme_resolves_at_every_level() {
    let catalog = ThemeCatalog::builtin();
    assert_eq!(catalog.names(), BUILTIN_NAMES);
    for name in BUILTIN_NAMES {
        assert!(
            !catalog.description(name).unwrap_or_default().is_empty(),
            "{name}"
        );
        for level in LEVELS {
            let theme = catalog
                .resolve(name, level)
                .unwrap_or_else(|e| panic!("{name} at {level:?}: {e}"));
            assert_eq!(theme.name(), name);
            assert_eq!(
                theme.uses_colour(),
                name != "monochrome" && level != ColorLevel::None,
                "{name} {level:?}"
            );
        }
    }
}

#[test]
fn the_shipped_theme_files_are_the_embedded_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let catalog = ThemeCatalog::builtin();
    for name in BUILTIN_NAMES {
        let spec =
            load_theme_file(&dir.join(format!("{name}.toml"))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.name(), name);
        assert_eq!(catalog.description(name), Some(spec.description()));
    }
}

#[test]
fn monochrome_has_no_colour_at_any_level() {
    for level in LEVELS {
        let theme = resolve("monochrome", level);
        for role in Role::ALL {
            assert_eq!(
                colours(theme.style(role)).count(),
                0,
                "{role:?} at {level:?}"
            );
        }
    }
}

#[test]
fn no_theme_has_colour_at_level_none_but_modifiers_survive() {
    for name in BUILTIN_NAMES {
        let plain = resolve(name, ColorLevel::None);
        let full = resolve(name, ColorLevel::TrueColor);
        assert!(!plain.uses_colour(), "{name}");
        for role in Role::ALL {
            let style = plain.style(role);
            assert_eq!((style.fg, style.bg), (None, None), "{name} {role:?}");
            assert_eq!(
                style.add_modifier,
                full.style(role).add_modifier,
                "{name} {role:?}"
            );
        }
    }
}

#[test]
fn no_color_picks_monochrome_and_honours_an_explicit_theme() {
    let catalog = ThemeCatalog::builtin();
    let level = ColorLevel::detect(Some("1"), Some("truecolor"), Some("xterm-256color"));
    assert_eq!(
        choose_theme(&catalog, None, level).unwrap().name(),
        "monochrome"
    );
    let requested = choose_theme(&catalog, Some("high-contrast"), level).unwrap();
    assert_eq!(requested.name(), "high-contrast");
    assert!(!requested.uses_colour());
    let level = ColorLevel::detect(None, None, Some("xterm-256color"));
    assert_eq!(
        choose_theme(&catalog, None, level).unwrap().name(),
        "default"
    );
}

#[test]
fn default_uses_only_named_ansi_colours() {
    for level in [
        ColorLevel::TrueColor,
        ColorLevel::Ansi256,
        ColorLevel::Ansi16,
    ] {
        let theme = resolve("default", level);
        for role in Role::ALL {
            for colour in colours(theme.style(role)) {
                assert!(
                    !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                    "{role:?}: {colour:?}"
                );
            }
        }
    }
}

#[test]
fn indexed_and_rgb_colours_are_degraded_to_what_the_level_shows() {
    for name in BUILTIN_NAMES {
        for (level, allowed) in [
            (ColorLevel::Ansi16, "named"),
            (ColorLevel::Ansi256, "no rgb"),
        ] {
            let theme = resolve(name, level);
            for colour in Role::ALL
                .into_iter()
                .flat_map(|role| colours(theme.style(role)))
            {
                let ok = match colour {
                    Color::Rgb(..) => false,
                    Color::Indexed(_) => level == ColorLevel::Ansi256,
                    _ => true,
                };
                assert!(
                    ok,
                    "{name} at {level:?} should use {allowed} colours, found {colour:?}"
                );
            }
        }
    }
}

fn hue(colour: Color) -> Option<&'static str> {
    let [r, g, b] = xterm_rgb(colour)?.map(i32::from);
    if r > g + 60 && r > b + 60 {
        Some("red")
    } else if g > r + 60 && g > b + 60 {
        Some("green")
    } else {
        None
    }
}

#[test]
fn colour_blind_theme_never_pairs_red_with_green() {
    let status = [Role::Ok, Role::Warning, Role::Critical];
    let agents = [
        Role::AgentAvailable,
        Role::AgentOnCall,
        Role::AgentWrapUp,
        Role::AgentNotReady,
        Role::AgentOffline,
    ];
    for level in LEVELS {
        let theme = resolve("colour-blind", level);
        for group in [&status[..], &agents[..]] {
            let hues: Vec<_> = group
                .iter()
                .flat_map(|role| colours(theme.style(*role)))
                .filter_map(hue)
                .collect();
            assert!(
                !(hues.contains(&"red") && hues.contains(&"green")),
                "{level:?} {group:?}: {hues:?}"
            );
        }
        assert!(
            theme
                .style(Role::Critical)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_ne!(
            theme.style(Role::Warning).add_modifier,
            theme.style(Role::Critical).add_modifier
        );
    }
}

#[test]
fn selected_is_visible_without_colour_in_every_theme() {
    for name in BUILTIN_NAMES {
        for level in LEVELS {
            let selected = resolve(name, level).style(Role::Selected);
            let reversed = selected.add_modifier.contains(Modifier::REVERSED);
            assert!(
                reversed || selected.bg.is_some(),
                "{name} at {level:?}: {selected:?}"
            );
        }
        let plain = resolve(name, ColorLevel::None).style(Role::Selected);
        assert!(
            plain.add_modifier.contains(Modifier::REVERSED),
            "{name} without colour"
        );
    }
}

#[test]
fn warning_and_critical_differ_without_colour_where_promised() {
    for name in ["monochrome", "high-contrast", "colour-blind", "default"] {
        let theme = resolve(name, ColorLevel::None);
        let (warning, critical) = (theme.style(Role::Warning), theme.style(Role::Critical));
        assert_ne!(warning, critical, "{name}");
        assert!(critical.add_modifier.contains(Modifier::BOLD), "{name}");
    }
    let mono = resolve("monochrome", ColorLevel::TrueColor);
    assert_eq!(mono.style(Role::Ok), Style::new());
    assert_eq!(
        mono.style(Role::Warning),
        Style::new().add_modifier(Modifier::BOLD)
    );
    assert_eq!(
        mono.style(Role::Critical),
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    );
    assert_eq!(
        mono.style(Role::Drill),
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    );
}

#[test]
fn drill_is_a_block_and_the_mode_banners_differ_without_colour() {
    for name in BUILTIN_NAMES {
        for level in LEVELS {
            let theme = resolve(name, level);
            let drill = theme.style(Role::Drill);
            assert!(
                drill.add_modifier.contains(Modifier::REVERSED),
                "{name} at {level:?}: {drill:?}"
            );
        }
        let plain = resolve(name, ColorLevel::None);
        let [live, drill, paused] =
            [Role::Live, Role::Drill, Role::Paused].map(|role| plain.style(role));
        assert!(
            live != drill && drill != paused && paused != live,
            "{name}: {live:?} {drill:?} {paused:?}"
        );
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// The contrast ratio of a role's text on a terminal whose own colours are `fg` on `bg`.
fn contrast(style: Style, fg: [u8; 3], bg: [u8; 3]) -> f64 {
    let mut text = style.fg.and_then(xterm_rgb).unwrap_or(fg);
    let mut back = style.bg.and_then(xterm_rgb).unwrap_or(bg);
    if style.add_modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut text, &mut back);
    }
    let (a, b) = (luminance(text), luminance(back));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn high_contrast_reaches_seven_to_one_on_black() {
    for level in [ColorLevel::TrueColor, ColorLevel::Ansi256] {
        let theme = resolve("high-contrast", level);
        for role in Role::ALL {
            let ratio = contrast(theme.style(role), [255, 255, 255], [0, 0, 0]);
            assert!(ratio >= 7.0, "{role:?} at {level:?}: {ratio:.2}:1");
        }
    }
}

#[test]
fn light_theme_text_reads_on_white() {
    for level in [ColorLevel::TrueColor, ColorLevel::Ansi256] {
        let theme = resolve("light", level);
        for role in Role::ALL {
            let ratio = contrast(theme.style(role), [0, 0, 0], [255, 255, 255]);
            assert!(ratio >= 4.5, "{role:?} at {level:?}: {ratio:.2}:1");
        }
    }
    let pale = [
        Color::Yellow,
        Color::LightYellow,
        Color::White,
        Color::Gray,
        Color::Cyan,
        Color::LightCyan,
        Color::LightGreen,
    ];
    for level in LEVELS {
        let theme = resolve("light", level);
        for role in Role::ALL {
            let style = theme.style(role);
            let on_page = style.bg.is_none() && !style.add_modifier.contains(Modifier::REVERSED);
            let pale_text = style.fg.is_some_and(|fg| pale.contains(&fg));
            assert!(!(on_page && pale_text), "{role:?} at {level:?}: {style:?}");
        }
    }
}

/// (fixture, line, column, phrase): the one problem each invalid fixture must report.
const INVALID: [(&str, usize, usize, &str); 7] = [
    (
        "bad_colour.toml",
        7,
        17,
        "unknown colour \"gren\" for role \"ok\" (expected one of: black, red,",
    ),
    (
        "unknown_role.toml",
        6,
        1,
        "unknown role \"warn\" (expected one of: normal, muted,",
    ),
    (
        "bad_modifier.toml",
        4,
        47,
        "unknown modifier \"blink\" for role \"critical\"",
    ),
    (
        "malformed.toml",
        5,
        18,
        "invalid TOML: string values must be quoted",
    ),
    (
        "wrong_type.toml",
        5,
        26,
        "role \"selected\": invalid type: string \"reversed\", expected a sequence",
    ),
    (
        "unknown_field.toml",
        8,
        1,
        "role \"critical\": unknown field `colour`, expected one of `fg`, `bg`, `modifiers`",
    ),
    (
        "bad_hex.toml",
        4,
        16,
        "invalid colour \"#12345g\" for role \"trend\": #rrggbb needs exactly six hex digits",
    ),
];

#[test]
fn invalid_fixtures_name_file_line_column_and_cause() {
    for (file, line, column, phrase) in INVALID {
        let path = fixtures().join("invalid").join(file);
        let error = load_theme_file(&path).expect_err(file);
        let expected = format!("{}:{line}:{column}: {phrase}", path.display());
        assert_eq!(error.problems().len(), 1, "{file}: {error}");
        assert!(
            error.to_string().starts_with(&expected),
            "{file}:\n  got  {error}\n  want {expected}…"
        );
    }
}

#[test]
fn every_problem_in_a_file_is_reported_one_per_line() {
    let path = fixtures().join("invalid/many_problems.toml");
    let message = load_theme_file(&path)
        .expect_err("many problems")
        .to_string();
    let lines: Vec<&str> = message.lines().collect();
    let origin = path.display().to_string();
    let expected = [
        (3, 1, "unknown key \"parent\""),
        (6, 19, "unknown colour \"gren\""),
        (
            7,
            34,
            "invalid colour \"ansi:300\" for role \"warning\": ansi:N needs N from 0 to 255",
        ),
        (8, 35, "unknown modifier \"flashing\""),
        (9, 1, "unknown role \"selectd\""),
    ];
    assert_eq!(lines.len(), expected.len(), "{message}");
    for (got, (line, column, phrase)) in lines.iter().zip(expected) {
        let want = format!("{origin}:{line}:{column}: {phrase}");
        assert!(got.starts_with(&want), "\n  got  {got}\n  want {want}…");
    }
}

#[test]
fn a_user_dir_adds_good_themes_and_reports_bad_ones() {
    let (catalog, errors) = ThemeCatalog::with_user_dir(&fixtures().join("user"));
    let mut expected: Vec<String> = BUILTIN_NAMES.iter().map(ToString::to_string).collect();
    expected.push("calm".to_owned());
    expected.sort();
    assert_eq!(catalog.names(), expected);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let message = errors[0].to_string();
    assert!(
        message.contains("broken.toml:4:19: unknown colour \"rde\" for role \"critical\""),
        "{message}"
    );

    let calm = catalog.resolve("calm", ColorLevel::Ansi16).unwrap();
    let default = catalog.resolve("default", ColorLevel::Ansi16).unwrap();
    assert_eq!(calm.style(Role::Ok), Style::new().fg(Color::Blue));
    assert_eq!(calm.style(Role::Critical), default.style(Role::Critical));
}

#[test]
fn a_missing_user_dir_is_not_an_error() {
    let (catalog, errors) = ThemeCatalog::with_user_dir(&fixtures().join("no-such-dir"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(catalog.names(), BUILTIN_NAMES);
}

#[test]
fn an_unknown_theme_lists_the_available_ones() {
    let error = ThemeCatalog::builtin()
        .resolve("solarized", ColorLevel::Ansi16)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown theme \"solarized\" (available: colour-blind, default, high-contrast, light, monochrome)"
    );
}
