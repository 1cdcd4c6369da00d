//! `icpc eval RULES LEADS`: score every lead of a JSON Lines or CSV file.
//!
//! Opens the files and hands the streams to `icpc::RuleSet::score_stream`;
//! reports rejected lines, a progress bar (on a terminal only) and a
//! summary on stderr, and maps the outcome to an exit code.

pub mod sink;

use super::Global;
use clap::ValueEnum;
use icpc::output::{self, ErrorFormat};
use icpc::stream::{InputFormat, Settings, scoring};
use icpc::summary::Summary;
use miette::{IntoDiagnostic, WrapErr, miette};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  records were scored (some may have been rejected, without --strict)
  1  --strict was given and at least one record was rejected
  2  nothing useful was scored: no record was read, every record was
     rejected, or every field was missing in every record (no column or key
     matched); or CSV was read as JSON Lines (or the reverse), bad usage, an
     unreadable file, or rules that do not compile";

/// Arguments of `icpc eval`.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct EvalArgs {
    /// The rule file (.icp): a path, or `REV:PATH` to read it as it is at
    /// a git revision (`main:rules.icp`, `HEAD~1:icp/sales.icp`).
    pub rules: String,
    /// The leads: a JSON Lines or CSV file, or `-` for standard input.
    pub leads: PathBuf,
    /// Output format: one JSON object per lead, or CSV for spreadsheets.
    #[arg(long, value_enum, default_value_t = OutputKind::Jsonl)]
    pub format: OutputKind,
    #[command(flatten)]
    pub leads_format: LeadsFormat,
    /// Write the verdicts to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write rejected records to this file instead of stderr: as CSV
    /// (`line,code,reason,text`) when it ends in `.csv`, else as JSON Lines.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// The date `within N days` counts back from (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub as_of: Option<i32>,
    /// Worker threads (default: every core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Fail (exit code 1) when any record is rejected.
    #[arg(long)]
    pub strict: bool,
    /// Input columns to copy to the output: CSV header names or JSON Lines
    /// top-level keys (`--keep "Company name,Email"`), or `all` (CSV
    /// input). CSV output puts them after `id`, JSON output in `input`.
    #[arg(long, value_name = "COLS|all", value_delimiter = ',')]
    pub keep: Vec<String>,
    /// List, at the start, the CSV column each field is read from (fields
    /// without one are always listed, W410).
    #[arg(long)]
    pub columns: bool,
    /// Switch an optimization pass off (see `icpc plan`); repeatable.
    #[arg(long = "no-pass", value_name = "NAME")]
    pub no_pass: Vec<String>,
    /// Add an `explanation` to every lead: each rule's clauses with their
    /// outcome, the value seen and the source location (docs/explain.md).
    #[arg(long)]
    pub explain: bool,
    /// Print a run summary on stderr: tiers, rule fire counts and shares,
    /// rules left unknown by missing data (and which fields), scores.
    #[arg(long)]
    pub summary: bool,
    /// The summary's format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text, requires = "summary")]
    pub summary_format: SummaryFormat,
    /// Read the leads without scoring or writing them (benchmark baseline).
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

/// `--format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputKind {
    /// One JSON object per lead.
    Jsonl,
    /// A header row, then a row per lead.
    Csv,
}

/// `--summary-format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Tables and bar charts for a terminal.
    Text,
    /// One JSON object.
    Json,
}

/// `--input-format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// By the file's extension.
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// A header row, then a lead per line.
    Csv,
}

/// Parses `--as-of`.
pub fn parse_as_of(text: &str) -> Result<i32, String> {
    icpc::date::parse(text)
        .filter(|_| text.len() == 10)
        .ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

/// Parses `--delimiter`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    icpc::data::csv::delimiter::parse(text).ok_or_else(|| {
        format!("`{text}` is not a CSV delimiter icpc reads: use `,` `;` `tab` or `|`")
    })
}

/// Today in UTC, as days since 1970-01-01.
pub fn today() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    i32::try_from(seconds / 86_400).unwrap_or(i32::MAX)
}

