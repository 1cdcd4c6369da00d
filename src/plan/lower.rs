//! Lowering: `ir::Program` conditions to a plan arena, node for node.
//!
//! No sharing or simplification happens here (the passes do that), so
//! with every pass off the arena is the program's condition trees as
//! written, except that a let's body is lowered once per phase and every
//! use points at it, as in the IR. Literals become the typed tests of
//! [`Test`], text folded once. Each predicate's node is recorded at its
//! `ir::PredId` in [`Arena::preds`].
//! A score tested in a rule condition reads as missing (scores are only
//! final after the rules), which lowers to a constant.

use super::rewrite::Builder;
use super::{Arena, Node, NodeId, Num, Test};
use crate::ast::CompareOp;
use crate::ir;
use crate::semantics;
use crate::verdict::Truth;
use rustc_hash::FxHashMap;

/// Whether a condition belongs to a rule, or to a tier or segment (which
/// read the final scores).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Phase {
    Rule,
    Tier,
}

struct Lowering<'p> {
    program: &'p ir::Program,
    builder: Builder,
    preds: Vec<Option<NodeId>>,
    /// Each let's root, per phase, once lowered.
    lets: FxHashMap<(ir::LetId, Phase), NodeId>,
}

/// Lowers every rule and tier condition, in file order.
pub(super) fn lower(program: &ir::Program) -> Arena {
    let mut lowering = Lowering {
        program,
        builder: Builder::new(false),
        preds: vec![None; program.pred_count as usize],
        lets: FxHashMap::default(),
    };
    let rules = (program.rules.iter())
        .map(|rule| lowering.cond(&rule.condition, Phase::Rule))
        .collect();
    let tiers = (program.tiers.iter())
        .map(|tier| {
            tier.condition
                .as_ref()
                .map(|cond| lowering.cond(cond, Phase::Tier))
        })
        .collect();
    let segments = (program.segments.iter())
        .map(|segment| lowering.cond(&segment.condition, Phase::Tier))
        .collect();
    // A predicate that nothing reaches (only in hand-built programs) is
    // never traced; it still needs a node.
    let mut unreached = None;
    let preds = (lowering.preds.into_iter())
        .map(|node| {
            node.unwrap_or_else(|| {
                *unreached.get_or_insert_with(|| lowering.builder.add(Node::Const(Truth::Unknown)))
            })
        })
        .collect();
    Arena {
        nodes: lowering.builder.into_nodes(),
        rules,
        tiers,
        segments,
        preds,
        shared: false,
    }
}

