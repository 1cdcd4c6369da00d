//! The exact search: for 1, 2, ... changed fields, every choice of fields
//! and classes, depth first over the fields that may change (by name),
//! each either kept or moved to another class, pruned where the bounds
//! say the goal cannot be met. A complete choice is decided exactly
//! (every predicate has one outcome); the preferred complete choice that
//! meets the goal is made concrete (each field's value nearest its
//! current one in the chosen class) and evaluated with the plan before it
//! is returned.
//!
//! Evaluation is incremental. The walk keeps two states side by side:
//! `kept`, the current choice (fields not yet decided keep their values),
//! and `free`, the same with the fields not yet decided free to take any
//! class. Moving one field changes only its predicates, so only the rules
//! that read them (`Index::pred_rules`) are evaluated again, and the
//! score sums, disqualifier counts and per-field charges of the bounds
//! are updated by difference. A goal about one rule watches that rule
//! (and, for a clean firing, the disqualifiers) and walks only the fields
//! they read: a change of any other field cannot help.

use super::bounds::{self, Outlook, Truths};
use super::circuit::{Live, Values};
use super::preference::Cost;
use super::reach::Reach;
use super::space::{Slot, Space};
use super::{Answer, Blocker, Change, apply};
use crate::classes::ClassId;
use crate::eval::Evaluator;
use crate::ir::{self, PredId};
use crate::verdict::{Truth, Verdict};
use rustc_hash::FxHashMap;

/// What a search is after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The lead in this tier or a better one.
    Tier(u32),
    /// This rule (an index into `ir::Program::rules`) fires.
    Fire(usize),
    /// This rule fires and no disqualifier does.
    FireClean(usize),
    /// No disqualifier fires (a lead the lints' clean firings start from).
    Clean,
    /// This tier's own condition holds on a lead no disqualifier stops
    /// (whatever the tiers before it say).
    TierHolds(usize),
    /// The lead is in this segment (an index into
    /// `ir::Program::segments`): its condition is true and no
    /// disqualifier fires.
    Segment(usize),
}

/// What a search for a goal about a few rules found.
#[derive(Debug, Clone, PartialEq)]
pub enum Reached {
    /// The fewest changes that meet the goal; `complete` is `false` when
    /// the search stopped at its work limit in the level of this answer
    /// (no fewer changes do, but another of as many may be preferred).
    Found {
        changes: Vec<Change>,
        verdict: Verdict,
        complete: bool,
    },
    /// The search stopped at its work limit with no answer; no change of
    /// at most `proven` fields meets the goal.
    Stopped { proven: usize },
    /// No change within the limits meets the goal (a proof).
    Nothing,
}

/// The search's answer for `space`'s lead and `goal`, a tier or a
/// segment.
pub fn run(
    space: &Space<'_>,
    scratch: &mut Scratch,
    evaluator: &mut Evaluator<'_>,
    goal: Goal,
    max_changes: usize,
    work: usize,
) -> Answer {
    let program = space.program;
    let reachable = |table: &[Truths]| {
        let mut lets = vec![None; program.lets.len()];
        let pred = |pred: &ir::Pred| table[pred.id.0 as usize];
        let rules = (program.rules.iter())
            .map(|rule| bounds::cond(program, &rule.condition, &pred, &mut lets));
        let outlook = Outlook::new(program, rules);
        match goal {
            Goal::Tier(target) => outlook.can_reach(program, target),
            Goal::Segment(segment) => outlook.may_join(program, segment, table),
            Goal::Fire(_) | Goal::FireClean(_) | Goal::Clean | Goal::TierHolds(_) => true,
        }
    };
    if !reachable(&space.any_lead) {
        return Answer::Unreachable(Blocker::ScoresOutOfReach);
    }
    let mut free = space.base.clone();
    for slot in &space.slots {
        for (pred, truths) in slot.classes.preds().iter().zip(&slot.anything) {
            free[pred.0 as usize] = *truths;
        }
    }
    if !reachable(&free) {
        return Answer::Unreachable(Blocker::FixedFields);
    }
    match reach(space, scratch, evaluator, goal, max_changes, work) {
        Reached::Found {
            changes,
            verdict,
            complete,
        } => Answer::Reachable {
            changes,
            verdict,
            complete,
        },
        Reached::Stopped { proven } => Answer::Unreachable(Blocker::Stopped { proven }),
        Reached::Nothing => Answer::Unreachable(Blocker::NotWithin { max_changes }),
    }
}

/// The fewest changes (none, if the lead meets it as it is; at most
/// `max_changes`) that meet `goal`.
pub fn reach(
    space: &Space<'_>,
    scratch: &mut Scratch,
    evaluator: &mut Evaluator<'_>,
    goal: Goal,
    max_changes: usize,
    work: usize,
) -> Reached {
    let mut walk = Walk::new(space, scratch, evaluator, goal, work);
    let found = walk.levels(max_changes);
    let reached = match (found, walk.stopped_at) {
        (Some((changes, verdict)), stopped) => Reached::Found {
            changes,
            verdict,
            complete: stopped.is_none(),
        },
        (None, Some(level)) => Reached::Stopped {
            proven: level.saturating_sub(1),
        },
        (None, None) => Reached::Nothing,
    };
    walk.finish(scratch);
    reached
}

