//! `icpc explain RULES LEADS --id ID`: one lead's verdict for a person:
//! which rules fired and why, which could not be told for missing data,
//! why the better tiers were not reached, the rule source annotated with
//! what each test saw, and what would it take to reach the target tier.

use super::Global;
use super::eval::{LeadsFormat, sink::open_input, today};
use super::output::{self, Stream};
use icpc::RuleSet;
use icpc::output::rejected;
use icpc::record::Record;
use icpc::stream::{Found, Wanted};
use icpc::whatif::Target;
use miette::{IntoDiagnostic, miette};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  the lead was explained
  2  nothing was explained: no lead has the id or is on the line, the lead's
     record was rejected (the message says on which line and why), bad usage,
     an unreadable file, or rules that do not compile";

/// Arguments of `icpc explain`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "line"])))]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// The rule file: a path, or `REV:PATH` to read it from git.
    rules: String,
    /// The leads (JSON Lines or CSV), or `-` for standard input.
    leads: PathBuf,
    /// The lead whose `id` is this (the first such lead).
    #[arg(long)]
    id: Option<String>,
    /// The lead on this 1-based line.
    #[arg(long)]
    line: Option<u64>,
    /// The tier to reach in "what would it take" (default: the top tier).
    #[arg(long, value_name = "TIER")]
    target_tier: Option<String>,
    /// Aim "what would it take" at this segment instead of a tier: the
    /// fewest changes that put the lead in it.
    #[arg(long, value_name = "SEGMENT", conflicts_with = "target_tier")]
    target_segment: Option<String>,
    /// What would it take changes at most this many fields.
    #[arg(long, value_name = "N", default_value_t = 6)]
    max_changes: usize,
    /// Fields what would it take keeps as they are (comma-separated), besides
    /// those the schema marks `fixed`.
    #[arg(
        long,
        value_name = "FIELD,...",
        value_delimiter = ',',
        conflicts_with = "vary"
    )]
    fix: Vec<String>,
    /// The only fields what would it take may change (comma-separated),
    /// `fixed` ones included.
    #[arg(long, value_name = "FIELD,...", value_delimiter = ',')]
    vary: Vec<String>,
    /// After the text, the rule source annotated with what each test saw.
    #[arg(long)]
    source: bool,
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The date `within N days` counts back from (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::eval::parse_as_of)]
    as_of: Option<i32>,
    #[command(flatten)]
    leads_format: LeadsFormat,
}

/// `--format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Sentences and annotated rule source.
    Text,
    /// One JSON object.
    Json,
}

/// Runs `icpc explain`.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    let rules = super::rules::load(&args.rules, &icpc::plan::Options::default(), global)?;
    let target = target(&args, &rules)?;
    if rules.program().tiers.is_empty() {
        return Err(miette!("`{}` declares no tiers", args.rules));
    }
    let record = find(&args, &rules)?;
    let context = icpc::verdict::Context {
        as_of: args.as_of.unwrap_or_else(today),
    };
    let limits = limits(&args, &rules)?;
    let explanation = rules
        .explain_for(record, &context, target, &limits)
        .ok_or_else(|| miette!("there is no {target:?}"))?;
    let text = match args.format {
        Format::Json => format!("{}\n", explanation.to_json()),
        Format::Text => {
            let color = global.color.enabled(Stream::Stdout);
            let mut text = explanation.to_text(&args.leads.display().to_string());
            if args.source {
                text.push('\n');
                text.push_str(&explanation.source_text(color));
            }
            text
        }
    };
    output::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `--target-segment` as a segment, or `--target-tier` as a tier (default:
/// the top tier).
fn target(args: &Args, rules: &RuleSet) -> miette::Result<Target> {
    if let Some(name) = &args.target_segment {
        let program = rules.program();
        let found = (program.segments.iter()).position(|segment| segment.name == *name);
        return found
            .map(|index| Target::Segment(index as u32))
            .ok_or_else(|| {
                let names = program.segments.iter().map(|segment| segment.name.as_str());
                let help = match icpc::suggest::did_you_mean(name, names.clone()) {
                    Some(known) => format!("did you mean `{known}`?"),
                    None if program.segments.is_empty() => {
                        "the rule file declares no segments".to_string()
                    }
                    None => format!("the segments are: {}", names.collect::<Vec<_>>().join(", ")),
                };
                miette!(help = help, "there is no segment `{name}`")
            });
    }
    let Some(name) = &args.target_tier else {
        return Ok(Target::Tier(0));
    };
    rules.tier(name).map(Target::Tier).ok_or_else(|| {
        let names: Vec<&str> = (rules.program().tiers.iter())
            .map(|tier| tier.name.as_str())
            .collect();
        miette!(
            help = format!("the tiers are: {}", names.join(", ")),
            "there is no tier `{name}`"
        )
    })
}

/// What the search may change: `--max-changes`; the fields the rule file
/// marks `fixed` and those `--fix` names stay, or only those `--vary`
/// names change.
fn limits(args: &Args, rules: &RuleSet) -> miette::Result<icpc::whatif::Limits> {
    let program = rules.program();
    let field = |name: &String| {
        program.field_id(name).ok_or_else(|| {
            let names = program.fields.iter().map(|field| field.name.as_str());
            let help = icpc::suggest::did_you_mean(name, names).map_or_else(
                || "fields are named as in the rule file".to_string(),
                |known| format!("did you mean `{known}`?"),
            );
            miette!(help = help, "there is no field `{name}`")
        })
    };
    let fix = args
        .fix
        .iter()
        .map(field)
        .collect::<miette::Result<Vec<_>>>()?;
    let vary = args
        .vary
        .iter()
        .map(field)
        .collect::<miette::Result<Vec<_>>>()?;
    let vary = (!args.vary.is_empty()).then_some(&vary[..]);
    Ok(icpc::whatif::Limits::levers(
        program,
        args.max_changes,
        &fix,
        vary,
    ))
}

/// Reads the leads until the wanted one; a rejected line is reported with its reason.
fn find(args: &Args, rules: &RuleSet) -> miette::Result<Record> {
    let wanted = match (&args.id, args.line) {
        (Some(id), _) => Wanted::Id(id.clone()),
        (None, line) => Wanted::Line(line.unwrap_or(0)),
    };
    let format = args.leads_format.of(&args.leads);
    let input = open_input(&args.leads)?;
    let leads = args.leads.display().to_string();
    match rules
        .find(format, input.reader, &wanted)
        .into_diagnostic()?
    {
        Found::Record(record) => Ok(record),
        Found::Rejected(error) => Err(miette!(
            help = "fix the record in the export; `icpc eval` reports every rejected record",
            "the lead was rejected, on line {}: {}",
            error.line,
            rejected::text(&leads, &error)
        )),
        Found::Nothing => Err(match wanted {
            Wanted::Id(id) => miette!(
                help = "ids are compared exactly",
                "no lead has the id `{id}`"
            ),
            Wanted::Line(line) => miette!("no lead on line {line}"),
        }),
    }
}
