//! `icpc init [PATH]`: writes a starter rule file (`icpc::starter`) from
//! the questions an ICP is built from. On a terminal it asks each question
//! with a default; from flags or an answers file it runs without asking,
//! for scripts. Flags override the answers file, which overrides the
//! defaults; at a prompt, an empty line keeps the default shown and `none`
//! leaves the question out.

use super::output::{self, Stream};
use super::{EXIT_FAILURE_TO_RUN, Global};
use icpc::render::{self, Format, Report};
use icpc::starter::{self, Answers, SizeRange};
use miette::{IntoDiagnostic, WrapErr, miette};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Lists are comma-separated (`--industries SaaS,Fintech`); an empty value
(`--countries ''`) or `none` leaves the question out of the file.

Exit codes:
  0  the rule file was written
  2  usage error, an answer the language cannot hold, the file exists
     (without --force), or it cannot be written";

/// Arguments of `icpc init`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct Args {
    /// Where to write the rule file; `-` writes it to standard output.
    #[arg(default_value = "rules.icp", value_name = "PATH")]
    path: String,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
    /// Ask every question, even when standard input is not a terminal.
    #[arg(long, conflicts_with = "yes")]
    interactive: bool,
    /// Ask nothing: take the answers from flags, `--answers` and defaults
    /// (the default when standard input is not a terminal).
    #[arg(long, short = 'y')]
    yes: bool,
    /// A JSON file of answers: `name`, `industries`, `employees` (`{"min":
    /// 10, "max": 1000}`), `min_revenue`, `countries`, `titles`,
    /// `departments`, `technologies`, `intent`, and `exclude` (`students`,
    /// `competitors`, `customers`, `min_employees`); lists are arrays,
    /// `null` leaves a question out, a missing key keeps its default.
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,
    /// What the profile is called (the file's header comment).
    #[arg(long)]
    name: Option<String>,
    /// Industries that fit.
    #[arg(long, value_name = "LIST")]
    industries: Option<String>,
    /// Company sizes that fit, in employees: `MIN..MAX`.
    #[arg(long, value_name = "MIN..MAX")]
    employees: Option<String>,
    /// The least annual revenue that fits.
    #[arg(long, value_name = "N")]
    min_revenue: Option<String>,
    /// Countries that fit.
    #[arg(long, value_name = "LIST")]
    countries: Option<String>,
    /// Words of the buyers' titles, matched as whole words in any case.
    #[arg(long, value_name = "LIST")]
    titles: Option<String>,
    /// The buyers' departments.
    #[arg(long, value_name = "LIST")]
    departments: Option<String>,
    /// Technologies that fit (any one of them).
    #[arg(long, value_name = "LIST")]
    tech: Option<String>,
    /// Score intent (recent activity, web visits): `yes` or `no`.
    #[arg(long, value_name = "yes|no")]
    intent: Option<String>,
    /// Exclude students (`.edu` emails): `yes` or `no`.
    #[arg(long, value_name = "yes|no")]
    exclude_students: Option<String>,
    /// Competitors' email domains to exclude.
    #[arg(long, value_name = "LIST")]
    competitors: Option<String>,
    /// Exclude existing customers: `yes` or `no`.
    #[arg(long, value_name = "yes|no")]
    exclude_customers: Option<String>,
    /// Exclude companies with fewer employees than this.
    #[arg(long, value_name = "N")]
    min_employees: Option<String>,
}

