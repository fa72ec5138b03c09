//! The poller: one request in flight, one every `interval`, results as messages.

use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::wall_now;
use crate::app::Msg;
use crate::platform::Platform;

/// The longest wait between polls while the platform keeps failing.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

pub async fn run(
    mut platform: Box<dyn Platform>,
    interval: Duration,
    messages: mpsc::Sender<Msg>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut failures: u32 = 0;
    loop {
        // Awaiting the poll before scheduling the next keeps one request in flight.
        let msg = match platform.poll().await {
            Ok(snapshot) => {
                failures = 0;
                Msg::FloorObserved {
                    snapshot,
                    at: wall_now(),
                }
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                tracing::warn!("poll failed ({failures} in a row): {e}");
                Msg::PollFailed {
                    at: wall_now(),
                    reason: e.to_string(),
                }
            }
        };
        if messages.send(msg).await.is_err() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(next_delay(interval, failures)) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// The poll interval, doubled per consecutive failure up to [`MAX_BACKOFF`].
fn next_delay(interval: Duration, failures: u32) -> Duration {
    let factor = 2u32.saturating_pow(failures.saturating_sub(1).min(8));
    if failures == 0 {
        interval
    } else {
        interval
            .saturating_mul(factor)
            .min(MAX_BACKOFF.max(interval))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_while_failing_and_caps() {
        let base = Duration::from_secs(2);
        assert_eq!(next_delay(base, 0), base);
        assert_eq!(next_delay(base, 1), base);
        assert_eq!(next_delay(base, 2), Duration::from_secs(4));
        assert_eq!(next_delay(base, 3), Duration::from_secs(8));
        assert_eq!(next_delay(base, 30), MAX_BACKOFF);
    }
}
