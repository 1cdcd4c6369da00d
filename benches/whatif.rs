//! What would it take, measured per lead: `Solver::solve` to the top tier
//! plus the nearest miss of every rule that did not fire (all `icpc
//! explain` searches), on every lead of every shipped example, on
//! generated leads against a generated 300-rule file, on a text `in` list
//! of 100,000 values and on many rules testing one field (and a line for
//! the issue's 50,000); and the score-space lints of `icpc check` on a
//! generated 10,000-rule file and on one rule's long `and` chains (tests
//! of 50 int fields, and `contains` tests of 50 text fields). Prints the
//! median and the worst time per lead, each also as a ratio to scoring
//! the same lead once (measured in the same run), and how many searches
//! stopped at their work limit, of which kind.
//! Targets (issue 11): median under 20 ms, worst under 200 ms per lead
//! (under 1 s for the 100,000-value list and the 50,000 rules); lints
//! under 0.5 s. `cargo bench --bench whatif [ROW] [-- --leads=N --many=N]`
//! (release): ROW keeps the rows whose name holds it, `--leads` is the
//! number of generated leads (200), `--many` the rules on one field of the
//! scaled row (2,000).

#[path = "../tests/support/files.rs"]
#[expect(dead_code, reason = "the test support has more than this bench uses")]
mod files;
#[path = "../bench/gen_leads/pick.rs"]
#[expect(dead_code, reason = "the lead generator has more than this bench uses")]
mod pick;
#[path = "../bench/gen_leads/rules.rs"]
mod rules;

use icpc::RuleSet;
use icpc::record::Record;
use icpc::verdict::Context;
use icpc::whatif::{Answer, Blocker, Limits, Misses, Solver};
use std::time::{Duration, Instant};

const AS_OF: Context = Context { as_of: 20_269 };
/// The issue's many rules on one field.
const ISSUE_MANY: usize = 50_000;
/// Class outcomes are dense (classes x tests of the field, a byte each):
/// a many-rules row whose table would pass this is reported, not run.
const DENSE_LIMIT: usize = 1 << 30;

/// The rows to run: those whose name holds the first argument, if any.
fn wanted(name: &str) -> bool {
    std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .is_none_or(|word| name.contains(&word))
}

/// The value of option `--NAME=N`, else `default`.
fn option(name: &str, default: usize) -> usize {
    let prefix = format!("--{name}=");
    std::env::args()
        .find_map(|arg| arg.strip_prefix(&prefix).and_then(|n| n.parse().ok()))
        .unwrap_or(default)
}

fn main() {
    let mut examples: Vec<std::path::PathBuf> = std::fs::read_dir("examples")
        .expect("examples/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "icp"))
        .collect();
    examples.sort();
    println!(
        "{:<34} {:>6} {:>10} {:>10} {:>10} {:>9} {:>9}",
        "what would it take", "leads", "eval", "median", "worst", "med/eval", "worst/eval"
    );
    for path in examples {
        let text = std::fs::read_to_string(&path).expect("example");
        let leads = leads_of(&path);
        let Ok(leads) = std::fs::read_to_string(&leads) else {
            continue;
        };
        // Examples may include shared files: read them as the CLI does.
        let rules = files::compile_at(&path, text);
        let records: Vec<Record> = leads
            .lines()
            .filter_map(|line| rules.record_from_json(line).ok())
            .collect();
        report(
            &path.file_name().expect("name").to_string_lossy(),
            &rules,
            &records,
        );
    }
    let text = rules::file(300, 1);
    let rules300 = RuleSet::compile("rules300.icp", &text).expect("the 300-rule file compiles");
    let mut random = pick::Random::new(1);
    let mut line = Vec::new();
    let records: Vec<Record> = (1..=option("leads", 200) as u64)
        .filter_map(|index| {
            line.clear();
            pick::Lead::generate(&mut random, index).json(&mut line);
            rules300
                .record_from_json(std::str::from_utf8(&line).ok()?)
                .ok()
        })
        .collect();
    report("generated, 300 rules", &rules300, &records);
    big_inputs();
    lints();
}

/// Searches that stopped at their work limit: with no answer, or with
/// one that has the fewest changes but may not be the preferred one.
#[derive(Default)]
struct Stopped {
    solves: usize,
    incomplete_solves: usize,
    misses: usize,
    incomplete_misses: usize,
}

impl Stopped {
    fn count(&mut self, answer: &Answer, misses: &Misses) {
        match answer {
            Answer::Unreachable(Blocker::Stopped { .. }) => self.solves += 1,
            Answer::Reachable {
                complete: false, ..
            } => self.incomplete_solves += 1,
            Answer::Reachable { .. } | Answer::Unreachable(_) => {}
            Answer::AlreadyThere { .. } | Answer::AlreadyIn => {}
        }
        self.misses += misses.stopped.len();
        self.incomplete_misses += misses.found.iter().filter(|miss| !miss.complete).count();
    }
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            out,
            "stopped: {} solves with no answer, {} with an incomplete one; {} nearest misses with none, {} incomplete",
            self.solves, self.incomplete_solves, self.misses, self.incomplete_misses
        )
    }
}

