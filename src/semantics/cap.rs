//! Score bounds and capped groups (language.md, "Score bounds and capped
//! groups"): the points of a group's fired rules add up per score and that
//! total is held within the group's bounds; then each score's total is held
//! within the score's bounds. Tiers see the capped scores. A rule that does
//! not fire (false or unknown) adds nothing, so missing data can never
//! push a group past its cap.

use crate::ir;

/// `total` held within `bounds`.
pub fn clamp(bounds: ir::Bounds, total: i64) -> i64 {
    let total = bounds.at_least.map_or(total, |low| total.max(low));
    bounds.at_most.map_or(total, |high| total.min(high))
}

/// The capped scores of a lead on which exactly the `fired` rules fired
/// (rule index and effects, any order); `scores` is the number of scores.
pub fn totals<'e>(
    caps: &ir::Caps,
    scores: usize,
    fired: impl IntoIterator<Item = (u32, &'e [ir::Effect])>,
) -> Vec<i64> {
    totals_of(caps, scores, points(fired))
}

/// The capped scores from single points: `(rule, score, delta)`. Since
/// every cap is monotone, the totals of the least points a lead can get
/// bound its capped scores from below, of the most from above.
pub fn totals_of(
    caps: &ir::Caps,
    scores: usize,
    points: impl IntoIterator<Item = (u32, usize, i64)>,
) -> Vec<i64> {
    let (mut totals, grouped) = sums(caps, scores, points);
    for (group, sums) in caps.groups.iter().zip(grouped.chunks(scores.max(1))) {
        for (total, sum) in totals.iter_mut().zip(sums) {
            *total = total.saturating_add(clamp(group.bounds, *sum));
        }
    }
    for (score, total) in totals.iter_mut().enumerate() {
        *total = clamp(caps.score(score), *total);
    }
    totals
}

/// The uncapped sums: per score of the rules in no group, and per group
/// and score (`group * scores + score`).
fn sums(
    caps: &ir::Caps,
    scores: usize,
    points: impl IntoIterator<Item = (u32, usize, i64)>,
) -> (Vec<i64>, Vec<i64>) {
    let mut free = vec![0i64; scores];
    let mut grouped = vec![0i64; caps.groups.len() * scores];
    for (rule, score, delta) in points {
        let slot = match caps.group(rule) {
            Some(group) => &mut grouped[group * scores + score],
            None => &mut free[score],
        };
        *slot = slot.saturating_add(delta);
    }
    (free, grouped)
}

/// The points of fired rules, one per score change.
fn points<'e>(
    fired: impl IntoIterator<Item = (u32, &'e [ir::Effect])>,
) -> impl Iterator<Item = (u32, usize, i64)> {
    fired.into_iter().flat_map(|(rule, effects)| {
        effects.iter().filter_map(move |effect| match effect {
            ir::Effect::Add { score, delta } => Some((rule, score.0 as usize, *delta)),
            ir::Effect::Disqualify { .. } => None,
        })
    })
}

/// One cap that changed a total: what the points added up to, and what
/// the bound let through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capped {
    /// The group, or `None` for a score's own bounds.
    pub group: Option<usize>,
    /// The score.
    pub score: usize,
    /// The total before the cap.
    pub total: i64,
    /// The total after it.
    pub capped: i64,
}

/// Every cap that changed a total for these fired rules: groups in file
/// order (each score in order), then scores. Empty when no cap bit.
pub fn capped<'e>(
    caps: &ir::Caps,
    scores: usize,
    fired: impl IntoIterator<Item = (u32, &'e [ir::Effect])>,
) -> Vec<Capped> {
    let (mut totals, grouped) = sums(caps, scores, points(fired));
    let mut found = Vec::new();
    for (index, (group, sums)) in caps
        .groups
        .iter()
        .zip(grouped.chunks(scores.max(1)))
        .enumerate()
    {
        for (score, (total, sum)) in totals.iter_mut().zip(sums).enumerate() {
            let kept = clamp(group.bounds, *sum);
            if kept != *sum {
                found.push(Capped {
                    group: Some(index),
                    score,
                    total: *sum,
                    capped: kept,
                });
            }
            *total = total.saturating_add(kept);
        }
    }
    for (score, total) in totals.iter().enumerate() {
        let kept = clamp(caps.score(score), *total);
        if kept != *total {
            found.push(Capped {
                group: None,
                score,
                total: *total,
                capped: kept,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_capped_before_the_score() {
        let add = |delta| {
            [ir::Effect::Add {
                score: ir::ScoreId(0),
                delta,
            }]
        };
        let caps = ir::Caps {
            scores: vec![ir::Bounds {
                at_least: Some(0),
                at_most: Some(40),
            }],
            groups: vec![ir::Group {
                name: "engagement".into(),
                name_span: Default::default(),
                span: Default::default(),
                bounds: ir::Bounds {
                    at_least: None,
                    at_most: Some(30),
                },
                rules: vec![0, 1],
            }],
            group_of: vec![Some(0), Some(0), None],
        };
        let (a, b, c) = (add(20), add(25), add(15));
        let fired = [(0, &a[..]), (1, &b[..]), (2, &c[..])];
        assert_eq!(totals(&caps, 1, fired), [40]);
        assert_eq!(totals(&caps, 1, [(0, &a[..]), (1, &b[..])]), [30]);
        let found = capped(&caps, 1, fired);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].total, found[0].capped), (45, 30));
        assert_eq!((found[1].total, found[1].capped), (45, 40));
    }
}
