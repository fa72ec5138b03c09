//! A small hand-made floor, independent of the simulator, for view tests.

use std::time::Duration;

use floorwatch::app::AppState;
use floorwatch::engine::rules::{Rule, RuleEngine, default_rules};
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::*;

/// 2026-01-05 10:07:00 UTC; the tests run in UTC.
pub const T0: i64 = 1_767_571_200 + 10 * 3600 + 7 * 60;

pub struct QueueSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub answered_in_sl: u64,
    pub answered_late: u64,
    pub abandoned_late: u64,
    pub waiting: u32,
    pub longest_wait_s: f64,
    pub available: u32,
}

pub fn queues() -> Vec<QueueSpec> {
    vec![
        QueueSpec {
            id: "billing",
            name: "Billing",
            answered_in_sl: 10,
            answered_late: 10,
            abandoned_late: 4,
            waiting: 9,
            longest_wait_s: 151.0,
            available: 0,
        },
        QueueSpec {
            id: "tech",
            name: "Technical Support",
            answered_in_sl: 30,
            answered_late: 2,
            abandoned_late: 0,
            waiting: 1,
            longest_wait_s: 12.0,
            available: 3,
        },
        QueueSpec {
            id: "sales",
            name: "Sales",
            answered_in_sl: 15,
            answered_late: 4,
            abandoned_late: 1,
            waiting: 2,
            longest_wait_s: 40.0,
            available: 1,
        },
        QueueSpec {
            id: "vip",
            name: "会员服务 VIP",
            answered_in_sl: 8,
            answered_late: 0,
            abandoned_late: 0,
            waiting: 0,
            longest_wait_s: 0.0,
            available: 2,
        },
        QueueSpec {
            id: "evil",
            name: "Evil\x1b[2J\x1b]0;pwned\x07\u{202E}\u{034F}\u{E0041}\u{2028}Queue",
            answered_in_sl: 5,
            answered_late: 0,
            abandoned_late: 0,
            waiting: 0,
            longest_wait_s: 0.0,
            available: 1,
        },
        QueueSpec {
            id: "claims",
            name: "Claims",
            answered_in_sl: 0,
            answered_late: 0,
            abandoned_late: 0,
            waiting: 0,
            longest_wait_s: 0.0,
            available: 2,
        },
    ]
}

fn counters(q: &QueueSpec, scale: u64) -> QueueCounters {
    let answered = (q.answered_in_sl + q.answered_late) * scale;
    let abandoned = q.abandoned_late * scale;
    QueueCounters {
        since: Some(Timestamp::from_secs(1_767_571_200)),
        offered: Some(answered + abandoned),
        answered: Some(answered),
        answered_in_sl: Some(q.answered_in_sl * scale),
        abandoned: Some(abandoned),
        abandoned_in_sl: Some(0),
        abandoned_short: Some(0),
        flowed_out: Some(0),
        answered_wait_s: Some(answered as f64 * 18.0),
        handled: Some(answered),
        handle_time_s: Some(answered as f64 * 240.0),
    }
}

fn observation(q: &QueueSpec, scale: u64) -> QueueObservation {
    QueueObservation {
        id: QueueId(q.id.into()),
        name: q.name.into(),
        waiting: q.waiting,
        longest_wait_s: Some(q.longest_wait_s),
        agents: AgentCounts {
            available: q.available,
            ringing: 0,
            on_call: 4,
            wrap_up: Some(1),
            not_ready: 1,
        },
        counters: counters(q, scale),
        sl_threshold_s: Some(20.0),
        short_abandon_s: Some(5.0),
        sentiment: Some(SentimentObservation {
            score: -0.12,
            samples: 20,
            negative_share: 0.3,
        }),
        reasons: vec![],
    }
}

