//! The score space of a program: which rules can fire (at all, and on a
//! lead no disqualifier stops), the least and most each score can reach,
//! which tiers the scores can reach, and the smallest sets of rules that
//! reach each tier. `icpc check` turns these facts into the W3xx lints
//! (`lints`) and `icpc check --scores` prints them (`Space::to_text`).
//!
//! Whether a rule can fire is decided exactly, by a depth-first search over
//! the value classes of the fields the rule (and, for a clean firing,
//! every disqualifier) reads, the rule's own fields first, from a lead no
//! disqualifier stops (`whatif::Solver::firings`). Whether a tier can hold
//! is the bounds' verdict and, when the bounds allow it, an exact search
//! over every field's classes (all scores and rules together,
//! disqualifiers included). All those searches share one work budget
//! ([`LINT_WORK`]): a firing search that gives up takes its rule to fire,
//! a tier search that gives up leaves the bounds' verdict, so a lint never
//! claims what was not proven, and `--scores` lists which facts are
//! bounds (so does a search that finds nothing over a field whose value
//! classes are not complete: many pattern tests on one text field) ([`Space::assumed`], [`Space::bounded`]). The score ranges add
//! up the effects of the rules that can fire cleanly, each on its own: a
//! true bound, exact when no two of those rules exclude each other.

mod errors;
mod lints;
mod tiers;

pub use lints::lints;

use crate::ir;
use crate::plan::Plan;
use crate::verdict::Context;
use crate::whatif::{Budget, Solver};

pub use crate::whatif::Firing;

/// The work (rule evaluations and search states) all the searches of one
/// file may spend together, so that the lints of any file cost a bounded,
/// predictable time (decision 024: about 0.1 s at this machine's speed).
/// Past it a rule is taken to fire and a tier to be within reach, and
/// `icpc check --scores` lists those facts as bounds.
pub const LINT_WORK: usize = 2_000_000;

/// The most one firing search may spend in the first pass over the rules:
/// almost every rule is decided well within it, and the few that are not
/// share what the first pass left.
const FIRST_SHARE: usize = 20_000;

/// What a program's rules can do to its scores and tiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Space {
    /// Per rule, in file order.
    pub firing: Vec<Firing>,
    /// Per rule: taken to fire on a tiered lead because its search gave up
    /// (its [`Space::firing`] is `Yes` without a proof).
    pub assumed: Vec<bool>,
    /// Per score: the least and the most it can reach on a lead that gets
    /// a tier.
    pub ranges: Vec<(i64, i64)>,
    /// Per tier: whether some scores within the ranges satisfy it.
    pub reachable: Vec<bool>,
    /// Per tier: reachable by the score bounds only, the search that
    /// could rule it out having given up.
    pub bounded: Vec<bool>,
    /// Per tier: up to three smallest sets of rules (indexes) whose effects
    /// alone satisfy it; empty when none of at most four rules does.
    pub smallest: Vec<Vec<Vec<u32>>>,
}

impl Space {
    /// The score space of `program` (whose plan is `plan`); `within`
    /// windows count from `context`'s as-of day, which only moves where
    /// the date classes split.
    pub fn analyse(program: &ir::Program, plan: &Plan, context: &Context) -> Space {
        Space::analyse_within(program, plan, context, LINT_WORK)
    }

    /// [`Space::analyse`] with `work` for all its searches together.
    pub fn analyse_within(
        program: &ir::Program,
        plan: &Plan,
        context: &Context,
        work: usize,
    ) -> Space {
        let solver = Solver::new(program, plan, context);
        let mut budget = Budget::new(work, FIRST_SHARE);
        let (firing, assumed) = firings(&solver, program.rules.len(), &mut budget);
        let mut ranges = vec![(0i64, 0i64); program.scores.len()];
        for (rule, firing) in program.rules.iter().zip(&firing) {
            if *firing != Firing::Yes {
                continue;
            }
            for (score, delta) in rule.adds() {
                let (low, high) = &mut ranges[score.0 as usize];
                if delta < 0 {
                    *low = low.saturating_add(delta);
                } else {
                    *high = high.saturating_add(delta);
                }
            }
        }
        if !program.caps.is_empty() {
            ranges = capped_ranges(program, &firing);
        }
        // The tiers the bounds allow share what the firing searches left.
        let mut bounded = vec![false; program.tiers.len()];
        let mut reachable: Vec<bool> = (0..program.tiers.len())
            .map(|tier| tiers::reachable(program, tier, &ranges))
            .collect();
        let open: Vec<usize> = (0..program.tiers.len())
            .filter(|tier| reachable[*tier] && program.tiers[*tier].condition.is_some())
            .collect();
        for (at, tier) in open.iter().enumerate() {
            budget.set_share(budget.left() / (open.len() - at));
            match solver.tier_can_hold(*tier, &mut budget) {
                Some(holds) => reachable[*tier] = holds,
                None => bounded[*tier] = true,
            }
        }
        let smallest = (0..program.tiers.len())
            .map(|tier| tiers::smallest(program, tier, &firing))
            .collect();
        Space {
            firing,
            assumed,
            ranges,
            reachable,
            bounded,
            smallest,
        }
    }

