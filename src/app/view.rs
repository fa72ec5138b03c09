//! View models: what the screens show, derived from state without any drawing,
//! so the ordering, filtering and alert wording are testable without ratatui.

use std::collections::{BTreeMap, HashSet};

use super::keymap::Context;
use super::order::{Filter, KeysFor, OrderFor, RowKey, compare};
use super::state::{AppState, Screen};
use crate::engine::checklist::Impact;
use crate::engine::rules::{Alert, AlertId, Metric, PendingAlert, Subject};
use crate::engine::{QueueStatus, QueueView, StatusReason, WindowFigures};

/// One wallboard row.
pub struct QueueRow<'a> {
    pub queue: QueueView<'a>,
    /// What the row shows: the queue's own status, or `Stale` when the data is.
    pub status: QueueStatus,
    pub reason: Option<StatusReason>,
    pub figures: WindowFigures,
}

/// Whether the figures on screen are current.
pub fn is_live(state: &AppState) -> bool {
    state.floor.is_live(state.wall_now)
}

/// The queues the wallboard shows, filtered and sorted as the operator asked.
pub fn wallboard_rows(state: &AppState) -> Vec<QueueRow<'_>> {
    wallboard_order(state)
        .iter()
        .filter_map(|&index| wallboard_row(state, index))
        .collect()
}

/// One wallboard row: the queue at `index` in the snapshot, with its figures.
pub fn wallboard_row(state: &AppState, index: usize) -> Option<QueueRow<'_>> {
    let queue = state.floor.queue_at(index)?;
    let (status, reason) = queue.status_at(state.view.window, state.wall_now);
    Some(QueueRow {
        status,
        reason,
        figures: queue.figures(state.view.window),
        queue,
    })
}

/// The wallboard's queues as places in the snapshot, filtered and sorted:
/// kept in the state by `refresh_order` after each update, so a key press
/// or a frame on a floor of many queues neither recomputes every queue's
/// figures nor sorts them again. Worked out here when not kept (a state
/// built without `update`).
pub fn wallboard_order(state: &AppState) -> std::borrow::Cow<'_, [usize]> {
    let order = &state.view.order;
    if order.keys_for == Some(keys_for(state)) && order.order_for == Some(order_for(state)) {
        return std::borrow::Cow::Borrowed(&order.order);
    }
    let keys = if order.keys_for == Some(keys_for(state)) {
        std::borrow::Cow::Borrowed(&order.keys)
    } else {
        std::borrow::Cow::Owned(row_keys(state))
    };
    std::borrow::Cow::Owned(sorted(state, &keys))
}

/// Brings the kept order up to date with the floor, the sort and the filter.
pub fn refresh_order(state: &mut AppState) {
    let keys_for = keys_for(state);
    let order_for = order_for(state);
    if state.view.order.keys_for != Some(keys_for) {
        state.view.order.keys = row_keys(state);
        state.view.order.keys_for = Some(keys_for);
        state.view.order.order_for = None;
    }
    if state.view.order.order_for.as_ref() != Some(&order_for) {
        state.view.order.order = sorted(state, &state.view.order.keys);
        state.view.order.order_for = Some(order_for);
    }
}

/// Where the selection sits in the wallboard's order; the first row when
/// nothing (or a queue filtered out) is selected.
pub fn selected_position(order: &[usize], state: &AppState) -> Option<usize> {
    if order.is_empty() {
        return None;
    }
    let index = state
        .view
        .selected
        .as_ref()
        .and_then(|id| state.floor.index_of(id));
    let found = index.and_then(|index| order.iter().position(|i| *i == index));
    Some(found.unwrap_or(0))
}

fn keys_for(state: &AppState) -> KeysFor {
    KeysFor {
        generation: state.floor.generation(),
        live: is_live(state),
        window: state.view.window,
    }
}

fn order_for(state: &AppState) -> OrderFor {
    OrderFor {
        sort: state.view.sort,
        reversed: state.view.sort_reversed,
        filter: state.view.filter.clone(),
    }
}

