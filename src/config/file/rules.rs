//! `[alerts]` and `[[rules]]`: the default rules, changed, switched off or added to.
//!
//! ```toml
//! [alerts]
//! bell = true            # ring on a new critical alert
//! default_rules = true   # start from the shipped rules
//!
//! [[rules]]
//! id = "sl-low"          # a shipped id changes that rule: only the keys given
//! below = 0.75
//! clear = 0.82
//!
//! [[rules]]
//! id = "vip-wait"        # a new id is a new rule
//! metric = "longest_wait"
//! above = 45
//! clear = 30
//! for = "30s"
//! severity = "critical"
//! queues = ["vip"]
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::checklist_ref::ChecklistRef;
use super::reader::{Entry, Reader};
use crate::engine::Window;
use crate::engine::rules::{Direction, Metric, Rule, Scope, Severity, default_rules};

/// `[alerts]` as written.
pub(super) struct AlertSettings {
    pub bell: bool,
    pub default_rules: bool,
}

impl Default for AlertSettings {
    fn default() -> Self {
        Self {
            bell: true,
            default_rules: true,
        }
    }
}

/// One `[[rules]]` table, read: the rule, or the id of a default to switch off.
pub(super) type Written = Change<Rule>;

pub(super) enum Change<T> {
    Rule(T),
    Disabled(String),
}

const RULE_KEYS: [&str; 15] = [
    "id",
    "metric",
    "scope",
    "window",
    "below",
    "above",
    "clear",
    "for",
    "clear_for",
    "severity",
    "checklist",
    "min_volume",
    "queues",
    "lookback",
    "enabled",
];

/// The shipped rules (unless switched off), with the written ones applied in order.
pub(super) fn merge(with_defaults: bool, written: Vec<Written>) -> Vec<Rule> {
    let shipped = if with_defaults {
        default_rules()
    } else {
        Vec::new()
    };
    apply_by_id(shipped, written, |rule| &rule.id)
}

/// Applies each change to `base` by id: a rule replaces the one of its id
/// in place or joins at the end; a switch-off removes it. One lookup in an
/// index per change, so a file of many rules is read in linear time.
fn apply_by_id<T>(base: Vec<T>, changes: Vec<Change<T>>, id_of: impl Fn(&T) -> &str) -> Vec<T> {
    let mut slots: Vec<Option<T>> = Vec::with_capacity(base.len() + changes.len());
    let mut slot_of: HashMap<String, usize> = HashMap::new();
    for item in base {
        slot_of.insert(id_of(&item).to_owned(), slots.len());
        slots.push(Some(item));
    }
    for change in changes {
        match change {
            Change::Disabled(id) => {
                if let Some(slot) = slot_of.remove(&id) {
                    slots[slot] = None;
                }
            }
            Change::Rule(item) => match slot_of.get(id_of(&item)) {
                Some(&slot) => slots[slot] = Some(item),
                None => {
                    slot_of.insert(id_of(&item).to_owned(), slots.len());
                    slots.push(Some(item));
                }
            },
        }
    }
    slots.into_iter().flatten().collect()
}

