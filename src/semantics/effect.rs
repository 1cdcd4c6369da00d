//! What a fired rule does to the verdict (language-core.md, "Meaning"):
//! `+N` / `-N` add to a score, saturating instead of overflowing, and
//! `disqualify` marks the lead, which then gets no tier whatever its
//! scores (its scores and matched rules are still reported).

use crate::ir;
use crate::verdict::Verdict;

/// Adds a fired rule's effect to the verdict. An effect on a score the
/// verdict does not have (a verdict built for another program) is ignored.
pub fn apply(effect: &ir::Effect, verdict: &mut Verdict) {
    match effect {
        ir::Effect::Add { score, delta } => {
            if let Some(total) = verdict.scores.get_mut(score.0 as usize) {
                *total = total.saturating_add(*delta);
            }
        }
        ir::Effect::Disqualify { .. } => verdict.disqualified = true,
    }
}

/// The scores a lead ends with when exactly `fired` rules fire (indexes
/// into `program.rules`): each score starts at 0 and the points add up,
/// saturating.
pub fn scores(program: &ir::Program, fired: impl IntoIterator<Item = u32>) -> Vec<i64> {
    let mut scores = vec![0i64; program.scores.len()];
    for rule in fired {
        for (score, delta) in program.rules[rule as usize].adds() {
            let total = &mut scores[score.0 as usize];
            *total = total.saturating_add(delta);
        }
    }
    scores
}

/// Whether tiers are looked at once the rules have run: not for a
/// disqualified lead.
pub fn gets_tier(verdict: &Verdict) -> bool {
    !verdict.disqualified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_saturate_and_disqualification_blocks_tiers() {
        let mut verdict = Verdict {
            scores: vec![i64::MAX - 1],
            ..Verdict::default()
        };
        let add = ir::Effect::Add {
            score: ir::ScoreId(0),
            delta: 5,
        };
        apply(&add, &mut verdict);
        assert_eq!(verdict.scores, [i64::MAX]);
        assert!(gets_tier(&verdict));
        let disqualify = ir::Effect::Disqualify {
            reason: "students".into(),
        };
        apply(&disqualify, &mut verdict);
        assert!(!gets_tier(&verdict));
    }
}
