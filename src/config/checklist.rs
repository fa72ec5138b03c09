//! Checklist files: pre-written crisis communication plans (TOML).
//!
//! A checklist is written ahead of time by the contact centre; the console
//! walks the floor manager through it when its rule trips or when it is
//! declared by hand. One file, one checklist:
//!
//! ```toml
//! id = "traffic-surge"              # names it in rules (`checklist = "…"`) and `:declare`
//! title = "Traffic surge"
//! version = 3                       # shown on screen and in the record
//! effective = "2026-11-01"          # the date this version applies from
//! summary = "Calls far above forecast; service level falling on several queues."
//!
//! [[steps]]
//! id = "ivr-high-volume"            # unique in the file; conditionals name steps by it
//! kind = "manual"                   # manual | sensed | conditional
//! title = "Switch on the high-volume IVR message"
//! owner = "floor manager"           # the role that does the step
//! who = "IT/telecom on-call"        # who is notified or acts
//! how = "phone"                     # phone | sms | email | chat | ivr | broadcast | bridge | status_page | pager | in_person
//! when = "5m"                       # deadline after the trigger
//! response = "IVR high-volume message: ACTIVE"   # the state when done, never "done" or "checked"
//! say = """
//! This is {operator} on the {platform} floor. {queue} is at {service_level} service level with
//! {waiting} callers waiting, longest {longest_wait}. Please switch on the high-volume message now.
//! """
//!
//! [[steps]]
//! id = "sl-recovered"
//! kind = "sensed"                   # closes itself when the condition holds on live data
//! title = "Service level back above 75 % for 5 minutes"
//! owner = "floor manager"
//! when = "60m"
//! response = "Floor SL: ABOVE 75 %"
//! sensed = { metric = "service_level", scope = "floor", above = 0.75, for = "5m" }
//!
//! [[steps]]
//! id = "long-outage"
//! kind = "conditional"              # a question; the answer activates one branch
//! title = "Outage expected to last more than 30 minutes?"
//! owner = "IT/telecom on-call"
//! when = "15m"
//! yes = ["failover-routing", "status-page"]   # step ids that apply on YES
//! no = ["monitor-recovery"]                    # step ids that apply on NO
//! group = "cause"                   # optional: questions of one group exclude each other
//! ```
//!
//! Steps named in a `yes` or `no` list apply only when that answer is given;
//! every other step always applies. Questions sharing a `group` are mutually
//! exclusive: a yes on one answers the others no (a no answers nothing for
//! you). `inhibits = ["traffic-surge"]` at the top names checklists this one
//! makes redundant: while it runs, they are not opened, and an open one is
//! closed with the reason on record. Placeholders in `say` are filled with live
//! values: `{queue}` `{service_level}` `{waiting}` `{longest_wait}` `{abandon_rate}`
//! `{agents_available}` `{agents_logged_in}` `{site}` `{trigger}` `{value}`
//! `{started_at}` `{now}` `{next_update}` `{platform}` `{operator}`.
//! A sensed condition uses the rule metrics (`service_level`, `waiting`,
//! `longest_wait`, `abandon_rate`, `asa`, `negative_share`, `platform_unreachable`
//! …) with `above` or `below`, optional `scope` (`floor` default, or `queue`
//! for the incident's queue) and `for` (default 0s).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::source::{Problem, SourceText};
use crate::engine::checklist::{
    Channel, Checklist, PLACEHOLDERS, SensedCondition, Step, StepKind, placeholders_in,
};
use crate::engine::rules::{Direction, Metric};

/// The shipped plans: (origin shown in errors, file contents).
pub const BUILTIN: [(&str, &str); 6] = [
    (
        "checklists/traffic-surge.toml",
        include_str!("checklists/traffic-surge.toml"),
    ),
    (
        "checklists/telephony-outage.toml",
        include_str!("checklists/telephony-outage.toml"),
    ),
    (
        "checklists/site-power-outage.toml",
        include_str!("checklists/site-power-outage.toml"),
    ),
    (
        "checklists/severe-weather.toml",
        include_str!("checklists/severe-weather.toml"),
    ),
    (
        "checklists/complaint-spike.toml",
        include_str!("checklists/complaint-spike.toml"),
    ),
    (
        "checklists/pandemic-continuity.toml",
        include_str!("checklists/pandemic-continuity.toml"),
    ),
];

/// Responses that say nothing about the state reached: a response names
/// what was checked ("Supervisors paged"), never only that something was
/// done (Degani & Wiener's study of cockpit checklists).
const EMPTY_RESPONSES: [&str; 6] = ["done", "checked", "set", "ok", "complete", "completed"];