impl<'a> Reader<'a> {
    pub(super) fn read_alerts(&mut self, value: Spanned<DeValue<'a>>) -> AlertSettings {
        let mut settings = AlertSettings::default();
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.problem(Some(span), "\"alerts\" must be a table: [alerts]");
            return settings;
        };
        for entry in entries(table) {
            match entry.key.as_str() {
                "bell" => settings.bell = self.value(&entry).unwrap_or(true),
                "default_rules" => settings.default_rules = self.value(&entry).unwrap_or(true),
                other => {
                    let message =
                        format!("unknown key \"{other}\" in [alerts] (known: bell, default_rules)");
                    self.problem(Some(entry.key_span.clone()), message);
                }
            }
        }
        settings
    }

    pub(super) fn read_rules(&mut self, value: Spanned<DeValue<'a>>) -> Vec<Written> {
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            self.problem(Some(span), "rules are written as [[rules]] tables");
            return Vec::new();
        };
        items
            .into_iter()
            .filter_map(|item| {
                let span = item.span();
                match item.into_inner() {
                    DeValue::Table(table) => self.read_rule(table, span),
                    _ => {
                        self.problem(Some(span), "each rule is a [[rules]] table");
                        None
                    }
                }
            })
            .collect()
    }

    fn read_rule(&mut self, table: DeTable<'a>, span: Range<usize>) -> Option<Written> {
        let mut entries = entries(table);
        let Some(id_entry) = take(&mut entries, "id") else {
            self.problem(
                Some(span),
                "a rule needs an id = \"…\" (a shipped id changes that rule)",
            );
            return None;
        };
        let id = self.text_value(&id_entry)?;
        let shipped = default_rules().into_iter().find(|r| r.id == id);
        let enabled = match take(&mut entries, "enabled") {
            Some(entry) => self.value::<bool>(&entry)?,
            None => true,
        };
        if !enabled {
            return Some(Written::Disabled(id));
        }
        let mut rule = match (shipped, take(&mut entries, "metric")) {
            (shipped, Some(entry)) => {
                let metric = self.metric(&entry)?;
                let base = shipped.filter(|r| r.metric == metric);
                base.unwrap_or_else(|| Rule::new(&id, metric))
            }
            (Some(shipped), None) => shipped,
            (None, None) => {
                self.problem(
                    Some(span),
                    format!("rule \"{id}\" is not a shipped rule: it needs metric = \"…\""),
                );
                return None;
            }
        };
        let mut level_given = false;
        for entry in entries {
            level_given |= matches!(entry.key.as_str(), "below" | "above");
            self.read_rule_key(&mut rule, &entry);
        }
        self.check_rule(&rule, level_given, span);
        Some(Written::Rule(rule))
    }

    fn read_rule_key(&mut self, rule: &mut Rule, entry: &Entry<'a>) {
        match entry.key.as_str() {
            "scope" => {
                if let Some(scope) =
                    self.named(entry, Scope::from_name, "queue, floor, site, platform")
                {
                    rule.scope = scope;
                }
            }
            "window" => {
                if let Some(window) =
                    self.named(entry, window_from_name, "interval, rolling_60m, day")
                {
                    rule.window = window;
                }
            }
            "below" | "above" if rule.metric.is_condition() => {
                let message = format!(
                    "{} is a yes/no condition: it takes no {}",
                    rule.metric.name(),
                    entry.key
                );
                self.problem(Some(entry.key_span.clone()), message);
            }
            "below" | "above" => {
                if let Some(level) = self.value::<f64>(entry) {
                    rule.direction = if entry.key == "below" {
                        Direction::Below
                    } else {
                        Direction::Above
                    };
                    rule.trigger = level;
                }
            }
            "clear" => {
                if let Some(level) = self.value::<f64>(entry) {
                    rule.clear = level;
                }
            }
            "for" => rule.hold_for = self.rule_duration(entry).unwrap_or(rule.hold_for),
            "clear_for" => rule.clear_for = self.rule_duration(entry).unwrap_or(rule.clear_for),
            "lookback" => rule.lookback = self.rule_duration(entry).unwrap_or(rule.lookback),
            "severity" => {
                if let Some(severity) =
                    self.named(entry, Severity::from_name, "advisory, warning, critical")
                {
                    rule.severity = severity;
                }
            }
            "checklist" => {
                rule.checklist = self.text_value(entry);
                if let Some(checklist) = &rule.checklist {
                    let at = self.text.locate(entry.value.span().start);
                    self.checklist_refs.push(ChecklistRef {
                        rule: rule.id.clone(),
                        checklist: checklist.clone(),
                        at,
                    });
                }
            }
            "min_volume" => rule.min_volume = self.value(entry).unwrap_or(rule.min_volume),
            "queues" => rule.queues = self.value(entry).unwrap_or_default(),
            other => {
                let message = format!(
                    "unknown key \"{other}\" in a rule (known: {})",
                    RULE_KEYS.join(", ")
                );
                self.problem(Some(entry.key_span.clone()), message);
            }
        }
    }

    /// What the engine would refuse, said at the rule's table.
    fn check_rule(&mut self, rule: &Rule, level_given: bool, span: Range<usize>) {
        let is_new = !default_rules().iter().any(|r| r.id == rule.id);
        if is_new && !rule.metric.is_condition() && !level_given {
            self.problem(
                Some(span.clone()),
                format!(
                    "rule \"{}\" needs below = … or above = …, and clear = …",
                    rule.id
                ),
            );
            return;
        }
        for problem in rule.problems() {
            self.problem(
                Some(span.clone()),
                format!("rule \"{}\": {problem}", rule.id),
            );
        }
    }

    fn metric(&mut self, entry: &Entry<'a>) -> Option<Metric> {
        let names: Vec<_> = Metric::ALL.iter().map(|m| m.name()).collect();
        self.named(entry, Metric::from_name, &names.join(", "))
    }

    fn named<T>(
        &mut self,
        entry: &Entry<'a>,
        parse: impl Fn(&str) -> Option<T>,
        choices: &str,
    ) -> Option<T> {
        let text = self.value::<String>(entry)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.problem(
                Some(entry.value.span()),
                format!(
                    "\"{}\": unknown value {text:?} (expected one of: {choices})",
                    entry.key
                ),
            );
        }
        parsed
    }

    fn rule_duration(&mut self, entry: &Entry<'a>) -> Option<Duration> {
        self.duration_within(entry, Duration::ZERO..=Duration::from_secs(24 * 3600))
    }
}