/// Runs `icpc init`.
pub fn run(args: Args, global: &Global) -> miette::Result<ExitCode> {
    let to_stdout = args.path == "-";
    let path = PathBuf::from(&args.path);
    if !to_stdout && path.exists() && !args.force {
        return Err(miette!(
            help = "choose another path, or pass --force to replace it",
            "`{}` already exists",
            path.display()
        ));
    }
    let mut answers = match &args.answers {
        Some(file) => read_answers(file)?,
        None => Answers::default(),
    };
    for question in QUESTIONS {
        if let Some(given) = (question.flag)(&args) {
            question
                .answer
                .set(&mut answers, given)
                .map_err(|problem| miette!("--{}: {problem}", question.name))?;
        }
    }
    let interactive = args.interactive || (!args.yes && std::io::stdin().is_terminal());
    if interactive {
        ask_all(&mut answers)?;
    }
    let text = match starter::starter_file(&answers) {
        Ok(text) => text,
        Err(invalid) => {
            let report = Report {
                source: &invalid.source,
                diagnostics: &invalid.diagnostics,
            };
            let color = global.color.enabled(Stream::Stderr);
            output::write_stderr(&render::render(Format::Human, &[report], color))?;
            output::write_stderr("error: these answers do not make a valid rule file\n")?;
            return Ok(ExitCode::from(EXIT_FAILURE_TO_RUN));
        }
    };
    if to_stdout {
        output::write_stdout(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::write(&path, &text)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write `{}`", path.display()))?;
    let rules = text
        .lines()
        .filter(|line| line.starts_with("rule "))
        .count();
    let shown = path.display();
    output::write_stderr(&format!(
        "wrote {shown} ({})\nnext: icpc check {shown}\n      icpc eval {shown} LEADS.jsonl --as-of {}\n",
        output::count(rules, "rule"),
        "YYYY-MM-DD",
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn read_answers(file: &PathBuf) -> miette::Result<Answers> {
    let text = std::fs::read_to_string(file)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot read `{}`", file.display()))?;
    serde_json::from_str(&text)
        .map_err(|error| miette!("`{}` is not a valid answers file: {error}", file.display()))
}

/// One question: its flag, its prompt, and the answer it sets. An answer
/// from the flag or from the prompt is the same text, read the same way.
struct Question {
    name: &'static str,
    prompt: &'static str,
    flag: fn(&Args) -> Option<&str>,
    answer: Answer,
}

/// Which answer a question sets, and so how its text is read and shown.
#[derive(Clone, Copy)]
enum Answer {
    Text(fn(&mut Answers) -> &mut String),
    List(fn(&mut Answers) -> &mut Vec<String>),
    Size(fn(&mut Answers) -> &mut Option<SizeRange>),
    Count(fn(&mut Answers) -> &mut Option<u64>),
    YesNo(fn(&mut Answers) -> &mut bool),
}

impl Answer {
    /// The current answer as the prompt shows it, in the form it reads.
    fn show(self, answers: &mut Answers) -> String {
        match self {
            Answer::Text(field) => field(answers).clone(),
            Answer::List(field) if field(answers).is_empty() => "none".to_owned(),
            Answer::List(field) => field(answers).join(", "),
            Answer::Size(field) => (*field(answers)).map_or("none".to_owned(), |range| {
                format!("{}..{}", range.min, range.max)
            }),
            Answer::Count(field) => (*field(answers)).map_or("none".to_owned(), |n| n.to_string()),
            Answer::YesNo(field) => (if *field(answers) { "yes" } else { "no" }).to_owned(),
        }
    }

    /// Sets the answer from `text`, or says why `text` does not read.
    fn set(self, answers: &mut Answers, text: &str) -> Result<(), String> {
        match self {
            Answer::Text(field) => *field(answers) = text.trim().to_owned(),
            Answer::List(field) => *field(answers) = list(text),
            Answer::Size(field) => *field(answers) = optional(text, size_range)?,
            Answer::Count(field) => *field(answers) = optional(text, whole_number)?,
            Answer::YesNo(field) => *field(answers) = yes_or_no(text)?,
        }
        Ok(())
    }
}

const QUESTIONS: &[Question] = &[
    Question {
        name: "name",
        prompt: "What is the profile called?",
        flag: |args| args.name.as_deref(),
        answer: Answer::Text(|answers| &mut answers.name),
    },
    Question {
        name: "industries",
        prompt: "Industries that fit",
        flag: |args| args.industries.as_deref(),
        answer: Answer::List(|answers| &mut answers.industries),
    },
    Question {
        name: "employees",
        prompt: "Company size in employees (MIN..MAX)",
        flag: |args| args.employees.as_deref(),
        answer: Answer::Size(|answers| &mut answers.employees),
    },
    Question {
        name: "min-revenue",
        prompt: "Least annual revenue",
        flag: |args| args.min_revenue.as_deref(),
        answer: Answer::Count(|answers| &mut answers.min_revenue),
    },
    Question {
        name: "countries",
        prompt: "Countries that fit",
        flag: |args| args.countries.as_deref(),
        answer: Answer::List(|answers| &mut answers.countries),
    },
    Question {
        name: "titles",
        prompt: "Words in the buyers' titles",
        flag: |args| args.titles.as_deref(),
        answer: Answer::List(|answers| &mut answers.titles),
    },
    Question {
        name: "departments",
        prompt: "The buyers' departments",
        flag: |args| args.departments.as_deref(),
        answer: Answer::List(|answers| &mut answers.departments),
    },
    Question {
        name: "tech",
        prompt: "Technologies they run",
        flag: |args| args.tech.as_deref(),
        answer: Answer::List(|answers| &mut answers.technologies),
    },
    Question {
        name: "intent",
        prompt: "Score intent (recent activity, web visits)",
        flag: |args| args.intent.as_deref(),
        answer: Answer::YesNo(|answers| &mut answers.intent),
    },
    Question {
        name: "exclude-students",
        prompt: "Exclude students (.edu emails)",
        flag: |args| args.exclude_students.as_deref(),
        answer: Answer::YesNo(|answers| &mut answers.exclude.students),
    },
    Question {
        name: "competitors",
        prompt: "Competitors' email domains to exclude",
        flag: |args| args.competitors.as_deref(),
        answer: Answer::List(|answers| &mut answers.exclude.competitors),
    },
    Question {
        name: "exclude-customers",
        prompt: "Exclude existing customers",
        flag: |args| args.exclude_customers.as_deref(),
        answer: Answer::YesNo(|answers| &mut answers.exclude.customers),
    },
    Question {
        name: "min-employees",
        prompt: "Exclude companies with fewer employees than",
        flag: |args| args.min_employees.as_deref(),
        answer: Answer::Count(|answers| &mut answers.exclude.min_employees),
    },
];

/// Asks every question on stderr, reading answers from stdin; an answer
/// that does not parse is asked again. The end of input keeps the rest of
/// the defaults.
fn ask_all(answers: &mut Answers) -> miette::Result<()> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    output::write_stderr(
        "An ideal customer profile in a few questions. Enter keeps [the default]; `none` leaves a question out.\n",
    )?;
    for question in QUESTIONS {
        loop {
            let shown = question.answer.show(answers);
            output::write_stderr(&format!("{} [{shown}]: ", question.prompt))?;
            let Some(line) = lines.next() else {
                output::write_stderr("\n")?;
                return Ok(());
            };
            let line = line.into_diagnostic().wrap_err("cannot read the answer")?;
            if line.trim().is_empty() {
                break;
            }
            match question.answer.set(answers, &line) {
                Ok(()) => break,
                Err(problem) => output::write_stderr(&format!("  {problem}; try again\n"))?,
            }
        }
    }
    Ok(())
}

/// A comma-separated list, quotes around items dropped; empty or `none`
/// is the empty list.
fn list(text: &str) -> Vec<String> {
    if is_none(text) {
        return Vec::new();
    }
    text.split(',')
        .map(|item| item.trim().trim_matches('"').trim())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_none(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text.eq_ignore_ascii_case("none")
}

fn optional<T>(text: &str, parse: fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    if is_none(text) {
        Ok(None)
    } else {
        parse(text.trim()).map(Some)
    }
}

/// `1000000`, `1_000_000` or `1,000,000`.
fn whole_number(text: &str) -> Result<u64, String> {
    let digits: String = text.chars().filter(|c| !matches!(c, '_' | ',')).collect();
    digits
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))
}

fn size_range(text: &str) -> Result<SizeRange, String> {
    let (min, max) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is not a range like 10..1000"))?;
    let range = SizeRange {
        min: whole_number(min.trim())?,
        max: whole_number(max.trim())?,
    };
    if range.min > range.max {
        return Err(format!("`{text}` runs backwards"));
    }
    Ok(range)
}

fn yes_or_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" => Ok(true),
        "n" | "no" | "false" | "none" => Ok(false),
        _ => Err(format!("`{}` is not yes or no", text.trim())),
    }
}
