//! `:drill NAME` and `:drill stop`: rehearsing a plan, on the simulator's
//! scenario or on a synthetic condition, and ending it.

use super::Trigger;
use super::open::open;
use super::persist::persist_new;
use crate::app::Effect;
use crate::app::state::AppState;
use crate::app::text::fill;
use crate::engine::rules::Severity;

/// The simulator's scenarios and the plans they rehearse.
pub const DRILLS: [(&str, &str); 5] = [
    ("surge", "traffic-surge"),
    ("telephony-outage", "telephony-outage"),
    ("site-power-loss", "site-power-outage"),
    ("severe-weather", "severe-weather"),
    ("complaint-spike", "complaint-spike"),
];

/// Starts a drill. On the simulator the scenario's situation is switched on
/// and the rules trip as they would; on a live platform (or for a plan with
/// no scenario) a synthetic alert opens the checklist and the platform is
/// never touched.
pub fn start_drill(state: &mut AppState, name: &str) -> Vec<Effect> {
    let scenario = DRILLS.iter().find(|(s, c)| *s == name || *c == name);
    let checklist = scenario.map_or(name, |(_, c)| c).to_owned();
    let t = &state.texts.incidents;
    if !state.checklists.contains_key(&checklist) {
        let known: Vec<&str> = DRILLS.iter().map(|(s, _)| *s).collect();
        state.view.notice = Some(fill(
            t.no_such_drill,
            &[&format!("{name:?}"), &known.join(", ")],
        ));
        return Vec::new();
    }
    if state.drill.is_some() {
        state.view.notice = Some(t.drill_running.into());
        return Vec::new();
    }
    // What an earlier drill left open (its console quit before `:drill stop`)
    // ends here, so that this drill starts on a fresh incident.
    let outcome = fill(t.drill_superseded, &[name]);
    let (_, mut effects) = end_drill_incidents(state, &outcome);
    state.drill = Some(crate::app::state::Drill {
        name: name.to_owned(),
        checklist: checklist.clone(),
        started_at: state.wall_now,
    });
    let detail = fill(state.texts.audit.drill_started, &[name, &checklist]);
    effects.push(state.saving.audit("drill-started", detail));
    match scenario {
        Some((scenario, _)) if state.simulated => {
            effects.push(Effect::SwitchScenario((*scenario).to_owned()));
            effects
        }
        _ => {
            let trigger = Trigger {
                rule: "drill".into(),
                subject: name.to_owned(),
                description: fill(state.texts.incidents.drill_condition, &[name]),
                value: 1.0,
                // A drill rehearses the plan at the top of the queue.
                severity: Severity::Critical,
                queue: None,
                metric: None,
            };
            effects.extend(open(state, &checklist, Some(trigger), true));
            effects
        }
    }
}

/// Ends the drill and every incident it opened, closed on the record as
/// ended by the drill (the score counts only the steps due by then); the
/// simulator goes back to normal.
pub fn stop_drill(state: &mut AppState) -> Vec<Effect> {
    let Some(drill) = state.drill.take() else {
        state.view.notice = Some(state.texts.incidents.no_drill_running.into());
        return Vec::new();
    };
    let outcome = fill(state.texts.incidents.drill_stopped, &[&drill.name]);
    let (closed, mut effects) = end_drill_incidents(state, &outcome);
    state.view.notice = Some(fill(
        state.texts.incidents.drill_ended,
        &[&drill.name, &closed.to_string()],
    ));
    effects.push(state.saving.audit("drill-stopped", drill.name));
    if state.simulated {
        effects.push(Effect::SwitchScenario("normal".into()));
    }
    effects
}

/// Closes every open drill incident with `outcome`: how many, and what
/// goes to the record. A drill's end is no claim that the floor recovered,
/// so it asks for no confirmation.
fn end_drill_incidents(state: &mut AppState, outcome: &str) -> (usize, Vec<Effect>) {
    let (who, now) = (state.view.operator.clone(), state.wall_now);
    let open: Vec<usize> = state
        .incidents
        .iter()
        .filter(|i| i.drill && i.is_open())
        .map(|i| i.local)
        .collect();
    let mut effects = Vec::new();
    let mut closed = 0;
    for local in open {
        if state.incidents[local].run.close(&who, now, outcome).is_ok() {
            closed += 1;
            effects.extend(persist_new(state, local));
        }
    }
    (closed, effects)
}
