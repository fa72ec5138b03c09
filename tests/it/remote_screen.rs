//! The hub's in-memory screen drawing the real views: what a console is sent.

use floorwatch::shell::screen::RemoteScreen;
use floorwatch::ui::theme::ColorLevel;

use super::floor_fixture;
use super::view::theme;

fn contains(bytes: &[u8], word: &str) -> bool {
    bytes.windows(word.len()).any(|w| w == word.as_bytes())
}

#[test]
fn the_wallboard_goes_out_whole_once_then_only_as_it_changes() {
    let mut state = floor_fixture::state();
    let theme = theme("default", ColorLevel::Ansi256);
    let mut screen = RemoteScreen::new(80, 24).unwrap();
    let whole = screen
        .draw(|frame| floorwatch::ui::render(frame, &state, &theme))
        .unwrap();
    for word in ["LIVE", "Billing", "Longest", "CRIT", "quit"] {
        assert!(contains(&whole, word), "{word}");
    }
    let same = screen
        .draw(|frame| floorwatch::ui::render(frame, &state, &theme))
        .unwrap();
    assert!(
        same.len() < 64,
        "an unchanged wallboard: {} bytes",
        same.len()
    );

    // The operator moves the selection: a few rows change, not the screen.
    floorwatch::app::update(
        &mut state,
        floorwatch::app::Msg::KeyPressed(floorwatch::app::Key::Down),
    );
    let moved = screen
        .draw(|frame| floorwatch::ui::render(frame, &state, &theme))
        .unwrap();
    assert!(
        moved.len() > same.len() && moved.len() < whole.len() / 2,
        "a moved selection: {} bytes of {}",
        moved.len(),
        whole.len()
    );
}
