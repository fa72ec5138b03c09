//! The architecture's invariants, checked on the source (ARCHITECTURE.md lists them).
//!
//! - The core (`model`, `engine`, `sentiment`, `app`, `sim`) does no I/O: no clock reads, no
//!   terminal, network, disk or async runtime, and no serde (its JSON twin lives in `platform::wire`).
//! - `ui` draws with ratatui and nothing else from the outside.
//! - Dependencies point inward: the core never uses `ui`, `platform`, `shell`, `config` or `cli`.
//! - `untrusted` (the cleaning of outside text) uses nothing of the crate, so every exit can use it.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(module: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join(format!("{module}.rs"))];
    let mut dirs = vec![root.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
        .into_iter()
        .filter_map(|p| {
            fs::read_to_string(&p)
                .ok()
                .map(|text| (p, code_only(&text)))
        })
        .collect()
}

/// The source without its comment lines (they may name what the code must not use).
fn code_only(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_absent(module: &str, forbidden: &[&str]) {
    let files = sources(module);
    assert!(!files.is_empty(), "no sources found for {module}");
    for (path, text) in files {
        for needle in forbidden {
            assert!(
                !text.contains(needle),
                "{} uses {needle:?}, which {module} must not",
                path.display()
            );
        }
    }
}

const IO: &[&str] = &[
    "Instant::now",
    "SystemTime",
    "chrono::",
    "std::fs",
    "std::net",
    "std::io::stdin",
    "std::env",
    "tokio",
    "reqwest",
    "axum",
    "sled",
    "crossterm",
    "ratatui",
    "serde",
    "std::thread",
    "println!",
    "eprintln!",
];

const OUTER: &[&str] = &[
    "crate::ui",
    "crate::platform",
    "crate::shell",
    "crate::config",
    "crate::cli",
];

#[test]
fn the_core_does_no_io_and_depends_on_nothing_outside_it() {
    for module in ["model", "engine", "sentiment", "app", "sim"] {
        assert_absent(module, IO);
        assert_absent(module, OUTER);
    }
    assert_absent("model", &["crate::engine", "crate::app", "crate::sim"]);
    // Sentiment reads text and nothing else of the crate, so anything may use it.
    assert_absent(
        "sentiment",
        &[
            "crate::model",
            "crate::engine",
            "crate::app",
            "crate::sim",
            "crate::store",
        ],
    );
    assert_absent("engine", &["crate::app", "crate::sim"]);
    // The one cleaning function sits below everything that prints, draws,
    // copies or logs outside text, so it may use nothing of the crate.
    assert_absent("untrusted", IO);
    assert_absent("untrusted", &["crate::"]);
    assert_absent("sim", &["crate::engine", "crate::app"]);
}

#[test]
fn the_view_only_draws() {
    let io: Vec<&str> = IO.iter().copied().filter(|n| *n != "ratatui").collect();
    assert_absent("ui", &io);
    assert_absent(
        "ui",
        &[
            "crate::platform",
            "crate::shell",
            "crate::cli",
            "crate::sim",
        ],
    );
}

#[test]
fn adapters_know_only_their_platform() {
    // An adapter turns an API into the model; the terminal, the app and the
    // config file are none of its business (the CLI hands it plain settings).
    assert_absent(
        "platform",
        &[
            "crate::ui",
            "crate::app",
            "crate::shell",
            "crate::cli",
            "crate::config",
            "crossterm",
            "ratatui",
        ],
    );
    // And only the platform module and the composition know reqwest.
    for module in ["config", "ui", "app", "engine", "model", "sim", "sentiment"] {
        assert_absent(module, &["reqwest::Client", "reqwest::get", ".send()"]);
    }
}

#[test]
fn outside_text_has_one_cleaning_function() {
    // Two cleaners drift apart, and one of them misses a character: every
    // exit uses `untrusted::clean` (or `clean_lines`, built on it).
    for module in [
        "model",
        "engine",
        "sentiment",
        "sim",
        "app",
        "ui",
        "platform",
        "config",
        "store",
        "shell",
        "cli",
    ] {
        assert_absent(module, &["fn clean(", "fn clean_lines(", "fn sanitize"]);
    }
    let untrusted = sources("untrusted");
    assert!(
        untrusted
            .iter()
            .any(|(_, text)| text.contains("pub fn clean("))
    );
}

#[test]
fn this_check_can_fail() {
    // A guard on the guard: the scan really reads the files it names.
    let shell = sources("shell");
    assert!(
        shell.iter().any(|(_, text)| text.contains("crossterm")),
        "the shell is where crossterm lives"
    );
}
