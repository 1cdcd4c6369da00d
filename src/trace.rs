//! The trace: why one record got its verdict, clause by clause, in source order.
//!
//! Built after the fast evaluation, from the checked program and the
//! evaluator's memo: the IR condition trees are walked as the user wrote
//! them (each let use as a named node with the let's shared body), and
//! each test reads the outcome of its plan node by its `ir::PredId`
//! (`plan::Arena::preds`), so the plan is free to share, fold and reorder
//! while explanations keep the user's order. A clause tree is as large as
//! the condition with its lets expanded at every use: that is what an
//! explanation shows. `Skipped` marks what a
//! left-to-right reading does not need: in `a and b` with `a` false, `b`.
//! Plain `eval` never builds any of this.

use crate::eval::Evaluator;
use crate::ir;
use crate::record::{Record, Value};
use crate::source::Span;
use crate::verdict::{Truth, Verdict};

/// A clause's outcome as an explanation shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// It held.
    True,
    /// It did not hold.
    False,
    /// Data was missing, so it could not be told.
    Unknown,
    /// Not needed: an earlier operand already decided, reading left to right.
    Skipped,
}

impl From<Truth> for Outcome {
    fn from(truth: Truth) -> Outcome {
        match truth {
            Truth::True => Outcome::True,
            Truth::False => Outcome::False,
            Truth::Unknown => Outcome::Unknown,
        }
    }
}

impl Outcome {
    /// The word explanations print.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::True => "true",
            Outcome::False => "false",
            Outcome::Unknown => "unknown",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One clause of a condition, with its operands.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The text it came from (inside the let for a let's body).
    pub span: Span,
    /// What it came to.
    pub outcome: Outcome,
    /// What kind of clause, with its operands.
    pub kind: ClauseKind,
}

/// The kinds of clause, mirroring `ir::CondKind`.
#[derive(Debug, Clone, PartialEq)]
pub enum ClauseKind {
    /// All operands, in source order.
    And(Vec<Clause>),
    /// Any operand, in source order.
    Or(Vec<Clause>),
    /// Negation.
    Not(Box<Clause>),
    /// A let used by name, and its expanded body.
    Let {
        /// The let's name.
        name: String,
        /// Its body.
        body: Box<Clause>,
    },
    /// A test, and the value its subject had.
    Test {
        /// The field or score tested.
        subject: ir::Subject,
        /// Its value (a score's once rules are done; missing inside rules).
        value: Value,
    },
}

/// A rule's part of the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTrace {
    /// Index into `ir::Program::rules`.
    pub rule: u32,
    /// Whether it fired (its condition is true).
    pub fired: bool,
    /// Its condition.
    pub clause: Clause,
}

/// A tier's part of the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct TierTrace {
    /// Index into `ir::Program::tiers`.
    pub tier: u32,
    /// True for the tier that decided, false or unknown for those tried
    /// before it, skipped after it (and for all when disqualified).
    pub outcome: Outcome,
    /// Its condition; `None` for `otherwise`.
    pub clause: Option<Clause>,
}

/// Why a record got its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Every rule, in file order.
    pub rules: Vec<RuleTrace>,
    /// Every tier, in file order.
    pub tiers: Vec<TierTrace>,
    /// The disqualify rules that fired, in file order.
    pub disqualified_by: Vec<u32>,
}

/// Scores a record and explains the verdict. The verdict is the fast path's.
pub fn trace(
    evaluator: &mut Evaluator<'_>,
    program: &ir::Program,
    record: &Record,
) -> (Verdict, Trace) {
    let verdict = evaluator.eval(record).clone();
    let mut walker = Walker {
        preds: &evaluator.plan().arena.preds,
        evaluator,
        program,
        record,
        scores: None,
    };
    let rules = (program.rules.iter().enumerate())
        .map(|(index, rule)| {
            let clause = walker.clause(&rule.condition, true);
            RuleTrace {
                rule: index as u32,
                fired: clause.outcome == Outcome::True,
                clause,
            }
        })
        .collect();
    walker.scores = Some(&verdict.scores);
    let tiers = (program.tiers.iter().enumerate())
        .map(|(index, tier)| {
            let tried =
                !verdict.disqualified && verdict.tier.is_none_or(|tier| index as u32 <= tier);
            let clause = tier
                .condition
                .as_ref()
                .map(|cond| walker.clause(cond, tried));
            let outcome = match &clause {
                _ if !tried => Outcome::Skipped,
                Some(clause) => clause.outcome,
                None => Outcome::True,
            };
            TierTrace {
                tier: index as u32,
                outcome,
                clause,
            }
        })
        .collect();
    let disqualified_by = (verdict.matched.iter().copied())
        .filter(|rule| (program.rules.get(*rule as usize)).is_some_and(ir::Rule::disqualifies))
        .collect();
    let trace = Trace {
        rules,
        tiers,
        disqualified_by,
    };
    (verdict, trace)
}

