//! Theme files: TOML in, `ui::theme::Theme` out, in two phases as ripgrep does with its arguments.
//!
//! Phase one, `parse_theme`, turns one file into a `ThemeSpec`: roles mapped to styles, checked
//! for unknown keys, colours and modifiers, with every problem in the file reported as
//! `file:line:column: what is wrong` (all of them, not just the first). Phase two,
//! `ThemeCatalog::resolve`, follows `inherits` down to the built-in `default`, fills in the roles a
//! theme leaves out, and degrades colours to the terminal's `ColorLevel`. The catalog holds the
//! shipped themes (embedded from `themes/` with `include_str!`, so the binary needs no files) plus
//! any a user drops in their config directory. This module deliberately does not decide where that
//! directory is, read environment variables, or detect the colour level: the caller passes those in.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ratatui::style::Style;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, Deserializer, ValueDeserializer};

use super::source::SourceText;
pub use super::source::{Location, Problem};
use crate::ui::theme::{ColorLevel, Role, Theme};

mod colour;
use colour::{MODIFIER_CHOICES, parse_colour, parse_modifier};

/// The theme used when none is requested and colours are available; every chain ends here.
pub const DEFAULT_THEME: &str = "default";
/// The theme used when none is requested and colours are off (`NO_COLOR`).
pub const MONOCHROME_THEME: &str = "monochrome";

/// The shipped themes: (origin shown in errors, file contents).
const BUILTIN: [(&str, &str); 5] = [
    (
        "themes/default.toml",
        include_str!("../../themes/default.toml"),
    ),
    ("themes/light.toml", include_str!("../../themes/light.toml")),
    (
        "themes/high-contrast.toml",
        include_str!("../../themes/high-contrast.toml"),
    ),
    (
        "themes/colour-blind.toml",
        include_str!("../../themes/colour-blind.toml"),
    ),
    (
        "themes/monochrome.toml",
        include_str!("../../themes/monochrome.toml"),
    ),
];

/// The built-in themes plus any user themes, by name.
#[derive(Clone, Debug)]
pub struct ThemeCatalog {
    themes: BTreeMap<String, ThemeSpec>,
}

/// One checked theme file, before inheritance and colour-level degrading.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeSpec {
    name: String,
    description: String,
    /// Where the name was given (or the file start), for errors about the theme as a whole.
    defined_at: Location,
    /// The parent named by `inherits`, and where; `None` means the built-in default.
    inherits: Option<(String, Location)>,
    /// Only the roles this file sets; a role set here replaces the parent's style for it whole.
    roles: BTreeMap<Role, Style>,
}

/// Why a theme could not be loaded or resolved.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// A theme file or the user's theme directory could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
    /// Everything wrong with one file (or one inheritance chain), one problem per line.
    #[error("{}", lines(.problems))]
    Invalid { problems: Vec<Problem> },
    /// The requested theme does not exist.
    #[error("unknown theme \"{name}\" (available: {})", .available.join(", "))]
    UnknownTheme {
        name: String,
        available: Vec<String>,
    },
}

/// Parses one theme file's text; `origin` names it in errors (a path, or `themes/x.toml`).
pub fn parse_theme(source: &str, origin: &str) -> Result<ThemeSpec, ThemeError> {
    let text = SourceText::new(origin, source);
    let document = text.parse_toml().map_err(invalid)?;
    let mut problems = Vec::new();
    let mut table = document.into_inner();
    let roles = table.remove("roles");
    let header = read_header(table, &text, &mut problems);
    let roles = roles.map(|value| read_roles(value, &text, &mut problems));
    if problems.is_empty() {
        Ok(header.into_spec(roles.unwrap_or_default(), &text))
    } else {
        Err(invalid(problems))
    }
}

/// Reads and parses one theme file; errors name the file by `path` as given.
pub fn load_theme_file(path: &Path) -> Result<ThemeSpec, ThemeError> {
    let origin = path.display().to_string();
    match fs::read_to_string(path) {
        Ok(source) => parse_theme(&source, &origin),
        Err(source) => Err(ThemeError::Read {
            path: origin,
            source,
        }),
    }
}

