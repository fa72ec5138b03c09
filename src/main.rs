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
            eprintln!("floorwatch: {e:#}");
            ExitCode::FAILURE
        }
    }
}
