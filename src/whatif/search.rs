//! The exact search: for 1, 2, ... changed fields, every choice of fields
//! and classes, depth first over the fields that may change (by name),
//! each either kept or moved to another class, pruned where the bounds
//! say no tier up to the target can hold. A complete choice is decided
//! exactly (every predicate has one outcome); the preferred complete
//! choice that reaches the target is made concrete (each field's value
//! nearest its current one in the chosen class) and evaluated with the
//! plan before it is returned.

use super::bounds::{self, Outlook, Truths};
use super::preference::Cost;
use super::space::Space;
use super::{Answer, Blocker, Change, apply};
use crate::classes::ClassId;
use crate::eval::Evaluator;
use crate::verdict::{Truth, Verdict};

/// What a search is after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The lead in this tier or a better one.
    Tier(u32),
    /// This rule (an index into `ir::Program::rules`) fires.
    Fire(usize),
    /// This rule fires and no disqualifier does.
    FireClean(usize),
    /// This tier's own condition holds on a lead no disqualifier stops
    /// (whatever the tiers before it say).
    TierHolds(usize),
}

/// The search's answer for `space`'s lead and tier `target`.
pub fn run(
    space: &Space<'_>,
    evaluator: &mut Evaluator<'_>,
    target: u32,
    max_changes: usize,
    nodes: usize,
) -> Answer {
    let mut walk = Walk::new(space, evaluator, Goal::Tier(target));
    if !walk.bound() {
        return Answer::Unreachable(Blocker::ScoresOutOfReach);
    }
    walk.table.clone_from(&space.base);
    walk.free(0);
    let possible = walk.bound();
    walk.keep(0);
    if !possible {
        return Answer::Unreachable(Blocker::FixedFields);
    }
    walk.nodes_left = nodes;
    match walk.levels(max_changes) {
        Some((changes, verdict)) => Answer::Reachable { changes, verdict },
        None => match walk.stopped_at {
            Some(level) => Answer::Unreachable(Blocker::Stopped {
                proven: level.saturating_sub(1),
            }),
            None => Answer::Unreachable(Blocker::NotWithin { max_changes }),
        },
    }
}

/// The fewest changes (none, if the lead meets it as it is; at most
/// `max_changes`) that meet `goal`.
pub fn reach(
    space: &Space<'_>,
    evaluator: &mut Evaluator<'_>,
    goal: Goal,
    max_changes: usize,
    nodes: usize,
) -> Option<(Vec<Change>, Verdict)> {
    let mut walk = Walk::new(space, evaluator, goal);
    walk.nodes_left = nodes;
    walk.levels(max_changes)
}

/// Whether some choice of classes of the space's fields meets `goal`:
/// `None` when the search gave up after `nodes` search states.
pub fn exists(
    space: &Space<'_>,
    evaluator: &mut Evaluator<'_>,
    goal: Goal,
    nodes: usize,
) -> Option<bool> {
    let mut walk = Walk::new(space, evaluator, goal);
    walk.nodes_left = nodes;
    let found = walk.levels(space.slots.len()).is_some();
    (found || walk.nodes_left > 0).then_some(found)
}

/// The preferred answer so far.
struct Found {
    cost: Cost,
    changes: Vec<Change>,
    verdict: Verdict,
}

/// One level of the search.
struct Walk<'s, 'e, 'p> {
    space: &'s Space<'s>,
    evaluator: &'e mut Evaluator<'p>,
    goal: Goal,
    /// Each predicate's possible outcomes in the current state.
    table: Vec<Truths>,
    lets: Vec<Option<Truths>>,
    /// Per slot: the class it moves to, or `None` to keep it.
    choice: Vec<Option<ClassId>>,
    best: Option<Found>,
    /// Search states still allowed; the walk stops at zero.
    nodes_left: usize,
    /// Per rule, the slots (indexes into `Space::slots`) it reads.
    rule_slots: Vec<Vec<usize>>,
    /// The level the walk ran out of search states in.
    stopped_at: Option<usize>,
}

impl<'s, 'e, 'p> Walk<'s, 'e, 'p> {
    fn new(space: &'s Space<'s>, evaluator: &'e mut Evaluator<'p>, goal: Goal) -> Self {
        Walk {
            space,
            evaluator,
            goal,
            table: space.any_lead.clone(),
            lets: vec![None; space.program.lets.len()],
            choice: vec![None; space.slots.len()],
            best: None,
            nodes_left: usize::MAX,
            rule_slots: rule_slots(space),
            stopped_at: None,
        }
    }

    /// Levels of 1, 2, ... changes from the lead as it is: the preferred
    /// answer of the first level that has one.
    fn levels(&mut self, max_changes: usize) -> Option<(Vec<Change>, Verdict)> {
        self.table.clone_from(&self.space.base);
        for budget in 0..=max_changes.min(self.space.slots.len()) {
            self.visit(0, budget);
            if let Some(found) = self.best.take() {
                return Some((found.changes, found.verdict));
            }
            if self.nodes_left == 0 {
                self.stopped_at = Some(budget);
                return None;
            }
        }
        None
    }