/// `icpc eval`: compiles the rules, then scores the leads.
pub fn run(args: &EvalArgs, global: &Global) -> miette::Result<ExitCode> {
    if args.explain && args.format == OutputKind::Csv {
        return Err(miette!(
            help = "explanations are nested JSON; drop `--format csv` or `--explain`",
            "`--explain` needs JSON Lines output"
        ));
    }
    let options = super::rules::plan_options(&args.no_pass)?;
    let origin = super::Input::parse(&args.rules);
    let rules = super::rules::load_input(&origin, &options, global)?;
    let commit = origin.commit()?;
    let provenance = icpc::provenance::Provenance {
        ruleset: rules.fingerprint(),
        dirty: commit.as_ref().is_some_and(|commit| commit.dirty),
        commit: commit.map(|commit| commit.sha),
    };
    let scoring = scoring::Options {
        context: icpc::verdict::Context {
            as_of: args.as_of.unwrap_or_else(today),
        },
        explain: args.explain,
        tally: args.summary,
        members: provenance.json_members(),
    };
    let input = sink::open_input(&args.leads)?;
    let mut sink = sink::Terminal::new(
        args.output.as_deref(),
        args.errors.as_deref(),
        input.length,
        (args.leads.display().to_string(), args.columns),
    )?;
    let outcome = rules.score_stream(&settings(args), &scoring, input.reader, &mut sink);
    let summary = match outcome {
        Ok(summary) => summary,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS);
        }
        Err(error) => {
            return Err(error)
                .into_diagnostic()
                .wrap_err(format!("cannot score `{}`", args.leads.display()));
        }
    };
    sink.finish()?;
    report_totals(&summary);
    if args.summary {
        let text = match args.summary_format {
            SummaryFormat::Text => summary.to_text(rules.program()),
            SummaryFormat::Json => format!("{}\n", summary.to_json(rules.program())),
        };
        super::output::write_stderr(&text)?;
    }
    if let Some(reason) = summary.useless() {
        super::output::write_stderr(&format!(
            "icpc: error: nothing useful was scored from `{}`: {reason}\n",
            args.leads.display()
        ))?;
        return Ok(ExitCode::from(super::EXIT_FAILURE_TO_RUN));
    }
    Ok(if args.strict && summary.rejected > 0 {
        ExitCode::from(super::EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// How to read a leads file: the options `eval`, `explain` and `diff
/// --leads` share.
#[derive(Debug, Clone, clap::Args)]
pub struct LeadsFormat {
    /// Format of the leads; `auto` takes CSV for a `.csv` file, else JSON Lines.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub input_format: InputKind,
    /// Separator between the items of a `list<text>` CSV cell.
    #[arg(long, value_name = "CHAR", default_value_t = ';')]
    pub list_separator: char,
    /// Delimiter between CSV cells: `,` `;` `tab` or `|` (default: the
    /// most frequent of them in the header row, reported on stderr).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

impl LeadsFormat {
    /// How to read `leads` with these options.
    pub fn of(&self, leads: &Path) -> InputFormat {
        input_format(
            self.input_format,
            leads,
            self.list_separator,
            self.delimiter,
        )
    }
}

/// How to read the leads: CSV for `--input-format csv` or a `.csv` file.
pub fn input_format(
    kind: InputKind,
    leads: &Path,
    list_separator: char,
    delimiter: Option<u8>,
) -> InputFormat {
    let csv = match kind {
        InputKind::Csv => true,
        InputKind::Jsonl => false,
        InputKind::Auto => has_extension(leads, "csv"),
    };
    if csv {
        InputFormat::Csv {
            separator: list_separator,
            delimiter,
        }
    } else {
        InputFormat::Jsonl
    }
}

fn settings(args: &EvalArgs) -> Settings {
    Settings {
        input: args.leads_format.of(&args.leads),
        output: match args.format {
            OutputKind::Jsonl => output::Format::Jsonl,
            OutputKind::Csv => output::Format::Csv,
        },
        errors: match &args.errors {
            Some(path) if has_extension(path, "csv") => ErrorFormat::Csv,
            Some(_) => ErrorFormat::Json,
            None => ErrorFormat::Text {
                name: args.leads.display().to_string(),
            },
        },
        jobs: args
            .jobs
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, std::num::NonZeroUsize::get),
        chunk_size: 1 << 20,
        score: !args.parse_only,
        keep: args.keep.clone(),
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .and_then(|found| found.to_str())
        .is_some_and(|found| found.eq_ignore_ascii_case(extension))
}

#[expect(
    clippy::print_stderr,
    reason = "the summary is the command's report on stderr"
)]
fn report_totals(summary: &Summary) {
    let layout = match summary.delimiter {
        Some(delimiter) if delimiter.detected => format!(
            " (CSV, cells separated by `{}`, detected from the header)",
            delimiter.name()
        ),
        Some(_) | None => String::new(),
    };
    let records = if summary.records == 1 {
        "record"
    } else {
        "records"
    };
    eprintln!(
        "icpc: {} {records} read{layout}, {} scored, {} rejected",
        summary.records, summary.scored, summary.rejected
    );
}

/// The error for a file that cannot be opened or created.
pub fn file_error(path: &Path, verb: &str, error: std::io::Error) -> miette::Report {
    miette!("cannot {verb} `{}`: {error}", path.display())
}
