//! The crisis line: while an incident is open, every view says which, its
//! current step, and when the next status update is due, on one line that
//! is shortened by priority and never wrapped: the due time and the count
//! of other open incidents stay whole; the step's title gives way first,
//! then the plan's.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fmt;
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;
use crate::app::view::{self, Crisis};

/// A step title cut below this many columns says too little: it goes.
const SHORTEST_STEP_TITLE: usize = 8;

/// The plan's title keeps at least this many columns (with its "…").
const SHORTEST_PLAN_TITLE: usize = 6;

/// One line while an incident is open, none otherwise.
pub fn height(state: &AppState) -> u16 {
    u16::from(view::crisis(state).is_some())
}

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let Some(crisis) = view::crisis(state) else {
        return;
    };
    let role = if crisis.update_late_s.is_some() {
        Role::Critical
    } else if crisis.incident.drill {
        Role::Drill
    } else {
        Role::Warning
    };
    let width = usize::from(area.width);
    let text = fmt::pad(&line(&crisis, state, width), width);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, theme.style(role)))),
        area,
    );
}

/// `⚑ Traffic surge · step 3/12 Brief the floor · next update 10:29 · +1 open`,
/// at most `width` columns.
pub fn line(crisis: &Crisis<'_>, state: &AppState, width: usize) -> String {
    let t = &state.texts.crisis;
    let sep = t.separator;
    let plan = fmt::clean(&crisis.incident.run.checklist().title).into_owned();
    let plan_template = if crisis.incident.drill {
        t.drill_plan
    } else {
        t.plan
    };
    let (number, step_title) = match crisis.step {
        Some((at, of, title)) => (
            fill(t.step, &[&at.to_string(), &of.to_string()]),
            fmt::clean(title).into_owned(),
        ),
        None => (t.all_done.to_string(), String::new()),
    };
    let update = match (crisis.update_late_s, crisis.next_update) {
        (Some(late), _) => fill(t.update_overdue, &[&fmt::duration(Some(late), "")]),
        (None, Some(due)) => fill(
            t.next_update,
            &[&fmt::clock_hm(due, state.view.utc_offset_s)],
        ),
        (None, None) => String::new(),
    };
    let mut tail = String::new();
    if !update.is_empty() {
        tail.push_str(sep);
        tail.push_str(&update);
    }
    if crisis.others > 0 {
        tail.push_str(sep);
        tail.push_str(&fill(t.others, &[&crisis.others.to_string()]));
    }
    // One column of margin, as on the header. The plan keeps a few columns
    // at least; on the narrowest screens the step's number goes first.
    let plan_least = plan.width().min(SHORTEST_PLAN_TITLE);
    let base = 1 + fill(plan_template, &[""]).width() + tail.width();
    let mut number = format!("{sep}{number}");
    if base + number.width() + plan_least > width {
        number.clear();
    }
    let room = width.saturating_sub(base + number.width());
    let step_room = room
        .saturating_sub(plan.width())
        .max(room / 2)
        .min(room.saturating_sub(plan_least));
    let step_part = if step_title.is_empty() || step_room < SHORTEST_STEP_TITLE + 1 {
        String::new()
    } else {
        format!(" {}", fmt::fit(&step_title, step_room - 1))
    };
    let plan_room = room.saturating_sub(step_part.width());
    let plan = fill(plan_template, &[&fmt::fit(&plan, plan_room)]);
    let whole = format!(" {plan}{number}{step_part}{tail}");
    fmt::fit(&whole, width)
}
