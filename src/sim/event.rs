//! The future of the floor: events waiting to happen, in (time, sequence)
//! order. The sequence number breaks ties the same way every run, so the
//! simulation is deterministic however `advance_to` is sliced.
//!
//! Events are never removed early. One that has been overtaken (a caller
//! answered before their patience ran out, an agent pulled off a call) is
//! left in place and recognised as stale when it comes up, by the
//! generation or epoch it carries.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::arrivals::Stream;
use super::roster::BreakKind;

/// Something that will happen to the floor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Event {
    /// A candidate arrival on one of a queue's streams (thinning accepts or
    /// rejects it). Stale when the stream's generation has moved on.
    ArrivalCandidate {
        queue: u32,
        stream: Stream,
        generation: u32,
    },
    /// A waiting caller's patience runs out. Stale when they were answered first.
    PatienceOut {
        queue: u32,
        call: u64,
        arrived_ms: i64,
    },
    /// The conversation ends; wrap-up starts.
    TalkEnds {
        agent: u32,
        epoch: u32,
    },
    /// Wrap-up ends; the call is handled.
    WrapUpEnds {
        agent: u32,
        epoch: u32,
    },
    /// A planned break comes due on the agent's shift number `shift`.
    BreakDue {
        agent: u32,
        shift: u32,
        kind: BreakKind,
        minutes: u32,
    },
    BreakEnds {
        agent: u32,
        epoch: u32,
    },
    ShiftStarts {
        agent: u32,
    },
    ShiftEnds {
        agent: u32,
        shift: u32,
    },
    /// Severe weather keeps the agent from work (scenario generation `generation`).
    Stranded {
        agent: u32,
        generation: u32,
    },
    /// The agent is able to work again after a scenario ended.
    Returns {
        agent: u32,
        generation: u32,
    },
    /// Local midnight: the day's counters start again.
    Midnight,
}

#[derive(Clone, Debug, Default)]
pub(super) struct EventQueue {
    heap: BinaryHeap<Scheduled>,
    next_sequence: u64,
}

#[derive(Clone, Debug)]
struct Scheduled {
    at_ms: i64,
    sequence: u64,
    event: Event,
}

impl EventQueue {
    pub fn schedule(&mut self, at_ms: i64, event: Event) {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        self.heap.push(Scheduled {
            at_ms,
            sequence,
            event,
        });
    }

    /// The earliest event if it is due at or before `until_ms`.
    pub fn pop_due(&mut self, until_ms: i64) -> Option<(i64, Event)> {
        if self.heap.peek()?.at_ms > until_ms {
            return None;
        }
        self.heap.pop().map(|due| (due.at_ms, due.event))
    }
}

// `BinaryHeap` is a max-heap; the order is reversed so the earliest event comes out first.
impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at_ms, other.sequence).cmp(&(self.at_ms, self.sequence))
    }
}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        (self.at_ms, self.sequence) == (other.at_ms, other.sequence)
    }
}

impl Eq for Scheduled {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_out_by_time_then_by_scheduling_order() {
        let mut queue = EventQueue::default();
        queue.schedule(20, Event::Midnight);
        queue.schedule(10, Event::ShiftStarts { agent: 1 });
        queue.schedule(10, Event::ShiftStarts { agent: 2 });
        queue.schedule(5, Event::ShiftStarts { agent: 3 });
        assert_eq!(queue.pop_due(4), None);
        let order: Vec<_> = std::iter::from_fn(|| queue.pop_due(15)).collect();
        assert_eq!(
            order,
            vec![
                (5, Event::ShiftStarts { agent: 3 }),
                (10, Event::ShiftStarts { agent: 1 }),
                (10, Event::ShiftStarts { agent: 2 }),
            ]
        );
        assert_eq!(queue.pop_due(i64::MAX), Some((20, Event::Midnight)));
    }
}
