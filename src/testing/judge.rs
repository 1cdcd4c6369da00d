//! Whether a verdict meets an example's expectations, and for each one
//! that it does not, what the verdict had instead.

use crate::ir;
use crate::verdict::Verdict;

/// An expectation that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// Index into the example's `expectations`.
    pub expectation: usize,
    /// What the verdict had instead, in the words of the expectation:
    /// `tier B`, `no tier`, `disqualified`, `fit 20`, `` `rule` did not fire``,
    /// ``not in segment `emea` (the lead is in enterprise)``.
    pub actual: String,
}

/// The expectations of `example` that `verdict` does not meet, in order.
pub fn judge(program: &ir::Program, example: &ir::Example, verdict: &Verdict) -> Vec<Miss> {
    (example.expectations.iter().enumerate())
        .filter_map(|(index, expectation)| {
            miss(program, &expectation.kind, verdict).map(|actual| Miss {
                expectation: index,
                actual,
            })
        })
        .collect()
}

/// Whether `verdict` meets every expectation (no words built).
pub fn holds(example: &ir::Example, program: &ir::Program, verdict: &Verdict) -> bool {
    example
        .expectations
        .iter()
        .all(|expectation| meets(program, &expectation.kind, verdict))
}

fn meets(program: &ir::Program, kind: &ir::ExpectationKind, verdict: &Verdict) -> bool {
    match kind {
        ir::ExpectationKind::Tier(tier) => !verdict.disqualified && verdict.tier == Some(*tier),
        ir::ExpectationKind::NoTier => !verdict.disqualified && verdict.tier.is_none(),
        ir::ExpectationKind::Disqualified(None) => verdict.disqualified,
        ir::ExpectationKind::Disqualified(Some(reason)) => {
            disqualify_reasons(program, verdict).contains(&reason.as_str())
        }
        ir::ExpectationKind::Fires { rule, fires } => verdict.matched.contains(rule) == *fires,
        ir::ExpectationKind::Score { score, value } => {
            verdict.scores.get(score.0 as usize).copied().unwrap_or(0) == *value
        }
        ir::ExpectationKind::Segment { segment, member } => {
            verdict.segments.contains(segment) == *member
        }
    }
}

fn miss(program: &ir::Program, kind: &ir::ExpectationKind, verdict: &Verdict) -> Option<String> {
    if meets(program, kind, verdict) {
        return None;
    }
    Some(match kind {
        ir::ExpectationKind::Tier(_)
        | ir::ExpectationKind::NoTier
        | ir::ExpectationKind::Disqualified(None) => outcome_text(program, verdict),
        ir::ExpectationKind::Disqualified(Some(_)) => {
            let reasons = disqualify_reasons(program, verdict);
            if reasons.is_empty() {
                outcome_text(program, verdict)
            } else {
                let quoted: Vec<String> =
                    reasons.iter().map(|reason| format!("{reason:?}")).collect();
                format!("disqualified {}", quoted.join(", "))
            }
        }
        ir::ExpectationKind::Fires { rule, .. } => {
            let name = &program.rules[*rule as usize].name;
            if verdict.matched.contains(rule) {
                format!("`{name}` fired")
            } else {
                format!("`{name}` did not fire")
            }
        }
        ir::ExpectationKind::Score { score, .. } => {
            let actual = verdict.scores.get(score.0 as usize).copied().unwrap_or(0);
            format!("{} {actual}", program.score(*score).name)
        }
        ir::ExpectationKind::Segment { segment, .. } => {
            let name = &program.segments[*segment as usize].name;
            let not = if verdict.segments.contains(segment) {
                ""
            } else {
                "not "
            };
            let others: Vec<&str> = (verdict.segments.iter())
                .map(|segment| program.segments[*segment as usize].name.as_str())
                .collect();
            let segments = match (verdict.disqualified, others.is_empty()) {
                (true, _) => "disqualified, so in no segment".to_string(),
                (false, true) => "the lead is in no segment".to_string(),
                (false, false) => format!("the lead is in {}", others.join(", ")),
            };
            format!("{not}in segment `{name}` ({segments})")
        }
    })
}

/// The outcome in the words of an expectation: `tier A`, `no tier`, `disqualified`.
pub fn outcome_text(program: &ir::Program, verdict: &Verdict) -> String {
    if verdict.disqualified {
        return "disqualified".to_string();
    }
    match verdict.tier {
        Some(tier) => format!("tier {}", program.tiers[tier as usize].name),
        None => "no tier".to_string(),
    }
}

fn disqualify_reasons<'p>(program: &'p ir::Program, verdict: &Verdict) -> Vec<&'p str> {
    (verdict.matched.iter())
        .filter_map(|&rule| program.rules[rule as usize].disqualify_reason())
        .collect()
}
