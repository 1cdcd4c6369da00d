//! `icpc fmt FILES...`: rewrites rule files in the canonical layout
//! (`icpc::format`), or with `--check` only shows, as a unified diff, what
//! would change. A file with syntax errors is never rewritten: its
//! diagnostics go to stderr and the run fails.

use super::output::{self, Stream};
use super::{EXIT_PROBLEMS, Global, Input};
use icpc::diagnostic::Diagnostic;
use icpc::render::{self, Report};
use icpc::source::Source;
use miette::miette;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  every file is formatted (or, with --check, already was)
  1  a file has syntax errors, or with --check a file would change
  2  usage error, or a file that cannot be read or written";

/// Arguments of `icpc fmt`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// Rule files, directories (every .icp file under them) or glob patterns
    /// such as 'rules/*.icp'; `-` reads standard input and writes the
    /// formatted text to standard output; `REV:PATH` reads a file from git
    /// (with `--check` only).
    #[arg(required = true, value_name = "FILES")]
    files: Vec<String>,
    /// Change nothing; print a diff of what would change and exit with 1
    /// if anything would.
    #[arg(long)]
    check: bool,
}

/// Runs `icpc fmt`.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    let mut broken = false;
    let mut changed = 0;
    let mut any_differs = false;
    for input in super::expand(&args.files)? {
        let (source, not_utf8) = Source::decode(input.name(), input.read()?);
        let Some(formatted) = formatted(&source, not_utf8, global)? else {
            broken = true;
            continue;
        };
        let differs = formatted != source.text;
        if args.check {
            if differs {
                output::write_stdout(&diff(&source, &formatted))?;
            }
        } else {
            write_back(&input, &formatted, differs)?;
        }
        any_differs |= differs;
        changed += usize::from(differs && input != Input::Stdin);
    }
    if changed > 0 {
        let files = output::count(changed, "file");
        let what = if args.check {
            "would reformat"
        } else {
            "reformatted"
        };
        output::write_stderr(&format!("{what} {files}\n"))?;
    }
    let failed = broken || (args.check && any_differs);
    Ok(if failed {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// The formatted text, or `None` after showing why the file cannot be
/// formatted (it is not UTF-8, or has syntax errors).
fn formatted(
    source: &Source,
    not_utf8: Option<Diagnostic>,
    global: &Global,
) -> miette::Result<Option<String>> {
    let parsed = match not_utf8 {
        Some(diagnostic) => Err(vec![diagnostic]),
        None => icpc::syntax::parse(source).into_result(),
    };
    match parsed {
        Ok(file) => Ok(Some(icpc::format::format(&file, source))),
        Err(diagnostics) => {
            let report = Report {
                source,
                diagnostics: &diagnostics,
            };
            let color = global.color.enabled(Stream::Stderr);
            output::write_stderr(&render::render(render::Format::Human, &[report], color))?;
            Ok(None)
        }
    }
}

/// Stdin's result always goes to stdout; a file is rewritten only if it changes.
fn write_back(input: &Input, formatted: &str, differs: bool) -> miette::Result<()> {
    match input {
        Input::Stdin => output::write_stdout(formatted),
        Input::Git(revision) => Err(miette!(
            help = format!(
                "`icpc fmt --check {}` shows what would change",
                revision.name()
            ),
            "cannot rewrite `{}`: it is read from git, not from a file",
            revision.name()
        )),
        Input::File(_) if !differs => Ok(()),
        Input::File(path) => std::fs::write(path, formatted).map_err(|error| {
            miette!(
                help = "check that the file is writable",
                "cannot write `{}`: {error}",
                path.display()
            )
        }),
    }
}

/// A unified diff from the file as it is to the file as formatted.
fn diff(source: &Source, formatted: &str) -> String {
    similar::TextDiff::from_lines(source.text.as_str(), formatted)
        .unified_diff()
        .context_radius(3)
        .header(&source.name, &format!("{} (formatted)", source.name))
        .to_string()
}
