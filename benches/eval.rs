//! Speed of evaluation alone (no reading, no output): ns per record.
//!
//! Builds realistic leads in memory (shaped like shared/bench/gen_leads.py:
//! skewed industries and countries, titles such as "VP of Sales" or
//! "Senior Software Engineer", tech lists, recent dates, ~8% missing
//! values), compiles the reference workload, and times
//! `eval::Evaluator::eval` with every pass on and with none, and
//! `trace::trace` (the `--explain` path). Each figure is the median of
//! several runs, printed beside baselines timed in the same run (cloning
//! the records; summing their text lengths), so runs on a busy machine
//! can be compared by ratio. Run with `cargo bench --bench eval`.
#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use icpc::eval::Evaluator;
use icpc::plan::{self, Options};
use icpc::record::{Record, Value};
use icpc::source::Source;
use icpc::verdict::Context;
use std::hint::black_box;
use std::time::Instant;

const RULES: &str = include_str!("../tests/fixtures/plan/reference_workload.icp");
/// Few enough to stay in cache, as a record just read would be.
const RECORDS: usize = 1_000;
/// Times each run goes over the records.
const ROUNDS: usize = 50;
const RUNS: usize = 9;

const INDUSTRIES: [&str; 14] = [
    "Software",
    "Information Technology",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Marketing & Advertising",
    "Internet",
    "Computer & Network Security",
    "Real Estate",
    "Construction",
    "Insurance",
    "Banking",
];
const COUNTRIES: [&str; 14] = [
    "US", "US", "US", "US", "GB", "DE", "CA", "FR", "IN", "AU", "NL", "BR", "SE", "RU",
];
const DEPARTMENTS: [&str; 8] = [
    "Sales",
    "Marketing",
    "Engineering",
    "IT",
    "Finance",
    "Operations",
    "Executive",
    "Product",
];
const FUNCTIONS: [&str; 8] = [
    "Sales",
    "Marketing",
    "Software Engineering",
    "Information Technology",
    "Finance",
    "Business Operations",
    "Demand Generation",
    "Product Management",
];
const TITLE_FORMS: [(&str, &str); 14] = [
    ("VP of ", ""),
    ("Vice President of ", ""),
    ("SVP ", ""),
    ("Head of ", ""),
    ("Director of ", ""),
    ("Senior Director, ", ""),
    ("", " Manager"),
    ("Senior ", " Manager"),
    ("Sr. ", " Manager"),
    ("", " Specialist"),
    ("Junior ", " Analyst"),
    ("", " Coordinator"),
    ("", " Intern"),
    ("Senior ", " Engineer"),
];
const CXO: [&str; 8] = [
    "Chief Executive Officer",
    "CEO",
    "CTO",
    "Chief Revenue Officer",
    "Founder",
    "Co-Founder & CEO",
    "Owner",
    "President",
];
const TECH: [&str; 16] = [
    "AWS",
    "Google Workspace",
    "Slack",
    "Salesforce",
    "HubSpot",
    "Microsoft 365",
    "Google Analytics",
    "Stripe",
    "Snowflake",
    "Zoom",
    "Okta",
    "Datadog",
    "GitHub",
    "Jira",
    "Pipedrive",
    "Zendesk",
];
const FUNDING: [&str; 8] = [
    "Bootstrapped",
    "Seed",
    "Series A",
    "Series B",
    "Series C",
    "Series D+",
    "Public",
    "Private Equity",
];
const EMAIL_DOMAINS: [&str; 6] = [
    "acmeworks.com",
    "globex.io",
    "initech.de",
    "gmail.com",
    "stanford.edu",
    "nova-labs.co.uk",
];

/// splitmix64: deterministic, so every run times the same leads.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Skewed towards the front, like the generator's Zipf-ish weights.
    fn skewed<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let index = (self.unit() * self.unit() * items.len() as f64) as usize;
        items[index.min(items.len() - 1)]
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn title(rng: &mut Rng, department: &str) -> String {
    let function = rng.skewed(&FUNCTIONS);
    let title = if department == "Executive" || rng.unit() < 0.06 {
        rng.skewed(&CXO).to_string()
    } else {
        let (before, after) = TITLE_FORMS[rng.below(TITLE_FORMS.len() as u64) as usize];
        format!("{before}{function}{after}")
    };
    match rng.below(100) {
        0..3 => title.to_lowercase(),
        3 => title.to_uppercase(),
        _ => title,
    }
}

