//! `floorwatch staffing`: the agents a target needs, and what they achieve.

use std::io::Write;

use serde::Serialize;

use super::args::StaffingArgs;
use crate::app::text::{EN, fill};
use crate::engine::staffing::{
    Demand, MAX_ERLANGS, Outlook, StaffingError, erlang_a_required, erlang_c_required,
};

#[derive(Serialize)]
struct Answer {
    /// `erlang_c`, or `erlang_a` when a patience was given.
    model: &'static str,
    erlangs: f64,
    agents: u32,
    service_level: f64,
    asa_s: f64,
    occupancy: f64,
    p_wait: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    p_abandon: Option<f64>,
}

pub fn run(args: &StaffingArgs) -> anyhow::Result<()> {
    let demand = Demand {
        calls: args.calls,
        period: args.period,
        aht: args.aht,
    };
    let (model, outlook): (_, Outlook) = match args.patience {
        Some(patience) => (
            "erlang_a",
            erlang_a_required(&demand, patience, &args.target).map_err(in_words)?,
        ),
        None => (
            "erlang_c",
            erlang_c_required(&demand, &args.target).map_err(in_words)?,
        ),
    };
    let answer = Answer {
        model,
        erlangs: demand.erlangs(),
        agents: outlook.agents,
        service_level: outlook.service_level,
        asa_s: outlook.asa_s,
        occupancy: outlook.occupancy,
        p_wait: outlook.p_wait,
        p_abandon: outlook.p_abandon,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &answer)?;
        writeln!(out)?;
        return Ok(());
    }
    let model = if model == "erlang_a" {
        "Erlang A: callers give up"
    } else {
        "Erlang C"
    };
    writeln!(
        out,
        "{} agents ({model}, {:.2} erlangs): service level {:.1} % within {} s, ASA {:.1} s, occupancy {:.1} %",
        answer.agents,
        answer.erlangs,
        answer.service_level * 100.0,
        args.target.threshold.as_secs_f64(),
        answer.asa_s,
        answer.occupancy * 100.0,
    )?;
    if let Some(p) = answer.p_abandon {
        writeln!(
            out,
            "{:.1} % of callers give up before an answer",
            p * 100.0
        )?;
    }
    Ok(())
}

/// Why there is no answer, in the words of `app::text`.
fn in_words(error: StaffingError) -> anyhow::Error {
    let t = &EN.staffing;
    let words = match error {
        StaffingError::NotPositive { what, value } => {
            fill(t.not_positive, &[what, &value.to_string()])
        }
        StaffingError::Target(share) => fill(t.target, &[&share.to_string()]),
        StaffingError::Unreachable(agents) => fill(t.unreachable, &[&agents.to_string()]),
        StaffingError::TooLarge(erlangs) => fill(
            t.too_large,
            &[&format!("{erlangs:.0}"), &format!("{MAX_ERLANGS:.0}")],
        ),
    };
    anyhow::anyhow!(words)
}
