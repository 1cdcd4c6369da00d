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
//!
//! The walk ([`steps`]) writes the clauses flat, in pre-order, into a
//! [`Steps`] buffer that `eval --explain` reuses from lead to lead, so
//! streaming explanations allocate nothing per lead; the [`Trace`] tree
//! (values cloned, for `icpc explain`, the summary and tests) is built
//! from those steps.

mod walk;

pub use walk::{Step, StepKind, Steps, steps, value};

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

/// A segment's part of the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentTrace {
    /// Index into `ir::Program::segments`.
    pub segment: u32,
    /// True when the lead is in it; false or unknown (not in it); skipped
    /// for a disqualified lead, which is in no segment.
    pub outcome: Outcome,
    /// Its condition.
    pub clause: Clause,
}

/// Why a record got its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Every rule, in file order.
    pub rules: Vec<RuleTrace>,
    /// Every tier, in file order.
    pub tiers: Vec<TierTrace>,
    /// Every segment, in file order.
    pub segments: Vec<SegmentTrace>,
    /// The disqualify rules that fired, in file order.
    pub disqualified_by: Vec<u32>,
    /// The same clauses, flat (what the JSON writer reads).
    pub steps: Steps,
}

/// Scores a record and explains the verdict. The verdict is the fast path's.
pub fn trace(
    evaluator: &mut Evaluator<'_>,
    program: &ir::Program,
    record: &Record,
) -> (Verdict, Trace) {
    let mut steps = Steps::default();
    let verdict = evaluator.eval(record).clone();
    walk::steps(evaluator, program, record, &verdict, &mut steps);
    let tree = Tree {
        steps: &steps,
        program,
        record,
        scores: &verdict.scores,
    };
    let rules = (steps.rules.iter().enumerate())
        .map(|(index, root)| RuleTrace {
            rule: index as u32,
            fired: steps.steps[*root as usize].outcome == Outcome::True,
            clause: tree.clause(*root),
        })
        .collect();
    let tiers = (steps.tiers.iter().enumerate())
        .map(|(index, (outcome, root))| TierTrace {
            tier: index as u32,
            outcome: *outcome,
            clause: root.map(|root| tree.clause(root)),
        })
        .collect();
    let segments = (steps.segments.iter().enumerate())
        .map(|(index, (outcome, root))| SegmentTrace {
            segment: index as u32,
            outcome: *outcome,
            clause: tree.clause(*root),
        })
        .collect();
    let trace = Trace {
        rules,
        tiers,
        segments,
        disqualified_by: steps.disqualified_by.clone(),
        steps,
    };
    (verdict, trace)
}

/// Builds clause trees from flat steps, cloning each test's value.
struct Tree<'a> {
    steps: &'a Steps,
    program: &'a ir::Program,
    record: &'a Record,
    scores: &'a [i64],
}

impl Tree<'_> {
    fn clause(&self, index: u32) -> Clause {
        let step = &self.steps.steps[index as usize];
        let operands = || (self.steps.operands(index)).map(|operand| self.clause(operand));
        let first = || Box::new(self.clause(index + 1));
        let kind = match step.kind {
            StepKind::And => ClauseKind::And(operands().collect()),
            StepKind::Or => ClauseKind::Or(operands().collect()),
            StepKind::Not => ClauseKind::Not(first()),
            StepKind::Let(id) => ClauseKind::Let {
                name: self.program.let_(id).name.clone(),
                body: first(),
            },
            StepKind::Test { subject, scored } => ClauseKind::Test {
                subject,
                value: walk::value(self.record, self.scores, subject, scored).into_owned(),
            },
        };
        Clause {
            span: step.span,
            outcome: step.outcome,
            kind,
        }
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
