//! `icpc diff OLD NEW [--leads FILE]`: what changed between two versions
//! of a rule file (either may be `REV:PATH`, read from git) and, with
//! leads, what it does to them; the report for a terminal, a pull-request
//! comment or tools.

use super::Global;
use super::eval::{InputKind, input_format, sink::open_input, today};
use super::output::{self, Stream};
use icpc::diff::{self, Diff};
use icpc::output::ErrorFormat;
use icpc::stream::{Settings, Sink};
use miette::miette;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  the diff was made (with --exit-code: and no lead's outcome changes)
  1  --exit-code was given and some lead's tier, scores or disqualification change
  2  bad usage, an unreadable file or revision, or rules that do not compile";

/// Arguments of `icpc diff`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// The old rule file: a path, or `REV:PATH` (`main:rules.icp`).
    old: String,
    /// The new rule file: a path, or `REV:PATH`.
    new: String,
    /// Score these leads (JSON Lines or CSV, `-` for standard input) with
    /// both versions, in one pass, and report how they move.
    #[arg(long, value_name = "FILE")]
    leads: Option<PathBuf>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when any lead's outcome changes (like `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
    /// The date `within N days` counts back from (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::eval::parse_as_of)]
    as_of: Option<i32>,
    /// Format of the leads; `auto` takes CSV for a `.csv` file.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    input_format: InputKind,
    /// Separator between the items of a `list<text>` CSV cell.
    #[arg(long, value_name = "CHAR", default_value_t = ';')]
    list_separator: char,
    /// Delimiter between CSV cells: `,` `;` `tab` or `|` (default: from the header).
    #[arg(long, value_name = "CHAR", value_parser = super::eval::parse_delimiter)]
    delimiter: Option<u8>,
    /// Worker threads (default: every core).
    #[arg(long, short, value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
}

/// `--format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For a terminal (coloured on a tty).
    Human,
    /// A pull-request comment: a summary line first, under 65,536 characters.
    Markdown,
    /// One JSON object with `changes`, `migration` and `witnesses`.
    Json,
}

/// Runs `icpc diff`.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    let old = super::rules::load_quietly(&args.old, global)?;
    let new = super::rules::load_quietly(&args.new, global)?;
    let mut report = Diff::new(&old, &new);
    if let Some(path) = &args.leads {
        let input = open_input(path)?;
        let settings = Settings {
            input: input_format(args.input_format, path, args.list_separator, args.delimiter),
            output: icpc::output::Format::None,
            errors: ErrorFormat::Text {
                name: path.display().to_string(),
            },
            jobs: (args.jobs)
                .or_else(|| std::thread::available_parallelism().ok())
                .map_or(1, std::num::NonZeroUsize::get),
            chunk_size: 1 << 20,
            score: true,
            keep: Vec::new(),
        };
        let context = icpc::verdict::Context {
            as_of: args.as_of.unwrap_or_else(today),
        };
        let mut sink = Rejected;
        let outcome = diff::leads::run(
            &old,
            &new,
            &report.changes,
            &context,
            &settings,
            input.reader,
            &mut sink,
        );
        report.leads = Some(outcome.map_err(|error| leads_error(error, path))?);
    }
    let text = match args.format {
        Format::Human => diff::text::render(&report, global.color.enabled(Stream::Stdout)),
        Format::Markdown => diff::markdown::render(&report),
        Format::Json => format!("{}\n", diff::json::render(&report)),
    };
    output::write_stdout(&text)?;
    Ok(if args.exit_code && report.outcomes_change() {
        ExitCode::from(super::EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

fn leads_error(error: diff::leads::Error, path: &std::path::Path) -> miette::Report {
    match error {
        diff::leads::Error::Io(error) => miette!("cannot score `{}`: {error}", path.display()),
        diff::leads::Error::TypeConflict(conflict) => miette!(
            help = "compare the versions without --leads, or score each with `icpc eval`",
            "field `{}` is {} in the old version and {} in the new one: one pass cannot read it for both",
            conflict.field,
            conflict.old.as_str(),
            conflict.new.as_str()
        ),
    }
}

/// Rejected lines go to stderr, as `icpc eval` reports them.
struct Rejected;

impl Sink for Rejected {
    fn output(&mut self, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn errors(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        std::io::stderr().write_all(bytes)
    }
}
