//! Front-end speed on a generated, realistic rule file of 10,000 rules
//! (every operator, lets, three scores, tiers), built in memory by a
//! deterministic generator. Prints the median of several runs of: reading
//! the text line by line (the floor any parser pays), parsing, compiling
//! (parse + check), and formatting, with each one's ratio to the floor.
//! Target: compile under 0.5 s in release (`cargo bench --bench check`).

use icpc::diagnostic::Severity;
use icpc::source::Source;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The number of rules, unless `ICPC_BENCH_RULES` says otherwise.
const RULES: usize = 10_000;
const LETS: usize = 200;
const RUNS: usize = 7;

fn main() {
    let rules = std::env::var("ICPC_BENCH_RULES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(RULES);
    let text = generate(rules);
    let source = Source::new("generated.icp", text.clone());
    let file = icpc::syntax::parse(&source)
        .into_result()
        .expect("the generated file parses");
    assert_eq!(compile(&source), 0, "the generated file compiles cleanly");
    println!(
        "rule file: {rules} rules, {LETS} lets, {} lines, {:.2} MB; median of {RUNS} runs",
        text.lines().count(),
        text.len() as f64 / 1e6
    );
    let floor = median(|| text.lines().map(str::len).sum::<usize>());
    report("read lines (floor)", floor, floor);
    report(
        "parse",
        median(|| {
            icpc::syntax::parse(&source)
                .into_result()
                .map(|f| f.items.len())
                .unwrap_or(0)
        }),
        floor,
    );
    report(
        "compile (parse + check)",
        median(|| compile(&source)),
        floor,
    );
    report(
        "format (from the tree)",
        median(|| icpc::format::format(&file, &source).len()),
        floor,
    );
}

/// The number of errors compiling the file (warnings are fine).
fn compile(source: &Source) -> usize {
    icpc::compile(source).map_or_else(
        |diagnostics| {
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity() == Severity::Error);
            errors.count()
        },
        |_| 0,
    )
}

fn report(what: &str, time: Duration, floor: Duration) {
    let ratio = time.as_secs_f64() / floor.as_secs_f64().max(1e-9);
    println!(
        "{what:<26} {:>10.2} ms  {ratio:>8.1}x the floor",
        time.as_secs_f64() * 1e3
    );
}

fn median<T>(mut run: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

/// A small deterministic pseudo-random source (64-bit LCG).
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SCHEMA: &str = "schema {
  id: text
  industry: text
  employees: int
  revenue: number
  country: text
  title: text
  email: text
  tech: list<text>
  last_activity: date
  web_visits_30d: int
  is_customer: bool
  funding_stage: text
}

score fit
score intent
score risk
";

const INDUSTRIES: &[&str] = &[
    "SaaS",
    "Fintech",
    "Healthcare",
    "\"Financial Services\"",
    "Retail",
    "Media",
];
const COUNTRIES: &[&str] = &["US", "CA", "GB", "DE", "FR", "NL", "AU", "JP"];
const TECH: &[&str] = &[
    "Salesforce",
    "HubSpot",
    "Pipedrive",
    "\"Zoho CRM\"",
    "Marketo",
    "Segment",
];

/// The generated file: schema, scores, lets, rules, tiers.
fn generate(rules: usize) -> String {
    let mut random = Random(42);
    let mut text = String::from(SCHEMA);
    text.push('\n');
    for index in 0..LETS {
        let value = if index % 2 == 0 {
            condition(&mut random, 0)
        } else {
            list(&mut random, TECH)
        };
        text.push_str(&format!("let l{index} = {value}\n"));
    }
    text.push('\n');
    for index in 0..rules {
        let mut condition = condition(&mut random, 1);
        match random.below(6) {
            0 => condition = format!("l{} and {condition}", 2 * random.below(LETS / 2)),
            1 => {
                condition = format!(
                    "tech has any l{} and {condition}",
                    2 * random.below(LETS / 2) + 1
                )
            }
            _ => {}
        }
        let effect = match random.below(10) {
            0 => format!("disqualify \"reason {index}\""),
            n => format!(
                "{} {}{}",
                ["fit", "intent", "risk"][n % 3],
                ["+", "-"][n % 2],
                1 + random.below(30)
            ),
        };
        text.push_str(&format!(
            "rule r{index}: {condition} => {effect} # rule {index}\n"
        ));
    }
    text.push_str("\ntier A: fit >= 60 and intent >= 10\ntier B: fit >= 30 or (intent >= 20 and risk < 5)\ntier C: fit >= 10\ntier D: otherwise\n");
    text
}

fn list(random: &mut Random, items: &[&str]) -> String {
    let count = 1 + random.below(4);
    let chosen: Vec<&str> = (0..count).map(|_| random.pick(items)).collect();
    format!("[{}]", chosen.join(", "))
}

/// A condition with up to `depth` levels of `and`/`or`/`not`.
fn condition(random: &mut Random, depth: usize) -> String {
    if depth == 0 || random.below(3) == 0 {
        return test(random);
    }
    match random.below(3) {
        0 => format!("{} and {}", condition(random, depth - 1), test(random)),
        1 => format!("({} or {})", test(random), condition(random, depth - 1)),
        _ => format!("not {}", test(random)),
    }
}

fn test(random: &mut Random) -> String {
    let low = random.below(500);
    match random.below(14) {
        0 => format!("industry == {}", random.pick(INDUSTRIES)),
        1 => format!("industry in {}", list(random, INDUSTRIES)),
        2 => format!("country not in {}", list(random, COUNTRIES)),
        3 => format!("employees {low}..{}", low + 1 + random.below(5000)),
        4 => format!("revenue >= {}_000", 1 + random.below(9000)),
        5 => format!("web_visits_30d > {}", random.below(50)),
        6 => format!("tech has {}", random.pick(TECH)),
        7 => format!("tech has any {}", list(random, TECH)),
        8 => format!("tech has all {}", list(random, TECH)),
        9 => format!(
            "email ends_with \".{}\"",
            random.pick(&["edu", "gov", "org"])
        ),
        10 => format!(
            "title matches /\\b({})\\b/i",
            random.pick(&["vp", "head|director", "chief|cxo"])
        ),
        11 => format!("funding_stage is {}", random.pick(&["missing", "present"])),
        12 => format!("last_activity within {} days", 1 + random.below(90)),
        _ => format!("is_customer == {}", random.pick(&["true", "false"])),
    }
}