    /// What `icpc check --scores` prints: the facts and, where a search
    /// gave up, which of them are bounds.
    pub fn to_text(&self, program: &ir::Program) -> String {
        let width = (program.scores.iter())
            .map(|score| score.name.len())
            .max()
            .unwrap_or(0);
        let mut out = String::from("scores (least .. most on a lead that gets a tier)\n");
        for (score, (low, high)) in program.scores.iter().zip(&self.ranges) {
            out.push_str(&format!("  {:width$}  {low} .. {high}\n", score.name));
        }
        out.push_str("tiers (smallest sets of rules that reach each)\n");
        for (index, tier) in program.tiers.iter().enumerate() {
            let sets = &self.smallest[index];
            let text = if tier.condition.is_none() {
                "otherwise".to_string()
            } else if !self.reachable[index] {
                "unreachable".to_string()
            } else if sets.is_empty() {
                "more than four rules".to_string()
            } else {
                let names = |set: &Vec<u32>| {
                    if set.is_empty() {
                        return "no rule".to_string();
                    }
                    (set.iter())
                        .map(|rule| program.rules[*rule as usize].name.as_str())
                        .collect::<Vec<_>>()
                        .join(" + ")
                };
                sets.iter().map(names).collect::<Vec<_>>().join("; ")
            };
            out.push_str(&format!("  {}: {text}\n", tier.name));
        }
        let dead: Vec<&str> = (program.rules.iter().zip(&self.firing))
            .filter(|(rule, firing)| rule.changes_scores() && **firing != Firing::Yes)
            .map(|(rule, _)| rule.name.as_str())
            .collect();
        if !dead.is_empty() {
            out.push_str(&format!(
                "rules that never score a tiered lead: {}\n",
                dead.join(", ")
            ));
        }
        let assumed: Vec<&str> = (program.rules.iter().zip(&self.assumed))
            .filter(|(_, assumed)| **assumed)
            .map(|(rule, _)| rule.name.as_str())
            .collect();
        let bounded: Vec<&str> = (program.tiers.iter().zip(&self.bounded))
            .filter(|(_, bounded)| **bounded)
            .map(|(tier, _)| tier.name.as_str())
            .collect();
        if !assumed.is_empty() || !bounded.is_empty() {
            out.push_str("bounds (the searches stopped at their work limit)\n");
        }
        if !assumed.is_empty() {
            out.push_str(&format!(
                "  taken to fire on a tiered lead ({}): {}\n",
                assumed.len(),
                shortened(&assumed)
            ));
        }
        if !bounded.is_empty() {
            out.push_str(&format!(
                "  tiers within reach of the score ranges only: {}\n",
                bounded.join(", ")
            ));
        }
        out
    }
}

