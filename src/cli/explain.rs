//! `icpc explain RULES LEADS --id ID`: one lead's verdict for a person:
//! which rules fired and why, which could not be told for missing data,
//! why the better tiers were not reached, the rule source annotated with
//! what each test saw, and what would it take to reach the target tier.

use super::Global;
use super::eval::{InputKind, input_format, sink::open_input, today};
use super::output::{self, Stream};
use icpc::explain::{self, Context};
use icpc::pipeline::{self, ErrorFormat, Settings, Sink};
use icpc::record::Record;
use icpc::whatif::{self, Limits};
use miette::{IntoDiagnostic, miette};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

/// Arguments of `icpc explain`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "line"])))]
pub struct Args {
    /// The rule file.
    rules: PathBuf,
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
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The date `within N days` counts back from (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::eval::parse_as_of)]
    as_of: Option<i32>,
    /// Format of the leads; `auto` takes CSV for a `.csv` file.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    input_format: InputKind,
    /// Separator between the items of a `list<text>` CSV cell.
    #[arg(long, value_name = "CHAR", default_value_t = ';')]
    list_separator: char,
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
    let rules = super::rules::load(&args.rules, global)?;
    let program = &rules.checked.program;
    let target = match &args.target_tier {
        None => 0,
        Some(name) => program
            .tiers
            .iter()
            .position(|tier| &tier.name == name)
            .ok_or_else(|| {
                let names: Vec<&str> = program
                    .tiers
                    .iter()
                    .map(|tier| tier.name.as_str())
                    .collect();
                miette!(
                    help = format!("the tiers are: {}", names.join(", ")),
                    "there is no tier `{name}`"
                )
            })? as u32,
    };
    if program.tiers.is_empty() {
        return Err(miette!("`{}` declares no tiers", args.rules.display()));
    }
    let record = find(&args, program)?;
    let plan = icpc::plan::plan(program, &icpc::plan::Options::default());
    let context = icpc::verdict::Context {
        as_of: args.as_of.unwrap_or_else(today),
    };
    let mut evaluator = icpc::eval::Evaluator::new(&plan, &context);
    let (verdict, trace) = icpc::trace::trace(&mut evaluator, program, &record);
    let evaluate = |changed: &Record| icpc::eval::eval(&plan, changed, &context);
    let answer = whatif::solve(
        program,
        &record,
        target,
        &context,
        &evaluate,
        Limits::default(),
    );
    let explain_context = Context {
        program,
        source: &rules.source,
    };
    let text = match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "id": record.id,
                "line": record.line,
                "explanation": explain::to_json(explain_context, &verdict, &trace),
                "what_would_it_take": explain::reach_json(explain_context, &record, &verdict, target, &answer),
            });
            format!("{json}\n")
        }
        Format::Text => {
            let name = record
                .id
                .clone()
                .unwrap_or_else(|| format!("on line {}", record.line));
            let mut text = format!(
                "lead {name} ({} line {})\n",
                args.leads.display(),
                record.line
            );
            text.push_str(&explain::summary_sentence(
                explain_context,
                &verdict,
                &trace,
            ));
            text.push('\n');
            text.push_str(&explain::reach_text(
                explain_context,
                &record,
                &verdict,
                target,
                &answer,
            ));
            text.push('\n');
            let color = global.color.enabled(Stream::Stdout);
            text.push_str(&explain::annotated_rules(explain_context, &trace, color));
            text
        }
    };
    output::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads the leads until the wanted one; a rejected line is reported with its reason.
fn find(args: &Args, program: &icpc::ir::Program) -> miette::Result<Record> {
    let found = Mutex::new(None);
    let wanted = |record: &Record| match (&args.id, args.line) {
        (Some(id), _) => record.id.as_deref() == Some(id.as_str()),
        (None, Some(line)) => record.line == line,
        (None, None) => false,
    };
    let new_scorer = || -> Box<pipeline::Score> {
        Box::new(|record, _, _| {
            if let Ok(mut slot) = found.lock()
                && slot.is_none()
                && wanted(record)
            {
                *slot = Some(record.clone());
            }
        })
    };
    let settings = Settings {
        input: input_format(args.input_format, &args.leads, args.list_separator),
        output: icpc::output::Format::Jsonl,
        errors: ErrorFormat::Text {
            name: args.leads.display().to_string(),
        },
        jobs: 1,
        chunk_size: 1 << 20,
        score: true,
    };
    let mut sink = Rejected::default();
    let input = open_input(&args.leads)?;
    pipeline::run(program, &new_scorer, &settings, input.reader, &mut sink).into_diagnostic()?;
    if let Some(record) = found.into_inner().ok().flatten() {
        return Ok(record);
    }
    let errors = String::from_utf8_lossy(&sink.errors).into_owned();
    let prefix = args
        .line
        .map(|line| format!("{}:{line}:", args.leads.display()));
    let rejected = prefix.and_then(|prefix| {
        errors
            .lines()
            .find(|line| line.starts_with(&prefix))
            .map(str::to_string)
    });
    Err(match (rejected, &args.id) {
        (Some(report), _) => miette!("the lead cannot be read: {report}"),
        (None, Some(id)) => miette!(
            help = "ids are compared exactly",
            "no lead has the id `{id}`"
        ),
        (None, None) => miette!("no lead on line {}", args.line.unwrap_or(0)),
    })
}

/// A sink that keeps only the reports of rejected lines.
#[derive(Default)]
struct Rejected {
    errors: Vec<u8>,
}

impl Sink for Rejected {
    fn output(&mut self, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn errors(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.errors.extend_from_slice(bytes);
        Ok(())
    }
}