/// Walks condition trees in source order, reading test outcomes from the memo.
struct Walker<'a, 'p> {
    evaluator: &'a mut Evaluator<'p>,
    program: &'a ir::Program,
    record: &'a Record,
    /// `plan::Arena::preds`: the node of each test, by `ir::PredId`.
    preds: &'p [crate::plan::NodeId],
    /// Final scores, once the walk reaches the tiers.
    scores: Option<&'a [i64]>,
}

impl Walker<'_, '_> {
    /// A clause; `needed` is false when an earlier operand already decided.
    fn clause(&mut self, cond: &ir::Cond, needed: bool) -> Clause {
        let (kind, truth) = match &cond.kind {
            ir::CondKind::And(operands) => {
                let (clauses, truth) = self.junction(operands, needed, Truth::False);
                (ClauseKind::And(clauses), truth)
            }
            ir::CondKind::Or(operands) => {
                let (clauses, truth) = self.junction(operands, needed, Truth::True);
                (ClauseKind::Or(clauses), truth)
            }
            ir::CondKind::Not(inner) => {
                let inner = self.clause(inner, needed);
                let truth = truth_of(inner.outcome).map(|truth| !truth);
                (ClauseKind::Not(Box::new(inner)), truth)
            }
            ir::CondKind::Let(id) => {
                let let_ = self.program.let_(*id);
                let body = self.clause(&let_.body, needed);
                let truth = truth_of(body.outcome);
                let name = let_.name.clone();
                let body = Box::new(body);
                (ClauseKind::Let { name, body }, truth)
            }
            ir::CondKind::Pred(pred) => self.test(pred, needed),
        };
        let outcome = match truth {
            Some(truth) if needed => Outcome::from(truth),
            Some(_) | None => Outcome::Skipped,
        };
        Clause {
            span: cond.span,
            outcome,
            kind,
        }
    }

    /// An `and` (decided by a false operand) or an `or` (by a true one).
    fn junction(
        &mut self,
        operands: &[ir::Cond],
        needed: bool,
        decisive: Truth,
    ) -> (Vec<Clause>, Option<Truth>) {
        let mut needed_here = needed;
        let mut acc = !decisive;
        let mut clauses = Vec::with_capacity(operands.len());
        for operand in operands {
            let clause = self.clause(operand, needed_here);
            if let Some(truth) = truth_of(clause.outcome) {
                acc = if decisive == Truth::False {
                    acc.and(truth)
                } else {
                    acc.or(truth)
                };
                needed_here &= truth != decisive;
            }
            clauses.push(clause);
        }
        (clauses, needed.then_some(acc))
    }

    fn test(&mut self, pred: &ir::Pred, needed: bool) -> (ClauseKind, Option<Truth>) {
        let node = self.preds.get(pred.id.0 as usize).copied();
        let truth = node
            .filter(|_| needed)
            .map(|node| self.evaluator.outcome(self.record, node));
        let value = match pred.subject {
            ir::Subject::Field(field) => self.record.get(field).clone(),
            ir::Subject::Score(score) => {
                let total = self.scores.and_then(|scores| scores.get(score.0 as usize));
                total.map_or(Value::Missing, |total| Value::Number(*total as f64))
            }
        };
        let subject = pred.subject;
        (ClauseKind::Test { subject, value }, truth)
    }
}

fn truth_of(outcome: Outcome) -> Option<Truth> {
    match outcome {
        Outcome::True => Some(Truth::True),
        Outcome::False => Some(Truth::False),
        Outcome::Unknown => Some(Truth::Unknown),
        Outcome::Skipped => None,
    }
}
