//! Tests of the parent module.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::colour::ColourProblem;
use super::*;
use ratatui::style::{Color, Modifier};

fn problems_of(source: &str) -> Vec<String> {
    match parse_theme(source, "t.toml") {
        Ok(spec) => panic!("expected errors, got {spec:?}"),
        Err(error) => error.problems().iter().map(Problem::to_string).collect(),
    }
}

#[test]
fn parses_named_hex_indexed_and_reset_colours() {
    assert_eq!(parse_colour("green"), Ok(Color::Green));
    assert_eq!(parse_colour("Dark_Grey"), Ok(Color::DarkGray));
    assert_eq!(parse_colour("dark-gray"), Ok(Color::DarkGray));
    assert_eq!(parse_colour("GREY"), Ok(Color::Gray));
    assert_eq!(parse_colour("light magenta"), Ok(Color::LightMagenta));
    assert_eq!(parse_colour("reset"), Ok(Color::Reset));
    assert_eq!(parse_colour("#FF8000"), Ok(Color::Rgb(255, 128, 0)));
    assert_eq!(parse_colour("ansi:208"), Ok(Color::Indexed(208)));
    assert_eq!(parse_colour("gren"), Err(ColourProblem::Unknown));
    assert_eq!(parse_colour("#ff80"), Err(ColourProblem::BadHex));
    assert_eq!(parse_colour("#gg0000"), Err(ColourProblem::BadHex));
    assert_eq!(parse_colour("#ééé"), Err(ColourProblem::BadHex));
    assert_eq!(parse_colour("ansi:256"), Err(ColourProblem::BadIndex));
    assert_eq!(parse_colour("ansi:-1"), Err(ColourProblem::BadIndex));
}

#[test]
fn parses_modifiers() {
    assert_eq!(parse_modifier("BOLD"), Some(Modifier::BOLD));
    assert_eq!(parse_modifier("reverse"), Some(Modifier::REVERSED));
    assert_eq!(parse_modifier("blink"), None);
}

#[test]
fn locates_offsets_by_line_and_character_column() {
    let text = SourceText::new("f.toml", "a = 1\n# é\nbc = 2");
    let at = text.locate(14);
    assert_eq!((at.line, at.column), (3, 4));
    assert_eq!(text.locate(9).to_string(), "f.toml:2:3");
    assert_eq!(text.locate(999).line, 3);
}

#[test]
fn a_theme_with_one_role_gets_the_rest_from_default() {
    let mut catalog = ThemeCatalog::builtin();
    let spec = parse_theme(
        "name = \"mine\"\n[roles]\nok = { fg = \"blue\" }\n",
        "mine.toml",
    )
    .unwrap();
    catalog.add(spec).unwrap();
    let mine = catalog.resolve("mine", ColorLevel::TrueColor).unwrap();
    let default = catalog.resolve("default", ColorLevel::TrueColor).unwrap();
    assert_eq!(mine.style(Role::Ok), Style::new().fg(Color::Blue));
    for role in Role::ALL.into_iter().filter(|role| *role != Role::Ok) {
        assert_eq!(mine.style(role), default.style(role), "{role:?}");
    }
}

#[test]
fn inheritance_follows_the_named_parent() {
    let mut catalog = ThemeCatalog::builtin();
    let spec =
        "name = \"mono2\"\ninherits = \"monochrome\"\n[roles]\nok = { modifiers = [\"italic\"] }\n";
    catalog
        .add(parse_theme(spec, "mono2.toml").unwrap())
        .unwrap();
    let theme = catalog.resolve("mono2", ColorLevel::TrueColor).unwrap();
    let mono = catalog
        .resolve("monochrome", ColorLevel::TrueColor)
        .unwrap();
    assert_eq!(theme.style(Role::Critical), mono.style(Role::Critical));
    assert_eq!(
        theme.style(Role::Ok),
        Style::new().add_modifier(Modifier::ITALIC)
    );
}

