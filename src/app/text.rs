//! Every word the console shows, in one place, so that a translation (zh-CN
//! first) is a new table here and never a change to the views.
//!
//! Templates use `{0}`, `{1}` … placeholders, filled by [`fill`].

pub struct Texts {
    pub app_name: &'static str,
    pub health: HealthTexts,
    pub status: StatusTexts,
    pub tiles: TileTexts,
    pub columns: ColumnTexts,
    pub windows: WindowTexts,
    pub sorts: SortTexts,
    pub agent_states: AgentStateTexts,
    pub detail: DetailTexts,
    pub keys: KeyTexts,
    pub alerts: AlertTexts,
    pub checklist: ChecklistTexts,
    pub guards: GuardTexts,
    pub saving: SavingTexts,
    pub incidents: IncidentTexts,
    pub reasons: ReasonTexts,
    pub sites: SiteTexts,
    pub crisis: CrisisTexts,
    pub misc: MiscTexts,
    pub record: RecordTexts,
    pub serving: ServingTexts,
    pub key_names: KeyNameTexts,
    pub message: MessageTexts,
    pub audit: AuditTexts,
    pub staffing: StaffingTexts,
}

/// Why `floorwatch staffing` has no answer.
pub struct StaffingTexts {
    /// `{0}` the input, `{1}` the value given.
    pub not_positive: &'static str,
    /// `{0}` the target given.
    pub target: &'static str,
    /// `{0}` the most agents tried.
    pub unreachable: &'static str,
    /// `{0}` the offered load in erlangs, `{1}` the most worked out.
    pub too_large: &'static str,
}

/// How keys are written in the footer and help.
pub struct KeyNameTexts {
    pub space: &'static str,
    /// `{0}` the letter held with Ctrl.
    pub ctrl: &'static str,
    pub enter: &'static str,
    pub esc: &'static str,
    pub backspace: &'static str,
    pub tab: &'static str,
    pub back_tab: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
    pub home: &'static str,
    pub end: &'static str,
    /// `{0}` the function key's number.
    pub function: &'static str,
}

/// What a step's message is filled with, beyond the figures.
pub struct MessageTexts {
    /// `{queue}` when the incident is about no one queue.
    pub the_floor: &'static str,
    /// Starts every message copied in a drill, so that it can never be
    /// mistaken for a real one.
    pub drill_prefix: &'static str,
}

/// The details of the audit log's entries, as `floorwatch audit` prints them.
pub struct AuditTexts {
    /// `{0}` the checklist not opened, `{1}` the alert, `{2}` the plan inhibiting it.
    pub inhibited: &'static str,
    /// `{0}` the drill, `{1}` the checklist it rehearses.
    pub drill_started: &'static str,
    /// `{0}` the alert's number, `{1}` its rule, `{2}` its subject, `{3}` the value it fired at.
    pub alert: &'static str,
    /// `{0}` the alert (`alert` filled in), `{1}` the reason.
    pub snoozed: &'static str,
}

/// Why an action on a checklist was refused, steps named by their titles
/// (`{0}`, quoted) rather than the ids in the checklist file.
/// What the hub says of itself: where it serves, and who it still serves.
pub struct ServingTexts {
    /// A report asked of a hub with no store open.
    pub no_store: &'static str,
    /// The console runs its own hub, but no other console can attach ({0}: why).
    pub alone: &'static str,
    /// `floorwatch hub` on stderr: {0} the socket.
    pub serving: &'static str,
    /// The console that started the hub quit while others are attached: {0} how many, {1} who.
    pub still_serving: &'static str,
    /// Why a console that stopped reading was let go.
    pub dropped_behind: &'static str,
    /// A report asked of a hub that stopped before it answered.
    pub stopped_before_answering: &'static str,
}

pub struct RefusalTexts {
    pub no_step: &'static str,
    pub not_open: &'static str,
    pub is_question: &'static str,
    pub not_question: &'static str,
    pub reason_required: &'static str,
    pub earlier_step_open: &'static str,
    pub nothing_open: &'static str,
    pub nothing_to_undo: &'static str,
    pub closed: &'static str,
    /// `{0}` what does not replay (one of `replays`).
    pub replay: &'static str,
    pub replays: ReplayTexts,
}

/// Why an incident's record does not replay into its checklist.
pub struct ReplayTexts {
    pub no_actions: &'static str,
    pub first_not_start: &'static str,
    /// `{0}` the action's number.
    pub replays_differently: &'static str,
    /// `{0}` the step's id.
    pub no_step: &'static str,
    pub started_twice: &'static str,
}

/// The incident's record in floor language: the timeline, the review's
/// export, who opened it, and what `c` and `n` confirm.
pub struct RecordTexts {
    /// Who opened an incident a rule opened: `{0}` the rule's name.
    pub by_rule: &'static str,
    pub rule_names: RuleNameTexts,
    /// `{0}` characters copied.
    pub copied_pending: &'static str,
    /// `{0}` characters copied.
    pub copied_saved: &'static str,
    pub note_pending: &'static str,
    pub note_saved: &'static str,
    pub not_copied: &'static str,
    pub nothing_to_copy: &'static str,
    /// `{0}` why.
    pub copied_not_recorded: &'static str,
    pub refusals: RefusalTexts,
    pub started: &'static str,
    /// `{0}` the step.
    pub completed: &'static str,
    /// `{0}` the step, `{1}` why.
    pub overridden: &'static str,
    /// `{0}` why.
    pub overridden_all: &'static str,
    /// `{0}` the question, `{1}` the answer.
    pub answered: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    /// `{0}` the step, `{1}` the figure that showed it.
    pub sensed: &'static str,
    /// `{0}` the step, `{1}` the figure now.
    pub reopened: &'static str,
    /// `{0}` the note.
    pub note: &'static str,
    /// `{0}` what was undone, `{1}` when it was done.
    pub undone: &'static str,
    pub undone_unknown: &'static str,
    /// `{0}` the outcome.
    pub closed: &'static str,
    /// `{0}` the step, `{1}` to whom.
    pub copied: &'static str,
    /// `{0}` the figures.
    pub figures_start: &'static str,
    /// `{0}` the figures.
    pub figures_worst: &'static str,
    /// `{0}` the figures.
    pub figures_close: &'static str,
    /// What an undo took back, short: `{0}` the step.
    pub was_completed: &'static str,
    /// `{0}` the step.
    pub was_overridden: &'static str,
    pub was_overridden_all: &'static str,
    /// `{0}` the question, `{1}` the answer.
    pub was_answered: &'static str,
    /// `{0}` the note.
    pub was_note: &'static str,
    /// `{0}` service level.
    pub service_level: &'static str,
    /// `{0}` how many.
    pub waiting: &'static str,
    /// `{0}` how long.
    pub longest_wait: &'static str,
    /// `{0}` the share.
    pub abandon_rate: &'static str,
    pub no_figures: &'static str,
    pub anyone: &'static str,
    pub export: ExportTexts,
}

