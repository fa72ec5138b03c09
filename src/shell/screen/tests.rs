use ratatui::widgets::Paragraph;

use super::*;

const BEGIN: &[u8] = b"\x1b[?2026h";
const END: &[u8] = b"\x1b[?2026l";

const PAGE: &str = "Billing  waiting 12  longest 4:05\nSupport  waiting 3\n✖ PLATFORM DOWN 客服";

fn page(frame: &mut Frame) {
    frame.render_widget(Paragraph::new(PAGE), frame.area());
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_frame_comes_out_whole_then_only_its_changes() {
    let mut screen = RemoteScreen::new(80, 24).unwrap();
    let first = screen.draw(page).unwrap();
    assert!(
        first.starts_with(BEGIN) && first.ends_with(END),
        "{first:?}"
    );
    // crossterm moves the cursor between runs of cells, so look for words.
    for word in ["Billing", "longest", "4:05", "PLATFORM", "客", "服"] {
        assert!(
            contains(&first, word),
            "{word} in {}",
            String::from_utf8_lossy(&first)
        );
    }
    assert!(
        contains(&first, "\x1b[J"),
        "the first frame clears the screen"
    );

    let again = screen.draw(page).unwrap();
    assert!(
        again.len() < 64 && !contains(&again, "Billing"),
        "an unchanged frame sends almost nothing: {again:?}"
    );

    let changed = screen
        .draw(|frame| {
            let text = PAGE.replace("waiting 12", "waiting 17");
            frame.render_widget(Paragraph::new(text), frame.area());
        })
        .unwrap();
    assert!(contains(&changed, "7"), "{changed:?}");
    assert!(
        !contains(&changed, "Billing") && changed.len() < first.len() / 2,
        "only the change goes out: {}",
        String::from_utf8_lossy(&changed)
    );
}

#[test]
fn after_redraw_all_the_whole_screen_goes_out_again() {
    let mut screen = RemoteScreen::new(80, 24).unwrap();
    let first = screen.draw(page).unwrap();
    screen.draw(page).unwrap();
    screen.redraw_all();
    let whole = screen.draw(page).unwrap();
    assert!(contains(&whole, "\x1b[J"), "the screen is cleared first");
    for word in ["Billing", "Support", "PLATFORM", "客", "服"] {
        assert!(contains(&whole, word), "{word}");
    }
    assert!(
        whole.len() >= first.len() * 9 / 10,
        "{} vs {}",
        whole.len(),
        first.len()
    );
}

#[test]
fn a_resize_changes_the_area_and_redraws_everything() {
    let mut screen = RemoteScreen::new(80, 24).unwrap();
    screen.draw(page).unwrap();
    screen.resize(132, 50).unwrap();
    assert_eq!(screen.area(), Rect::new(0, 0, 132, 50));
    let mut seen = Rect::default();
    let after = screen
        .draw(|frame| {
            seen = frame.area();
            page(frame);
        })
        .unwrap();
    assert_eq!(seen, Rect::new(0, 0, 132, 50));
    assert!(contains(&after, "Billing") && contains(&after, "\x1b[J"));
    screen.resize(0, 0).unwrap();
    assert_eq!(
        screen.area(),
        Rect::new(0, 0, 1, 1),
        "never an empty screen"
    );
}

#[test]
fn the_clipboard_gets_clean_lines_only() {
    use base64::Engine as _;
    let sequence = String::from_utf8(osc52(
        "Queue\x1b]0;pwned\x07 \u{202E}\u{E0041}down\r\nsecond line\x07",
    ))
    .unwrap();
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .unwrap();
    assert!(
        !payload.contains(['\x1b', '\x07']),
        "one sequence, unbroken"
    );
    let copied = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(
        String::from_utf8(copied).unwrap(),
        "Queue down\nsecond line"
    );
}