/// One lead's value for a reference-workload field; ~8% missing.
fn value(rng: &mut Rng, field: &str, department: &str, as_of: i32) -> Value {
    if rng.unit() < 0.08 {
        return Value::Missing;
    }
    let text = |text: &str| Value::Text(text.into());
    let count = |rng: &mut Rng, mean: f64| Value::Number((-mean * (1.0 - rng.unit()).ln()).floor());
    match field {
        "id" => Value::Text(format!("L{:08}", rng.below(100_000_000))),
        "email" => Value::Text(format!("jane.doe@{}", rng.skewed(&EMAIL_DOMAINS))),
        "industry" => text(rng.skewed(&INDUSTRIES)),
        "employees" => Value::Number((rng.unit().powi(4) * 20_000.0).ceil()),
        "revenue" => Value::Number((rng.unit().powi(4) * 2e9 / 1000.0).round() * 1000.0),
        "country" => text(rng.skewed(&COUNTRIES)),
        "title" => Value::Text(title(rng, department)),
        "department" => text(department),
        "tech" => Value::List(
            (0..rng.below(9))
                .map(|_| rng.skewed(&TECH).to_string())
                .collect(),
        ),
        "funding_stage" => text(rng.skewed(&FUNDING)),
        "last_activity" => Value::Date(as_of - rng.below(200) as i32),
        "web_visits_30d" => count(rng, 8.0),
        "email_opens_30d" => count(rng, 3.0),
        "is_customer" => Value::Bool(rng.unit() < 0.06),
        _ => Value::Missing,
    }
}

fn leads(fields: &[String], as_of: i32) -> Vec<Record> {
    let mut rng = Rng(1);
    (0..RECORDS)
        .map(|line| {
            let department = rng.skewed(&DEPARTMENTS);
            Record {
                values: (fields.iter())
                    .map(|field| value(&mut rng, field, department, as_of))
                    .collect(),
                id: None,
                line: line as u64 + 1,
                warnings: Vec::new(),
            }
        })
        .collect()
}

/// Median ns per record of `work`, over [`RUNS`] runs of [`ROUNDS`] rounds.
fn time(records: &[Record], mut work: impl FnMut(&Record) -> usize) -> f64 {
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mut sink = 0usize;
            for _ in 0..ROUNDS {
                for record in records {
                    sink = sink.wrapping_add(work(black_box(record)));
                }
            }
            black_box(sink);
            start.elapsed().as_nanos() as f64 / (ROUNDS * records.len()) as f64
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[RUNS / 2]
}

fn text_length(record: &Record) -> usize {
    (record.values.iter())
        .map(|value| match value {
            Value::Text(text) | Value::Present(text) => text.len(),
            Value::List(items) => items.iter().map(String::len).sum(),
            Value::Missing | Value::Number(_) | Value::Bool(_) | Value::Date(_) => 0,
        })
        .sum()
}

fn main() {
    let source = Source::new("reference_workload.icp", RULES);
    let Ok(checked) = icpc::compile(&source) else {
        panic!("the reference workload does not compile");
    };
    let program = &checked.program;
    let context = Context {
        as_of: icpc::date::parse("2025-06-30").expect("a valid date"),
    };
    let fields: Vec<String> = program.fields.iter().map(|f| f.name.clone()).collect();
    let records = leads(&fields, context.as_of);
    let optimized = plan::plan(program, &Options::default());
    let unoptimized = plan::plan(program, &Options::none());
    let mut fast = Evaluator::new(&optimized, &context);
    let mut slow = Evaluator::new(&unoptimized, &context);
    let mut explaining = Evaluator::new(&optimized, &context);
    // `cargo bench --bench eval -- WORD` times only the rows naming WORD
    // (and the clone baseline), e.g. to profile one of them.
    let only = std::env::args().nth(1).filter(|arg| arg != "--bench");
    let wanted = |name: &str| only.as_deref().is_none_or(|word| name.contains(word));
    let mut rows: Vec<(&str, f64)> = Vec::new();
    let mut row = |name: &'static str, ns: &mut dyn FnMut() -> f64| {
        if wanted(name) || name == "baseline: clone record" {
            rows.push((name, ns()));
        }
    };
    row("baseline: clone record", &mut || {
        time(&records, |record| record.clone().values.len())
    });
    row("baseline: sum text lengths", &mut || {
        time(&records, text_length)
    });
    row("eval, all passes", &mut || {
        time(&records, |record| fast.eval(record).matched.len())
    });
    row("eval, no passes", &mut || {
        time(&records, |record| slow.eval(record).matched.len())
    });
    row("trace (--explain)", &mut || {
        time(&records, |record| {
            icpc::trace::trace(&mut explaining, program, record)
                .1
                .rules
                .len()
        })
    });
    let clone = rows[0].1;
    println!("{RECORDS} records x {ROUNDS} rounds, median of {RUNS} runs");
    println!("{:<28} {:>10} {:>10}", "", "ns/record", "x clone");
    for (name, ns) in rows {
        println!("{name:<28} {ns:>10.1} {:>10.2}", ns / clone);
    }
}
