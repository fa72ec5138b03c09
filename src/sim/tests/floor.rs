//! The floor as a whole: the standard floor's service level and what its
//! snapshot contains, and the large floor.

use super::*;

#[test]
fn the_standard_floor_runs_near_target_at_the_morning_peak() {
    let mut sim = standard(1, 9.0);
    sim.advance_to(at_hour(10.5));
    let snapshot = sim.snapshot();
    assert_consistent(&snapshot);
    assert!(
        snapshot
            .queues
            .iter()
            .all(|queue| queue.counters.offered.unwrap() > 0)
    );
    let levels = service_levels(&snapshot);
    let mean = levels.iter().sum::<f64>() / levels.len() as f64;
    assert!(
        (0.6..=0.98).contains(&mean),
        "mean service level {mean}: {levels:?}"
    );
    let answered: u64 = snapshot
        .queues
        .iter()
        .map(|q| q.counters.answered.unwrap())
        .sum();
    let handled: u64 = snapshot
        .queues
        .iter()
        .map(|q| q.counters.handled.unwrap())
        .sum();
    assert!(handled > answered * 3 / 4, "{handled} of {answered}");
}

#[test]
fn the_standard_snapshot_looks_like_a_floor() {
    let mut sim = standard(1, 11.0);
    advance_minutes(&mut sim, 75);
    let snapshot = sim.snapshot();
    assert_eq!(snapshot.platform.kind, "sim");
    assert_eq!(snapshot.platform.name, "simulator · normal · seed 1");
    assert_eq!(snapshot.observed_at, sim.now());
    assert_eq!((sim.queue_count(), sim.agent_count()), (6, 80));
    assert_eq!(snapshot.agents.len(), 80);
    let site_ids: Vec<_> = snapshot.sites.iter().map(|site| site.id.as_str()).collect();
    assert_eq!(site_ids, ["manchester", "shenzhen", "home"]);
    assert!(
        snapshot
            .queues
            .iter()
            .any(|queue| queue.name == "会员服务 VIP")
    );
    let shenzhen = snapshot
        .agents
        .iter()
        .find(|a| a.site.as_deref() == Some("shenzhen"))
        .unwrap();
    assert!(
        shenzhen.name.chars().all(|c| c > '\u{2e80}'),
        "{}",
        shenzhen.name
    );
    for agent in &snapshot.agents {
        assert!(agent.state_since.unwrap() <= snapshot.observed_at);
        assert!((1..=3).contains(&agent.queues.len()));
        match agent.state {
            AgentState::NotReady => {
                assert!(["Break", "Lunch", "Training"].contains(&agent.reason.as_deref().unwrap()))
            }
            AgentState::OnCall | AgentState::WrapUp => {
                let reason = agent.reason.as_deref().unwrap();
                let known = agent.queues.iter().any(|id| {
                    snapshot
                        .queues
                        .iter()
                        .any(|q| &q.id == id && q.reasons.iter().any(|r| r.reason == reason))
                });
                assert!(known, "{reason}");
            }
            AgentState::Available | AgentState::Offline => assert_eq!(agent.reason, None),
            AgentState::Ringing => panic!("the simulator's agents answer at once"),
        }
    }
    let states = |state| snapshot.agents.iter().filter(|a| a.state == state).count();
    assert!(states(AgentState::OnCall) > 10 && states(AgentState::Offline) > 0);
    assert!(snapshot.queues.iter().all(|q| q.reasons.len() >= 3));
    // Like a platform that transcribes but does not score: turns, no scores.
    assert!(snapshot.queues.iter().all(|q| q.sentiment.is_none()));
    let on_call = states(AgentState::OnCall);
    assert_eq!(
        snapshot.interactions.len(),
        on_call,
        "one per call in progress"
    );
    for interaction in &snapshot.interactions {
        assert!(interaction.sentiment.is_none());
        let turn = interaction.customer_turn.as_deref().unwrap_or("");
        assert!(!turn.is_empty() && !turn.contains('{'), "{turn}");
        assert!(snapshot.queues.iter().any(|q| q.id == interaction.queue));
    }
    let chinese = |i: &crate::model::Interaction| {
        i.customer_turn
            .as_deref()
            .is_some_and(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    };
    assert!(
        snapshot.interactions.iter().any(chinese),
        "some callers speak Chinese"
    );
    assert!(!snapshot.interactions.iter().all(chinese));
    assert!(
        snapshot
            .queues
            .iter()
            .all(|q| q.sl_threshold_s.is_some() && q.short_abandon_s == Some(5.0))
    );
}

#[test]
fn waiting_callers_are_described() {
    let mut sim = standard(2, 10.0);
    sim.set_scenario(Scenario::Surge);
    advance_minutes(&mut sim, 20);
    let snapshot = sim.snapshot();
    assert!(
        snapshot.waiting_contacts.len() > 3,
        "{}",
        snapshot.waiting_contacts.len()
    );
    for contact in &snapshot.waiting_contacts {
        assert!(contact.waiting_since <= snapshot.observed_at);
        assert!(!contact.caller.as_deref().unwrap().is_empty());
        let reason = contact.reason.as_deref().unwrap();
        assert!(
            queue(&snapshot, &contact.queue.0)
                .reasons
                .iter()
                .any(|r| r.reason == reason)
        );
        assert!(
            contact
                .tags
                .iter()
                .all(|tag| tag == "VIP" || tag == "elderly")
        );
    }
    let longest = queue(&snapshot, "billing").longest_wait_s.unwrap();
    let oldest = snapshot
        .waiting_contacts
        .iter()
        .filter(|c| c.queue.0 == "billing")
        .map(|c| c.waiting_since)
        .min();
    if let Some(oldest) = oldest {
        assert_eq!(longest, snapshot.observed_at.secs_since(oldest));
    }
}

#[test]
fn a_large_floor_runs_with_sane_counters() {
    let mut sim = Simulator::new(config(
        9,
        FloorShape::Large {
            queues: 1000,
            agents: 20_000,
        },
        10.0,
    ));
    assert_eq!((sim.queue_count(), sim.agent_count()), (1000, 20_000));
    advance_minutes(&mut sim, 1);
    let snapshot = sim.snapshot();
    assert_consistent(&snapshot);
    assert_eq!(snapshot.queues[0].name, "Queue 0001");
    assert!(
        total_offered(&snapshot) > 500,
        "{}",
        total_offered(&snapshot)
    );
    let working = logged_in(&snapshot);
    assert!((9_000..15_000).contains(&working), "{working} logged in");
    assert_eq!(snapshot.sites.len(), 6);
}

#[test]
fn a_tiny_large_floor_does_not_break() {
    let mut sim = Simulator::new(config(
        9,
        FloorShape::Large {
            queues: 0,
            agents: 0,
        },
        10.0,
    ));
    assert_eq!((sim.queue_count(), sim.agent_count()), (1, 0));
    advance_minutes(&mut sim, 30);
    let snapshot = sim.snapshot();
    assert_consistent(&snapshot);
    assert_eq!(snapshot.queues[0].counters.answered, Some(0));
}
