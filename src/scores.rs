//! The score space of a program: which rules can fire (at all, and on a
//! lead no disqualifier stops), the least and most each score can reach,
//! which tiers the scores can reach, and the smallest sets of rules that
//! reach each tier. `icpc check` turns these facts into the W3xx lints
//! (`lints`) and `icpc check --scores` prints them (`Space::to_text`).
//!
//! Whether a rule can fire is decided exactly, by a depth-first search over
//! the value classes of the fields the rule (and, for a clean firing,
//! every disqualifier) reads, the rule's own fields first
//! (`whatif::Solver::can_fire_each`); a search that reaches
//! `whatif::Limits::work` takes the rule to fire, so a lint never claims
//! what was not proven. The
//! score bounds add up the effects of the rules that can fire cleanly, each
//! on its own: a true bound, exact when no two of those rules exclude each
//! other. Whether a tier can hold is the bounds' verdict and, when the
//! bounds allow it, an exact search over every field's classes (all
//! scores and rules together, disqualifiers included), which gives up
//! after `SEARCH_WORK` rule evaluations and then leaves the bounds' verdict.

mod errors;
mod lints;
mod tiers;

pub use lints::lints;

use crate::ir;
use crate::plan::Plan;
use crate::verdict::Context;
use crate::whatif::Solver;

/// Above this many rules nothing is searched: the searches, one per rule,
/// each over the classes of the fields it reads, still cost about the
/// square of the file (decision 018: compile and lints of 10,000 rules
/// took 229 s against 4 s for compile alone), so every rule is taken to
/// fire cleanly and a tier's reachability is the score bounds' verdict;
/// the lints that need a search (W304, and W301 for tiers only a search
/// rules out) stay silent rather than guess.
pub const EXACT_FIRING_MAX_RULES: usize = 500;

/// How many rule conditions the joint search of one tier may evaluate
/// (each move of a field evaluates the rules that read it) before only
/// the score bounds decide.
const SEARCH_WORK: usize = 500_000;

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

/// What a program's rules can do to its scores and tiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Space {
    /// Per rule, in file order.
    pub firing: Vec<Firing>,
    /// Per score: the least and the most it can reach on a lead that gets
    /// a tier.
    pub ranges: Vec<(i64, i64)>,
    /// Per tier: whether some scores within the ranges satisfy it.
    pub reachable: Vec<bool>,
    /// Per tier: up to three smallest sets of rules (indexes) whose effects
    /// alone satisfy it; empty when none of at most four rules does.
    pub smallest: Vec<Vec<Vec<u32>>>,
}

impl Space {
    /// The score space of `program` (whose plan is `plan`); `within`
    /// windows count from `context`'s as-of day, which only moves where
    /// the date classes split.
    pub fn analyse(program: &ir::Program, plan: &Plan, context: &Context) -> Space {
        let exact = program.rules.len() <= EXACT_FIRING_MAX_RULES;
        let solver = exact.then(|| Solver::new(program, plan, context));
        let firing: Vec<Firing> = match &solver {
            None => vec![Firing::Yes; program.rules.len()],
            Some(solver) => {
                let rules: Vec<usize> = (0..program.rules.len()).collect();
                let fires = solver.can_fire_each(&rules, false);
                let fire: Vec<usize> = rules.into_iter().filter(|rule| fires[*rule]).collect();
                let clean = solver.can_fire_each(&fire, true);
                let mut firing = vec![Firing::Never; program.rules.len()];
                for (rule, clean) in fire.into_iter().zip(clean) {
                    firing[rule] = if clean {
                        Firing::Yes
                    } else {
                        Firing::OnlyDisqualified
                    };
                }
                firing
            }
        };
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
        let reachable = (0..program.tiers.len())
            .map(|tier| {
                tiers::reachable(program, tier, &ranges)
                    && (solver.as_ref())
                        .is_none_or(|solver| solver.tier_can_hold(tier, SEARCH_WORK) != Some(false))
            })
            .collect();
        let smallest = (0..program.tiers.len())
            .map(|tier| tiers::smallest(program, tier, &firing))
            .collect();
        Space {
            firing,
            ranges,
            reachable,
            smallest,
        }
    }

    /// What `icpc check --scores` prints.
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
        out
    }
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
    use crate::diagnostic::Code;

    /// A rule that only fires on disqualified leads, among 450 others
    /// (just under `EXACT_FIRING_MAX_RULES`): W304 is reported at its line.
    #[test]
    fn a_rule_dead_under_disqualifiers_is_found_among_many() {
        let mut text = String::from(
            "schema {\n  email: text\n  industry: text\n  employees: int\n}\nscore fit\n",
        );
        for index in 0..450 {
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
