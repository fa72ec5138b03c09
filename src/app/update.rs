//! `update`: the one place the console's state changes.

use std::time::Duration;

use super::incident;
use super::keymap::{self, Action, Context, Key};
use super::notice;
use super::state::{AppState, Prompt, Screen};
use super::text::fill;
use super::view::{self, context};
use super::{Effect, Msg};
use crate::engine::Window;
use crate::engine::rules::{AlertEvent, Severity};
use crate::model::{QueueId, Timestamp};

/// How long `z` quiets an alert (shown in the prompt).
pub const SNOOZE_FOR: Duration = Duration::from_secs(30 * 60);

/// What an update asks of the shell.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Something visible changed: draw a frame.
    pub redraw: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    fn redraw() -> Self {
        Outcome {
            redraw: true,
            effects: vec![],
        }
    }
    fn unchanged() -> Self {
        Outcome::default()
    }
}

pub fn update(state: &mut AppState, msg: Msg) -> Outcome {
    let cursor = view::alert_cursor(state);
    let notice_before = state.view.notice.clone();
    if matches!(msg, Msg::KeyPressed(_) | Msg::KeyPressedAt { .. }) {
        notice::key_pressed(state);
    }
    let screen_before = state.view.screen.clone();
    let mut outcome = handle(state, msg);
    state.view.rest_pane_if_moved(&screen_before);
    outcome.redraw |= super::follow::follow(state, cursor);
    outcome.redraw |= state.view.notice != notice_before;
    outcome
}

fn handle(state: &mut AppState, msg: Msg) -> Outcome {
    match msg {
        Msg::KeyPressed(key) => {
            state.view.last_key_at = Some(state.wall_now);
            on_key(state, key, state.wall_now)
        }
        Msg::KeyPressedAt { key, at } => {
            state.view.last_key_at = state.view.last_key_at.max(Some(at));
            on_key(state, key, at)
        }
        Msg::FloorObserved { snapshot, at } => {
            state.floor.observe(snapshot, at);
            state.wall_now = state.wall_now.max(at);
            let mut outcome = Outcome::redraw();
            outcome.effects.extend(evaluate_rules(state));
            outcome.effects.extend(incident::sense::sense_all(state));
            outcome.effects.extend(minute_to_record(state));
            outcome
        }
        Msg::PollFailed { at, failure } => {
            state.floor.observe_failure(at, failure);
            let mut outcome = Outcome::redraw();
            outcome.effects.extend(evaluate_rules(state));
            outcome
        }
        Msg::Ticked(now) => on_tick(state, now),
        Msg::Resized { rows } => {
            // A page of rows is what the queue table shows below the
            // header, the tiles and the column titles.
            state.view.page_rows = usize::from(rows.saturating_sub(8)).max(1);
            Outcome::redraw()
        }
        Msg::Saved { local, seq } => {
            incident::persist::saved(state, local, seq);
            Outcome::redraw()
        }
        Msg::AuditSaved { seq } => {
            state.saving.audited(seq);
            Outcome::redraw()
        }
        Msg::SaveFailed {
            reason,
            held,
            dropped,
        } => {
            state.saving.failed(reason, held, dropped);
            Outcome::redraw()
        }
        Msg::SavingAgain => {
            // A console that started live-only restored nothing from the directory.
            if state.saving.live_only {
                state.view.notice = Some(state.texts.saving.usable_late.into());
            }
            state.saving.writing_again();
            Outcome::redraw()
        }
        Msg::Command(line) => with_effects(incident::command::command(state, &line)),
        Msg::StoreUnavailable { why, will_retry } => {
            state.saving = super::saving::Saving::live_only(why, will_retry);
            Outcome::redraw()
        }
        Msg::Restored { incidents, broken } => {
            incident::restore::restore(state, incidents, &broken);
            Outcome::redraw()
        }
    }
}

fn on_tick(state: &mut AppState, now: Timestamp) -> Outcome {
    let shown_before = state.wall_now.local_hms(state.view.utc_offset_s);
    let health_before = state.floor.health(state.wall_now);
    state.wall_now = now;
    let alerts_before = state.rules.book().all().len();
    let effects = evaluate_rules(state);
    let changed = shown_before != now.local_hms(state.view.utc_offset_s)
        || health_before != state.floor.health(now)
        || alerts_before != state.rules.book().all().len()
        || !effects.is_empty();
    Outcome {
        redraw: changed,
        effects,
    }
}

