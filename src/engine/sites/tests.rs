//! Agents by site: every listed site, names for ids, agents at no site,
//! and each state in its column.

use super::{SiteAgents, agents_by_site, site_name};
use crate::model::{AgentObservation, AgentState, PlatformInfo, Site, Snapshot, Timestamp};

fn agent(id: &str, site: Option<&str>, state: AgentState) -> AgentObservation {
    AgentObservation {
        id: id.into(),
        name: id.into(),
        site: site.map(str::to_owned),
        state,
        state_since: None,
        queues: Vec::new(),
        reason: None,
        queue_states: Vec::new(),
    }
}

fn snapshot(agents: Vec<AgentObservation>) -> Snapshot {
    Snapshot {
        platform: PlatformInfo {
            kind: "test".into(),
            name: "test".into(),
        },
        observed_at: Timestamp::from_secs(1_767_600_000),
        queues: Vec::new(),
        agents,
        waiting_contacts: Vec::new(),
        interactions: Vec::new(),
        sites: vec![
            Site {
                id: "n".into(),
                name: "North".into(),
            },
            Site {
                id: "s".into(),
                name: "South".into(),
            },
        ],
    }
}

#[test]
fn agents_are_counted_by_their_sites_name_in_each_state() {
    use AgentState::*;
    let floor = snapshot(vec![
        agent("a", Some("n"), Available),
        agent("b", Some("n"), OnCall),
        agent("c", Some("n"), OnCall),
        agent("d", Some("n"), WrapUp),
        agent("e", Some("n"), NotReady),
        agent("f", Some("n"), Offline),
        agent("g", Some("n"), Ringing),
    ]);
    let sites = agents_by_site(&floor, "(no site)");
    assert_eq!(
        sites["North"],
        SiteAgents {
            logged_in: 6,
            available: 1,
            on_call: 2,
            wrap_up: 1,
            not_ready: 1,
            offline: 1,
        },
        "ringing is logged in, in no column; offline is not logged in"
    );
    assert_eq!(
        sites["South"],
        SiteAgents::default(),
        "a listed site with nobody"
    );
}

#[test]
fn agents_at_no_site_or_an_unlisted_one_are_counted_apart() {
    let floor = snapshot(vec![
        agent("a", None, AgentState::Available),
        agent("b", Some("east"), AgentState::OnCall),
    ]);
    let sites = agents_by_site(&floor, "(no site)");
    let names: Vec<&str> = sites.keys().map(String::as_str).collect();
    assert_eq!(names, ["(no site)", "North", "South", "east"], "by name");
    assert_eq!(sites["(no site)"].available, 1);
    assert_eq!(sites["east"].on_call, 1, "an unlisted site keeps its id");
}

#[test]
fn a_site_is_named_as_the_platform_names_it() {
    let floor = snapshot(Vec::new());
    assert_eq!(site_name(&floor, "s"), "South");
    assert_eq!(site_name(&floor, "west"), "west");
}