/// At most ten names, then how many more.
fn shortened(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut text = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// Whether each of `rules` rules can fire, and which were taken to fire
/// because their search gave up. A first pass settles what needs no
/// exhaustive search (a firing that is clean, or covered by a
/// disqualifier), each search with a small share; a second gives the
/// exhaustive proofs that share each, in file order; the rules left share
/// what is left, evenly.
fn firings(solver: &Solver<'_>, rules: usize, budget: &mut Budget) -> (Vec<Firing>, Vec<bool>) {
    let all: Vec<usize> = (0..rules).collect();
    let mut found = solver.firings(&all, budget, false);
    for last in [false, true] {
        let undecided: Vec<usize> = (0..rules).filter(|rule| found[*rule].is_none()).collect();
        if undecided.is_empty() || budget.left() == 0 {
            break;
        }
        if last {
            budget.set_share(budget.left() / undecided.len());
        }
        for (rule, firing) in undecided
            .iter()
            .zip(solver.firings(&undecided, budget, true))
        {
            found[*rule] = firing;
        }
    }
    let assumed = found.iter().map(Option::is_none).collect();
    let firing = (found.into_iter())
        .map(|firing| firing.unwrap_or(Firing::Yes))
        .collect();
    (firing, assumed)
}

/// The least and most of every score with the caps: the capped totals of
/// the negative and of the positive points of the rules that can fire
/// (caps are monotone, so these bound every lead's capped scores).
fn capped_ranges(program: &ir::Program, firing: &[Firing]) -> Vec<(i64, i64)> {
    let points = |negative: bool| {
        (program.rules.iter().zip(firing).enumerate())
            .filter(|(_, (_, firing))| **firing == Firing::Yes)
            .flat_map(move |(index, (rule, _))| {
                (rule.adds())
                    .filter(move |(_, delta)| (*delta < 0) == negative)
                    .map(move |(score, delta)| (index as u32, score.0 as usize, delta))
            })
    };
    let scores = program.scores.len();
    let low = crate::semantics::cap::totals_of(&program.caps, scores, points(true));
    let high = crate::semantics::cap::totals_of(&program.caps, scores, points(false));
    low.into_iter().zip(high).collect()
}

#[cfg(test)]
mod tests {
    use super::{Firing, Space};
    use crate::diagnostic::Code;

    const STUDENTS: &str = "schema {\n  email: text\n  employees: int\n}\nscore fit\n\
        rule big: employees > 100 => fit +50\n\
        rule students: email ends_with \"university.edu\" => fit +10\n\
        rule edu: email ends_with \".edu\" => disqualify \"students are not buyers\"\n\
        tier A: fit >= 55\ntier B: otherwise\n";

    fn space_within(text: &str, work: usize) -> (crate::RuleSet, Space) {
        let rules = crate::RuleSet::compile("rules.icp", text).expect("compiles");
        let context = crate::verdict::Context { as_of: 20_000 };
        let space = Space::analyse_within(rules.program(), rules.plan(), &context, work);
        (rules, space)
    }

    /// With the budget spent before any search, nothing is proven: every
    /// rule is taken to fire cleanly (so no W304) and every tier the
    /// bounds allow is within reach (no W301), and `--scores` says so.
    #[test]
    fn a_spent_budget_leaves_bounds_and_says_so() {
        let (rules, space) = space_within(STUDENTS, 0);
        assert_eq!(space.firing, [Firing::Yes; 3]);
        assert_eq!(space.assumed, [true; 3]);
        assert_eq!(space.reachable, [true, true]);
        assert_eq!(space.bounded, [true, false]);
        let lints = super::lints(rules.program(), &space);
        assert!(lints.is_empty(), "{lints:?}");
        let text = space.to_text(rules.program());
        assert!(
            text.ends_with(
                "bounds (the searches stopped at their work limit)\n  \
                 taken to fire on a tiered lead (3): big, students, edu\n  \
                 tiers within reach of the score ranges only: A\n"
            ),
            "{text}"
        );
    }

    /// With work to spare the same file's facts are proven: `students`
    /// only fires where `edu` disqualifies, and tier A is reached only
    /// with `big`'s points and a lead `edu` does not stop.
    #[test]
    fn a_budget_to_spare_proves_every_fact() {
        let (_, space) = space_within(STUDENTS, super::LINT_WORK);
        assert_eq!(
            space.firing,
            [
                Firing::Yes,
                Firing::OnlyDisqualified,
                Firing::OnlyDisqualified
            ]
        );
        assert_eq!(space.assumed, [false; 3]);
        assert_eq!(space.bounded, [false, false]);
        assert_eq!(space.reachable, [false, true]);
    }

    /// A rule that only fires on disqualified leads, among 1,500 others
    /// (the searches share one budget, with no size above which they stop):
    /// W304 is reported at its line.
    #[test]
    fn a_rule_dead_under_disqualifiers_is_found_among_many() {
        let mut text = String::from(
            "schema {\n  email: text\n  industry: text\n  employees: int\n}\nscore fit\n",
        );
        for index in 0..1_500 {
            text.push_str(&format!("rule r{index}: employees > {index} => fit +1\n"));
        }
        text.push_str(
            "rule students: email ends_with \"university.edu\" => fit +10\n\
             rule edu: email ends_with \".edu\" => disqualify \"students are not buyers\"\n\
             tier A: fit >= 40\ntier B: otherwise\n",
        );
        let source = crate::source::Source::new("rules.icp", text);
        let warnings = match crate::lint(&source) {
            Ok(checked) => checked.warnings,
            Err(diagnostics) => diagnostics,
        };
        let dead: Vec<String> = (warnings.iter())
            .filter(|warning| warning.code == Code::DeadUnderDisqualifiers)
            .map(|warning| warning.message.clone())
            .collect();
        assert_eq!(
            dead,
            ["rule `students` only fires on leads that are disqualified"]
        );
    }
}