pub fn snapshot(at: Timestamp, scale: u64) -> Snapshot {
    let specs = queues();
    let agents = vec![
        agent(
            "a1",
            "王芳",
            "shenzhen",
            AgentState::Available,
            at,
            &["billing", "vip"],
            None,
        ),
        agent(
            "a2",
            "Sam O'Neill",
            "manchester",
            AgentState::OnCall,
            at,
            &["billing"],
            Some("Refund request"),
        ),
        agent(
            "a3",
            "Priya Shah",
            "home",
            AgentState::NotReady,
            at,
            &["billing", "sales"],
            Some("Lunch"),
        ),
        agent(
            "a4",
            "Evil\x1b]52;c;AAAA\x07Agent",
            "home",
            AgentState::WrapUp,
            at,
            &["billing"],
            None,
        ),
    ];
    Snapshot {
        platform: PlatformInfo {
            kind: "test".into(),
            name: "fixture floor".into(),
        },
        observed_at: at,
        queues: specs.iter().map(|q| observation(q, scale)).collect(),
        agents,
        waiting_contacts: vec![
            WaitingContact {
                id: "c1".into(),
                queue: QueueId("billing".into()),
                waiting_since: at.minus(Duration::from_secs(151)),
                tags: vec!["VIP".into()],
                reason: Some("Payment failed".into()),
                caller: Some("李娜".into()),
            },
            WaitingContact {
                id: "c2".into(),
                queue: QueueId("billing".into()),
                waiting_since: at.minus(Duration::from_secs(30)),
                tags: vec!["elderly".into()],
                reason: Some("Bill query".into()),
                caller: Some("+44 7700 9xx xxx".into()),
            },
        ],
        interactions: vec![
            interaction(
                "i1",
                "Amelia Smith",
                "I've called three times and nobody fixed it",
                at,
            ),
            interaction("i2", "王芳", "太好了，服务非常好！", at),
            // A transcript is untrusted text: it must not reach the terminal raw.
            interaction("i3", "Jack Brown", "Why is my bill higher?\u{1b}[2J", at),
        ],
        sites: vec![],
    }
}

fn agent(
    id: &str,
    name: &str,
    site: &str,
    state: AgentState,
    at: Timestamp,
    queues: &[&str],
    reason: Option<&str>,
) -> AgentObservation {
    AgentObservation {
        id: id.into(),
        name: name.into(),
        site: Some(site.into()),
        state,
        state_since: Some(at.minus(Duration::from_secs(95))),
        queues: queues.iter().map(|q| QueueId((*q).into())).collect(),
        reason: reason.map(Into::into),
        queue_states: Vec::new(),
    }
}

/// A floor seen twice, a minute apart, so the interval has counts; its rules
/// judge at once (no `for`, no minimum volume), so alerts are already firing.
pub fn state() -> AppState {
    let t0 = Timestamp::from_secs(T0);
    let t1 = t0.plus(Duration::from_secs(60));
    let mut floor = Floor::new(EngineSettings::default());
    floor.observe(snapshot(t0, 1), t0);
    floor.observe(snapshot(t1, 2), t1);
    let mut state = AppState::new(floor, t1, 0);
    state.rules = RuleEngine::new(instant_rules());
    state.rules.evaluate(&state.floor, t1);
    state
}

/// The default rules without waiting: what a fixture of two polls can trip.
pub fn instant_rules() -> Vec<Rule> {
    default_rules()
        .into_iter()
        .map(|mut rule| {
            rule.hold_for = Duration::ZERO;
            rule.min_volume = 0;
            rule
        })
        .collect()
}

/// The fixture floor with the shipped checklists, and one rule that opens
/// `traffic-surge` at once (Billing's service level is far below 70 %).
pub fn state_with_surge_rule(operator: &str) -> AppState {
    let mut state = state();
    state.view.operator = operator.into();
    state.checklists = floorwatch::config::checklist::ChecklistCatalog::builtin()
        .iter()
        .map(|(c, _)| (c.id.clone(), c.clone()))
        .collect();
    let mut rule = default_rules()
        .into_iter()
        .find(|r| r.id == "sl-critical")
        .expect("sl-critical ships");
    rule.hold_for = Duration::ZERO;
    rule.min_volume = 0;
    rule.checklist = Some("traffic-surge".into());
    state.rules = RuleEngine::new(vec![rule]);
    state
}

fn interaction(id: &str, agent: &str, turn: &str, at: Timestamp) -> Interaction {
    Interaction {
        id: id.into(),
        queue: QueueId("billing".into()),
        agent: Some(agent.into()),
        started_at: at.minus(Duration::from_secs(200)),
        customer_turn: Some(turn.into()),
        sentiment: None,
    }
}