/// Whether some choice of classes of the space's fields meets `goal`:
/// `None` when the search gave up, having spent all of `work` (rule
/// evaluations and search states; what it spent is taken from `work`).
/// A depth first search with no bound on how many fields change (the
/// lints ask whether, not how few): each field is kept before it is
/// moved, and a choice with every field decided is decided exactly by
/// the bounds.
pub fn exists(
    space: &Space<'_>,
    scratch: &mut Scratch,
    evaluator: &mut Evaluator<'_>,
    goal: Goal,
    work: &mut usize,
) -> Option<bool> {
    witness(space, scratch, evaluator, goal, work).map(|found| found.is_some())
}

/// [`exists`], with the choice that meets the goal: per changed slot
/// (an index into `Space::slots`), its class.
pub fn witness(
    space: &Space<'_>,
    scratch: &mut Scratch,
    evaluator: &mut Evaluator<'_>,
    goal: Goal,
    work: &mut usize,
) -> Option<Option<Vec<(usize, ClassId)>>> {
    let mut walk = Walk::new(space, scratch, evaluator, goal, *work);
    let found = walk.any(0);
    let choice = found.then(|| {
        (walk.order.iter().zip(&walk.choice))
            .filter_map(|(slot, class)| class.map(|class| (*slot, class)))
            .collect()
    });
    let done = found || walk.work_left > 0;
    *work = walk.work_left;
    walk.finish(scratch);
    done.then_some(choice)
}

/// The buffers every search of one space uses, sized once: each walk
/// leaves them as it found them (both tables the lead's predicates, no
/// rule watched or evaluated), so a search costs what it touches, not the
/// size of the program.
pub struct Scratch {
    kept: Side,
    free: Side,
    watched: Vec<bool>,
    /// The circuit's trees the watched rules read.
    live: Live,
    /// Per predicate: read by a watched rule.
    reads: Vec<bool>,
    stamps: Vec<u32>,
    stamp: u32,
    /// The classes worth moving a slot to for a goal about a few rules,
    /// by slot and the watched predicates of its field: many rules read
    /// the same predicates of a field (shared lets), and the lead is the
    /// same for every search of the space.
    groups: FxHashMap<(usize, Vec<PredId>), std::rc::Rc<[ClassId]>>,
}

impl Scratch {
    /// Buffers for the searches of `space`.
    pub fn new(space: &Space<'_>) -> Scratch {
        let program = space.program;
        let circuit = &space.index.circuit;
        let side = || Side {
            table: space.base.clone(),
            values: Values::new(circuit),
            lets: vec![None; program.lets.len()],
            rules: vec![Truths::default(); program.rules.len()],
            low: vec![0; program.scores.len()],
            high: vec![0; program.scores.len()],
            disqualified: 0,
        };
        Scratch {
            kept: side(),
            free: side(),
            watched: vec![false; program.rules.len()],
            live: Live::new(circuit),
            reads: vec![false; program.pred_count as usize],
            stamps: vec![0; program.rules.len()],
            stamp: 0,
            groups: FxHashMap::default(),
        }
    }

    fn take(&mut self) -> Scratch {
        let empty = || Side {
            table: Vec::new(),
            values: Values::default(),
            lets: Vec::new(),
            rules: Vec::new(),
            low: Vec::new(),
            high: Vec::new(),
            disqualified: 0,
        };
        std::mem::replace(
            self,
            Scratch {
                kept: empty(),
                free: empty(),
                watched: Vec::new(),
                live: Live::default(),
                reads: Vec::new(),
                stamps: Vec::new(),
                stamp: self.stamp,
                groups: FxHashMap::default(),
            },
        )
    }
}

/// The preferred answer so far, not yet checked with the plan.
struct Found {
    cost: Cost,
    changes: Vec<Change>,
}

/// One of the walk's two states: every watched predicate's possible
/// outcomes, every watched rule's (and each node of the large ones'
/// conditions; the small ones' lets as last computed), and what they add
/// up to.
struct Side {
    table: Vec<Truths>,
    values: Values,
    lets: Vec<Option<Truths>>,
    rules: Vec<Truths>,
    /// Per score: the least and the most it can be (wide, so that taking
    /// a rule's points back undoes adding them).
    low: Vec<i128>,
    high: Vec<i128>,
    /// Watched disqualifiers that surely fire.
    disqualified: usize,
}

/// Which side of the walk a change is made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Kept,
    Free,
}

/// What a slot is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    /// Its current value.
    Now,
    /// One of its classes.
    Class(ClassId),
    /// Any of its classes.
    Anything,
}

