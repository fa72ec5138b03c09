//! Where the floor's people are: agents counted by the site they work at.

use std::collections::{BTreeMap, HashMap};

use crate::model::{AgentState, Snapshot};

/// One site's agents by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SiteAgents {
    /// Every agent not offline, a phone ringing included.
    pub logged_in: u32,
    pub available: u32,
    pub on_call: u32,
    pub wrap_up: u32,
    pub not_ready: u32,
    pub offline: u32,
}

impl SiteAgents {
    fn count(&mut self, state: AgentState) {
        if state != AgentState::Offline {
            self.logged_in = self.logged_in.saturating_add(1);
        }
        let column = match state {
            AgentState::Available => &mut self.available,
            AgentState::OnCall => &mut self.on_call,
            AgentState::WrapUp => &mut self.wrap_up,
            AgentState::NotReady => &mut self.not_ready,
            AgentState::Offline => &mut self.offline,
            // A phone rings for a few seconds: the agent is in, and in no
            // state of their own for so short a time.
            AgentState::Ringing => return,
        };
        *column = column.saturating_add(1);
    }
}

/// Agents counted by the site they work at, by the site's name, in the
/// order of the names; every site the platform names is there, with nobody
/// at work too. Agents at no site (home workers on some platforms) are
/// counted under `no_site`, the reader's word for them.
pub fn agents_by_site(snapshot: &Snapshot, no_site: &str) -> BTreeMap<String, SiteAgents> {
    // Looked up once per agent: a large floor has thousands of them.
    let names: HashMap<&str, &str> = snapshot
        .sites
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let mut sites: BTreeMap<String, SiteAgents> = snapshot
        .sites
        .iter()
        .map(|s| (s.name.clone(), SiteAgents::default()))
        .collect();
    for agent in &snapshot.agents {
        let site = agent
            .site
            .as_deref()
            .map_or(no_site, |id| names.get(id).copied().unwrap_or(id));
        sites.entry(site.to_owned()).or_default().count(agent.state);
    }
    sites
}

/// The name people read for the site `id`: agents name their site by id.
/// A site the platform does not list keeps its id.
pub fn site_name<'a>(snapshot: &'a Snapshot, id: &'a str) -> &'a str {
    snapshot
        .sites
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| s.name.as_str())
}

#[cfg(test)]
mod tests;
