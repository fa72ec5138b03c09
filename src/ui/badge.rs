//! How a queue's status and an agent's state are shown: a symbol and a word in a theme role.

use ratatui::text::Span;

use super::fmt;
use super::theme::{Role, Theme};
use crate::app::text::Texts;
use crate::engine::QueueStatus;
use crate::model::AgentState;

/// The symbol, word and role of a status: never colour alone.
pub fn status_badge(status: QueueStatus, texts: &Texts) -> (&'static str, &'static str, Role) {
    match status {
        QueueStatus::Ok => ("✓", texts.status.ok, status_role(status)),
        QueueStatus::Warning => ("▲", texts.status.warning, status_role(status)),
        QueueStatus::Critical => ("✖", texts.status.critical, status_role(status)),
        QueueStatus::Idle => ("·", texts.status.idle, status_role(status)),
        QueueStatus::Few => ("·", texts.status.few, status_role(status)),
        QueueStatus::Stale => ("?", texts.status.stale, status_role(status)),
    }
}

/// The theme role a status is drawn in.
pub fn status_role(status: QueueStatus) -> Role {
    match status {
        QueueStatus::Ok => Role::Ok,
        QueueStatus::Warning => Role::Warning,
        QueueStatus::Critical => Role::Critical,
        QueueStatus::Idle | QueueStatus::Few => Role::Idle,
        QueueStatus::Stale => Role::Stale,
    }
}

/// `✖ CRIT` as one styled span of exactly `width` columns.
pub fn status_span(
    status: QueueStatus,
    texts: &Texts,
    theme: &Theme,
    width: usize,
) -> Span<'static> {
    let (symbol, word, role) = status_badge(status, texts);
    Span::styled(
        fmt::pad(&format!("{symbol} {word}"), width),
        theme.style(role),
    )
}

/// The symbol, word and role of an agent state.
pub fn agent_badge(state: AgentState, texts: &Texts) -> (&'static str, &'static str, Role) {
    let t = &texts.agent_states;
    match state {
        AgentState::Available => ("●", t.available, Role::AgentAvailable),
        // Engaged by a contact like a call, told apart by its symbol and word.
        AgentState::Ringing => ("◔", t.ringing, Role::AgentOnCall),
        AgentState::OnCall => ("◐", t.on_call, Role::AgentOnCall),
        AgentState::WrapUp => ("◑", t.wrap_up, Role::AgentWrapUp),
        AgentState::NotReady => ("○", t.not_ready, Role::AgentNotReady),
        AgentState::Offline => ("✕", t.offline, Role::AgentOffline),
    }
}