/// The search over one lead for one goal.
struct Walk<'s, 'e, 'p> {
    space: &'s Space<'s>,
    evaluator: &'e mut Evaluator<'p>,
    goal: Goal,
    /// The slots (indexes into `Space::slots`) the walk may change, by name.
    order: Vec<usize>,
    /// Per position in `order`: the watched predicates of its field, each
    /// with its index among the field's predicates.
    writes: Vec<Vec<(usize, PredId)>>,
    /// Per position: the classes worth moving it to, found when first
    /// needed (a search rarely moves every field it may).
    candidates: Vec<Option<std::rc::Rc<[ClassId]>>>,
    /// [`Scratch::groups`], for the walk's time.
    groups: FxHashMap<(usize, Vec<PredId>), std::rc::Rc<[ClassId]>>,
    /// Whether every class is worth moving to (else one per group the
    /// watched predicates cannot tell apart).
    every: bool,
    /// Whether each rule is watched, and the watched rules.
    watched: Vec<bool>,
    watched_rules: Vec<usize>,
    /// The circuit's trees the watched rules read.
    live: Live,
    /// Per predicate: read by a watched rule.
    reads: Vec<bool>,
    /// Per rule: the positions in `order` it reads.
    positions: Vec<Vec<usize>>,
    kept: Side,
    free: Side,
    /// Per score and position: the points changing the field could add,
    /// and take away (charged by every rule that may still change).
    gains: Vec<i128>,
    losses: Vec<i128>,
    /// Rules to evaluate again, stamped so each is queued once.
    queue: Vec<u32>,
    stamps: Vec<u32>,
    stamp: u32,
    /// Per position: the class it moves to, or `None` to keep it.
    choice: Vec<Option<ClassId>>,
    best: Option<Found>,
    /// Answers the plan did not confirm.
    rejected: Vec<Vec<Change>>,
    /// Rule evaluations (and search states) still allowed; the walk
    /// stops at zero.
    work_left: usize,
    /// The level the walk ran out of work in.
    stopped_at: Option<usize>,
    /// Per class of each position, how far its move can push the scores
    /// (a tier goal, from the second level on).
    reach: Option<Reach>,
    /// Scratch for the bounds.
    outlook: Outlook,
    top: Vec<i128>,
    now: Vec<i128>,
}

impl<'s, 'e, 'p> Walk<'s, 'e, 'p> {
    fn new(
        space: &'s Space<'s>,
        scratch: &mut Scratch,
        evaluator: &'e mut Evaluator<'p>,
        goal: Goal,
        work: usize,
    ) -> Self {
        let program = space.program;
        let index = space.index;
        let Scratch {
            mut kept,
            mut free,
            mut watched,
            mut live,
            mut reads,
            stamps,
            stamp,
            groups,
        } = scratch.take();
        let watched_rules: Vec<usize> = match goal {
            Goal::Tier(target) => {
                let tiers = &index.tier_scores[..=target as usize];
                rules_for(program, &tiers.concat())
            }
            Goal::TierHolds(tier) => rules_for(program, &index.tier_scores[tier]),
            Goal::Segment(segment) => rules_for(program, &index.segment_scores[segment]),
            Goal::Fire(rule) => vec![rule],
            Goal::Clean => (program.rules.iter().enumerate())
                .filter_map(|(other, rule)| rule.disqualifies().then_some(other))
                .collect(),
            Goal::FireClean(rule) => std::iter::once(rule)
                .chain(
                    (program.rules.iter().enumerate())
                        .filter_map(|(other, rule)| rule.disqualifies().then_some(other)),
                )
                .collect(),
        };
        // The fields the watched rules read, and their predicates (each
        // once, so that a walk costs what its goal reads).
        let mut read = vec![false; program.fields.len()];
        let mut preds: Vec<PredId> = Vec::new();
        let mut mark = |fields: &[ir::FieldId], of: &[PredId], reads: &mut [bool]| {
            for field in fields {
                read[field.0 as usize] = true;
            }
            for pred in of {
                if !std::mem::replace(&mut reads[pred.0 as usize], true) {
                    preds.push(*pred);
                }
            }
        };
        for rule in &watched_rules {
            watched[*rule] = true;
            mark(
                &index.rule_fields[*rule],
                &index.rule_preds[*rule],
                &mut reads,
            );
        }
        if let Goal::Segment(segment) = goal {
            let (fields, of) = (
                &index.segment_fields[segment],
                &index.segment_preds[segment],
            );
            mark(fields, of, &mut reads);
        }
        let mut order: Vec<usize> = (0..space.slots.len())
            .filter(|slot| read[space.slots[*slot].field.0 as usize])
            .collect();
        if let Goal::FireClean(rule) | Goal::Fire(rule) = goal {
            // The rule's own fields first: a depth-first search for a
            // firing ([`exists`]) decides them before any other.
            let own = &index.rule_fields[rule];
            order.sort_by_key(|slot| !own.contains(&space.slots[*slot].field));
        }
        if let Goal::Tier(_) = goal {
            // Fields that can move the scores most first: the bounds of
            // the fields left then shrink fastest. (The answer is the
            // preferred one of its level whatever the order.)
            let mut reach = vec![0i128; program.fields.len()];
            for rule in &watched_rules {
                let fields = &index.rule_fields[*rule];
                for (_, delta) in program.rules[*rule].adds() {
                    for field in fields {
                        reach[field.0 as usize] += i128::from(delta).abs();
                    }
                }
            }
            order.sort_by_key(|slot| std::cmp::Reverse(reach[space.slots[*slot].field.0 as usize]));
        }
        let mut position_of = vec![usize::MAX; program.fields.len()];
        for (position, slot) in order.iter().enumerate() {
            position_of[space.slots[*slot].field.0 as usize] = position;
        }
        // Per position, its field's watched predicates with their index
        // among the field's (which are ascending by id).
        let mut writes: Vec<Vec<(usize, PredId)>> = vec![Vec::new(); order.len()];
        for pred in preds {
            let Some(field) = index.pred_field[pred.0 as usize] else {
                continue;
            };
            let position = position_of[field.0 as usize];
            if position == usize::MAX {
                continue;
            }
            let all = space.slots[order[position]].classes.preds();
            if let Ok(local) = all.binary_search(&pred) {
                writes[position].push((local, pred));
            }
        }
        for writes in &mut writes {
            writes.sort_unstable();
        }
        let every = matches!(goal, Goal::Tier(_) | Goal::TierHolds(_) | Goal::Segment(_));
        let candidates = vec![None; order.len()];
        // Only a tier goal charges rules to the fields they read.
        let positions = match goal {
            Goal::Tier(_) => (index.rule_fields.iter())
                .map(|fields| {
                    (fields.iter())
                        .map(|field| position_of[field.0 as usize])
                        .filter(|position| *position != usize::MAX)
                        .collect()
                })
                .collect(),
            Goal::Fire(_)
            | Goal::FireClean(_)
            | Goal::Clean
            | Goal::TierHolds(_)
            | Goal::Segment(_) => Vec::new(),
        };
        let scores = program.scores.len();
        for (position, slot) in order.iter().enumerate() {
            let slot = &space.slots[*slot];
            for (local, pred) in &writes[position] {
                free.table[pred.0 as usize] = slot.anything[*local];
            }
        }
        kept.lets.fill(None);
        free.lets.fill(None);
        let circuit = &index.circuit;
        let large: Vec<usize> = (watched_rules.iter().copied())
            .filter(|rule| circuit.large(*rule))
            .collect();
        live.start(circuit, &large);
        circuit.evaluate(&mut kept.values, &live, &kept.table);
        circuit.evaluate(&mut free.values, &live, &free.table);
        let mut walk = Walk {
            space,
            evaluator,
            goal,
            writes,
            candidates,
            groups,
            every,
            watched,
            watched_rules,
            live,
            reads,
            positions,
            kept,
            free,
            gains: vec![0; scores * order.len()],
            losses: vec![0; scores * order.len()],
            queue: Vec::new(),
            stamps,
            stamp,
            choice: vec![None; order.len()],
            best: None,
            rejected: Vec::new(),
            work_left: work,
            stopped_at: None,
            outlook: Outlook {
                low: vec![0; scores],
                high: vec![0; scores],
                surely_disqualified: false,
            },
            top: Vec::new(),
            now: Vec::new(),
            reach: None,
            order,
        };
        for index in 0..walk.watched_rules.len() {
            walk.evaluate(walk.watched_rules[index]);
        }
        walk
    }

