//! One lead explained in full, as `icpc explain` shows it: the verdict,
//! its trace, and what would it take to reach a target tier, rendered as
//! sentences with annotated rule source, or as one JSON object.
//!
//! The what-would-it-take search scores changed copies of the record with
//! the same plan as the verdict, so its answer is checked, not guessed.

use super::{
    Rules, annotated_rules, misses_json, misses_text, reach_json, reach_text, record_summary,
    stopped_misses_json, to_json,
};
use crate::eval::Evaluator;
use crate::ir;
use crate::plan::Plan;
use crate::record::Record;
use crate::trace::Trace;
use crate::verdict::{self, Verdict};
use crate::whatif::{self, Limits, Target};
use serde_json::{Value as Json, json};

/// A lead's verdict with everything that says why, and what would change it.
#[derive(Debug, Clone)]
pub struct Explanation<'a> {
    /// The rules the verdict came from.
    pub rules: Rules<'a>,
    /// The lead as read.
    pub record: Record,
    /// Its verdict (the fast path's).
    pub verdict: Verdict,
    /// Every rule's and tier's clauses, in source order.
    pub trace: Trace,
    /// The tier (or segment) "what would it take" aims at.
    pub target: Target,
    /// The smallest change that reaches `target`, or why there is none.
    pub answer: whatif::Answer,
    /// Per scoring rule that did not fire, the smallest change that fires it.
    pub misses: whatif::Misses,
    /// The fields that may change whose value classes are incomplete
    /// (`Solver::incomplete`): over them the answer is not a proof.
    pub incomplete: Vec<ir::FieldId>,
}

/// Explains `record`: scores and traces it with `plan` (built from
/// `rules.program`) and searches what would it take to meet `target` (a
/// tier or a segment) within `limits`.
pub fn explain<'a>(
    rules: Rules<'a>,
    plan: &Plan,
    record: Record,
    context: &verdict::Context,
    target: Target,
    limits: &Limits,
) -> Explanation<'a> {
    let mut evaluator = Evaluator::new(plan, context);
    let (verdict, trace) = crate::trace::trace(&mut evaluator, rules.program, &record);
    let solver = whatif::Solver::new(rules.program, plan, context);
    let answer = solver.solve_for(&record, target, limits);
    let misses = solver.nearest_misses(&record, limits);
    let incomplete = solver.incomplete(limits);
    Explanation {
        rules,
        record,
        verdict,
        trace,
        target,
        answer,
        misses,
        incomplete,
    }
}

impl Explanation<'_> {
    /// `{"id", "line", "explanation", "what_would_it_take", "nearest_misses"}`,
    /// and `"nearest_misses_stopped"` when a rule's search stopped at its
    /// limit (docs/explain.md).
    pub fn to_json(&self) -> Json {
        let mut out = json!({
            "id": self.record.id,
            "line": self.record.line,
            "explanation": to_json(self.rules, &self.record, &self.verdict, &self.trace),
            "what_would_it_take": reach_json(self.rules, &self.record, &self.verdict, self.target, &self.answer, &self.incomplete),
            "nearest_misses": misses_json(self.rules, &self.record, &self.misses),
        });
        if !self.misses.stopped.is_empty() {
            out["nearest_misses_stopped"] = stopped_misses_json(self.rules, &self.misses);
        }
        out
    }

    /// For a person, short, the answer first: a headline naming the lead
    /// and where it was read (`input` is the leads file's name), what would
    /// it take, the verdict in sentences, and the nearest misses.
    pub fn to_text(&self, input: &str) -> String {
        let record = &self.record;
        let name = (record.id.clone()).unwrap_or_else(|| format!("on line {}", record.line));
        let mut text = format!("lead {name} ({input} line {})\n", record.line);
        text.push_str(&reach_text(
            self.rules,
            record,
            &self.verdict,
            self.target,
            &self.answer,
            &self.incomplete,
        ));
        text.push('\n');
        text.push_str(&record_summary(
            self.rules,
            &self.record,
            &self.verdict,
            &self.trace,
        ));
        let misses = misses_text(self.rules, record, &self.misses);
        if !misses.is_empty() {
            text.push('\n');
            text.push_str(&misses);
        }
        text
    }

    /// The rule source annotated with what each test saw (`icpc explain
    /// --source`).
    pub fn source_text(&self, color: bool) -> String {
        annotated_rules(self.rules, &self.trace, color)
    }
}
