//! The fixed shape of a simulated floor: its sites, queues and agents, and
//! who works which shift with which skills. Built once from the
//! [`FloorShape`](super::FloorShape) and never changed while the floor runs;
//! everything that moves lives in `floor`.

mod large;
mod spec;
mod staff;
mod standard;

use rand_chacha::ChaCha8Rng;

pub(super) use spec::{FloorPlan, QueueSpec};

use super::FloorShape;

impl FloorPlan {
    pub fn build(shape: FloorShape, rng: &mut ChaCha8Rng) -> Self {
        match shape {
            FloorShape::Standard => standard::plan(rng),
            FloorShape::Large { queues, agents } => large::plan(queues, agents, rng),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use rand::SeedableRng;

    use super::staff::{MAX_SKILLS, shift_for};
    use super::*;
    use crate::sim::roster::SHIFTS;

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
