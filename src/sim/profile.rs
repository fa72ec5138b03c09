//! The daily arrival profile: how busy the phones are at each local time of
//! day, as a factor of the peak. Owns nothing else; rates and scenarios
//! multiply it elsewhere.

/// Milliseconds in a day, the period of the profile.
pub(super) const DAY_MS: i64 = 86_400_000;

/// (local minute of day, factor) corner points, joined by straight lines.
/// Quiet overnight, a morning ramp from 07:00, two peaks at 1.0 around a
/// lunch dip, and a fall-off into the evening.
const CORNERS: [(u32, f64); 17] = [
    (0, 0.15),
    (7 * 60, 0.15),
    (8 * 60, 0.45),
    (9 * 60, 0.80),
    (10 * 60, 1.0),
    (11 * 60 + 30, 1.0),
    (12 * 60 + 30, 0.80),
    (13 * 60 + 30, 0.85),
    (14 * 60, 1.0),
    (15 * 60 + 30, 1.0),
    (17 * 60, 0.85),
    (18 * 60, 0.70),
    (19 * 60, 0.45),
    (20 * 60, 0.30),
    (21 * 60, 0.20),
    (22 * 60, 0.15),
    (24 * 60, 0.15),
];

/// The profile's largest value, which thinning uses as its bound.
pub(super) const PEAK: f64 = 1.0;

/// The arrival factor (0 < f ≤ [`PEAK`]) at `at_ms` (UTC) in a zone `utc_offset_s` east of UTC.
pub(super) fn arrival_factor(at_ms: i64, utc_offset_s: i32) -> f64 {
    let local_ms = (at_ms + i64::from(utc_offset_s) * 1000).rem_euclid(DAY_MS);
    let minute = local_ms as f64 / 60_000.0;
    let mut previous = CORNERS[0];
    for corner in CORNERS {
        let (corner_minute, corner_factor) = (f64::from(corner.0), corner.1);
        if minute <= corner_minute {
            let (previous_minute, previous_factor) = (f64::from(previous.0), previous.1);
            let span = corner_minute - previous_minute;
            if span <= 0.0 {
                return corner_factor;
            }
            let along = (minute - previous_minute) / span;
            return previous_factor + (corner_factor - previous_factor) * along;
        }
        previous = corner;
    }
    previous.1
}

/// Local midnight at or before `at_ms`, in UTC milliseconds.
pub(super) fn local_midnight(at_ms: i64, utc_offset_s: i32) -> i64 {
    let offset_ms = i64::from(utc_offset_s) * 1000;
    (at_ms + offset_ms).div_euclid(DAY_MS) * DAY_MS - offset_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR_MS: i64 = 3_600_000;

    #[test]
    fn factor_follows_local_time_of_day() {
        assert_eq!(arrival_factor(3 * HOUR_MS, 0), 0.15);
        assert_eq!(arrival_factor(10 * HOUR_MS + HOUR_MS / 2, 0), 1.0);
        // 09:30 UTC is 10:30 one hour east: the peak.
        assert_eq!(arrival_factor(9 * HOUR_MS + HOUR_MS / 2, 3600), 1.0);
        let ramp = arrival_factor(8 * HOUR_MS + HOUR_MS / 2, 0);
        assert!((ramp - 0.625).abs() < 1e-9, "{ramp}");
        assert!(arrival_factor(12 * HOUR_MS + HOUR_MS / 2, 0) < 0.9);
    }

    #[test]
    fn factor_never_exceeds_the_thinning_bound() {
        for minute in 0..24 * 60 {
            let factor = arrival_factor(i64::from(minute) * 60_000, 0);
            assert!(factor > 0.0 && factor <= PEAK, "{minute}: {factor}");
        }
    }

    #[test]
    fn midnight_is_local() {
        let at = 2 * HOUR_MS; // 02:00 UTC is 20:00 the day before at UTC−6.
        let midnight = local_midnight(at, -6 * 3600);
        assert_eq!(at - midnight, 20 * HOUR_MS);
    }
}
