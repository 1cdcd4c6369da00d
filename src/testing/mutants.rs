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
mod enumerate;

pub use change::{Mutation, Place};
pub use enumerate::mutations;

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
    let passing: Vec<Passing<'_>> = (run.results.iter())
        .filter(|result| result.passed())
        .map(|result| {
            let example = &suite.examples[result.example];
            Passing {
                example,
                record: super::record(rules, example),
                verdict: &result.verdict,
            }
        })
        .collect();
    let mut judge = Judge {
        program,
        passing: &passing,
        context,
        options: plan::Options::default(),
        evaluator: rules.evaluator(&context),
    };
    (mutations(program, rules.source()).into_iter())
        .map(|mutation| {
            let killed = !passing.is_empty() && judge.kills(&mutation);
            Mutant { mutation, killed }
        })
        .collect()
}

/// An example that passes on the rules, its record and its verdict.
struct Passing<'a> {
    example: &'a ir::Example,
    record: Record,
    verdict: &'a verdict::Verdict,
}

struct Judge<'a> {
    program: &'a ir::Program,
    passing: &'a [Passing<'a>],
    context: verdict::Context,
    options: plan::Options,
    /// On the rules' own plan: tiers from changed firings.
    evaluator: Evaluator<'a>,
}

impl Judge<'_> {
    /// Whether some passing example fails on the mutant.
    fn kills(&mut self, mutation: &Mutation) -> bool {
        match mutation.place {
            Place::Let(_) => self.kills_on_whole_plan(mutation),
            Place::Rule(rule) => self.kills_by_rule(mutation, rule),
        }
    }

    fn kills_on_whole_plan(&self, mutation: &Mutation) -> bool {
        let mutated = mutation.apply(self.program);
        let plan: Plan = plan::plan(&mutated, &self.options);
        let mut evaluator = Evaluator::new(&plan, &self.context);
        (self.passing.iter()).any(|passing| {
            !super::holds(passing.example, &mutated, evaluator.eval(&passing.record))
        })
    }

    /// A mutant of one rule: where its firing changes (or, for its effect,
    /// where it fires), the verdict is rebuilt from the other rules'
    /// firings, which the mutant does not touch.
    fn kills_by_rule(&mut self, mutation: &Mutation, rule: u32) -> bool {
        let mutated = mutation.rule(self.program);
        let mut alone: Option<(Plan, ir::Program)> = None;
        for passing in self.passing {
            let fired = passing.verdict.matched.contains(&rule);
            let fires = if mutation.only_where_it_fires() {
                if !fired {
                    continue;
                }
                mutation.still_fires()
            } else {
                let (plan, _) = alone.get_or_insert_with(|| {
                    let program = one_rule(self.program, mutated.clone());
                    (plan::plan(&program, &self.options), program)
                });
                let mut evaluator = Evaluator::new(plan, &self.context);
                !evaluator.eval(&passing.record).matched.is_empty()
            };
            if fires == fired && !mutation.only_where_it_fires() {
                continue;
            }
            let others = passing
                .verdict
                .matched
                .iter()
                .filter(|index| **index != rule);
            let mut firing: Vec<(u32, &[ir::Effect])> = others
                .map(|index| (*index, &self.program.rules[*index as usize].effects[..]))
                .collect();
            if fires {
                firing.push((rule, &mutated.effects));
                firing.sort_by_key(|(index, _)| *index);
            }
            let verdict = self.evaluator.verdict_of(&passing.record, &firing);
            if !super::holds(passing.example, self.program, verdict) {
                return true;
            }
        }
        false
    }
}

/// A program of one rule and the lets it uses (renumbered), no tiers.
fn one_rule(program: &ir::Program, mut rule: ir::Rule) -> ir::Program {
    let mut needed = vec![false; program.lets.len()];
    mark_lets(program, &rule.condition, &mut needed);
    let mut renumbered = vec![ir::LetId(0); program.lets.len()];
    let mut lets = Vec::new();
    for (index, let_) in program.lets.iter().enumerate() {
        if needed[index] {
            renumbered[index] = ir::LetId(lets.len() as u32);
            let mut let_ = let_.clone();
            renumber_lets(&mut let_.body, &renumbered);
            lets.push(let_);
        }
    }
    renumber_lets(&mut rule.condition, &renumbered);
    let mut alone = ir::Program {
        has_schema: program.has_schema,
        fields: program.fields.clone(),
        scores: program.scores.clone(),
        rules: vec![rule],
        tiers: Vec::new(),
        lets,
        pred_count: 0,
    };
    alone.number_preds();
    alone
}

/// Marks the lets `cond` uses, and the lets they use.
fn mark_lets(program: &ir::Program, cond: &ir::Cond, needed: &mut [bool]) {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| mark_lets(program, operand, needed));
        }
        ir::CondKind::Not(inner) => mark_lets(program, inner, needed),
        ir::CondKind::Let(id) => {
            if !needed[id.0 as usize] {
                needed[id.0 as usize] = true;
                mark_lets(program, &program.let_(*id).body, needed);
            }
        }
        ir::CondKind::Pred(_) => {}
    }
}

fn renumber_lets(cond: &mut ir::Cond, renumbered: &[ir::LetId]) {
    match &mut cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands
                .iter_mut()
                .for_each(|operand| renumber_lets(operand, renumbered));
        }
        ir::CondKind::Not(inner) => renumber_lets(inner, renumbered),
        ir::CondKind::Let(id) => *id = renumbered[id.0 as usize],
        ir::CondKind::Pred(_) => {}
    }
}
