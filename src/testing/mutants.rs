//! Mutants no example catches: small changes to the rules (a threshold
//! moved by one step, `>=` turned into `>`, a clause dropped from an `and`
//! or an `or`, a list member removed, an effect's sign flipped, a
//! disqualifier removed), each run against the examples. A mutant is
//! killed when an example that passes on the rules fails on it; one that
//! survives is a test the team is missing, reported at its location.
//!
//! Running every example against every mutant's whole plan would cost
//! mutants x examples full evaluations. A mutant of one rule changes a
//! verdict only where that rule's firing changes (or, for an effect or a
//! disqualifier, where it fires), so each mutant is first judged on a plan
//! of its one rule, and the whole mutated plan is built and run only on
//! the examples whose verdict can differ. Mutants inside a let, which many
//! rules may share, run on the whole mutated plan.

mod change;

pub use change::{Mutation, Place, mutations};

use super::Run;
use crate::RuleSet;
use crate::eval::Evaluator;
use crate::ir;
use crate::plan::{self, Plan};
use crate::record::Record;
use crate::verdict;

/// A mutant and whether an example caught it.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// What was changed, and where.
    pub mutation: Mutation,
    /// Whether an example that passes on the rules failed on the mutant.
    pub killed: bool,
}

/// Every mutant of the rules of `run`'s file, in source order, judged by
/// the examples that passed.
pub fn run(rules: &RuleSet, run: &Run) -> Vec<Mutant> {
    let program = rules.program();
    let suite = rules.suite();
    let context = verdict::Context { as_of: run.as_of };
    let passing: Vec<(&ir::Example, Record, &verdict::Verdict)> = (run.results.iter())
        .filter(|result| result.passed())
        .map(|result| {
            let example = &suite.examples[result.example];
            (example, super::record(rules, example), &result.verdict)
        })
        .collect();
    let options = plan::Options::default();
    (mutations(program, rules.source()).into_iter())
        .map(|mutation| {
            let killed =
                !passing.is_empty() && kills(program, &mutation, &passing, &context, &options);
            Mutant { mutation, killed }
        })
        .collect()
}

/// Whether some passing example fails on the mutant.
fn kills(
    program: &ir::Program,
    mutation: &Mutation,
    passing: &[(&ir::Example, Record, &verdict::Verdict)],
    context: &verdict::Context,
    options: &plan::Options,
) -> bool {
    let affected: Vec<usize> = match mutation.place {
        Place::Let(_) => (0..passing.len()).collect(),
        Place::Rule(rule) => {
            let fired = |index: usize| passing[index].2.matched.contains(&rule);
            if mutation.only_where_it_fires() {
                (0..passing.len()).filter(|index| fired(*index)).collect()
            } else {
                let alone = one_rule(program, mutation.rule(program));
                let plan = plan::plan(&alone, options);
                let mut evaluator = Evaluator::new(&plan, context);
                (0..passing.len())
                    .filter(|index| {
                        let fires = !evaluator.eval(&passing[*index].1).matched.is_empty();
                        fires != fired(*index)
                    })
                    .collect()
            }
        }
    };
    if affected.is_empty() {
        return false;
    }
    let mutated = mutation.apply(program);
    let plan: Plan = plan::plan(&mutated, options);
    let mut evaluator = Evaluator::new(&plan, context);
    affected.into_iter().any(|index| {
        let (example, record, _) = &passing[index];
        !super::holds(example, &mutated, evaluator.eval(record))
    })
}

/// A program of one rule (and every let, which it may use), no tiers.
fn one_rule(program: &ir::Program, rule: ir::Rule) -> ir::Program {
    let mut alone = ir::Program {
        has_schema: program.has_schema,
        fields: program.fields.clone(),
        scores: program.scores.clone(),
        rules: vec![rule],
        tiers: Vec::new(),
        lets: program.lets.clone(),
        pred_count: 0,
    };
    alone.number_preds();
    alone
}
