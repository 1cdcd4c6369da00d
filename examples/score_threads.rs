//! Compile a rule file once, score its leads on several threads.
//!
//! ```text
//! cargo run --example score_threads -- examples/quickstart.icp examples/quickstart.jsonl
//! ```
//!
//! One `RuleSet` is shared by every thread (it is `Send + Sync`); each
//! thread keeps its own `Evaluator`, whose buffers make scoring a lead
//! allocation-free. Results are printed in input order whatever the
//! scheduling. `tests/ruleset.rs` runs [`score`] on the quickstart files.

use icpc::RuleSet;
use icpc::verdict::Context;

/// `id tier scores` per lead, in input order, scored on `threads` threads.
pub fn score(rule_file: &str, rules_text: &str, leads: &str, threads: usize) -> Vec<String> {
    let rules = match RuleSet::compile(rule_file, rules_text) {
        Ok(rules) => rules,
        Err(diagnostics) => {
            return diagnostics.iter().map(|d| d.message.clone()).collect();
        }
    };
    let as_of = Context { as_of: 20_269 }; // 2025-06-30
    let lines: Vec<&str> = leads
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    let share = lines.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = lines
            .chunks(share)
            .map(|part| {
                let rules = &rules;
                scope.spawn(move || {
                    let mut evaluator = rules.evaluator(&as_of);
                    part.iter()
                        .map(|line| match rules.record_from_json(line) {
                            Ok(record) => describe(rules, &record, evaluator.eval(&record)),
                            Err(error) => format!("rejected: {}", error.reason),
                        })
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    })
}

fn describe(
    rules: &RuleSet,
    record: &icpc::record::Record,
    verdict: &icpc::verdict::Verdict,
) -> String {
    let program = rules.program();
    let tier = match verdict.tier {
        Some(tier) => program.tiers[tier as usize].name.as_str(),
        None if verdict.disqualified => "disqualified",
        None => "-",
    };
    let scores: Vec<String> = (program.scores.iter().zip(&verdict.scores))
        .map(|(score, value)| format!("{}={value}", score.name))
        .collect();
    let id = record.id.as_deref().unwrap_or("?");
    format!("{id} {tier} {}", scores.join(" "))
}

fn main() -> std::process::ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [rule_file, leads_file] = arguments.as_slice() else {
        eprintln!("usage: score_threads RULES.icp LEADS.jsonl");
        return std::process::ExitCode::from(2);
    };
    let read =
        |path: &str| std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"));
    match read(rule_file).and_then(|rules| Ok((rules, read(leads_file)?))) {
        Ok((rules, leads)) => {
            for line in score(rule_file, &rules, &leads, 4) {
                println!("{line}");
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::ExitCode::from(2)
        }
    }
}
