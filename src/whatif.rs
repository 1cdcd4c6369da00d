//! "What would it take": the smallest change to a lead's field values that
//! moves it into a target tier.
//!
//! The solver takes the checked program, one record and an evaluator (any
//! function from record to verdict, so the reference interpreter and the
//! optimized plan can both serve), proposes candidate values from the
//! predicates of the rules (boundaries of ranges and thresholds, set members,
//! text that satisfies a test, dates inside a window), and searches for the
//! fewest fields to change: every single-field change first, then a beam
//! search over combinations guided by how far the scores are from the
//! tier's condition. Every answer is checked by evaluating the changed
//! record, so a suggestion always reaches the target. Disqualifications are
//! facts about the lead (a student, a competitor), never changed.

mod candidates;
mod gap;
mod regex_samples;
mod search;

#[cfg(test)]
mod tests;

use crate::ir;
use crate::record::{Record, Value};
use crate::verdict::{Context, Verdict};

/// One field set to one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The field to change.
    pub field: ir::FieldId,
    /// Its new value.
    pub value: Value,
}

/// The solver's answer for one lead and one target tier.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The lead already is in the target tier or a better one.
    AlreadyThere {
        /// The lead's tier.
        tier: u32,
    },
    /// These changes, applied together, move the lead into the target tier.
    Reachable {
        /// The changes, in field order; no single one of them suffices alone.
        changes: Vec<Change>,
        /// The verdict of the changed record.
        verdict: Verdict,
    },
    /// No change of field values can reach the target tier.
    Unreachable(Blocker),
}

/// Why a target tier cannot be reached.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// Disqualify rules fired; the solver does not argue with them.
    Disqualified {
        /// Indexes of the disqualify rules that fired.
        rules: Vec<u32>,
    },
    /// The tier's condition needs scores that no combination of rules gives.
    ScoresOutOfReach,
    /// The search tried these many combinations and found none.
    NotFound {
        /// Number of candidate records evaluated.
        tried: usize,
    },
}

/// Limits of the search.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// At most this many fields changed together.
    pub max_fields: usize,
    /// States kept per search level.
    pub beam_width: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_fields: 6,
            beam_width: 48,
        }
    }
}

/// Finds the smallest change that moves `record` into tier `target`.
pub fn solve(
    program: &ir::Program,
    record: &Record,
    target: u32,
    context: &Context,
    evaluate: &dyn Fn(&Record) -> Verdict,
    limits: Limits,
) -> Answer {
    let current = evaluate(record);
    if let Some(tier) = current.tier
        && tier <= target
    {
        return Answer::AlreadyThere { tier };
    }
    if current.disqualified {
        let rules = current
            .matched
            .iter()
            .copied()
            .filter(|&rule| {
                matches!(
                    program.rules[rule as usize].effect,
                    ir::Effect::Disqualify { .. }
                )
            })
            .collect();
        return Answer::Unreachable(Blocker::Disqualified { rules });
    }
    if !gap::tier_reachable(program, target) {
        return Answer::Unreachable(Blocker::ScoresOutOfReach);
    }
    let candidates = candidates::collect(program, record, context);
    search::run(program, record, target, &candidates, evaluate, limits)
}

/// The single-field changes the search starts from, for `record`: for
/// each test of the rules, values that make it true or sit just across its
/// boundary (`icpc test --suggest` builds its examples from them).
pub fn candidates(program: &ir::Program, record: &Record, context: &Context) -> Vec<Change> {
    (candidates::collect(program, record, context).into_iter())
        .map(|candidate| candidate.change)
        .collect()
}

/// The record with the changes applied.
pub fn apply(record: &Record, changes: &[Change]) -> Record {
    let mut changed = record.clone();
    for change in changes {
        let slot = change.field.0 as usize;
        if changed.values.len() <= slot {
            changed.values.resize(slot + 1, Value::Missing);
        }
        changed.values[slot] = change.value.clone();
        changed
            .warnings
            .retain(|warning| warning.field != change.field);
    }
    changed
}
