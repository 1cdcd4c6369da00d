//! The rule phase in one sweep: every node a rule reaches, computed field
//! by field, then node by node (`plan::dispatch`).
//!
//! Each field's value is read once; its text is folded once for all its
//! `==`/`!=`/`in` and affix tests; a hash lookup flips the `in` tests that
//! name it; one Aho-Corasick scan finds every affix that occurs; each list
//! item is looked up once for all `has any`/`has all` tests; number, date
//! and boolean comparisons read the value in place. Regexes go through
//! [`Evaluator::outcome`], which runs a field's regex set once. The
//! and/or/not nodes then take the minimum, maximum or negation of their
//! operands' outcomes (`False < Unknown < True`), children first, so no node
//! is visited twice and no branch depends on an outcome. What each test
//! means is still `semantics`': the indexes only find which tests a value
//! can flip.

use super::batch::cells;
use super::check::compare;
use super::{Evaluator, Swept};
use crate::ast::TextOp;
use crate::ir;
use crate::plan::NodeId;
use crate::plan::dispatch::{AffixIndex, EqualIndex, FieldTests, MemberIndex, StepKind};
use crate::record::{Record, Value};
use crate::semantics::fold_into;
use crate::verdict::Truth;

/// What a score reads as while rules run.
const MISSING: Value = Value::Missing;

impl<'p> Evaluator<'p> {
    /// Computes every node rules reach, for `record`.
    pub(super) fn sweep(&mut self, record: &Record) {
        self.leaves(record);
        let dispatch = &self.plan.compiled.dispatch;
        let truth = &mut self.truth[..];
        // Kleene `and` is the minimum and `or` the maximum of `False <
        // Unknown < True`, taken on the discriminants so that the loop has
        // no branch.
        let rank = |truth: &[Truth], operand: &NodeId| truth[operand.0 as usize] as u8;
        for step in &dispatch.steps {
            let operands = |start: u32, end: u32| &dispatch.operands[start as usize..end as usize];
            let outcome = match step.kind {
                StepKind::Const(outcome) => outcome,
                StepKind::And(start, end) => from_rank(
                    (operands(start, end).iter()).fold(Truth::True as u8, |acc, operand| {
                        acc.min(rank(truth, operand))
                    }),
                ),
                StepKind::Or(start, end) => from_rank(
                    (operands(start, end).iter()).fold(Truth::False as u8, |acc, operand| {
                        acc.max(rank(truth, operand))
                    }),
                ),
                StepKind::Not(inner) => !truth[inner.0 as usize],
            };
            truth[step.node.0 as usize] = outcome;
        }
        self.swept = Swept::Record;
    }

    /// Every leaf test rules reach, for `record`, written where `self.at`
    /// says.
    pub(super) fn leaves(&mut self, record: &Record) {
        for tests in &self.plan.compiled.dispatch.fields {
            self.field(record, tests);
        }
    }

    /// Every rule-phase test of one field.
    fn field(&mut self, record: &Record, tests: &'p FieldTests) {
        let value = match tests.subject {
            ir::Subject::Field(field) => record.get(field),
            ir::Subject::Score(_) => &MISSING,
        };
        if tests.equal.is_some() || tests.affixes.is_some() {
            self.text(value, tests.equal.as_ref(), tests.affixes.as_ref());
        }
        if let Some(members) = &tests.members {
            self.members(value, members);
        }
        let at = self.at;
        let truth = cells(&mut self.truth, &mut self.lanes, at);
        for (node, test) in &tests.compares {
            truth[at.index(*node)] = compare(test, value, self.as_of);
        }
        for node in &tests.single {
            let outcome = self.outcome(record, *node);
            cells(&mut self.truth, &mut self.lanes, at)[at.index(*node)] = outcome;
        }
    }

    /// The equality and affix tests of a field, its text folded once.
    fn text(&mut self, value: &Value, equal: Option<&'p EqualIndex>, affixes: Option<&AffixIndex>) {
        let at = self.at;
        let truth = cells(&mut self.truth, &mut self.lanes, at);
        let set = |truth: &mut [Truth], node: NodeId, outcome: Truth| {
            truth[at.index(node)] = outcome;
        };
        let Value::Text(text) = value else {
            let equal = equal.into_iter().flat_map(|index| &index.leaves);
            for (node, _) in equal {
                set(truth, *node, Truth::Unknown);
            }
            for node in affixes.into_iter().flat_map(|index| &index.leaves) {
                set(truth, *node, Truth::Unknown);
            }
            return;
        };
        let folded = fold_into(&mut self.folded, text);
        if let Some(index) = equal {
            for (node, miss) in &index.leaves {
                set(truth, *node, *miss);
            }
            for leaf in index.hits.get(folded).into_iter().flatten() {
                let (node, miss) = index.leaves[*leaf as usize];
                set(truth, node, !miss);
            }
        }
        if let Some(index) = affixes {
            for node in &index.leaves {
                set(truth, *node, Truth::False);
            }
            for found in index.automaton.find_overlapping_iter(folded) {
                for (leaf, op) in &index.patterns[found.pattern().as_usize()] {
                    let holds = match op {
                        TextOp::Contains => true,
                        TextOp::StartsWith => found.start() == 0,
                        TextOp::EndsWith => found.end() == folded.len(),
                    };
                    if holds {
                        set(truth, index.leaves[*leaf as usize], Truth::True);
                    }
                }
            }
        }
    }

    /// The `has any` / `has all` tests of a field, each item looked up once.
    fn members(&mut self, value: &Value, index: &MemberIndex) {
        let at = self.at;
        let truth = cells(&mut self.truth, &mut self.lanes, at);
        let Value::List(list) = value else {
            for (node, ..) in &index.leaves {
                truth[at.index(*node)] = Truth::Unknown;
            }
            return;
        };
        let seen = &mut self.seen;
        seen.clear();
        seen.resize(index.leaves.len(), 0);
        for item in list {
            let folded = fold_into(&mut self.folded, item);
            for (leaf, bit) in index.items.get(folded).into_iter().flatten() {
                seen[*leaf as usize] |= 1 << bit;
            }
        }
        for ((node, all, count), seen) in index.leaves.iter().zip(seen.iter()) {
            let holds = match all {
                true => *seen == every_bit(*count),
                false => *seen != 0,
            };
            truth[at.index(*node)] = Truth::from_bool(holds);
        }
    }
}

/// The truth whose discriminant is `rank`.
fn from_rank(rank: u8) -> Truth {
    match rank {
        0 => Truth::False,
        1 => Truth::Unknown,
        _ => Truth::True,
    }
}

/// The bitmask of a `has all` whose `count` items (at most 64) were all seen.
fn every_bit(count: u32) -> u64 {
    match count {
        0 => 0,
        count => u64::MAX >> (64 - count.min(64)),
    }
}