/// `floorwatch incidents export --format md`: the review's document.
pub struct ExportTexts {
    /// `{0}` the incident's number, `{1}` its title.
    pub heading: &'static str,
    pub drill: &'static str,
    /// `{0}` the checklist's id, `{1}` its version.
    pub checklist: &'static str,
    /// `{0}` local date and time, `{1}` UTC, `{2}` who (an operator, or a rule).
    pub opened: &'static str,
    /// `{0}` the alert in words.
    pub alert: &'static str,
    pub declared: &'static str,
    /// `{0}` the state.
    pub state: &'static str,
    /// `{0}` the outcome, `{1}` when.
    pub outcome: &'static str,
    /// `{0}` the queue, or the floor.
    pub impact_heading: &'static str,
    pub the_floor: &'static str,
    /// Column heads: the figure, at the start, at the worst, at the close.
    pub impact_columns: [&'static str; 4],
    /// Row heads: service level, waiting, longest wait, abandoned.
    pub impact_rows: [&'static str; 4],
    pub no_live_figures: &'static str,
    pub messages_heading: &'static str,
    pub no_messages: &'static str,
    /// `{0}` when, `{1}` who copied it, `{2}` the step, `{3}` to whom, `{4}` how.
    pub message: &'static str,
    /// A message step marked done without a copy: `{0}` when, `{1}` who
    /// marked it, `{2}` the step, `{3}` to whom, `{4}` how.
    pub said_not_copied: &'static str,
    /// `{0}` the figures.
    pub carried: &'static str,
    pub steps_heading: &'static str,
    pub step_columns: &'static str,
    pub notes_heading: &'static str,
    pub timeline_heading: &'static str,
    /// `{0}` how late.
    pub late: &'static str,
    /// `{0}` how early.
    pub early: &'static str,
    /// A step's state (the checklist's words for one awaiting an answer or
    /// that does not apply): done, overridden, overridden with the
    /// checklist, answered, open.
    pub step_states: [&'static str; 5],
    /// An incident's state: in progress, complete, overridden, closed.
    pub incident_states: [&'static str; 4],
}

/// What a rule is called where people read it.
pub struct RuleNameTexts {
    pub service_level: &'static str,
    pub waiting: &'static str,
    pub longest_wait: &'static str,
    pub abandon_rate: &'static str,
    pub asa: &'static str,
    pub no_agent_available: &'static str,
    pub negative_share: &'static str,
    pub site_agents_lost: &'static str,
    pub staff_lost_across_sites: &'static str,
    pub reason_jump: &'static str,
    pub platform_unreachable: &'static str,
    pub platform_garbage: &'static str,
}

/// The line every view shows while an incident is open.
pub struct CrisisTexts {
    /// `{0}` the plan's title.
    pub plan: &'static str,
    /// `{0}` the plan's title, in a drill.
    pub drill_plan: &'static str,
    /// `{0}` the step's number, `{1}` the steps in the plan.
    pub step: &'static str,
    pub all_done: &'static str,
    /// `{0}` the clock time it is due.
    pub next_update: &'static str,
    /// `{0}` how late it is.
    pub update_overdue: &'static str,
    /// `{0}` the other incidents open.
    pub others: &'static str,
    /// Between the parts of the line.
    pub separator: &'static str,
}

/// The reasons view.
pub struct ReasonTexts {
    /// `{0}` the floor or a queue, `{1}` contacts in the hour.
    pub title: &'static str,
    pub floor: &'static str,
    pub reason: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub cumulative: &'static str,
    pub usual: &'static str,
    pub cut: &'static str,
    /// `{0}` the usual share.
    pub jump: &'static str,
    pub nothing: &'static str,
}

/// The sites view.
pub struct SiteTexts {
    pub title: &'static str,
    pub site: &'static str,
    pub logged_in: &'static str,
    pub available: &'static str,
    pub on_call: &'static str,
    pub wrap_up: &'static str,
    pub not_ready: &'static str,
    pub offline: &'static str,
    pub alert: &'static str,
    /// `{0}` the share lost.
    pub lost: &'static str,
    pub steady: &'static str,
    pub no_site: &'static str,
}

/// The incident queue and inhibits.
pub struct IncidentTexts {
    /// `{0}` the name typed, `{1}` the checklists there are.
    pub unknown_checklist: &'static str,
    pub close_needs_outcome: &'static str,
    /// `{0}` the command typed.
    pub unknown_command: &'static str,
    pub nothing_to_close: &'static str,
    pub no_incident_yet: &'static str,
    /// `{0}` the inhibiting checklist's id, `{1}` its title.
    pub inhibited_outcome: &'static str,
    /// `{0}` the checklist not opened, `{1}` the one that inhibits it.
    pub inhibited_notice: &'static str,
    /// `{0}` the checklist opened.
    pub opened_while_typing: &'static str,
    /// `{0}` the checklist declared without the site its messages name.
    pub name_the_site: &'static str,
    /// `{0}` the site asked for, `{1}` the floor's sites.
    pub no_such_site: &'static str,
    /// `{0}` the site asked for, before the platform has named any.
    pub no_sites_yet: &'static str,
    /// `{0}` the checklist queued, `{1}` its place, `{2}` the queue's length.
    pub queued: &'static str,
    /// `{0}` place in the queue, `{1}` its length.
    pub queue_position: &'static str,
    pub queue_empty: &'static str,
    /// The outcome of a drill's incident when the drill stops: `{0}` the drill.
    pub drill_stopped: &'static str,
    /// The outcome of a drill's incident left open by an earlier console:
    /// `{0}` the drill that began.
    pub drill_superseded: &'static str,
    /// `{0}` the name given, `{1}` the scenarios.
    pub no_such_drill: &'static str,
    pub drill_running: &'static str,
    pub no_drill_running: &'static str,
    /// `{0}` the drill, `{1}` how many of its incidents were closed.
    pub drill_ended: &'static str,
    /// What opened a drill's incident on a live platform: `{0}` the drill.
    pub drill_condition: &'static str,
    /// `{0}` the store's ids of the open incidents whose record does not replay.
    pub not_restored: &'static str,
}

/// What stands between a stray key and the record: a checklist that came
/// by itself, and a close or an all clear the figures do not bear out.
pub struct GuardTexts {
    /// The line under a checklist that came on screen by itself.
    pub held: &'static str,
    /// The line under a checklist whose cursor a sensor moved on.
    pub held_moved: &'static str,
    /// `{0}` the step's number, `{1}` its title.
    pub confirm_step: &'static str,
    pub not_marked: &'static str,
    /// `{0}` the recovery step not met, `{1}` its figure now.
    pub confirm_tick_against: &'static str,
    /// `{0}` the recovery step not met, `{1}` its figure now.
    pub confirm_close_against: &'static str,
    /// `{0}` the reason typed so far.
    pub against_reason_prompt: &'static str,
    pub against_cancelled: &'static str,
    /// `{0}` the recovery step not met, `{1}` its figure now, `{2}` the reason.
    pub against_record: &'static str,
    /// `{0}` the outcome the operator gave, `{1}` `against_record` filled in.
    pub closed_against: &'static str,
    /// `{0}` a figure ("5.0%").
    pub now: &'static str,
    pub no_live_value: &'static str,
    pub platform_down: &'static str,
    pub platform_up: &'static str,
    pub already_acknowledged: &'static str,
}

/// The checklist view.
pub struct ChecklistTexts {
    /// `{0}` title, `{1}` version, `{2}` start time, `{3}` who opened it (an operator, or a rule).
    pub title: &'static str,
    pub drill: &'static str,
    pub declared: &'static str,
    /// `{0}` the alert that opened it.
    pub triggered_by: &'static str,
    /// `{0}` steps done, `{1}` steps that apply.
    pub progress: &'static str,
    /// `{0}` how late.
    pub overdue: &'static str,
    /// `{0}` time left.
    pub due_in: &'static str,
    pub awaiting: &'static str,
    pub inactive: &'static str,
    /// `{0}` who overrode it.
    pub overridden_by: &'static str,
    /// `{0}` who overrode the whole checklist.
    pub overridden_with_all: &'static str,
    /// `{0}` the question whose yes answered this one.
    pub implied_no: &'static str,
    pub by_hand: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub complete: &'static str,
    /// `{0}` how many steps were passed over.
    pub overridden_banner: &'static str,
    /// `{0}` how many remain.
    pub open_steps: &'static str,
    pub closed: &'static str,
    /// `{0}` to whom, `{1}` how, `{2}` the state when done.
    pub say_heading: &'static str,
    pub nothing_to_say: &'static str,
    /// `{0}` placeholders without a value now.
    pub missing_values: &'static str,
    /// `{0}` the reason typed so far.
    pub override_prompt: &'static str,
    /// `{0}` the reason typed so far.
    pub override_all_prompt: &'static str,
    /// `{0}` the step's number, `{1}` its title.
    pub confirm_override: &'static str,
    /// `{0}` how many steps are open.
    pub confirm_override_all: &'static str,
    pub override_cancelled: &'static str,
    pub sensed_closes_itself: &'static str,
    /// `{0}` the note typed so far.
    pub note_prompt: &'static str,
    /// `{0}` the question.
    pub answer_prompt: &'static str,
    pub sensed: &'static str,
    pub sensor_unavailable: &'static str,
    /// `{0}` when, `{1}` how long from now.
    pub update_due: &'static str,
    /// `{0}` how late.
    pub update_overdue: &'static str,
    pub timeline_heading: &'static str,
}

/// Whether actions reach the disk (the header, on every view; the marks on
/// actions waiting for the store).
pub struct SavingTexts {
    /// The header's badge while the store cannot write.
    pub not_saving: &'static str,
    /// The header's badge while actions are on their way to the disk.
    pub saving: &'static str,
    /// The banner's first line: `{0}` why the store cannot write.
    pub failing: &'static str,
    /// The same, for a console that started without a usable state directory.
    pub live_only: &'static str,
    /// The banner's second line: `{0}` actions held in memory.
    pub held: &'static str,
    /// The same, while the state directory is tried again from the start.
    pub retried: &'static str,
    /// The same, when the state directory will never be usable (corrupt, newer).
    pub never: &'static str,
    /// `{0}` actions that came while the most were held, and were not kept.
    pub dropped: &'static str,
    /// An action waiting for the store, and one waiting while it cannot write.
    pub pending: &'static str,
    pub not_saved: &'static str,
    /// On exit, on the terminal: `{0}` actions never written.
    pub lost_at_exit: &'static str,
    /// A live-only console whose state directory became usable.
    pub usable_late: &'static str,
    /// Why nothing is saved when the store was never opened.
    pub store_not_open: &'static str,
}

pub struct HealthTexts {
    pub live: &'static str,
    pub stale: &'static str,
    /// `{0}` = time of the last good data, `{1}` = why.
    pub stale_since: &'static str,
    /// Figures are late but no poll failed: a slow answer, or the console behind.
    pub slow: &'static str,
    /// `{0}` = time of the last good data, `{1}` = how late.
    pub slow_since: &'static str,
    pub waiting: &'static str,
    /// Instead of `waiting` before any data, when retrying soon will not help.
    pub rejected: &'static str,
    pub not_found: &'static str,
    /// `{0}` = why there is no data yet.
    pub waiting_because: &'static str,
    pub drill: &'static str,
    pub data_at: &'static str,
    /// The badge while the platform's clock cannot be believed: `? CLOCK +1h02m`.
    pub clock: &'static str,
    /// `{0}` = how far ahead, `{1}` = time of the figures shown.
    pub clock_ahead: &'static str,
    /// `{0}` = how far back, `{1}` = time of the figures shown.
    pub clock_went_back: &'static str,
    /// `{0}` = how far behind.
    pub clock_behind: &'static str,
    /// `{0}` = for how long.
    pub clock_stopped: &'static str,
    /// `poll --once`: `{0}` = how far ahead.
    pub clock_ahead_once: &'static str,
}

pub struct StatusTexts {
    pub ok: &'static str,
    pub warning: &'static str,
    pub critical: &'static str,
    pub idle: &'static str,
    /// Too few contacts in the window to judge it, and nothing wrong now.
    pub few: &'static str,
    pub stale: &'static str,
    pub advisory: &'static str,
}

pub struct TileTexts {
    pub service_level: &'static str,
    /// When the full label does not fit its tile.
    pub service_level_short: &'static str,
    pub waiting: &'static str,
    pub longest_wait: &'static str,
    pub available: &'static str,
    pub abandon_rate: &'static str,
    pub sentiment: &'static str,
    /// `{0}` available, `{1}` logged in.
    pub available_of: &'static str,
    /// `{0}` share of negative interactions.
    pub negative_share: &'static str,
}

pub struct ColumnTexts {
    pub status: &'static str,
    pub queue: &'static str,
    pub service_level: &'static str,
    pub waiting: &'static str,
    pub longest: &'static str,
    pub available: &'static str,
    pub asa: &'static str,
    pub abandon_rate: &'static str,
    pub occupancy: &'static str,
    pub trend: &'static str,
    pub mood: &'static str,
    pub need: &'static str,
}

pub struct WindowTexts {
    pub interval: &'static str,
    pub rolling: &'static str,
    pub day: &'static str,
    pub heading: &'static str,
    pub formula: &'static str,
    pub incomplete: &'static str,
    /// The platform's counters restarted into a window already counted.
    pub counters_restarted: &'static str,
    /// `{0}` when the console began counting this window (its first poll).
    pub counted_from: &'static str,
}

pub struct SortTexts {
    pub heading: &'static str,
    pub status: &'static str,
    pub name: &'static str,
    pub service_level: &'static str,
    pub waiting: &'static str,
    pub longest_wait: &'static str,
}

pub struct AgentStateTexts {
    pub available: &'static str,
    /// Offered a contact, not answered yet.
    pub ringing: &'static str,
    pub on_call: &'static str,
    pub wrap_up: &'static str,
    pub not_ready: &'static str,
    pub offline: &'static str,
}

pub struct DetailTexts {
    pub figures: &'static str,
    pub service_level: &'static str,
    pub asa: &'static str,
    pub aht: &'static str,
    pub abandon_rate: &'static str,
    pub offered: &'static str,
    pub answered: &'static str,
    pub abandoned: &'static str,
    pub now: &'static str,
    pub occupancy: &'static str,
    pub sl_trend: &'static str,
    pub waiting_trend: &'static str,
    pub agents: &'static str,
    pub callers: &'static str,
    pub no_callers: &'static str,
    /// `{0}` mean, `{1}` share negative, `{2}` interactions heard, `{3}` how
    /// much the mean moved in 30 minutes.
    pub mood: &'static str,
    pub no_mood: &'static str,
    /// `{0}` the model, `{1}` agents needed, `{2}` the target, `{3}` agents
    /// working, `{4}` the SL they should reach, `{5}` their ASA, `{6}` short or
    /// spare, `{7}` whose calls (`need_on_interval` or `need_on_hour`).
    pub staffing: &'static str,
    pub need_on_interval: &'static str,
    pub need_on_hour: &'static str,
    pub no_staffing: &'static str,
    /// `{0}` mean patience.
    pub erlang_a: &'static str,
    pub erlang_c: &'static str,
    /// `{0}` how many.
    pub short: &'static str,
    /// `{0}` how many.
    pub spare: &'static str,
    pub enough: &'static str,
    pub conversations: &'static str,
    pub no_conversations: &'static str,
    pub not_scored: &'static str,
    pub no_agents: &'static str,
    pub gone: &'static str,
}

pub struct KeyTexts {
    pub quit: &'static str,
    pub help: &'static str,
    pub back: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
    pub top: &'static str,
    pub bottom: &'static str,
    pub open: &'static str,
    pub filter: &'static str,
    pub sort: &'static str,
    pub reverse_sort: &'static str,
    pub window: &'static str,
    pub clear_filter: &'static str,
    pub wallboard: &'static str,
    pub alerts: &'static str,
    pub acknowledge: &'static str,
    pub snooze: &'static str,
    pub checklist: &'static str,
    pub complete: &'static str,
    pub override_step: &'static str,
    pub override_checklist: &'static str,
    pub note: &'static str,
    pub undo: &'static str,
    pub copy: &'static str,
    pub command: &'static str,
    pub timeline: &'static str,
    pub next_in_queue: &'static str,
    pub reasons: &'static str,
    pub sites: &'static str,
    pub next_scope: &'static str,
    pub previous_in_queue: &'static str,
    pub scroll_up: &'static str,
    pub scroll_down: &'static str,
}

pub struct AlertTexts {
    pub heading: &'static str,
    pub none: &'static str,
    /// `{0}` queue, `{1}` service level, `{2}` threshold.
    pub service_level_below: &'static str,
    /// `{0}` queue, `{1}` longest wait, `{2}` threshold.
    pub longest_wait_above: &'static str,
    /// `{0}` queue, `{1}` callers waiting.
    pub nobody_to_answer: &'static str,
    /// `{0}` queue, `{1}` abandon rate, `{2}` threshold.
    pub abandon_above: &'static str,
    /// `{0}` queue, `{1}` contacts counted, `{2}` contacts a judgement needs.
    pub too_few: &'static str,
    /// An alert whose figure is back on the right side of its line:
    /// `{0}` subject, `{1}` figure, `{2}` value now, `{3}` the line.
    pub back_under: &'static str,
    pub back_above: &'static str,
    /// A firing alert whose figure cannot be judged now (too few contacts
    /// in a new window): `{0}` the alert as last judged, `{1}` since when.
    pub unjudged: &'static str,
    /// `{0}` how many more.
    pub more: &'static str,
    /// `{0}` what is wrong with the platform, `{1}` the time of the last good data.
    pub platform_trouble_since: &'static str,
    pub platform_unreachable: &'static str,
    pub platform_garbage: &'static str,
    pub platform_throttled: &'static str,
    pub credentials_rejected: &'static str,
    pub platform_not_found: &'static str,
    /// The alerts view: `{0}` firing, `{1}` pending, `{2}` resolved.
    pub view_counts: &'static str,
    pub firing: &'static str,
    pub pending: &'static str,
    pub resolved: &'static str,
    /// `{0}` who acknowledged, `{1}` when.
    pub acknowledged_by: &'static str,
    pub unacknowledged: &'static str,
    /// `{0}` until when, `{1}` by whom, `{2}` why.
    pub snoozed_until: &'static str,
    /// `{0}` when it resolved.
    pub resolved_at: &'static str,
    /// `{0}` since when the condition holds.
    pub pending_since: &'static str,
    /// `{0}` how long it has held, `{1}` how long it must.
    pub pending_for: &'static str,
    /// `{0}` when it fired.
    pub fired_at: &'static str,
    /// `{0}` when it began, `{1}` when it resolved.
    pub lasted: &'static str,
    /// `{0}` how long, `{1}` the reason typed so far.
    pub snooze_prompt: &'static str,
    pub nothing_yet: &'static str,
    /// `{0}` the checklist a firing alert opens.
    pub opens_checklist: &'static str,
    pub checklist_pending: &'static str,
    pub checklist_done: &'static str,
    pub metrics: MetricTexts,
}

/// What alerts call each rule metric.
pub struct MetricTexts {
    pub service_level: &'static str,
    pub waiting: &'static str,
    pub longest_wait: &'static str,
    pub abandon_rate: &'static str,
    pub asa: &'static str,
    pub no_agent_available: &'static str,
    pub negative_share: &'static str,
    pub site_agents_lost: &'static str,
    pub staff_lost_across_sites: &'static str,
    pub reason_jump: &'static str,
    pub platform_unreachable: &'static str,
    pub platform_garbage: &'static str,
}

pub struct MiscTexts {
    /// `{0}`×`{1}` now, `{2}`×`{3}` needed.
    pub too_small: &'static str,
    pub filter_prompt: &'static str,
    pub filter_hint: &'static str,
    pub no_match: &'static str,
    pub no_data_yet: &'static str,
    pub not_provided: &'static str,
    pub nothing_counted: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub help_symbols: &'static [&'static str],
    pub queues: &'static str,
    /// Said on a pane with more below (`{0}` the key).
    pub more_below: &'static str,
    /// Said on a pane scrolled down (`{0}` the key).
    pub more_above: &'static str,
    /// `{0}` what is wrong with the theme file.
    pub theme_skipped: &'static str,
    /// A whole number of minutes: `{0}` how many.
    pub minutes: &'static str,
}

pub static EN: Texts = Texts {
    app_name: "floorwatch",
    health: HealthTexts {
        live: "LIVE",
        stale: "STALE",
        stale_since: "STALE since {0}: {1}",
        slow: "SLOW",
        slow_since: "SLOW since {0}: {1}",
        waiting_because: "NO DATA YET: {0}",
        drill: "DRILL",
        waiting: "CONNECTING",
        rejected: "REJECTED",
        not_found: "NOT FOUND",
        data_at: "data",
        clock: "CLOCK",
        clock_ahead: "CLOCK platform clock {0} ahead of ours: figures held since {1}",
        clock_went_back: "CLOCK platform clock went back {0}: figures held since {1}",
        clock_behind: "CLOCK platform time {0} behind ours: figures may be that old",
        clock_stopped: "CLOCK platform clock stopped for {0}: figures may be old",
        clock_ahead_once: "CLOCK platform clock {0} ahead of ours: the console holds such figures back",
    },
    status: StatusTexts {
        ok: "OK",
        warning: "WARN",
        critical: "CRIT",
        idle: "IDLE",
        few: "few",
        stale: "STALE",
        advisory: "INFO",
    },
    tiles: TileTexts {
        service_level: "Service level",
        service_level_short: "SL",
        waiting: "Waiting",
        longest_wait: "Longest wait",
        available: "Available",
        abandon_rate: "Abandoned",
        sentiment: "Sentiment",
        available_of: "{0} of {1}",
        negative_share: "{0} neg",
    },
    columns: ColumnTexts {
        status: "Status",
        queue: "Queue",
        service_level: "SL",
        waiting: "Wait",
        longest: "Longest",
        available: "Avail",
        asa: "ASA",
        abandon_rate: "Aband",
        occupancy: "Occ",
        trend: "SL 1h",
        mood: "Mood",
        need: "Need",
    },
    windows: WindowTexts {
        interval: "interval",
        rolling: "last 60 min",
        day: "today",
        heading: "Window",
        formula: "SL",
        incomplete: "~ incomplete (polls missed)",
        counters_restarted: "~ incomplete (platform counters restarted)",
        counted_from: "~ counted from {0}",
    },
    sorts: SortTexts {
        heading: "sort",
        status: "status",
        name: "name",
        service_level: "service level",
        waiting: "waiting",
        longest_wait: "longest wait",
    },
    agent_states: AgentStateTexts {
        available: "Available",
        ringing: "Ringing",
        on_call: "On call",
        wrap_up: "Wrap-up",
        not_ready: "Not ready",
        offline: "Offline",
    },
    detail: DetailTexts {
        figures: "Figures",
        service_level: "Service level",
        asa: "ASA",
        aht: "AHT",
        abandon_rate: "Abandon rate",
        offered: "Offered",
        answered: "Answered",
        abandoned: "Abandoned",
        now: "Now",
        occupancy: "occupancy",
        sl_trend: "SL per 5 min, last hour",
        waiting_trend: "Waiting per min, last hour",
        agents: "Agents",
        callers: "Waiting callers",
        no_callers: "nobody waiting",
        mood: "Mood (30 min): {0} · {1} negative · {2} heard · trend {3}",
        no_mood: "Mood: nothing heard in the last 30 minutes",
        staffing: "Need {1} for {2}, {7}: {6} · {3} working → SL {4}, ASA {5} · {0}",
        need_on_interval: "this interval",
        need_on_hour: "last 60 min",
        no_staffing: "Staffing: too few contacts, or too little time counted, to say yet",
        erlang_a: "Erlang A, patience {0}",
        erlang_c: "Erlang C",
        short: "SHORT {0}",
        spare: "{0} spare",
        enough: "enough",
        conversations: "Conversations, most negative first",
        no_conversations: "no conversation in progress",
        not_scored: "n/s",
        no_agents: "no agents on this queue",
        gone: "This queue is no longer reported by the platform.",
    },
    keys: KeyTexts {
        quit: "quit",
        help: "help",
        back: "back",
        move_up: "up",
        move_down: "move",
        page_up: "page up",
        page_down: "page down",
        top: "first",
        bottom: "last",
        open: "detail",
        filter: "filter",
        sort: "sort",
        reverse_sort: "reverse sort",
        window: "window",
        clear_filter: "clear filter",
        wallboard: "wallboard",
        alerts: "alerts",
        acknowledge: "acknowledge",
        snooze: "snooze",
        checklist: "checklist",
        complete: "done",
        override_step: "override",
        override_checklist: "override all",
        note: "note",
        undo: "undo",
        copy: "copy message",
        command: "command (:declare NAME [SITE], :close OUTCOME, :drill SCENARIO)",
        timeline: "timeline",
        next_in_queue: "next checklist in the queue",
        reasons: "why people call (last hour)",
        sites: "agents by site",
        next_scope: "next queue",
        previous_in_queue: "previous checklist in the queue",
        scroll_up: "scroll up",
        scroll_down: "scroll down",
    },
    alerts: AlertTexts {
        heading: "Alerts",
        none: "no alerts",
        service_level_below: "{0}: SL {1} < {2}",
        longest_wait_above: "{0}: longest wait {1} > {2}",
        nobody_to_answer: "{0}: {1} waiting, no agent",
        abandon_above: "{0}: abandoned {1} > {2}",
        too_few: "{0}: {1} counted, too few to judge (needs {2})",
        back_under: "{0}: {1} {2}, back under {3}",
        back_above: "{0}: {1} {2}, back above {3}",
        unjudged: "{0} · too few contacts since {1} to judge",
        more: "+{0} more",
        platform_trouble_since: "{0} since {1}",
        platform_unreachable: "platform not answering",
        platform_garbage: "platform answering garbage",
        platform_throttled: "platform throttling our polls",
        credentials_rejected: "platform rejected our credentials",
        platform_not_found: "nothing found at the platform's URL",
        view_counts: "{0} firing · {1} pending · {2} resolved",
        firing: "FIRING",
        pending: "PENDING",
        resolved: "RESOLVED",
        acknowledged_by: "acknowledged by {0} at {1}",
        unacknowledged: "not acknowledged: Space acknowledges, z snoozes",
        snoozed_until: "snoozed until {0} by {1}: {2}",
        resolved_at: "resolved {0}",
        pending_since: "holding since {0}; fires when it has held long enough",
        pending_for: "for {0} of {1}",
        fired_at: "fired {0}",
        lasted: "{0}–{1}",
        snooze_prompt: "Snooze {0}. Why? {1}▌",
        nothing_yet: "No alerts. Rules are watching the floor.",
        opens_checklist: "→ opens checklist {0}",
        checklist_pending: ": IN PROGRESS (3 shows it)",
        checklist_done: ": done",
        metrics: MetricTexts {
            service_level: "SL",
            waiting: "waiting",
            longest_wait: "longest wait",
            abandon_rate: "abandoned",
            asa: "ASA",
            no_agent_available: "callers waiting, no agent to answer",
            negative_share: "negative",
            site_agents_lost: "agents lost",
            staff_lost_across_sites: "agents lost at two sites or more",
            reason_jump: "a contact reason up on its usual share by",
            platform_unreachable: "platform not answering",
            platform_garbage: "platform answering garbage",
        },
    },
    checklist: ChecklistTexts {
        title: "{0} v{1} · opened {2} by {3}",
        drill: "DRILL",
        declared: "declared by hand",
        triggered_by: "alert: {0}",
        progress: "{0} of {1} steps",
        overdue: "OVERDUE {0}",
        due_in: "due in {0}",
        awaiting: "after the answer",
        inactive: "does not apply",
        overridden_by: "overridden: {0}",
        overridden_with_all: "overridden with the checklist: {0}",
        implied_no: "answer: NO (yes on {0})",
        by_hand: "by hand",
        yes: "answer: YES",
        no: "answer: NO",
        complete: "CHECKLIST COMPLETE",
        overridden_banner: "CHECKLIST OVERRIDDEN ({0} passed over: see the timeline)",
        open_steps: "{0} steps to go",
        closed: "INCIDENT CLOSED",
        say_heading: "To {0} by {1} · when done: {2}",
        nothing_to_say: "(nothing to say: an action)",
        missing_values: "not ready: no live value for {0}",
        override_prompt: "Override: why? {0}▌",
        override_all_prompt: "Override the WHOLE checklist: why? {0}▌",
        confirm_override: "Override step {0} \"{1}\"? s again confirms · any other key cancels",
        confirm_override_all: "Override the whole checklist ({0} open)? S again confirms · any other key cancels",
        override_cancelled: "override cancelled",
        sensed_closes_itself: "this step closes itself on live data: s overrides it, with a reason",
        note_prompt: "Note: {0}▌",
        answer_prompt: "{0}  y yes · n no · Esc later",
        sensed: "sensed",
        sensor_unavailable: "no data: by hand",
        update_due: "next update {0} (in {1})",
        update_overdue: "STATUS UPDATE OVERDUE {0}",
        timeline_heading: "Timeline (t: the message again)",
    },
    guards: GuardTexts {
        held: "⏸ OPENED BY ITSELF · keys wait a moment · then Enter twice marks a step done",
        held_moved: "⏸ CURSOR MOVED BY ITSELF (step closed by its sensor) · then Enter twice marks",
        confirm_step: "▶ Enter again marks step {0} done · any other key: not now · {1}",
        not_marked: "not marked: the step is still open",
        confirm_tick_against: "⚠ NOT RECOVERED ({1}) · Enter: mark done anyway, with a reason · other key: cancel · \"{0}\" is open",
        confirm_close_against: "⚠ NOT RECOVERED ({1}) · Enter: close anyway, with a reason · other key: keep open · \"{0}\" is open",
        against_reason_prompt: "Why, against the figures (required): {0}▏ Enter saves · Esc cancels",
        against_cancelled: "nothing done: the incident goes on",
        against_record: "against the figures: \"{0}\" not met ({1}); reason: {2}",
        closed_against: "{0} · closed {1}",
        now: "now {0}",
        no_live_value: "no live figure",
        platform_down: "platform still down",
        platform_up: "platform answering",
        already_acknowledged: "already acknowledged: nothing changed",
    },
    saving: SavingTexts {
        not_saving: "✖ NOT SAVING",
        saving: "… saving",
        failing: "✖ NOT SAVING · {0}",
        live_only: "✖ LIVE ONLY, NOT SAVING · {0}",
        held: "  {0} actions held, written in order when it can",
        retried: "  tried again every second; {0} actions held in memory until then",
        never: "  nothing done in this console is kept",
        dropped: " · {0} NOT KEPT (10,000 max)",
        pending: "saving…",
        not_saved: "NOT SAVED",
        lost_at_exit: "floorwatch: {0} actions of this console were NOT SAVED: the store could not write",
        usable_late: "saving again; restart to see incidents left open before",
        store_not_open: "the store is not open",
    },
    incidents: IncidentTexts {
        inhibited_outcome: "inhibited by {0} ({1}): not needed while it runs",
        unknown_checklist: "no checklist \"{0}\"; known: {1}",
        close_needs_outcome: "close needs the outcome: :close restored at 11:20, cause trunk failure",
        unknown_command: "unknown command \"{0}\": :declare NAME [SITE], :close OUTCOME, :drill SCENARIO, :drill stop",
        nothing_to_close: "no open incident to close",
        no_incident_yet: "no incident yet: a rule opens one, or declare it",
        inhibited_notice: "{0} not opened: {1} is running and inhibits it",
        opened_while_typing: "checklist {0} opened: press 3",
        name_the_site: "{0} opened: its messages name the site; name it with :declare {0} SITE",
        no_such_site: "no site \"{0}\"; sites: {1}",
        no_sites_yet: "no site \"{0}\": the platform has named no sites yet",
        queued: "checklist {0} queued ({1} of {2}): 3 shows the top, ] the next",
        queue_position: "queue {0}/{1}",
        queue_empty: "no checklist waiting",
        drill_stopped: "drill stopped ({0})",
        drill_superseded: "drill ended: drill {0} began before this one was stopped",
        no_such_drill: "no drill {0}; scenarios: {1} (or any checklist id)",
        drill_running: "a drill is already running: :drill stop first",
        no_drill_running: "no drill is running",
        drill_ended: "✓ drill {0} stopped: {1} incident(s) closed and scored",
        drill_condition: "drill: synthetic {0} condition",
        not_restored: "incident(s) {0} could not be restored: see the log and `floorwatch incidents export`",
    },
    reasons: ReasonTexts {
        title: "Why people call, last hour: {0} · {1} contacts (Tab: next queue)",
        floor: "whole floor",
        reason: "Reason",
        count: "Count",
        share: "Share",
        cumulative: "Cum.",
        usual: "Usual",
        cut: "── 80 % of the contacts are above this line",
        jump: "{0} ▲ JUMP",
        nothing: "no contact reasons counted in the last hour",
    },
    sites: SiteTexts {
        title: "Agents by site",
        site: "Site",
        logged_in: "In",
        available: "Avail",
        on_call: "Call",
        wrap_up: "Wrap",
        not_ready: "NotRdy",
        offline: "Off",
        alert: "Alert",
        lost: "✖ LOST {0}",
        steady: "✓ steady",
        no_site: "(no site)",
    },
    crisis: CrisisTexts {
        plan: "⚑ {0}",
        drill_plan: "⚑ DRILL {0}",
        step: "step {0}/{1}",
        all_done: "all steps done: :close OUTCOME",
        next_update: "next update {0}",
        update_overdue: "UPDATE OVERDUE {0}",
        others: "+{0} open",
        separator: " · ",
    },
    misc: MiscTexts {
        too_small: "Terminal too small: {0}×{1}. floorwatch needs at least {2}×{3}.",
        filter_prompt: "Filter: ",
        filter_hint: "Enter/Esc keep · Ctrl-u clear",
        no_match: "No queue matches the filter.",
        no_data_yet: "Waiting for the first poll…",
        not_provided: "n/a",
        nothing_counted: "—",
        help_title: "Help",
        help_close: "PgUp/PgDn ↑/↓ scroll · Esc, ? or q closes",
        help_symbols: &[
            "✓ OK     figures within target",
            "▲ WARN   SL < 80 %, abandoned > 10 %, or a wait > 1:00",
            "✖ CRIT   SL < 70 %, abandoned > 20 %, a wait > 2:00, or nobody to answer",
            "· IDLE   nothing counted yet and nobody waiting",
            "· few    too few contacts in this window to judge, and nothing wrong now",
            "? STALE  the platform has not answered; figures are the last good ones",
            "? SLOW   figures are late, yet no poll failed (a slow answer, or us)",
            "—        nothing counted yet in this window   n/a  not reported by the platform",
            "~        part of this window was not counted (the Window line says why)",
            "Agents   ● available  ◐ on call  ◑ wrap-up  ○ not ready  ✕ offline",
            "SL       A≤T/(A+Ab>T): answered within T / (answered + abandoned after T)",
            "[…]      an action not on disk yet: saving…, or NOT SAVED while ✖ NOT SAVING",
        ],
        queues: "queues",
        more_below: "▼ more: {0}",
        more_above: "▲ {0}",
        theme_skipped: "theme file skipped: {0}",
        minutes: "{0} min",
    },
    serving: ServingTexts {
        no_store: "the hub is not keeping a store (it runs live-only): there is nothing to report",
        alone: "no other console can attach to this one: {0}",
        serving: "floorwatch hub: serving {0}; consoles attach with `floorwatch --state-dir` on the same directory",
        still_serving: "floorwatch: the hub keeps serving {0} console(s) ({1}); it stops when they have quit, or now with Ctrl-C",
        dropped_behind: "this console took nothing from the hub for 30 s (a stalled connection?) and was let go: run floorwatch again to attach",
        stopped_before_answering: "the hub stopped before answering",
    },
    key_names: KeyNameTexts {
        space: "Space",
        ctrl: "Ctrl-{0}",
        enter: "Enter",
        esc: "Esc",
        backspace: "Bksp",
        tab: "Tab",
        back_tab: "S-Tab",
        page_up: "PgUp",
        page_down: "PgDn",
        home: "Home",
        end: "End",
        function: "F{0}",
    },
    message: MessageTexts {
        the_floor: "the floor",
        drill_prefix: "DRILL — ",
    },
    staffing: StaffingTexts {
        not_positive: "{0} must be a positive number (got {1})",
        target: "the target service level must be between 0 and 1 (got {0}); 100 % is never reached",
        unreachable: "the target is out of reach with up to {0} agents",
        too_large: "an offered load of {0} erlangs is beyond the {1} this console works out; no single queue carries that much",
    },
    audit: AuditTexts {
        inhibited: "{0} not opened for {1}: {2} inhibits it",
        drill_started: "{0} (checklist {1})",
        alert: "#{0} {1} on {2} (fired at value {3})",
        snoozed: "{0} for 30 min: {1}",
    },
    record: RecordTexts {
        by_rule: "rule: {0}",
        rule_names: RuleNameTexts {
            service_level: "service level low",
            waiting: "many callers waiting",
            longest_wait: "long wait",
            abandon_rate: "callers hanging up",
            asa: "slow to answer",
            no_agent_available: "callers waiting, no agent",
            negative_share: "unhappy customers",
            site_agents_lost: "site lost agents",
            staff_lost_across_sites: "staff missing at several sites",
            reason_jump: "a contact reason jumped",
            platform_unreachable: "platform not answering",
            platform_garbage: "platform answering garbage",
        },
        copied_pending: "✓ copied to clipboard: {0} chars · […] saving to the record",
        copied_saved: "✓ copied to clipboard: {0} chars · in the record",
        note_pending: "[…] saving note…",
        note_saved: "✓ note saved",
        not_copied: "✖ not copied: the message has placeholders without a value",
        nothing_to_copy: "nothing to copy: this step is an action, not a message",
        copied_not_recorded: "✓ copied to clipboard · not recorded: {0}",
        refusals: RefusalTexts {
            no_step: "no such step",
            not_open: "{0} is not open",
            is_question: "{0} is a question: answer it y (yes) or n (no)",
            not_question: "{0} is not a question",
            reason_required: "a reason is required",
            earlier_step_open: "{0} comes first: do it, or override it with s",
            nothing_open: "no step is open",
            nothing_to_undo: "nothing to undo",
            closed: "the incident is closed",
            replay: "the record does not replay: {0}",
            replays: ReplayTexts {
                no_actions: "no actions",
                first_not_start: "the first action is not the start",
                replays_differently: "action {0} replays differently",
                no_step: "no step \"{0}\"",
                started_twice: "started twice",
            },
        },
        started: "incident opened",
        completed: "marked done: {0}",
        overridden: "overrode {0}: {1}",
        overridden_all: "overrode the whole checklist: {0}",
        answered: "answered {0}: {1}",
        yes: "yes",
        no: "no",
        sensed: "{0} done, seen on live figures ({1})",
        reopened: "{0} open again: the figures no longer show it ({1})",
        note: "note: {0}",
        undone: "undid: {0} at {1}",
        undone_unknown: "undid an earlier action",
        closed: "closed: {0}",
        copied: "copied the message of {0} for {1}",
        figures_start: "figures at the start: {0}",
        figures_worst: "figures at their worst so far: {0}",
        figures_close: "figures at the close: {0}",
        was_completed: "{0} marked done",
        was_overridden: "{0} overridden",
        was_overridden_all: "the whole checklist overridden",
        was_answered: "{0} answered {1}",
        was_note: "note \"{0}\"",
        service_level: "SL {0}",
        waiting: "{0} waiting",
        longest_wait: "longest wait {0}",
        abandon_rate: "{0} abandoned",
        no_figures: "no live figures",
        anyone: "whoever reads it",
        export: ExportTexts {
            heading: "# Incident {0}: {1}",
            drill: " (DRILL)",
            checklist: "- Checklist: `{0}` version {1}",
            opened: "- Opened: {0} ({1}) by {2}",
            alert: "- Alert: {0}",
            declared: "- Declared by hand",
            state: "- State: {0}",
            outcome: "- Outcome: {0} (closed {1})",
            impact_heading: "## Impact on {0}",
            the_floor: "the floor",
            impact_columns: ["figure", "at the start", "at the worst", "at the close"],
            impact_rows: ["service level", "waiting", "longest wait", "abandoned"],
            no_live_figures: "No live figures were read while it was open.",
            messages_heading: "## What was said, to whom, when",
            no_messages: "No message was copied.",
            message: "- {0} {1} copied {2} for {3}{4}:",
            said_not_copied: "- {0} {1} marked {2} done, a message for {3}{4}: it was not copied from floorwatch, so its exact words are not on record.",
            carried: "  Figures it carried: {0}",
            steps_heading: "## Steps",
            step_columns: "| # | step | owner | state | by | at | due | delay |\n|---|---|---|---|---|---|---|---|",
            notes_heading: "## Notes",
            timeline_heading: "## Timeline",
            late: "{0} late",
            early: "{0} early",
            step_states: [
                "done",
                "overridden",
                "overridden with the checklist",
                "answered",
                "open",
            ],
            incident_states: ["in progress", "complete", "overridden", "closed"],
        },
    },
};

/// What a console attached to a hub says on its own: when the hub is gone,
/// and on leaving. Kept apart from [`Texts`] because the hub draws every
/// other screen, and these show when there is no hub to draw them.
pub struct HubTexts {
    /// `{0}` the console's local time it noticed, HH:MM:SS.
    pub stopped_title: &'static str,
    pub stopped_body: &'static str,
    /// `{0}` the hub's socket.
    pub retrying: &'static str,
    pub no_retry: &'static str,
    pub key_start: &'static str,
    pub key_quit: &'static str,
    pub starting: &'static str,
    /// `{0}` why.
    pub start_failed: &'static str,
    /// `{0}` why the last attempt to attach again failed.
    pub attach_failed: &'static str,
    pub closed_before_answer: &'static str,
    /// Printed after leaving full screen: `{0}` the hub's reason.
    pub ended: &'static str,
    /// Printed when the hub turns the console away: `{0}` its reason.
    pub refused: &'static str,
}

pub static HUB_EN: HubTexts = HubTexts {
    stopped_title: "✖ HUB STOPPED at {0} — nothing on this screen is live",
    stopped_body: "The hub this console was showing has stopped. No figure, alert or checklist is \
                   shown, because none would be current, and keys here change nothing on the floor.",
    retrying: "Attaching again every half second to {0} …",
    no_retry: "No hub socket to attach to again.",
    key_start: "r  start a hub here (it polls the platform and keeps the record)",
    key_quit: "q  quit",
    starting: "Starting a hub …",
    start_failed: "Could not start a hub: {0}",
    attach_failed: "Last attempt to attach: {0}",
    closed_before_answer: "the hub closed the connection before answering",
    ended: "floorwatch: {0}",
    refused: "floorwatch: the hub refused this console: {0}",
};

/// Replaces `{0}`, `{1}` … in a template with the arguments, in one pass:
/// an argument is often the platform's text (a queue named `{1}`), and what
/// was put in is never read again for placeholders.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let argument = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|i| args.get(i));
        match argument {
            Some(arg) if after[digits..].starts_with('}') => {
                out.push_str(arg);
                rest = &after[digits + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod fill_tests {
    use super::fill;

    #[test]
    fn an_argument_is_put_in_once_and_never_read_again() {
        assert_eq!(fill("{0} at {1}", &["Sales", "12:00"]), "Sales at 12:00");
        assert_eq!(fill("{0} at {1}", &["{1}", "12:00"]), "{1} at 12:00");
        assert_eq!(fill("{1}{0}", &["a{0}", "b{1}"]), "b{1}a{0}");
    }

    #[test]
    fn what_is_not_a_known_argument_stays_as_written() {
        assert_eq!(fill("{2} {x} {} {0", &["a", "b"]), "{2} {x} {} {0");
        assert_eq!(fill("{{0}}", &["a"]), "{a}");
        assert_eq!(
            fill("{99999999999999999999}", &["a"]),
            "{99999999999999999999}"
        );
    }
}
