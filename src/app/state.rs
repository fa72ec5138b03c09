//! Everything the console holds: the floor from the engine plus what the
//! operator is looking at (screen, selection, sort, filter, window).

use std::collections::BTreeMap;

use super::incident::Incident;
use super::order::{SortKey, WallboardOrder};
use super::saving::Saving;
use crate::engine::checklist::Checklist;
use crate::engine::rules::{AlertId, RuleEngine, default_rules};
use crate::engine::{Floor, Window};
use crate::model::{QueueId, Timestamp};

use super::text::{EN, Texts};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Wallboard,
    QueueDetail {
        queue: QueueId,
        scroll: usize,
    },
    /// Firing, pending and resolved alerts; `selected` indexes that list.
    Alerts {
        selected: usize,
    },
    /// One incident's checklist; `selected` is the step under the cursor.
    Checklist {
        incident: usize,
        selected: usize,
    },
    /// Why people called over the last hour: the floor (`None`) or one queue.
    Reasons {
        queue: Option<QueueId>,
    },
    /// Agents by site and state.
    Sites,
}

/// A line the operator is typing into, and what it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Why an alert is snoozed (required).
    SnoozeReason { alert: AlertId, text: String },
    /// An override asked for and not yet confirmed: the same key again
    /// confirms, any other cancels (two steps, so no single stray key
    /// overrides). `step: None` is the
    /// whole checklist.
    ConfirmOverride {
        incident: usize,
        step: Option<usize>,
    },
    /// Why a step, or the whole checklist (`None`), is overridden (required).
    OverrideReason {
        incident: usize,
        step: Option<usize>,
        text: String,
    },
    /// A note for an incident's record.
    Note { incident: usize, text: String },
    /// The answer to a question step: `y` or `n`.
    Answer { incident: usize, step: usize },
    /// A `:` command (`declare NAME`, `close OUTCOME`).
    Command { text: String },
    /// The first deliberate press on a checklist that came on screen by
    /// itself: the same key again marks `step` done, any other does not.
    ConfirmStep { incident: usize, step: usize },
    /// A close or a tick the figures do not bear out (a recovery step is
    /// still open): the same key again goes on to the reason, any other
    /// cancels, as an override does.
    ConfirmAgainstFigures {
        incident: usize,
        act: AgainstFigures,
    },
    /// Why the operator goes against the figures (required).
    AgainstFiguresReason {
        incident: usize,
        act: AgainstFigures,
        text: String,
    },
}

/// What the operator does while the figures say the incident is not over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgainstFigures {
    /// `:close OUTCOME`.
    Close { outcome: String },
    /// Marking a step done (an all clear) after an open recovery step.
    Tick { step: usize },
}

/// A drill: a rehearsal of one plan, on the simulator's scenario or on a
/// synthetic condition; never a real message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    /// The scenario or checklist named (`surge`, `pandemic-continuity`).
    pub name: String,
    /// The checklist it rehearses.
    pub checklist: String,
    pub started_at: crate::model::Timestamp,
}

pub struct AppState {
    pub floor: Floor,
    pub texts: &'static Texts,
    /// The wall clock as of the last tick (for the header clock and staleness).
    pub wall_now: Timestamp,
    /// The rules, their state per subject, and the alerts.
    pub rules: RuleEngine,
    /// The checklists a rule or the operator can open, by id.
    pub checklists: BTreeMap<String, Checklist>,
    /// Every incident of this session, oldest first.
    pub incidents: Vec<Incident>,
    /// Whether actions reach the disk: NOT SAVING on every view while not.
    pub saving: Saving,
    /// The drill running, if one is: DRILL is on every view while it runs.
    pub drill: Option<Drill>,
    /// The platform is the built-in simulator (a drill switches its scenario).
    pub simulated: bool,
    /// The last platform minute whose figures went to the history.
    pub recorded_minute: Option<crate::model::Timestamp>,
    /// What the header calls the platform before its first answer ("asterisk · 127.0.0.1:8088").
    pub platform_label: String,
    /// What this console shows and who sits at it: one per attached console,
    /// swapped in by the hub while it handles that console's keys and frames.
    pub view: View,
}

/// Everything one console has of its own: what it looks at, how it is
/// sorted and filtered, what is being typed, its notices, and who sits at it.
#[derive(Clone, Debug)]
pub struct View {
    /// The operator's zone, seconds east of UTC, for showing wall-clock times.
    pub utc_offset_s: i32,
    pub screen: Screen,
    pub help_open: bool,
    /// The selected queue, followed by id so it survives re-sorting.
    pub selected: Option<QueueId>,
    pub sort: SortKey,
    pub sort_reversed: bool,
    pub filter: String,
    pub filter_editing: bool,
    pub window: Window,
    /// Rows the queue table showed at the last draw (for page up/down).
    pub page_rows: usize,
    /// Ring the bell when a critical alert fires.
    pub bell_on_critical: bool,
    /// Who acts at this console: the login user, and the SSH origin when there is one.
    pub operator: String,
    /// A line being typed (a snooze reason), which takes every key until done.
    pub prompt: Option<Prompt>,
    /// The checklist view shows the timeline instead of the step's message.
    pub show_timeline: bool,
    /// A one-line message for the operator (e.g. a theme file that failed to load).
    pub notice: Option<String>,
    /// The wallboard's filtered, sorted order, kept up to date by `update`.
    pub order: WallboardOrder,
    /// A checklist on screen that came by itself: its keys wait a moment.
    pub hold: Option<Hold>,
    /// When the last key was read: messages from different sources arrive
    /// out of step, so a checklist opened by a late poll must not take the
    /// wall clock of that poll as the moment the keys went quiet.
    pub last_key_at: Option<Timestamp>,
    /// The firing alerts in the order the alerts view first listed them:
    /// kept while the view is open, so nothing re-sorts under the cursor.
    pub alerts_seen: Vec<AlertId>,
    /// The condition that keeps the notice on screen, with the notice it
    /// belongs to; a notice without one goes at the next key.
    pub notice_lasts: Option<(String, NoticeLasts)>,
    /// How far the checklist's lower pane is scrolled from where it rests:
    /// down from the top of the message, up from the newest of the timeline.
    pub pane_scroll: usize,
    /// How far help is scrolled down.
    pub help_scroll: usize,
    /// The notice of a copy or note on its way to the disk, until it is there.
    pub confirming: Option<Confirmation>,
    /// How much of the shared incidents this view has taken in: what
    /// happened since came from elsewhere (a rule, a sensor, another console).
    pub seen: Seen,
}

