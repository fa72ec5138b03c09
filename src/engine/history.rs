//! One queue's past: cumulative counters differenced into minute buckets.
//!
//! Each observation's increase is credited to the minute in which it was
//! observed. Minute buckets cover the rolling hour; interval buckets cover
//! today; what the platform had already counted today before our first poll is
//! carried into the day total only (we cannot know when it happened), so the
//! other windows are counted from that first poll, and say so. Missing polls
//! are remembered as gaps, and so is a restart of the platform's counters
//! into a counting window that overlaps what was already counted: a window
//! can say its counts are incomplete, and why.

use std::collections::VecDeque;
use std::time::Duration;

use super::{Coverage, GapCause, SlFormula, Tally, Window, WindowSpan};
use crate::model::{QueueCounters, QueueObservation, Timestamp};

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);

/// How time is cut into windows: the interval length and the local zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub interval: Duration,
    pub utc_offset_s: i32,
    /// Polls further apart than this leave a gap.
    pub gap_after: Duration,
}

/// Intervals kept whole: the current one and the one before it (a platform
/// clock stepping back a little still finds its interval). Older ones of
/// the day live on only in the day's sum: a queue keeps a handful of
/// tallies, not a whole day's worth, however many queues there are.
const INTERVALS_KEPT: usize = 2;

#[derive(Clone, Debug, Default)]
pub struct QueueHistory {
    previous: Option<(Timestamp, QueueCounters)>,
    minutes: VecDeque<MinuteBucket>,
    intervals: VecDeque<(Timestamp, Tally)>,
    /// Today's intervals before those kept, added up.
    earlier_today: Tally,
    day_start: Option<Timestamp>,
    carried_in: Tally,
    /// Our first reading: the interval and the rolling hour count from here
    /// (what came before went into the day total only, or nowhere).
    watched_from: Option<Timestamp>,
    /// When the first interval's counts begin: the platform's counters
    /// began within it, so all they had counted was the interval's.
    interval_counted_from: Option<Timestamp>,
    /// When today's counts begin, if not at midnight: when the platform's
    /// counters began, if that was today, else our first reading (counts
    /// of an earlier day are not today's; today's before we looked are unknown).
    day_counted_from: Option<Timestamp>,
    gaps: VecDeque<Gap>,
    /// Readings in a row whose counting window (`since`) is older than the
    /// current one: see [`QueueHistory::is_from_an_older_window`].
    older_window_readings: u32,
}

/// A stretch whose counts are missing.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Gap {
    from: Timestamp,
    to: Timestamp,
    why: GapCause,
}

/// Readings of an older counting window in a row after which that window is
/// taken as the platform's own again (its clock or a node was wrong before).
const OLDER_WINDOW_SETTLES_AFTER: u32 = 3;

#[derive(Clone, Debug)]
struct MinuteBucket {
    start: Timestamp,
    tally: PackedTally,
    max_waiting: u32,
}

/// A minute's tally in a third of the room (a large floor keeps sixty for
/// each of many thousands of queues): counts as `u32` with a bit per field
/// saying whether the platform reports it. A minute whose count does not
/// fit is kept whole, so nothing is ever cut.
#[derive(Clone, Debug)]
enum PackedTally {
    Small {
        known: u16,
        counts: [u32; 8],
        seconds: [f64; 2],
    },
    Whole(Box<Tally>),
}

impl PackedTally {
    fn pack(t: &Tally) -> Self {
        let counts = [
            t.offered,
            t.answered,
            t.answered_in_sl,
            t.abandoned,
            t.abandoned_in_sl,
            t.abandoned_short,
            t.flowed_out,
            t.handled,
        ];
        let seconds = [t.answered_wait_s, t.handle_time_s];
        let mut known = 0u16;
        let mut small = [0u32; 8];
        for (i, count) in counts.iter().enumerate() {
            if let Some(count) = count {
                let Ok(count) = u32::try_from(*count) else {
                    return PackedTally::Whole(Box::new(*t));
                };
                small[i] = count;
                known |= 1 << i;
            }
        }
        for (i, value) in seconds.iter().enumerate() {
            if value.is_some() {
                known |= 1 << (8 + i);
            }
        }
        PackedTally::Small {
            known,
            counts: small,
            seconds: seconds.map(|v| v.unwrap_or(0.0)),
        }
    }

    fn unpack(&self) -> Tally {
        let (known, counts, seconds) = match self {
            PackedTally::Whole(tally) => return **tally,
            PackedTally::Small {
                known,
                counts,
                seconds,
            } => (*known, counts, seconds),
        };
        let count = |i: usize| (known & (1 << i) != 0).then(|| u64::from(counts[i]));
        let second = |i: usize| (known & (1 << (8 + i)) != 0).then_some(seconds[i]);
        Tally {
            offered: count(0),
            answered: count(1),
            answered_in_sl: count(2),
            abandoned: count(3),
            abandoned_in_sl: count(4),
            abandoned_short: count(5),
            flowed_out: count(6),
            handled: count(7),
            answered_wait_s: second(0),
            handle_time_s: second(1),
        }
    }

