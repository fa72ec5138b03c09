//! Who works which shift with which skills: agents laid out over the sites, shifts spread in the
//! rota's proportions, skills following the queues' loads with every queue covered in every shift.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::spec::{AgentSpec, QueueSpec, SiteSpec};
use crate::sim::roster::SHIFTS;

/// No agent holds more skills than this.
pub(super) const MAX_SKILLS: usize = 3;

/// Site agents as (site index, how many), turned into agents with ids, names
/// and shifts; skills are added by [`assign_skills`].
pub(super) fn staff_sites(
    sites: &[SiteSpec],
    per_site: &[usize],
    id_prefixes: &[&str],
) -> Vec<AgentSpec> {
    let mut agents = Vec::with_capacity(per_site.iter().sum());
    for (site, (&count, prefix)) in per_site.iter().zip(id_prefixes).enumerate() {
        let chinese = sites.get(site).is_some_and(|spec| spec.chinese_names);
        for k in 0..count {
            let index = agents.len();
            agents.push(AgentSpec {
                id: format!("{prefix}-{:04}", k + 1),
                name: crate::sim::names::agent_name(k, chinese),
                site,
                shift: shift_for(index),
                skills: Vec::new(),
            });
        }
    }
    agents
}

/// Spreads shifts evenly over the agent list (and so over every site) with a
/// golden-ratio sequence, in the proportions of the rota.
pub(super) fn shift_for(index: usize) -> usize {
    const GOLDEN: f64 = 0.618_033_988_749_895;
    let point = (0.5 + index as f64 * GOLDEN).fract() * 100.0;
    let mut upper = 0.0;
    for (shift, spec) in SHIFTS.iter().enumerate() {
        upper += f64::from(spec.share_percent);
        if point < upper {
            return shift;
        }
    }
    SHIFTS.len() - 1
}

/// Gives every agent 1–3 skills so that, within each shift, skills follow the
/// queues' loads and every queue has someone to answer it.
pub(super) fn assign_skills(agents: &mut [AgentSpec], queues: &[QueueSpec], rng: &mut ChaCha8Rng) {
    let cumulative = cumulative_loads(queues);
    for shift in 0..SHIFTS.len() {
        let mut team: Vec<usize> = (0..agents.len())
            .filter(|&a| agents[a].shift == shift)
            .collect();
        shuffle(&mut team, rng);
        give_primary_skills(agents, &team, &cumulative, rng);
        for &agent in &team {
            add_secondary_skills(&mut agents[agent], &cumulative, rng);
        }
        cover_every_queue(agents, &team, queues.len());
    }
}

fn cumulative_loads(queues: &[QueueSpec]) -> Vec<f64> {
    let total: f64 = queues.iter().map(QueueSpec::peak_load_erlangs).sum();
    let mut running = 0.0;
    queues
        .iter()
        .map(|queue| {
            running += queue.peak_load_erlangs() / total.max(f64::MIN_POSITIVE);
            running
        })
        .collect()
}

/// The queue whose slice of the cumulative load holds `point` (0 ≤ point < 1).
fn queue_at(cumulative: &[f64], point: f64) -> u32 {
    let index = cumulative.partition_point(|&upper| upper <= point);
    u32::try_from(index.min(cumulative.len().saturating_sub(1))).unwrap_or(0)
}

/// Stratified sampling: the k-th of n team members takes the queue at (k + u)/n,
/// so each queue gets its share of primaries to within one agent.
fn give_primary_skills(
    agents: &mut [AgentSpec],
    team: &[usize],
    cumulative: &[f64],
    rng: &mut ChaCha8Rng,
) {
    let offset: f64 = rng.random();
    for (k, &agent) in team.iter().enumerate() {
        let point = (k as f64 + offset) / team.len() as f64;
        agents[agent].skills.push(queue_at(cumulative, point));
    }
}

fn add_secondary_skills(agent: &mut AgentSpec, cumulative: &[f64], rng: &mut ChaCha8Rng) {
    let roll: f64 = rng.random();
    let wanted = if roll < 0.35 {
        1
    } else if roll < 0.75 {
        2
    } else {
        3
    };
    let wanted = wanted.min(cumulative.len());
    // A few tries are plenty; an agent left with fewer skills is still a valid agent.
    for _ in 0..8 {
        if agent.skills.len() >= wanted {
            break;
        }
        let queue = queue_at(cumulative, rng.random());
        if !agent.skills.contains(&queue) {
            agent.skills.push(queue);
        }
    }
}

/// Adds any queue the team does not cover to the next member with room for it.
fn cover_every_queue(agents: &mut [AgentSpec], team: &[usize], queue_count: usize) {
    if team.is_empty() {
        return;
    }
    let mut covered = vec![false; queue_count];
    for &agent in team {
        for &queue in &agents[agent].skills {
            covered[queue as usize] = true;
        }
    }
    let mut cursor = 0;
    for queue in (0..queue_count).filter(|&q| !covered[q]) {
        let Ok(queue) = u32::try_from(queue) else {
            continue;
        };
        // A team where everyone already has three skills leaves the queue to other shifts.
        let with_room = (0..team.len())
            .map(|step| (cursor + step) % team.len())
            .find(|&slot| agents[team[slot]].skills.len() < MAX_SKILLS);
        if let Some(slot) = with_room {
            agents[team[slot]].skills.push(queue);
            cursor = (slot + 1) % team.len();
        }
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}
