//! `icpc eval --profile NAME=FILE ... LEADS`: several rule files scored on
//! the same leads in one pass (`icpc::profiles`), one output line per lead
//! with each profile's verdict under its name; `--summary` shows the
//! profiles side by side and the cross-tab of the first against the others;
//! `--explain` adds each profile's explanation to its verdict, and
//! `--split-by` writes each profile's audiences to `DIR/PROFILE/`.

use super::sink::{self, Terminal};
use super::{EvalArgs, Output, OutputKind, SummaryFormat};
use crate::cli::Global;
use icpc::profiles::{self, Options, Profiles, Report};
use icpc::stream::{Routes, Sink};
use icpc::summary::Summary;
use miette::{IntoDiagnostic, WrapErr, miette};
use std::io;
use std::path::Path;
use std::process::ExitCode;

/// Runs the profiles on `leads`.
pub fn run(args: &EvalArgs, leads: &Path, global: &Global) -> miette::Result<ExitCode> {
    let named = parse(&args.profiles)?;
    let options = crate::cli::rules::plan_options(&args.no_pass)?;
    let mut loaded = Vec::with_capacity(named.len());
    for (name, file) in &named {
        loaded.push((
            name.clone(),
            crate::cli::rules::load(file, &options, global)?,
        ));
    }
    let profiles = Profiles::new(&loaded).map_err(|conflict| {
        miette!(
            help = "give the field one type in every profile (a shared schema by `include` does)",
            "field `{}` is {} in profile `{}` but {} in an earlier one: one pass cannot read it for both",
            conflict.conflict.field,
            conflict.conflict.old.as_str(),
            conflict.profile,
            conflict.conflict.new.as_str()
        )
    })?;
    let mut members = b",\"rulesets\":{".to_vec();
    for (index, (name, rules)) in loaded.iter().enumerate() {
        if index > 0 {
            members.push(b',');
        }
        icpc::output::json_string(&mut members, name);
        members.push(b':');
        icpc::output::json_string(&mut members, &rules.fingerprint());
    }
    members.push(b'}');
    let csv = args.format == OutputKind::Csv;
    let split = args.split_by.map(profiles::SplitBy::from);
    if split == Some(profiles::SplitBy::Segment)
        && (profiles.programs().iter()).all(|program| program.segments.is_empty())
    {
        return Err(miette!(
            help = "declare segments (`segment NAME: CONDITION`) or use `--split-by tier`",
            "no profile declares a segment to split by"
        ));
    }
    let scoring = Options {
        context: icpc::verdict::Context {
            as_of: args.as_of.unwrap_or_else(super::today),
        },
        tally: args.summary,
        members,
        explain: super::explain_form(args)?,
        split,
    };
    let mut settings = super::settings(args, leads);
    settings.output = icpc::output::Format::Bare { csv };
    let input = sink::open_input(leads)?;
    let terminal = Terminal::new(
        args.output.as_deref(),
        args.errors.as_deref(),
        input.length,
        (leads.display().to_string(), args.columns),
    )?;
    let rest = csv.then(|| profiles.csv_header());
    let mut sink = match (split, &args.out_dir) {
        (Some(by), Some(dir)) => {
            let audiences: Vec<(&str, String)> = (profiles.audiences(by).into_iter())
                .map(|(profile, name)| (named[profile].0.as_str(), name))
                .collect();
            let extension = if csv { "csv" } else { "jsonl" };
            let split = super::split::Split::profiles(terminal, &audiences, dir, extension)?;
            Header {
                inner: Output::Split(split),
                rest,
            }
        }
        _ => Header {
            inner: Output::Plain(terminal),
            rest,
        },
    };
    let report = match profiles.score_stream(&settings, &scoring, input.reader, &mut sink) {
        Ok(report) => report,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(error) => {
            return Err(error)
                .into_diagnostic()
                .wrap_err(format!("cannot score `{}`", leads.display()));
        }
    };
    match sink.inner {
        Output::Split(split) => super::report_files(&split.finish()?)?,
        Output::Plain(mut plain) => plain.finish()?,
    }
    super::report_totals(&report.totals);
    if args.summary {
        let text = match args.summary_format {
            SummaryFormat::Text => summary_text(&profiles, &named, &report),
            SummaryFormat::Json => format!("{}\n", summary_json(&profiles, &report)),
        };
        crate::cli::output::write_stderr(&text)?;
    }
    if let Some(reason) = report.totals.useless() {
        crate::cli::output::write_stderr(&format!(
            "icpc: error: nothing useful was scored from `{}`: {reason}\n",
            leads.display()
        ))?;
        return Ok(ExitCode::from(crate::cli::EXIT_FAILURE_TO_RUN));
    }
    Ok(if args.strict && report.totals.rejected > 0 {
        ExitCode::from(crate::cli::EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// `NAME=FILE` arguments, names distinct and non-empty.
fn parse(arguments: &[String]) -> miette::Result<Vec<(String, String)>> {
    let mut named: Vec<(String, String)> = Vec::new();
    for argument in arguments {
        let Some((name, file)) = argument.split_once('=') else {
            return Err(miette!(
                help = "name the profile: `--profile sales={argument}`",
                "`--profile {argument}` has no name"
            ));
        };
        let valid = !name.is_empty()
            && (name.chars()).all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid || file.is_empty() {
            return Err(miette!(
                help = "write `--profile NAME=FILE`, NAME of letters, digits, `_` and `-`",
                "`--profile {argument}` is not NAME=FILE"
            ));
        }
        if named.iter().any(|(seen, _)| seen == name) {
            return Err(miette!(
                help = "give each profile its own name",
                "two profiles are named `{name}`"
            ));
        }
        named.push((name.to_owned(), file.to_owned()));
    }
    Ok(named)
}

/// The summary for a terminal: the profiles' tiers side by side, each
/// profile's own summary, then the cross-tabs.
fn summary_text(profiles: &Profiles, named: &[(String, String)], report: &Report) -> String {
    let totals = &report.totals;
    let mut out = format!(
        "profiles side by side: {} records read, {} scored, {} rejected\n",
        totals.records, totals.scored, totals.rejected
    );
    for ((name, _), (program, summary)) in named
        .iter()
        .zip(profiles.programs().iter().zip(&report.summaries))
    {
        out.push_str(&format!("  {name:<12} {}\n", tiers_line(program, summary)));
    }
    for ((name, file), (program, summary)) in named
        .iter()
        .zip(profiles.programs().iter().zip(&report.summaries))
    {
        out.push_str(&format!("\n== profile {name} ({file})\n"));
        out.push_str(&summary.to_text(program));
    }
    for crosstab in &report.crosstabs {
        out.push_str(&crosstab.to_text(profiles));
    }
    out
}

/// `mql 11 (44.0%), nurture 11 (44.0%), disqualified 2 (8.0%)`
fn tiers_line(program: &icpc::ir::Program, summary: &Summary) -> String {
    let share = |count: u64| 100.0 * count as f64 / summary.scored.max(1) as f64;
    let mut parts: Vec<String> = (program.tiers.iter().zip(&summary.tiers))
        .map(|(tier, count)| format!("{} {count} ({:.1}%)", tier.name, share(*count)))
        .collect();
    parts.push(format!(
        "disqualified {} ({:.1}%)",
        summary.disqualified,
        share(summary.disqualified)
    ));
    if summary.no_tier > 0 {
        parts.push(format!(
            "no tier {} ({:.1}%)",
            summary.no_tier,
            share(summary.no_tier)
        ));
    }
    parts.join(", ")
}

fn summary_json(profiles: &Profiles, report: &Report) -> serde_json::Value {
    let each: serde_json::Map<String, serde_json::Value> = (profiles.names().iter())
        .zip(profiles.programs().iter().zip(&report.summaries))
        .map(|(name, (program, summary))| (name.clone(), summary.to_json(program)))
        .collect();
    let crosstabs: Vec<serde_json::Value> = (report.crosstabs.iter())
        .map(|crosstab| crosstab.to_json(profiles))
        .collect();
    serde_json::json!({
        "records": report.totals.records,
        "scored": report.totals.scored,
        "rejected": report.totals.rejected,
        "profiles": each,
        "crosstabs": crosstabs,
    })
}

/// The output sink, finishing the CSV header row with the profiles'
/// columns (the driver writes `id` and the kept columns first).
struct Header {
    inner: Output,
    rest: Option<Vec<u8>>,
}

impl Sink for Header {
    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        let rest = self.rest.take();
        let bytes = [bytes, rest.as_deref().unwrap_or_default()].concat();
        self.inner.sink().output(&bytes)
    }

    fn routed(&mut self, bytes: &[u8], routes: Routes<'_>) -> io::Result<()> {
        self.inner.sink().routed(bytes, routes)
    }

    fn errors(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.sink().errors(bytes)
    }

    fn progress(&mut self, summary: &Summary) {
        self.inner.sink().progress(summary);
    }

    fn start(&mut self, summary: &Summary) {
        self.inner.sink().start(summary);
    }
}
