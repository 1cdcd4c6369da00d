//! The walk of the trace: every clause of every rule, tier and segment,
//! flat and in pre-order (a clause, then its operands depth first, a let's
//! use before its body), into buffers reused from record to record.
//!
//! Pre-order is the order explanations list clauses in, so a writer reads
//! a condition's clauses as one run of steps; a step's `end` is where its
//! operands stop, so the tree is there without a pointer.

use super::{Outcome, truth_of};
use crate::eval::Evaluator;
use crate::ir;
use crate::record::{Record, Value};
use crate::source::Span;
use crate::verdict::{Truth, Verdict};
use std::borrow::Cow;

/// One clause, without its operands (they follow it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The text it came from (inside the let for a let's body).
    pub span: Span,
    /// What it came to.
    pub outcome: Outcome,
    /// What kind of clause.
    pub kind: StepKind,
    /// The index one past its last operand's steps.
    pub end: u32,
}

/// The kinds of clause, mirroring `ir::CondKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// All operands.
    And,
    /// Any operand.
    Or,
    /// Negation of the one operand.
    Not,
    /// A let used by name; its body is the one operand.
    Let(ir::LetId),
    /// A test of a field or score.
    Test {
        /// What it tests.
        subject: ir::Subject,
        /// Whether the rules were done (a tier's or segment's test), so a
        /// score's value is its final total; inside rules it is missing.
        scored: bool,
    },
}

/// A record's clauses, flat: the steps and where each condition starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Steps {
    /// Every clause, in pre-order.
    pub steps: Vec<Step>,
    /// Per rule in file order: the step of its condition.
    pub rules: Vec<u32>,
    /// Per tier in file order: its outcome and the step of its condition
    /// (`None` for `otherwise`).
    pub tiers: Vec<(Outcome, Option<u32>)>,
    /// Per segment in file order: its outcome and the step of its condition.
    pub segments: Vec<(Outcome, u32)>,
    /// The disqualify rules that fired, in file order.
    pub disqualified_by: Vec<u32>,
}

impl Steps {
    /// The steps of a clause's operands, in order.
    pub fn operands(&self, index: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.steps[index as usize].end;
        let first = (index + 1 < end).then_some(index + 1);
        std::iter::successors(first, move |operand| {
            let next = self.steps[*operand as usize].end;
            (next < end).then_some(next)
        })
    }
}

/// Walks the trace of `record` into `steps` (cleared first), right after
/// `evaluator.eval(record)` gave `verdict`: test outcomes are read from the
/// evaluator's memo of that run.
pub fn steps(
    evaluator: &mut Evaluator<'_>,
    program: &ir::Program,
    record: &Record,
    verdict: &Verdict,
    steps: &mut Steps,
) {
    let mut walker = Walker {
        preds: &evaluator.plan().arena.preds,
        evaluator,
        program,
        record,
        steps: std::mem::take(&mut steps.steps),
        scored: false,
    };
    walker.steps.clear();
    steps.rules.clear();
    for rule in &program.rules {
        steps.rules.push(walker.steps.len() as u32);
        walker.clause(&rule.condition, true);
    }
    walker.scored = true;
    steps.tiers.clear();
    for (index, tier) in program.tiers.iter().enumerate() {
        let tried = !verdict.disqualified && verdict.tier.is_none_or(|tier| index as u32 <= tier);
        let root = tier.condition.as_ref().map(|cond| {
            let root = walker.steps.len() as u32;
            (root, walker.clause(cond, tried))
        });
        let outcome = match root {
            _ if !tried => Outcome::Skipped,
            Some((_, outcome)) => outcome,
            None => Outcome::True,
        };
        steps.tiers.push((outcome, root.map(|(root, _)| root)));
    }
    steps.segments.clear();
    for segment in &program.segments {
        let root = walker.steps.len() as u32;
        let outcome = walker.clause(&segment.condition, !verdict.disqualified);
        let outcome = if verdict.disqualified {
            Outcome::Skipped
        } else {
            outcome
        };
        steps.segments.push((outcome, root));
    }
    steps.steps = walker.steps;
    steps.disqualified_by.clear();
    steps
        .disqualified_by
        .extend((verdict.matched.iter().copied()).filter(|rule| {
            (program.rules.get(*rule as usize)).is_some_and(ir::Rule::disqualifies)
        }));
}