fn leads_of(rules: &std::path::Path) -> std::path::PathBuf {
    let jsonl = rules.with_extension("jsonl");
    if jsonl.exists() {
        jsonl
    } else {
        rules.with_file_name("acme-leads.jsonl")
    }
}

/// Times every lead's searches and prints one row.
fn report(name: &str, rules: &RuleSet, records: &[Record]) {
    if records.is_empty() || !wanted(name) {
        return;
    }
    let started = Instant::now();
    let solver = Solver::new(rules.program(), rules.plan(), &AS_OF);
    let setup = started.elapsed();
    let limits = Limits::levers(rules.program(), 6, &[], None);
    let mut stopped = Stopped::default();
    let mut solves = Vec::new();
    let mut times: Vec<Duration> = records
        .iter()
        .map(|record| {
            let started = Instant::now();
            let answer = std::hint::black_box(solver.solve(record, 0, &limits));
            solves.push(started.elapsed());
            let misses = std::hint::black_box(solver.nearest_misses(record, &limits));
            let elapsed = started.elapsed();
            stopped.count(&answer, &misses);
            elapsed
        })
        .collect();
    let started = Instant::now();
    let mut evaluator = rules.evaluator(&AS_OF);
    for record in records {
        std::hint::black_box(evaluator.eval(record));
    }
    let eval = started.elapsed() / records.len() as u32;
    times.sort();
    solves.sort();
    let (median, worst) = (times[times.len() / 2], times[times.len() - 1]);
    let ratio = |time: Duration| time.as_secs_f64() / eval.as_secs_f64().max(1e-9);
    println!(
        "{name:<34} {:>6} {:>10.3?} {:>10.3?} {:>10.3?} {:>8.0}x {:>8.0}x   (solve alone: median {:.3?}; {stopped}; classes built once: {setup:.1?})",
        records.len(),
        eval,
        median,
        worst,
        ratio(median),
        ratio(worst),
        solves[solves.len() / 2],
    );
}

/// A text `in` list of 100,000 values, and many rules on one field
/// (`--many`, and the issue's 50,000).
fn big_inputs() {
    let schema = "schema {\n  industry: text\n  employees: int\n}\nscore fit\n";
    let values: Vec<String> = (0..100_000).map(|index| format!("v{index}")).collect();
    let list = format!(
        "{schema}rule listed: industry in [{}] and employees 10..1000 => fit +10\ntier A: fit >= 10\ntier B: otherwise\n",
        values.join(", ")
    );
    timed_one("text in-list of 100,000 values", &list);
    let many = option("many", 2_000);
    many_rules(schema, many);
    if many != ISSUE_MANY {
        many_rules(schema, ISSUE_MANY);
    }
}

