//! How many agents a queue needs: Erlang C (callers wait for ever) and
//! Erlang A (callers give up after an exponential patience). Pure f64 arithmetic, stable for hundreds of erlangs: the
//! Erlang B recursion for C, log-space weights and uniformization for A.

mod erlang_a;
mod outlook;
#[cfg(test)]
mod tests;

use std::time::Duration;

pub use erlang_a::erlang_a;
pub use outlook::{Demand, Outlook, Target};

/// Why a staffing question has no answer. It names what is wrong, not how to
/// say it: the command line puts it in words (`app::text`). The display is
/// that name, for the log.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StaffingError {
    /// `what` names the input (`calls`, `aht`, …).
    #[error("not-positive {what} {value}")]
    NotPositive { what: &'static str, value: f64 },
    /// A target service level outside 0…1 (1 is never reached).
    #[error("target {0}")]
    Target(f64),
    /// No number of agents up to this many reaches the target.
    #[error("unreachable {0}")]
    Unreachable(u32),
    /// An offered load in erlangs over `MAX_ERLANGS`.
    #[error("too-large {0}")]
    TooLarge(f64),
}

/// The largest offered load worked out. The searches cost time in proportion
/// to the agents they try, so a broken count (10¹² calls in five minutes)
/// would stall the console; the largest real queues are well below this.
pub const MAX_ERLANGS: f64 = 5_000.0;

/// The most agents an outlook is worked out for, for the same reason: Erlang B
/// and A take one step per agent.
pub const MAX_AGENTS: u32 = 10_000;

/// Erlang B blocking probability B(n, a), by the recursion that only ever
/// multiplies numbers in [0, 1].
pub fn erlang_b(n: u32, a: f64) -> f64 {
    (1..=n).fold(1.0, |b, k| a * b / (f64::from(k) + a * b))
}

/// Erlang C: what `agents` agents achieve on `demand`.
pub fn erlang_c(demand: &Demand, agents: u32, threshold: Duration) -> Outlook {
    let a = demand.erlangs();
    outlook_c(a, agents, erlang_b(agents, a), demand.aht, threshold)
}

fn outlook_c(a: f64, agents: u32, b: f64, aht: Duration, threshold: Duration) -> Outlook {
    let n = f64::from(agents);
    if n <= a {
        // The queue grows without bound: everyone waits, for ever.
        return Outlook {
            agents,
            service_level: 0.0,
            asa_s: f64::INFINITY,
            occupancy: 1.0,
            p_wait: 1.0,
            p_abandon: None,
        };
    }
    let aht = aht.as_secs_f64();
    let c = n * b / (n - a * (1.0 - b));
    Outlook {
        agents,
        service_level: 1.0 - c * (-(n - a) * threshold.as_secs_f64() / aht).exp(),
        asa_s: c * aht / (n - a),
        occupancy: a / n,
        p_wait: c,
        p_abandon: None,
    }
}

/// The fewest agents that reach `target` under Erlang C (N > A), and what they achieve.
pub fn erlang_c_required(demand: &Demand, target: &Target) -> Result<Outlook, StaffingError> {
    check(demand, target)?;
    let a = demand.erlangs();
    let cap = search_cap(a);
    // `as` saturates; the sum must too, for a load past u32 agents.
    let mut n = (a.floor() as u32).saturating_add(1);
    let mut b = erlang_b(n, a);
    while n <= cap {
        let outlook = outlook_c(a, n, b, demand.aht, target.threshold);
        if outlook.service_level >= target.share - 1e-12 {
            return Ok(outlook);
        }
        n += 1;
        b = a * b / (f64::from(n) + a * b);
    }
    Err(StaffingError::Unreachable(cap))
}

/// The fewest agents that reach `target` under Erlang A with mean patience
/// `patience` (may be fewer than the offered load: some callers give up).
pub fn erlang_a_required(
    demand: &Demand,
    patience: Duration,
    target: &Target,
) -> Result<Outlook, StaffingError> {
    check(demand, target)?;
    positive("patience", patience.as_secs_f64())?;
    let cap = search_cap(demand.erlangs());
    let reaches = |n: u32| {
        let outlook = erlang_a(demand, patience, n, target.threshold);
        (outlook.service_level >= target.share - 1e-12).then_some(outlook)
    };
    let mut best = reaches(cap).ok_or(StaffingError::Unreachable(cap))?;
    // More agents never lower the service level: halve the range.
    let (mut low, mut high) = (1, cap);
    while low < high {
        let middle = low + (high - low) / 2;
        match reaches(middle) {
            Some(outlook) => {
                best = outlook;
                high = middle;
            }
            None => low = middle + 1,
        }
    }
    if best.agents != low {
        best = reaches(low).unwrap_or(best);
    }
    Ok(best)
}

/// No search goes past this many agents: A + 10√A + 50 is far beyond any
/// service level a person would target, even at hundreds of erlangs.
fn search_cap(a: f64) -> u32 {
    (a + 10.0 * a.sqrt() + 50.0)
        .ceil()
        .min(f64::from(u32::MAX - 1)) as u32
}

fn check(demand: &Demand, target: &Target) -> Result<(), StaffingError> {
    positive("calls", demand.calls)?;
    positive("period", demand.period.as_secs_f64())?;
    positive("AHT", demand.aht.as_secs_f64())?;
    let erlangs = demand.erlangs();
    if erlangs > MAX_ERLANGS {
        return Err(StaffingError::TooLarge(erlangs));
    }
    if !(target.share > 0.0 && target.share < 1.0) {
        return Err(StaffingError::Target(target.share));
    }
    Ok(())
}

fn positive(what: &'static str, value: f64) -> Result<(), StaffingError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(StaffingError::NotPositive { what, value })
    }
}
