//! The platform's clock, checked against this computer's rather than trusted.
//!
//! Every window runs on the platform's time (`Snapshot::observed_at`), and a
//! queue's history never runs backwards. So one answer stamped an hour ahead
//! would drag every window an hour into the future, and keep them there after
//! the platform came right. Such an answer is held back, like a failed poll:
//! the last good figures stay on screen, and the header says `? CLOCK` with
//! the skew. An answer stamped behind ours is taken (the windows stay in
//! order) but is not live: its figures may be that old.

use std::time::Duration;

use crate::model::Timestamp;

/// How far the platform's time may be from this computer's. Clocks kept by
/// NTP agree within a second; a minute covers a slow answer, a `Date` header's
/// whole seconds and an unsynchronised PBX's drift over weeks, and is still
/// short enough that a wrong zone or a clock set by hand shows at once.
pub const CLOCK_TOLERANCE: Duration = Duration::from_secs(60);

/// What is wrong with the platform's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockFault {
    /// Its time is this far ahead of ours: the answer is held back.
    Ahead { by: Duration },
    /// Its time is this far behind ours: the figures are taken, not live.
    Behind { by: Duration },
    /// Its time went back this far from the figures already shown: held back.
    WentBack { by: Duration },
    /// Its time has not moved for this long while ours ran.
    Stopped { for_: Duration },
}

impl ClockFault {
    /// Whether the answer must not reach the windows.
    pub fn holds_back(self) -> bool {
        matches!(self, ClockFault::Ahead { .. } | ClockFault::WentBack { .. })
    }

    /// The platform's time minus ours (or minus what it said before), in
    /// milliseconds: positive ahead, negative behind.
    pub fn skew_ms(self) -> i64 {
        let millis = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        match self {
            ClockFault::Ahead { by } => millis(by),
            ClockFault::Behind { by } | ClockFault::WentBack { by } => -millis(by),
            ClockFault::Stopped { for_ } => -millis(for_),
        }
    }
}

/// What is wrong with an answer stamped `observed_at`, received at wall time
/// `received_at`, when the figures shown are stamped `shown` (if any).
pub fn judge(
    observed_at: Timestamp,
    received_at: Timestamp,
    shown: Option<Timestamp>,
    tolerance: Duration,
) -> Option<ClockFault> {
    let ahead = observed_at.saturating_since(received_at);
    if ahead > tolerance {
        return Some(ClockFault::Ahead { by: ahead });
    }
    // Small steps back are taken (the history holds its place); a large one
    // would show old figures as the newest.
    let went_back = shown.map_or(Duration::ZERO, |shown| shown.saturating_since(observed_at));
    if went_back > tolerance {
        return Some(ClockFault::WentBack { by: went_back });
    }
    let behind = received_at.saturating_since(observed_at);
    (behind > tolerance).then_some(ClockFault::Behind { by: behind })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Timestamp = Timestamp::from_secs(1_767_600_000);

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn a_clock_within_a_minute_is_believed() {
        assert_eq!(judge(T.plus(secs(59)), T, None, CLOCK_TOLERANCE), None);
        assert_eq!(judge(T.minus(secs(59)), T, Some(T), CLOCK_TOLERANCE), None);
    }

    #[test]
    fn ahead_behind_and_back_are_told_apart() {
        let hour_ahead = judge(T.plus(secs(3720)), T, None, CLOCK_TOLERANCE);
        assert_eq!(hour_ahead, Some(ClockFault::Ahead { by: secs(3720) }));
        assert!(hour_ahead.is_some_and(ClockFault::holds_back));
        assert_eq!(hour_ahead.map(ClockFault::skew_ms), Some(3_720_000));

        let behind = judge(T.minus(secs(300)), T, None, CLOCK_TOLERANCE);
        assert_eq!(behind, Some(ClockFault::Behind { by: secs(300) }));
        assert!(!behind.is_some_and(ClockFault::holds_back));

        // Within a minute of our clock, but two minutes before what is shown.
        let shown = T.plus(secs(50));
        let back = judge(T.minus(secs(50)), T, Some(shown), CLOCK_TOLERANCE);
        assert_eq!(back, Some(ClockFault::WentBack { by: secs(100) }));
        assert_eq!(back.map(ClockFault::skew_ms), Some(-100_000));
    }
}
