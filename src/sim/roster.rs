//! The rota: the shifts agents work and the breaks planned inside them.
//!
//! The shifts are sized so that the agents logged in follow the arrival
//! profile through the day (a night team, staggered day shifts, part-timers
//! over the peaks). This module only says when; the agent lifecycle in
//! `staffing` acts on it.

use super::profile::DAY_MS;

const MINUTE_MS: i64 = 60_000;

/// One shift pattern, repeated every day in local time.
#[derive(Clone, Copy, Debug)]
pub(super) struct Shift {
    /// Local minute of day the shift starts.
    start_minute: i64,
    /// Length in minutes; a shift may run past midnight.
    minutes: i64,
    /// Percent of the floor's agents rostered on it.
    pub share_percent: u32,
    pub breaks: &'static [PlannedBreak],
}

/// Why an agent is not ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BreakKind {
    Break,
    Lunch,
    Training,
}

/// A break planned at an offset into a shift, moved by up to ± `jitter_minutes`
/// so that a whole shift does not leave the phones at once.
#[derive(Clone, Copy, Debug)]
pub(super) struct PlannedBreak {
    pub kind: BreakKind,
    pub after_minutes: i64,
    pub minutes: i64,
    pub jitter_minutes: i64,
    /// Chance the break happens at all on a given day (training is occasional).
    pub probability: f64,
}

impl BreakKind {
    pub fn label(self) -> &'static str {
        match self {
            BreakKind::Break => "Break",
            BreakKind::Lunch => "Lunch",
            BreakKind::Training => "Training",
        }
    }
}

const fn planned(kind: BreakKind, after: i64, minutes: i64, jitter: i64) -> PlannedBreak {
    PlannedBreak {
        kind,
        after_minutes: after,
        minutes,
        jitter_minutes: jitter,
        probability: 1.0,
    }
}

const FULL_DAY: &[PlannedBreak] = &[
    planned(BreakKind::Break, 120, 15, 20),
    PlannedBreak {
        probability: 0.2,
        ..planned(BreakKind::Training, 190, 30, 30)
    },
    planned(BreakKind::Lunch, 270, 30, 30),
    planned(BreakKind::Break, 420, 15, 20),
];

const NIGHT: &[PlannedBreak] = &[
    planned(BreakKind::Break, 150, 15, 20),
    planned(BreakKind::Lunch, 300, 30, 30),
    planned(BreakKind::Break, 450, 15, 20),
];

const PART_TIME: &[PlannedBreak] = &[planned(BreakKind::Break, 120, 15, 15)];

const fn shift(
    start: (i64, i64),
    end: (i64, i64),
    share: u32,
    breaks: &'static [PlannedBreak],
) -> Shift {
    let start_minute = start.0 * 60 + start.1;
    let end_minute = end.0 * 60 + end.1;
    Shift {
        start_minute,
        minutes: (end_minute - start_minute + 24 * 60) % (24 * 60),
        share_percent: share,
        breaks,
    }
}

/// The rota; shares add up to 100.
pub(super) const SHIFTS: [Shift; 8] = [
    shift((21, 30), (7, 30), 15, NIGHT),
    shift((7, 30), (17, 0), 19, FULL_DAY),
    shift((8, 0), (12, 0), 9, PART_TIME),
    shift((8, 30), (18, 0), 13, FULL_DAY),
    shift((9, 0), (13, 0), 7, PART_TIME),
    shift((10, 0), (19, 30), 10, FULL_DAY),
    shift((12, 0), (21, 30), 16, FULL_DAY),
    shift((15, 30), (21, 30), 11, PART_TIME),
];

/// One day's occurrence of a shift, in UTC milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ShiftTimes {
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Shift {
    /// The occurrence in progress at `now_ms`, or else the next one to start.
    pub fn current_or_next(&self, now_ms: i64, utc_offset_s: i32) -> ShiftTimes {
        let midnight = super::profile::local_midnight(now_ms, utc_offset_s);
        let length_ms = self.minutes * MINUTE_MS;
        (-1..=1)
            .map(|day| midnight + day * DAY_MS + self.start_minute * MINUTE_MS)
            .map(|start_ms| ShiftTimes {
                start_ms,
                end_ms: start_ms + length_ms,
            })
            .find(|times| times.end_ms > now_ms)
            .unwrap_or(ShiftTimes {
                start_ms: midnight + DAY_MS,
                end_ms: midnight + DAY_MS + length_ms,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: i64 = 3_600_000;

    #[test]
    fn shares_cover_the_whole_floor() {
        let total: u32 = SHIFTS.iter().map(|shift| shift.share_percent).sum();
        assert_eq!(total, 100);
    }

    #[test]
    fn night_shift_in_progress_started_yesterday() {
        let night = SHIFTS[0];
        let times = night.current_or_next(10 * DAY_MS + 3 * HOUR_MS, 0);
        assert_eq!(times.start_ms, 9 * DAY_MS + 21 * HOUR_MS + HOUR_MS / 2);
        assert_eq!(times.end_ms, 10 * DAY_MS + 7 * HOUR_MS + HOUR_MS / 2);
    }

    #[test]
    fn shift_not_yet_started_is_the_next_one() {
        let late = SHIFTS[6];
        let times = late.current_or_next(10 * DAY_MS + 9 * HOUR_MS, 0);
        assert_eq!(times.start_ms, 10 * DAY_MS + 12 * HOUR_MS);
        let after = late.current_or_next(10 * DAY_MS + 22 * HOUR_MS, 0);
        assert_eq!(after.start_ms, 11 * DAY_MS + 12 * HOUR_MS);
    }
}
