//! The package's own Rust files, for the tests that read the source
//! (architecture, figures, one writer).

use std::fs;
use std::path::{Path, PathBuf};

/// The package's root directory.
pub fn package() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir` (none when it does not exist), sorted.
pub fn rust_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A module's files: `src/NAME.rs` and everything under `src/NAME/`.
pub fn module_files(module: &str) -> Vec<PathBuf> {
    let src = package().join("src");
    let mut files = vec![src.join(format!("{module}.rs"))];
    files.extend(rust_files_under(&src.join(module)));
    files
}
