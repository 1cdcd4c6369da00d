//! `icpc plan RULES`: prints the predicate plan the optimizer made, so a
//! reviewer can see what was shared, folded and reordered.

use super::Global;
use super::output;
use std::process::ExitCode;

/// Arguments of `icpc plan`.
const EXIT_CODES: &str = "\
Exit codes:
  0  the plan was printed
  2  bad usage, an unreadable file, or rules that do not compile";

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// The rule file: a path, or `REV:PATH` to read it from git.
    rules: String,
    /// Switch an optimization pass off; repeatable.
    #[arg(long = "no-pass", value_name = "NAME")]
    no_pass: Vec<String>,
    /// Switch every optimization pass off (the program lowered as written).
    #[arg(long, conflicts_with = "no_pass")]
    unoptimized: bool,
}

/// Runs `icpc plan`.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    let options = if args.unoptimized {
        icpc::plan::Options::none()
    } else {
        super::rules::plan_options(&args.no_pass)?
    };
    let rules = super::rules::load(&args.rules, &options, global)?;
    output::write_stdout(&rules.plan().to_string())?;
    Ok(ExitCode::SUCCESS)
}