fn row_keys(state: &AppState) -> Vec<RowKey> {
    (0..state.floor.snapshot().map_or(0, |s| s.queues.len()))
        .filter_map(|index| {
            let queue = state.floor.queue_at(index)?;
            let q = queue.observation;
            Some(RowKey {
                index,
                status: queue.status_at(state.view.window, state.wall_now).0,
                service_level: queue.figures(state.view.window).service_level,
                waiting: q.waiting,
                longest_wait_s: q.longest_wait_s,
                name: q.name.to_lowercase(),
                id: q.id.0.to_lowercase(),
            })
        })
        .collect()
}

fn sorted(state: &AppState, keys: &[RowKey]) -> Vec<usize> {
    let filter = Filter::parse(&state.view.filter);
    let mut rows: Vec<&RowKey> = keys
        .iter()
        .filter(|k| filter.matches(&k.name, &k.id))
        .collect();
    rows.sort_by(|a, b| {
        let order = compare(a, b, state.view.sort).then_with(|| a.name.cmp(&b.name));
        if state.view.sort_reversed {
            order.reverse()
        } else {
            order
        }
    });
    rows.into_iter().map(|k| k.index).collect()
}

/// Where the selection sits among `rows`; the first row when nothing is selected.
pub fn selected_index(rows: &[QueueRow<'_>], state: &AppState) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    let found = state
        .view
        .selected
        .as_ref()
        .and_then(|id| rows.iter().position(|r| &r.queue.observation.id == id));
    Some(found.unwrap_or(0))
}

/// Which key bindings apply now.
pub fn context(state: &AppState) -> Context {
    match state.view.screen {
        Screen::Wallboard => Context::Wallboard,
        Screen::QueueDetail { .. } => Context::Detail,
        Screen::Alerts { .. } => Context::Alerts,
        Screen::Checklist { .. } => Context::Checklist,
        Screen::Reasons { .. } => Context::Reasons,
        Screen::Sites => Context::Sites,
    }
}

/// One line of the alerts view.
pub enum AlertRow<'a> {
    Firing(&'a Alert),
    Pending(PendingAlert<'a>),
    Resolved(&'a Alert),
}

impl AlertRow<'_> {
    /// The alert the operator can act on (acknowledge, snooze): firing ones only.
    pub fn actionable(&self) -> Option<AlertId> {
        match self {
            AlertRow::Firing(alert) => Some(alert.id),
            _ => None,
        }
    }
}

/// Resolved alerts the view lists (the newest).
const RESOLVED_SHOWN: usize = 50;

/// Firing alerts (those still wanting attention first, then by severity),
/// pending conditions, then the latest resolved.
pub fn alert_rows(state: &AppState) -> Vec<AlertRow<'_>> {
    let now = state.wall_now;
    let mut firing: Vec<&Alert> = shown_firing(state).collect();
    // While the view is open the rows it first listed keep their places (an
    // acknowledged alert does not slide away from under the cursor, for the
    // next Space to land on another); alerts new since then come first.
    let places: std::collections::HashMap<AlertId, usize> = state
        .view
        .alerts_seen
        .iter()
        .enumerate()
        .map(|(place, id)| (*id, place))
        .collect();
    let seen_at = |alert: &Alert| places.get(&alert.id).copied();
    firing.sort_by(|a, b| {
        seen_at(a)
            .is_some()
            .cmp(&seen_at(b).is_some())
            .then(seen_at(a).cmp(&seen_at(b)))
            .then(b.wants_attention(now).cmp(&a.wants_attention(now)))
            .then(b.rule.severity.cmp(&a.rule.severity))
            .then(a.fired_at.cmp(&b.fired_at))
    });
    let mut resolved: Vec<&Alert> = state
        .rules
        .book()
        .all()
        .iter()
        .filter(|a| !a.is_firing())
        .collect();
    resolved.sort_by_key(|a| std::cmp::Reverse(a.resolved_at));
    firing
        .into_iter()
        .map(AlertRow::Firing)
        .chain(state.rules.pending().into_iter().map(AlertRow::Pending))
        .chain(
            resolved
                .into_iter()
                .take(RESOLVED_SHOWN)
                .map(AlertRow::Resolved),
        )
        .collect()
}

/// What the cursor of the alerts view is on: its place, and the alert there.
pub fn alert_cursor(state: &AppState) -> Option<(usize, Option<AlertId>)> {
    let Screen::Alerts { selected } = state.view.screen else {
        return None;
    };
    let rows = alert_rows(state);
    Some((selected, rows.get(selected).and_then(alert_row_id)))
}

/// After a message: a cursor the operator did not move stays on its alert,
/// wherever rows came or went around it.
pub fn keep_alert_cursor(state: &mut AppState, before: Option<(usize, Option<AlertId>)>) {
    if !matches!(state.view.screen, Screen::Alerts { .. }) {
        // Left the view: it sorts afresh next time.
        state.view.alerts_seen.clear();
        return;
    }
    let (Some((place, Some(id))), Screen::Alerts { selected }) = (before, &state.view.screen)
    else {
        return;
    };
    if *selected != place {
        return;
    }
    let found = alert_rows(state)
        .iter()
        .position(|row| alert_row_id(row) == Some(id));
    if let Some(found) = found {
        state.view.screen = Screen::Alerts { selected: found };
    }
}

fn alert_row_id(row: &AlertRow<'_>) -> Option<AlertId> {
    match row {
        AlertRow::Firing(alert) | AlertRow::Resolved(alert) => Some(alert.id),
        AlertRow::Pending(_) => None,
    }
}

/// Firing alerts, less the ones a more severe alert about the same figure of
/// the same subject already says (SL < 80 % adds nothing to SL < 70 %).
fn shown_firing(state: &AppState) -> impl Iterator<Item = &Alert> {
    let book = state.rules.book();
    // The most severe firing per subject and figure, found in one pass:
    // a large floor can have thousands of alerts firing.
    let mut worst: std::collections::HashMap<_, _> = std::collections::HashMap::new();
    for alert in book.firing() {
        let severity = worst
            .entry((&alert.subject, alert.rule.metric))
            .or_insert(alert.rule.severity);
        *severity = (*severity).max(alert.rule.severity);
    }
    book.firing().filter(move |alert| {
        worst.get(&(&alert.subject, alert.rule.metric)) == Some(&alert.rule.severity)
    })
}

/// The alert strip: firing alerts not snoozed, most severe first.
pub fn strip_alerts(state: &AppState) -> Vec<&Alert> {
    let mut alerts: Vec<&Alert> = shown_firing(state)
        .filter(|a| !a.is_snoozed(state.wall_now))
        .collect();
    alerts.sort_by(|a, b| {
        b.rule
            .severity
            .cmp(&a.rule.severity)
            .then(a.fired_at.cmp(&b.fired_at))
    });
    alerts
}

/// Why a queue is in warning or critical (queue detail says it in words).
pub struct StatusLine {
    pub queue: String,
    pub status: QueueStatus,
    pub reason: StatusReason,
}

/// A step's `say` with live values, or the placeholders that have none now.
pub fn step_message(state: &AppState, local: usize, step: usize) -> Result<String, Vec<String>> {
    let Some(incident) = state.incidents.get(local) else {
        return Err(vec!["incident".into()]);
    };
    let Some(say) = incident
        .run
        .checklist()
        .steps
        .get(step)
        .and_then(|s| s.say.as_ref())
    else {
        return Ok(String::new());
    };
    crate::engine::checklist::fill(say.trim(), &message_values(state, incident))
}

/// The values a step's message is filled with now, by placeholder: what
/// the record keeps of a copy besides its text.
pub fn step_message_values(
    state: &AppState,
    local: usize,
    step: usize,
) -> BTreeMap<String, String> {
    let Some(incident) = state.incidents.get(local) else {
        return BTreeMap::new();
    };
    let Some(say) = incident
        .run
        .checklist()
        .steps
        .get(step)
        .and_then(|s| s.say.as_ref())
    else {
        return BTreeMap::new();
    };
    let values = message_values(state, incident);
    crate::engine::checklist::placeholders_in(say)
        .into_iter()
        .filter_map(|(_, name)| Some((name.to_owned(), values.get(name)?.clone())))
        .collect()
}

/// The live values a message can name: the incident's queue when it has one, else the floor.
fn message_values(
    state: &AppState,
    incident: &super::incident::Incident,
) -> BTreeMap<&'static str, String> {
    let mut values = BTreeMap::new();
    let offset = state.view.utc_offset_s;
    let clock = |t: crate::model::Timestamp| {
        let (h, m, _) = t.local_hms(offset);
        format!("{h:02}:{m:02}")
    };
    let queue = incident
        .trigger
        .as_ref()
        .and_then(|t| t.queue.as_ref())
        .and_then(|id| state.floor.queue(id));
    // The incident's figures now, by the lookup its record is kept by: a
    // message says what the record says of the same moment.
    let on = queue.as_ref().map(|q| &q.observation.id);
    let figures = Impact::now(&state.floor, on, state.wall_now);
    let figure = |read: fn(&Impact) -> Option<f64>| figures.as_ref().and_then(read);
    let agents = state.floor.agents_on(on);
    let mut put = |key: &'static str, value: Option<String>| {
        if let Some(value) = value {
            values.insert(key, value);
        }
    };
    put(
        "queue",
        Some(queue.map_or_else(
            || state.texts.message.the_floor.to_owned(),
            |q| q.observation.name.clone(),
        )),
    );
    put(
        "service_level",
        figure(|f| f.service_level).map(super::record::percent),
    );
    put(
        "abandon_rate",
        figure(|f| f.abandon_rate).map(super::record::percent),
    );
    let waiting = figures.as_ref().and_then(|f| f.waiting);
    put("waiting", waiting.map(|w| w.to_string()));
    put(
        "longest_wait",
        figure(|f| f.longest_wait_s)
            .map(|s| format!("{}:{:02}", (s / 60.0).floor(), (s % 60.0).floor())),
    );
    put("agents_available", agents.map(|a| a.available.to_string()));
    put(
        "agents_logged_in",
        agents.map(|a| a.logged_in().to_string()),
    );
    let trigger = incident.trigger.as_ref();
    // Messages go to people: the rule by its name, its value as they read it.
    put(
        "trigger",
        trigger.map(|t| match t.metric {
            Some(metric) => super::record::rule_name(state.texts, metric).to_owned(),
            None => t.rule.clone(),
        }),
    );
    put(
        "value",
        trigger.map(|t| super::record::value_words(t.metric, t.value)),
    );
    put(
        "site",
        incident
            .site
            .clone()
            .or_else(|| trigger.map(|t| t.subject.clone())),
    );
    put("started_at", Some(clock(incident.run.started_at())));
    put("now", Some(clock(state.wall_now)));
    put(
        "next_update",
        Some(clock(
            state
                .wall_now
                .plus(crate::engine::checklist::NEXT_UPDATE_IN),
        )),
    );
    put(
        "platform",
        Some(
            state
                .floor
                .snapshot()
                .map_or_else(|| state.platform_label.clone(), |s| s.platform.name.clone()),
        ),
    );
    put("operator", Some(state.view.operator.clone()));
    // Names come from the platform and the environment: each value is one
    // clean line, so it can neither carry an escape sequence onto the
    // clipboard nor start a line of its own in the message.
    values
        .into_iter()
        .map(|(key, value)| (key, crate::untrusted::clean(&value).into_owned()))
        .collect()
}

