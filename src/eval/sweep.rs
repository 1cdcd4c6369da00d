//! The rule phase in one sweep: every node a rule reaches, computed field
//! by field, then node by node (`plan::dispatch`).
//!
//! Each field's value is read once; its text is folded once for all its
//! `==`/`!=`/`in` and affix tests; a hash lookup flips the `in` tests that
//! name it; one Aho-Corasick scan finds every affix that occurs; each list
//! item is looked up once for all `has any`/`has all` tests; a number (a
//! date's age) is searched once in its field's threshold table for all its
//! comparisons (`within` tests); word alternations are looked up once per
//! word of ASCII text; date and boolean comparisons read the value in
//! place. The other regexes of a field run in its regex set, once. The
//! and/or/not nodes then take the minimum, maximum or negation of their
//! operands' outcomes (`False < Unknown < True`), children first, so no node
//! is visited twice and no branch depends on an outcome. What each test
//! means is still `semantics`': the indexes only find which tests a value
//! can flip.
//!
//! The leaf tests write through an [`Out`]: one record's outcomes into the
//! evaluator's `truth`, or one lane of a batch's bit words (`batch`), which
//! skips the outcomes that follow from the value's kind alone.

use super::batch::Lanes;
use super::check::compare;
use super::{Evaluator, Swept};
use crate::ir;
use crate::plan::NodeId;
use crate::plan::compile::Exec;
use crate::plan::dispatch::{
    AffixIndex, EqualIndex, FieldTests, MemberIndex, NumberIndex, RegexIndex, StepKind,
};
use crate::plan::words::Words;
use crate::record::{Record, Value};
use crate::semantics::fold_into;
use crate::verdict::Truth;

/// What a score reads as while rules run.
const MISSING: Value = Value::Missing;

/// Where the leaf tests of one record write their outcomes.
pub(super) trait Out: Copy {
    /// Whether every outcome is written, also those that follow from the
    /// value's kind alone: a text no `in` test names (the test's miss), a
    /// list that lacks a `has` test's items (false), a value of another
    /// kind (unknown). A batch writes only hits and derives the rest per
    /// field from the lanes that held text or a list (`Lanes::derive`).
    const EVERY: bool;

    /// `node`'s outcome.
    fn put(self, truth: &mut [Truth], lanes: &mut Lanes, node: NodeId, outcome: Truth);

    /// Each of `nodes` gets `outcome`, if every outcome is written: the
    /// outcomes that follow from a value's kind alone.
    #[inline]
    fn put_every(self, truth: &mut [Truth], lanes: &mut Lanes, nodes: &[NodeId], outcome: Truth) {
        if Self::EVERY {
            for node in nodes {
                self.put(truth, lanes, *node, outcome);
            }
        }
    }

    /// Field `field` (an index into `Dispatch::fields`) holds a value of
    /// this kind.
    fn kind(self, lanes: &mut Lanes, field: usize, kind: Kind);
}

/// The kinds of value whose misses a batch derives.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    /// Text.
    Text,
    /// A list.
    List,
    /// A number, not NaN.
    Number,
    /// A date.
    Date,
}

/// One record: outcomes into the evaluator's `truth`, by node.
#[derive(Debug, Clone, Copy)]
pub(super) struct One;

impl Out for One {
    const EVERY: bool = true;

    #[inline]
    fn put(self, truth: &mut [Truth], _: &mut Lanes, node: NodeId, outcome: Truth) {
        truth[node.0 as usize] = outcome;
    }

    #[inline]
    fn kind(self, _: &mut Lanes, _: usize, _: Kind) {}
}

