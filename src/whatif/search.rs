//! The search: every single-field change, then a beam search over
//! combinations of changes to distinct fields, closest to the tier first.

use super::candidates::Candidate;
use super::{Answer, Blocker, Change, Limits, apply, gap};
use crate::ir;
use crate::record::Record;
use crate::verdict::Verdict;

/// A combination of candidate changes and how close it gets.
#[derive(Clone)]
struct State {
    /// Indexes into the candidates, ascending.
    picks: Vec<usize>,
    distance: f64,
    cost: f64,
}

/// Runs the search; the first level that reaches the target wins, and
/// within it the cheapest combination.
pub fn run(
    program: &ir::Program,
    record: &Record,
    target: u32,
    candidates: &[Candidate],
    evaluate: &dyn Fn(&Record) -> Verdict,
    limits: Limits,
) -> Answer {
    let start = gap::distance(program, target, &evaluate(record));
    let mut beam = vec![State {
        picks: Vec::new(),
        distance: start,
        cost: 0.0,
    }];
    let mut tried = 0;
    for _ in 0..limits.max_fields {
        let mut next = Vec::new();
        let mut best: Option<(f64, Vec<usize>, Verdict)> = None;
        for state in &beam {
            let first = state.picks.last().map_or(0, |last| last + 1);
            for index in first..candidates.len() {
                let field = candidates[index].change.field;
                if state
                    .picks
                    .iter()
                    .any(|&pick| candidates[pick].change.field == field)
                {
                    continue;
                }
                let mut picks = state.picks.clone();
                picks.push(index);
                let verdict = evaluate(&apply(record, &changes(candidates, &picks)));
                tried += 1;
                let cost = state.cost + candidates[index].cost;
                if verdict.tier == Some(target) {
                    if best
                        .as_ref()
                        .is_none_or(|(best_cost, ..)| cost < *best_cost)
                    {
                        best = Some((cost, picks, verdict));
                    }
                    continue;
                }
                let distance = gap::distance(program, target, &verdict);
                if distance < state.distance {
                    next.push(State {
                        picks,
                        distance,
                        cost,
                    });
                }
            }
        }
        if let Some((_, picks, verdict)) = best {
            return Answer::Reachable {
                changes: changes(candidates, &picks),
                verdict,
            };
        }
        next.sort_by(|a, b| {
            a.distance
                .total_cmp(&b.distance)
                .then(a.cost.total_cmp(&b.cost))
        });
        next.truncate(limits.beam_width);
        if next.is_empty() {
            break;
        }
        beam = next;
    }
    Answer::Unreachable(Blocker::NotFound { tried })
}

fn changes(candidates: &[Candidate], picks: &[usize]) -> Vec<Change> {
    let mut changes: Vec<Change> = picks
        .iter()
        .map(|&pick| candidates[pick].change.clone())
        .collect();
    changes.sort_by_key(|change| change.field);
    changes
}
