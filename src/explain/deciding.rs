//! The deciding tests of a clause: the leaf tests a reader needs to see
//! why the clause came out as it did, and no more. This is what the full
//! explanation lists (docs/explain.md); the tree form lists every clause.
//!
//! Reading left to right, as the trace does: an `and` that is false is
//! decided by its first false operand (the ones before it held, the ones
//! after it were skipped), an `or` that is true by its first true one;
//! one that is unknown by its unknown operands (none was decisive); one
//! that is true (an `and`) or false (an `or`) by all of its operands. A
//! `not` and a `let` are decided by what they hold. A skipped clause
//! decides nothing.

use crate::trace::{Outcome, StepKind, Steps};

/// Calls `visit` on the step of each deciding test of the clause at step
/// `index`, in source order.
pub fn for_each(steps: &Steps, index: u32, visit: &mut impl FnMut(u32)) {
    let step = &steps.steps[index as usize];
    match step.kind {
        StepKind::Test { .. } if step.outcome != Outcome::Skipped => visit(index),
        StepKind::Test { .. } => {}
        StepKind::Not | StepKind::Let(_) => for_each(steps, index + 1, visit),
        StepKind::And => junction(steps, index, Outcome::False, visit),
        StepKind::Or => junction(steps, index, Outcome::True, visit),
    }
}

/// The deciding tests of an `and` (`decisive` false) or an `or` (true).
fn junction(steps: &Steps, index: u32, decisive: Outcome, visit: &mut impl FnMut(u32)) {
    let outcome = steps.steps[index as usize].outcome;
    let of = |operand: &u32| steps.steps[*operand as usize].outcome;
    if outcome == decisive {
        if let Some(first) = steps
            .operands(index)
            .find(|operand| of(operand) == decisive)
        {
            for_each(steps, first, visit);
        }
    } else if outcome == Outcome::Unknown {
        (steps.operands(index))
            .filter(|operand| of(operand) == Outcome::Unknown)
            .for_each(|operand| for_each(steps, operand, visit));
    } else if outcome != Outcome::Skipped {
        (steps.operands(index)).for_each(|operand| for_each(steps, operand, visit));
    }
}
