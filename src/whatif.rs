//! "What would it take": the fewest field changes that move a lead into a
//! target tier (or a better one), found by an exact search.
//!
//! A record's verdict depends only on the value class of each field
//! (`classes`), so the search tries one value per class. It goes by
//! increasing number of changed fields, 1, 2, ... up to
//! [`Limits::max_changes`]; at each level it explores every choice of
//! fields and classes, depth first over the fields that may change,
//! pruned by bounds (`bounds`): what the rules still undecided could add
//! or take away from each score, and whether a disqualifier fires whatever
//! the undecided fields hold. A state that is disqualified or worse than
//! the lead is never dropped for that alone, since the next change may
//! lift it. So the first level with an answer is the true minimum, and an
//! empty search up to the limit proves that none exists within it. Among
//! the answers of that level one is chosen by a fixed preference
//! (`preference`), whatever the order of the schema and the rules; it is
//! evaluated once more with the plan before it is returned.

pub(crate) mod bounds;
mod circuit;
mod clean;
mod implied;
mod index;
mod preference;
mod reach;
mod search;
mod space;

#[cfg(test)]
mod tests;

use crate::classes::{Classes, FieldClasses};
use crate::ir;
use crate::plan::Plan;
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

/// The smallest change that makes a rule fire that did not.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// Index into `ir::Program::rules`.
    pub rule: u32,
    /// The changes, in field order.
    pub changes: Vec<Change>,
    /// The verdict of the changed record.
    pub verdict: Verdict,
    /// Whether every answer with as few changes was compared: `false` when
    /// the search stopped at [`Limits::work`] after finding this one (no
    /// fewer changes do, but another of as many may be preferred).
    pub complete: bool,
    /// The rule fires on the changed record but its points change no
    /// score there: a full group or score cap swallows them.
    pub adds_nothing: bool,
}

/// The nearest misses of a lead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Misses {
    /// Per scoring rule that did not fire and that some change within the
    /// limits fires, its nearest miss, in file order.
    pub found: Vec<Miss>,
    /// Rules whose search stopped at [`Limits::work`] before finding any
    /// change: `proven` is how many changes were ruled out.
    pub stopped: Vec<(u32, usize)>,
}

/// What a what-would-it-take search aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// This tier (an index into `ir::Program::tiers`) or a better one.
    Tier(u32),
    /// Membership of this segment (an index into `ir::Program::segments`).
    Segment(u32),
}

/// The solver's answer for one lead and one target tier.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The lead already is in the target tier or a better one.
    AlreadyThere {
        /// The lead's tier.
        tier: u32,
    },
    /// The lead already is in the target segment.
    AlreadyIn,
    /// These changes, applied together, meet the target (the tier or a
    /// better one, or the segment), and no fewer changes do.
    Reachable {
        /// The changes, in field order.
        changes: Vec<Change>,
        /// The verdict of the changed record.
        verdict: Verdict,
        /// Whether every answer with as few changes was compared: `false`
        /// when the search stopped at [`Limits::work`] after finding this
        /// one (no fewer changes do, but another of as many may be
        /// preferred).
        complete: bool,
    },
    /// No change within the limits reaches the target tier (a proof).
    Unreachable(Blocker),
}

/// Why a target cannot be reached.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// The target needs scores that no combination of rules gives, whatever
    /// the lead.
    ScoresOutOfReach,
    /// Changing every field that may change, in every way, does not reach it.
    FixedFields,
    /// No change of at most this many fields reaches it.
    NotWithin {
        /// [`Limits::max_changes`].
        max_changes: usize,
    },
    /// No change of at most `proven` fields reaches it, and the search
    /// for more stopped at [`Limits::work`] before it was done.
    Stopped {
        /// Every choice of up to this many changed fields was ruled out.
        proven: usize,
    },
}

/// What the search may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// At most this many fields changed together.
    pub max_changes: usize,
    /// Fields kept as they are.
    pub fixed: Vec<ir::FieldId>,
    /// At most this many rule conditions evaluated in one search (a bound
    /// on time for very large files); past it the search reports
    /// [`Blocker::Stopped`] instead of a proof.
    pub work: usize,
}

