//! Each scenario's effect, measured against `normal` on the same seed from the same moment.

use super::*;

/// Two identical floors at `start_hour`; the second is switched to `scenario`.
fn normal_and(scenario: Scenario, seed: u64, start_hour: f64) -> (Simulator, Simulator) {
    let normal = standard(seed, start_hour);
    let mut affected = standard(seed, start_hour);
    affected.set_scenario(scenario);
    (normal, affected)
}

fn advance_both(pair: &mut (Simulator, Simulator), minutes: i64) {
    advance_minutes(&mut pair.0, minutes);
    advance_minutes(&mut pair.1, minutes);
}

fn at_site<'a>(
    snapshot: &'a Snapshot,
    site: &'a str,
) -> impl Iterator<Item = &'a crate::model::AgentObservation> {
    snapshot
        .agents
        .iter()
        .filter(move |agent| agent.site.as_deref() == Some(site))
}

fn total_handled(snapshot: &Snapshot) -> u64 {
    snapshot
        .queues
        .iter()
        .map(|queue| queue.counters.handled.unwrap())
        .sum()
}

#[test]
fn scenario_names_round_trip() {
    for scenario in Scenario::ALL {
        assert_eq!(scenario.name().parse::<Scenario>(), Ok(scenario));
        assert_eq!(scenario.to_string(), scenario.name());
        assert!(
            scenario.describe().ends_with('.'),
            "{}",
            scenario.describe()
        );
    }
    assert_eq!(
        "Severe_Weather".parse::<Scenario>(),
        Ok(Scenario::SevereWeather)
    );
}

#[test]
fn an_unknown_scenario_names_the_valid_ones() {
    let error = "meteor-strike".parse::<Scenario>().unwrap_err();
    assert_eq!(error.name, "meteor-strike");
    let message = error.to_string();
    assert!(message.contains("meteor-strike"), "{message}");
    assert!(
        Scenario::ALL.iter().all(|s| message.contains(s.name())),
        "{message}"
    );
}

#[test]
fn surge_triples_arrivals_on_the_surged_queues() {
    let mut pair = normal_and(Scenario::Surge, 31, 10.0);
    advance_both(&mut pair, 30);
    let (normal, surge) = (pair.0.snapshot(), pair.1.snapshot());
    let surged = |s: &Snapshot| offered(s, "billing") + offered(s, "tech-support");
    let ratio = surged(&surge) as f64 / surged(&normal) as f64;
    assert!(ratio >= 2.5, "surged queues offered {ratio:.2}× normal");
    // The surge adds its own stream of callers; the normal traffic is the same call for call.
    let others = |s: &Snapshot| total_offered(s) - surged(s);
    assert_eq!(others(&surge), others(&normal));
    assert_eq!(surge.platform.name, "simulator · surge · seed 31");
    assert_consistent(&surge);
}

#[test]
fn telephony_outage_stops_answering_while_the_floor_goes_on() {
    let mut sim = standard(32, 10.0);
    assert!(sim.is_answering());
    sim.set_scenario(Scenario::TelephonyOutage);
    assert!(!sim.is_answering());
    let before = sim.snapshot();
    advance_minutes(&mut sim, 15);
    let during = sim.snapshot();
    assert!(total_offered(&during) > total_offered(&before));
    assert!(total_handled(&during) > total_handled(&before));
    assert_consistent(&during);
    sim.set_scenario(Scenario::Normal);
    assert!(sim.is_answering());
}

#[test]
fn site_power_loss_takes_manchester_offline_at_once() {
    let mut sim = standard(33, 10.0);
    advance_minutes(&mut sim, 20);
    let before = sim.snapshot();
    let busy = at_site(&before, "manchester")
        .filter(|agent| matches!(agent.state, AgentState::OnCall | AgentState::WrapUp))
        .count() as u64;
    assert!(busy > 0);
    sim.set_scenario(Scenario::SitePowerLoss);
    let after = sim.snapshot();
    assert!(at_site(&after, "manchester").all(|agent| agent.state == AgentState::Offline));
    assert!(at_site(&after, "manchester").all(|agent| agent.state_since.unwrap() <= sim.now()));
    // Calls cut off by the power cut count as handled at once.
    assert_eq!(total_handled(&after), total_handled(&before) + busy);
    assert!(at_site(&after, "shenzhen").any(|agent| agent.state != AgentState::Offline));
    assert_consistent(&after);
    advance_minutes(&mut sim, 30);
    let later = sim.snapshot();
    assert!(at_site(&later, "manchester").all(|agent| agent.state == AgentState::Offline));
}

