//! The poller: one request in flight, one every `interval`, results as messages.
//!
//! While the platform fails it backs off exponentially with jitter (so fifty
//! consoles do not come back in step after an outage); a platform that asks us
//! to wait (`429` + `Retry-After`) is obeyed; rejected credentials are tried
//! again only rarely, since hammering a login is how accounts get locked.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use tokio::sync::{mpsc, watch};

use super::wall_now;
use crate::app::Msg;
use crate::platform::{Platform, PlatformError};

/// The longest ordinary wait between polls while the platform keeps failing,
/// before jitter (which adds up to as much again).
const MAX_BACKOFF: Duration = Duration::from_secs(20);
/// How long to wait after the platform rejected our credentials.
const CREDENTIALS_RETRY: Duration = Duration::from_secs(300);

pub async fn run(
    mut platform: Box<dyn Platform>,
    interval: Duration,
    messages: mpsc::Sender<Msg>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut schedule = Schedule::new(interval);
    loop {
        // Awaiting the poll before scheduling the next keeps one request in flight.
        let result = platform.poll().await;
        let delay = schedule.after(&result);
        let msg = match result {
            Ok(snapshot) => Msg::FloorObserved {
                snapshot,
                at: wall_now(),
            },
            Err(e) => {
                tracing::warn!(
                    "poll failed ({} in a row, next in {:.1} s): {e}",
                    schedule.failures,
                    delay.as_secs_f64()
                );
                Msg::PollFailed {
                    at: wall_now(),
                    failure: e.to_failure(),
                }
            }
        };
        if messages.send(msg).await.is_err() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// When to poll next, given how the last poll went.
pub struct Schedule {
    interval: Duration,
    backoff: ExponentialBackoff,
    failures: u32,
}

impl Schedule {
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            backoff: backoff(interval),
            failures: 0,
        }
    }

    pub fn after<T>(&mut self, result: &Result<T, PlatformError>) -> Duration {
        let Err(error) = result else {
            self.failures = 0;
            self.backoff = backoff(self.interval);
            return self.interval;
        };
        self.failures = self.failures.saturating_add(1);
        let backoff = self.backoff.next().unwrap_or(MAX_BACKOFF);
        match error {
            // Throttled is not down: wait as long as asked, never less than the backoff.
            PlatformError::Throttled {
                retry_after: Some(wait),
                ..
            } => (*wait).max(backoff),
            PlatformError::CredentialsRejected { .. } => CREDENTIALS_RETRY,
            _ => backoff,
        }
    }
}

fn backoff(interval: Duration) -> ExponentialBackoff {
    ExponentialBuilder::new()
        .with_min_delay(interval)
        .with_max_delay(MAX_BACKOFF.max(interval))
        .with_factor(2.0)
        .with_jitter()
        .without_max_times()
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed() -> Result<(), PlatformError> {
        Err(PlatformError::unreachable("connection refused"))
    }

    #[test]
    fn backs_off_with_jitter_while_failing_and_caps() {
        let base = Duration::from_secs(2);
        let mut schedule = Schedule::new(base);
        let delays: Vec<Duration> = (0..12).map(|_| schedule.after(&failed())).collect();
        // Each wait is the doubled delay stretched by a random 0–100 %.
        for (i, delay) in delays.iter().take(4).enumerate() {
            let nominal = base * 2u32.pow(i as u32);
            assert!(
                *delay >= nominal && *delay <= nominal * 2,
                "wait {i}: {delay:?}"
            );
        }
        for delay in &delays[5..] {
            assert!(
                *delay >= MAX_BACKOFF && *delay <= MAX_BACKOFF * 2,
                "{delay:?}"
            );
        }
        assert_eq!(
            schedule.after(&Ok::<(), PlatformError>(())),
            base,
            "success resets"
        );
        let again = schedule.after(&failed());
        assert!(again >= base && again <= base * 2, "{again:?}");
    }

    #[test]
    fn throttling_waits_as_long_as_asked() {
        let mut schedule = Schedule::new(Duration::from_secs(2));
        let throttled = Err::<(), _>(PlatformError::Throttled {
            reason: "429".into(),
            retry_after: Some(Duration::from_secs(120)),
        });
        assert_eq!(schedule.after(&throttled), Duration::from_secs(120));
    }

    #[test]
    fn rejected_credentials_are_not_hammered() {
        let mut schedule = Schedule::new(Duration::from_secs(2));
        let rejected = Err::<(), _>(PlatformError::credentials("401"));
        assert_eq!(schedule.after(&rejected), CREDENTIALS_RETRY);
    }
}