/// A checklist on screen that the operator did not bring there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    pub incident: usize,
    pub why: Unasked,
    /// When it appeared, or the last key pressed since: the pause counts from here.
    pub quiet_since: Timestamp,
}

/// What happened on screen without the operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unasked {
    /// A rule opened the checklist and put it on screen.
    Opened,
    /// A sensor closed the step under the cursor, and the cursor moved on.
    CursorMoved,
}

/// What keeps a notice on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeLasts {
    /// While incident `local` is open and not on screen.
    WhileUnseen { local: usize },
}

/// A notice that an operator's copy or note is on its way to the disk, and
/// what it says once the record keeper has it there.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    pub local: usize,
    /// The action that must be on disk.
    pub seq: u32,
    pub pending: String,
    pub saved: String,
}

/// The incidents a view knows of, and how many actions of each it has seen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    pub incidents: usize,
    pub actions: Vec<usize>,
}

impl Seen {
    /// Everything in `incidents` as it stands.
    pub fn all_of(incidents: &[Incident]) -> Self {
        Self {
            incidents: incidents.len(),
            actions: incidents.iter().map(|i| i.run.actions().len()).collect(),
        }
    }
}

/// What a console starts from, as the command line composes it: the one way
/// an [`AppState`] is made, so that nothing outside `update` writes its fields.
pub struct Setup {
    pub floor: Floor,
    pub wall_now: Timestamp,
    /// The zone of the console that opens on it, seconds east of UTC.
    pub utc_offset_s: i32,
    pub rules: RuleEngine,
    pub checklists: BTreeMap<String, Checklist>,
    /// The platform is the built-in simulator.
    pub simulated: bool,
    /// What the header calls the platform before its first answer.
    pub platform_label: String,
    /// Who acts at the first view.
    pub operator: String,
    pub bell_on_critical: bool,
}

impl Setup {
    /// The shipped rules, no checklists, a platform with no name, and the
    /// operator and bell of a new view.
    pub fn new(floor: Floor, wall_now: Timestamp, utc_offset_s: i32) -> Self {
        let view = View::new(utc_offset_s);
        Self {
            floor,
            wall_now,
            utc_offset_s,
            rules: RuleEngine::new(default_rules()),
            checklists: BTreeMap::new(),
            simulated: false,
            platform_label: String::new(),
            operator: view.operator,
            bell_on_critical: view.bell_on_critical,
        }
    }
}

impl AppState {
    /// A state with the shipped rules and nothing else set up.
    pub fn new(floor: Floor, wall_now: Timestamp, utc_offset_s: i32) -> Self {
        Self::start(Setup::new(floor, wall_now, utc_offset_s))
    }

    /// The state a console starts in, before anything has happened.
    pub fn start(setup: Setup) -> Self {
        let mut view = View::new(setup.utc_offset_s);
        view.operator = setup.operator;
        view.bell_on_critical = setup.bell_on_critical;
        Self {
            floor: setup.floor,
            texts: &EN,
            wall_now: setup.wall_now,
            rules: setup.rules,
            checklists: setup.checklists,
            incidents: Vec::new(),
            saving: Saving::default(),
            drill: None,
            simulated: setup.simulated,
            recorded_minute: None,
            platform_label: setup.platform_label,
            view,
        }
    }

    /// How many actions of this console are not on disk yet.
    pub fn unsaved(&self) -> u64 {
        let actions: usize = self
            .incidents
            .iter()
            .map(|i| {
                i.run
                    .actions()
                    .iter()
                    .filter(|a| a.seq > i.saved_seq)
                    .count()
            })
            .sum();
        u64::try_from(actions).unwrap_or(u64::MAX) + self.saving.audits_unsaved()
    }
}

impl View {
    /// After a change: on another step, incident or screen than `before`,
    /// the lower pane starts where it rests.
    pub fn rest_pane_if_moved(&mut self, before: &Screen) {
        if self.screen != *before {
            self.pane_scroll = 0;
        }
    }

    /// A console's view as it opens: the wallboard, sorted by status.
    pub fn new(utc_offset_s: i32) -> Self {
        Self {
            utc_offset_s,
            screen: Screen::Wallboard,
            help_open: false,
            selected: None,
            sort: SortKey::default(),
            sort_reversed: false,
            filter: String::new(),
            filter_editing: false,
            window: Window::default(),
            page_rows: 10,
            bell_on_critical: true,
            operator: "operator".into(),
            prompt: None,
            show_timeline: false,
            notice: None,
            order: Default::default(),
            hold: None,
            last_key_at: None,
            alerts_seen: Vec::new(),
            notice_lasts: None,
            pane_scroll: 0,
            help_scroll: 0,
            confirming: None,
            seen: Seen::default(),
        }
    }
}