#[test]
fn severe_weather_strands_on_site_staff_and_raises_arrivals() {
    let mut pair = normal_and(Scenario::SevereWeather, 34, 10.0);
    advance_both(&mut pair, 20);
    let (normal, weather) = (pair.0.snapshot(), pair.1.snapshot());
    let (usual, left) = (logged_in(&normal) as f64, logged_in(&weather) as f64);
    assert!(left <= 0.75 * usual, "{left} of {usual} still logged in");
    let home = |s: &Snapshot| {
        at_site(s, "home")
            .filter(|a| a.state != AgentState::Offline)
            .count()
    };
    assert_eq!(home(&weather), home(&normal), "home workers are unaffected");
    advance_both(&mut pair, 40);
    let (normal, weather) = (pair.0.snapshot(), pair.1.snapshot());
    let ratio = total_offered(&weather) as f64 / total_offered(&normal) as f64;
    assert!(ratio >= 1.25, "arrivals {ratio:.2}× normal");
    assert_consistent(&weather);
}

#[test]
fn complaint_spike_turns_the_target_queue_negative() {
    let mut pair = normal_and(Scenario::ComplaintSpike, 35, 10.0);
    let reasons_before = queue(&pair.1.snapshot(), "tech-support").reasons.clone();
    advance_both(&mut pair, 20);
    let (normal, spike) = (pair.0.snapshot(), pair.1.snapshot());
    // What tech-support's callers are saying now, read as the console reads it.
    let scores = |s: &Snapshot| -> Vec<f64> {
        s.interactions
            .iter()
            .filter(|i| i.queue.0 == "tech-support")
            .filter_map(|i| i.customer_turn.as_deref())
            .map(|turn| crate::sentiment::analyze(turn).score)
            .collect()
    };
    let negative = |s: &Snapshot| {
        let scores = scores(s);
        let sour = scores
            .iter()
            .filter(|x| **x <= -crate::sentiment::NEUTRAL_BAND)
            .count();
        sour as f64 / scores.len().max(1) as f64
    };
    let mean = |s: &Snapshot| {
        let scores = scores(s);
        scores.iter().sum::<f64>() / scores.len().max(1) as f64
    };
    assert!(
        scores(&spike).len() >= 5,
        "{} in conversation",
        scores(&spike).len()
    );
    assert!(
        negative(&spike) > 0.5,
        "negative share {}",
        negative(&spike)
    );
    assert!(
        negative(&spike) > negative(&normal) + 0.2,
        "normal negative share {}",
        negative(&normal)
    );
    let growth: Vec<(String, u64)> = queue(&spike, "tech-support")
        .reasons
        .iter()
        .zip(&reasons_before)
        .map(|(now, then)| (now.reason.clone(), now.count - then.count))
        .collect();
    let leader = growth.iter().max_by_key(|(_, grew)| *grew).unwrap();
    assert_eq!(leader.0, "Service outage complaint", "{growth:?}");
    assert!(mean(&spike) < mean(&normal) - 0.2);
}

#[test]
fn switching_back_to_normal_brings_agents_back() {
    let mut pair = normal_and(Scenario::SevereWeather, 36, 10.0);
    advance_both(&mut pair, 20);
    pair.1.set_scenario(Scenario::SitePowerLoss);
    advance_both(&mut pair, 10);
    pair.1.set_scenario(Scenario::Normal);
    assert_eq!(pair.1.scenario(), Scenario::Normal);
    advance_both(&mut pair, 2);
    let (normal, early) = (pair.0.snapshot(), pair.1.snapshot());
    assert!(
        logged_in(&early) < logged_in(&normal),
        "agents return over a few minutes, not at once"
    );
    advance_both(&mut pair, 15);
    let (normal, restored) = (pair.0.snapshot(), pair.1.snapshot());
    let (usual, back) = (logged_in(&normal), logged_in(&restored));
    assert!(back + 2 >= usual, "{back} back of {usual}");
    assert_consistent(&restored);
}

#[test]
fn a_floor_can_start_in_a_scenario() {
    let sim = Simulator::new(SimConfig {
        scenario: Scenario::SitePowerLoss,
        ..config(37, FloorShape::Standard, 10.0)
    });
    assert_eq!(sim.scenario(), Scenario::SitePowerLoss);
    let snapshot = sim.snapshot();
    assert!(at_site(&snapshot, "manchester").all(|agent| agent.state == AgentState::Offline));
    assert!(logged_in(&snapshot) > 20);
}

#[test]
fn the_large_floor_loses_its_first_site() {
    let mut sim = Simulator::new(config(
        38,
        FloorShape::Large {
            queues: 50,
            agents: 1_000,
        },
        10.0,
    ));
    advance_minutes(&mut sim, 5);
    sim.set_scenario(Scenario::SitePowerLoss);
    let snapshot = sim.snapshot();
    let first_site = snapshot.sites[0].id.clone();
    assert!(at_site(&snapshot, &first_site).count() > 100);
    assert!(at_site(&snapshot, &first_site).all(|agent| agent.state == AgentState::Offline));
    assert_consistent(&snapshot);
}