    /// Gives the buffers back as they were before the walk.
    fn finish(mut self, scratch: &mut Scratch) {
        let space = self.space;
        for (position, writes) in self.writes.iter().enumerate() {
            let slot = &space.slots[self.order[position]];
            for (_, pred) in writes {
                self.free.table[pred.0 as usize] = space.base[pred.0 as usize];
            }
            debug_assert!(
                (slot.classes.preds().iter())
                    .all(|pred| self.kept.table[pred.0 as usize] == space.base[pred.0 as usize])
            );
        }
        for rule in &self.watched_rules {
            self.watched[*rule] = false;
            self.kept.rules[*rule] = Truths::default();
            self.free.rules[*rule] = Truths::default();
            for pred in &space.index.rule_preds[*rule] {
                self.reads[pred.0 as usize] = false;
            }
        }
        if let Goal::Segment(segment) = self.goal {
            for pred in &space.index.segment_preds[segment] {
                self.reads[pred.0 as usize] = false;
            }
        }
        self.live.clear(&space.index.circuit);
        for side in [&mut self.kept, &mut self.free] {
            side.lets.fill(None);
            side.low.fill(0);
            side.high.fill(0);
            side.disqualified = 0;
        }
        *scratch = Scratch {
            kept: self.kept,
            free: self.free,
            watched: self.watched,
            live: self.live,
            reads: self.reads,
            stamps: self.stamps,
            stamp: self.stamp,
            groups: self.groups,
        };
    }

    /// Levels of 1, 2, ... changes from the lead as it is: the preferred
    /// answer of the first level that has one.
    fn levels(&mut self, max_changes: usize) -> Option<(Vec<Change>, Verdict)> {
        for budget in 0..=max_changes.min(self.order.len()) {
            if budget == 2
                && let Goal::Tier(_) = self.goal
            {
                let (table, now) = (&self.free.table, &self.kept.rules);
                let reach = Reach::new(self.space, &self.order, table, now, &self.watched);
                self.reach = Some(reach);
            }
            self.visit(0, budget);
            // The preferred choice of the level, checked with the plan; one
            // the plan disagrees with (the bounds say it should not happen)
            // is set aside and the level searched again.
            while let Some(found) = self.best.take() {
                let changed = apply(self.space.record, &found.changes);
                let verdict = self.evaluator.eval(&changed).clone();
                if self.met(&verdict) {
                    if self.work_left == 0 {
                        self.stopped_at = Some(budget);
                    }
                    return Some((found.changes, verdict));
                }
                self.rejected.push(found.changes);
                self.visit(0, budget);
            }
            if self.work_left == 0 {
                self.stopped_at = Some(budget);
                return None;
            }
        }
        None
    }

