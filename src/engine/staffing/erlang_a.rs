//! Erlang A (M/M/N+M): callers give up after an exponential patience with
//! mean P, so the queue is stable at any load. The number in the system is
//! a birth–death chain; its stationary distribution (in log space, so that
//! hundreds of erlangs do not overflow) gives P(wait), the mean queue and
//! P(abandon). The service level needs, for a caller who finds j others
//! waiting, the chance of reaching an agent within T before their own
//! patience runs out: a sum of exponential stages, computed for every j at
//! once by uniformization.

use std::time::Duration;

use super::outlook::{Demand, Outlook};

/// Tail terms smaller than the largest by this factor (e^-45) are dropped.
const NEGLIGIBLE_LOG: f64 = -45.0;
/// However patient callers are, the chain is cut here.
const MAX_STATES: usize = 1_000_000;

/// What `agents` agents achieve on `demand` when callers' mean patience is `patience`.
pub fn erlang_a(demand: &Demand, patience: Duration, agents: u32, threshold: Duration) -> Outlook {
    let chain = Chain {
        lambda: demand.arrival_rate(),
        mu: 1.0 / demand.aht.as_secs_f64(),
        theta: 1.0 / patience.as_secs_f64(),
        agents: agents as usize,
    };
    let p = chain.stationary();
    let n = chain.agents;
    let p_wait: f64 = p.iter().skip(n).sum();
    let queue_length: f64 = p
        .iter()
        .skip(n)
        .enumerate()
        .map(|(j, pj)| j as f64 * pj)
        .sum();
    let p_abandon = chain.theta * queue_length / chain.lambda;
    let answered_at_once: f64 = p.iter().take(n).sum();
    let answered_in_time = chain.waiters_answered_within(&p[n.min(p.len())..], threshold);
    let occupancy = if agents == 0 {
        1.0
    } else {
        chain.lambda * (1.0 - p_abandon) / (f64::from(agents) * chain.mu)
    };
    Outlook {
        agents,
        service_level: answered_at_once + answered_in_time,
        asa_s: queue_length / chain.lambda,
        occupancy,
        p_wait,
        p_abandon: Some(p_abandon),
    }
}

struct Chain {
    lambda: f64,
    mu: f64,
    theta: f64,
    agents: usize,
}

impl Chain {
    /// The rate at which the system loses one caller with `k` in it.
    fn departures(&self, k: usize) -> f64 {
        let serving = k.min(self.agents) as f64;
        let waiting = k.saturating_sub(self.agents) as f64;
        serving * self.mu + waiting * self.theta
    }

    /// p_k for k = 0, 1, … until the tail no longer matters, normalised.
    fn stationary(&self) -> Vec<f64> {
        let mut logs = vec![0.0];
        let mut largest: f64 = 0.0;
        for k in 1..MAX_STATES {
            let ratio = self.lambda / self.departures(k);
            let log = logs[k - 1] + ratio.ln();
            logs.push(log);
            largest = largest.max(log);
            if k > self.agents && ratio < 1.0 && log - largest < NEGLIGIBLE_LOG {
                break;
            }
        }
        let weights: Vec<f64> = logs.iter().map(|l| (l - largest).exp()).collect();
        let total: f64 = weights.iter().sum();
        weights.iter().map(|w| w / total).collect()
    }

    /// Of all arrivals, the share that find every agent busy, with j = 0, 1, …
    /// others waiting (`waiting[j]` = p_{N+j}), and still reach an agent
    /// within `threshold`: each of the j + 1 stages ahead ends at rate
    /// Nμ + iθ (an agent frees or someone ahead gives up) while the caller's
    /// own patience runs at θ. Exponential tilting turns "before giving up"
    /// into a factor per stage and stages at Nμ + (i+1)θ.
    fn waiters_answered_within(&self, waiting: &[f64], threshold: Duration) -> f64 {
        let t = threshold.as_secs_f64();
        if waiting.is_empty() || t <= 0.0 || self.agents == 0 {
            return 0.0;
        }
        let served = self.agents as f64 * self.mu;
        let stage_rate = |i: usize| served + (i + 1) as f64 * self.theta;
        // Start weights: p_{N+j} times the chance of outlasting every stage.
        let mut outlasts = 1.0;
        let start: Vec<f64> = waiting
            .iter()
            .enumerate()
            .map(|(j, pj)| {
                let ahead = served + j as f64 * self.theta;
                outlasts *= ahead / (ahead + self.theta);
                pj * outlasts
            })
            .collect();
        absorbed_within(&start, stage_rate, t)
    }
}

/// Uniformization: the mass of `start` (state j has j + 1 stages to go,
/// the current one at `rate(j)`) that has finished every stage by time `t`.
fn absorbed_within(start: &[f64], rate: impl Fn(usize) -> f64, t: f64) -> f64 {
    let top = start.len() - 1;
    let uniform = (0..=top).map(&rate).fold(0.0, f64::max);
    let mean_steps = uniform * t;
    let last_step = (mean_steps + 12.0 * mean_steps.sqrt() + 30.0).ceil() as usize;
    let step_chance: Vec<f64> = (0..=top).map(|j| rate(j) / uniform).collect();
    let mut mass = start.to_vec();
    let mut absorbed = 0.0;
    let mut total = 0.0;
    // Poisson(mean_steps) weights, built in log space.
    let mut log_poisson = -mean_steps;
    for m in 0..=last_step {
        if m > 0 {
            log_poisson += mean_steps.ln() - (m as f64).ln();
        }
        total += log_poisson.exp() * absorbed;
        absorbed += mass[0] * step_chance[0];
        for j in 0..top {
            mass[j] = mass[j] * (1.0 - step_chance[j]) + mass[j + 1] * step_chance[j + 1];
        }
        mass[top] *= 1.0 - step_chance[top];
    }
    total
}
