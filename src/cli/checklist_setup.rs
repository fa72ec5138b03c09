//! The checklists a console runs with: the shipped ones and the user's, and every rule's
//! checklist checked to exist, before any terminal goes full screen.

use anyhow::bail;

use crate::config::checklist::ChecklistCatalog;
use crate::config::file::ChecklistRef;

/// The shipped checklists and the user's (`checklists/` in the config
/// directory); a user file with mistakes stops the start, with every mistake.
pub(super) fn checklists() -> anyhow::Result<ChecklistCatalog> {
    let dir = directories::ProjectDirs::from("", "", "floorwatch")
        .map(|d| d.config_dir().join("checklists"))
        .filter(|d| d.is_dir());
    let Some(dir) = dir else {
        return Ok(ChecklistCatalog::builtin());
    };
    let (catalog, problems) = ChecklistCatalog::with_user_dir(&dir);
    if !problems.is_empty() {
        bail!(
            "{}\n{} checklist file(s) have mistakes",
            problems.join("\n"),
            problems.len()
        );
    }
    Ok(catalog)
}

/// Every rule's checklist exists.
pub(super) fn check_references(
    refs: &[ChecklistRef],
    catalog: &ChecklistCatalog,
) -> anyhow::Result<()> {
    let known: Vec<&str> = catalog.ids().collect();
    let problems: Vec<String> = refs
        .iter()
        .filter_map(|r| r.check(&known))
        .map(|p| p.to_string())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        bail!("{}", problems.join("\n"))
    }
}