    /// Tries every way to change exactly `budget` of the positions from
    /// `depth` on. INVARIANT: on entry and exit those positions are kept
    /// on the kept side and free on the free side.
    fn visit(&mut self, depth: usize, budget: usize) {
        if self.work_left == 0 {
            return;
        }
        self.work_left -= 1;
        if budget == 0 {
            self.leaf();
            return;
        }
        if self.order.len() - depth < budget {
            return;
        }
        if !self.bound(depth, budget, false) {
            return;
        }
        let moving = self.bound(depth, budget, true);
        // From here on the field at `depth` is decided: kept, then moved.
        // With one change left the free side stays as it is: freer than
        // the state, so its bounds still hold, and the last change is
        // judged per class by `Reach` instead.
        let last = budget == 1;
        if !last {
            self.assign(Which::Free, depth, Setting::Now);
        }
        self.visit(depth + 1, budget);
        if !moving {
            if !last {
                self.assign(Which::Free, depth, Setting::Anything);
            }
            return;
        }
        // The last change leads straight to leaves, which read only the
        // kept side.
        self.now.clone_from(&self.kept.low);
        self.find_candidates(depth);
        let mut at = 0;
        while let Some(class) = self.candidate(depth, at) {
            at += 1;
            if last && !self.class_may_reach(depth, class) {
                continue;
            }
            self.assign(Which::Kept, depth, Setting::Class(class));
            if !last {
                self.assign(Which::Free, depth, Setting::Class(class));
            }
            self.visit(depth + 1, budget - 1);
        }
        self.assign(Which::Kept, depth, Setting::Now);
        if !last {
            self.assign(Which::Free, depth, Setting::Anything);
        }
    }

    /// The classes the field at `depth` is worth moving to, once.
    fn find_candidates(&mut self, depth: usize) {
        if self.candidates[depth].is_some() {
            return;
        }
        let index = self.order[depth];
        let slot = &self.space.slots[index];
        let writes = &self.writes[depth];
        let found = if self.every {
            let classes = slot.classes.classes().len();
            (0..classes)
                .filter(|class| Some(*class) != slot.current)
                .collect()
        } else {
            let key = (index, writes.iter().map(|(_, pred)| *pred).collect());
            match self.groups.get(&key) {
                Some(found) => found.clone(),
                None => {
                    let found: std::rc::Rc<[ClassId]> =
                        candidates(self.space, self.evaluator, slot, writes).into();
                    self.groups.insert(key, found.clone());
                    found
                }
            }
        };
        self.candidates[depth] = Some(found);
    }

    /// The `at`th class the field at `depth` is worth moving to.
    fn candidate(&self, depth: usize, at: usize) -> Option<ClassId> {
        (self.candidates[depth].as_ref()).and_then(|classes| classes.get(at).copied())
    }

    /// Whether some choice of classes for the positions from `depth` on
    /// meets the goal, however many change ([`exists`]). INVARIANT as for
    /// [`Walk::visit`].
    fn any(&mut self, depth: usize) -> bool {
        if self.work_left == 0 {
            return false;
        }
        self.work_left -= 1;
        if depth == self.order.len() {
            return self.holds();
        }
        if !self.bound(depth, 0, false) {
            return false;
        }
        self.assign(Which::Free, depth, Setting::Now);
        let mut found = self.any(depth + 1);
        if !found {
            self.find_candidates(depth);
            let mut at = 0;
            while let Some(class) = self.candidate(depth, at) {
                at += 1;
                self.assign(Which::Kept, depth, Setting::Class(class));
                self.assign(Which::Free, depth, Setting::Class(class));
                found = self.any(depth + 1);
                if found || self.work_left == 0 {
                    break;
                }
            }
            // The choice that met the goal stays in `choice` for
            // [`witness`]; the tables go back as they were.
            let chosen = self.choice[depth];
            self.assign(Which::Kept, depth, Setting::Now);
            if found {
                self.choice[depth] = chosen;
            }
        }
        self.assign(Which::Free, depth, Setting::Anything);
        found
    }

