//! The fast evaluator: a [`Plan`] and one record to a [`Verdict`].
//!
//! An [`Evaluator`] owns reusable scratch space (a memo of node outcomes,
//! a buffer for case folding, regex-set hits), so scoring a record
//! allocates nothing on ASCII text. [`Evaluator::eval`] computes what rules
//! reach in one sweep (`sweep`: each field read once for all its tests, then
//! the and/or/not nodes children first); [`Evaluator::eval_batch`] does the
//! same for up to 64 records at once, the and/or/not nodes over bit words
//! (`batch`, decision 015); tiers, probes and the clauses only
//! the trace asks about are evaluated lazily, each at most once per record,
//! with Kleene short-circuits (`and` stops at the first false operand, `or`
//! at the first true one), their memo entries stamped with a per-record
//! generation so that the memo never needs clearing. No tracing happens
//! here; `trace` reads the memo afterwards.

mod batch;
mod check;
mod sweep;
#[cfg(test)]
mod tests;

use crate::ir;
use crate::plan::compile::Exec;
use crate::plan::{NodeId, Plan};
use crate::record::{Record, Value};
use crate::semantics;
use crate::verdict::{Context, Truth, Verdict};
use regex_automata::PatternSet;

pub use batch::LANES;

/// Scores one record. For many records, keep an [`Evaluator`].
pub fn eval(plan: &Plan, record: &Record, context: &Context) -> Verdict {
    Evaluator::new(plan, context).eval(record).clone()
}

/// Scores records one after another against one plan, reusing its buffers.
#[derive(Debug)]
pub struct Evaluator<'p> {
    plan: &'p Plan,
    as_of: i32,
    /// Bumped per record; a memo entry from another generation is stale.
    generation: u32,
    /// Each node's outcome for the current record, where it is known.
    truth: Vec<Truth>,
    /// The generation each lazily computed `truth` entry belongs to.
    stamps: Vec<u32>,
    /// Where the nodes of `Dispatch::swept` are known for the current
    /// record without a stamp.
    swept: Swept,
    /// The bit-sliced outcomes of a batch; empty until the first batch.
    lanes: batch::Lanes,
    /// Score values as tier tests read them; missing while rules run.
    scores: Vec<Value>,
    /// Reused by [`semantics::fold_into`] for text with capitals.
    folded: String,
    set_hits: Vec<PatternSet>,
    set_generations: Vec<u32>,
    /// Per `has any`/`has all` test of a field, the bits of the items seen.
    seen: Vec<u64>,
    verdict: Verdict,
}

impl<'p> Evaluator<'p> {
    /// An evaluator for a plan and an as-of date.
    pub fn new(plan: &'p Plan, context: &Context) -> Evaluator<'p> {
        let compiled = &plan.compiled;
        Evaluator {
            plan,
            as_of: context.as_of,
            generation: 0,
            truth: vec![Truth::Unknown; compiled.exec.len()],
            stamps: vec![0; compiled.exec.len()],
            swept: Swept::No,
            lanes: batch::Lanes::default(),
            scores: vec![Value::Missing; plan.scores.len()],
            folded: String::new(),
            set_hits: (compiled.regex_sets.iter())
                .map(|set| PatternSet::new(set.pattern_len()))
                .collect(),
            set_generations: vec![0; compiled.regex_sets.len()],
            seen: Vec::new(),
            verdict: Verdict::default(),
        }
    }

    /// The plan this evaluator runs.
    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Scores one record; the verdict lives until the next call.
    pub fn eval(&mut self, record: &Record) -> &Verdict {
        self.start();
        self.sweep(record);
        let plan = self.plan;
        let mut verdict = std::mem::take(&mut self.verdict);
        for (index, root) in plan.arena.rules.iter().enumerate() {
            if self.truth[root.0 as usize] == Truth::True {
                fire(plan, index, &mut verdict);
            }
        }
        self.finish(record, &mut verdict);
        self.verdict = verdict;
        &self.verdict
    }

    /// What follows the rules: caps, then the tier and segments, which
    /// read the final scores.
    fn finish(&mut self, record: &Record, verdict: &mut Verdict) {
        self.cap(verdict);
        if semantics::gets_tier(verdict) {
            verdict.tier = self.tier(record, verdict);
            self.segments(record, verdict);
        }
    }

    /// The outcome of one node on `record` alone, without scoring it: how
    /// value classes ask the real evaluator what a single test gives.
    pub fn probe(&mut self, record: &Record, node: NodeId) -> Truth {
        self.start();
        self.outcome(record, node)
    }

    /// The outcome of each of `nodes` on `record` alone, into `out`: one
    /// record for all of them, so the tests of a field share one read of
    /// its value (a regex set searched once, not once per regex).
    pub fn probe_all(&mut self, record: &Record, nodes: &[NodeId], out: &mut Vec<Truth>) {
        self.start();
        out.clear();
        out.extend(nodes.iter().map(|node| self.outcome(record, *node)));
    }

    /// The verdict `record` gets when exactly the rules of `fired` fire
    /// (indexes into the plan's rules, in file order), each with the effect
    /// given beside it: effects applied in order, the tier found on the
    /// final scores, as [`Evaluator::eval`] would. For a front end that
    /// knows which rules fire without this plan's conditions (`icpc test
    /// --mutants` judging a changed rule); tiers test scores only, so the
    /// record's fields are not read.
    pub fn verdict_of(&mut self, record: &Record, fired: &[(u32, &[ir::Effect])]) -> &Verdict {
        self.start();
        let mut verdict = std::mem::take(&mut self.verdict);
        for (index, effects) in fired {
            verdict.matched.push(*index);
            for effect in *effects {
                semantics::apply(effect, &mut verdict);
            }
        }
        if !self.plan.caps.is_empty() {
            let fired = fired.iter().map(|(index, effects)| (*index, *effects));
            verdict.scores = semantics::cap::totals(&self.plan.caps, self.plan.scores.len(), fired);
        }
        if semantics::gets_tier(&verdict) {
            verdict.tier = self.tier(record, &verdict);
            self.segments(record, &mut verdict);
        }
        self.verdict = verdict;
        &self.verdict
    }

    /// Recomputes the scores with the caps, when the plan has any: the
    /// plain sums above are then only the uncapped path.
    fn cap(&self, verdict: &mut Verdict) {
        let plan = self.plan;
        if plan.caps.is_empty() {
            return;
        }
        let fired =
            (verdict.matched.iter()).map(|&index| (index, &plan.rules[index as usize].effects[..]));
        verdict.scores = semantics::cap::totals(&plan.caps, plan.scores.len(), fired);
    }

    /// Forgets the previous record.
    fn start(&mut self) {
        self.next_record();
        clear(&mut self.verdict, self.plan.scores.len());
    }

    /// A new generation for the memo: no lazily computed outcome is
    /// known, nor any swept one.
    fn next_record(&mut self) {
        self.next_generation();
        self.swept = Swept::No;
        self.scores.fill(Value::Missing);
    }

    /// A new generation for the memo and the regex sets, scores and sweep
    /// left as they are.
    fn next_generation(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamps.fill(0);
            self.set_generations.fill(0);
            self.generation = 1;
        }
    }