/// Why a checklist file cannot be used: every problem, located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ChecklistError {
    pub problems: Vec<Problem>,
}

/// The shipped checklists and the user's, by id (a user file replaces a shipped one of its id).
#[derive(Clone, Debug, Default)]
pub struct ChecklistCatalog {
    /// Each checklist with the text it was read from (an incident keeps the
    /// text, so a later edit of the file cannot rewrite its history).
    by_id: BTreeMap<String, (Checklist, String)>,
}

impl ChecklistCatalog {
    /// The shipped pack (each file is checked by the tests; a broken one is skipped).
    pub fn builtin() -> Self {
        let mut catalog = Self::default();
        for (origin, text) in BUILTIN {
            if let Ok(checklist) = parse_checklist(text, origin) {
                catalog
                    .by_id
                    .insert(checklist.id.clone(), (checklist, text.to_owned()));
            }
        }
        catalog
    }

    /// The shipped pack plus every `*.toml` in `dir`, and the problems of the files that failed.
    pub fn with_user_dir(dir: &Path) -> (Self, Vec<String>) {
        let mut catalog = Self::builtin();
        let mut problems = Vec::new();
        let mut paths: Vec<_> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
            Err(e) => {
                return (
                    catalog,
                    vec![format!("{}: cannot read: {e}", dir.display())],
                );
            }
        };
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        {
            let origin = path.display().to_string();
            let loaded = std::fs::read_to_string(&path)
                .map_err(|e| format!("{origin}: cannot read: {e}"))
                .and_then(|text| {
                    let checklist = parse_checklist(&text, &origin).map_err(|e| e.to_string())?;
                    Ok((checklist, text))
                });
            match loaded {
                Ok((checklist, text)) => {
                    catalog
                        .by_id
                        .insert(checklist.id.clone(), (checklist, text));
                }
                Err(problem) => problems.push(problem),
            }
        }
        problems.extend(catalog.unknown_inhibits());
        (catalog, problems)
    }

    /// Each `inhibits` entry that names no checklist, in words.
    pub fn unknown_inhibits(&self) -> Vec<String> {
        self.by_id
            .values()
            .flat_map(|(checklist, _)| {
                checklist
                    .inhibits
                    .iter()
                    .filter(|id| !self.by_id.contains_key(*id))
                    .map(|id| {
                        format!(
                            "checklist \"{}\": inhibits \"{id}\", which is not a known checklist",
                            checklist.id
                        )
                    })
            })
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&Checklist> {
        self.by_id.get(id).map(|(checklist, _)| checklist)
    }

    /// Every checklist with the text it was read from, by id.
    pub fn iter(&self) -> impl Iterator<Item = (&Checklist, &str)> {
        self.by_id.values().map(|(c, text)| (c, text.as_str()))
    }

    /// The file text a checklist was read from.
    pub fn source(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|(_, text)| text.as_str())
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Parses one checklist file; `origin` names it in errors.
pub fn parse_checklist(source: &str, origin: &str) -> Result<Checklist, ChecklistError> {
    let text = SourceText::new(origin, source);
    let document = text
        .parse_toml()
        .map_err(|problems| ChecklistError { problems })?;
    let mut reader = ChecklistReader {
        text: &text,
        problems: Vec::new(),
        groups: BTreeMap::new(),
    };
    let checklist = reader.read(document.into_inner(), 0..source.len().min(1));
    match checklist {
        Some(checklist) if reader.problems.is_empty() => Ok(checklist),
        _ => {
            let mut problems = reader.problems;
            problems.sort();
            Err(ChecklistError { problems })
        }
    }
}

struct ChecklistReader<'a> {
    text: &'a SourceText<'a>,
    problems: Vec<Problem>,
    /// Where each exclusive group is named, to find groups of one.
    groups: BTreeMap<String, Vec<Range<usize>>>,
}

type Fields<'a> = BTreeMap<String, (Range<usize>, Spanned<DeValue<'a>>)>;

const TOP_KEYS: [&str; 7] = [
    "id",
    "title",
    "version",
    "effective",
    "summary",
    "inhibits",
    "steps",
];
const STEP_KEYS: [&str; 13] = [
    "id", "kind", "title", "owner", "who", "how", "when", "response", "say", "sensed", "yes", "no",
    "group",
];
const SENSED_KEYS: [&str; 5] = ["metric", "scope", "above", "below", "for"];