/// `count` rules, each a threshold on `employees`, and a tier most of
/// them reach.
fn many_rules(schema: &str, count: usize) {
    let name = format!("{count} rules on one field");
    if !wanted(&name) {
        return;
    }
    // One class per integer between the thresholds, plus missing.
    let dense = count.saturating_mul(count + 2);
    if dense > DENSE_LIMIT {
        println!(
            "{name:<34} not run: the dense class outcomes alone would be {:.1} GB (classes x tests of the field)",
            dense as f64 / 1e9
        );
        return;
    }
    let mut text = schema.to_string();
    for index in 0..count {
        text.push_str(&format!("rule r{index}: employees > {index} => fit +1\n"));
    }
    let tier = count.saturating_sub(10);
    text.push_str(&format!("tier A: fit >= {tier}\ntier B: otherwise\n"));
    timed_one(&name, &text);
}

fn timed_one(name: &str, text: &str) {
    if !wanted(name) {
        return;
    }
    let rules = RuleSet::compile("big.icp", text).expect("compiles");
    let record = rules
        .record_from_json(r#"{"industry":"Retail","employees":5}"#)
        .expect("a lead");
    report(name, &rules, &[record]);
}

/// The score-space lints on a generated 10,000-rule file and on one
/// rule's long `and` chains, each against compiling it without them.
fn lints() {
    lint_row("10,000 rules", &rules::file(10_000, 1));
    for terms in [2_000, 10_000, 50_000] {
        let name = format!("and chain of {terms} int tests");
        lint_row(
            &name,
            &chain(terms, |field, term| {
                // Distinct thresholds: each test once in the chain.
                if term % 2 == 0 {
                    format!("x{field} > {term}")
                } else {
                    format!("x{field} < {}", 1_000_000 - term)
                }
            }),
        );
    }
    for terms in [2_000, 10_000] {
        let name = format!("and chain of {terms} contains tests");
        lint_row(
            &name,
            &chain(terms, |field, term| {
                format!("x{field} contains \"w{term}\"")
            }),
        );
    }
}

/// One rule whose condition is `terms` tests joined by `and`, cycling over
/// 50 fields (`int` unless the tests say `contains`), and a tier it alone
/// reaches.
fn chain(terms: usize, test: impl Fn(usize, usize) -> String) -> String {
    let tests: Vec<String> = (0..terms).map(|term| test(term % 50 + 1, term)).collect();
    let kind = if tests[0].contains(" contains ") {
        "text"
    } else {
        "int"
    };
    let mut text = String::from("schema {\n");
    for field in 1..=50 {
        text.push_str(&format!("  x{field}: {kind}\n"));
    }
    text.push_str("}\nscore fit\n");
    text.push_str(&format!("rule chain: {} => fit +10\n", tests.join(" and ")));
    text.push_str("tier A: fit >= 10\ntier B: otherwise\n");
    text
}

fn lint_row(name: &str, text: &str) {
    let name = format!("score-space lints, {name}");
    if !wanted(&name) {
        return;
    }
    let source = icpc::source::Source::new("lints.icp", text);
    let started = Instant::now();
    let compiled = icpc::compile(&source).is_ok();
    let compile = started.elapsed();
    let started = Instant::now();
    let linted = icpc::lint(&source).ok();
    let lint = started.elapsed();
    let space = linted.and_then(|checked| checked.space);
    assert!(compiled && space.is_some(), "{name}: the file compiles");
    let bounds = space.map_or(0, |space| space.assumed.iter().filter(|a| **a).count());
    println!(
        "{name}: compile {compile:.1?}, compile + lints {lint:.1?} (lints {:.1?}, {:.1}x; rules left as bounds: {bounds})",
        lint.saturating_sub(compile),
        lint.as_secs_f64() / compile.as_secs_f64()
    );
}
