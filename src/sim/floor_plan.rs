//! The fixed shape of a simulated floor: its sites, queues and agents, and
//! who works which shift with which skills. Built once from the
//! [`FloorShape`](super::FloorShape) and never changed while the floor runs;
//! everything that moves lives in `floor`.

mod large;
mod standard;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::FloorShape;
use super::roster::SHIFTS;
use super::scenario::QueueRole;
use crate::model::QueueId;

#[derive(Clone, Debug)]
pub(super) struct FloorPlan {
    pub sites: Vec<SiteSpec>,
    pub queues: Vec<QueueSpec>,
    pub agents: Vec<AgentSpec>,
    /// The site that loses power in `site-power-loss`.
    pub power_loss_site: usize,
}

#[derive(Clone, Debug)]
pub(super) struct SiteSpec {
    pub id: String,
    pub name: String,
    /// Home workers have no building to lose power or to fail to reach.
    pub on_premises: bool,
    /// Agents here get Chinese names.
    pub chinese_names: bool,
}

#[derive(Clone, Debug)]
pub(super) struct QueueSpec {
    pub id: QueueId,
    pub name: String,
    /// Arrival rate when the daily profile is at its peak, before scenarios.
    pub peak_calls_per_hour: f64,
    pub talk_mean_s: f64,
    pub wrap_mean_s: f64,
    /// Service-level threshold T.
    pub sl_threshold_s: u32,
    /// Short-abandon cut S.
    pub short_abandon_s: u32,
    pub reasons: Vec<ReasonSpec>,
    /// Share of callers with Chinese names or numbers.
    pub chinese_callers: f64,
    pub role: QueueRole,
    /// The reason a complaint spike floods this queue with, when it is the spike's target.
    pub spike_reason: Option<usize>,
}

#[derive(Clone, Debug)]
pub(super) struct ReasonSpec {
    pub name: String,
    /// Relative frequency among the queue's calls.
    pub weight: f64,
    /// How the reason shifts a caller's sentiment (complaints are negative).
    pub mood: f64,
}

#[derive(Clone, Debug)]
pub(super) struct AgentSpec {
    pub id: String,
    pub name: String,
    pub site: usize,
    /// Index into [`SHIFTS`].
    pub shift: usize,
    /// Queue indices, 1–3 of them.
    pub skills: Vec<u32>,
}

/// No agent holds more skills than this.
const MAX_SKILLS: usize = 3;

/// The reason a complaint spike is about.
pub(super) const OUTAGE_COMPLAINT: &str = "Service outage complaint";

impl FloorPlan {
    pub fn build(shape: FloorShape, rng: &mut ChaCha8Rng) -> Self {
        match shape {
            FloorShape::Standard => standard::plan(rng),
            FloorShape::Large { queues, agents } => large::plan(queues, agents, rng),
        }
    }

    /// Offered load at peak in Erlangs (calls in progress if every call were answered).
    #[cfg(test)]
    pub fn peak_load_erlangs(&self) -> f64 {
        self.queues.iter().map(QueueSpec::peak_load_erlangs).sum()
    }
}

impl QueueSpec {
    pub fn peak_load_erlangs(&self) -> f64 {
        self.peak_calls_per_hour * (self.talk_mean_s + self.wrap_mean_s) / 3600.0
    }
}

/// Site agents as (site index, how many), turned into agents with ids, names
/// and shifts; skills are added by [`assign_skills`].
fn staff_sites(sites: &[SiteSpec], per_site: &[usize], id_prefixes: &[&str]) -> Vec<AgentSpec> {
    let mut agents = Vec::with_capacity(per_site.iter().sum());
    for (site, (&count, prefix)) in per_site.iter().zip(id_prefixes).enumerate() {
        let chinese = sites.get(site).is_some_and(|spec| spec.chinese_names);
        for k in 0..count {
            let index = agents.len();
            agents.push(AgentSpec {
                id: format!("{prefix}-{:04}", k + 1),
                name: super::names::agent_name(k, chinese),
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
fn shift_for(index: usize) -> usize {
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
fn assign_skills(agents: &mut [AgentSpec], queues: &[QueueSpec], rng: &mut ChaCha8Rng) {
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

fn reason(name: &str, weight: f64, mood: f64) -> ReasonSpec {
    ReasonSpec {
        name: name.to_owned(),
        weight,
        mood,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn standard_floor_has_the_promised_shape() {
        let plan = FloorPlan::build(FloorShape::Standard, &mut ChaCha8Rng::seed_from_u64(1));
        assert_eq!(plan.queues.len(), 6);
        assert!((75..=85).contains(&plan.agents.len()));
        assert!(
            plan.queues
                .iter()
                .any(|q| q.name.chars().any(|c| c > '\u{2e80}'))
        );
        let shenzhen = plan.sites.iter().position(|s| s.id == "shenzhen").unwrap();
        let chinese_agent = plan.agents.iter().find(|a| a.site == shenzhen).unwrap();
        assert!(chinese_agent.name.chars().all(|c| c > '\u{2e80}'));
        assert_eq!(plan.sites[plan.power_loss_site].id, "manchester");
    }

    #[test]
    fn every_agent_has_one_to_three_skills_and_every_shift_covers_every_queue() {
        for shape in [
            FloorShape::Standard,
            FloorShape::Large {
                queues: 300,
                agents: 4000,
            },
        ] {
            let plan = FloorPlan::build(shape, &mut ChaCha8Rng::seed_from_u64(7));
            for agent in &plan.agents {
                assert!((1..=MAX_SKILLS).contains(&agent.skills.len()), "{agent:?}");
                let mut distinct = agent.skills.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert_eq!(distinct.len(), agent.skills.len(), "{agent:?}");
            }
            for shift in 0..SHIFTS.len() {
                for queue in 0..plan.queues.len() as u32 {
                    let held = plan
                        .agents
                        .iter()
                        .any(|a| a.shift == shift && a.skills.contains(&queue));
                    assert!(
                        held,
                        "{shape:?}: shift {shift} leaves queue {queue} unstaffed"
                    );
                }
            }
        }
    }

    #[test]
    fn shifts_follow_the_rota_shares() {
        let counts = (0..10_000).fold([0usize; SHIFTS.len()], |mut counts, i| {
            counts[shift_for(i)] += 1;
            counts
        });
        for (count, shift) in counts.iter().zip(SHIFTS) {
            let expected = shift.share_percent as usize * 100;
            assert!(count.abs_diff(expected) <= 20, "{count} vs {expected}");
        }
    }
}
