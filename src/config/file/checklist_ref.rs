//! Where a rule names a checklist, kept to check against the checklists there are.

use crate::config::source::{Location, Problem};

/// A rule's `checklist = "…"`, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistRef {
    pub rule: String,
    pub checklist: String,
    pub at: Location,
}

impl ChecklistRef {
    /// The problem, if the checklist is not among `known`.
    pub fn check(&self, known: &[&str]) -> Option<Problem> {
        if known.contains(&self.checklist.as_str()) {
            return None;
        }
        let names = known;
        Some(Problem {
            at: self.at.clone(),
            message: format!(
                "rule \"{}\" opens checklist \"{}\", which does not exist (known: {})",
                self.rule,
                self.checklist,
                names.join(", ")
            ),
        })
    }
}