fn window_from_name(name: &str) -> Option<Window> {
    match name {
        "interval" => Some(Window::Interval),
        "rolling_60m" => Some(Window::Rolling60),
        "day" => Some(Window::Day),
        _ => None,
    }
}

fn entries(table: DeTable<'_>) -> Vec<Entry<'_>> {
    table
        .into_iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            key_span: key.span(),
            value,
        })
        .collect()
}

fn take<'a>(entries: &mut Vec<Entry<'a>>, key: &str) -> Option<Entry<'a>> {
    let at = entries.iter().position(|e| e.key == key)?;
    Some(entries.remove(at))
}

#[cfg(test)]
mod tests {
    #[test]
    fn merging_many_rules_reads_each_id_a_bounded_number_of_times() {
        use super::{Change, apply_by_id};
        use std::cell::Cell;
        // A config of many rules: a lookup per rule, not a scan of all rules
        // before it (which made a 50 MB file take minutes).
        let n = 4000;
        let base: Vec<String> = (0..10).map(|i| format!("shipped-{i}")).collect();
        let mut changes: Vec<Change<String>> =
            (0..n).map(|i| Change::Rule(format!("new-{i}"))).collect();
        changes.push(Change::Rule("shipped-3".into()));
        changes.push(Change::Disabled("shipped-5".into()));
        changes.push(Change::Disabled("new-7".into()));
        changes.push(Change::Rule("new-7".into()));
        let reads = Cell::new(0usize);
        let merged = apply_by_id(base, changes, |id: &String| {
            reads.set(reads.get() + 1);
            id.as_str()
        });
        assert!(
            reads.get() <= 3 * (n + 20),
            "{} id reads for {n} rules: merging is not linear",
            reads.get()
        );
        assert_eq!(merged.len(), 10 - 1 + n);
        assert_eq!(merged[3], "shipped-3", "a change keeps the rule's place");
        assert!(!merged.contains(&"shipped-5".to_string()));
        assert_eq!(
            merged.last().map(String::as_str),
            Some("new-7"),
            "switched off, then added again: at the end"
        );
        assert_eq!(merged.iter().filter(|id| *id == "new-7").count(), 1);
    }
}
