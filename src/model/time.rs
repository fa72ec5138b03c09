//! Instants as plain numbers. The model and the engine never read a clock:
//! every `now` is a parameter, so the engine is deterministic under test.

use std::fmt;
use std::time::Duration;

/// Milliseconds since the Unix epoch, UTC.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    pub const fn from_secs(secs: i64) -> Self {
        Self(secs.saturating_mul(1000))
    }

    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// Seconds from `earlier` to `self`; negative when `earlier` is later.
    pub fn secs_since(self, earlier: Timestamp) -> f64 {
        // In i128 the difference of any two instants is exact: no overflow at the extremes.
        (i128::from(self.0) - i128::from(earlier.0)) as f64 / 1000.0
    }

    /// Whole milliseconds from `earlier` to `self`, zero when `earlier` is later
    /// (clocks step backwards; a duration is never negative).
    pub fn saturating_since(self, earlier: Timestamp) -> Duration {
        let millis = i128::from(self.0) - i128::from(earlier.0);
        Duration::from_millis(u64::try_from(millis.max(0)).unwrap_or(u64::MAX))
    }

    pub fn plus(self, duration: Duration) -> Self {
        Self(
            self.0
                .saturating_add(i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)),
        )
    }

    pub fn minus(self, duration: Duration) -> Self {
        Self(
            self.0
                .saturating_sub(i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)),
        )
    }

    /// The start of the `period` that contains `self`, with periods aligned to
    /// local midnight of a zone `utc_offset_s` seconds east of UTC.
    pub fn floor_to(self, period: Duration, utc_offset_s: i32) -> Self {
        // In i128, so an instant at the edge of time cannot overflow; the
        // answer is brought back into range by saturating.
        let period_ms = i128::try_from(period.as_millis())
            .unwrap_or(i128::MAX)
            .max(1);
        let offset_ms = i128::from(utc_offset_s) * 1000;
        let local = i128::from(self.0) + offset_ms;
        let start = local.div_euclid(period_ms) * period_ms - offset_ms;
        Self(i64::try_from(start).unwrap_or(if start < 0 { i64::MIN } else { i64::MAX }))
    }

    /// Local time of day as (hours, minutes, seconds) in a zone `utc_offset_s` east of UTC.
    pub fn local_hms(self, utc_offset_s: i32) -> (u32, u32, u32) {
        let local_secs = (self.0 / 1000)
            .saturating_add(i64::from(utc_offset_s))
            .rem_euclid(86_400);
        let secs = u32::try_from(local_secs).unwrap_or(0);
        (secs / 3600, secs / 60 % 60, secs % 60)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = self.local_hms(0);
        write!(f, "Timestamp({} = {h:02}:{m:02}:{s:02}Z)", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_to_aligns_to_local_clock() {
        // 10:07:30 UTC in a zone one hour east is 11:07:30 local; the quarter hour starts 11:00 local.
        let t = Timestamp::from_secs(10 * 3600 + 7 * 60 + 30);
        let start = t.floor_to(Duration::from_secs(900), 3600);
        assert_eq!(start.local_hms(3600), (11, 0, 0));
        assert_eq!(start, Timestamp::from_secs(10 * 3600));
    }

    #[test]
    fn day_starts_at_local_midnight() {
        let t = Timestamp::from_secs(2 * 3600); // 02:00 UTC = 20:00 previous day at UTC-6
        let day = t.floor_to(Duration::from_secs(86_400), -6 * 3600);
        assert_eq!(day.local_hms(-6 * 3600), (0, 0, 0));
        assert!(day <= t && t.secs_since(day) < 86_400.0);
        assert_eq!(t.secs_since(day), 20.0 * 3600.0);
    }

    #[test]
    fn durations_never_go_negative() {
        let early = Timestamp::from_secs(100);
        let late = Timestamp::from_secs(50);
        assert_eq!(late.saturating_since(early), Duration::ZERO);
        assert_eq!(late.secs_since(early), -50.0);
    }

    #[test]
    fn instants_at_the_edge_of_time_do_not_overflow() {
        let (first, last) = (
            Timestamp::from_millis(i64::MIN),
            Timestamp::from_millis(i64::MAX),
        );
        assert_eq!(first.saturating_since(last), Duration::ZERO);
        assert_eq!(
            last.saturating_since(first),
            Duration::from_millis(u64::MAX)
        );
        assert!(last.secs_since(first) > 1.8e16);
        assert!(
            first.floor_to(Duration::from_secs(60), 3600) <= first.plus(Duration::from_secs(60))
        );
        assert!(last.floor_to(Duration::from_secs(86_400), -3600) <= last);
        let _ = (first.local_hms(-50_400), last.local_hms(50_400));
    }
}
