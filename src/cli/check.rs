//! `icpc check FILES...`: compiles each rule file and reports every
//! problem in the chosen format (stdout), then, for people, a summary line
//! (stderr). The exit code says whether the files are fit to use.

use super::output::{self, Stream};
use super::{EXIT_PROBLEMS, Global};
use icpc::diagnostic::Severity;
use icpc::render::{self, Report};
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  no errors (warnings are allowed unless --deny warnings)
  1  errors found, or warnings under --deny warnings
  2  usage error, or a file that cannot be read";

/// Arguments of `icpc check`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// Rule files, directories (every .icp file under them) or glob patterns
    /// such as 'rules/*.icp'; `-` reads standard input; `REV:PATH` reads a
    /// file as it is at a git revision (`main:rules.icp`).
    #[arg(required = true, value_name = "FILES")]
    files: Vec<String>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// `--deny warnings` makes warnings fail the check (exit code 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Option<Deny>,
    /// After the diagnostics, print each file's score space: the least and
    /// most of every score, and the smallest sets of rules that reach each
    /// tier (human and short formats).
    #[arg(long)]
    scores: bool,
}

/// `--format`: the CLI's own names for [`render::Format`], so the library
/// has no clap in it; the variant docs are the `--help` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Source snippets with carets, labels and help (the rustc look).
    Human,
    /// One line per diagnostic: `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE`.
    Short,
    /// A JSON array with every field of every diagnostic.
    Json,
    /// GitHub Actions annotations (`::error file=...::message`).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

impl From<Format> for render::Format {
    fn from(format: Format) -> render::Format {
        match format {
            Format::Human => render::Format::Human,
            Format::Short => render::Format::Short,
            Format::Json => render::Format::Json,
            Format::Github => render::Format::Github,
            Format::Sarif => render::Format::Sarif,
        }
    }
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    /// Every warning.
    Warnings,
}

/// Runs `icpc check`.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    if args.scores && !matches!(args.format, Format::Human | Format::Short) {
        return Err(miette::miette!(
            help = "use `--format human` or `--format short` with `--scores`",
            "`--scores` prints text, which would break machine-readable output"
        ));
    }
    let mut checked = Vec::new();
    let mut spaces = String::new();
    for input in super::expand(&args.files)? {
        let (source, problems) = super::rules::read_source(&input.name(), input.read()?);
        let diagnostics = match problems.is_empty() {
            false => problems,
            true => match icpc::lint(&source) {
                Ok(result) => {
                    if args.scores
                        && let Some(space) = &result.space
                    {
                        spaces.push_str(&format!(
                            "score space of {}\n{}",
                            source.name,
                            space.to_text(&result.program)
                        ));
                    }
                    result.warnings
                }
                Err(diagnostics) => diagnostics,
            },
        };
        checked.push((source, diagnostics));
    }
    let color = global.color.enabled(Stream::Stdout);
    output::write_stdout(&super::rules::render_by_file(
        args.format.into(),
        &checked,
        color,
    ))?;
    let reports: Vec<Report> = checked
        .iter()
        .map(|(source, diagnostics)| Report {
            source,
            diagnostics,
        })
        .collect();
    output::write_stdout(&spaces)?;
    let tally = Tally::of(&reports);
    let denied = args.deny == Some(Deny::Warnings) && tally.warnings > 0;
    if args.format == Format::Human {
        output::write_stderr(&tally.summary(denied))?;
    }
    Ok(if tally.errors > 0 || denied {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// How many problems of each kind, in how many files.
struct Tally {
    errors: usize,
    warnings: usize,
    files: usize,
}

impl Tally {
    fn of(reports: &[Report]) -> Tally {
        let all = || reports.iter().flat_map(|report| report.diagnostics);
        let with = |severity| all().filter(|d| d.severity() == severity).count();
        Tally {
            errors: with(Severity::Error),
            warnings: with(Severity::Warning),
            files: reports.len(),
        }
    }

    /// `2 errors, 1 warning in 3 files`, or `no problems in 3 files`.
    fn summary(&self, denied: bool) -> String {
        let mut problems = Vec::new();
        if self.errors > 0 {
            problems.push(output::count(self.errors, "error"));
        }
        if self.warnings > 0 {
            problems.push(output::count(self.warnings, "warning"));
        }
        let problems = if problems.is_empty() {
            "no problems".to_string()
        } else {
            problems.join(", ")
        };
        let denied = if denied { " (warnings denied)" } else { "" };
        format!(
            "{problems} in {}{denied}\n",
            output::count(self.files, "file")
        )
    }
}