/// The theme to run with: an explicit `requested` name wins; otherwise `monochrome` when colours
/// are off and `default` when they are on. Colours are degraded to `level` either way, so
/// `NO_COLOR` is honoured even for a requested colourful theme.
pub fn choose_theme(
    catalog: &ThemeCatalog,
    requested: Option<&str>,
    level: ColorLevel,
) -> Result<Theme, ThemeError> {
    let fallback = if level == ColorLevel::None {
        MONOCHROME_THEME
    } else {
        DEFAULT_THEME
    };
    catalog.resolve(requested.unwrap_or(fallback), level)
}

impl ThemeCatalog {
    /// The shipped themes. Each is checked by the tests, so none is expected to be skipped.
    pub fn builtin() -> ThemeCatalog {
        let themes = BUILTIN
            .iter()
            .filter_map(|(origin, source)| parse_theme(source, origin).ok())
            .map(|spec| (spec.name.clone(), spec))
            .collect();
        ThemeCatalog { themes }
    }

    /// The shipped themes plus every `*.toml` in `dir` (a missing directory is fine). Each bad
    /// file is returned as an error and left out; it never hides the shipped themes, and a user
    /// theme may not take a shipped theme's name (it can `inherits` from it instead).
    pub fn with_user_dir(dir: &Path) -> (ThemeCatalog, Vec<ThemeError>) {
        let mut catalog = ThemeCatalog::builtin();
        let mut errors = Vec::new();
        match theme_files(dir) {
            Ok(paths) => {
                for path in paths {
                    if let Err(error) = load_theme_file(&path).and_then(|spec| catalog.add(spec)) {
                        errors.push(error);
                    }
                }
            }
            Err(error) => errors.push(error),
        }
        errors.extend(catalog.drop_broken_chains());
        (catalog, errors)
    }

    /// The shipped themes plus user themes given as `(origin, text)`: what a hub builds from a
    /// console's theme files, which it cannot read itself. Bad ones are left out, as in a
    /// directory.
    pub fn with_user_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (ThemeCatalog, Vec<ThemeError>) {
        let mut catalog = ThemeCatalog::builtin();
        let mut errors = Vec::new();
        for (origin, text) in sources {
            if let Err(error) = parse_theme(text, origin).and_then(|spec| catalog.add(spec)) {
                errors.push(error);
            }
        }
        errors.extend(catalog.drop_broken_chains());
        (catalog, errors)
    }

    /// Every theme name, sorted.
    pub fn names(&self) -> Vec<String> {
        self.themes.keys().cloned().collect()
    }

    /// The one-line description of theme `name`, for a theme list.
    pub fn description(&self, name: &str) -> Option<&str> {
        self.themes.get(name).map(|spec| spec.description.as_str())
    }

    /// The theme called `name`, with inherited roles filled in and colours degraded to `level`.
    pub fn resolve(&self, name: &str, level: ColorLevel) -> Result<Theme, ThemeError> {
        let chain = self.lineage(name)?;
        let mut styles = BTreeMap::new();
        for spec in chain.iter().rev() {
            styles.extend(spec.roles.iter().map(|(role, style)| (*role, *style)));
        }
        let theme = Theme::new(name, |role| styles.get(&role).copied().unwrap_or_default());
        Ok(theme.at_level(level))
    }

    fn add(&mut self, spec: ThemeSpec) -> Result<(), ThemeError> {
        if let Some(existing) = self.themes.get(&spec.name) {
            let message = format!(
                "theme \"{}\" is already defined by {}; give this one another name (it may say inherits = \"{}\")",
                spec.name, existing.defined_at.origin, spec.name
            );
            return Err(invalid_at(spec.defined_at, message));
        }
        self.themes.insert(spec.name.clone(), spec);
        Ok(())
    }

    /// Removes every theme whose `inherits` chain is broken, returning why. A theme built on a
    /// broken theme fails with the same message, which is reported once.
    fn drop_broken_chains(&mut self) -> Vec<ThemeError> {
        let mut broken: BTreeMap<String, ThemeError> = BTreeMap::new();
        let mut names = Vec::new();
        for name in self.themes.keys() {
            if let Err(error) = self.lineage(name) {
                broken.entry(error.to_string()).or_insert(error);
                names.push(name.clone());
            }
        }
        for name in names {
            self.themes.remove(&name);
        }
        broken.into_values().collect()
    }

