//! Panes longer than their room: which rows show, and whether there is more
//! above or below. A pane is a list of blocks (one logical line each, wrapped
//! into rows); the operator scrolls by blocks, so every block can be reached
//! whatever the width.

/// The rows a pane shows, and what it hides.
pub struct Shown<T> {
    pub rows: Vec<T>,
    pub more_above: bool,
    pub more_below: bool,
}

/// Rows from block `offset` down, at most `height`; the offset is held back
/// so that a pane scrolled past its end still shows a full last page.
pub fn from_top<T>(blocks: Vec<Vec<T>>, offset: usize, height: usize) -> Shown<T> {
    let total: usize = blocks.iter().map(Vec::len).sum();
    let mut offset = offset.min(blocks.len().saturating_sub(1));
    // The fewest blocks to skip that still leaves the end in view.
    let mut rest: usize = blocks.iter().skip(offset).map(Vec::len).sum();
    while offset > 0 && rest + blocks[offset - 1].len() <= height {
        offset -= 1;
        rest += blocks[offset].len();
    }
    let skipped: usize = blocks.iter().take(offset).map(Vec::len).sum();
    let rows: Vec<T> = blocks
        .into_iter()
        .skip(offset)
        .flatten()
        .take(height)
        .collect();
    Shown {
        more_below: skipped + rows.len() < total,
        more_above: offset > 0,
        rows,
    }
}

/// Rows ending `back` blocks before the last, at most `height`: a record
/// that rests on its newest entry.
pub fn from_bottom<T>(blocks: Vec<Vec<T>>, back: usize, height: usize) -> Shown<T> {
    let count = blocks.len();
    let end = count.saturating_sub(back).max(1).min(count);
    let mut start = end;
    let mut used = 0;
    while start > 0 && used + blocks[start - 1].len() <= height {
        start -= 1;
        used += blocks[start].len();
    }
    // Scrolled back to the start: the page fills downward from there.
    let shown_end = if start == 0 { count } else { end };
    let mut rows: Vec<T> = Vec::new();
    let mut last = start;
    for block in blocks.into_iter().take(shown_end).skip(start) {
        if rows.len() + block.len() > height && !rows.is_empty() {
            break;
        }
        rows.extend(block);
        last += 1;
    }
    rows.truncate(height);
    Shown {
        more_above: start > 0,
        more_below: last < count,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(sizes: &[usize]) -> Vec<Vec<usize>> {
        sizes.iter().enumerate().map(|(i, n)| vec![i; *n]).collect()
    }

    #[test]
    fn from_the_top_a_page_past_the_end_shows_the_last_page() {
        let shown = from_top(blocks(&[1, 2, 1, 1]), 9, 3);
        assert_eq!(shown.rows, vec![2, 3]);
        assert!(shown.more_above && !shown.more_below);
        let start = from_top(blocks(&[1, 2, 1, 1]), 0, 3);
        assert_eq!(start.rows, vec![0, 1, 1]);
        assert!(!start.more_above && start.more_below);
    }

    #[test]
    fn from_the_bottom_rests_on_the_newest_and_goes_back() {
        let newest = from_bottom(blocks(&[1, 1, 1, 1, 1]), 0, 2);
        assert_eq!(newest.rows, vec![3, 4]);
        assert!(newest.more_above && !newest.more_below);
        let back = from_bottom(blocks(&[1, 1, 1, 1, 1]), 9, 2);
        assert_eq!(back.rows, vec![0, 1]);
        assert!(!back.more_above && back.more_below);
    }
}