impl<'a> ChecklistReader<'a> {
    fn problem(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        self.problems.push(self.text.problem(span, message));
    }

    /// The table's keys, each checked against `known`.
    fn fields(&mut self, table: DeTable<'a>, known: &[&str], what: &str) -> Fields<'a> {
        let mut fields = BTreeMap::new();
        for (key, value) in table {
            let name = key.get_ref().to_string();
            if known.contains(&name.as_str()) {
                fields.insert(name, (key.span(), value));
            } else {
                let message = format!(
                    "unknown key \"{name}\" in {what} (known: {})",
                    known.join(", ")
                );
                self.problem(Some(key.span()), message);
            }
        }
        fields
    }

    fn get<T: for<'de> Deserialize<'de>>(&mut self, fields: &Fields<'a>, key: &str) -> Option<T> {
        let (_, value) = fields.get(key)?;
        match T::deserialize(ValueDeserializer::from(value.clone())) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(
                    e.span().or(Some(value.span())),
                    format!("\"{key}\": {}", e.message()),
                );
                None
            }
        }
    }

    fn required<T: for<'de> Deserialize<'de>>(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        at: &Range<usize>,
        what: &str,
    ) -> Option<T> {
        if !fields.contains_key(key) {
            self.problem(Some(at.clone()), format!("{what} needs \"{key}\""));
            return None;
        }
        self.get(fields, key)
    }

    fn span_of(fields: &Fields<'a>, key: &str) -> Option<Range<usize>> {
        fields.get(key).map(|(_, v)| v.span())
    }

    fn read(&mut self, table: DeTable<'a>, file_start: Range<usize>) -> Option<Checklist> {
        let fields = self.fields(table, &TOP_KEYS, "a checklist");
        let what = "a checklist";
        let id: Option<String> = self.required(&fields, "id", &file_start, what);
        let title: Option<String> = self.required(&fields, "title", &file_start, what);
        let version: Option<u32> = self.required(&fields, "version", &file_start, what);
        let effective: Option<String> = self.required(&fields, "effective", &file_start, what);
        let summary: String = self.get(&fields, "summary").unwrap_or_default();
        let inhibits: Vec<String> = self.get(&fields, "inhibits").unwrap_or_default();
        let steps = self.read_steps(&fields, &file_start);
        self.check_groups();
        if let Some(id) = &id
            && (id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        {
            let span = Self::span_of(&fields, "id");
            self.problem(
                span,
                format!("id {id:?}: use lowercase letters, digits and '-'"),
            );
        }
        let checklist = Checklist {
            id: id?,
            title: title?,
            version: version?,
            effective: effective?,
            summary,
            inhibits,
            steps: steps?,
        };
        if checklist.inhibits.contains(&checklist.id) {
            let span = Self::span_of(&fields, "inhibits");
            self.problem(span, "a checklist cannot inhibit itself");
        }
        self.check_branches(&checklist, &fields);
        Some(checklist)
    }

    fn read_steps(&mut self, fields: &Fields<'a>, file_start: &Range<usize>) -> Option<Vec<Step>> {
        let Some((_, value)) = fields.get("steps").cloned() else {
            self.problem(Some(file_start.clone()), "a checklist needs [[steps]]");
            return None;
        };
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            self.problem(Some(span), "steps are written as [[steps]] tables");
            return None;
        };
        let mut steps = Vec::new();
        let mut seen = HashSet::new();
        for item in items {
            let span = item.span();
            let DeValue::Table(table) = item.into_inner() else {
                self.problem(Some(span), "each step is a [[steps]] table");
                continue;
            };
            if let Some(step) = self.read_step(table, span.clone()) {
                if !seen.insert(step.id.clone()) {
                    self.problem(Some(span), format!("step id \"{}\" is used twice", step.id));
                }
                steps.push(step);
            }
        }
        if steps.is_empty() {
            self.problem(Some(span), "a checklist needs at least one step");
        }
        Some(steps)
    }

    fn read_step(&mut self, table: DeTable<'a>, at: Range<usize>) -> Option<Step> {
        let fields = self.fields(table, &STEP_KEYS, "a step");
        let what = "a step";
        let id: Option<String> = self.required(&fields, "id", &at, what);
        let kind_name: Option<String> = self.required(&fields, "kind", &at, what);
        let title: Option<String> = self.required(&fields, "title", &at, what);
        let owner: Option<String> = self.required(&fields, "owner", &at, what);
        let response: Option<String> = self.required(&fields, "response", &at, what);
        let when = self.duration(&fields, "when", &at);
        let who: Option<String> = self.get(&fields, "who");
        let how = self.channel(&fields);
        let say: Option<String> = self.get(&fields, "say");
        let group: Option<String> = self.get(&fields, "group");
        if let (Some(name), Some(span)) = (&group, Self::span_of(&fields, "group")) {
            self.groups.entry(name.clone()).or_default().push(span);
        }
        if let Some(response) = &response {
            let bare = response.trim().trim_end_matches('.').to_lowercase();
            if EMPTY_RESPONSES.contains(&bare.as_str()) {
                let span = Self::span_of(&fields, "response");
                self.problem(span, format!("response {response:?} says nothing: state what is true when done (\"IVR message: ACTIVE\")"));
            }
        }
        if let Some(say) = &say {
            self.check_placeholders(say, &fields);
        }
        let kind = match kind_name.as_deref() {
            Some("manual") => Some(StepKind::Manual),
            Some("sensed") => self.sensed(&fields, &at).map(StepKind::Sensed),
            Some("conditional") => {
                let yes: Vec<String> = self.get(&fields, "yes").unwrap_or_default();
                let no: Vec<String> = self.get(&fields, "no").unwrap_or_default();
                if yes.is_empty() && no.is_empty() {
                    self.problem(
                        Some(at.clone()),
                        "a conditional step needs yes = [step ids] and/or no = [step ids]",
                    );
                }
                Some(StepKind::Conditional { yes, no })
            }
            Some(other) => {
                let span = Self::span_of(&fields, "kind");
                self.problem(
                    span,
                    format!("unknown step kind {other:?} (expected manual, sensed or conditional)"),
                );
                None
            }
            None => None,
        };
        for key in ["sensed", "yes", "no", "group"] {
            let belongs = matches!(
                (key, &kind),
                ("sensed", Some(StepKind::Sensed(_)))
                    | ("yes" | "no" | "group", Some(StepKind::Conditional { .. }))
            );
            if fields.contains_key(key) && kind.is_some() && !belongs {
                let span = fields.get(key).map(|(k, _)| k.clone());
                self.problem(
                    span,
                    format!(
                        "\"{key}\" does not apply to a {} step",
                        kind_name.as_deref().unwrap_or("")
                    ),
                );
            }
        }
        Some(Step {
            id: id?,
            title: title?,
            kind: kind?,
            owner: owner?,
            who,
            how,
            when: when?,
            response: response?,
            say,
            group,
        })
    }

    /// A mutually exclusive group needs two questions at least.
    fn check_groups(&mut self) {
        let lonely: Vec<(String, Range<usize>)> = self
            .groups
            .iter()
            .filter(|(_, spans)| spans.len() == 1)
            .map(|(name, spans)| (name.clone(), spans[0].clone()))
            .collect();
        for (name, span) in lonely {
            self.problem(
                Some(span),
                format!("group {name:?} has one question: an exclusive group needs two or more"),
            );
        }
    }

    fn duration(&mut self, fields: &Fields<'a>, key: &str, at: &Range<usize>) -> Option<Duration> {
        let text: String = self.required(fields, key, at, "a step")?;
        match humantime::parse_duration(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                let span = Self::span_of(fields, key);
                self.problem(
                    span,
                    format!("\"{key}\": {text:?} is not a duration like \"5m\" ({e})"),
                );
                None
            }
        }
    }

    fn channel(&mut self, fields: &Fields<'a>) -> Option<Channel> {
        let name: String = self.get(fields, "how")?;
        let channel = Channel::from_name(&name);
        if channel.is_none() {
            let names: Vec<_> = Channel::ALL.iter().map(|c| c.name()).collect();
            let span = Self::span_of(fields, "how");
            self.problem(
                span,
                format!(
                    "\"how\": unknown channel {name:?} (expected one of: {})",
                    names.join(", ")
                ),
            );
        }
        channel
    }

    fn check_placeholders(&mut self, say: &str, fields: &Fields<'a>) {
        for (_, name) in placeholders_in(say) {
            if !PLACEHOLDERS.contains(&name) {
                let span = Self::span_of(fields, "say");
                self.problem(
                    span,
                    format!(
                        "\"say\": unknown placeholder {{{name}}} (known: {})",
                        PLACEHOLDERS.join(", ")
                    ),
                );
            }
        }
    }

    fn sensed(&mut self, fields: &Fields<'a>, at: &Range<usize>) -> Option<SensedCondition> {
        let Some((_, value)) = fields.get("sensed").cloned() else {
            self.problem(
                Some(at.clone()),
                "a sensed step needs sensed = { metric = …, above|below = …, for = … }",
            );
            return None;
        };
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.problem(
                Some(span),
                "\"sensed\" is a table: { metric = …, above = … }",
            );
            return None;
        };
        let f = self.fields(table, &SENSED_KEYS, "a sensed condition");
        let metric_name: String = self.required(&f, "metric", &span, "a sensed condition")?;
        let Some(metric) = Metric::from_name(&metric_name).filter(|m| m.can_be_sensed()) else {
            let span = Self::span_of(&f, "metric");
            self.problem(
                span,
                format!("\"metric\": {metric_name:?} cannot be sensed"),
            );
            return None;
        };
        let scope: String = self.get(&f, "scope").unwrap_or_else(|| "floor".into());
        let on_queue = match scope.as_str() {
            "floor" => false,
            "queue" => true,
            other => {
                let span = Self::span_of(&f, "scope");
                self.problem(
                    span,
                    format!("\"scope\": {other:?} (expected floor or queue)"),
                );
                false
            }
        };
        let (direction, level) = match (self.get::<f64>(&f, "above"), self.get::<f64>(&f, "below"))
        {
            (Some(level), None) => (Direction::Above, level),
            (None, Some(level)) => (Direction::Below, level),
            _ => {
                self.problem(
                    Some(span),
                    "a sensed condition needs exactly one of above = … or below = …",
                );
                return None;
            }
        };
        let hold_for = match self.get::<String>(&f, "for") {
            None => Duration::ZERO,
            Some(text) => match humantime::parse_duration(&text) {
                Ok(d) => d,
                Err(e) => {
                    let span = Self::span_of(&f, "for");
                    self.problem(span, format!("\"for\": {text:?} is not a duration ({e})"));
                    return None;
                }
            },
        };
        Some(SensedCondition {
            metric,
            on_queue,
            direction,
            level,
            hold_for,
        })
    }

    /// Every branch names a later step, and no step is in two branches.
    fn check_branches(&mut self, checklist: &Checklist, fields: &Fields<'a>) {
        let steps_span = Self::span_of(fields, "steps");
        let mut claimed: HashSet<&str> = HashSet::new();
        for (index, step) in checklist.steps.iter().enumerate() {
            let StepKind::Conditional { yes, no } = &step.kind else {
                continue;
            };
            for id in yes.iter().chain(no) {
                let later = checklist.steps.iter().skip(index + 1).any(|s| &s.id == id);
                if !later {
                    self.problem(
                        steps_span.clone(),
                        format!(
                            "step \"{}\": branch names \"{id}\", which is not a later step",
                            step.id
                        ),
                    );
                }
                if !claimed.insert(id) {
                    self.problem(
                        steps_span.clone(),
                        format!("step \"{id}\" is in two branches"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "mini"
title = "Mini"
version = 2
effective = "2026-11-01"

[[steps]]
id = "tell"
kind = "manual"
title = "Tell the site director"
owner = "floor manager"
who = "site director"
how = "phone"
when = "5m"
response = "Site director: INFORMED"
say = "{queue} at {service_level}; next update {next_update}."

[[steps]]
id = "long"
kind = "conditional"
title = "Longer than 30 minutes?"
owner = "floor manager"
when = "10m"
response = "Expected duration: KNOWN"
yes = ["partner"]

[[steps]]
id = "partner"
kind = "manual"
title = "Overflow to the partner"
owner = "WFM"
when = "20m"
response = "Overflow to partner: ON"

[[steps]]
id = "back"
kind = "sensed"
title = "SL back above 75 %"
owner = "floor manager"
when = "60m"
response = "Floor SL: ABOVE 75 %"
sensed = { metric = "service_level", above = 0.75, for = "5m" }
"#;

    #[test]
    fn a_good_file_reads_into_every_step_kind() {
        let checklist = parse_checklist(GOOD, "mini.toml").unwrap();
        assert_eq!((checklist.id.as_str(), checklist.version), ("mini", 2));
        assert_eq!(checklist.steps.len(), 4);
        assert_eq!(checklist.steps[0].how, Some(Channel::Phone));
        assert_eq!(checklist.steps[0].when, Duration::from_secs(300));
        assert!(matches!(
            checklist.steps[1].kind,
            StepKind::Conditional { .. }
        ));
        let StepKind::Sensed(sensed) = &checklist.steps[3].kind else {
            panic!()
        };
        assert_eq!(
            (sensed.metric, sensed.level, sensed.hold_for.as_secs()),
            (Metric::ServiceLevel, 0.75, 300)
        );
        assert!(!sensed.on_queue, "the floor by default");
    }

    #[test]
    fn every_mistake_is_reported_on_its_line() {
        let bad = GOOD
            .replace(
                "kind = \"manual\"\ntitle = \"Tell",
                "kind = \"memo\"\ntitle = \"Tell",
            )
            .replace("Overflow to partner: ON", "done")
            .replace("{next_update}", "{next_updte}")
            .replace("yes = [\"partner\"]", "yes = [\"partner\", \"nowhere\"]")
            .replace("how = \"phone\"", "how = \"fax\"");
        let e = parse_checklist(&bad, "bad.toml").unwrap_err();
        let shown: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
        let has = |line: usize, words: &str| {
            shown
                .iter()
                .any(|p| p.starts_with(&format!("bad.toml:{line}:")) && p.contains(words))
        };
        assert!(has(9, "unknown step kind \"memo\""), "{shown:#?}");
        assert!(has(13, "unknown channel \"fax\""), "{shown:#?}");
        assert!(has(16, "{next_updte}"), "{shown:#?}");
        assert!(has(33, "says nothing"), "{shown:#?}");
        assert!(
            shown
                .iter()
                .any(|p| p.contains("\"nowhere\", which is not a later step")),
            "{shown:#?}"
        );
    }

    #[test]
    fn a_metric_no_step_can_watch_is_refused_where_it_is_named() {
        for metric in ["reason_jump", "site_agents_lost", "no_agent_available"] {
            let unwatchable = GOOD.replace(
                "metric = \"service_level\", above = 0.75",
                &format!("metric = \"{metric}\", above = 0.75"),
            );
            let e = parse_checklist(&unwatchable, "u.toml").unwrap_err();
            let shown: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
            assert!(
                shown.iter().any(|p| p.starts_with("u.toml:42:")
                    && p.contains(&format!("{metric:?} cannot be sensed"))),
                "{shown:#?}"
            );
        }
    }

    #[test]
    fn exclusive_groups_need_two_questions_and_belong_to_questions() {
        let lonely = GOOD.replace(
            "yes = [\"partner\"]",
            "yes = [\"partner\"]\ngroup = \"cause\"",
        );
        let e = parse_checklist(&lonely, "g.toml").unwrap_err();
        assert!(
            e.problems
                .iter()
                .any(|p| p.to_string().starts_with("g.toml:26:")
                    && p.to_string().contains("group \"cause\" has one question")),
            "{e}"
        );
        let misplaced = GOOD.replace(
            "response = \"Overflow to partner: ON\"",
            "response = \"Overflow to partner: ON\"\ngroup = \"cause\"",
        );
        let e = parse_checklist(&misplaced, "m.toml").unwrap_err();
        assert!(
            e.to_string()
                .contains("\"group\" does not apply to a manual step"),
            "{e}"
        );
    }

    #[test]
    fn inhibits_name_other_checklists_that_exist() {
        let selfish = GOOD.replace(
            "effective = \"2026-11-01\"",
            "effective = \"2026-11-01\"\ninhibits = [\"mini\"]",
        );
        let e = parse_checklist(&selfish, "s.toml").unwrap_err();
        assert!(e.to_string().contains("cannot inhibit itself"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mini.toml"),
            GOOD.replace(
                "effective = \"2026-11-01\"",
                "effective = \"2026-11-01\"\ninhibits = [\"traffic-surge\", \"no-such-plan\"]",
            ),
        )
        .unwrap();
        let (catalog, problems) = ChecklistCatalog::with_user_dir(dir.path());
        assert_eq!(
            catalog.get("mini").unwrap().inhibits,
            ["traffic-surge", "no-such-plan"]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("\"no-such-plan\""), "{problems:?}");
        assert!(ChecklistCatalog::builtin().unknown_inhibits().is_empty());
    }

    #[test]
    fn a_user_file_replaces_the_shipped_one_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("traffic-surge.toml"),
            GOOD.replace("\"mini\"", "\"traffic-surge\""),
        )
        .unwrap();
        std::fs::write(dir.path().join("broken.toml"), "id = 3").unwrap();
        let (catalog, problems) = ChecklistCatalog::with_user_dir(dir.path());
        assert_eq!(catalog.get("traffic-surge").unwrap().title, "Mini");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("broken.toml"), "{problems:?}");
    }
}