impl Lowering<'_> {
    fn cond(&mut self, cond: &ir::Cond, phase: Phase) -> NodeId {
        match &cond.kind {
            ir::CondKind::And(operands) => {
                let operands = operands
                    .iter()
                    .map(|operand| self.cond(operand, phase))
                    .collect();
                self.builder.add(Node::And(operands))
            }
            ir::CondKind::Or(operands) => {
                let operands = operands
                    .iter()
                    .map(|operand| self.cond(operand, phase))
                    .collect();
                self.builder.add(Node::Or(operands))
            }
            ir::CondKind::Not(inner) => {
                let inner = self.cond(inner, phase);
                self.builder.add(Node::Not(inner))
            }
            ir::CondKind::Let(id) => {
                if let Some(root) = self.lets.get(&(*id, phase)) {
                    return *root;
                }
                let root = self.cond(&self.program.let_(*id).body, phase);
                self.lets.insert((*id, phase), root);
                root
            }
            ir::CondKind::Pred(pred) => {
                let id = match (pred.subject, phase) {
                    (ir::Subject::Score(_), Phase::Rule) => self.missing(&pred.test),
                    (subject, Phase::Rule | Phase::Tier) => self.pred(subject, &pred.test),
                };
                if let Some(slot) = self.preds.get_mut(pred.id.0 as usize) {
                    *slot = Some(id);
                }
                id
            }
        }
    }

    /// The constant outcome of a test on a value known to be missing.
    fn missing(&mut self, test: &ir::PredTest) -> NodeId {
        let truth = semantics::on_missing(test);
        self.builder.add(Node::Const(truth))
    }

    fn pred(&mut self, subject: ir::Subject, test: &ir::PredTest) -> NodeId {
        let test = match test {
            ir::PredTest::Compare(op, literal) => return self.compare(subject, *op, literal),
            ir::PredTest::In { values, negated } => return self.member(subject, values, *negated),
            ir::PredTest::Range(low, high) => return self.range(subject, low, high),
            ir::PredTest::Missing(missing) => Test::Missing(*missing),
            ir::PredTest::HasAny(items) => Test::HasAny(folded_set(items)),
            ir::PredTest::HasAll(items) => Test::HasAll(folded_set(items)),
            ir::PredTest::Text(op, needle) => Test::Affix(*op, semantics::fold(needle).into()),
            ir::PredTest::Matches {
                pattern,
                case_insensitive,
            } => Test::Matches {
                pattern: pattern.as_str().into(),
                case_insensitive: *case_insensitive,
                set: None,
            },
            ir::PredTest::Within(days) => Test::Within(*days),
        };
        self.builder.add(Node::Test(subject, test))
    }

    fn compare(&mut self, subject: ir::Subject, op: CompareOp, literal: &ir::Literal) -> NodeId {
        let test = match literal {
            ir::Literal::Number(number) => Test::Number(op, Num::new(*number)),
            ir::Literal::Text(text) => Test::Text(op, semantics::fold(text).into()),
            ir::Literal::Bool(value) => Test::Bool(op, *value),
            ir::Literal::Date(date) => Test::Date(op, *date),
        };
        self.builder.add(Node::Test(subject, test))
    }

    /// `x in [..]` is `x == a or x == b ...`: text literals become one set,
    /// other literals equality tests. `x in []` is false, or unknown when
    /// `x` is missing: `x is missing and unknown`.
    fn member(&mut self, subject: ir::Subject, values: &[ir::Literal], negated: bool) -> NodeId {
        let texts: Vec<&String> = (values.iter())
            .filter_map(|literal| match literal {
                ir::Literal::Text(text) => Some(text),
                ir::Literal::Number(_) | ir::Literal::Bool(_) | ir::Literal::Date(_) => None,
            })
            .collect();
        let mut operands = Vec::new();
        if !texts.is_empty() {
            operands.push(
                self.builder
                    .add(Node::Test(subject, Test::TextIn(folded_set(texts)))),
            );
        }
        for literal in values {
            if !matches!(literal, ir::Literal::Text(_)) {
                operands.push(self.compare(subject, CompareOp::Eq, literal));
            }
        }
        let any = match operands.as_slice() {
            [] => {
                let missing = self.builder.add(Node::Test(subject, Test::Missing(true)));
                let unknown = self.builder.add(Node::Const(Truth::Unknown));
                self.builder.add(Node::And(vec![missing, unknown]))
            }
            [only] => *only,
            [_, _, ..] => self.builder.add(Node::Or(operands)),
        };
        if negated {
            self.builder.add(Node::Not(any))
        } else {
            any
        }
    }

    /// `low..high` is `x >= low and x <= high`, one test for numbers.
    fn range(&mut self, subject: ir::Subject, low: &ir::Literal, high: &ir::Literal) -> NodeId {
        if let (ir::Literal::Number(low), ir::Literal::Number(high)) = (low, high) {
            let test = Test::NumberRange(Num::new(*low), Num::new(*high));
            return self.builder.add(Node::Test(subject, test));
        }
        let low = self.compare(subject, CompareOp::Ge, low);
        let high = self.compare(subject, CompareOp::Le, high);
        self.builder.add(Node::And(vec![low, high]))
    }
}

/// Case-folded, sorted, without duplicates.
fn folded_set<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Vec<Box<str>> {
    let mut folded: Vec<Box<str>> = items
        .into_iter()
        .map(|item| semantics::fold(item.as_ref()).into())
        .collect();
    folded.sort_unstable();
    folded.dedup();
    folded
}