#[test]
fn cycles_and_unknown_parents_are_located() {
    let mut catalog = ThemeCatalog::builtin();
    let files = [
        ("a.toml", "name = \"a\"\ninherits = \"b\"\n"),
        ("b.toml", "name = \"b\"\ninherits = \"a\"\n"),
        ("c.toml", "name = \"c\"\n\ninherits = \"nope\"\n"),
        ("d.toml", "name = \"d\"\ninherits = \"c\"\n"),
    ];
    for (origin, source) in files {
        catalog.add(parse_theme(source, origin).unwrap()).unwrap();
    }
    let error = |name| {
        catalog
            .resolve(name, ColorLevel::Ansi16)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(error("a"), "b.toml:2:12: inheritance cycle: a -> b -> a");
    let unknown = "c.toml:3:12: theme \"c\" inherits from unknown theme \"nope\"";
    assert!(error("c").starts_with(unknown), "{}", error("c"));
    assert_eq!(error("d"), error("c"));
    let errors = catalog.drop_broken_chains();
    assert_eq!(
        errors.len(),
        3,
        "d's error is c's, reported once: {errors:#?}"
    );
    assert_eq!(catalog.names().len(), BUILTIN.len());
}

#[test]
fn collects_every_problem_in_a_file() {
    let source = "nmae = \"x\"\ndescription = 3\n[roles]\nok = { fg = \"gren\", bg = \"#12\" }\n\
                  okay = {}\nwarning = { modifiers = [\"bold\", \"blink\"] }\ncritical = { fgg = \"red\" }\n";
    let problems = problems_of(source);
    let expected = [
        "t.toml:1:1: unknown key \"nmae\" (expected one of: name, description, inherits, roles)",
        "t.toml:2:15: \"description\": invalid type",
        "t.toml:4:13: unknown colour \"gren\" for role \"ok\"",
        "t.toml:4:26: invalid colour \"#12\" for role \"ok\"",
        "t.toml:5:1: unknown role \"okay\"",
        "t.toml:6:34: unknown modifier \"blink\" for role \"warning\"",
        "t.toml:7:14: role \"critical\": unknown field `fgg`",
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (got, want) in problems.iter().zip(expected) {
        assert!(got.starts_with(want), "{got:?} should start with {want:?}");
    }
}

#[test]
fn rejects_roles_that_are_not_a_table_and_empty_names() {
    let problems = problems_of("name = \" \"\nroles = 3\n");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("t.toml:1:8: theme name must not be empty"));
    assert!(problems[1].starts_with("t.toml:2:9: \"roles\" must be a table"));
}

#[test]
fn name_defaults_to_the_file_stem() {
    let spec = parse_theme("[roles]\nok = {}\n", "/home/op/themes/calm.toml").unwrap();
    assert_eq!(spec.name(), "calm");
    assert_eq!(spec.inherits(), None);
    assert_eq!(spec.style(Role::Ok), Some(Style::new()));
    assert_eq!(spec.style(Role::Warning), None);
}

#[test]
fn user_theme_cannot_take_a_builtin_name() {
    let mut catalog = ThemeCatalog::builtin();
    let error = catalog
        .add(parse_theme("name = \"default\"\n", "mine.toml").unwrap())
        .unwrap_err();
    assert!(
        error.to_string().starts_with(
            "mine.toml:1:8: theme \"default\" is already defined by themes/default.toml"
        )
    );
}

#[test]
fn every_builtin_parses_and_sets_every_role() {
    for (origin, source) in BUILTIN {
        let spec = parse_theme(source, origin).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format!("themes/{}.toml", spec.name()), origin);
        assert!(
            !spec.description().is_empty(),
            "{origin} has no description"
        );
        for role in Role::ALL {
            assert!(
                spec.style(role).is_some(),
                "{origin} does not set {}",
                role.key()
            );
        }
    }
}

#[test]
fn choose_theme_prefers_request_then_monochrome_without_colour() {
    let catalog = ThemeCatalog::builtin();
    assert_eq!(
        choose_theme(&catalog, None, ColorLevel::Ansi16)
            .unwrap()
            .name(),
        "default"
    );
    assert_eq!(
        choose_theme(&catalog, None, ColorLevel::None)
            .unwrap()
            .name(),
        "monochrome"
    );
    let light = choose_theme(&catalog, Some("light"), ColorLevel::None).unwrap();
    assert_eq!(light.name(), "light");
    assert!(!light.uses_colour());
    let error = choose_theme(&catalog, Some("nope"), ColorLevel::Ansi16)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("unknown theme \"nope\" (available: colour-blind, default,"),
        "{error}"
    );
}