    /// Whether the goal can still be met changing exactly `budget` of the
    /// positions from `depth` on. For a tier, sharper than the free side
    /// alone: what a rule could still add or take away is charged to each
    /// undecided field it reads, and each score moves at most by the
    /// `budget` largest charges (a rule that needs several fields changed
    /// is charged to each, so the bound stays safe).
    ///
    /// With `moves`, the field at `depth` is one of the changed ones: its
    /// charge counts whatever the others' are.
    fn bound(&mut self, depth: usize, budget: usize, moves: bool) -> bool {
        let program = self.space.program;
        if let Some(possible) = self.capped_goal(Which::Free) {
            return possible;
        }
        match self.goal {
            Goal::Fire(rule) => self.free.rules[rule].has(Truth::True),
            Goal::FireClean(rule) => {
                self.free.rules[rule].has(Truth::True) && self.free.disqualified == 0
            }
            Goal::Clean => self.free.disqualified == 0,
            Goal::Segment(segment) => self.may_join(Which::Free, segment),
            Goal::TierHolds(tier) => {
                narrow(&mut self.outlook.low, &self.free.low);
                narrow(&mut self.outlook.high, &self.free.high);
                self.outlook.surely_disqualified = self.free.disqualified > 0;
                self.outlook.can_hold(program, tier)
            }
            Goal::Tier(target) => {
                if self.free.disqualified > 0 {
                    return false;
                }
                let positions = self.order.len();
                let (first, rest) = if moves {
                    (depth + 1, budget - 1)
                } else {
                    (depth, budget)
                };
                for score in 0..program.scores.len() {
                    let row = score * positions;
                    let now = self.kept.low[score];
                    let (mut up, mut down) = if moves {
                        (self.gains[row + depth], self.losses[row + depth])
                    } else {
                        (0, 0)
                    };
                    up += top(
                        &mut self.top,
                        &self.gains[row + first..row + positions],
                        rest,
                    );
                    down += top(
                        &mut self.top,
                        &self.losses[row + first..row + positions],
                        rest,
                    );
                    let (mut high, mut low) = (
                        self.free.high[score].min(now + up),
                        self.free.low[score].max(now - down),
                    );
                    if let Some(reach) = &self.reach {
                        let row = &reach.up_max[row..row + positions];
                        let mut up = if moves { row[depth] } else { 0 };
                        up += top(&mut self.top, &row[first..], rest);
                        high = high.min(now + up);
                        let row = &reach.down_max[score * positions..(score + 1) * positions];
                        let mut down = if moves { row[depth] } else { 0 };
                        down += top(&mut self.top, &row[first..], rest);
                        low = low.max(now - down);
                    }
                    self.outlook.high[score] = clamp(high);
                    self.outlook.low[score] = clamp(low);
                }
                self.outlook.surely_disqualified = false;
                self.outlook.can_reach(program, target)
            }
        }
    }

    /// Whether moving the field at `depth` into `class`, as the last
    /// change, may reach a tier goal, by [`Reach`] from the scores before
    /// the move (`self.now`).
    fn class_may_reach(&mut self, depth: usize, class: ClassId) -> bool {
        if !self.space.program.caps.is_empty() {
            return true;
        }
        let (Goal::Tier(target), Some(reach)) = (self.goal, &self.reach) else {
            return true;
        };
        for score in 0..self.now.len() {
            let (up, down) = reach.of(depth, class, score);
            self.outlook.high[score] = clamp(self.now[score] + up);
            self.outlook.low[score] = clamp(self.now[score] - down);
        }
        self.outlook.surely_disqualified = false;
        self.outlook.can_reach(self.space.program, target)
    }

    /// For a tier goal in a program with caps, whether `which` side may
    /// meet it. The running sums and charges add points without caps, so
    /// they bound nothing there; the capped outlook of every rule's truths
    /// does (caps are monotone). `None` for other goals or without caps.
    fn capped_goal(&self, which: Which) -> Option<bool> {
        let program = self.space.program;
        if program.caps.is_empty() {
            return None;
        }
        let side = match which {
            Which::Kept => &self.kept,
            Which::Free => &self.free,
        };
        let outlook = || Outlook::new(program, side.rules.iter().copied());
        match self.goal {
            Goal::Fire(_) | Goal::FireClean(_) | Goal::Clean | Goal::Segment(_) => None,
            Goal::Tier(target) => {
                let outlook = outlook();
                Some(!outlook.surely_disqualified && outlook.can_reach(program, target))
            }
            Goal::TierHolds(tier) => {
                let outlook = outlook();
                Some(!outlook.surely_disqualified && outlook.can_hold(program, tier))
            }
        }
    }

    /// Whether `which` side may be in segment `segment`: no disqualifier
    /// surely fires and the segment's condition may hold, its field tests
    /// read from the side's table and its score tests from the side's
    /// bounds (capped, in a program with caps). Exact on a decided side.
    fn may_join(&mut self, which: Which, segment: usize) -> bool {
        let program = self.space.program;
        let side = match which {
            Which::Kept => &self.kept,
            Which::Free => &self.free,
        };
        if side.disqualified > 0 {
            return false;
        }
        if program.caps.is_empty() {
            narrow(&mut self.outlook.low, &side.low);
            narrow(&mut self.outlook.high, &side.high);
            self.outlook.surely_disqualified = false;
            self.outlook.may_join(program, segment, &side.table)
        } else {
            let outlook = Outlook::new(program, side.rules.iter().copied());
            outlook.may_join(program, segment, &side.table)
        }
    }

