//! Explanations: a verdict and its trace, rendered for a machine (JSON,
//! versioned) or for a person (plain sentences and annotated rule source).
//!
//! Input: the checked program, the rule file's [`Source`], a [`Verdict`]
//! and its [`Trace`]. Everything points back at the text the user wrote:
//! each clause carries its span, printed as line and column and as text.
//! [`explain`] assembles one lead's whole [`Explanation`] (trace, verdict,
//! what would it take); `eval --explain` streams only the trace part,
//! through the same [`JsonWriter`].

mod caps;
mod compact;
mod deciding;
mod explanation;
mod json;
mod miss;
mod reach;
mod sentence;
mod snippet;

pub use explanation::{Explanation, explain};
pub use json::{Form, JSON_VERSION, JsonWriter, Lead, to_json, value_json};
pub use miss::{misses_json, misses_text, stopped_misses_json};
pub use reach::{reach_json, reach_text};
pub use sentence::{headline, record_summary, record_value_text, summary_sentence, value_text};
pub use snippet::annotated_rules;

use crate::ir;
use crate::source::Source;
use crate::trace::{Clause, ClauseKind, Trace};
use crate::verdict::Verdict;

/// The rules an explanation points into: the checked program and its text.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// The checked program the verdict came from.
    pub program: &'a ir::Program,
    /// The rule file.
    pub source: &'a Source,
}

impl Rules<'_> {
    /// The name of a field or score.
    pub fn subject_name(&self, subject: ir::Subject) -> &str {
        match subject {
            ir::Subject::Field(field) => &self.program.field(field).name,
            ir::Subject::Score(score) => &self.program.score(score).name,
        }
    }

    /// A rule's effect as written in canonical form: `fit +30`, `disqualify "x"`.
    pub fn effect_text(&self, effect: &ir::Effect) -> String {
        match effect {
            ir::Effect::Add { score, delta } => {
                format!("{} {delta:+}", self.program.score(*score).name)
            }
            ir::Effect::Disqualify { reason } => format!("disqualify {reason:?}"),
        }
    }

    /// A rule's effects as written in canonical form, joined by commas:
    /// `fit +10, intent +5`.
    pub fn effects_text(&self, effects: &[ir::Effect]) -> String {
        (effects.iter())
            .map(|effect| self.effect_text(effect))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The leaf tests of a clause tree, in source order.
pub fn leaves(clause: &Clause) -> Vec<&Clause> {
    let mut found = Vec::new();
    collect_leaves(clause, &mut found);
    found
}

fn collect_leaves<'c>(clause: &'c Clause, found: &mut Vec<&'c Clause>) {
    match &clause.kind {
        ClauseKind::And(operands) | ClauseKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| collect_leaves(operand, found));
        }
        ClauseKind::Not(inner) => collect_leaves(inner, found),
        ClauseKind::Let { body, .. } => collect_leaves(body, found),
        ClauseKind::Test { .. } => found.push(clause),
    }
}

/// Checks that a trace agrees with its verdict: a rule fired exactly when
/// its condition is true, and the fired rules give the scores (caps included).
pub fn agrees(program: &ir::Program, verdict: &Verdict, trace: &Trace) -> bool {
    let mut fired = Vec::new();
    for rule_trace in &trace.rules {
        if rule_trace.fired != (rule_trace.clause.outcome == crate::trace::Outcome::True) {
            return false;
        }
        if rule_trace.fired {
            fired.push(rule_trace.rule);
        }
    }
    let scores = crate::semantics::scores(program, fired.iter().copied());
    fired == verdict.matched && scores == verdict.scores
}
