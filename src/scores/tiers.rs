//! Tiers in the score space: whether scores within the reachable ranges
//! satisfy a tier (all its score tests together, `whatif::bounds`), and
//! the smallest sets of rules whose effects alone satisfy it.

use super::Firing;
use crate::ir;
use crate::whatif::bounds::Outlook;

/// At most this many rules in a smallest set.
const MAX_RULES: usize = 4;
/// At most this many sets are tried per tier.
const MAX_TRIES: usize = 200_000;
/// At most this many smallest sets are kept per tier.
const MAX_SETS: usize = 3;

/// Whether some scores within `ranges` satisfy tier `tier`'s condition.
pub fn reachable(program: &ir::Program, tier: usize, ranges: &[(i64, i64)]) -> bool {
    let outlook = Outlook {
        low: ranges.iter().map(|range| range.0).collect(),
        high: ranges.iter().map(|range| range.1).collect(),
        surely_disqualified: false,
    };
    outlook.can_hold(program, tier)
}

/// Up to three smallest sets of rules that can fire on a tiered lead and
/// whose effects alone (every other rule silent) satisfy tier `tier`.
pub fn smallest(program: &ir::Program, tier: usize, firing: &[Firing]) -> Vec<Vec<u32>> {
    let mut candidates: Vec<(u32, i64)> = (program.rules.iter().zip(firing).enumerate())
        .filter(|(_, (rule, firing))| rule.changes_scores() && **firing == Firing::Yes)
        .map(|(index, (rule, _))| {
            let largest = rule.adds().map(|(_, delta)| delta.abs()).max();
            (index as u32, largest.unwrap_or(0))
        })
        .collect();
    candidates.sort_by_key(|(index, delta)| (std::cmp::Reverse(*delta), *index));
    let mut tries = 0;
    for size in 0..=MAX_RULES.min(candidates.len()) {
        let mut found = Vec::new();
        let mut chosen = Vec::with_capacity(size);
        sets(
            program,
            tier,
            &candidates,
            size,
            0,
            &mut chosen,
            &mut found,
            &mut tries,
        );
        if !found.is_empty() || tries >= MAX_TRIES {
            return found;
        }
    }
    Vec::new()
}

/// Every set of `size` candidates from `from` on, extending `chosen`.
#[expect(clippy::too_many_arguments, reason = "a recursive enumeration's state")]
fn sets(
    program: &ir::Program,
    tier: usize,
    candidates: &[(u32, i64)],
    size: usize,
    from: usize,
    chosen: &mut Vec<usize>,
    found: &mut Vec<Vec<u32>>,
    tries: &mut usize,
) {
    if found.len() >= MAX_SETS || *tries >= MAX_TRIES {
        return;
    }
    if chosen.len() == size {
        *tries += 1;
        let scores =
            crate::semantics::scores(program, chosen.iter().map(|&pick| candidates[pick].0));
        let outlook = Outlook {
            low: scores.clone(),
            high: scores,
            surely_disqualified: false,
        };
        if outlook.can_hold(program, tier) {
            let mut set: Vec<u32> = chosen.iter().map(|&pick| candidates[pick].0).collect();
            set.sort_unstable();
            found.push(set);
        }
        return;
    }
    for next in from..candidates.len() {
        chosen.push(next);
        sets(
            program,
            tier,
            candidates,
            size,
            next + 1,
            chosen,
            found,
            tries,
        );
        chosen.pop();
    }
}