/// Runs the rules; a new critical alert rings the bell (once, however many fire).
fn evaluate_rules(state: &mut AppState) -> Vec<Effect> {
    let events = state.rules.evaluate(&state.floor, state.wall_now);
    let mut effects = Vec::new();
    for event in &events {
        let AlertEvent::Fired(id) = event else {
            continue;
        };
        let Some(alert) = state.rules.book().get(*id).cloned() else {
            continue;
        };
        let description = super::record::alert_words(state.texts, &alert);
        effects.extend(incident::open::open_for_alert(state, &alert, description));
    }
    let new_critical = events.iter().any(|event| match event {
        AlertEvent::Fired(id) => state
            .rules
            .book()
            .get(*id)
            .is_some_and(|a| a.rule.severity == Severity::Critical),
        AlertEvent::Resolved(_) => false,
    });
    if new_critical && state.view.bell_on_critical {
        effects.insert(0, Effect::RingBell);
    }
    effects
}

fn on_key(state: &mut AppState, key: Key, at: Timestamp) -> Outcome {
    if state.view.prompt.is_some() {
        return edit_prompt(state, key);
    }
    if state.view.filter_editing {
        return edit_filter(state, key);
    }
    if state.view.help_open {
        if matches!(key, Key::Esc | Key::Char('?' | 'q') | Key::F(1)) {
            state.view.help_open = false;
            return Outcome::redraw();
        }
        if key == Key::Ctrl('c') {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        return scroll_help(state, key);
    }
    let action = keymap::action_for(key, context(state));
    if incident::hold::holds_back(state, action, at) {
        return Outcome::redraw();
    }
    match action {
        Some(action) => perform(state, action),
        None => Outcome::unchanged(),
    }
}

fn perform(state: &mut AppState, action: Action) -> Outcome {
    match action {
        Action::Quit => {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        Action::ToggleHelp => {
            state.view.help_open = !state.view.help_open;
            state.view.help_scroll = 0;
        }
        Action::ScrollUp => scroll_pane(state, false),
        Action::ScrollDown => scroll_pane(state, true),
        Action::Back => back(state),
        Action::MoveUp => move_by(state, -1),
        Action::MoveDown => move_by(state, 1),
        Action::PageUp => move_by(state, -page(state)),
        Action::PageDown => move_by(state, page(state)),
        Action::Top => move_by(state, isize::MIN / 2),
        Action::Bottom => move_by(state, isize::MAX / 2),
        Action::Open => open_selected(state),
        Action::StartFilter => state.view.filter_editing = true,
        Action::CycleSort => state.view.sort = state.view.sort.next(),
        Action::ReverseSort => state.view.sort_reversed = !state.view.sort_reversed,
        Action::CycleWindow => state.view.window = Window::next(state.view.window),
        Action::ClearFilter => state.view.filter.clear(),
        Action::ShowWallboard => state.view.screen = Screen::Wallboard,
        Action::ShowAlerts => {
            // Sorted afresh on the way in (and by 2 again); kept while it is open.
            state.view.alerts_seen.clear();
            state.view.screen = Screen::Alerts { selected: 0 };
            state.view.alerts_seen = view::alert_rows(state)
                .iter()
                .filter_map(view::AlertRow::actionable)
                .collect();
        }
        Action::Acknowledge => return with_effects(acknowledge_selected(state)),
        Action::ShowChecklist => show_checklist(state),
        Action::CompleteStep => return with_effects(incident::step::act_on_step(state)),
        Action::OverrideStep => incident::step::ask_override(state, false),
        Action::OverrideChecklist => incident::step::ask_override(state, true),
        Action::NextInQueue => incident::queue::step_through(state, true),
        Action::ShowReasons => state.view.screen = Screen::Reasons { queue: None },
        Action::ShowSites => state.view.screen = Screen::Sites,
        Action::NextScope => next_reason_scope(state),
        Action::PreviousInQueue => incident::queue::step_through(state, false),
        Action::AddNote => {
            if let Screen::Checklist { incident, .. } = state.view.screen {
                state.view.prompt = Some(Prompt::Note {
                    incident,
                    text: String::new(),
                });
            }
        }
        Action::Undo => return with_effects(incident::step::undo(state)),
        Action::StartCommand => {
            state.view.prompt = Some(Prompt::Command {
                text: String::new(),
            })
        }
        Action::ToggleTimeline => {
            state.view.show_timeline = !state.view.show_timeline;
            state.view.pane_scroll = 0;
        }
        Action::CopyMessage => return with_effects(incident::copy::copy_message(state)),
        Action::Snooze => {
            if let Some(alert) = selected_alert(state) {
                state.view.prompt = Some(Prompt::SnoozeReason {
                    alert,
                    text: String::new(),
                });
            }
        }
    }
    Outcome::redraw()
}

/// Lines the checklist's lower pane moves by. Its four rows hold two lines
/// wrapped at 80 columns: moving by more would pass over a line unseen.
const PANE_STEP: usize = 2;

/// PgDn and PgUp on the checklist view: the step's message, or the timeline,
/// moves; the cursor stays on its step. The timeline rests on its newest
/// entry, so up goes back in time.
fn scroll_pane(state: &mut AppState, down: bool) {
    let further = down != state.view.show_timeline;
    let most = view::pane_lines(state).saturating_sub(1);
    state.view.pane_scroll = if further {
        (state.view.pane_scroll + PANE_STEP).min(most)
    } else {
        state.view.pane_scroll.saturating_sub(PANE_STEP)
    };
}

/// While help is open the movement keys scroll it; every other key is ignored.
fn scroll_help(state: &mut AppState, key: Key) -> Outcome {
    let most = view::help_lines(state).saturating_sub(1);
    let page = state.view.page_rows.max(1);
    let scroll = state.view.help_scroll;
    state.view.help_scroll = match keymap::action_for(key, Context::Everywhere) {
        Some(Action::MoveDown) => scroll + 1,
        Some(Action::MoveUp) => scroll.saturating_sub(1),
        Some(Action::PageDown) => scroll + page,
        Some(Action::PageUp) => scroll.saturating_sub(page),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => most,
        _ => return Outcome::unchanged(),
    }
    .min(most);
    Outcome::redraw()
}

fn page(state: &AppState) -> isize {
    isize::try_from(state.view.page_rows.max(1)).unwrap_or(1)
}

fn back(state: &mut AppState) {
    state.view.screen = Screen::Wallboard;
}

fn with_effects(effects: Vec<Effect>) -> Outcome {
    Outcome {
        redraw: true,
        effects,
    }
}

/// The checklist at the top of the queue; with none waiting, the newest
/// open incident's (or the newest of all).
fn show_checklist(state: &mut AppState) {
    let top = incident::queue::queue(state).first().copied();
    let newest_open = state.incidents.iter().rposition(|i| i.is_open());
    match top.or(newest_open).or(state.incidents.len().checked_sub(1)) {
        Some(incident) => incident::queue::show(state, incident),
        None => state.view.notice = Some(state.texts.incidents.no_incident_yet.into()),
    }
}

/// Tab on the reasons view: the floor, then each queue in turn, then the floor again.
fn next_reason_scope(state: &mut AppState) {
    let Screen::Reasons { queue } = &state.view.screen else {
        return;
    };
    let ids: Vec<QueueId> = state
        .floor
        .queues()
        .map(|q| q.observation.id.clone())
        .collect();
    let next = match queue {
        None => ids.first().cloned(),
        Some(current) => ids
            .iter()
            .position(|id| id == current)
            .and_then(|i| ids.get(i + 1).cloned()),
    };
    state.view.screen = Screen::Reasons { queue: next };
}

fn move_by(state: &mut AppState, delta: isize) {
    if let Screen::Checklist { incident, selected } = state.view.screen {
        let steps = state
            .incidents
            .get(incident)
            .map_or(0, |i| i.run.checklist().steps.len());
        state.view.screen = Screen::Checklist {
            incident,
            selected: selected
                .saturating_add_signed(delta)
                .min(steps.saturating_sub(1)),
        };
        return;
    }
    if let Screen::Alerts { selected } = state.view.screen {
        let last = view::alert_rows(state).len().saturating_sub(1);
        state.view.screen = Screen::Alerts {
            selected: selected.saturating_add_signed(delta).min(last),
        };
        return;
    }
    match &mut state.view.screen {
        Screen::Alerts { .. }
        | Screen::Checklist { .. }
        | Screen::Reasons { .. }
        | Screen::Sites => {}
        Screen::QueueDetail { scroll, .. } => {
            *scroll = scroll.saturating_add_signed(delta).min(10_000);
        }
        Screen::Wallboard => {
            view::refresh_order(state);
            let order = view::wallboard_order(state);
            let Some(current) = view::selected_position(&order, state) else {
                return;
            };
            let index = order[current.saturating_add_signed(delta).min(order.len() - 1)];
            drop(order);
            state.view.selected = selected_id(state, index);
        }
    }
}

fn open_selected(state: &mut AppState) {
    view::refresh_order(state);
    let order = view::wallboard_order(state);
    let Some(position) = view::selected_position(&order, state) else {
        return;
    };
    let index = order[position];
    drop(order);
    let Some(queue) = selected_id(state, index) else {
        return;
    };
    state.view.selected = Some(queue.clone());
    state.view.screen = Screen::QueueDetail { queue, scroll: 0 };
}

/// The id of the queue at `index` in the snapshot.
fn selected_id(state: &AppState, index: usize) -> Option<QueueId> {
    state
        .floor
        .queue_at(index)
        .map(|q| q.observation.id.clone())
}

fn edit_filter(state: &mut AppState, key: Key) -> Outcome {
    match key {
        Key::Enter | Key::Esc => state.view.filter_editing = false,
        Key::Backspace => {
            state.view.filter.pop();
        }
        Key::Ctrl('u') => state.view.filter.clear(),
        Key::Ctrl('c') => {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        Key::Char(c) if !c.is_control() && state.view.filter.chars().count() < 64 => {
            state.view.filter.push(c)
        }
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}

/// The firing alert under the cursor in the alerts view.
fn selected_alert(state: &AppState) -> Option<crate::engine::rules::AlertId> {
    let Screen::Alerts { selected } = state.view.screen else {
        return None;
    };
    view::alert_rows(state).get(selected)?.actionable()
}

fn acknowledge_selected(state: &mut AppState) -> Vec<Effect> {
    let Some(alert) = selected_alert(state) else {
        return Vec::new();
    };
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    if !state.rules.book_mut().acknowledge(alert, &who, now) {
        // A second Space stays on the alert it acknowledged: say so, change nothing.
        state.view.notice = Some(state.texts.guards.already_acknowledged.into());
        return Vec::new();
    }
    let detail = alert_label(state, alert);
    vec![state.saving.audit_acknowledged(alert, detail)]
}

fn alert_label(state: &AppState, id: crate::engine::rules::AlertId) -> String {
    state.rules.book().get(id).map_or_else(String::new, |a| {
        let value = format!("{:.3}", a.tripped_value);
        fill(
            state.texts.audit.alert,
            &[&id.to_string(), &a.rule.id, a.subject.label(), &value],
        )
    })
}

/// When the platform's clock enters a new minute: the last one's figures, for the history.
fn minute_to_record(state: &mut AppState) -> Vec<Effect> {
    let Some(now) = state.floor.platform_time() else {
        return Vec::new();
    };
    let minute = now.floor_to(Duration::from_secs(60), 0);
    if state.recorded_minute == Some(minute) {
        return Vec::new();
    }
    state.recorded_minute = Some(minute);
    let rows = state
        .floor
        .queues()
        .map(|q| {
            let c = &q.observation.counters;
            crate::app::MinuteRow {
                queue: q.observation.id.0.clone(),
                waiting: q.observation.waiting,
                longest_wait_s: q.observation.longest_wait_s,
                service_level: q.figures(Window::Interval).service_level,
                offered: c.offered,
                answered: c.answered,
                abandoned: c.abandoned,
            }
        })
        .collect();
    vec![Effect::RecordMinute { minute, rows }]
}

/// A typed line: Enter uses it (a reason is required), Esc gives up.
fn edit_prompt(state: &mut AppState, key: Key) -> Outcome {
    match state.view.prompt.clone() {
        Some(Prompt::Answer { incident, step }) => {
            return answer_prompt(state, key, incident, step);
        }
        Some(Prompt::ConfirmOverride { incident, step }) => {
            return confirm_override(state, key, incident, step);
        }
        Some(Prompt::ConfirmStep { incident, step }) => {
            let confirmed = matches!(key, Key::Enter | Key::Char(' '));
            return with_effects(incident::hold::confirm(state, confirmed, incident, step));
        }
        Some(Prompt::ConfirmAgainstFigures { incident, act }) => {
            return confirm_against_figures(state, key, incident, act);
        }
        Some(
            Prompt::OverrideReason { .. }
            | Prompt::Note { .. }
            | Prompt::Command { .. }
            | Prompt::AgainstFiguresReason { .. },
        ) => {
            return edit_incident_prompt(state, key);
        }
        _ => {}
    }
    let Some(Prompt::SnoozeReason { alert, text }) = &mut state.view.prompt else {
        return Outcome::unchanged();
    };
    match key {
        Key::Esc => state.view.prompt = None,
        Key::Enter if !text.trim().is_empty() => {
            let (alert, reason) = (*alert, text.clone());
            let (who, now) = (state.view.operator.clone(), state.wall_now);
            let snoozed = state
                .rules
                .book_mut()
                .snooze(alert, &who, now, SNOOZE_FOR, &reason);
            state.view.prompt = None;
            if snoozed {
                let detail = fill(
                    state.texts.audit.snoozed,
                    &[&alert_label(state, alert), &reason],
                );
                return with_effects(vec![state.saving.audit_snoozed(alert, detail)]);
            }
        }
        Key::Backspace => {
            text.pop();
        }
        Key::Ctrl('u') => text.clear(),
        Key::Ctrl('c') => {
            return Outcome {
                redraw: false,
                effects: vec![Effect::Quit],
            };
        }
        Key::Char(c) if !c.is_control() && text.chars().count() < 200 => text.push(c),
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}

/// `y` or `n` answers the question; Esc leaves it open.
fn answer_prompt(state: &mut AppState, key: Key, incident: usize, step: usize) -> Outcome {
    let yes = match key {
        Key::Char('y' | 'Y') => true,
        Key::Char('n' | 'N') => false,
        Key::Esc => {
            state.view.prompt = None;
            return Outcome::redraw();
        }
        _ => return Outcome::unchanged(),
    };
    state.view.prompt = None;
    with_effects(incident::step::answer(state, incident, step, yes))
}

/// The second step of an override: the same key again goes on to the
/// reason; any other key cancels.
fn confirm_override(
    state: &mut AppState,
    key: Key,
    incident: usize,
    step: Option<usize>,
) -> Outcome {
    let confirming = if step.is_some() { 's' } else { 'S' };
    state.view.prompt = if key == Key::Char(confirming) {
        Some(Prompt::OverrideReason {
            incident,
            step,
            text: String::new(),
        })
    } else {
        state.view.notice = Some(state.texts.checklist.override_cancelled.into());
        None
    };
    Outcome::redraw()
}

/// Going against the figures is confirmed as an override is: the acting
/// key again (Enter or Space) goes on to the reason; any other key cancels.
fn confirm_against_figures(
    state: &mut AppState,
    key: Key,
    incident: usize,
    act: super::AgainstFigures,
) -> Outcome {
    state.view.prompt = if matches!(key, Key::Enter | Key::Char(' ')) {
        Some(Prompt::AgainstFiguresReason {
            incident,
            act,
            text: String::new(),
        })
    } else {
        state.view.notice = Some(state.texts.guards.against_cancelled.into());
        None
    };
    Outcome::redraw()
}

/// An override reason, a note or a `:` command being typed.
fn edit_incident_prompt(state: &mut AppState, key: Key) -> Outcome {
    let text = match &mut state.view.prompt {
        Some(
            Prompt::OverrideReason { text, .. }
            | Prompt::Note { text, .. }
            | Prompt::Command { text }
            | Prompt::AgainstFiguresReason { text, .. },
        ) => text,
        _ => return Outcome::unchanged(),
    };
    match key {
        Key::Esc => state.view.prompt = None,
        Key::Enter if !text.trim().is_empty() => {
            let prompt = state.view.prompt.take();
            let effects = match prompt {
                Some(Prompt::OverrideReason {
                    incident,
                    step,
                    text,
                }) => incident::step::override_with_reason(state, incident, step, &text),
                Some(Prompt::Note { incident, text }) => {
                    incident::note::note(state, incident, &text)
                }
                Some(Prompt::Command { text }) => incident::command::command(state, &text),
                Some(Prompt::AgainstFiguresReason {
                    incident,
                    act,
                    text,
                }) => incident::recovery::go_against(state, incident, &act, &text),
                _ => Vec::new(),
            };
            return with_effects(effects);
        }
        Key::Backspace => {
            text.pop();
        }
        Key::Ctrl('u') => text.clear(),
        Key::Char(c) if !c.is_control() && text.chars().count() < 500 => text.push(c),
        _ => return Outcome::unchanged(),
    }
    Outcome::redraw()
}
