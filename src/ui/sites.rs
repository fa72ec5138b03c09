//! Agents by site and state: where the floor's people are, and a site
//! that lost many of them at once (power or network) said in words.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fmt::{self, pad, pad_left};
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;
use crate::engine::rules::{Metric, Subject};
use crate::model::{AgentState, Snapshot};

const CELL: usize = 8;

/// One site's agents by state: logged in, available, on call, wrap-up, not ready, offline.
#[derive(Default, Clone, Copy)]
struct Counts([u32; 6]);

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let t = &state.texts.sites;
    let width = usize::from(area.width);
    let mut lines = vec![Line::from(Span::styled(
        pad(&format!(" {}", t.title), width),
        theme.style(Role::Title),
    ))];
    let headings = [
        t.logged_in,
        t.available,
        t.on_call,
        t.wrap_up,
        t.not_ready,
        t.offline,
    ];
    let name_width = width.saturating_sub(1 + CELL * headings.len() + 14);
    let mut heading = format!(" {}", pad(t.site, name_width));
    for h in headings {
        heading.push_str(&pad_left(h, CELL));
    }
    heading.push_str(&format!("  {}", t.alert));
    lines.push(Line::from(Span::styled(heading, theme.style(Role::Header))));
    let Some(snapshot) = state.floor.snapshot() else {
        lines.push(Line::from(Span::styled(
            format!(" {}", state.texts.misc.no_data_yet),
            theme.style(Role::Muted),
        )));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    for (name, counts) in by_site(snapshot, t.no_site) {
        let lost = site_alert(state, &name);
        let mut text = format!(
            " {}",
            pad(&fmt::fit(&fmt::clean(&name), name_width), name_width)
        );
        for n in counts.0 {
            text.push_str(&pad_left(&n.to_string(), CELL));
        }
        let (alert, role) = match lost {
            Some(share) => (
                fill(t.lost, &[&fmt::percent(Some(share), "—")]),
                Role::Critical,
            ),
            None => (t.steady.to_string(), Role::Normal),
        };
        lines.push(Line::from(vec![
            Span::styled(text, theme.style(Role::Normal)),
            Span::styled(format!("  {alert}"), theme.style(role)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Agents counted by the site they work at (its name), home workers included.
fn by_site(snapshot: &Snapshot, no_site: &str) -> BTreeMap<String, Counts> {
    let names: BTreeMap<&str, &str> = snapshot
        .sites
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let mut sites: BTreeMap<String, Counts> = snapshot
        .sites
        .iter()
        .map(|s| (s.name.clone(), Counts::default()))
        .collect();
    for agent in &snapshot.agents {
        let site = agent
            .site
            .as_deref()
            .map_or(no_site, |id| names.get(id).copied().unwrap_or(id));
        let counts = sites.entry(site.to_owned()).or_default();
        let column = match agent.state {
            AgentState::Available => Some(1),
            AgentState::OnCall => Some(2),
            AgentState::WrapUp => Some(3),
            AgentState::NotReady => Some(4),
            AgentState::Offline => Some(5),
            // A phone ringing for a few seconds gets no column of its own
            // (there is no room at 80 columns); the agent is counted as in.
            AgentState::Ringing => None,
        };
        if let Some(column) = column {
            counts.0[column] += 1;
        }
        if agent.state != AgentState::Offline {
            counts.0[0] += 1;
        }
    }
    sites
}

/// The share of agents a site lost, while its alert fires.
fn site_alert(state: &AppState, site: &str) -> Option<f64> {
    state
        .rules
        .book()
        .firing()
        .find(|a| {
            a.rule.metric == Metric::SiteAgentsLost && a.subject == Subject::Site(site.to_owned())
        })
        .map(|a| a.latest_value.unwrap_or(a.tripped_value))
}
