//! Why people call: the last hour's contacts by reason as a Pareto, for
//! the floor or one queue (`Tab`), with the 80 % cut drawn and a reason far
//! above its usual share flagged JUMP in words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fmt::{self, pad, pad_left};
use super::theme::{Role, Theme};
use crate::app::AppState;
use crate::app::text::fill;
use crate::engine::reasons::{Pareto, ParetoRow};
use crate::model::QueueId;

const COUNT: usize = 6;
const SHARE: usize = 6;
const BAR: usize = 10;
const FLAG: usize = 17;

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    queue: Option<&QueueId>,
) {
    let t = &state.texts.reasons;
    let width = usize::from(area.width);
    let (scope, pareto) = match queue {
        None => (t.floor.to_string(), state.floor.pareto()),
        Some(id) => match state.floor.queue(id) {
            Some(view) => (
                fmt::clean(&view.observation.name).into_owned(),
                view.pareto(),
            ),
            None => (fmt::clean(&id.0).into_owned(), None),
        },
    };
    let total = pareto.as_ref().map_or(0, |p| p.total);
    let title = fill(t.title, &[&scope, &total.to_string()]);
    let mut lines = vec![Line::from(Span::styled(
        pad(&format!(" {title}"), width),
        theme.style(Role::Title),
    ))];
    let name_width = width.saturating_sub(4 + COUNT + 2 * SHARE + BAR + FLAG + 4);
    lines.push(Line::from(Span::styled(
        format!(
            " {}{}{}{}{} {} {}",
            pad("#", 3),
            pad(t.reason, name_width),
            pad_left(t.count, COUNT),
            pad_left(t.share, SHARE),
            pad_left(t.cumulative, SHARE),
            " ".repeat(BAR),
            t.usual
        ),
        theme.style(Role::Header),
    )));
    match pareto.filter(|p| p.total > 0) {
        None => lines.push(Line::from(Span::styled(
            format!(" {}", t.nothing),
            theme.style(Role::Muted),
        ))),
        Some(pareto) => rows(
            &mut lines,
            &pareto,
            usize::from(area.height).saturating_sub(2),
            name_width,
            state,
            theme,
        ),
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn rows<'a>(
    lines: &mut Vec<Line<'a>>,
    pareto: &Pareto,
    room: usize,
    name_width: usize,
    state: &AppState,
    theme: &Theme,
) {
    let t = &state.texts.reasons;
    for (index, row) in pareto.rows.iter().enumerate() {
        if lines.len() >= room + 2 {
            break;
        }
        lines.push(row_line(
            index,
            row,
            index < pareto.vital_few,
            name_width,
            state,
            theme,
        ));
        if index + 1 == pareto.vital_few && index + 1 < pareto.rows.len() {
            lines.push(Line::from(Span::styled(
                format!("    {}", t.cut),
                theme.style(Role::Muted),
            )));
        }
    }
}

fn row_line<'a>(
    index: usize,
    row: &ParetoRow,
    vital: bool,
    name_width: usize,
    state: &AppState,
    theme: &Theme,
) -> Line<'a> {
    let t = &state.texts.reasons;
    let usual = row
        .usual
        .map_or_else(|| "—".to_string(), |u| fmt::percent(Some(u), "—"));
    let bar_len = (row.share * BAR as f64).round() as usize;
    let bar = format!(
        "{}{}",
        "█".repeat(bar_len.min(BAR)),
        " ".repeat(BAR - bar_len.min(BAR))
    );
    let flag = if row.jumped {
        fill(t.jump, &[&usual])
    } else {
        usual
    };
    let role = match (row.jumped, vital) {
        (true, _) => Role::Warning,
        (false, true) => Role::Normal,
        (false, false) => Role::Muted,
    };
    Line::from(vec![
        Span::styled(
            format!(
                " {}{}{}{}{} ",
                pad(&(index + 1).to_string(), 3),
                pad(&fmt::fit(&fmt::clean(&row.reason), name_width), name_width),
                pad_left(&row.count.to_string(), COUNT),
                pad_left(&fmt::percent(Some(row.share), "—"), SHARE),
                pad_left(&fmt::percent(Some(row.cumulative), "—"), SHARE),
            ),
            theme.style(role),
        ),
        Span::styled(bar, theme.style(Role::Trend)),
        Span::styled(format!(" {}", pad(&flag, FLAG)), theme.style(role)),
    ])
}
