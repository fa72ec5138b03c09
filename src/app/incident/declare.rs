//! `:declare PLAN [SITE]` (or `:open`): a plan opened by hand.

use super::open::{name_site, open};
use crate::app::Effect;
use crate::app::state::AppState;
use crate::app::text::fill;

/// `:declare PLAN [SITE]`: opens a plan by hand; a plan whose messages name
/// `{site}` takes the site from the floor's sites (any case, or one word of
/// its name), and says how to name one when none is given.
pub(super) fn declare(state: &mut AppState, rest: &str) -> Vec<Effect> {
    let (id, site) = rest
        .split_once(' ')
        .map_or((rest, ""), |(id, site)| (id, site.trim()));
    if !state.checklists.contains_key(id) {
        let known: Vec<&str> = state.checklists.keys().map(String::as_str).collect();
        state.view.notice = Some(fill(
            state.texts.incidents.unknown_checklist,
            &[id, &known.join(", ")],
        ));
        return Vec::new();
    }
    let site = if site.is_empty() {
        None
    } else {
        match site_named(state, site) {
            Ok(name) => Some(name),
            Err(notice) => {
                state.view.notice = Some(notice);
                return Vec::new();
            }
        }
    };
    let names_site = state.checklists[id]
        .steps
        .iter()
        .any(|s| s.say.as_deref().is_some_and(|say| say.contains("{site}")));
    let mut effects = open(state, id, None, false);
    if site.is_none() && names_site && !effects.is_empty() {
        state.view.notice = Some(fill(state.texts.incidents.name_the_site, &[id]));
    }
    name_site(state, &mut effects, site);
    effects
}

/// The floor's site `wanted` names: its name or id in any case, or one word
/// of one site's name; else the notice naming the valid sites.
fn site_named(state: &AppState, wanted: &str) -> Result<String, String> {
    let sites = state
        .floor
        .snapshot()
        .map_or(&[][..], |s| s.sites.as_slice());
    let same = |a: &str| a.to_lowercase() == wanted.to_lowercase();
    let whole = sites.iter().find(|s| same(&s.name) || same(&s.id));
    let by_word: Vec<&crate::model::Site> = sites
        .iter()
        .filter(|s| s.name.split_whitespace().any(same))
        .collect();
    match (whole, by_word.as_slice()) {
        (Some(site), _) => Ok(site.name.clone()),
        (None, [site]) => Ok(site.name.clone()),
        _ => {
            let names: Vec<&str> = sites.iter().map(|s| s.name.as_str()).collect();
            let t = &state.texts.incidents;
            Err(if names.is_empty() {
                fill(t.no_sites_yet, &[wanted])
            } else {
                fill(t.no_such_site, &[wanted, &names.join(", ")])
            })
        }
    }
}
