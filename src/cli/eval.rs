//! `icpc eval RULES LEADS`: score every lead of a JSON Lines or CSV file.
//!
//! Opens the files and hands the streams to `icpc::RuleSet::score_stream`;
//! reports rejected lines, a progress bar (on a terminal only) and a
//! summary on stderr, and maps the outcome to an exit code.

mod profiles;
pub mod sink;
pub mod split;

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
    /// a git revision (`main:rules.icp`, `HEAD~1:icp/sales.icp`). With
    /// `--profile`, the leads instead (the only argument).
    #[arg(value_name = "RULES")]
    pub rules: String,
    /// The leads: a JSON Lines or CSV file, or `-` for standard input.
    #[arg(value_name = "LEADS")]
    pub leads: Option<PathBuf>,
    /// Score each lead against several profiles in one pass: `NAME=FILE`,
    /// once per profile (`--profile marketing=m.icp --profile sales=s.icp
    /// leads.csv`). Each line holds every profile's verdict under its name
    /// (JSON `profiles`, CSV `NAME_tier`...); `--summary` shows them side
    /// by side with the cross-tab of the first profile against the others.
    #[arg(long = "profile", value_name = "NAME=FILE")]
    pub profiles: Vec<String>,
    /// Output format: one JSON object per lead, or CSV for spreadsheets.
    #[arg(long, value_enum, default_value_t = OutputKind::Jsonl)]
    pub format: OutputKind,
    #[command(flatten)]
    pub leads_format: LeadsFormat,
    /// Write the verdicts to this file instead of standard output.
    #[arg(long, short, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write the verdicts to one file per tier (`TIER.csv`, `_disqualified`,
    /// `_no_tier`) or per segment (`SEGMENT.csv`, a lead in several in each,
    /// `_no_segment`) in `--out-dir`, in the `--format` chosen: audiences to
    /// import, `--keep` columns included. With `--profile`s, each
    /// profile's files in `DIR/PROFILE/`.
    #[arg(long, value_enum, value_name = "WHAT", requires = "out_dir")]
    pub split_by: Option<split::SplitBy>,
    /// The directory `--split-by` writes its files to (created if missing).
    #[arg(long, value_name = "DIR", requires = "split_by")]
    pub out_dir: Option<PathBuf>,
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
    /// Add an `explanation` to every lead: each rule's outcome and the
    /// tests that decided it, with the value seen and the source location;
    /// `--explain=tree` lists every clause, `--explain=compact` one outcome
    /// letter per clause (docs/explain.md).
    #[arg(long, value_enum, value_name = "FORM", num_args = 0..=1, require_equals = true,
          default_missing_value = "full")]
    pub explain: Option<ExplainForm>,
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

/// `--explain=FORM`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainForm {
    /// Each rule's and tier's outcome with the tests that decided it.
    Full,
    /// Every clause with its text, position, outcome and value.
    Tree,
    /// One outcome letter per clause, in the tree form's order.
    Compact,
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
    let leads = leads_path(args)?;
    if !args.profiles.is_empty() {
        return profiles::run(args, &leads, global);
    }
    let explain = explain_form(args)?;
    let options = super::rules::plan_options(&args.no_pass)?;
    let origin = super::Input::parse(&args.rules);
    let rules = super::rules::load_input(&origin, &options, global)?;
    let commit = origin.commit(rules.source())?;
    let provenance = icpc::provenance::Provenance {
        ruleset: rules.fingerprint(),
        dirty: commit.as_ref().is_some_and(|commit| commit.dirty),
        commit: commit.map(|commit| commit.sha),
    };
    let scoring = scoring::Options {
        context: icpc::verdict::Context {
            as_of: args.as_of.unwrap_or_else(today),
        },
        explain,
        tally: args.summary,
        members: provenance.json_members(),
    };
    if args.split_by == Some(split::SplitBy::Segment) && rules.program().segments.is_empty() {
        return Err(miette!(
            help = "declare segments (`segment NAME: CONDITION`) or use `--split-by tier`",
            "`{}` declares no segment to split by",
            args.rules
        ));
    }
    let input = sink::open_input(&leads)?;
    let terminal = sink::Terminal::new(
        args.output.as_deref(),
        args.errors.as_deref(),
        input.length,
        (leads.display().to_string(), args.columns),
    )?;
    let mut sink = match (args.split_by, &args.out_dir) {
        (Some(by), Some(dir)) => {
            let extension = match args.format {
                OutputKind::Jsonl => "jsonl",
                OutputKind::Csv => "csv",
            };
            Output::Split(split::Split::new(
                terminal,
                by,
                rules.program(),
                dir,
                extension,
            )?)
        }
        _ => Output::Plain(terminal),
    };
    let outcome = match &mut sink {
        Output::Split(split) => {
            rules.score_stream(&settings(args, &leads), &scoring, input.reader, split)
        }
        Output::Plain(plain) => {
            rules.score_stream(&settings(args, &leads), &scoring, input.reader, plain)
        }
    };
    let summary = match outcome {
        Ok(summary) => summary,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS);
        }
        Err(error) => {
            return Err(error)
                .into_diagnostic()
                .wrap_err(format!("cannot score `{}`", leads.display()));
        }
    };
    match sink {
        Output::Split(split) => report_files(&split.finish()?)?,
        Output::Plain(mut plain) => plain.finish()?,
    }
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
            leads.display()
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

