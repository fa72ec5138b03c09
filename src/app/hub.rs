//! One floor, several consoles. The hub's core: the shared state (floor,
//! rules and alerts, incidents, drills, what is saved) and one [`View`] per
//! attached console. A console's key is handled with its view in place, so
//! the action is that console's and attributed to its operator; a poll, a
//! tick or the store's answer is handled once, with the hub's own resting
//! view in place (never drawn), and every console then catches up
//! (`follow`): what any one did reaches all of them, each in its own view.

use std::collections::BTreeMap;

use super::follow::{self, AlertCursor};
use super::state::{AppState, Seen, View};
use super::{Effect, Key, Msg, update, view};
use crate::model::Timestamp;

/// A console attached to the hub, numbered in the order they came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConsoleId(pub u64);

/// An effect for the shell, with who caused it: a console (its key) or the
/// hub itself (`by: None`: a poll, a tick, a rule), and the operator name
/// the record gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Acted {
    pub by: Option<ConsoleId>,
    pub operator: String,
    pub effect: Effect,
}

/// What handling one message asks of the shell.
#[derive(Debug, Default, PartialEq)]
pub struct HubOutcome {
    pub effects: Vec<Acted>,
    /// The consoles whose screen changed: draw them.
    pub redraw: Vec<ConsoleId>,
}

pub struct Hub {
    /// The shared state; its `view` is the hub's own resting view while no
    /// console's is swapped in.
    state: AppState,
    consoles: BTreeMap<ConsoleId, View>,
    next: u64,
    /// What the first console to attach is told (a record that could not
    /// be restored, a socket nobody else can reach).
    first_notice: Option<String>,
}

impl Hub {
    /// A hub over `state`, which already holds what was restored: the
    /// resting view has seen it, so nothing restored is news to anyone, and
    /// its notice goes to the first console that attaches.
    pub fn new(mut state: AppState) -> Self {
        state.view.seen = Seen::all_of(&state.incidents);
        let first_notice = state.view.notice.take();
        Self {
            state,
            consoles: BTreeMap::new(),
            next: 1,
            first_notice,
        }
    }

    /// Tells the first console to attach `notice`, unless the state had
    /// something to say first.
    pub fn greet(&mut self, notice: String) {
        self.first_notice.get_or_insert(notice);
    }

    /// The shared state, with the hub's resting view in place.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A console attaches: it opens on the incident at the head of the
    /// queue, or else the wallboard, having seen every incident so far.
    pub fn attach(&mut self, operator: String, utc_offset_s: i32, bell: bool) -> ConsoleId {
        let id = ConsoleId(self.next);
        self.next += 1;
        let mut view = View::new(utc_offset_s);
        view.operator = operator;
        view.bell_on_critical = bell;
        view.seen = Seen::all_of(&self.state.incidents);
        view.notice = self.first_notice.take();
        self.consoles.insert(id, view);
        self.with_view(id, |state| {
            if let Some(&top) = super::incident::queue::queue(state).first() {
                super::incident::queue::show(state, top);
            }
            view::refresh_order(state);
        });
        id
    }

    /// A console leaves; its view goes with it.
    pub fn detach(&mut self, id: ConsoleId) -> Option<View> {
        self.consoles.remove(&id)
    }

    /// The consoles attached, with the operator at each.
    pub fn consoles(&self) -> impl Iterator<Item = (ConsoleId, &str)> {
        self.consoles
            .iter()
            .map(|(id, view)| (*id, view.operator.as_str()))
    }

    /// The operator at console `id`.
    pub fn operator(&self, id: ConsoleId) -> Option<&str> {
        self.consoles.get(&id).map(|v| v.operator.as_str())
    }

    /// Runs `f` on the state with console `id`'s view in place, to draw it
    /// or read it; `None` when no such console is attached.
    pub fn view_of<R>(&mut self, id: ConsoleId, f: impl FnOnce(&AppState) -> R) -> Option<R> {
        self.with_view(id, |state| f(state))
    }

    /// Like [`Hub::view_of`], for the hub's own changes: `update` and
    /// `follow` with that console's view in place.
    fn with_view<R>(&mut self, id: ConsoleId, f: impl FnOnce(&mut AppState) -> R) -> Option<R> {
        let view = self.consoles.get_mut(&id)?;
        std::mem::swap(&mut self.state.view, view);
        let result = f(&mut self.state);
        std::mem::swap(&mut self.state.view, view);
        Some(result)
    }

    /// A key at console `id`, read at `at`: its action is that console's;
    /// every other console then catches up with what it changed.
    pub fn key(&mut self, id: ConsoleId, key: Key, at: Timestamp) -> HubOutcome {
        let cursors = self.alert_cursors(Some(id));
        let Some((outcome, operator)) = self.with_view(id, |state| {
            let outcome = update(state, Msg::KeyPressedAt { key, at });
            (outcome, state.view.operator.clone())
        }) else {
            return HubOutcome::default();
        };
        // An action elsewhere shows on every console; a move of its own cursor only here.
        let shared = !outcome.effects.is_empty();
        let mut redraw = if outcome.redraw || shared {
            vec![id]
        } else {
            vec![]
        };
        if shared {
            redraw.extend(self.follow_all(cursors, true));
        }
        HubOutcome {
            effects: acted(Some(id), &operator, outcome.effects),
            redraw,
        }
    }

    /// A message for everyone (a poll, a tick, the store's answer, a
    /// command from the command line), handled once; then each console
    /// catches up, and a notice it raised is everyone's.
    pub fn handle(&mut self, msg: Msg) -> HubOutcome {
        let cursors = self.alert_cursors(None);
        let outcome = update(&mut self.state, msg);
        let news = self.state.view.notice.take();
        if let Some(text) = &news {
            let lasts = self.state.view.notice_lasts.take();
            for view in self.consoles.values_mut() {
                view.notice = Some(text.clone());
                view.notice_lasts.clone_from(&lasts);
            }
        }
        let redraw = self.follow_all(cursors, outcome.redraw || news.is_some());
        let operator = self.state.view.operator.clone();
        HubOutcome {
            effects: acted(None, &operator, outcome.effects),
            redraw,
        }
    }

    /// The console `id` is now `rows` high (the shell draws it whole anyway).
    pub fn resized(&mut self, id: ConsoleId, rows: u16) {
        self.with_view(id, |state| update(state, Msg::Resized { rows }));
    }

    /// Each console's alert under the cursor, before a change (all but `except`).
    fn alert_cursors(&mut self, except: Option<ConsoleId>) -> Vec<(ConsoleId, AlertCursor)> {
        let ids: Vec<ConsoleId> = self
            .consoles
            .keys()
            .copied()
            .filter(|id| Some(*id) != except)
            .collect();
        ids.into_iter()
            .filter_map(|id| self.with_view(id, |state| (id, view::alert_cursor(state))))
            .collect()
    }

    /// Every console in `cursors` catches up; those whose screen changed, or
    /// all of them when the shared state `changed`, are to be drawn.
    fn follow_all(
        &mut self,
        cursors: Vec<(ConsoleId, AlertCursor)>,
        changed: bool,
    ) -> Vec<ConsoleId> {
        cursors
            .into_iter()
            .filter_map(|(id, cursor)| {
                let moved = self.with_view(id, |state| follow::follow(state, cursor))?;
                (moved || changed).then_some(id)
            })
            .collect()
    }
}

fn acted(by: Option<ConsoleId>, operator: &str, effects: Vec<Effect>) -> Vec<Acted> {
    effects
        .into_iter()
        .map(|effect| Acted {
            by,
            operator: operator.to_owned(),
            effect,
        })
        .collect()
}
