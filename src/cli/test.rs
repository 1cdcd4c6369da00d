//! `icpc test FILES|DIRS...`: runs the examples written beside the rules
//! and reports each one whose outcome is not the one expected (stdout), in
//! human text, JSON or JUnit XML. Problems of the rule files themselves go
//! to stderr, as `icpc check` shows them.

use super::eval::{parse_as_of, today};
use super::output;
use super::{EXIT_FAILURE_TO_RUN, EXIT_PROBLEMS, Global};
use icpc::testing::{self, report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  every example passed
  1  an example failed, or coverage is below --min-coverage
  2  nothing could run: a rule file does not compile or cannot be read,
     no example was found, or a usage error";

/// Arguments of `icpc test`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// Rule files, directories (every .icp file under them) or glob
    /// patterns such as 'rules/*.icp'; `REV:PATH` reads a file as it is at
    /// a git revision.
    #[arg(required = true, value_name = "FILES")]
    files: Vec<String>,
    /// The date `within N days` counts back from; overrides a file's own
    /// `as_of` (default: the file's `as_of`, else today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<i32>,
    /// Run only the examples whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Also report what the examples do not exercise: rules that never fire
    /// or never fail to, both sides of every boundary, list members and
    /// non-members, missing fields, tiers never reached.
    #[arg(long)]
    coverage: bool,
    /// Fail (exit 1) when coverage is below this percentage; implies --coverage.
    #[arg(long, value_name = "PCT")]
    min_coverage: Option<f64>,
    /// Also make small changes to the rules (thresholds, operators, clauses,
    /// list members, effects, disqualifiers) and report each one no example catches.
    #[arg(long)]
    mutants: bool,
    /// Print a ready-to-paste example line, with today's outcome, for each
    /// uncovered goal and surviving mutant; implies --coverage and --mutants.
    #[arg(long)]
    suggest: bool,
    /// Also score these real leads (JSON Lines, or CSV by extension) and
    /// show per rule: fired in examples, fired on leads, unknown on leads.
    #[arg(long, value_name = "FILE")]
    leads: Option<PathBuf>,
    /// Separator between the items of a `list<text>` CSV cell of --leads.
    #[arg(long, value_name = "CHAR", default_value_t = ';')]
    list_separator: char,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// `--format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Each failure with expected, actual and why; last `N passed, M failed`.
    Human,
    /// One JSON object with every file and example.
    Json,
    /// JUnit XML, for CI test reporters.
    Junit,
}

/// Scores `--leads` with a file's rules.
fn leads(
    tested: &report::Tested<'_>,
    path: &Path,
    separator: char,
) -> miette::Result<testing::leads::Leads> {
    let open = |error| super::eval::file_error(path, "read", error);
    let file = std::fs::File::open(path).map_err(open)?;
    let format = super::eval::input_format(super::eval::InputKind::Auto, path, separator, None);
    let name = path.display().to_string();
    testing::leads::measure(
        tested.rules,
        &tested.run,
        &name,
        format,
        std::io::BufReader::new(file),
    )
    .map_err(open)
}

/// Whether coverage is below `--min-coverage` (said on stderr).
fn below(report: &report::Report<'_>, minimum: Option<f64>) -> miette::Result<bool> {
    let (Some(minimum), Some(percent)) = (minimum, report.coverage_percent()) else {
        return Ok(false);
    };
    if percent >= minimum {
        return Ok(false);
    }
    output::write_stderr(&format!(
        "icpc: coverage {percent:.1}% is below --min-coverage {minimum}%\n"
    ))?;
    Ok(true)
}

/// Leaves out a file without examples of its own that another file of the
/// run includes: its rules are tested, and their coverage counted, through
/// the files that include it (a shared schema or negative ICP), so testing
/// it alone would only report every goal of it as uncovered.
fn drop_covered_through_includers<E>(compiled: &mut Vec<(String, Result<icpc::RuleSet, E>)>) {
    let included: std::collections::HashSet<String> = (compiled.iter())
        .filter_map(|(name, result)| Some((name, result.as_ref().ok()?)))
        .flat_map(|(name, rules)| {
            (rules.source().parts().into_iter())
                .map(|part| part.name)
                .filter(move |part| part != name)
        })
        .collect();
    compiled.retain(|(name, result)| match result {
        Ok(rules) => !included.contains(name) || !rules.suite().examples.is_empty(),
        Err(_) => true,
    });
}

/// Runs the examples of every file given.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    let options = testing::Options {
        as_of: args.as_of,
        today: today(),
        filter: args.filter.clone(),
        coverage: args.coverage || args.min_coverage.is_some() || args.suggest,
        mutants: args.mutants || args.suggest,
        suggest: args.suggest,
    };
    let plan_options = icpc::plan::Options::default();
    let mut compiled = Vec::new();
    for input in super::expand(&args.files)? {
        let name = input.name();
        compiled.push((name, super::rules::compile(&input, &plan_options, global)?));
    }
    drop_covered_through_includers(&mut compiled);
    let mut report = report::Report {
        files: (compiled.iter())
            .map(|(name, result)| match result {
                Ok(rules) => report::File::Ran(Box::new(testing::test(rules, &options))),
                Err(errors) => report::File::Broken {
                    name: name.clone(),
                    errors: *errors,
                },
            })
            .collect(),
    };
    if let Some(path) = &args.leads {
        for file in &mut report.files {
            if let report::File::Ran(tested) = file {
                tested.leads = Some(leads(tested, path, args.list_separator)?);
            }
        }
    }
    let text = match args.format {
        Format::Human => report.to_text(),
        Format::Json => format!("{}\n", report.to_json()),
        Format::Junit => report.to_junit(),
    };
    output::write_stdout(&text)?;
    let ran = report.passed() + report.failed();
    if ran == 0 && report.broken() == 0 {
        let why = match &args.filter {
            Some(filter) => format!("no example's name contains `{filter}`"),
            None => "the files have no examples; add one like \
                     `example \"big SaaS\": {industry: SaaS, employees: 200} => tier A` \
                     (docs/testing.md)"
                .to_string(),
        };
        output::write_stderr(&format!("icpc: nothing to run: {why}\n"))?;
    }
    Ok(ExitCode::from(if report.broken() > 0 || ran == 0 {
        EXIT_FAILURE_TO_RUN
    } else if report.failed() > 0 || below(&report, args.min_coverage)? {
        EXIT_PROBLEMS
    } else {
        0
    }))
}
