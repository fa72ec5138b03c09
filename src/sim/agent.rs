//! What each agent is doing now. It changes one way only, by `Floor::set_state` in `floor`,
//! which keeps the per-queue agent counts and the routing's idle sets in step with the agent.
//! Deciding *when* an agent changes state is for `floor` (calls) and `staffing` (their day).

use super::caller::Call;
use super::roster::BreakKind;
use crate::model::AgentState;

/// What an agent is doing now.
#[derive(Clone, Debug)]
pub(super) struct AgentRuntime {
    pub state: AgentState,
    pub since_ms: i64,
    /// Bumped when the agent is pulled out of what they were doing, so that
    /// their pending talk, wrap-up and break events become stale.
    pub epoch: u32,
    pub call: Option<ActiveCall>,
    pub on_break: Option<BreakKind>,
    /// A break that came due on a call, taken once the call and its wrap-up end.
    pub pending_break: Option<(BreakKind, u32)>,
    pub on_shift: bool,
    /// Counts the agent's shifts, so events of a finished shift are recognised.
    pub shift_number: u32,
    /// Kept from work by a scenario; the agent stays Offline until it clears.
    pub absence: Option<Absence>,
    /// Picked by the current severe-weather episode to be kept at home.
    pub weather_pick: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Absence {
    PowerCut,
    Stranded,
}

/// A call an agent is on, or wrapping up.
#[derive(Clone, Copy, Debug)]
pub(super) struct ActiveCall {
    pub call: Call,
    pub answered_ms: i64,
    pub day: u32,
    /// What the caller says (an index into `turns`), worded as they feel.
    pub turn: u16,
}

impl AgentRuntime {
    pub fn logged_out(since_ms: i64) -> Self {
        Self {
            state: AgentState::Offline,
            since_ms,
            epoch: 0,
            call: None,
            on_break: None,
            pending_break: None,
            on_shift: false,
            shift_number: 0,
            absence: None,
            weather_pick: false,
        }
    }
}
