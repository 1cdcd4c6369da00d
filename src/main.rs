//! The `icpc` binary: parses the command line, runs the subcommand (all of
//! it in `cli`) and turns the outcome into the exit code; an operational
//! failure prints its report and exits with 2.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// `icpc`: compile and run ICP (Ideal Customer Profile) rule files.
#[derive(Debug, Parser)]
#[command(name = "icpc", version, about)]
enum Command {
    /// Score every lead of a JSON Lines or CSV file.
    Eval(cli::eval::EvalArgs),
}

#[expect(clippy::print_stderr, reason = "the binary's error boundary")]
fn main() -> ExitCode {
    let Command::Eval(args) = Command::parse();
    match cli::eval::run(&args) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