    fn add(&mut self, increase: &Tally) {
        let mut total = self.unpack();
        total.add(increase);
        *self = PackedTally::pack(&total);
    }
}

impl QueueHistory {
    pub fn new() -> Self {
        Self::default()
    }

    /// Credits what changed since the previous observation.
    pub fn record(
        &mut self,
        observed_at: Timestamp,
        queue: &QueueObservation,
        calendar: &Calendar,
    ) {
        // Platform clocks step backwards; history never does.
        let at = match self.previous {
            Some((previous_at, _)) => observed_at.max(previous_at),
            None => observed_at,
        };
        if self.is_from_an_older_window(&queue.counters) {
            return;
        }
        let day_start = at.floor_to(DAY, calendar.utc_offset_s);
        if self.day_start != Some(day_start) {
            self.start_day(day_start);
        }
        let increase = match &self.previous {
            Some((previous_at, previous))
                if restarted_into_the_past(previous, *previous_at, &queue.counters) =>
            {
                self.gaps.push_back(Gap {
                    from: *previous_at,
                    to: at,
                    why: GapCause::CountersRestarted,
                });
                Tally::zero_like(&queue.counters)
            }
            Some((previous_at, previous)) => {
                if at.saturating_since(*previous_at) > calendar.gap_after {
                    self.gaps.push_back(Gap {
                        from: *previous_at,
                        to: at,
                        why: GapCause::PollsMissed,
                    });
                }
                Tally::between(previous, &queue.counters)
            }
            None => {
                self.carry_in_first_reading(at, day_start, &queue.counters, calendar);
                Tally::zero_like(&queue.counters)
            }
        };
        self.credit(at, &increase, queue.waiting, calendar);
        self.previous = Some((at, queue.counters));
        self.prune(at, day_start);
    }

    /// Whether a reading counts in a window older than the one already
    /// followed. A reset only ever starts a newer window, so a `since` that
    /// goes back is two counters taking turns (two nodes, a replayed answer):
    /// crediting both would count the same contacts twice. Such readings are
    /// skipped, until a few in a row show the older window is the one that
    /// goes on; counting then continues from it, crediting nothing for the switch.
    fn is_from_an_older_window(&mut self, counters: &QueueCounters) -> bool {
        let Some((_, previous)) = &mut self.previous else {
            return false;
        };
        let went_back = matches!((previous.since, counters.since), (Some(a), Some(b)) if b < a);
        if !went_back {
            self.older_window_readings = 0;
            return false;
        }
        self.older_window_readings += 1;
        if self.older_window_readings < OLDER_WINDOW_SETTLES_AFTER {
            return true;
        }
        self.older_window_readings = 0;
        *previous = *counters;
        true
    }

    /// What of `window` (as of `now`) the counts cover.
    pub fn coverage(&self, window: Window, now: Timestamp, calendar: &Calendar) -> Coverage {
        let span = span_of(window, now, calendar);
        let counted_from = match window {
            Window::Day => self.day_counted_from,
            Window::Interval => self.interval_counted_from.or(self.watched_from),
            Window::Rolling60 => self.watched_from,
        }
        .filter(|from| *from > span.start);
        Coverage {
            counted_from,
            gap: self.gap_in(&span),
        }
    }

    /// The tally of one window as of `now`, and whether its counts are incomplete.
    pub fn tally(
        &self,
        window: Window,
        now: Timestamp,
        calendar: &Calendar,
    ) -> (WindowSpan, Tally, bool) {
        let span = span_of(window, now, calendar);
        let tally = match window {
            Window::Interval => self
                .intervals
                .iter()
                .filter(|(start, _)| *start == span.start)
                .map(|(_, t)| *t)
                .next()
                .unwrap_or_default(),
            Window::Rolling60 => self.minutes_total(span.start, span.end),
            Window::Day => {
                let mut total = self.carried_in;
                total.add(&self.earlier_today);
                for (start, t) in &self.intervals {
                    if *start >= span.start {
                        total.add(t);
                    }
                }
                total
            }
        };
        let incomplete = self.coverage(window, now, calendar).is_incomplete();
        (span, tally, incomplete)
    }

    /// Service level per `step` over the last `points` steps, oldest first.
    pub fn sl_trend(
        &self,
        now: Timestamp,
        formula: SlFormula,
        step: Duration,
        points: usize,
    ) -> Vec<Option<f64>> {
        let end = now.floor_to(MINUTE, 0).plus(MINUTE);
        (0..points)
            .rev()
            .map(|k| {
                let block_end = end.minus(step * u32::try_from(k).unwrap_or(u32::MAX));
                let block_start = block_end.minus(step);
                formula.service_level(&self.minutes_total(block_start, block_end))
            })
            .collect()
    }

    /// The most contacts seen waiting in each of the last `minutes` minutes, oldest first.
    pub fn waiting_trend(&self, now: Timestamp, minutes: usize) -> Vec<Option<u32>> {
        let current = now.floor_to(MINUTE, 0);
        (0..minutes)
            .rev()
            .map(|k| {
                let start = current.minus(MINUTE * u32::try_from(k).unwrap_or(u32::MAX));
                self.minutes
                    .iter()
                    .find(|b| b.start == start)
                    .map(|b| b.max_waiting)
            })
            .collect()
    }

