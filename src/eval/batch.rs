//! The rule phase of up to [`LANES`] records at once, bit-sliced.
//!
//! Each record's leaf tests run as in the one-record sweep (field by field,
//! `sweep`), but set the record's bit (its lane) in one of two words per
//! node: the lanes where the node holds and those where it holds not
//! (neither bit: unknown, the third state). Only what a value hits is
//! written per record: the outcomes that follow from the value's kind (an
//! `in` list that does not name the text, a regex-set pattern not found, a
//! `has` whose items the list
//! lacks, a field that is missing) are derived once per batch and field,
//! from the lanes where the field held text or a list (decision 021). The and/or/not nodes rules reach are computed on those words,
//! children first, 64 records per operation: Kleene `and` holds where every
//! operand holds and fails where any fails, `or` the other way round, `not`
//! swaps the words. Rules fire from their root's word, lane by lane in rule
//! order, so each verdict lists its rules in file order. Caps, tiers and
//! segments run per record afterwards, reading swept nodes from the words
//! and everything else lazily, as [`Evaluator::eval`] does. Decision 015
//! has the figures.

use super::sweep::{Kind, Out};
use super::{Evaluator, Swept, clear, fire};
use crate::ir::Subject;
use crate::plan::NodeId;
use crate::plan::compile::Exec;
use crate::plan::dispatch::{Dispatch, Step, StepKind};
use crate::record::{Record, Value};
use crate::semantics;
use crate::verdict::{Truth, Verdict};

/// Records per batch: one bit of a word each.
pub const LANES: usize = 64;

/// One lane of a batch: outcomes as bits of the batch's words.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lane(u64);

impl Out for Lane {
    const EVERY: bool = false;

    /// Sets the lane's bit in the word of the outcome (none for unknown),
    /// without a branch on it.
    #[inline]
    fn put(self, _: &mut [Truth], lanes: &mut Lanes, node: NodeId, outcome: Truth) {
        let node = node.0 as usize;
        lanes.yes[node] |= self.0 & u64::from(outcome == Truth::True).wrapping_neg();
        lanes.no[node] |= self.0 & u64::from(outcome == Truth::False).wrapping_neg();
    }

    #[inline]
    fn kind(self, lanes: &mut Lanes, field: usize, kind: Kind) {
        let words = match kind {
            Kind::Text => &mut lanes.texts,
            Kind::List => &mut lanes.lists,
            Kind::Number => &mut lanes.numbers,
            Kind::Date => &mut lanes.dates,
        };
        words[field] |= self.0;
    }
}

/// The outcomes of a batch.
#[derive(Debug, Default)]
pub(super) struct Lanes {
    /// Per node, the lanes where it holds.
    yes: Vec<u64>,
    /// Per node, the lanes where it holds not.
    no: Vec<u64>,
    /// Per field of `Dispatch::fields`, the lanes where it holds text.
    texts: Vec<u64>,
    /// Per field, the lanes where it holds a list.
    lists: Vec<u64>,
    /// Per field, the lanes where it holds a number (not NaN).
    numbers: Vec<u64>,
    /// Per field, the lanes where it holds a date.
    dates: Vec<u64>,
}

impl Lanes {
    /// Room for `nodes` nodes and `fields` fields, every bit clear.
    fn reset(&mut self, nodes: usize, fields: usize) {
        for words in [&mut self.yes, &mut self.no] {
            words.clear();
            words.resize(nodes, 0);
        }
        for words in [
            &mut self.texts,
            &mut self.lists,
            &mut self.numbers,
            &mut self.dates,
        ] {
            words.clear();
            words.resize(fields, 0);
        }
    }

    /// Node `node`'s outcome in `lane`.
    pub(super) fn get(&self, node: usize, lane: usize) -> Truth {
        let bit = 1 << lane;
        match (self.yes[node] & bit != 0, self.no[node] & bit != 0) {
            (true, _) => Truth::True,
            (false, true) => Truth::False,
            (false, false) => Truth::Unknown,
        }
    }

    /// The outcomes [`Lane`] does not write, per field for the whole
    /// batch: where the field holds text, an `==`/`in`, affix, word or
    /// regex-set test its text did not hit fails and a `!=` it did not hit holds;
    /// where it holds a list, a `has` test that did not hold fails; where
    /// it holds a number, a number comparison that did not hold fails, and
    /// where it holds a date, a `within` test of its table.
    /// Elsewhere both bits stay clear: unknown.
    fn derive(&mut self, dispatch: &Dispatch) {
        let (yes, no) = (&mut self.yes, &mut self.no);
        for (field, tests) in dispatch.fields.iter().enumerate() {
            let (text, list) = (self.texts[field], self.lists[field]);
            let (number, date) = (self.numbers[field], self.dates[field]);
            let equal = tests.equal.iter().flat_map(|index| &index.leaves);
            for (node, miss) in equal {
                let node = node.0 as usize;
                match miss {
                    Truth::False => no[node] = text & !yes[node],
                    Truth::True => yes[node] = text & !no[node],
                    Truth::Unknown => {}
                }
            }
            let affixes = tests.affixes.iter().flat_map(|index| &index.leaves);
            let regexes = tests.regexes.iter().flat_map(|index| &index.leaves);
            let words = tests.words.iter().flat_map(|words| &words.leaves);
            for node in affixes.chain(regexes).chain(words) {
                no[node.0 as usize] = text & !yes[node.0 as usize];
            }
            for (node, ..) in tests.members.iter().flat_map(|index| &index.leaves) {
                no[node.0 as usize] = list & !yes[node.0 as usize];
            }
            for node in tests.numbers.iter().flat_map(|index| &index.leaves) {
                no[node.0 as usize] = number & !yes[node.0 as usize];
            }
            for node in tests.ages.iter().flat_map(|index| &index.leaves) {
                no[node.0 as usize] = date & !yes[node.0 as usize];
            }
        }
    }