impl<'p> Evaluator<'p> {
    /// Computes every node rules reach, for `record`.
    pub(super) fn sweep(&mut self, record: &Record) {
        self.leaves(record, One);
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

    /// Every leaf test rules reach, for `record`, written through `out`.
    pub(super) fn leaves<O: Out>(&mut self, record: &Record, out: O) {
        let fields = &self.plan.compiled.dispatch.fields;
        for (field, tests) in fields.iter().enumerate() {
            self.field(record, field, tests, out);
        }
    }

    /// Every rule-phase test of one field.
    fn field<O: Out>(&mut self, record: &Record, field: usize, tests: &'p FieldTests, out: O) {
        let value = match tests.subject {
            ir::Subject::Field(field) => record.get(field),
            ir::Subject::Score(_) => &MISSING,
        };
        if tests.equal.is_some() || tests.affixes.is_some() {
            self.text(value, field, tests, out);
        }
        if let Some(members) = &tests.members {
            self.members(value, field, members, out);
        }
        if let Some(words) = &tests.words {
            self.words(value, field, words, out);
        }
        if let Some(regexes) = &tests.regexes {
            self.regexes(value, field, regexes, out);
        }
        if let Some(numbers) = &tests.numbers {
            let number = match value {
                Value::Number(number) if !number.is_nan() => Some(*number),
                Value::Missing
                | Value::Number(_)
                | Value::Text(_)
                | Value::Bool(_)
                | Value::Date(_)
                | Value::List(_)
                | Value::Present(_) => None,
            };
            self.table(number, field, Kind::Number, numbers, out);
        }
        if let Some(ages) = &tests.ages {
            let age = match value {
                Value::Date(date) => Some(f64::from(self.as_of) - f64::from(*date)),
                Value::Missing
                | Value::Number(_)
                | Value::Text(_)
                | Value::Bool(_)
                | Value::List(_)
                | Value::Present(_) => None,
            };
            self.table(age, field, Kind::Date, ages, out);
        }
        for (node, test) in &tests.compares {
            let outcome = compare(test, value, self.as_of);
            out.put(&mut self.truth, &mut self.lanes, *node, outcome);
        }
        for node in &tests.single {
            let outcome = match &self.plan.compiled.exec[node.0 as usize] {
                Exec::Test(_, check) => self.check(check, value),
                Exec::Const(_) | Exec::And(_) | Exec::Or(_) | Exec::Not(_) => {
                    self.outcome(record, *node)
                }
            };
            out.put(&mut self.truth, &mut self.lanes, *node, outcome);
        }
    }

    /// The equality and affix tests of a field, its text folded once.
    fn text<O: Out>(&mut self, value: &Value, field: usize, tests: &'p FieldTests, out: O) {
        let (equal, affixes) = (tests.equal.as_ref(), tests.affixes.as_ref());
        let Value::Text(text) = value else {
            if O::EVERY {
                let equal = equal.into_iter().flat_map(|index| &index.leaves);
                let affixes = affixes.into_iter().flat_map(|index| &index.leaves);
                for node in equal.map(|(node, _)| node).chain(affixes) {
                    out.put(&mut self.truth, &mut self.lanes, *node, Truth::Unknown);
                }
            }
            return;
        };
        out.kind(&mut self.lanes, field, Kind::Text);
        let (truth, lanes) = (&mut self.truth[..], &mut self.lanes);
        let folded = fold_into(&mut self.folded, text);
        if let Some(index) = equal {
            equal_tests(index, folded, out, truth, lanes);
        }
        if let Some(index) = affixes {
            affix_tests(index, folded, out, truth, lanes);
        }
    }

    /// The `matches` tests of a field that share its regex set, which runs
    /// once: false, but those whose pattern it finds.
    fn regexes<O: Out>(&mut self, value: &Value, field: usize, index: &RegexIndex, out: O) {
        let Value::Text(text) = value else {
            out.put_every(
                &mut self.truth,
                &mut self.lanes,
                &index.leaves,
                Truth::Unknown,
            );
            return;
        };
        out.kind(&mut self.lanes, field, Kind::Text);
        out.put_every(
            &mut self.truth,
            &mut self.lanes,
            &index.leaves,
            Truth::False,
        );
        self.set_matches(index.set as usize, text);
        let hits = &self.set_hits[index.set as usize];
        for pattern in hits.iter() {
            if let Some(Some(leaf)) = index.patterns.get(pattern.as_usize()) {
                let node = index.leaves[*leaf as usize];
                out.put(&mut self.truth, &mut self.lanes, node, Truth::True);
            }
        }
    }

    /// The `matches` tests of a field that are word alternations: on ASCII
    /// text, from its words; on other text, each by its regex (or set).
    fn words<O: Out>(&mut self, value: &Value, field: usize, words: &Words, out: O) {
        let Value::Text(text) = value else {
            out.put_every(
                &mut self.truth,
                &mut self.lanes,
                &words.leaves,
                Truth::Unknown,
            );
            return;
        };
        out.kind(&mut self.lanes, field, Kind::Text);
        out.put_every(
            &mut self.truth,
            &mut self.lanes,
            &words.leaves,
            Truth::False,
        );
        if text.is_ascii() {
            let (truth, lanes) = (&mut self.truth[..], &mut self.lanes);
            let hit = |test: u32| out.put(truth, lanes, words.leaves[test as usize], Truth::True);
            words.index.find(text.as_bytes(), hit);
            return;
        }
        for node in &words.leaves {
            // Every leaf of `Words` is a test (`dispatch`).
            if let Exec::Test(_, check) = &self.plan.compiled.exec[node.0 as usize] {
                let outcome = self.check(check, value);
                out.put(&mut self.truth, &mut self.lanes, *node, outcome);
            }
        }
    }

    /// The number comparisons (or `within` tests) of a field, from one
    /// search of its table for the number (the date's age): true where
    /// the class's bit is set, false elsewhere; without one (a NaN, a
    /// missing value or one of another kind), unknown. Kept out of line:
    /// inlined, it made the field loop cost more at 13 rules, where no
    /// field has a table.
    #[inline(never)]
    fn table<O: Out>(
        &mut self,
        number: Option<f64>,
        field: usize,
        kind: Kind,
        index: &NumberIndex,
        out: O,
    ) {
        let (truth, lanes) = (&mut self.truth[..], &mut self.lanes);
        let Some(number) = number else {
            out.put_every(truth, lanes, &index.leaves, Truth::Unknown);
            return;
        };
        out.kind(lanes, field, kind);
        let holds = index.holds(number);
        if O::EVERY {
            for (test, node) in index.leaves.iter().enumerate() {
                let bit = holds[test / 64] >> (test % 64) & 1 != 0;
                out.put(truth, lanes, *node, Truth::from_bool(bit));
            }
            return;
        }
        for (word, bits) in holds.iter().enumerate() {
            let mut bits = *bits;
            while bits != 0 {
                let node = index.leaves[word * 64 + bits.trailing_zeros() as usize];
                out.put(truth, lanes, node, Truth::True);
                bits &= bits - 1;
            }
        }
    }

    /// The `has any` / `has all` tests of a field, each item looked up once.
    fn members<O: Out>(&mut self, value: &Value, field: usize, index: &MemberIndex, out: O) {
        let Value::List(list) = value else {
            if O::EVERY {
                for (node, ..) in &index.leaves {
                    out.put(&mut self.truth, &mut self.lanes, *node, Truth::Unknown);
                }
            }
            return;
        };
        out.kind(&mut self.lanes, field, Kind::List);
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
            if O::EVERY || holds {
                let outcome = Truth::from_bool(holds);
                out.put(&mut self.truth, &mut self.lanes, *node, outcome);
            }
        }
    }
}