    /// Theme `name` followed by its ancestors, ending with the default theme.
    fn lineage(&self, name: &str) -> Result<Vec<&ThemeSpec>, ThemeError> {
        let mut current = self
            .themes
            .get(name)
            .ok_or_else(|| ThemeError::UnknownTheme {
                name: name.to_owned(),
                available: self.names(),
            })?;
        let mut chain = Vec::new();
        loop {
            chain.push(current);
            let Some((parent, at)) = current.parent() else {
                return Ok(chain);
            };
            if chain.iter().any(|spec| spec.name == parent) {
                return Err(cycle(&chain, parent, at));
            }
            current = self
                .themes
                .get(parent)
                .ok_or_else(|| self.unknown_parent(current, parent, at))?;
        }
    }

    fn unknown_parent(&self, child: &ThemeSpec, parent: &str, at: &Location) -> ThemeError {
        let message = format!(
            "theme \"{}\" inherits from unknown theme \"{parent}\" (available: {})",
            child.name,
            self.names().join(", ")
        );
        invalid_at(at.clone(), message)
    }
}

impl ThemeSpec {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    /// The file (or `themes/…` path of a built-in) this spec came from.
    pub fn origin(&self) -> &str {
        &self.defined_at.origin
    }

    /// The parent named in the file, if any (otherwise the default theme is the parent).
    pub fn inherits(&self) -> Option<&str> {
        self.inherits.as_ref().map(|(name, _)| name.as_str())
    }

    /// The style this file itself sets for `role`, before inheritance and degrading.
    pub fn style(&self, role: Role) -> Option<Style> {
        self.roles.get(&role).copied()
    }

    fn parent(&self) -> Option<(&str, &Location)> {
        match &self.inherits {
            Some((parent, at)) => Some((parent, at)),
            None if self.name == DEFAULT_THEME => None,
            None => Some((DEFAULT_THEME, &self.defined_at)),
        }
    }
}

impl ThemeError {
    /// The located problems behind this error (empty for read errors and unknown names).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ThemeError::Invalid { problems } => problems,
            ThemeError::Read { .. } | ThemeError::UnknownTheme { .. } => &[],
        }
    }
}

/// The top-level keys of a theme file other than `[roles]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderSpec {
    name: Option<Spanned<String>>,
    description: Option<String>,
    inherits: Option<Spanned<String>>,
}

/// The keys allowed at the top of a theme file.
const TOP_LEVEL_KEYS: [&str; 4] = ["name", "description", "inherits", "roles"];

/// One role's entry, e.g. `critical = { fg = "red", modifiers = ["bold"] }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    #[serde(default)]
    modifiers: Vec<Spanned<String>>,
}

impl HeaderSpec {
    fn merge(&mut self, other: HeaderSpec) {
        self.name = self.name.take().or(other.name);
        self.description = self.description.take().or(other.description);
        self.inherits = self.inherits.take().or(other.inherits);
    }

    fn into_spec(self, roles: BTreeMap<Role, Style>, text: &SourceText<'_>) -> ThemeSpec {
        let (name, defined_at) = match self.name {
            Some(name) => (name.get_ref().clone(), text.locate(name.span().start)),
            None => (file_stem(text.origin), text.locate(0)),
        };
        let inherits = self
            .inherits
            .map(|parent| (parent.get_ref().clone(), text.locate(parent.span().start)));
        let description = self.description.unwrap_or_default();
        ThemeSpec {
            name,
            description,
            defined_at,
            inherits,
            roles,
        }
    }
}

/// Reads the top-level keys one at a time, so every bad key is reported, not just the first.
fn read_header(
    table: DeTable<'_>,
    text: &SourceText<'_>,
    problems: &mut Vec<Problem>,
) -> HeaderSpec {
    let mut header = HeaderSpec::default();
    for (key, value) in table {
        let (name, span) = (key.get_ref().to_string(), key.span());
        if !TOP_LEVEL_KEYS.contains(&name.as_str()) {
            let message = format!(
                "unknown key \"{name}\" (expected one of: {})",
                TOP_LEVEL_KEYS.join(", ")
            );
            problems.push(text.problem(Some(span), message));
            continue;
        }
        let mut single = DeTable::new();
        single.insert(key, value);
        match HeaderSpec::deserialize(Deserializer::from(Spanned::new(span.clone(), single))) {
            Ok(part) => header.merge(part),
            Err(e) => problems.push(text.problem(
                e.span().or(Some(span)),
                format!("\"{name}\": {}", e.message()),
            )),
        }
    }
    if header
        .name
        .as_ref()
        .is_some_and(|name| name.get_ref().trim().is_empty())
    {
        let span = header.name.as_ref().map(Spanned::span);
        problems.push(text.problem(span, "theme name must not be empty"));
    }
    header
}

