//! The team's shared data (`../shared/data/`), read in place and never copied.
//!
//! On a lone clone the data is absent: a test that needs it says loudly that it
//! skipped. In CI (`FLOORWATCH_REQUIRE_SHARED=1`) a missing file fails the run.

use std::path::PathBuf;

/// The path of `relative` under `../shared/data/`, or `None` (after saying so) when absent.
pub fn data(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("FLOORWATCH_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "shared data {} is missing and FLOORWATCH_REQUIRE_SHARED=1",
            path.display()
        );
    }
    skipped(&format!(
        "shared data {} is not here (a lone clone); this test did not run",
        path.display()
    ));
    None
}

/// Says on the real standard error that a test skipped: `eprintln!` would be
/// swallowed by the test harness for a test that passes.
pub fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {why}");
}