impl Limits {
    /// The levers of a program: the fields marked `fixed` in its schema and
    /// those in `fix` stay as they are; when `vary` is given, only its
    /// fields may change (marked `fixed` or not).
    pub fn levers(
        program: &ir::Program,
        max_changes: usize,
        fix: &[ir::FieldId],
        vary: Option<&[ir::FieldId]>,
    ) -> Limits {
        let fixed = (0..program.fields.len() as u32)
            .map(ir::FieldId)
            .filter(|id| match vary {
                Some(vary) => !vary.contains(id),
                None => program.field(*id).fixed || fix.contains(id),
            })
            .collect();
        Limits {
            max_changes,
            fixed,
            ..Limits::default()
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_changes: 6,
            fixed: Vec::new(),
            work: 2_000_000,
        }
    }
}

/// Work shared by many searches (the score-space lints of one file): each
/// search may spend up to its share (rule evaluations and search states),
/// and what it does not spend stays for the others. A search that spends
/// its whole share gives up, and says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    left: usize,
    share: usize,
}

impl Budget {
    /// `total` work in all, at most `share` of it per search.
    pub fn new(total: usize, share: usize) -> Budget {
        Budget { left: total, share }
    }

    /// The work not spent yet.
    pub fn left(&self) -> usize {
        self.left
    }

    /// Sets the most one search may spend from now on.
    pub fn set_share(&mut self, share: usize) {
        self.share = share;
    }

    /// Runs `search` with its share (no more than is left) and takes off
    /// what it spent.
    fn spend<T>(&mut self, search: impl FnOnce(&mut usize) -> T) -> T {
        let granted = self.share.min(self.left);
        let mut work = granted;
        let out = search(&mut work);
        self.left -= granted - work.min(granted);
        out
    }
}

/// Whether a rule can fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firing {
    /// No lead makes its condition true.
    Never,
    /// Only on leads that a disqualifier also disqualifies.
    OnlyDisqualified,
    /// On some lead that gets a tier.
    Yes,
}

/// A program ready to answer what would it take for any lead: its plan,
/// and its value classes, built once.
#[derive(Debug)]
pub struct Solver<'a> {
    program: &'a ir::Program,
    plan: &'a Plan,
    classes: Classes,
    index: index::Index,
    context: Context,
    /// [`implied::covered`], found when the lints first ask.
    covered: std::cell::OnceCell<Vec<bool>>,
}

