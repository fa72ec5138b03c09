//! A large floor generated from two numbers: `queues` queues named
//! "Queue 0001"… and `agents` agents over six sites. Queue sizes vary
//! (lognormal), and rates are scaled so the floor carries the same load per
//! agent as the standard one.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use super::spec::{FloorPlan, OUTAGE_COMPLAINT, QueueSpec, ReasonSpec, SiteSpec, reason};
use super::staff::{assign_skills, staff_sites};
use super::standard::{peak_load_per_agent, site};
use crate::model::QueueId;
use crate::sim::scenario::QueueRole;

/// Sites and the share of agents at each, in percent.
const SITE_SHARES: [u32; 6] = [25, 20, 15, 15, 10, 15];
const AGENT_ID_PREFIXES: [&str; 6] = ["mcr", "szx", "gla", "mnl", "cpt", "home"];

/// Contact reasons the generated queues draw theirs from (all but the first few
/// are neutral; mood shifts sentiment).
const REASON_POOL: [(&str, f64); 16] = [
    ("Bill query", 0.0),
    ("Payment failed", -0.1),
    ("Refund request", -0.1),
    ("Account change", 0.05),
    ("Order status", 0.0),
    ("Delivery problem", -0.15),
    ("Technical fault", -0.1),
    ("New order", 0.15),
    ("Upgrade", 0.1),
    ("Cancellation", -0.15),
    ("Password reset", 0.0),
    ("Appointment", 0.05),
    ("Claim status", -0.05),
    ("Price enquiry", 0.0),
    ("Complaint", -0.3),
    ("General enquiry", 0.05),
];

/// Queues that the surge scenario triples (the complaint spike takes the first).
const SURGED_QUEUES: [usize; 2] = [1, 2];

pub(super) fn plan(queue_count: usize, agent_count: usize, rng: &mut ChaCha8Rng) -> FloorPlan {
    // A floor needs at least one queue for calls to arrive anywhere.
    let queue_count = queue_count.max(1);
    let sites = sites();
    let queues = queues(queue_count, agent_count, rng);
    let mut agents = staff_sites(&sites, &agents_per_site(agent_count), &AGENT_ID_PREFIXES);
    assign_skills(&mut agents, &queues, rng);
    FloorPlan {
        sites,
        queues,
        agents,
        power_loss_site: 0,
    }
}

fn sites() -> Vec<SiteSpec> {
    vec![
        site("manchester", "Manchester", true, false),
        site("shenzhen", "深圳 Shenzhen", true, true),
        site("glasgow", "Glasgow", true, false),
        site("manila", "Manila", true, false),
        site("cape-town", "Cape Town", true, false),
        site("home", "Home workers", false, false),
    ]
}

/// Splits `agent_count` by [`SITE_SHARES`], rounding the running total so the parts add up.
fn agents_per_site(agent_count: usize) -> Vec<usize> {
    let mut done = 0;
    let mut share_so_far = 0;
    SITE_SHARES
        .iter()
        .map(|&share| {
            share_so_far += share as usize;
            let upto = agent_count * share_so_far / 100;
            let here = upto - done;
            done = upto;
            here
        })
        .collect()
}

fn queues(queue_count: usize, agent_count: usize, rng: &mut ChaCha8Rng) -> Vec<QueueSpec> {
    let mut queues: Vec<QueueSpec> = (0..queue_count).map(|index| queue(index, rng)).collect();
    scale_to_staff(&mut queues, agent_count);
    queues[0].role.complaint_target = true;
    queues[0].spike_reason = Some(0);
    for &index in SURGED_QUEUES.iter().filter(|&&index| index < queue_count) {
        queues[index].role.surged = true;
    }
    queues
}

/// One queue with a relative size in `peak_calls_per_hour`, made absolute by [`scale_to_staff`].
fn queue(index: usize, rng: &mut ChaCha8Rng) -> QueueSpec {
    let normal: f64 = StandardNormal.sample(rng);
    let relative_size = (0.5 * normal).exp();
    QueueSpec {
        id: QueueId(format!("q{:04}", index + 1)),
        name: format!("Queue {:04}", index + 1),
        peak_calls_per_hour: relative_size,
        talk_mean_s: rng.random_range(180.0..420.0),
        wrap_mean_s: rng.random_range(30.0..60.0),
        sl_threshold_s: if rng.random_bool(1.0 / 3.0) { 30 } else { 20 },
        short_abandon_s: 5,
        reasons: reasons(index == 0, rng),
        chinese_callers: 0.15,
        role: QueueRole::default(),
        spike_reason: None,
    }
}

/// 3–6 distinct reasons from the pool; the complaint target leads with the outage complaint.
fn reasons(complaint_target: bool, rng: &mut ChaCha8Rng) -> Vec<ReasonSpec> {
    let wanted = rng.random_range(3..=6);
    let mut chosen: Vec<ReasonSpec> = Vec::with_capacity(wanted + 1);
    if complaint_target {
        chosen.push(reason(OUTAGE_COMPLAINT, 1.0, -0.3));
    }
    while chosen.len() < wanted {
        let (name, mood) = REASON_POOL[rng.random_range(0..REASON_POOL.len())];
        if chosen.iter().all(|existing| existing.name != name) {
            chosen.push(reason(name, rng.random_range(1.0..5.0), mood));
        }
    }
    chosen
}

fn scale_to_staff(queues: &mut [QueueSpec], agent_count: usize) {
    let wanted_load = peak_load_per_agent() * agent_count as f64;
    let relative_load: f64 = queues.iter().map(QueueSpec::peak_load_erlangs).sum();
    let scale = wanted_load / relative_load.max(f64::MIN_POSITIVE);
    for queue in queues {
        queue.peak_calls_per_hour *= scale;
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn sites_add_up_to_the_agent_count() {
        for count in [0, 1, 7, 80, 20_000] {
            assert_eq!(agents_per_site(count).iter().sum::<usize>(), count);
        }
    }

    #[test]
    fn load_per_agent_matches_the_standard_floor() {
        let plan = plan(200, 5000, &mut ChaCha8Rng::seed_from_u64(3));
        let per_agent = plan.peak_load_erlangs() / plan.agents.len() as f64;
        assert!((per_agent - peak_load_per_agent()).abs() < 1e-9);
        assert_eq!(plan.queues[0].reasons[0].name, OUTAGE_COMPLAINT);
        assert_eq!(plan.queues[0].name, "Queue 0001");
    }
}
