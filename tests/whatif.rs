//! "What would it take" on every lead of every shipped example: each
//! suggestion, applied to the record, reaches the target tier (or a better
//! one) under the reference interpreter (an evaluator independent of the
//! plan the solver used), and when it changes several fields, no single one
//! of them does. Explanations agree with verdicts on the same leads.

mod support;

use icpc::data::{Lead, jsonl};
use icpc::record::Record;
use icpc::verdict::Context;
use icpc::whatif::{Answer, Limits, Solver, apply};

const AS_OF: Context = Context { as_of: 20_269 };

/// `(rules, leads)` pairs as examples/README.md pairs them.
fn examples() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for entry in std::fs::read_dir("examples").expect("examples/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "icp") {
            continue;
        }
        let leads = support::example_leads(&path).display().to_string();
        pairs.push((path.display().to_string(), leads));
    }
    pairs.sort();
    pairs
}

fn records(program: &icpc::ir::Program, leads: &str) -> Vec<Record> {
    let used = icpc::data::used_fields(program);
    let reader = jsonl::Reader::new(program, &used);
    let text = std::fs::read(leads).expect("leads file");
    let mut records = Vec::new();
    for (index, line) in text.split(|byte| *byte == b'\n').enumerate() {
        let mut lead = Lead::new(program);
        lead.reset(index as u64 + 1);
        if !icpc::data::is_blank(line) && reader.read(line, index as u64 + 1, &mut lead).is_ok() {
            records.push(lead.record);
        }
    }
    records
}

#[test]
fn every_suggestion_reaches_its_tier_and_is_minimal() {
    let mut reachable = 0;
    for (rules, leads) in examples() {
        let source = support::files::read(std::path::Path::new(&rules));
        let program = icpc::compile(&source).expect("example compiles").program;
        let plan = icpc::plan::plan(&program, &icpc::plan::Options::default());
        let oracle = |record: &Record| icpc::interp::eval(&program, record, &AS_OF);
        let solver = Solver::new(&program, &plan, &AS_OF);
        for record in records(&program, &leads) {
            for target in 0..program.tiers.len().saturating_sub(1) as u32 {
                let answer = solver.solve(&record, target, &Limits::default());
                let Answer::Reachable {
                    changes, verdict, ..
                } = answer
                else {
                    continue;
                };
                reachable += 1;
                let where_ = format!("{rules}, lead {:?}, tier {target}: {changes:?}", record.id);
                let reaches = |tier: Option<u32>| tier.is_some_and(|tier| tier <= target);
                assert!(reaches(oracle(&apply(&record, &changes)).tier), "{where_}");
                assert!(reaches(verdict.tier), "{where_}");
                if changes.len() > 1 {
                    for change in &changes {
                        let alone = oracle(&apply(&record, std::slice::from_ref(change)));
                        assert!(!reaches(alone.tier), "{where_}: {change:?} alone suffices");
                    }
                }
            }
        }
    }
    assert!(reachable > 50, "only {reachable} reachable suggestions");
}

#[test]
fn explanations_agree_with_verdicts_on_every_example_lead() {
    for (rules, leads) in examples() {
        let source = support::files::read(std::path::Path::new(&rules));
        let program = icpc::compile(&source).expect("example compiles").program;
        let plan = icpc::plan::plan(&program, &icpc::plan::Options::default());
        let mut evaluator = icpc::eval::Evaluator::new(&plan, &AS_OF);
        for record in records(&program, &leads) {
            let (verdict, trace) = icpc::trace::trace(&mut evaluator, &program, &record);
            assert!(
                icpc::explain::agrees(&program, &verdict, &trace),
                "{rules}: {:?}",
                record.id
            );
            assert_eq!(
                verdict,
                icpc::interp::eval(&program, &record, &AS_OF),
                "{rules}: {:?}",
                record.id
            );
        }
    }
}
