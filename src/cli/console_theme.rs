//! A console's theme when a hub draws it: the console decides (its flags,
//! its environment, its own theme files) and the hub, another process and
//! maybe another user, rebuilds the very same theme from what it was sent.

use std::path::Path;

use super::args::ColorChoice;
use crate::config::theme::{ThemeCatalog, ThemeError, choose_theme, read_user_themes};
use crate::shell::protocol::{ThemeChoice, ThemeSource};
use crate::ui::theme::{ColorLevel, Theme};

/// The environment variables that decide the colour level under `--color auto`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColourEnv {
    pub no_color: Option<String>,
    pub colorterm: Option<String>,
    pub term: Option<String>,
}

impl ColourEnv {
    /// This process's `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn current() -> ColourEnv {
        ColourEnv {
            no_color: std::env::var("NO_COLOR").ok(),
            colorterm: std::env::var("COLORTERM").ok(),
            term: std::env::var("TERM").ok(),
        }
    }
}

/// The colour level `--color` asks for, the environment deciding under `auto`.
pub fn colour_level(choice: ColorChoice, env: &ColourEnv) -> ColorLevel {
    match choice {
        ColorChoice::Auto => ColorLevel::detect(
            env.no_color.as_deref(),
            env.colorterm.as_deref(),
            env.term.as_deref(),
        ),
        ColorChoice::Never => ColorLevel::None,
        ColorChoice::Ansi16 => ColorLevel::Ansi16,
        ColorChoice::Ansi256 => ColorLevel::Ansi256,
        ColorChoice::Truecolor => ColorLevel::TrueColor,
    }
}

/// What this console sends the hub about its theme: `--theme`, the colour
/// level, and the text of its user's theme files (from `user_dir`). The
/// theme is resolved here first, so a wrong `--theme` is an error before
/// attaching; unreadable or bad theme files come back as warnings.
pub fn console_theme_choice(
    requested: Option<&str>,
    colour: ColorChoice,
    env: &ColourEnv,
    user_dir: Option<&Path>,
) -> Result<(ThemeChoice, Vec<ThemeError>), ThemeError> {
    let level = colour_level(colour, env);
    let mut warnings = Vec::new();
    let sources = match user_dir {
        Some(dir) => read_user_themes(dir).unwrap_or_else(|error| {
            warnings.push(error);
            Vec::new()
        }),
        None => Vec::new(),
    };
    let (catalog, problems) =
        ThemeCatalog::with_user_sources(sources.iter().map(|(o, t)| (o.as_str(), t.as_str())));
    warnings.extend(problems);
    choose_theme(&catalog, requested, level)?;
    let choice = ThemeChoice {
        name: requested.map(str::to_string),
        colours: level.into(),
        user_themes: sources
            .into_iter()
            .map(|(origin, text)| ThemeSource { origin, text })
            .collect(),
    };
    Ok((choice, warnings))
}

/// The theme a console chose, rebuilt on the hub's side. The console has
/// already warned about its bad theme files, so they are left out quietly.
pub fn theme_from_choice(choice: &ThemeChoice) -> Result<Theme, ThemeError> {
    let sources = choice
        .user_themes
        .iter()
        .map(|s| (s.origin.as_str(), s.text.as_str()));
    let (catalog, _) = ThemeCatalog::with_user_sources(sources);
    choose_theme(&catalog, choice.name.as_deref(), choice.colours.into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::theme::ThemeCatalog;
    use crate::shell::protocol::WireColorLevel;

    const MINE: &str = "name = \"mine\"\ndescription = \"mine\"\ninherits = \"light\"\n";

    #[test]
    fn no_color_reaches_the_hub_as_a_monochrome_theme() {
        let env = ColourEnv {
            no_color: Some("1".to_string()),
            colorterm: Some("truecolor".to_string()),
            term: Some("xterm-256color".to_string()),
        };
        let (choice, warnings) = console_theme_choice(None, ColorChoice::Auto, &env, None).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(choice.colours, WireColorLevel::None);
        let theme = theme_from_choice(&choice).unwrap();
        assert_eq!(theme.name(), "monochrome");
        assert!(!theme.uses_colour());
    }

    #[test]
    fn a_user_theme_is_rebuilt_on_the_hub_from_its_text_alone() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("mine.toml"), MINE).unwrap();
        let env = ColourEnv {
            colorterm: Some("truecolor".to_string()),
            ..ColourEnv::default()
        };
        let (choice, warnings) =
            console_theme_choice(Some("mine"), ColorChoice::Ansi256, &env, Some(temp.path()))
                .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let (local, _) = ThemeCatalog::with_user_dir(temp.path());
        let expected = choose_theme(&local, Some("mine"), ColorLevel::Ansi256).unwrap();
        // Through the wire, and without the directory: the hub never reads it.
        let sent = serde_json::to_string(&choice).unwrap();
        drop(temp);
        let received: ThemeChoice = serde_json::from_str(&sent).unwrap();
        assert_eq!(theme_from_choice(&received).unwrap(), expected);
    }

    #[test]
    fn an_unknown_theme_is_an_error_on_the_console_and_bad_files_are_warnings() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("broken.toml"), "name = ").unwrap();
        let env = ColourEnv::default();
        let error = console_theme_choice(Some("nope"), ColorChoice::Auto, &env, Some(temp.path()))
            .unwrap_err();
        assert!(error.to_string().contains("nope"), "{error}");
        let (_, warnings) =
            console_theme_choice(None, ColorChoice::Auto, &env, Some(temp.path())).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].to_string().contains("broken.toml"),
            "{}",
            warnings[0]
        );
    }
}