/// The `==`/`!=`/`in` tests of one folded text: each its miss, then the
/// tests the text flips.
fn equal_tests<O: Out>(
    index: &EqualIndex,
    folded: &str,
    out: O,
    truth: &mut [Truth],
    lanes: &mut Lanes,
) {
    if O::EVERY {
        for (node, miss) in &index.leaves {
            out.put(truth, lanes, *node, *miss);
        }
    }
    for leaf in index.hits.get(folded).into_iter().flatten() {
        let (node, miss) = index.leaves[*leaf as usize];
        out.put(truth, lanes, node, !miss);
    }
}

/// The affix tests of one folded text: false, but those whose needle
/// occurs where the test asks.
fn affix_tests<O: Out>(
    index: &AffixIndex,
    folded: &str,
    out: O,
    truth: &mut [Truth],
    lanes: &mut Lanes,
) {
    out.put_every(truth, lanes, &index.leaves, Truth::False);
    let mut hit = |leaf: u32| out.put(truth, lanes, index.leaves[leaf as usize], Truth::True);
    for found in
        (index.automaton.iter()).flat_map(|automaton| automaton.find_overlapping_iter(folded))
    {
        index.patterns[found.pattern().as_usize()]
            .iter()
            .for_each(|leaf| hit(*leaf));
    }
    let bytes = folded.as_bytes();
    for edge in &index.edges {
        let needle = edge.needle.as_bytes();
        let (starts, ends) = (bytes.starts_with(needle), bytes.ends_with(needle));
        for (leaf, at_end) in &edge.tests {
            if (starts && !at_end) || (ends && *at_end) {
                hit(*leaf);
            }
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
