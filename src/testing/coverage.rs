//! Coverage: what the examples exercise, goal by goal. For every rule, an
//! example where it fires and one where it does not; for every comparison,
//! range and `within`, an example on each side of each boundary (for
//! `employees 10..1000`: 9, 10, 1000 and 1001); for every `in`/`has` list
//! a member and a non-member; for every other test a true and a false
//! case; for every test the unknown case (its field missing); every tier
//! reached. Each goal points at the text it is about.
//!
//! A boundary is judged on the example's value, one step (1, or one day)
//! from the threshold: "just below 10" is a value in `[9, 10)`. Truth goals
//! read the predicate's outcome off the evaluator, so they mean exactly
//! what the plan computes.

mod goals;

pub use goals::{Goal, GoalKind, Side, goals};

use super::Run;
use crate::RuleSet;
use crate::eval::Evaluator;
use crate::ir;
use crate::record::{Record, Value};
use crate::trace::Outcome;
use crate::verdict::{Truth, Verdict};

/// One file's goals and which of them the examples met.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// Every goal, in source order.
    pub goals: Vec<Goal>,
    /// `covered[i]`: whether an example met `goals[i]`.
    pub covered: Vec<bool>,
}

impl Coverage {
    /// How many goals an example met.
    pub fn met(&self) -> usize {
        self.covered.iter().filter(|covered| **covered).count()
    }

    /// The goals no example met, in source order.
    pub fn uncovered(&self) -> impl Iterator<Item = &Goal> {
        (self.goals.iter().zip(&self.covered))
            .filter(|(_, covered)| !**covered)
            .map(|(goal, _)| goal)
    }

    /// The share of goals met, in percent (100 for a file without goals).
    pub fn percent(&self) -> f64 {
        percent(self.met(), self.goals.len())
    }
}

/// `met / total` in percent; 100 when there is nothing to meet.
pub fn percent(met: usize, total: usize) -> f64 {
    if total == 0 {
        100.0
    } else {
        met as f64 * 100.0 / total as f64
    }
}

/// What one example showed: its record, verdict and every predicate's outcome.
struct Facts<'a> {
    record: &'a Record,
    verdict: &'a Verdict,
    truths: Vec<Truth>,
}

/// Measures the coverage of the examples of `run` (every example counts,
/// passing or not: coverage is about what was exercised).
pub fn measure(rules: &RuleSet, run: &Run) -> Coverage {
    let program = rules.program();
    let goals = goals(program, rules.source(), run.as_of);
    let mut covered = vec![false; goals.len()];
    let mut evaluator = super::evaluator(rules, run);
    for result in &run.results {
        let record = super::record(rules, &rules.suite().examples[result.example]);
        let facts = facts(&mut evaluator, program, &record, &result.verdict);
        for (goal, covered) in goals.iter().zip(covered.iter_mut()) {
            *covered = *covered || meets(goal, &facts);
        }
    }
    Coverage { goals, covered }
}

/// Whether `record`, scored `verdict` by `evaluator`'s plan, meets `goal`.
pub fn met_by(
    goal: &Goal,
    program: &ir::Program,
    evaluator: &mut Evaluator<'_>,
    record: &Record,
    verdict: &Verdict,
) -> bool {
    meets(goal, &facts(evaluator, program, record, verdict))
}

fn facts<'a>(
    evaluator: &mut Evaluator<'_>,
    program: &ir::Program,
    record: &'a Record,
    verdict: &'a Verdict,
) -> Facts<'a> {
    evaluator.eval(record);
    let preds = &evaluator.plan().arena.preds;
    let truths = (0..program.pred_count as usize)
        .map(|id| match preds.get(id) {
            Some(node) => evaluator.outcome(record, *node),
            None => Truth::Unknown,
        })
        .collect();
    Facts {
        record,
        verdict,
        truths,
    }
}

fn meets(goal: &Goal, facts: &Facts<'_>) -> bool {
    match &goal.kind {
        GoalKind::Fires { rule, fires } => facts.verdict.matched.contains(rule) == *fires,
        GoalKind::Tier(tier) => !facts.verdict.disqualified && facts.verdict.tier == Some(*tier),
        GoalKind::Segment { segment, member } => {
            facts.verdict.segments.contains(segment) == *member
        }
        GoalKind::Truth { pred, outcome } => {
            Outcome::from(facts.truths[pred.0 as usize]) == *outcome
        }
        GoalKind::Boundary {
            field,
            threshold,
            side,
        } => number(facts.record.get(*field)).is_some_and(|value| side.holds(value, *threshold)),
    }
}

/// A number or date value as a number, for boundaries.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => Some(*number),
        Value::Date(day) => Some(f64::from(*day)),
        Value::Missing | Value::Text(_) | Value::Bool(_) | Value::List(_) | Value::Present(_) => {
            None
        }
    }
}
