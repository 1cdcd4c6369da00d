//! The rule phase of up to [`LANES`] records at once, bit-sliced.
//!
//! Each record's leaf tests run as in the one-record sweep (field by field,
//! `sweep`), but write their outcomes into a lane of a per-node row of
//! bytes. Each row then packs into two words: the lanes where the node
//! holds and those where it holds not (neither bit: unknown, the third
//! state). The and/or/not nodes rules reach are computed on those words,
//! children first, 64 records per operation: Kleene `and` holds where every
//! operand holds and fails where any fails, `or` the other way round, `not`
//! swaps the words. Rules fire from their root's word, lane by lane in rule
//! order, so each verdict lists its rules in file order. Caps, tiers and
//! segments run per record afterwards, reading swept nodes from the words
//! and everything else lazily, as [`Evaluator::eval`] does. Decision 015
//! has the figures.

use super::{Evaluator, Swept, clear, fire};
use crate::data::bytemask::masks;
use crate::plan::NodeId;
use crate::plan::dispatch::{Dispatch, StepKind};
use crate::record::Record;
use crate::verdict::{Truth, Verdict};

/// Records per batch: one bit of a word each.
pub const LANES: usize = 64;

/// Where the sweep writes a leaf's outcome: node `n` at `(n << shift) |
/// lane` of its cells.
#[derive(Debug, Clone, Copy)]
pub(super) struct At {
    shift: u32,
    lane: usize,
}

impl At {
    /// One record: the evaluator's `truth`, by node.
    pub const RECORD: At = At { shift: 0, lane: 0 };

    fn lane(lane: usize) -> At {
        At {
            shift: LANES.trailing_zeros(),
            lane,
        }
    }

    /// Where `node`'s outcome goes.
    #[inline]
    pub fn index(self, node: NodeId) -> usize {
        ((node.0 as usize) << self.shift) | self.lane
    }
}

/// The cells `at` writes to: `truth` for one record, the batch's otherwise.
pub(super) fn cells<'a>(truth: &'a mut [Truth], lanes: &'a mut Lanes, at: At) -> &'a mut [Truth] {
    match at.shift {
        0 => truth,
        _ => &mut lanes.cells,
    }
}

/// The outcomes of a batch.
#[derive(Debug, Default)]
pub(super) struct Lanes {
    /// Leaf outcomes, [`LANES`] per node (node `n`, lane `l` at `n * LANES + l`).
    cells: Vec<Truth>,
    /// Per node, the lanes where it holds.
    yes: Vec<u64>,
    /// Per node, the lanes where it holds not.
    no: Vec<u64>,
}

impl Lanes {
    /// Room for `nodes` nodes.
    fn size(&mut self, nodes: usize) {
        if self.yes.len() != nodes {
            self.cells = vec![Truth::Unknown; nodes * LANES];
            self.yes = vec![0; nodes];
            self.no = vec![0; nodes];
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

    /// Each leaf's row of outcomes as its two words: the row's bytes
    /// compared 16 at a time (`data::bytemask`, SSE2 on x86-64).
    fn pack(&mut self, leaves: &[NodeId]) {
        for leaf in leaves {
            let node = leaf.0 as usize;
            let row = &self.cells[node * LANES..][..LANES];
            let bytes: [u8; LANES] = std::array::from_fn(|lane| row[lane] as u8);
            let [holds, fails] = masks(&bytes, [Truth::True as u8, Truth::False as u8]);
            self.yes[node] = holds;
            self.no[node] = fails;
        }
    }

    /// The and/or/not nodes rules reach, 64 lanes at a time.
    fn steps(&mut self, dispatch: &Dispatch) {
        let (yes, no) = (&mut self.yes, &mut self.no);
        for step in &dispatch.steps {
            let operands = |start: u32, end: u32| &dispatch.operands[start as usize..end as usize];
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
        self.lanes.size(plan.compiled.exec.len());
        for (lane, record) in records.iter().enumerate() {
            self.next_record();
            self.at = At::lane(lane);
            self.leaves(record);
        }
        self.at = At::RECORD;
        self.lanes.pack(&dispatch.leaves);
        self.lanes.steps(dispatch);
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
        for (lane, (record, verdict)) in records.iter().zip(verdicts).enumerate() {
            self.next_record();
            self.swept = Swept::Lane(lane);
            self.finish(record, verdict);
        }
    }
}
