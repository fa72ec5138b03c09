//! The standard floor: six queues (one with a Chinese name), 80 agents in
//! Manchester, Shenzhen and at home. The rates are tuned so that, with the
//! rota in `roster`, the floor runs at roughly 80–90 % service level at peak.

use rand_chacha::ChaCha8Rng;

use super::spec::{FloorPlan, OUTAGE_COMPLAINT, QueueSpec, ReasonSpec, SiteSpec, reason};
use super::staff::{assign_skills, staff_sites};
use crate::model::QueueId;
use crate::sim::scenario::QueueRole;

/// Agents at Manchester, Shenzhen and at home.
const AGENTS_PER_SITE: [usize; 3] = [36, 30, 14];
const AGENT_ID_PREFIXES: [&str; 3] = ["mcr", "szx", "home"];

pub(super) fn plan(rng: &mut ChaCha8Rng) -> FloorPlan {
    let sites = sites();
    let queues = queues();
    let mut agents = staff_sites(&sites, &AGENTS_PER_SITE, &AGENT_ID_PREFIXES);
    assign_skills(&mut agents, &queues, rng);
    FloorPlan {
        sites,
        queues,
        agents,
        power_loss_site: 0,
    }
}

/// Peak load per rostered agent on the standard floor; the large floor is loaded alike.
pub(super) fn peak_load_per_agent() -> f64 {
    let load: f64 = queues().iter().map(QueueSpec::peak_load_erlangs).sum();
    load / AGENTS_PER_SITE.iter().sum::<usize>() as f64
}

pub(super) fn sites() -> Vec<SiteSpec> {
    vec![
        site("manchester", "Manchester", true, false),
        site("shenzhen", "深圳 Shenzhen", true, true),
        site("home", "Home workers", false, false),
    ]
}

pub(super) fn site(id: &str, name: &str, on_premises: bool, chinese_names: bool) -> SiteSpec {
    SiteSpec {
        id: id.to_owned(),
        name: name.to_owned(),
        on_premises,
        chinese_names,
    }
}

fn queues() -> Vec<QueueSpec> {
    vec![
        QueueSpec {
            role: QueueRole {
                surged: true,
                complaint_target: false,
            },
            ..queue(
                "billing",
                "Billing",
                96.0,
                (240.0, 40.0),
                20,
                billing_reasons(),
            )
        },
        QueueSpec {
            role: QueueRole {
                surged: true,
                complaint_target: true,
            },
            spike_reason: Some(3),
            ..queue(
                "tech-support",
                "Technical Support",
                72.0,
                (420.0, 60.0),
                30,
                tech_reasons(),
            )
        },
        queue("sales", "Sales", 68.0, (300.0, 45.0), 20, sales_reasons()),
        queue(
            "retentions",
            "Retentions",
            34.0,
            (360.0, 50.0),
            30,
            retention_reasons(),
        ),
        queue(
            "claims",
            "Claims",
            44.0,
            (330.0, 55.0),
            20,
            claims_reasons(),
        ),
        QueueSpec {
            chinese_callers: 0.7,
            ..queue(
                "vip-members",
                "会员服务 VIP",
                28.0,
                (270.0, 35.0),
                20,
                member_reasons(),
            )
        },
    ]
}

fn queue(
    id: &str,
    name: &str,
    peak_calls_per_hour: f64,
    (talk_mean_s, wrap_mean_s): (f64, f64),
    sl_threshold_s: u32,
    reasons: Vec<ReasonSpec>,
) -> QueueSpec {
    QueueSpec {
        id: QueueId(id.to_owned()),
        name: name.to_owned(),
        peak_calls_per_hour,
        talk_mean_s,
        wrap_mean_s,
        sl_threshold_s,
        short_abandon_s: 5,
        reasons,
        chinese_callers: 0.1,
        role: QueueRole::default(),
        spike_reason: None,
    }
}

fn billing_reasons() -> Vec<ReasonSpec> {
    vec![
        reason("Bill query", 40.0, 0.0),
        reason("Payment failed", 25.0, -0.1),
        reason("Refund request", 20.0, -0.1),
        reason("Direct debit change", 15.0, 0.05),
    ]
}

fn tech_reasons() -> Vec<ReasonSpec> {
    vec![
        reason("Broadband fault", 35.0, -0.1),
        reason("Slow speeds", 25.0, -0.1),
        reason("Router setup", 20.0, 0.05),
        reason(OUTAGE_COMPLAINT, 8.0, -0.3),
        reason("Email problems", 12.0, 0.0),
    ]
}

fn sales_reasons() -> Vec<ReasonSpec> {
    vec![
        reason("New contract", 35.0, 0.15),
        reason("Upgrade", 30.0, 0.1),
        reason("Add a line", 20.0, 0.1),
        reason("Price enquiry", 15.0, 0.0),
    ]
}

fn retention_reasons() -> Vec<ReasonSpec> {
    vec![
        reason("Cancel contract", 45.0, -0.15),
        reason("Price match", 30.0, -0.05),
        reason("Moving home", 25.0, 0.0),
    ]
}

fn claims_reasons() -> Vec<ReasonSpec> {
    vec![
        reason("New claim", 40.0, -0.05),
        reason("Claim status", 35.0, -0.05),
        reason("Damaged device", 15.0, -0.1),
        reason("Lost or stolen", 10.0, -0.15),
    ]
}

fn member_reasons() -> Vec<ReasonSpec> {
    vec![
        reason("账户查询 Account query", 35.0, 0.05),
        reason("积分兑换 Points redemption", 30.0, 0.15),
        reason("专属优惠 Exclusive offers", 20.0, 0.15),
        reason("投诉升级 Complaint escalation", 15.0, -0.3),
    ]
}