    /// The segments whose condition holds, after [`Evaluator::tier`] set
    /// the final scores.
    fn segments(&mut self, record: &Record, verdict: &mut Verdict) {
        let plan = self.plan;
        for (index, root) in plan.arena.segments.iter().enumerate() {
            if self.outcome(record, *root) == Truth::True {
                verdict.segments.push(index as u32);
            }
        }
    }

    /// The first tier whose condition holds over the final scores.
    fn tier(&mut self, record: &Record, verdict: &Verdict) -> Option<u32> {
        self.read_scores(verdict);
        let plan = self.plan;
        let mut tiers = plan.arena.tiers.iter();
        let index = tiers
            .position(|root| root.is_none_or(|root| self.outcome(record, root) == Truth::True));
        index.map(|index| index as u32)
    }

    /// The final scores, as tier and segment tests read them.
    fn read_scores(&mut self, verdict: &Verdict) {
        for (value, total) in self.scores.iter_mut().zip(&verdict.scores) {
            *value = Value::Number(*total as f64);
        }
    }

    /// The outcome of a node for the record last passed to [`Evaluator::eval`],
    /// memoized; nodes the evaluation skipped are evaluated now.
    pub fn outcome(&mut self, record: &Record, node: NodeId) -> Truth {
        let index = node.0 as usize;
        let plan = self.plan;
        if self.stamps[index] == self.generation {
            return self.truth[index];
        }
        if plan.compiled.dispatch.swept[index] {
            match self.swept {
                Swept::No => {}
                Swept::Record => return self.truth[index],
                Swept::Lane(lane) => return self.lanes.get(index, lane),
            }
        }
        let truth = match &plan.compiled.exec[index] {
            Exec::Const(truth) => *truth,
            Exec::And(operands) => self.all(record, operands),
            Exec::Or(operands) => self.any(record, operands),
            Exec::Not(inner) => !self.outcome(record, *inner),
            Exec::Test(subject, check) => self.test(record, *subject, check),
        };
        self.truth[index] = truth;
        self.stamps[index] = self.generation;
        truth
    }

    fn all(&mut self, record: &Record, operands: &[NodeId]) -> Truth {
        let mut acc = Truth::True;
        for operand in operands {
            match self.outcome(record, *operand) {
                Truth::False => return Truth::False,
                truth @ (Truth::Unknown | Truth::True) => acc = acc.and(truth),
            }
        }
        acc
    }

    fn any(&mut self, record: &Record, operands: &[NodeId]) -> Truth {
        let mut acc = Truth::False;
        for operand in operands {
            match self.outcome(record, *operand) {
                Truth::True => return Truth::True,
                truth @ (Truth::Unknown | Truth::False) => acc = acc.or(truth),
            }
        }
        acc
    }
}

/// Where the outcomes of the nodes rules reach are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swept {
    /// Not yet for this record.
    No,
    /// In `truth` (one record swept).
    Record,
    /// In this lane of the batch's bit words.
    Lane(usize),
}

/// Rule `index` fires for the verdict: its effects apply.
fn fire(plan: &Plan, index: usize, verdict: &mut Verdict) {
    verdict.matched.push(index as u32);
    for effect in &plan.rules[index].effects {
        semantics::apply(effect, verdict);
    }
}

/// A verdict with no rule fired yet, its buffers kept.
fn clear(verdict: &mut Verdict, scores: usize) {
    verdict.scores.clear();
    verdict.scores.resize(scores, 0);
    verdict.matched.clear();
    verdict.disqualified = false;
    verdict.tier = None;
    verdict.segments.clear();
}
