//! How far one field's move can push each score, per class: the bound
//! that prunes a tier search over several fields.
//!
//! Moving field `f` into class `c` changes only the rules that read `f`.
//! A rule that reads no other field is decided by `c` alone, and since a
//! field not yet decided still holds its value, what it does now is what
//! it did on the lead: its change of points is exact. A rule that reads
//! other fields too may fire or stop whatever they hold, so its points
//! count both ways. Summed per class and maximised over the classes of a
//! field, these give each undecided field a charge that is far sharper
//! than adding up every rule the field reads (one value fires only the
//! ranges or lists it falls in), and the charges of the fields still to
//! change add up to a true bound on what they can do together.

use super::bounds::{self, Truths};
use super::space::Space;
use crate::ir;
use crate::verdict::Truth;

/// Per score, field and class: the most the move can add and take away.
pub struct Reach {
    scores: usize,
    /// Per position: where its classes start in `up` and `down`.
    offsets: Vec<usize>,
    up: Vec<i128>,
    down: Vec<i128>,
    /// Per score and position: the largest of its classes'.
    pub up_max: Vec<i128>,
    /// Per score and position: the largest of its classes'.
    pub down_max: Vec<i128>,
}

/// What a rule adding `delta`, whose outcomes become `then`, can add and
/// take away: exactly, from its outcome `now`, when it reads only the
/// moved field; else both ways, as far as `then` allows.
fn swing(delta: i128, then: Truths, now: Option<Truths>) -> (i128, i128) {
    let fires = |truths: Truths| i128::from(truths == Truths::one(Truth::True));
    if let Some(now) = now {
        let change = (fires(then) - fires(now)) * delta;
        return (change.max(0), (-change).max(0));
    }
    let may_fire = then.has(Truth::True);
    let may_stop = then != Truths::one(Truth::True);
    let (rise, fall) = if delta > 0 {
        (may_fire, may_stop)
    } else {
        (may_stop, may_fire)
    };
    let amount = delta.abs();
    (if rise { amount } else { 0 }, if fall { amount } else { 0 })
}

impl Reach {
    /// The reach of each position of `order` (indexes into the space's
    /// slots) given `free`, the lead's predicates with every position
    /// free, and `now`, each rule's outcomes on the lead; only the rules
    /// `watched` marks count.
    pub fn new(
        space: &Space<'_>,
        order: &[usize],
        free: &[Truths],
        now: &[Truths],
        watched: &[bool],
    ) -> Reach {
        let program = space.program;
        let index = space.index;
        let scores = program.scores.len();
        let mut offsets = Vec::with_capacity(order.len() + 1);
        let mut total = 0;
        for slot in order {
            offsets.push(total);
            total += space.slots[*slot].classes.classes().len();
        }
        offsets.push(total);
        let mut reach = Reach {
            scores,
            offsets,
            up: vec![0; total * scores],
            down: vec![0; total * scores],
            up_max: vec![0; order.len() * scores],
            down_max: vec![0; order.len() * scores],
        };
        let mut table = free.to_vec();
        let mut lets = vec![None; program.lets.len()];
        let mut stamps = vec![usize::MAX; program.rules.len()];
        for (position, slot) in order.iter().enumerate() {
            let slot = &space.slots[*slot];
            let mut rules = Vec::new();
            for pred in slot.classes.preds() {
                for rule in &index.pred_rules[pred.0 as usize] {
                    if watched[*rule as usize]
                        && std::mem::replace(&mut stamps[*rule as usize], position) != position
                    {
                        rules.push(*rule as usize);
                    }
                }
            }
            for (class, outcomes) in slot.classes.classes().iter().enumerate() {
                if Some(class) == slot.current {
                    continue;
                }
                for (pred, truth) in slot.classes.preds().iter().zip(&outcomes.outcomes) {
                    table[pred.0 as usize] = Truths::one(*truth);
                }
                lets.fill(None);
                let at = (reach.offsets[position] + class) * scores;
                for rule in &rules {
                    if !program.rules[*rule].changes_scores() {
                        continue;
                    }
                    let pred = |pred: &ir::Pred| table[pred.id.0 as usize];
                    let condition = &program.rules[*rule].condition;
                    let then = bounds::cond(program, condition, &pred, &mut lets);
                    let single = index.rule_fields[*rule].len() == 1;
                    for (score, delta) in program.rules[*rule].adds() {
                        let (up, down) =
                            swing(i128::from(delta), then, single.then_some(now[*rule]));
                        reach.up[at + score.0 as usize] += up;
                        reach.down[at + score.0 as usize] += down;
                    }
                }
                for score in 0..scores {
                    let max = &mut reach.up_max[score * order.len() + position];
                    *max = (*max).max(reach.up[at + score]);
                    let max = &mut reach.down_max[score * order.len() + position];
                    *max = (*max).max(reach.down[at + score]);
                }
            }
            for (pred, truths) in slot.classes.preds().iter().zip(&slot.anything) {
                table[pred.0 as usize] = *truths;
            }
        }
        reach
    }

    /// The most moving position `position` into `class` adds to `score`,
    /// and takes away.
    pub fn of(&self, position: usize, class: usize, score: usize) -> (i128, i128) {
        let at = (self.offsets[position] + class) * self.scores + score;
        (self.up[at], self.down[at])
    }
}
