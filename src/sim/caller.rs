//! Callers and what chance decides about them: who they are, why they call,
//! how long they will wait, how long the conversation and its wrap-up take,
//! and how they feel at the end. Every draw comes from the floor's one seeded
//! generator, so a run is reproducible.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp1, StandardNormal};

use super::floor_plan::QueueSpec;
use super::names::{CallerIdentity, NAME_CHOICES};

/// One contact, from arrival until its wrap-up ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Call {
    pub id: u64,
    pub queue: u32,
    pub arrived_ms: i64,
    /// Index into the queue's reasons.
    pub reason: u16,
    pub tags: Tags,
    pub caller: CallerIdentity,
    /// Called about the outage during a complaint spike: the conversation will go badly.
    pub angry: bool,
}

/// What the platform knows about a caller that changes how they are treated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Tags {
    pub vip: bool,
    pub elderly: bool,
}

/// Orders waiting calls by arrival, then by id for calls arriving in the same millisecond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct WaitKey {
    pub arrived_ms: i64,
    pub call: u64,
}

impl Call {
    pub fn wait_key(&self) -> WaitKey {
        WaitKey {
            arrived_ms: self.arrived_ms,
            call: self.id,
        }
    }
}

impl Tags {
    pub fn labels(self) -> Vec<String> {
        let mut labels = Vec::new();
        if self.vip {
            labels.push("VIP".to_owned());
        }
        if self.elderly {
            labels.push("elderly".to_owned());
        }
        labels
    }
}

const VIP_SHARE: f64 = 0.05;
const ELDERLY_SHARE: f64 = 0.08;
const MEAN_PATIENCE_S: f64 = 120.0;
const VIP_MEAN_PATIENCE_S: f64 = 240.0;
const ELDERLY_MEAN_PATIENCE_S: f64 = 200.0;
/// Elderly callers talk longer.
const ELDERLY_TALK_FACTOR: f64 = 1.3;
const TALK_SPREAD: f64 = 0.55;
const WRAP_SPREAD: f64 = 0.4;
/// A shorter call is a wrong number, not a conversation.
const MIN_TALK_MS: i64 = 5_000;
const SHARE_NAMED: f64 = 0.55;

pub(super) fn draw_tags(rng: &mut ChaCha8Rng) -> Tags {
    Tags {
        vip: rng.random_bool(VIP_SHARE),
        elderly: rng.random_bool(ELDERLY_SHARE),
    }
}

/// How long the caller will wait before hanging up: exponential, longer for VIP and elderly callers.
pub(super) fn draw_patience_ms(rng: &mut ChaCha8Rng, tags: Tags) -> i64 {
    let mean_s = if tags.vip {
        VIP_MEAN_PATIENCE_S
    } else if tags.elderly {
        ELDERLY_MEAN_PATIENCE_S
    } else {
        MEAN_PATIENCE_S
    };
    let unit: f64 = Exp1.sample(rng);
    seconds_to_ms(unit * mean_s).max(1)
}

/// The contact reason, by the queue's weights; during a spike most callers on
/// the target queue call about the outage.
pub(super) fn draw_reason(
    rng: &mut ChaCha8Rng,
    queue: &QueueSpec,
    spike_share: Option<f64>,
) -> usize {
    if let (Some(share), Some(reason)) = (spike_share, queue.spike_reason)
        && rng.random_bool(share)
    {
        return reason;
    }
    let total: f64 = queue.reasons.iter().map(|reason| reason.weight).sum();
    let mut point = rng.random::<f64>() * total;
    for (index, reason) in queue.reasons.iter().enumerate() {
        if point < reason.weight {
            return index;
        }
        point -= reason.weight;
    }
    queue.reasons.len().saturating_sub(1)
}

pub(super) fn draw_identity(rng: &mut ChaCha8Rng, chinese_share: f64) -> CallerIdentity {
    let chinese = rng.random_bool(chinese_share.clamp(0.0, 1.0));
    if rng.random_bool(SHARE_NAMED) {
        CallerIdentity::Named {
            chinese,
            given: pick_name(rng),
            family: pick_name(rng),
        }
    } else {
        CallerIdentity::Number {
            chinese,
            last_digits: rng.random_range(0..10_000),
        }
    }
}

fn pick_name(rng: &mut ChaCha8Rng) -> u8 {
    u8::try_from(rng.random_range(0..NAME_CHOICES)).unwrap_or(0)
}

pub(super) fn draw_talk_ms(rng: &mut ChaCha8Rng, queue: &QueueSpec, tags: Tags) -> i64 {
    let factor = if tags.elderly {
        ELDERLY_TALK_FACTOR
    } else {
        1.0
    };
    let seconds = lognormal_with_mean(rng, queue.talk_mean_s * factor, TALK_SPREAD);
    seconds_to_ms(seconds).max(MIN_TALK_MS)
}

pub(super) fn draw_wrap_ms(rng: &mut ChaCha8Rng, queue: &QueueSpec) -> i64 {
    seconds_to_ms(lognormal_with_mean(rng, queue.wrap_mean_s, WRAP_SPREAD)).max(1_000)
}

/// How the caller felt, −1…1: mildly positive as a rule, worse after a long
/// wait or for a sore reason, and strongly negative for an angry caller.
pub(super) fn draw_sentiment(
    rng: &mut ChaCha8Rng,
    call: &Call,
    wait_ms: i64,
    reason_mood: f64,
) -> f32 {
    let normal: f64 = StandardNormal.sample(rng);
    let wait_penalty = (wait_ms as f64 / 400_000.0).min(0.5);
    let score = if call.angry {
        -0.6 + 0.2 * normal - wait_penalty / 2.0
    } else {
        0.15 + 0.35 * normal + reason_mood - wait_penalty
    };
    score.clamp(-1.0, 1.0) as f32
}

/// Lognormal with the given mean; `spread` is σ of the underlying normal.
fn lognormal_with_mean(rng: &mut ChaCha8Rng, mean: f64, spread: f64) -> f64 {
    let normal: f64 = StandardNormal.sample(rng);
    let mu = mean.max(f64::MIN_POSITIVE).ln() - spread * spread / 2.0;
    (mu + spread * normal).exp()
}

fn seconds_to_ms(seconds: f64) -> i64 {
    (seconds * 1000.0).round() as i64
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn lognormal_has_the_requested_mean() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let n = 40_000;
        let mean = (0..n)
            .map(|_| lognormal_with_mean(&mut rng, 300.0, 0.55))
            .sum::<f64>()
            / n as f64;
        assert!((mean - 300.0).abs() < 6.0, "{mean}");
    }

    #[test]
    fn patience_is_longer_for_vip_callers() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let n = 20_000;
        let mut mean_s = |tags| {
            (0..n)
                .map(|_| draw_patience_ms(&mut rng, tags))
                .sum::<i64>() as f64
                / n as f64
                / 1000.0
        };
        let usual = mean_s(Tags::default());
        let vip = mean_s(Tags {
            vip: true,
            elderly: false,
        });
        assert!((usual - 120.0).abs() < 5.0, "{usual}");
        assert!((vip - 240.0).abs() < 10.0, "{vip}");
    }
}