    /// And/or/not nodes (those rules reach, or those only tiers reach), 64
    /// lanes at a time.
    fn steps(&mut self, steps: &[Step], operands: &[NodeId]) {
        let (yes, no) = (&mut self.yes, &mut self.no);
        let all = operands;
        for step in steps {
            let operands = |start: u32, end: u32| &all[start as usize..end as usize];
            let (holds, fails) = match step.kind {
                StepKind::Const(Truth::True) => (!0, 0),
                StepKind::Const(Truth::False) => (0, !0),
                StepKind::Const(Truth::Unknown) => (0, 0),
                StepKind::And(start, end) => {
                    (operands(start, end).iter()).fold((!0, 0), |(holds, fails), operand| {
                        let operand = operand.0 as usize;
                        (holds & yes[operand], fails | no[operand])
                    })
                }
                StepKind::Or(start, end) => {
                    (operands(start, end).iter()).fold((0, !0), |(holds, fails), operand| {
                        let operand = operand.0 as usize;
                        (holds | yes[operand], fails & no[operand])
                    })
                }
                StepKind::Not(inner) => (no[inner.0 as usize], yes[inner.0 as usize]),
            };
            let node = step.node.0 as usize;
            yes[node] = holds;
            no[node] = fails;
        }
    }
}

impl Evaluator<'_> {
    /// Scores each record into the verdict beside it (overwriting it), as
    /// [`Evaluator::eval`] would, [`LANES`] records at a time. Needs a
    /// verdict per record; extra verdicts are left alone.
    pub fn eval_batch(&mut self, records: &[&Record], verdicts: &mut [Verdict]) {
        for (records, verdicts) in records.chunks(LANES).zip(verdicts.chunks_mut(LANES)) {
            self.batch(records, verdicts);
        }
    }

    /// At most [`LANES`] records.
    fn batch(&mut self, records: &[&Record], verdicts: &mut [Verdict]) {
        let verdicts = &mut verdicts[..records.len()];
        let plan = self.plan;
        let dispatch = &plan.compiled.dispatch;
        (self.lanes).reset(plan.compiled.exec.len(), dispatch.fields.len());
        // As `next_record` for each record, the scores cleared once.
        self.next_record();
        for (lane, record) in records.iter().enumerate() {
            self.next_generation();
            self.leaves(record, Lane(1 << lane));
        }
        self.lanes.derive(dispatch);
        self.lanes.steps(&dispatch.steps, &dispatch.operands);
        let live = u64::MAX >> (LANES - records.len());
        for verdict in verdicts.iter_mut() {
            clear(verdict, plan.scores.len());
        }
        for (index, root) in plan.arena.rules.iter().enumerate() {
            let mut fired = self.lanes.yes[root.0 as usize] & live;
            while fired != 0 {
                fire(plan, index, &mut verdicts[fired.trailing_zeros() as usize]);
                fired &= fired - 1;
            }
        }
        self.tiers(records, verdicts);
    }

    /// Caps, then the tiers of the batch over its words: each record's
    /// tier leaves on its final scores, the steps only tiers reach for all
    /// lanes at once, then each record's first tier that holds; then its
    /// segments, lazily.
    fn tiers(&mut self, records: &[&Record], verdicts: &mut [Verdict]) {
        let plan = self.plan;
        let phase = &plan.compiled.dispatch.tiers;
        let fields = (phase.leaves.iter()).any(|(_, subject)| matches!(subject, Subject::Field(_)));
        for (lane, (record, verdict)) in records.iter().zip(verdicts.iter_mut()).enumerate() {
            self.cap(verdict);
            if !semantics::gets_tier(verdict) {
                continue;
            }
            if fields {
                // A field's regex set runs once per record: a new one.
                self.next_generation();
            }
            for (node, subject) in &phase.leaves {
                // Every leaf of the phase is a test (`TierPhase`).
                let Exec::Test(_, check) = &plan.compiled.exec[node.0 as usize] else {
                    continue;
                };
                let outcome = match subject {
                    Subject::Score(score) => {
                        let total = verdict.scores.get(score.0 as usize);
                        let value =
                            total.map_or(Value::Missing, |total| Value::Number(*total as f64));
                        self.check(check, &value)
                    }
                    Subject::Field(field) => self.check(check, record.get(*field)),
                };
                Lane(1 << lane).put(&mut self.truth, &mut self.lanes, *node, outcome);
            }
        }
        (self.lanes).steps(&phase.steps, &plan.compiled.dispatch.operands);
        let segments = !plan.arena.segments.is_empty();
        for (lane, (record, verdict)) in records.iter().zip(verdicts).enumerate() {
            if !semantics::gets_tier(verdict) {
                continue;
            }
            let holds = |root: &Option<NodeId>| {
                root.is_none_or(|root| self.lanes.yes[root.0 as usize] >> lane & 1 != 0)
            };
            verdict.tier = plan
                .arena
                .tiers
                .iter()
                .position(holds)
                .map(|index| index as u32);
            if !segments {
                continue;
            }
            self.next_record();
            self.swept = Swept::Lane(lane);
            self.read_scores(verdict);
            self.segments(record, verdict);
        }
    }
}