/// The value a test saw: the record's field, or a score's final total
/// (missing inside rules, before scores are final).
pub fn value<'r>(
    record: &'r Record,
    scores: &[i64],
    subject: ir::Subject,
    scored: bool,
) -> Cow<'r, Value> {
    match subject {
        ir::Subject::Field(field) => Cow::Borrowed(record.get(field)),
        ir::Subject::Score(score) => Cow::Owned(
            (scores.get(score.0 as usize))
                .filter(|_| scored)
                .map_or(Value::Missing, |total| Value::Number(*total as f64)),
        ),
    }
}

/// Walks condition trees in source order, reading test outcomes from the memo.
struct Walker<'a, 'p> {
    evaluator: &'a mut Evaluator<'p>,
    /// `plan::Arena::preds`: the node of each test, by `ir::PredId`.
    preds: &'p [crate::plan::NodeId],
    program: &'a ir::Program,
    record: &'a Record,
    steps: Vec<Step>,
    /// Whether the walk is past the rules (scores are final).
    scored: bool,
}

impl Walker<'_, '_> {
    /// Writes a clause's steps and returns its outcome; `needed` is false
    /// when an earlier operand already decided.
    fn clause(&mut self, cond: &ir::Cond, needed: bool) -> Outcome {
        let index = self.steps.len();
        self.steps.push(Step {
            span: cond.span,
            outcome: Outcome::Skipped,
            kind: StepKind::And,
            end: 0,
        });
        let program = self.program;
        let (kind, truth) = match &cond.kind {
            ir::CondKind::And(operands) => {
                (StepKind::And, self.junction(operands, needed, Truth::False))
            }
            ir::CondKind::Or(operands) => {
                (StepKind::Or, self.junction(operands, needed, Truth::True))
            }
            ir::CondKind::Not(inner) => {
                let truth = truth_of(self.clause(inner, needed)).map(|truth| !truth);
                (StepKind::Not, truth)
            }
            ir::CondKind::Let(id) => {
                let truth = truth_of(self.clause(&program.let_(*id).body, needed));
                (StepKind::Let(*id), truth)
            }
            ir::CondKind::Pred(pred) => {
                let kind = StepKind::Test {
                    subject: pred.subject,
                    scored: self.scored,
                };
                (kind, self.test(pred, needed))
            }
        };
        let outcome = match truth {
            Some(truth) if needed => Outcome::from(truth),
            Some(_) | None => Outcome::Skipped,
        };
        let end = self.steps.len() as u32;
        self.steps[index] = Step {
            span: cond.span,
            outcome,
            kind,
            end,
        };
        outcome
    }

    /// An `and` (decided by a false operand) or an `or` (by a true one).
    fn junction(&mut self, operands: &[ir::Cond], needed: bool, decisive: Truth) -> Option<Truth> {
        let mut needed_here = needed;
        let mut acc = !decisive;
        for operand in operands {
            if let Some(truth) = truth_of(self.clause(operand, needed_here)) {
                acc = if decisive == Truth::False {
                    acc.and(truth)
                } else {
                    acc.or(truth)
                };
                needed_here &= truth != decisive;
            }
        }
        needed.then_some(acc)
    }

    fn test(&mut self, pred: &ir::Pred, needed: bool) -> Option<Truth> {
        let node = self.preds.get(pred.id.0 as usize).copied();
        node.filter(|_| needed)
            .map(|node| self.evaluator.outcome(self.record, node))
    }
}