    /// Tries every way to change exactly `budget` of the slots from
    /// `depth` on. INVARIANT: on entry and exit those slots are kept.
    fn visit(&mut self, depth: usize, budget: usize) {
        if self.nodes_left == 0 {
            return;
        }
        self.nodes_left -= 1;
        let slots = self.space.slots.len();
        if budget == 0 {
            self.leaf();
            return;
        }
        if slots - depth < budget {
            return;
        }
        if !self.budgeted_bound(depth, budget) {
            return;
        }
        self.visit(depth + 1, budget);
        let slot = &self.space.slots[depth];
        for class in 0..slot.classes.classes().len() {
            if Some(class) == slot.current {
                continue;
            }
            self.set(depth, Some(class));
            self.visit(depth + 1, budget - 1);
        }
        self.set(depth, None);
    }

    /// Whether the goal can still be met changing at most `budget` of the
    /// slots from `depth` on. For a tier, sharper than [`Walk::bound`]:
    /// what a rule could still add or take away is charged to each
    /// undecided slot it reads, and each score moves at most by the
    /// `budget` largest charges (a rule that needs several slots changed
    /// is charged to each, so the bound stays safe).
    fn budgeted_bound(&mut self, depth: usize, budget: usize) -> bool {
        let Goal::Tier(target) = self.goal else {
            self.free(depth);
            let possible = self.bound();
            self.keep(depth);
            return possible;
        };
        let program = self.space.program;
        let kept = self.rule_truths();
        self.free(depth);
        let free = self.rule_truths();
        self.keep(depth);
        let outlook = Outlook::new(program, free.iter().copied());
        if outlook.surely_disqualified {
            return false;
        }
        let slots = self.space.slots.len();
        let scores = program.scores.len();
        // Per score and slot: points the slot could add, points it could take.
        let mut gains = vec![0i64; scores * slots];
        let mut losses = vec![0i64; scores * slots];
        let mut now = vec![0i64; scores];
        for (index, rule) in program.rules.iter().enumerate() {
            for (score, delta) in rule.adds() {
                let score = score.0 as usize;
                let fires = kept[index] == Truths::one(Truth::True);
                if fires {
                    now[score] = now[score].saturating_add(delta);
                }
                let may_fire = free[index].has(Truth::True);
                let may_stop = free[index] != Truths::one(Truth::True);
                let (up, down) = match (fires, delta > 0) {
                    (false, true) if may_fire => (delta, 0),
                    (false, false) if may_fire => (0, delta.saturating_neg()),
                    (true, true) if may_stop => (0, delta),
                    (true, false) if may_stop => (delta.saturating_neg(), 0),
                    _ => (0, 0),
                };
                if up == 0 && down == 0 {
                    continue;
                }
                for &slot in &self.rule_slots[index] {
                    if slot >= depth {
                        gains[score * slots + slot] =
                            gains[score * slots + slot].saturating_add(up);
                        losses[score * slots + slot] =
                            losses[score * slots + slot].saturating_add(down);
                    }
                }
            }
        }
        let top = |charges: &mut [i64]| {
            charges.sort_unstable_by(|a, b| b.cmp(a));
            charges
                .iter()
                .take(budget)
                .fold(0i64, |sum, charge| sum.saturating_add(*charge))
        };
        let mut sharper = outlook.clone();
        for score in 0..scores {
            let high =
                now[score].saturating_add(top(&mut gains[score * slots..(score + 1) * slots]));
            let low =
                now[score].saturating_sub(top(&mut losses[score * slots..(score + 1) * slots]));
            sharper.high[score] = sharper.high[score].min(high);
            sharper.low[score] = sharper.low[score].max(low);
        }
        sharper.can_reach(program, target)
    }

    /// Each rule's possible outcomes in the current state.
    fn rule_truths(&mut self) -> Vec<Truths> {
        let program = self.space.program;
        self.lets.fill(None);
        let table = &self.table;
        let pred = |pred: &crate::ir::Pred| table[pred.id.0 as usize];
        let lets = &mut self.lets;
        (program.rules.iter())
            .map(|rule| bounds::cond(program, &rule.condition, &pred, lets))
            .collect()
    }