    fn start_day(&mut self, day_start: Timestamp) {
        self.day_start = Some(day_start);
        self.intervals.clear();
        self.earlier_today = Tally::default();
        self.carried_in = Tally::default();
        self.day_counted_from = None;
    }

    /// The first reading: what the platform counted before we looked is
    /// this interval's when its counting began within the interval (a
    /// platform that counts per interval, or started a moment ago), else
    /// today's total only, when it began today; counts of an earlier day are
    /// not today's. The other windows are counted from this reading.
    fn carry_in_first_reading(
        &mut self,
        at: Timestamp,
        day_start: Timestamp,
        counters: &QueueCounters,
        calendar: &Calendar,
    ) {
        self.watched_from = Some(at);
        let interval_start = at.floor_to(calendar.interval, calendar.utc_offset_s);
        match counters.since {
            Some(since) if since >= interval_start && since <= at => {
                self.interval_counted_from = Some(since);
                self.day_counted_from = Some(since);
                self.intervals
                    .push_back((interval_start, Tally::from_counters(counters)));
            }
            Some(since) if since >= day_start => {
                self.carried_in = Tally::from_counters(counters);
                self.day_counted_from = Some(since);
            }
            _ => self.day_counted_from = Some(at),
        }
    }

    fn credit(&mut self, at: Timestamp, increase: &Tally, waiting: u32, calendar: &Calendar) {
        let minute = at.floor_to(MINUTE, 0);
        match self.minutes.back_mut() {
            Some(bucket) if bucket.start == minute => {
                bucket.tally.add(increase);
                bucket.max_waiting = bucket.max_waiting.max(waiting);
            }
            _ => self.minutes.push_back(MinuteBucket {
                start: minute,
                tally: PackedTally::pack(increase),
                max_waiting: waiting,
            }),
        }
        let interval = at.floor_to(calendar.interval, calendar.utc_offset_s);
        match self.intervals.back_mut() {
            Some((start, tally)) if *start == interval => tally.add(increase),
            _ => self.intervals.push_back((interval, *increase)),
        }
        while self.intervals.len() > INTERVALS_KEPT {
            if let Some((_, earlier)) = self.intervals.pop_front() {
                self.earlier_today.add(&earlier);
            }
        }
    }

    fn prune(&mut self, at: Timestamp, day_start: Timestamp) {
        let oldest_minute = at.floor_to(MINUTE, 0).minus(HOUR);
        while self
            .minutes
            .front()
            .is_some_and(|b| b.start < oldest_minute)
        {
            self.minutes.pop_front();
        }
        let oldest_gap = day_start.min(oldest_minute);
        while self.gaps.front().is_some_and(|gap| gap.to < oldest_gap) {
            self.gaps.pop_front();
        }
    }

    fn minutes_total(&self, start: Timestamp, end: Timestamp) -> Tally {
        let mut total = Tally::default();
        for bucket in self
            .minutes
            .iter()
            .filter(|b| b.start >= start && b.start < end)
        {
            total.add(&bucket.tally.unpack());
        }
        total
    }

    /// Why part of `span` was not counted, if it was not: polls missed
    /// first, as the more common and the one an operator can act on.
    fn gap_in(&self, span: &WindowSpan) -> Option<GapCause> {
        let inside = |gap: &&Gap| gap.to > span.start && gap.from < span.end;
        let mut found = None;
        for gap in self.gaps.iter().filter(inside) {
            if gap.why == GapCause::PollsMissed {
                return Some(GapCause::PollsMissed);
            }
            found.get_or_insert(gap.why);
        }
        found
    }
}

/// Whether `current` restarted counting into a window that began before
/// our reading of `previous` at `previous_at`. A platform that resets starts a
/// new counting window then, after our last reading; one whose new window
/// reaches back over time we already counted (a restarted simulator warming
/// up again or counting from its interval's start, a standby node's
/// counters) would have those contacts counted twice if its counts were
/// taken as new. (An older `since` is handled before: two windows taking turns.)
fn restarted_into_the_past(
    previous: &QueueCounters,
    previous_at: Timestamp,
    current: &QueueCounters,
) -> bool {
    let went_forward_or_stayed = matches!(
        (previous.since, current.since),
        (Some(before), Some(now)) if now >= before
    );
    went_forward_or_stayed
        && current.since.is_some_and(|since| since < previous_at)
        && super::tally::was_reset(previous, current)
}

/// The times a window covers as of `now`.
pub fn span_of(window: Window, now: Timestamp, calendar: &Calendar) -> WindowSpan {
    let (start, end) = match window {
        Window::Interval => {
            let start = now.floor_to(calendar.interval, calendar.utc_offset_s);
            (start, start.plus(calendar.interval))
        }
        Window::Rolling60 => {
            let end = now.floor_to(MINUTE, 0).plus(MINUTE);
            (end.minus(HOUR), end)
        }
        Window::Day => {
            let start = now.floor_to(DAY, calendar.utc_offset_s);
            (start, start.plus(DAY))
        }
    };
    WindowSpan { window, start, end }
}
