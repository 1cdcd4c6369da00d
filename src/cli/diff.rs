//! `icpc diff OLD NEW [--leads FILE]`: what changed between two versions
//! of a rule file (either may be `REV:PATH`, read from git) and, with
//! leads, what it does to them; the report for a terminal, a pull-request
//! comment or tools.

use super::Global;
use super::eval::{LeadsFormat, sink::open_input, today};
use super::loader::{Driver, Origin};
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
    #[arg(required_unless_present = "git")]
    old: Option<String>,
    /// The new rule file: a path, or `REV:PATH`.
    #[arg(required_unless_present = "git")]
    new: Option<String>,
    /// Run as git's external diff driver (`diff.icp.command = icpc diff
    /// --git`): git passes the path, then the old and the new file each
    /// with its blob id and mode (docs/ci.md).
    #[arg(long, num_args = 7, conflicts_with_all = ["old", "new", "leads"],
        value_names = ["PATH", "OLD_FILE", "OLD_HEX", "OLD_MODE", "NEW_FILE", "NEW_HEX", "NEW_MODE"])]
    git: Option<Vec<String>>,
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
    #[command(flatten)]
    leads_format: LeadsFormat,
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
    let (old, new) = match (&args.git, &args.old, &args.new) {
        (Some(git), _, _) => git_driver(git, global)?,
        (None, Some(old), Some(new)) => (
            super::rules::load_quietly(old, global)?,
            super::rules::load_quietly(new, global)?,
        ),
        (None, _, _) => return Err(miette!("`icpc diff` needs OLD and NEW")),
    };
    let mut report = Diff::new(&old, &new);
    let context = icpc::verdict::Context {
        as_of: args.as_of.unwrap_or_else(today),
    };
    report.search(&old, &new, &context);
    if let Some(path) = &args.leads {
        let input = open_input(path)?;
        let settings = Settings {
            input: args.leads_format.of(path),
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

/// The two versions git hands an external diff driver: `/dev/null` for a
/// file added or deleted (an empty rule file). Git runs the driver at the
/// top of the work tree with the file's path from there, each version as
/// a file and its blob id; it does not say which commit a blob is from.
/// Includes are followed relative to the path: from the work tree for the
/// work-tree file, from the index or `HEAD` when the blob is the one
/// there, else from the work tree with a warning that says so.
fn git_driver(args: &[String], global: &Global) -> miette::Result<(icpc::RuleSet, icpc::RuleSet)> {
    let [path, old_file, old_hex, _, new_file, new_hex, _] = args else {
        return Err(miette!("`--git` takes the seven arguments git passes"));
    };
    let top = super::git::top().unwrap_or_else(|| PathBuf::from("."));
    let read = |file: &str, hex: &str, side: &str| -> miette::Result<icpc::RuleSet> {
        let bytes = if file == "/dev/null" {
            Vec::new()
        } else {
            std::fs::read(file).map_err(|error| miette!("cannot read `{file}`: {error}"))?
        };
        let name = format!("{side}/{path}");
        let origin = origin(&top, path, file, hex);
        let mut loader = Driver {
            name: name.clone(),
            path: path.clone(),
            origin: origin.clone(),
            top: top.clone(),
        };
        let rules = super::rules::load_bytes_with(&name, bytes, &mut loader, global)?;
        if origin == Origin::Unknown && rules.source().parts().len() > 1 {
            output::write_stderr(&format!(
                "icpc: warning: git does not tell a diff driver which commit `{name}` is from: \
                 its includes were read from the work tree; \
                 compare revisions with `icpc diff REV:{path} REV:{path}` to read them at each\n"
            ))?;
        }
        Ok(rules)
    };
    Ok((read(old_file, old_hex, "a")?, read(new_file, new_hex, "b")?))
}

/// Where the includes of the version git handed over as `file` (blob
/// `hex`) are: the work tree when it is the work-tree file (`hex` is `.`
/// when git did not hash it), else the index or `HEAD` holding that blob.
fn origin(top: &std::path::Path, path: &str, file: &str, hex: &str) -> Origin {
    let is_work_tree_file = || {
        (std::fs::canonicalize(file).ok())
            .is_some_and(|file| std::fs::canonicalize(top.join(path)).ok() == Some(file))
    };
    if hex == "." || is_work_tree_file() {
        return Origin::WorkTree;
    }
    for prefix in [":", "HEAD:"] {
        if super::git::blob_id(top, &format!("{prefix}{path}")).as_deref() == Some(hex) {
            return Origin::Object(prefix.to_string());
        }
    }
    Origin::Unknown
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