fn read_roles(
    value: Spanned<DeValue<'_>>,
    text: &SourceText<'_>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<Role, Style> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        problems.push(text.problem(
            Some(span),
            "\"roles\" must be a table of role = { fg, bg, modifiers }",
        ));
        return BTreeMap::new();
    };
    table
        .into_iter()
        .filter_map(|(key, value)| read_role(key, value, text, problems))
        .collect()
}

fn read_role(
    key: Spanned<DeString<'_>>,
    value: Spanned<DeValue<'_>>,
    text: &SourceText<'_>,
    problems: &mut Vec<Problem>,
) -> Option<(Role, Style)> {
    let Some(role) = Role::from_key(key.get_ref()) else {
        let message = format!(
            "unknown role \"{}\" (expected one of: {})",
            key.get_ref(),
            role_keys()
        );
        problems.push(text.problem(Some(key.span()), message));
        return None;
    };
    let span = value.span();
    match RoleSpec::deserialize(ValueDeserializer::from(value)) {
        Ok(spec) => spec
            .into_style(role, text, problems)
            .map(|style| (role, style)),
        Err(e) => {
            let message = format!("role \"{}\": {}", role.key(), e.message());
            problems.push(text.problem(e.span().or(Some(span)), message));
            None
        }
    }
}

impl RoleSpec {
    /// The style this entry describes, or `None` after recording what is wrong with it.
    fn into_style(
        self,
        role: Role,
        text: &SourceText<'_>,
        problems: &mut Vec<Problem>,
    ) -> Option<Style> {
        let before = problems.len();
        let mut colour = |value: Option<Spanned<String>>| {
            let value = value?;
            let parsed =
                parse_colour(value.get_ref()).map_err(|why| why.describe(value.get_ref(), role));
            parsed
                .map_err(|message| problems.push(text.problem(Some(value.span()), message)))
                .ok()
        };
        let mut style = Style::new();
        style.fg = colour(self.fg);
        style.bg = colour(self.bg);
        for name in &self.modifiers {
            match parse_modifier(name.get_ref()) {
                Some(modifier) => style = style.add_modifier(modifier),
                None => {
                    let message = format!(
                        "unknown modifier \"{}\" for role \"{}\" (expected one of: {MODIFIER_CHOICES})",
                        name.get_ref(),
                        role.key()
                    );
                    problems.push(text.problem(Some(name.span()), message));
                }
            }
        }
        (problems.len() == before).then_some(style)
    }
}

/// The `*.toml` files directly in `dir`, sorted; a directory that does not exist has none.
/// Every `*.toml` theme file in `dir` as `(path, text)` (a missing directory has none), so that
/// another process can build the same catalog with [`ThemeCatalog::with_user_sources`].
pub fn read_user_themes(dir: &Path) -> Result<Vec<(String, String)>, ThemeError> {
    theme_files(dir)?
        .into_iter()
        .map(|path| {
            let origin = path.display().to_string();
            match fs::read_to_string(&path) {
                Ok(text) => Ok((origin, text)),
                Err(source) => Err(ThemeError::Read {
                    path: origin,
                    source,
                }),
            }
        })
        .collect()
}

fn theme_files(dir: &Path) -> Result<Vec<PathBuf>, ThemeError> {
    let read_error = |source| ThemeError::Read {
        path: dir.display().to_string(),
        source,
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(read_error(e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(read_error)?.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn invalid(mut problems: Vec<Problem>) -> ThemeError {
    problems.sort();
    ThemeError::Invalid { problems }
}

fn invalid_at(at: Location, message: String) -> ThemeError {
    ThemeError::Invalid {
        problems: vec![Problem { at, message }],
    }
}

fn cycle(chain: &[&ThemeSpec], parent: &str, at: &Location) -> ThemeError {
    let mut names: Vec<&str> = chain.iter().map(|spec| spec.name.as_str()).collect();
    names.push(parent);
    invalid_at(
        at.clone(),
        format!("inheritance cycle: {}", names.join(" -> ")),
    )
}

fn lines(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn role_keys() -> String {
    Role::ALL.map(Role::key).join(", ")
}

fn file_stem(origin: &str) -> String {
    Path::new(origin).file_stem().map_or_else(
        || origin.to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests;
