//! The wallboard's order: how the operator sorts queues, and the order kept
//! per snapshot so that keys and frames work out only the rows on screen
//! (`view::refresh_order` keeps it up to date). Data and pure comparisons
//! only: the state holds it, so it knows nothing of the state.

use std::cmp::Ordering;

use crate::engine::{QueueStatus, Window};

/// How the wallboard orders queues; each starts with the most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Status,
    ServiceLevel,
    Waiting,
    LongestWait,
    Name,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Status => SortKey::ServiceLevel,
            SortKey::ServiceLevel => SortKey::Waiting,
            SortKey::Waiting => SortKey::LongestWait,
            SortKey::LongestWait => SortKey::Name,
            SortKey::Name => SortKey::Status,
        }
    }
}

/// The wallboard's order as last worked out, and what it was worked out for.
#[derive(Clone, Debug, Default)]
pub struct WallboardOrder {
    pub(super) keys_for: Option<KeysFor>,
    pub(super) keys: Vec<RowKey>,
    pub(super) order_for: Option<OrderFor>,
    pub(super) order: Vec<usize>,
}

/// What each row's sort keys depend on: the snapshot, liveness and the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct KeysFor {
    pub(super) generation: u64,
    pub(super) live: bool,
    pub(super) window: Window,
}

/// What the order depends on beyond the keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct OrderFor {
    pub(super) sort: SortKey,
    pub(super) reversed: bool,
    pub(super) filter: String,
}

/// What one queue is sorted and filtered by, worked out once per snapshot.
#[derive(Clone, Debug)]
pub(super) struct RowKey {
    pub(super) index: usize,
    pub(super) status: QueueStatus,
    pub(super) service_level: Option<f64>,
    pub(super) waiting: u32,
    pub(super) longest_wait_s: Option<f64>,
    pub(super) name: String,
    pub(super) id: String,
}

pub(super) fn compare(a: &RowKey, b: &RowKey, key: SortKey) -> Ordering {
    match key {
        SortKey::Status => b.status.cmp(&a.status),
        // Lowest service level first; queues with nothing counted go last.
        SortKey::ServiceLevel => option_low_first(a.service_level, b.service_level),
        SortKey::Waiting => b.waiting.cmp(&a.waiting),
        SortKey::LongestWait => option_high_first(a.longest_wait_s, b.longest_wait_s),
        SortKey::Name => Ordering::Equal,
    }
}

fn option_low_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn option_high_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (a, b) => option_low_first(a, b),
    }
}

/// A case-insensitive substring filter; a leading `!` keeps what does not match.
pub(super) struct Filter {
    needle: String,
    inverted: bool,
}

impl Filter {
    pub(super) fn parse(text: &str) -> Filter {
        let trimmed = text.trim();
        match trimmed.strip_prefix('!') {
            Some(rest) => Filter {
                needle: rest.to_lowercase(),
                inverted: true,
            },
            None => Filter {
                needle: trimmed.to_lowercase(),
                inverted: false,
            },
        }
    }

    /// `name` and `id` already in lower case.
    pub(super) fn matches(&self, name: &str, id: &str) -> bool {
        if self.needle.is_empty() {
            return true;
        }
        let hit = name.contains(&self.needle) || id.contains(&self.needle);
        hit != self.inverted
    }
}