    /// Whether the goal can still be met in the current state.
    fn bound(&mut self) -> bool {
        let program = self.space.program;
        self.lets.fill(None);
        let table = &self.table;
        let pred = |pred: &crate::ir::Pred| table[pred.id.0 as usize];
        let lets = &mut self.lets;
        match self.goal {
            Goal::Tier(target) => {
                let rules = (program.rules.iter())
                    .map(|rule| bounds::cond(program, &rule.condition, &pred, lets));
                Outlook::new(program, rules).can_reach(program, target)
            }
            Goal::Fire(rule) => {
                bounds::cond(program, &program.rules[rule].condition, &pred, lets).has(Truth::True)
            }
            Goal::TierHolds(tier) => {
                let rules = (program.rules.iter())
                    .map(|rule| bounds::cond(program, &rule.condition, &pred, lets));
                let outlook = Outlook::new(program, rules);
                !outlook.surely_disqualified && outlook.can_hold(program, tier)
            }
            Goal::FireClean(rule) => {
                let fires = bounds::cond(program, &program.rules[rule].condition, &pred, lets);
                fires.has(Truth::True)
                    && (program.rules.iter()).all(|other| {
                        !other.disqualifies()
                            || bounds::cond(program, &other.condition, &pred, lets)
                                != Truths::one(Truth::True)
                    })
            }
        }
    }

    fn met(&self, verdict: &Verdict) -> bool {
        match self.goal {
            Goal::Tier(target) => verdict.tier.is_some_and(|tier| tier <= target),
            Goal::Fire(rule) => verdict.matched.contains(&(rule as u32)),
            Goal::FireClean(rule) => {
                verdict.matched.contains(&(rule as u32)) && !verdict.disqualified
            }
            Goal::TierHolds(tier) => {
                let outlook = Outlook {
                    low: verdict.scores.clone(),
                    high: verdict.scores.clone(),
                    surely_disqualified: verdict.disqualified,
                };
                outlook.can_hold(self.space.program, tier)
            }
        }
    }

    /// A complete choice: if it reaches the target and is preferred, its
    /// concrete values are checked with the plan and kept.
    fn leaf(&mut self) {
        if !self.bound() {
            return;
        }
        // Cost first, from each class's member nearest the current value
        // (no evaluation); only a choice that would be preferred is checked.
        let (_, rough) = self.changes(false);
        if !self.preferred(&rough) {
            return;
        }
        let (changes, cost) = self.changes(true);
        if !self.preferred(&cost) {
            return;
        }
        let verdict = self
            .evaluator
            .eval(&apply(self.space.record, &changes))
            .clone();
        if self.met(&verdict) {
            self.best = Some(Found {
                cost,
                changes,
                verdict,
            });
        }
    }

    /// The current choice as changes and their cost; with `checked`, each
    /// value is checked to lie in its class (`FieldClasses::value_in`).
    fn changes(&mut self, checked: bool) -> (Vec<Change>, Cost) {
        let space = self.space;
        let mut changes = Vec::new();
        for (slot, choice) in space.slots.iter().zip(&self.choice) {
            if let Some(class) = choice {
                let current = space.record.get(slot.field);
                let value = if checked {
                    slot.classes.value_in(self.evaluator, *class, current)
                } else {
                    slot.classes.nearest(*class, current)
                };
                changes.push(Change {
                    field: slot.field,
                    value,
                });
            }
        }
        changes.sort_by_key(|change| change.field);
        let cost = Cost::of(space.program, space.record, &changes);
        (changes, cost)
    }

    fn preferred(&self, cost: &Cost) -> bool {
        self.best
            .as_ref()
            .is_none_or(|best| cost.better_than(&best.cost))
    }

    /// Slots from `from` on may take any class.
    fn free(&mut self, from: usize) {
        for slot in &self.space.slots[from..] {
            for (pred, truths) in slot.classes.preds().iter().zip(&slot.anything) {
                self.table[pred.0 as usize] = *truths;
            }
        }
    }

    /// Slots from `from` on keep their values.
    fn keep(&mut self, from: usize) {
        for index in from..self.space.slots.len() {
            self.set(index, None);
        }
    }

    /// Slot `index` moves to `class`, or keeps its value.
    fn set(&mut self, index: usize, class: Option<ClassId>) {
        let slot = &self.space.slots[index];
        self.choice[index] = class;
        let outcomes: &[Truth] = match class {
            Some(class) => &slot.classes.classes()[class].outcomes,
            None => &slot.now,
        };
        for (pred, truth) in slot.classes.preds().iter().zip(outcomes) {
            self.table[pred.0 as usize] = Truths::one(*truth);
        }
    }
}

/// Per rule, the slots it reads.
fn rule_slots(space: &Space<'_>) -> Vec<Vec<usize>> {
    let program = space.program;
    let mut slot_of = vec![usize::MAX; program.fields.len()];
    for (index, slot) in space.slots.iter().enumerate() {
        slot_of[slot.field.0 as usize] = index;
    }
    (program.rules.iter())
        .map(|rule| {
            let mut fields = vec![false; program.fields.len()];
            let mut lets = vec![false; program.lets.len()];
            super::space::reads(program, &rule.condition, &mut fields, &mut lets);
            (fields.iter().enumerate())
                .filter(|(field, read)| **read && slot_of[*field] != usize::MAX)
                .map(|(field, _)| slot_of[field])
                .collect()
        })
        .collect()
}
