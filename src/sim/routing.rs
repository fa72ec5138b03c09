//! Who gets which call. Per queue, the callers waiting (oldest first) and the
//! available agents (longest idle first), each in an ordered set, so both
//! routing decisions cost O(log n) whatever the size of the floor:
//! - a call arriving goes to the longest-idle available agent with the skill;
//! - an agent coming free takes the longest-waiting call across their skills.
//!
//! Routing holds no agent state of its own; the floor tells it who is idle.

use std::collections::{BTreeMap, BTreeSet};

use super::caller::{Call, WaitKey};

/// (idle since, agent): the first entry is the longest idle.
type IdleKey = (i64, u32);

#[derive(Clone, Debug)]
pub(super) struct Routing {
    waiting: Vec<BTreeMap<WaitKey, Call>>,
    idle: Vec<BTreeSet<IdleKey>>,
}

impl Routing {
    pub fn new(queue_count: usize) -> Self {
        Self {
            waiting: vec![BTreeMap::new(); queue_count],
            idle: vec![BTreeSet::new(); queue_count],
        }
    }

    pub fn enqueue(&mut self, call: Call) {
        if let Some(queue) = self.waiting.get_mut(call.queue as usize) {
            queue.insert(call.wait_key(), call);
        }
    }

    /// Takes a caller out of the queue (they hung up); `None` if they were already answered.
    pub fn withdraw(&mut self, queue: u32, key: WaitKey) -> Option<Call> {
        self.waiting.get_mut(queue as usize)?.remove(&key)
    }

    /// Callers waiting on `queue`, longest-waiting first.
    pub fn waiting(&self, queue: usize) -> impl Iterator<Item = &Call> {
        self.waiting
            .get(queue)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    pub fn waiting_count(&self, queue: usize) -> usize {
        self.waiting.get(queue).map_or(0, BTreeMap::len)
    }

    pub fn oldest_arrival_ms(&self, queue: usize) -> Option<i64> {
        self.waiting
            .get(queue)?
            .first_key_value()
            .map(|(key, _)| key.arrived_ms)
    }

    /// Removes and returns the longest-waiting call on any of `skills`.
    pub fn take_oldest_for(&mut self, skills: &[u32]) -> Option<Call> {
        let (queue, key) = skills
            .iter()
            .filter_map(|&queue| {
                let (key, _) = self.waiting.get(queue as usize)?.first_key_value()?;
                Some((queue, *key))
            })
            .min_by_key(|&(_, key)| key)?;
        self.withdraw(queue, key)
    }

    pub fn mark_idle(&mut self, agent: u32, skills: &[u32], since_ms: i64) {
        for &queue in skills {
            if let Some(idle) = self.idle.get_mut(queue as usize) {
                idle.insert((since_ms, agent));
            }
        }
    }

    pub fn unmark_idle(&mut self, agent: u32, skills: &[u32], since_ms: i64) {
        for &queue in skills {
            if let Some(idle) = self.idle.get_mut(queue as usize) {
                idle.remove(&(since_ms, agent));
            }
        }
    }

    /// The longest-idle available agent on `queue` and since when, left in place.
    pub fn longest_idle(&self, queue: u32) -> Option<(u32, i64)> {
        let &(since_ms, agent) = self.idle.get(queue as usize)?.first()?;
        Some((agent, since_ms))
    }
}