impl<'a> Solver<'a> {
    /// A solver for `program`, whose plan is `plan`, at the as-of day of
    /// `context`.
    pub fn new(program: &'a ir::Program, plan: &'a Plan, context: &Context) -> Solver<'a> {
        Solver {
            program,
            plan,
            classes: Classes::build(program, plan, context),
            index: index::Index::new(program),
            context: *context,
            covered: std::cell::OnceCell::new(),
        }
    }

    /// The value classes the search runs over.
    pub fn classes(&self) -> &Classes {
        &self.classes
    }

    /// The fields `limits` lets change whose classes are not complete
    /// ([`FieldClasses::complete`]), in field order: a search over them
    /// finds answers but proves no minimum, and no "unreachable".
    pub fn incomplete(&self, limits: &Limits) -> Vec<ir::FieldId> {
        (self.classes.fields().iter())
            .filter(|field| !field.complete() && !limits.fixed.contains(&field.field()))
            .map(FieldClasses::field)
            .collect()
    }

    /// Every single-field change that moves `record` into another value
    /// class of that field, each to the class's member nearest the current
    /// value (just across a boundary, into or out of a list, a text that
    /// passes a test): the values `icpc test --suggest` builds examples
    /// from.
    pub fn candidates(&self, record: &Record) -> Vec<Change> {
        let mut evaluator = crate::eval::Evaluator::new(self.plan, &self.context);
        let mut changes = Vec::new();
        for field in self.classes.fields() {
            let slot = field.field().0 as usize;
            let current = record.values.get(slot).unwrap_or(&Value::Missing);
            let own = field.class_of(&mut evaluator, current);
            for class in (0..field.classes().len()).filter(|class| Some(*class) != own) {
                changes.push(Change {
                    field: field.field(),
                    value: field.value_in(&mut evaluator, class, current),
                });
            }
        }
        changes
    }

    /// The fewest changes that move `record` into tier `target` or a
    /// better one.
    pub fn solve(&self, record: &Record, target: u32, limits: &Limits) -> Answer {
        self.solve_for(record, Target::Tier(target), limits)
    }

    /// The fewest changes that meet `target` on `record`.
    pub fn solve_for(&self, record: &Record, target: Target, limits: &Limits) -> Answer {
        let mut evaluator = crate::eval::Evaluator::new(self.plan, &self.context);
        let current = evaluator.eval(record).clone();
        match target {
            Target::Tier(target) => {
                if let Some(tier) = current.tier
                    && tier <= target
                {
                    return Answer::AlreadyThere { tier };
                }
            }
            Target::Segment(segment) => {
                if current.segments.contains(&segment) {
                    return Answer::AlreadyIn;
                }
            }
        }
        let goal = match target {
            Target::Tier(tier) => search::Goal::Tier(tier),
            Target::Segment(segment) => search::Goal::Segment(segment as usize),
        };
        let space = space::Space::new(
            self.program,
            &self.index,
            &self.classes,
            &mut evaluator,
            record,
            limits,
        );
        search::run(
            &space,
            &mut search::Scratch::new(&space),
            &mut evaluator,
            goal,
            limits.max_changes,
            limits.work,
        )
    }

    /// Whether tier `tier`'s own condition holds on some lead that no
    /// disqualifier stops; `None` when the search gave up, having spent
    /// its share of `budget` (a program with many fields and classes), or
    /// found nothing over classes that are not complete.
    pub fn tier_can_hold(&self, tier: usize, budget: &mut Budget) -> Option<bool> {
        let mut evaluator = crate::eval::Evaluator::new(self.plan, &self.context);
        let record = self.clean_lead(&mut evaluator, budget)?.unwrap_or_default();
        let space = self.space_of(&mut evaluator, &record);
        let mut scratch = search::Scratch::new(&space);
        let goal = search::Goal::TierHolds(tier);
        let holds = budget
            .spend(|work| search::exists(&space, &mut scratch, &mut evaluator, goal, work))?;
        // Finding nothing proves nothing over incomplete classes.
        (holds || self.classes.fields().iter().all(FieldClasses::complete)).then_some(holds)
    }

    /// Whether each of `rules` can fire, and on a lead no disqualifier
    /// stops: `None` where the search gave up, having spent its share of
    /// `budget`, or found nothing over classes that are not complete, or,
    /// unless `prove`, where only an exhaustive search could tell. The searches share one space, that of a lead no disqualifier
    /// stops (found once), so each costs what its rule reads: a firing
    /// found for the rule from that lead changes only the rule's fields,
    /// and only the disqualifiers that read them are judged again
    /// (`clean`). A rule some disqualifier's conditions cover (`implied`)
    /// needs no more. Only when the firing is disqualified otherwise does
    /// the search over every disqualifier's fields run (with `prove`): the
    /// lints ask for the cheap answers of every rule first, then spend
    /// what is left on these.
    pub fn firings(
        &self,
        rules: &[usize],
        budget: &mut Budget,
        prove: bool,
    ) -> Vec<Option<Firing>> {
        let mut evaluator = crate::eval::Evaluator::new(self.plan, &self.context);
        let lead = self.clean_lead(&mut evaluator, budget);
        let record = lead.clone().flatten().unwrap_or_default();
        let space = self.space_of(&mut evaluator, &record);
        let mut scratch = search::Scratch::new(&space);
        let check = clean::Check::new(self.program, &self.index, &space);
        let covered = (self.covered).get_or_init(|| implied::covered(self.program));
        // A search that finds nothing proves it only over complete classes
        // (`FieldClasses::complete`); elsewhere it has given up.
        let exact = self.classes.fields().iter().all(FieldClasses::complete);
        (rules.iter())
            .map(|rule| {
                let goal = search::Goal::Fire(*rule);
                let found = budget.spend(|work| {
                    search::witness(&space, &mut scratch, &mut evaluator, goal, work)
                });
                let fields = &self.index.rule_fields[*rule];
                let exact_for_rule = fields.iter().all(|f| self.classes.field(*f).complete());
                match (found?, &lead) {
                    (None, _) => exact_for_rule.then_some(Firing::Never),
                    // Every lead is disqualified, or the rule disqualifies
                    // every lead it fires on, or another rule does.
                    (Some(_), Some(None)) => exact.then_some(Firing::OnlyDisqualified),
                    (Some(_), _) if self.program.rules[*rule].disqualifies() || covered[*rule] => {
                        Some(Firing::OnlyDisqualified)
                    }
                    (Some(choice), _) if check.is_clean(&space, &choice) => Some(Firing::Yes),
                    (Some(_), _) if !prove => None,
                    (Some(_), _) => {
                        let goal = search::Goal::FireClean(*rule);
                        let clean = budget.spend(|work| {
                            search::exists(&space, &mut scratch, &mut evaluator, goal, work)
                        });
                        match clean? {
                            true => Some(Firing::Yes),
                            false => exact.then_some(Firing::OnlyDisqualified),
                        }
                    }
                }
            })
            .collect()
    }

    /// A lead no disqualifier stops, found by a search from the empty lead
    /// (which it is when no disqualifier fires on that): `Some(None)` when
    /// every lead is disqualified, `None` when the search gave up.
    fn clean_lead(
        &self,
        evaluator: &mut crate::eval::Evaluator<'_>,
        budget: &mut Budget,
    ) -> Option<Option<Record>> {
        let empty = Record::default();
        let space = self.space_of(evaluator, &empty);
        let mut scratch = search::Scratch::new(&space);
        let goal = search::Goal::Clean;
        let choice =
            budget.spend(|work| search::witness(&space, &mut scratch, evaluator, goal, work))?;
        let Some(choice) = choice else {
            return Some(None);
        };
        let changes: Vec<Change> = (choice.iter())
            .map(|(slot, class)| {
                let slot = &space.slots[*slot];
                Change {
                    field: slot.field,
                    value: slot.moved(evaluator, &empty, *class).value.clone(),
                }
            })
            .collect();
        let lead = apply(&empty, &changes);
        // The bounds decide a full choice exactly; the plan has the last word.
        (!evaluator.eval(&lead).disqualified).then_some(Some(lead))
    }

    /// The search space of `record` with every field free to change.
    fn space_of<'s>(
        &'s self,
        evaluator: &mut crate::eval::Evaluator<'_>,
        record: &'s Record,
    ) -> space::Space<'s> {
        space::Space::new(
            self.program,
            &self.index,
            &self.classes,
            evaluator,
            record,
            &Limits::default(),
        )
    }

    /// For every scoring rule that did not fire on `record`, its nearest
    /// miss: the fewest changes within `limits` that make it fire (rules
    /// no such change fires are left out, those whose search stopped at
    /// [`Limits::work`] are listed apart), in file order.
    pub fn nearest_misses(&self, record: &Record, limits: &Limits) -> Misses {
        let mut evaluator = crate::eval::Evaluator::new(self.plan, &self.context);
        let fired = evaluator.eval(record).matched.clone();
        let space = space::Space::new(
            self.program,
            &self.index,
            &self.classes,
            &mut evaluator,
            record,
            limits,
        );
        let mut scratch = search::Scratch::new(&space);
        let mut misses = Misses::default();
        let unfired = (self.program.rules.iter().enumerate())
            .filter(|(index, rule)| rule.changes_scores() && !fired.contains(&(*index as u32)));
        for (index, _) in unfired {
            let goal = search::Goal::Fire(index);
            let (max, work) = (limits.max_changes, limits.work);
            match search::reach(&space, &mut scratch, &mut evaluator, goal, max, work) {
                search::Reached::Nothing => {}
                search::Reached::Stopped { proven } => misses.stopped.push((index as u32, proven)),
                search::Reached::Found {
                    changes,
                    verdict,
                    complete,
                } => misses.found.push(Miss {
                    rule: index as u32,
                    adds_nothing: adds_nothing(self.program, index as u32, &verdict),
                    changes,
                    verdict,
                    complete,
                }),
            }
        }
        misses
    }
}

/// Whether fired rule `rule` changes no score of `verdict`: the scores
/// are the same without it (a full group or score cap swallows its
/// points).
fn adds_nothing(program: &ir::Program, rule: u32, verdict: &Verdict) -> bool {
    let others = (verdict.matched.iter().copied()).filter(|other| *other != rule);
    crate::semantics::scores(program, others) == verdict.scores
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
