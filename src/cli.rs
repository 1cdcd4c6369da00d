//! The command line: argument definitions, the dispatch to one module per
//! subcommand, and what subcommands share: reading the files and globs
//! they are given, and the exit codes.
//!
//! Each subcommand lives in `cli/<name>.rs` with a `#[derive(Args)]`
//! struct and `pub fn run(args, &Global) -> miette::Result<ExitCode>`; to add
//! one, add a variant to [`Command`] and an arm to [`run`]. Subcommands
//! read and print; everything else is a library call. An `Err` is an
//! operational failure (a file that cannot be read, a bad glob): `main`
//! prints it and exits with [`EXIT_FAILURE_TO_RUN`].

mod check;
mod diff;
pub mod eval;
mod explain;
mod fmt;
pub mod git;
mod init;
mod loader;
mod output;
mod plan;
mod rules;
mod sql;
mod test;

use clap::{Parser, Subcommand};
use miette::{IntoDiagnostic, WrapErr, miette};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use output::ColorChoice;

/// The exit code of a run that found problems in its input.
pub const EXIT_PROBLEMS: u8 = 1;
/// The exit code of a run that could not do its job (usage or IO errors).
pub const EXIT_FAILURE_TO_RUN: u8 = 2;

/// `icpc`: compile and run ICP (Ideal Customer Profile) rule files.
#[derive(Debug, Parser)]
#[command(name = "icpc", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// When to colour the output: `auto` colours only a terminal (and
    /// respects `NO_COLOR`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check rule files and report every problem found in them.
    Check(check::Args),
    /// Rewrite rule files in the canonical layout.
    Fmt(fmt::Args),
    /// Score every lead of a JSON Lines or CSV file.
    Eval(eval::EvalArgs),
    /// Explain one lead's verdict, and what would it take to reach a tier.
    Explain(explain::Args),
    /// Print the optimized predicate plan of a rule file.
    Plan(plan::Args),
    /// Run the examples written beside the rules and report those that fail.
    Test(test::Args),
    /// Write the SQL that computes the verdicts in DuckDB or PostgreSQL.
    Sql(sql::Args),
    /// Compare two versions of a rule file, and what they do to leads.
    Diff(diff::Args),
    /// Write a starter rule file from the questions an ICP is built from.
    Init(Box<init::Args>),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> miette::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args, &cli.global),
        Command::Fmt(args) => fmt::run(args, &cli.global),
        Command::Plan(args) => plan::run(args, &cli.global),
        Command::Eval(args) => eval::run(&args, &cli.global),
        Command::Explain(args) => explain::run(args, &cli.global),
        Command::Test(args) => test::run(args, &cli.global),
        Command::Diff(args) => diff::run(args, &cli.global),
        Command::Sql(args) => sql::run(&args, &cli.global),
        Command::Init(args) => init::run(*args, &cli.global),
    }
}

/// Makes operational error reports plain text unless stderr is a terminal
/// (or `--color always`), so that logs and tests read the same everywhere.
pub fn install_report_style(cli: &Cli) {
    let fancy = cli.global.color.enabled(output::Stream::Stderr);
    let _already_set = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .color(fancy)
                .unicode(fancy)
                .terminal_links(false)
                .width(100)
                .build(),
        )
    }));
}

/// A rule file to work on: a path, standard input (`-`), or a file as it
/// is at a git revision (`REV:PATH`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `-`
    Stdin,
    /// A file.
    File(PathBuf),
    /// `REV:PATH`, read from git.
    Git(git::Revision),
}

/// Standard input's name in messages.
pub const STDIN_NAME: &str = "<stdin>";

impl Input {
    /// One rule file argument: `-`, a path, or `REV:PATH` when no such
    /// path exists.
    pub fn parse(argument: &str) -> Input {
        if argument == "-" {
            return Input::Stdin;
        }
        match git::Revision::parse(argument) {
            Some(revision) => Input::Git(revision),
            None => Input::File(PathBuf::from(argument)),
        }
    }

    /// The name shown in diagnostics.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => STDIN_NAME.to_string(),
            Input::File(path) => path.display().to_string(),
            Input::Git(revision) => revision.name(),
        }
    }

    /// The commit the content was read at (with whether the file, or a
    /// file `source` joined to it by `include`, had uncommitted changes),
    /// when it came from git or a git work tree.
    pub fn commit(&self, source: &icpc::source::Source) -> miette::Result<Option<git::Commit>> {
        Ok(match self {
            Input::Stdin => None,
            Input::File(path) => {
                let included: Vec<String> = (source.parts().into_iter())
                    .map(|part| part.name)
                    .filter(|name| *name != source.name)
                    .collect();
                let mut files = vec![path.as_path()];
                files.extend(included.iter().map(Path::new));
                git::work_tree_commit(&files)
            }
            Input::Git(revision) => Some(git::Commit {
                sha: revision.commit()?,
                dirty: false,
            }),
        })
    }

    /// The whole content.
    pub fn read(&self) -> miette::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .into_diagnostic()
                    .wrap_err("cannot read standard input")?;
                Ok(bytes)
            }
            Input::Git(revision) => revision.read(),
            Input::File(path) => std::fs::read(path).map_err(|error| {
                miette!(
                    help = "check the path; it is relative to the current directory",
                    "cannot read `{}`: {error}",
                    path.display()
                )
            }),
        }
    }
}

/// Expands command-line arguments into inputs, in order, without
/// duplicates: `-` is standard input, a directory means every `.icp` file
/// under it, an argument with `*`, `?` or `[` that is not an existing path
/// is a glob pattern (so globs work without a shell), `REV:PATH` that is
/// not an existing path a file at a git revision, anything else a path.
pub fn expand(arguments: &[String]) -> miette::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for argument in arguments {
        let path = Path::new(argument);
        let found = if argument == "-" {
            vec![Input::Stdin]
        } else if path.is_dir() {
            let pattern = path.join("**").join("*.icp");
            glob_files(&pattern.to_string_lossy(), argument)?
        } else if !path.exists() && argument.contains(['*', '?', '[']) {
            glob_files(argument, argument)?
        } else {
            vec![Input::parse(argument)]
        };
        for input in found {
            if !inputs.contains(&input) {
                inputs.push(input);
            }
        }
    }
    Ok(inputs)
}

fn glob_files(pattern: &str, argument: &str) -> miette::Result<Vec<Input>> {
    let paths = glob::glob(pattern).map_err(|error| {
        miette!(
            help = "`*` matches within a name, `**` any depth, `?` one character, `[abc]` a set",
            "invalid glob pattern `{argument}`: {}",
            error.msg
        )
    })?;
    let files: Vec<Input> = paths
        .filter_map(Result::ok)
        .filter(|path| path.is_file())
        .map(Input::File)
        .collect();
    if files.is_empty() {
        return Err(miette!(
            help = "check the pattern; it is matched from the current directory",
            "no file matches `{argument}`"
        ));
    }
    Ok(files)
}
