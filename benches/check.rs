//! Benchmark: parse and check a generated file of 10,000 rules.
//!
//! Run with `cargo bench --bench check`; prints the best of five runs. The
//! file mixes every kind of test, lets, lists and tiers, so every pass of
//! the checker (and every lint) is exercised. Target: well under 0.5 s.

use icpc::source::Source;
use std::fmt::Write;
use std::time::Instant;

const RULES: usize = 10_000;

fn generate() -> String {
    let mut text = String::from(
        "schema {\n  industry: text\n  employees: int\n  revenue: number\n  tech: list<text>\n  \
         title: text\n  last_activity: date\n  is_customer: bool\n}\nscore fit\nscore intent\n\
         let crms = [Salesforce, HubSpot, Pipedrive]\nlet mid_market = employees 10..1000\n",
    );
    for index in 0..RULES {
        let condition = match index % 6 {
            0 => format!("industry in [SaaS, Fintech, V{index}] and mid_market"),
            1 => format!("revenue >= {} and employees < {}", index * 1000, index + 50),
            2 => format!("title matches /\\b(vp|head{index})\\b/i"),
            3 => format!("tech has any crms or tech has T{index}"),
            4 => format!(
                "last_activity within {} days and not is_customer == true",
                index % 90 + 1
            ),
            _ => format!(
                "industry starts_with \"s{index}\" and employees {index}..{}",
                index + 100
            ),
        };
        let effect = if index % 2 == 0 { "fit" } else { "intent" };
        writeln!(
            text,
            "rule r{index}: {condition} => {effect} +{}",
            index % 20 + 1
        )
        .unwrap_or(());
    }
    text.push_str("tier A: fit >= 60 and intent >= 10\ntier B: fit >= 30\ntier C: otherwise\n");
    text
}

fn main() {
    let source = Source::new("bench.icp", generate());
    let (mut parse, mut check) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..5 {
        let start = Instant::now();
        let Ok(file) = icpc::syntax::parse(&source) else {
            panic!("the generated file parses");
        };
        let parsed = Instant::now();
        let result = icpc::check::check(&file, &source);
        parse = parse.min((parsed - start).as_secs_f64());
        check = check.min(parsed.elapsed().as_secs_f64());
        assert!(result.is_ok(), "the generated file checks");
    }
    println!(
        "{RULES} rules: parse {:.1} ms, check {:.1} ms (best of 5)",
        parse * 1000.0,
        check * 1000.0
    );
}
