//! The `:` command line: each command in its own file.

use super::close::close;
use super::declare::declare;
use super::drill::{start_drill, stop_drill};
use crate::app::Effect;
use crate::app::state::AppState;
use crate::app::text::fill;

/// A `:` command: `declare NAME` opens a checklist by hand; `close OUTCOME`
/// closes the incident on screen (or the newest open one) with its outcome.
pub fn command(state: &mut AppState, line: &str) -> Vec<Effect> {
    let line = line.trim().trim_start_matches(':');
    let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    match verb {
        "declare" | "open" => declare(state, rest),
        "close" if rest.is_empty() => {
            state.view.notice = Some(state.texts.incidents.close_needs_outcome.into());
            Vec::new()
        }
        "close" => close(state, rest),
        "drill" if rest == "stop" => stop_drill(state),
        "drill" => start_drill(state, rest),
        _ => {
            state.view.notice = Some(fill(state.texts.incidents.unknown_command, &[verb]));
            Vec::new()
        }
    }
}