/// The incident the operator must not lose sight of, for the line every view
/// shows while one is open: its plan, its current step, and when the next
/// status update is due.
pub struct Crisis<'a> {
    pub incident: &'a super::incident::Incident,
    /// The current step: its number in the list (from 1), the list's length, its title.
    pub step: Option<(usize, usize, &'a str)>,
    /// When the next status update is due.
    pub next_update: Option<crate::model::Timestamp>,
    /// How late that update is, in seconds, once it is.
    pub update_late_s: Option<f64>,
    /// The other incidents still open.
    pub others: usize,
}

/// The open incident to keep in view: the one on screen when the checklist
/// view shows an open one, else the top of the queue, else the newest open.
pub fn crisis(state: &AppState) -> Option<Crisis<'_>> {
    let on_screen = match state.view.screen {
        Screen::Checklist { incident, .. } => Some(incident),
        _ => None,
    };
    let open = |local: &usize| state.incidents.get(*local).is_some_and(|i| i.is_open());
    let local = on_screen
        .filter(open)
        .or_else(|| super::incident::queue::queue(state).first().copied())
        .or_else(|| state.incidents.iter().rposition(|i| i.is_open()))?;
    let incident = state.incidents.get(local)?;
    let run = &incident.run;
    let steps = &run.checklist().steps;
    let step = run.current().and_then(|at| {
        steps
            .get(at)
            .map(|s| (at + 1, steps.len(), s.title.as_str()))
    });
    let next_update = run.next_status_update();
    let update_late_s = run
        .seconds_to_status_update(state.wall_now)
        .map(|left| -left)
        .filter(|late| *late > 0.0);
    let open_count = state.incidents.iter().filter(|i| i.is_open()).count();
    Some(Crisis {
        incident,
        step,
        next_update,
        update_late_s,
        others: open_count.saturating_sub(1),
    })
}

