//! The `floorwatch` binary: parse the command line, run, and report any error
//! with its context on standard error (never on the full-screen console).

use std::process::ExitCode;

use clap::Parser;
use floorwatch::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote file contents and platform answers: cleaned on the way out.
            let said = floorwatch::untrusted::clean_lines(&format!("{e:#}")).into_owned();
            eprintln!("floorwatch: {said}");
            ExitCode::FAILURE
        }
    }
}
