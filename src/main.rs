//! The `icpc` binary: parses the command line, runs the subcommand (all of
//! it in `cli`), and turns the outcome into the process's exit code.
//! Operational failures print as miette reports and exit with 2; a panic,
//! which is always a bug, prints one short line and never a backtrace.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|location| format!(" at {}:{}", location.file(), location.line()))
            .unwrap_or_default();
        eprintln!(
            "error: icpc stopped on an internal error{place}\n\
             this is a bug; please report it with the input that caused it"
        );
    }));
    let cli = cli::Cli::parse();
    cli::install_report_style(&cli);
    match cli::run(cli) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(cli::EXIT_FAILURE_TO_RUN)
        }
    }
}