/// The alerts the alert summary never hides among the rest: each that
/// opened an incident still open, by the figure and subject it is about, so
/// a louder alert saying the same is kept too. Worked out once per frame,
/// then looked up per alert: a large floor has thousands firing.
pub fn incident_openers(state: &AppState) -> HashSet<(&Subject, Metric)> {
    let triggers: HashSet<(&str, &str)> = state
        .incidents
        .iter()
        .filter(|i| i.is_open())
        .filter_map(|i| i.trigger.as_ref())
        .map(|t| (t.rule.as_str(), t.subject.as_str()))
        .collect();
    if triggers.is_empty() {
        return HashSet::new();
    }
    state
        .rules
        .book()
        .firing()
        .filter(|a| triggers.contains(&(a.rule.id.as_str(), a.subject.label())))
        .map(|a| (&a.subject, a.rule.metric))
        .collect()
}

/// Lines the checklist's lower pane holds unwrapped (the step's message, or
/// the timeline): how far it can scroll.
pub fn pane_lines(state: &AppState) -> usize {
    let Screen::Checklist { incident, selected } = state.view.screen else {
        return 0;
    };
    let Some(shown) = state.incidents.get(incident) else {
        return 0;
    };
    if state.view.show_timeline {
        return shown.run.actions().len();
    }
    step_message(state, incident, selected).map_or(1, |text| text.lines().count())
}

/// The keys help lists: those of this view, then the rest of the console's
/// (the wallboard's from the detail view, the detail view's from elsewhere).
pub fn help_bindings(state: &AppState) -> Vec<&'static super::keymap::Binding> {
    use super::keymap::{Context, action_for, bindings_for};
    let here = context(state);
    let other = if here == Context::Detail {
        Context::Wallboard
    } else {
        Context::Detail
    };
    // A key this view binds to something of its own does not do what it
    // does elsewhere here (PgDn scrolls the checklist's message).
    let shadowed = |b: &super::keymap::Binding| {
        b.keys
            .iter()
            .all(|k| action_for(*k, here) != Some(b.action))
    };
    bindings_for(here)
        .filter(|b| b.context != Context::Everywhere || !shadowed(b))
        .chain(bindings_for(other).filter(|b| b.context != Context::Everywhere))
        .collect()
}

/// Lines the help screen holds unwrapped (two columns of keys, a gap, the
/// symbols): how far it can scroll.
pub fn help_lines(state: &AppState) -> usize {
    help_bindings(state).len().div_ceil(2) + 1 + state.texts.misc.help_symbols.len()
}