/// The leads file: the second argument, or with `--profile` the only one.
fn leads_path(args: &EvalArgs) -> miette::Result<PathBuf> {
    match (&args.leads, args.profiles.is_empty()) {
        (Some(leads), true) => Ok(leads.clone()),
        (None, false) => Ok(PathBuf::from(&args.rules)),
        (None, true) => Err(miette!(
            help = "`icpc eval RULES LEADS`, or `icpc eval --profile NAME=RULES ... LEADS`",
            "no leads file given"
        )),
        (Some(_), false) => Err(miette!(
            help = "name every rule file with `--profile NAME=FILE`; the one argument is the leads",
            "with `--profile`, give only the leads file as an argument"
        )),
    }
}

/// How to read and write the leads of a run.
pub fn settings(args: &EvalArgs, leads: &Path) -> Settings {
    Settings {
        input: args.leads_format.of(leads),
        output: match args.format {
            OutputKind::Jsonl => output::Format::Jsonl,
            OutputKind::Csv => output::Format::Csv,
        },
        errors: match &args.errors {
            Some(path) if has_extension(path, "csv") => ErrorFormat::Csv,
            Some(_) => ErrorFormat::Json,
            None => ErrorFormat::Text {
                name: leads.display().to_string(),
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
pub fn report_totals(summary: &Summary) {
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

/// Where the verdicts go: one stream, or one file per tier or segment.
enum Output {
    Plain(sink::Terminal),
    Split(split::Split),
}

impl Output {
    fn sink(&mut self) -> &mut dyn icpc::stream::Sink {
        match self {
            Output::Plain(plain) => plain,
            Output::Split(split) => split,
        }
    }
}

/// `--explain[=FORM]`, which needs JSON Lines output.
fn explain_form(args: &EvalArgs) -> miette::Result<Option<icpc::explain::Form>> {
    if args.explain.is_some() && args.format == OutputKind::Csv {
        return Err(miette!(
            help = "explanations are nested JSON; drop `--format csv` or `--explain`",
            "`--explain` needs JSON Lines output"
        ));
    }
    Ok(args.explain.map(|form| match form {
        ExplainForm::Full => icpc::explain::Form::Full,
        ExplainForm::Tree => icpc::explain::Form::Tree,
        ExplainForm::Compact => icpc::explain::Form::Compact,
    }))
}

/// `icpc: wrote DIR/A.csv (12 leads)`, one line per file of `--split-by`.
fn report_files(files: &[(PathBuf, u64)]) -> miette::Result<()> {
    let mut text = String::new();
    for (path, leads) in files {
        let noun = if *leads == 1 { "lead" } else { "leads" };
        text.push_str(&format!(
            "icpc: wrote {} ({leads} {noun})\n",
            path.display()
        ));
    }
    super::output::write_stderr(&text)
}

/// The error for a file that cannot be opened or created.
pub fn file_error(path: &Path, verb: &str, error: std::io::Error) -> miette::Report {
    miette!("cannot {verb} `{}`: {error}", path.display())
}