    /// Whether the kept side, fully decided, meets the goal.
    fn holds(&mut self) -> bool {
        let program = self.space.program;
        if let Some(holds) = self.capped_goal(Which::Kept) {
            return holds;
        }
        match self.goal {
            Goal::Segment(segment) => self.may_join(Which::Kept, segment),
            Goal::Fire(rule) => self.kept.rules[rule] == Truths::one(Truth::True),
            Goal::FireClean(rule) => {
                self.kept.rules[rule] == Truths::one(Truth::True) && self.kept.disqualified == 0
            }
            Goal::Clean => self.kept.disqualified == 0,
            Goal::Tier(_) | Goal::TierHolds(_) => {
                narrow(&mut self.outlook.low, &self.kept.low);
                narrow(&mut self.outlook.high, &self.kept.high);
                self.outlook.surely_disqualified = self.kept.disqualified > 0;
                match self.goal {
                    Goal::Tier(target) => self.outlook.can_reach(program, target),
                    Goal::TierHolds(tier) => self.outlook.can_hold(program, tier),
                    Goal::Fire(_) | Goal::FireClean(_) | Goal::Clean | Goal::Segment(_) => false,
                }
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
            Goal::Clean => !verdict.disqualified,
            Goal::Segment(segment) => verdict.segments.contains(&(segment as u32)),
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

    /// A complete choice: if it meets the goal and is preferred, it is
    /// the best so far (checked with the plan at the end of the level).
    fn leaf(&mut self) {
        if !self.holds() {
            return;
        }
        let space = self.space;
        let mut moves = Vec::new();
        for (slot, choice) in self.order.iter().zip(&self.choice) {
            if let Some(class) = choice {
                let slot = &space.slots[*slot];
                moves.push((slot.field, slot.moved(self.evaluator, space.record, *class)));
            }
        }
        moves.sort_by_key(|(field, _)| *field);
        // The totals first; names only where they may decide.
        let parts = moves.iter().map(|(_, moved)| moved.part);
        if (self.best.as_ref()).is_some_and(|best| !best.cost.may_lose_to(parts)) {
            return;
        }
        let program = space.program;
        let cost = Cost::new(moves.iter().map(|(field, moved)| {
            (
                moved.part,
                program.field(*field).name.as_str(),
                moved.shown.as_str(),
            )
        }));
        if (self.best.as_ref()).is_some_and(|best| !cost.better_than(&best.cost)) {
            return;
        }
        let changes = (moves.iter())
            .map(|(field, moved)| Change {
                field: *field,
                value: moved.value.clone(),
            })
            .collect();
        if !self.rejected.contains(&changes) {
            self.best = Some(Found { cost, changes });
        }
    }

    /// Sets position `position` on one side, and evaluates again the
    /// watched rules that read a predicate whose outcomes changed.
    fn assign(&mut self, which: Which, position: usize, setting: Setting) {
        let space = self.space;
        let slot = &space.slots[self.order[position]];
        if which == Which::Kept {
            self.choice[position] = match setting {
                Setting::Class(class) => Some(class),
                Setting::Now | Setting::Anything => None,
            };
        }
        self.stamp = self.stamp.wrapping_add(1);
        let index = space.index;
        let side = match which {
            Which::Kept => &mut self.kept,
            Which::Free => &mut self.free,
        };
        // The row this setting reads, picked once rather than per predicate.
        let (ones, anything): (&[Truth], &[Truths]) = match setting {
            Setting::Now => (&slot.now, &[]),
            Setting::Class(class) => (&slot.classes.classes()[class].outcomes, &[]),
            Setting::Anything => (&[], &slot.anything),
        };
        for (local, pred) in &self.writes[position] {
            let truths = match setting {
                Setting::Anything => anything[*local],
                Setting::Now | Setting::Class(_) => Truths::one(ones[*local]),
            };
            let entry = &mut side.table[pred.0 as usize];
            if *entry == truths {
                continue;
            }
            *entry = truths;
            (index.circuit).set(&mut side.values, &self.live, *pred, truths);
            for id in &index.pred_lets[pred.0 as usize] {
                side.lets[*id as usize] = None;
            }
            for rule in &index.pred_rules[pred.0 as usize] {
                let stamp = &mut self.stamps[*rule as usize];
                if self.watched[*rule as usize] && *stamp != self.stamp {
                    *stamp = self.stamp;
                    self.queue.push(*rule);
                }
            }
        }
        let queue = std::mem::take(&mut self.queue);
        for rule in &queue {
            self.reevaluate(which, *rule as usize);
        }
        self.queue = queue;
        self.queue.clear();
    }

    /// Evaluates a watched rule on both sides from scratch (at the start).
    fn evaluate(&mut self, rule: usize) {
        self.reevaluate(Which::Kept, rule);
        self.reevaluate(Which::Free, rule);
    }

    /// Evaluates a watched rule again on one side and updates the sums.
    fn reevaluate(&mut self, which: Which, rule: usize) {
        self.work_left = self.work_left.saturating_sub(1);
        let program = self.space.program;
        let before = (self.kept.rules[rule], self.free.rules[rule]);
        let side = match which {
            Which::Kept => &mut self.kept,
            Which::Free => &mut self.free,
        };
        let circuit = &self.space.index.circuit;
        let truths = if circuit.large(rule) {
            circuit.rule(&side.values, rule)
        } else {
            let table = &side.table;
            let pred = |pred: &ir::Pred| table[pred.id.0 as usize];
            let condition = &program.rules[rule].condition;
            bounds::cond(program, condition, &pred, &mut side.lets)
        };
        let old = std::mem::replace(&mut side.rules[rule], truths);
        if old == truths {
            return;
        }
        side.effects(&program.rules[rule], old, -1);
        side.effects(&program.rules[rule], truths, 1);
        if let Goal::Tier(_) = self.goal {
            let after = (self.kept.rules[rule], self.free.rules[rule]);
            let positions = self.order.len();
            for (score, delta) in program.rules[rule].adds() {
                let (up, down) = charge(delta, before);
                let (up2, down2) = charge(delta, after);
                let row = score.0 as usize * positions;
                for position in &self.positions[rule] {
                    self.gains[row + position] += up2 - up;
                    self.losses[row + position] += down2 - down;
                }
            }
        }
    }
}

/// The rules that can matter to a goal on a lead's tier or segment whose
/// conditions test `scores`: the disqualifiers (a disqualified lead is in
/// no tier or segment) and the rules that add to one of those scores. No
/// other rule changes whether the goal is met, so a change of a field
/// only they read is never part of a fewest changes, and the search
/// skips them and those fields.
fn rules_for(program: &ir::Program, scores: &[ir::ScoreId]) -> Vec<usize> {
    (program.rules.iter().enumerate())
        .filter(|(_, rule)| {
            rule.disqualifies() || rule.adds().any(|(score, _)| scores.contains(&score))
        })
        .map(|(index, _)| index)
        .collect()
}

/// What a rule adding `delta` could still add (`up`) or take away
/// (`down`) from its score, given its kept and free outcomes.
fn charge(delta: i64, (kept, free): (Truths, Truths)) -> (i128, i128) {
    let delta = i128::from(delta);
    let fires = kept == Truths::one(Truth::True);
    let may_fire = free.has(Truth::True);
    let may_stop = free != Truths::one(Truth::True);
    match (fires, delta > 0) {
        (false, true) if may_fire => (delta, 0),
        (false, false) if may_fire => (0, -delta),
        (true, true) if may_stop => (0, delta),
        (true, false) if may_stop => (-delta, 0),
        _ => (0, 0),
    }
}

impl Side {
    /// Adds (`sign` 1) or removes (-1) what a rule with these outcomes
    /// does to the bounds, as [`Outlook::new`] counts it.
    fn effects(&mut self, rule: &ir::Rule, truths: Truths, sign: i8) {
        let surely = truths == Truths::one(Truth::True);
        let maybe = truths.has(Truth::True);
        for (score, delta) in rule.adds() {
            let index = score.0 as usize;
            let signed = i128::from(delta) * i128::from(sign);
            if surely || (maybe && delta < 0) {
                self.low[index] += signed;
            }
            if surely || (maybe && delta > 0) {
                self.high[index] += signed;
            }
        }
        if surely && rule.disqualifies() {
            self.disqualified = self.disqualified.wrapping_add_signed(isize::from(sign));
        }
    }
}

/// The classes a slot is worth moving to for a goal about a few rules:
/// one per group of classes that the watched predicates (`writes`)
/// cannot tell apart, the cheapest of the group for this lead, and none
/// of the group of its current value (a goal about a few rules sees only
/// their predicates, so a move within a group changes nothing for it,
/// and of equal moves the preferred answer takes the cheapest). (A goal
/// about every rule tries every class but the current one.)
fn candidates(
    space: &Space<'_>,
    evaluator: &mut Evaluator<'_>,
    slot: &Slot<'_>,
    writes: &[(usize, PredId)],
) -> Vec<ClassId> {
    let classes = slot.classes.classes();
    let key = |outcomes: &dyn Fn(usize) -> Truth, out: &mut Vec<Truth>| {
        out.clear();
        out.extend(writes.iter().map(|(local, _)| outcomes(*local)));
    };
    let mut seen: FxHashMap<Vec<Truth>, usize> = FxHashMap::default();
    let mut buffer = Vec::with_capacity(writes.len());
    key(&|local| slot.now[local], &mut buffer);
    seen.insert(buffer.clone(), usize::MAX);
    let mut chosen: Vec<ClassId> = Vec::new();
    let record = space.record;
    for (class, members) in classes.iter().enumerate() {
        key(&|local| members.outcomes[local], &mut buffer);
        match seen.get(&buffer[..]) {
            Some(&usize::MAX) => {}
            Some(&group) => {
                let best = chosen[group];
                let (a, b) = (
                    slot.moved(evaluator, record, class),
                    slot.moved(evaluator, record, best),
                );
                if a.part.cheaper_than(&b.part, &a.shown, &b.shown) {
                    chosen[group] = class;
                }
            }
            None => {
                seen.insert(buffer.clone(), chosen.len());
                chosen.push(class);
            }
        }
    }
    chosen
}

/// The sum of the `count` largest of `charges`.
fn top(scratch: &mut Vec<i128>, charges: &[i128], count: usize) -> i128 {
    match count {
        0 => 0,
        1 => charges.iter().copied().max().unwrap_or(0),
        _ if count >= charges.len() => charges.iter().sum(),
        _ => {
            scratch.clear();
            scratch.extend_from_slice(charges);
            scratch.select_nth_unstable_by(count - 1, |a, b| b.cmp(a));
            scratch[..count].iter().sum()
        }
    }
}

/// A wide sum as a score, saturated at the ends of `i64`.
fn clamp(value: i128) -> i64 {
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

fn narrow(out: &mut [i64], wide: &[i128]) {
    for (out, wide) in out.iter_mut().zip(wide) {
        *out = clamp(*wide);
    }
}
